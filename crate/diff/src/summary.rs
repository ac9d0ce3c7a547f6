//! A diff read back as what a person looks at: every cell of the two notebooks in order, unchanged,
//! added, removed or changed; for a changed cell its source line by line with the characters that
//! changed inside a line marked, and which of outputs, metadata keys and execution count changed. The
//! command line prints the changed cells of it; the browser renders all of it (`to_json`).

use serde_json::{json, Value};

use crate::compare::text_of;
use crate::format::{Entry, Inserted};
use crate::generic::splitlines;

/// What happened to one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellStatus {
    /// In both, the same.
    Unchanged,
    /// Only in the second notebook.
    Added,
    /// Only in the first notebook.
    Removed,
    /// In both, changed.
    Changed,
}

/// Where a source line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// In both.
    Same,
    /// Only in the first notebook's cell.
    Removed,
    /// Only in the second notebook's cell.
    Added,
}

/// One source line, its line ending removed, as pieces of text each marked changed or not (a line
/// edited inside shows as a removed line and an added one whose changed characters are marked).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Same, removed or added.
    pub kind: LineKind,
    /// `(text, changed)` pieces in order.
    pub segments: Vec<(String, bool)>,
}

impl Line {
    fn whole(kind: LineKind, text: &str) -> Line {
        Line { kind, segments: vec![(without_ending(text), false)] }
    }

    /// The line's text.
    pub fn text(&self) -> String {
        self.segments.iter().map(|(text, _)| text.as_str()).collect()
    }
}

/// One cell of the comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct CellChange {
    /// Unchanged, added, removed or changed.
    pub status: CellStatus,
    /// Its index in the first notebook (none when added).
    pub base: Option<usize>,
    /// Its index in the second notebook (none when removed).
    pub remote: Option<usize>,
    /// `code`, `markdown` or `raw`.
    pub cell_type: String,
    /// The source line by line (empty for an unchanged cell: it is the same in both notebooks).
    pub lines: Vec<Line>,
    /// Outputs differ (a changed cell).
    pub outputs: bool,
    /// The metadata keys that differ (a changed cell).
    pub metadata: Vec<String>,
    /// The execution count differs (a changed cell).
    pub execution_count: bool,
    /// Attachments differ (a changed markdown cell).
    pub attachments: bool,
}

impl CellChange {
    fn new(status: CellStatus, base: Option<usize>, remote: Option<usize>, cell: &Value) -> CellChange {
        let cell_type = cell.get("cell_type").and_then(Value::as_str).unwrap_or("cell").to_owned();
        let (lines, outputs, metadata, execution_count, attachments) = (Vec::new(), false, Vec::new(), false, false);
        CellChange { status, base, remote, cell_type, lines, outputs, metadata, execution_count, attachments }
    }

    /// The changed source lines, each `('-', old)` or `('+', new)`.
    pub fn changed_lines(&self) -> Vec<(char, String)> {
        let tagged = |line: &Line| match line.kind {
            LineKind::Same => None,
            LineKind::Removed => Some(('-', line.text())),
            LineKind::Added => Some(('+', line.text())),
        };
        self.lines.iter().filter_map(tagged).collect()
    }
}

/// The changes of a whole diff.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    /// Every cell of both notebooks, in notebook order.
    pub cells: Vec<CellChange>,
    /// The keys of the notebook's own metadata that differ.
    pub metadata: Vec<String>,
}

impl Summary {
    /// The cells that differ.
    pub fn changed(&self) -> impl Iterator<Item = &CellChange> {
        self.cells.iter().filter(|cell| cell.status != CellStatus::Unchanged)
    }

    /// The summary as JSON (`NotebookSummary` in lab-extension).
    pub fn to_json(&self) -> Value {
        json!({"cells": self.cells.iter().map(cell_json).collect::<Vec<_>>(), "metadata": self.metadata})
    }
}

