//! The notebook's rules on top of the generic diff, as nbdime's `diff_notebooks`: cells aligned by id,
//! then by near-equality, then by similar source; sources line by line; outputs aligned and diffed
//! with their data per MIME type; attachments per name. Options leave out outputs, metadata or
//! execution counts.

use serde_json::{Map, Value};

use crate::compare;
use crate::format::{Entry, MappingBuilder};
use crate::generic::{diff, diff_aligned, diff_strings_linewise, py_eq, same_kind, Plain, Rules};
use crate::snakes::{snakes_multilevel, Compare};

/// Outputs correspond when nearly equal, else when of the same kind with similar content.
const OUTPUT_COMPARES: [Compare<'static, Value>; 2] = [&compare::output_approximate, &compare::output_strict];

/// What a diff leaves out. The default compares everything, as nbdime does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Leave outputs out.
    pub ignore_outputs: bool,
    /// Leave out the notebook's, the cells' and the outputs' metadata.
    pub ignore_metadata: bool,
    /// Leave execution counts out.
    pub ignore_execution_counts: bool,
}

/// The diff of notebook `a` into notebook `b`, both nbformat 4 as [`normalize`] leaves them.
pub fn diff_notebooks(a: &Value, b: &Value, options: Options) -> Vec<Entry> {
    diff(a, b, "", &Notebook(options))
}

/// What nbformat does on reading a notebook, which nbdime's diff indices refer to: multi-line text
/// (sources, stream text, text data) joined into one string; transient fields removed.
pub fn normalize(notebook: &mut Value) {
    if let Some(metadata) = notebook.get_mut("metadata").and_then(Value::as_object_mut) {
        for transient in ["orig_nbformat", "orig_nbformat_minor", "signature"] {
            metadata.remove(transient);
        }
    }
    let Some(cells) = notebook.get_mut("cells").and_then(Value::as_array_mut) else { return };
    for cell in cells.iter_mut().filter_map(Value::as_object_mut) {
        normalize_cell(cell);
    }
}

fn normalize_cell(cell: &mut Map<String, Value>) {
    if let Some(Value::Array(_)) = cell.get("source") {
        cell["source"] = Value::String(compare::text_of(&cell["source"]).into_owned());
    }
    if let Some(metadata) = cell.get_mut("metadata").and_then(Value::as_object_mut) {
        metadata.remove("trusted");
    }
    if let Some(attachments) = cell.get_mut("attachments").and_then(Value::as_object_mut) {
        attachments.values_mut().filter_map(Value::as_object_mut).for_each(join_mimebundle);
    }
    if cell.get("cell_type").and_then(Value::as_str) != Some("code") {
        return;
    }
    let Some(outputs) = cell.get_mut("outputs").and_then(Value::as_array_mut) else { return };
    for output in outputs.iter_mut().filter_map(Value::as_object_mut) {
        match output.get("output_type").and_then(Value::as_str) {
            Some("execute_result" | "display_data") => {
                if let Some(data) = output.get_mut("data").and_then(Value::as_object_mut) {
                    join_mimebundle(data);
                }
            }
            Some(_) => {
                if let Some(Value::Array(_)) = output.get("text") {
                    output["text"] = Value::String(compare::text_of(&output["text"]).into_owned());
                }
            }
            None => {}
        }
    }
}

/// Joins the lines of every value but JSON ones (nbformat's `_rejoin_mimebundle`).
fn join_mimebundle(bundle: &mut Map<String, Value>) {
    for (mimetype, value) in bundle.iter_mut() {
        let is_json =
            mimetype == "application/json" || (mimetype.starts_with("application/") && mimetype.ends_with("+json"));
        if let Value::Array(lines) = value {
            if !is_json && lines.iter().all(Value::is_string) {
                *value = Value::String(compare::text_of(value).into_owned());
            }
        }
    }
}

/// The notebook's rules (nbdime's `notebook_config`, with `set_notebook_diff_targets` as options).
struct Notebook(Options);

impl Notebook {
    fn ignores(&self, path: &str) -> bool {
        let Options { ignore_outputs, ignore_metadata, .. } = self.0;
        match path {
            "/cells/*/outputs" => ignore_outputs,
            "/metadata" | "/cells/*/metadata" => ignore_metadata,
            _ => false,
        }
    }

    /// Drops the entries of keys the options leave out, at the top of a cell or an output.
    fn without_ignored_keys(&self, diff: Vec<Entry>) -> Vec<Entry> {
        let Options { ignore_metadata, ignore_execution_counts, .. } = self.0;
        diff.into_iter()
            .filter(|entry| match entry.mapping_key() {
                Some("execution_count") => !ignore_execution_counts,
                Some("metadata") => !ignore_metadata,
                _ => true,
            })
            .collect()
    }

