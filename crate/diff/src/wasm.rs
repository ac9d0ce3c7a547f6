//! The browser's entry point: two notebook texts in; out, as one JSON text (the page parses it once; its
//! shape is `IDiffResult` in lab-extension): the diff in nbdime's format and its summary, which the page
//! renders. The notebooks themselves do not come back: the page has their texts (the diff's indices are
//! the same in them, normalizing changes no cell's place), and megabytes of JSON out cost more time than
//! the whole diff.

use js_sys::{JsString, Uint8Array};
use serde_json::json;
use wasm_bindgen::prelude::*;

use crate::{diff_notebooks, parse, summarize, to_json, Options};

/// Diffs notebook text `base` into `remote`; returns `{"diff", "summary"}` as JSON text.
#[wasm_bindgen(js_name = diffNotebooks)]
pub fn diff_notebooks_js(
    base: &JsString,
    remote: &JsString,
    ignore_outputs: bool,
    ignore_metadata: bool,
    ignore_execution_counts: bool,
) -> Result<String, JsError> {
    let options = Options { ignore_outputs, ignore_metadata, ignore_execution_counts };
    let to_js = |error: crate::DiffError| JsError::new(&error.to_string());
    let (a, b) = (parse(&utf8_of(base), "first").map_err(to_js)?, parse(&utf8_of(remote), "second").map_err(to_js)?);
    let diff = diff_notebooks(&a, &b, options);
    let summary = summarize(&a, &diff).to_json();
    Ok(json!({"diff": to_json(&diff), "summary": summary}).to_string())
}

#[wasm_bindgen]
extern "C" {
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, source: &JsString, destination: &Uint8Array) -> EncodeIntoResult;

    type EncodeIntoResult;
    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodeIntoResult) -> u32;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeIntoResult) -> u32;
}

/// A JS string as UTF-8, written into wasm memory by the browser's `TextEncoder.encodeInto`. A `&str`
/// argument would be copied by wasm-bindgen's glue, a JS loop over the characters: on two 5 MB notebooks
/// that was 14 ms of a 32 ms diff, and `encodeInto` takes 4 to 6.
fn utf8_of(text: &JsString) -> Vec<u8> {
    let encoder = TextEncoder::new();
    let units = text.length();
    // One byte per UTF-16 unit first (notebooks are mostly ASCII); what is left then needs at most three.
    let mut bytes: Vec<u8> = Vec::with_capacity(units as usize);
    let mut read = 0;
    while read < units {
        let rest = text.slice(read, units);
        // SAFETY: the view covers the vector's spare capacity only, and lives for this one call, during
        // which nothing allocates in wasm memory (which could move or detach it).
        let result = unsafe {
            let spare = bytes.spare_capacity_mut();
            encoder.encode_into(&rest, &Uint8Array::view_mut_raw(spare.as_mut_ptr().cast(), spare.len()))
        };
        read += result.read();
        // SAFETY: encodeInto initialised exactly `written` bytes after the vector's length.
        unsafe { bytes.set_len(bytes.len() + result.written() as usize) };
        bytes.reserve((units - read) as usize * 3);
    }
    bytes
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test]
    fn texts_reach_the_diff_as_their_utf8() {
        // ASCII, two- and three-byte characters, surrogate pairs, and more non-ASCII than the first guess holds.
        let long = "é🎉".repeat(5_000);
        for text in ["", "plain", "héllo wörld", "中文 and 🎉", long.as_str()] {
            assert_eq!(utf8_of(&JsString::from(text)), text.as_bytes());
        }
    }

    #[wasm_bindgen_test]
    fn a_word_changed_in_a_notebook_beyond_ascii() {
        let notebook = |word: &str| {
            let cell =
                json!({"id": "c1", "cell_type": "markdown", "metadata": {}, "source": format!("Résumé: {word} 🎉\n")});
            JsString::from(json!({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).to_string())
        };
        let result = diff_notebooks_js(&notebook("très"), &notebook("bien"), false, false, false).ok().unwrap();
        let result: serde_json::Value = serde_json::from_str(&result).unwrap();
        let line = &result["summary"]["cells"][0]["lines"][1];
        assert_eq!(line["kind"], "added");
        assert_eq!(line["segments"], json!([["Résumé: ", false], ["bien", true], [" 🎉", false]]));
    }
}