fn cell_json(cell: &CellChange) -> Value {
    let status = match cell.status {
        CellStatus::Unchanged => "unchanged",
        CellStatus::Added => "added",
        CellStatus::Removed => "removed",
        CellStatus::Changed => "changed",
    };
    let line = |line: &Line| {
        let kind = match line.kind {
            LineKind::Same => "same",
            LineKind::Removed => "removed",
            LineKind::Added => "added",
        };
        json!({"kind": kind, "segments": line.segments.iter().map(|(t, c)| json!([t, c])).collect::<Vec<_>>()})
    };
    json!({
        "status": status, "base": cell.base, "remote": cell.remote, "cellType": cell.cell_type,
        "lines": cell.lines.iter().map(line).collect::<Vec<_>>(), "outputs": cell.outputs,
        "metadata": cell.metadata, "executionCount": cell.execution_count, "attachments": cell.attachments,
    })
}

/// Reads `diff` (of `base`, normalized) back into a [`Summary`].
pub fn summarize(base: &Value, diff: &[Entry]) -> Summary {
    let base_cells = base.get("cells").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
    let mut summary = Summary { cells: cell_changes(base_cells, &[]), metadata: Vec::new() };
    for entry in diff {
        match entry {
            Entry::PatchKey { key, diff } if key == "cells" => summary.cells = cell_changes(base_cells, diff),
            Entry::PatchKey { key, diff } if key == "metadata" => summary.metadata = changed_keys(diff),
            entry if entry.mapping_key() == Some("metadata") => summary.metadata = vec!["metadata".to_owned()],
            _ => {}
        }
    }
    summary
}

fn changed_keys(diff: &[Entry]) -> Vec<String> {
    diff.iter().filter_map(Entry::mapping_key).map(str::to_owned).collect()
}

fn whole(cell: &Value, status: CellStatus, base: Option<usize>, remote: Option<usize>) -> CellChange {
    let kind = if status == CellStatus::Added { LineKind::Added } else { LineKind::Removed };
    let source = cell.get("source").map(text_of).unwrap_or_default();
    let mut change = CellChange::new(status, base, remote, cell);
    change.lines = splitlines(&source).into_iter().map(|line| Line::whole(kind, line)).collect();
    change
}

fn cell_changes(base_cells: &[Value], diff: &[Entry]) -> Vec<CellChange> {
    let mut changes = Vec::new();
    // Cells before an entry's key are unchanged: both indices move on together.
    let (mut i, mut j) = (0usize, 0usize);
    let unchanged_until = |changes: &mut Vec<CellChange>, i: &mut usize, j: &mut usize, key: usize| {
        for (index, cell) in base_cells.iter().enumerate().take(key).skip(*i) {
            changes.push(CellChange::new(CellStatus::Unchanged, Some(index), Some(*j), cell));
            *j += 1;
        }
        *i = key.max(*i);
    };
    for entry in diff {
        match entry {
            Entry::AddRange { key, values: Inserted::Items(items) } => {
                unchanged_until(&mut changes, &mut i, &mut j, *key);
                for cell in items {
                    changes.push(whole(cell, CellStatus::Added, None, Some(j)));
                    j += 1;
                }
            }
            Entry::RemoveRange { key, length } => {
                unchanged_until(&mut changes, &mut i, &mut j, *key);
                for (offset, cell) in base_cells[*key..key + length].iter().enumerate() {
                    changes.push(whole(cell, CellStatus::Removed, Some(key + offset), None));
                }
                i = key + length;
            }
            Entry::PatchItem { key, diff } => {
                unchanged_until(&mut changes, &mut i, &mut j, *key);
                changes.push(changed_cell(&base_cells[*key], *key, j, diff));
                (i, j) = (key + 1, j + 1);
            }
            _ => {}
        }
    }
    unchanged_until(&mut changes, &mut i, &mut j, base_cells.len());
    changes
}

fn changed_cell(cell: &Value, base: usize, remote: usize, diff: &[Entry]) -> CellChange {
    let mut change = CellChange::new(CellStatus::Changed, Some(base), Some(remote), cell);
    let source = cell.get("source").map(text_of).unwrap_or_default();
    change.lines = splitlines(&source).into_iter().map(|line| Line::whole(LineKind::Same, line)).collect();
    for entry in diff {
        match (entry.mapping_key(), entry) {
            (Some("source"), entry) => change.lines = source_lines(&source, entry),
            (Some("outputs"), _) => change.outputs = true,
            (Some("metadata"), Entry::PatchKey { diff, .. }) => change.metadata = changed_keys(diff),
            (Some("metadata"), _) => change.metadata = vec!["metadata".to_owned()],
            (Some("execution_count"), _) => change.execution_count = true,
            (Some("attachments"), _) => change.attachments = true,
            _ => {}
        }
    }
    change
}