    /// Whether two output lists align one to one (nbdime's `compare_outputs_approximate`, which
    /// diffs them and looks for insertions or removals: the alignment alone tells).
    fn outputs_align(&self, a: &[Value], b: &[Value]) -> bool {
        if self.0.ignore_outputs {
            return true;
        }
        let matched: usize = snakes_multilevel(a, b, &OUTPUT_COMPARES).iter().map(|snake| snake.2).sum();
        a.len() == b.len() && matched == a.len()
    }

    fn align_outputs(&self, a: &[Value], b: &[Value]) -> Vec<Entry> {
        if self.0.ignore_outputs {
            return Vec::new();
        }
        diff_aligned(a, b, "/cells/*/outputs", &OUTPUT_COMPARES, self)
    }

    fn diff_output(&self, a: &Value, b: &Value) -> Vec<Entry> {
        let kind = a.get("output_type").and_then(Value::as_str);
        let Some(("execute_result" | "display_data", Value::Object(a), Value::Object(b))) =
            kind.map(|kind| (kind, a, b))
        else {
            // nbdime diffs the other outputs as plain values.
            return self.without_ignored_keys(diff(a, b, "", &Plain));
        };
        let without_data = |map: &Map<String, Value>| {
            let mut rest = map.clone();
            rest.remove("data");
            Value::Object(rest)
        };
        let mut builder = MappingBuilder::default();
        for entry in diff(&without_data(a), &without_data(b), "", &Plain) {
            builder.push(entry);
        }
        if let (Some(Value::Object(ad)), Some(Value::Object(bd))) = (a.get("data"), b.get("data")) {
            builder.patch("data", diff_mimebundle(ad, bd));
        }
        self.without_ignored_keys(builder.finish())
    }
}

impl Rules for Notebook {
    fn diff_at(&self, a: &Value, b: &Value, path: &str) -> Vec<Entry> {
        if self.ignores(path) {
            return Vec::new();
        }
        match (path, a, b) {
            ("/cells/*", _, _) => self.without_ignored_keys(diff(a, b, path, self)),
            ("/cells/*/source", Value::String(x), Value::String(y)) => diff_strings_linewise(x, y),
            ("/cells/*/outputs/*", _, _) => self.diff_output(a, b),
            ("/cells/*/attachments", Value::Object(x), Value::Object(y)) => diff_attachments(x, y),
            _ => diff(a, b, path, self),
        }
    }

    fn is_atomic(&self, value: &Value, path: &str) -> bool {
        path == "/cells/*/id" || Plain.is_atomic(value, path)
    }

    fn align(&self, a: &[Value], b: &[Value], path: &str) -> Option<Vec<Entry>> {
        match path {
            "/cells" => {
                let moderate =
                    |x: &Value, y: &Value| compare::cell_moderate(x, y, &|xo, yo| self.outputs_align(xo, yo));
                let compares: [Compare<Value>; 4] =
                    [&compare::cell_approximate, &moderate, &compare::cell_strict, &compare::cell_by_id];
                Some(diff_aligned(a, b, path, &compares, self))
            }
            "/cells/*/outputs" => Some(self.align_outputs(a, b)),
            _ => None,
        }
    }
}

/// Attachments by name, each a MIME bundle (nbdime's `diff_attachments`).
fn diff_attachments(a: &Map<String, Value>, b: &Map<String, Value>) -> Vec<Entry> {
    diff_keyed(a, b, |key, x, y, builder| match (x, y) {
        (Value::Object(x), Value::Object(y)) => builder.patch(key, diff_mimebundle(x, y)),
        _ if !py_eq(x, y) => builder.push(Entry::Replace { key: key.to_owned(), value: y.clone() }),
        _ => {}
    })
}

/// Data by MIME type: text-like types diffed (line by line for text), the others replaced whole.
fn diff_mimebundle(a: &Map<String, Value>, b: &Map<String, Value>) -> Vec<Entry> {
    const SPLIT: [&str; 4] = ["text/", "image/svg+xml", "application/javascript", "application/json"];
    diff_keyed(a, b, |key, x, y, builder| {
        let mimetype = key.to_lowercase();
        if matches!((x, y), (Value::String(x), Value::String(y)) if x == y) {
            return;
        }
        if SPLIT.iter().any(|prefix| mimetype.starts_with(prefix)) && same_kind(x, y) {
            builder.patch(key, diff(x, y, "", &Plain));
        } else if !py_eq(x, y) {
            builder.push(Entry::Replace { key: key.to_owned(), value: y.clone() });
        }
    })
}

/// A mapping diff whose shared keys `both` decides.
fn diff_keyed(
    a: &Map<String, Value>,
    b: &Map<String, Value>,
    both: impl Fn(&str, &Value, &Value, &mut MappingBuilder),
) -> Vec<Entry> {
    let mut builder = MappingBuilder::default();
    for (key, x) in a {
        match b.get(key) {
            Some(y) => both(key, x, y, &mut builder),
            None => builder.push(Entry::Remove { key: key.clone() }),
        }
    }
    for (key, y) in b.iter().filter(|(key, _)| !a.contains_key(*key)) {
        builder.push(Entry::Add { key: key.clone(), value: y.clone() });
    }
    builder.finish()
}
