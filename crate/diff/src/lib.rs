//! Notebook diffs in nbdime's diff format, computed without a server: natively for the `bookstore diff`
//! command and the Python module, and as its own small wasm module in the browser (loaded when Compare
//! is first used). The diff equals what nbdime's `diff_notebooks` returns for the same notebooks
//! (`tests/diff` checks that against nbdime's own test notebooks), so nbdime's renderers and its
//! documentation of the format apply.
//!
//! Flow: [`diff_texts`] parses and [`normalize`]s both notebooks, then `notebook` applies the notebook's
//! rules over `generic` (mappings, sequences, strings), which aligns sequences with `snakes` and
//! compares strings with `difflib`; `compare` holds the predicates that decide which cells and outputs
//! correspond; `format` builds the entries.
#![deny(missing_docs)]

mod compare;
mod difflib;
mod error;
mod format;
mod generic;
mod notebook;
mod snakes;
mod summary;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use error::DiffError;
pub use format::{to_json, Entry, Inserted};
pub use notebook::{diff_notebooks, normalize, Options};
pub use summary::{summarize, CellChange, CellStatus, Line, LineKind, Summary};

use serde_json::Value;

/// Parses two notebooks (nbformat 4 JSON) and diffs `base` into `remote`.
pub fn diff_texts(base: &str, remote: &str, options: Options) -> Result<Vec<Entry>, DiffError> {
    let (a, b) = (parse(base, "first")?, parse(remote, "second")?);
    Ok(diff_notebooks(&a, &b, options))
}

/// Parses a notebook (its text, or that text as UTF-8 bytes) and normalizes it as nbformat reads it;
/// `which` names it in errors.
pub fn parse(text: &(impl AsRef<[u8]> + ?Sized), which: &str) -> Result<Value, DiffError> {
    let mut notebook: Value = serde_json::from_slice(text.as_ref())
        .map_err(|error| DiffError::NotJson { which: which.to_owned(), detail: error.to_string() })?;
    let version = notebook.get("nbformat").and_then(Value::as_u64);
    if version != Some(4) || !notebook.get("cells").is_some_and(Value::is_array) {
        return Err(DiffError::NotNotebook { which: which.to_owned(), version });
    }
    normalize(&mut notebook);
    Ok(notebook)
}
