//! The browser's entry point: two notebook texts in; out, as one JSON text (the page parses it once; its
//! shape is `IDiffResult` in lab-extension): the diff in nbdime's format and its summary, which the page
//! renders. The notebooks themselves do not come back: the page has their texts (the diff's indices are
//! the same in them, normalizing changes no cell's place), and megabytes of JSON out cost more time than
//! the whole diff.

use serde_json::json;
use wasm_bindgen::prelude::*;

use crate::{diff_notebooks, parse, summarize, to_json, Options};

/// Diffs notebook text `base` into `remote`; returns `{"diff", "summary"}` as JSON text.
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
    Ok(json!({"diff": to_json(&diff), "summary": summary}).to_string())
}