fn source_lines(source: &str, entry: &Entry) -> Vec<Line> {
    let old = splitlines(source);
    let Entry::PatchKey { diff, .. } = entry else {
        // Replaced whole (a source that was not a string): every old line out, every new one in.
        let new = match entry {
            Entry::Replace { value, .. } | Entry::Add { value, .. } => text_of(value),
            _ => "".into(),
        };
        let removed = old.iter().map(|line| Line::whole(LineKind::Removed, line));
        return removed.chain(splitlines(&new).into_iter().map(|line| Line::whole(LineKind::Added, line))).collect();
    };
    let mut lines = Vec::new();
    let mut at = 0;
    let same_until = |lines: &mut Vec<Line>, at: &mut usize, key: usize| {
        lines.extend(old[*at..key].iter().map(|line| Line::whole(LineKind::Same, line)));
        *at = key.max(*at);
    };
    for line_entry in diff {
        match line_entry {
            Entry::AddRange { key, values: Inserted::Items(added) } => {
                same_until(&mut lines, &mut at, *key);
                lines.extend(added.iter().map(|line| Line::whole(LineKind::Added, &text_of(line))));
            }
            Entry::RemoveRange { key, length } => {
                same_until(&mut lines, &mut at, *key);
                lines.extend(old[*key..key + length].iter().map(|line| Line::whole(LineKind::Removed, line)));
                at = key + length;
            }
            Entry::PatchItem { key, diff } => {
                same_until(&mut lines, &mut at, *key);
                lines.extend(edited_line(old[*key], diff));
                at = key + 1;
            }
            _ => {}
        }
    }
    same_until(&mut lines, &mut at, old.len());
    lines
}

/// A line edited inside: the old line with its removed characters marked, the new one with its added
/// characters marked.
fn edited_line(line: &str, diff: &[Entry]) -> [Line; 2] {
    let chars: Vec<char> = line.chars().collect();
    let (mut old, mut new) = (Vec::new(), Vec::new());
    let mut at = 0;
    for entry in diff {
        let (key, removed) = match entry {
            Entry::AddRange { key, .. } => (*key, 0),
            Entry::RemoveRange { key, length } => (*key, *length),
            _ => continue,
        };
        let kept: String = chars[at..key].iter().collect();
        push(&mut old, &kept, false);
        push(&mut new, &kept, false);
        if let Entry::AddRange { values: Inserted::Text(text), .. } = entry {
            push(&mut new, text, true);
        }
        push(&mut old, &chars[key..key + removed].iter().collect::<String>(), true);
        at = key + removed;
    }
    let rest: String = chars[at..].iter().collect();
    push(&mut old, &rest, false);
    push(&mut new, &rest, false);
    [Line { kind: LineKind::Removed, segments: trim(old) }, Line { kind: LineKind::Added, segments: trim(new) }]
}

/// Appends a piece, merging it into the last one when both are marked alike.
fn push(segments: &mut Vec<(String, bool)>, text: &str, changed: bool) {
    match segments.last_mut() {
        _ if text.is_empty() => {}
        Some((last, last_changed)) if *last_changed == changed => last.push_str(text),
        _ => segments.push((text.to_owned(), changed)),
    }
}

/// Removes the line ending from the last piece.
fn trim(mut segments: Vec<(String, bool)>) -> Vec<(String, bool)> {
    if let Some((last, _)) = segments.last_mut() {
        *last = without_ending(last);
    }
    segments.retain(|(text, _)| !text.is_empty());
    segments
}

fn without_ending(line: &str) -> String {
    line.trim_end_matches(['\n', '\r']).to_owned()
}

#[cfg(test)]
mod tests;
