//! The browser's entry point: two notebook texts in; out, as one JSON text (the page parses it once; its
//! shape is `INotebookDiff` in lab-extension): both notebooks normalized, the diff in nbdime's format,
//! and its summary, which the page renders.

use serde_json::json;
use wasm_bindgen::prelude::*;

use crate::{diff_notebooks, parse, summarize, to_json, Options};

/// Diffs notebook text `base` into `remote`; returns `{"base", "remote", "diff", "summary"}` as JSON
/// text, the notebooks normalized as nbformat reads them (the diff's indices refer to them).
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
    let summary = summarize(&a, &diff).to_json();
    Ok(json!({"base": a, "remote": b, "diff": to_json(&diff), "summary": summary}).to_string())
}
