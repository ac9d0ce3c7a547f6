//! A diff read back as what a person checks: which cells were added, removed or changed, with the
//! changed source lines, and whether outputs, metadata or execution counts changed. The command line
//! prints it; the browser renders the full diff itself.

use serde_json::Value;

use crate::compare::text_of;
use crate::format::{Entry, Inserted};
use crate::generic::splitlines;

/// What happened to one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellStatus {
    /// Only in the second notebook.
    Added,
    /// Only in the first notebook.
    Removed,
    /// In both, changed.
    Changed,
}

/// One cell that differs.
#[derive(Debug, Clone, PartialEq)]
pub struct CellChange {
    /// Added, removed or changed.
    pub status: CellStatus,
    /// Its index in the first notebook (none when added).
    pub base: Option<usize>,
    /// Its index in the second notebook (none when removed).
    pub remote: Option<usize>,
    /// `code`, `markdown` or `raw`.
    pub cell_type: String,
    /// Changed source lines, each `('-', old)` or `('+', new)`, with their line endings removed.
    pub lines: Vec<(char, String)>,
    /// Outputs differ (a changed cell).
    pub outputs: bool,
    /// Metadata differs (a changed cell).
    pub metadata: bool,
    /// The execution count differs (a changed cell).
    pub execution_count: bool,
}

/// The changes of a whole diff.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    /// Cells that differ, in notebook order.
    pub cells: Vec<CellChange>,
    /// The notebook's own metadata differs.
    pub metadata: bool,
}

/// Reads `diff` (of `base`, normalized) back into a [`Summary`].
pub fn summarize(base: &Value, diff: &[Entry]) -> Summary {
    let mut summary = Summary::default();
    for entry in diff {
        match entry {
            Entry::PatchKey { key, diff } if key == "cells" => summary.cells = cell_changes(base, diff),
            Entry::Add { key, .. }
            | Entry::Remove { key }
            | Entry::Replace { key, .. }
            | Entry::PatchKey { key, .. }
                if key == "metadata" =>
            {
                summary.metadata = true
            }
            _ => {}
        }
    }
    summary
}

