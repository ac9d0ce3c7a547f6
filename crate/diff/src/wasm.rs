//! The browser's entry point: two notebook texts in, the normalized first notebook and the diff out,
//! as one JSON text (the page parses it once; its shape is `NotebookDiff` in lab-extension).

use serde_json::json;
use wasm_bindgen::prelude::*;

use crate::{diff_notebooks, parse, to_json, Options};

/// Diffs notebook text `base` into `remote`; returns `{"base": notebook, "diff": entries}` as JSON
/// text, `base` normalized as nbformat reads it (the diff's indices refer to it).
#[wasm_bindgen(js_name = diffNotebooks)]
pub fn diff_notebooks_js(
    base: &str,
    remote: &str,
    ignore_outputs: bool,
    ignore_metadata: bool,
    ignore_execution_counts: bool,
) -> Result<String, JsError> {
    let options = Options { ignore_outputs, ignore_metadata, ignore_execution_counts };
    let to_js = |error: crate::DiffError| JsError::new(&error.to_string());
    let (a, b) = (parse(base, "first").map_err(to_js)?, parse(remote, "second").map_err(to_js)?);
    let diff = diff_notebooks(&a, &b, options);
    Ok(json!({"base": a, "diff": to_json(&diff)}).to_string())
}