fn cells(notebook: &Value) -> &[Value] {
    notebook.get("cells").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

fn whole(cell: &Value, status: CellStatus, base: Option<usize>, remote: Option<usize>) -> CellChange {
    let tag = if status == CellStatus::Added { '+' } else { '-' };
    let source = cell.get("source").map(text_of).unwrap_or_default();
    CellChange {
        status,
        base,
        remote,
        cell_type: cell_type(cell),
        lines: splitlines(&source).into_iter().map(|line| (tag, without_ending(line))).collect(),
        outputs: false,
        metadata: false,
        execution_count: false,
    }
}

fn cell_type(cell: &Value) -> String {
    cell.get("cell_type").and_then(Value::as_str).unwrap_or("cell").to_owned()
}

fn cell_changes(base: &Value, diff: &[Entry]) -> Vec<CellChange> {
    let base_cells = cells(base);
    let mut changes = Vec::new();
    // Cells before an entry's key are unchanged: both indices move on together.
    let (mut i, mut j) = (0usize, 0usize);
    for entry in diff {
        match entry {
            Entry::AddRange { key, values: Inserted::Items(items) } => {
                j += key - i;
                i = *key;
                for (offset, cell) in items.iter().enumerate() {
                    changes.push(whole(cell, CellStatus::Added, None, Some(j + offset)));
                }
                j += items.len();
            }
            Entry::RemoveRange { key, length } => {
                j += key - i;
                for (offset, cell) in base_cells[*key..key + length].iter().enumerate() {
                    changes.push(whole(cell, CellStatus::Removed, Some(key + offset), None));
                }
                i = key + length;
            }
            Entry::PatchItem { key, diff } => {
                j += key - i;
                let cell = &base_cells[*key];
                changes.push(changed_cell(cell, *key, j, diff));
                (i, j) = (key + 1, j + 1);
            }
            _ => {}
        }
    }
    changes
}

fn changed_cell(cell: &Value, base: usize, remote: usize, diff: &[Entry]) -> CellChange {
    let mut change = CellChange {
        status: CellStatus::Changed,
        base: Some(base),
        remote: Some(remote),
        cell_type: cell_type(cell),
        lines: Vec::new(),
        outputs: false,
        metadata: false,
        execution_count: false,
    };
    for entry in diff {
        match entry.mapping_key() {
            Some("source") => change.lines = source_lines(cell, entry),
            Some("outputs") => change.outputs = true,
            Some("metadata") => change.metadata = true,
            Some("execution_count") => change.execution_count = true,
            _ => {}
        }
    }
    change
}

fn source_lines(cell: &Value, entry: &Entry) -> Vec<(char, String)> {
    let source = cell.get("source").map(text_of).unwrap_or_default();
    let old = splitlines(&source);
    let mut lines = Vec::new();
    match entry {
        Entry::PatchKey { diff, .. } => {
            for line_entry in diff {
                match line_entry {
                    Entry::AddRange { values: Inserted::Items(added), .. } => {
                        lines.extend(added.iter().map(|line| ('+', without_ending(&text_of(line)))));
                    }
                    Entry::RemoveRange { key, length } => {
                        lines.extend(old[*key..key + length].iter().map(|line| ('-', without_ending(line))));
                    }
                    Entry::PatchItem { key, diff } => {
                        lines.push(('-', without_ending(old[*key])));
                        lines.push(('+', without_ending(&patch_chars(old[*key], diff))));
                    }
                    _ => {}
                }
            }
        }
        Entry::Replace { value, .. } => {
            lines.extend(old.iter().map(|line| ('-', without_ending(line))));
            let new = text_of(value);
            lines.extend(splitlines(&new).into_iter().map(|line| ('+', without_ending(line))));
        }
        _ => {}
    }
    lines
}

/// Applies a character diff to `line`.
pub fn patch_chars(line: &str, diff: &[Entry]) -> String {
    let chars: Vec<char> = line.chars().collect();
    let (mut out, mut at) = (String::new(), 0);
    for entry in diff {
        match entry {
            Entry::AddRange { key, values: Inserted::Text(text) } => {
                out.extend(&chars[at..*key]);
                out.push_str(text);
                at = *key;
            }
            Entry::RemoveRange { key, length } => {
                out.extend(&chars[at..*key]);
                at = key + length;
            }
            _ => {}
        }
    }
    out.extend(&chars[at..]);
    out
}

fn without_ending(line: &str) -> String {
    line.trim_end_matches(['\n', '\r']).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{diff_texts, parse, Options};

    fn notebook(cells: &str) -> String {
        format!(r#"{{"nbformat": 4, "nbformat_minor": 5, "metadata": {{}}, "cells": [{cells}]}}"#)
    }

    #[test]
    fn a_changed_word_an_added_and_a_removed_cell() {
        let a = notebook(
            r#"{"id": "a", "cell_type": "code", "source": ["x = 1\n", "print(x)"], "metadata": {}, "outputs": [], "execution_count": 1},
               {"id": "b", "cell_type": "markdown", "source": "A paragraph that goes away", "metadata": {}}"#,
        );
        let b = notebook(
            r#"{"id": "a", "cell_type": "code", "source": ["x = 1\n", "print(y)"], "metadata": {}, "outputs": [], "execution_count": 2},
               {"id": "c", "cell_type": "markdown", "source": "Something else entirely, new", "metadata": {}}"#,
        );
        let diff = diff_texts(&a, &b, Options::default()).unwrap();
        let summary = summarize(&parse(&a, "first").unwrap(), &diff);
        let statuses: Vec<_> = summary.cells.iter().map(|c| (c.status, c.base, c.remote)).collect();
        assert_eq!(
            statuses,
            vec![
                (CellStatus::Changed, Some(0), Some(0)),
                // nbdime puts an insertion before the removal at the same place.
                (CellStatus::Added, None, Some(1)),
                (CellStatus::Removed, Some(1), None)
            ]
        );
        assert_eq!(summary.cells[0].lines, vec![('-', "print(x)".to_owned()), ('+', "print(y)".to_owned())]);
        assert!(summary.cells[0].execution_count && !summary.cells[0].outputs);
        let ignoring = diff_texts(&a, &b, Options { ignore_execution_counts: true, ..Options::default() }).unwrap();
        let summary = summarize(&parse(&a, "first").unwrap(), &ignoring);
        assert!(!summary.cells[0].execution_count);
    }
}
