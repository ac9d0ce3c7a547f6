//! nbdime's diff format: a diff is a list of entries, each an operation on one key of a mapping or one
//! index of a sequence (`add`, `remove`, `replace` on mappings; `addrange`, `removerange` on sequences;
//! `patch` on either). The builders keep entries in the order nbdime writes them, so that the JSON
//! equals what nbdime's `diff_notebooks` returns for the same input.

use serde_json::{json, Value};

/// What an `addrange` inserts: items of a list, or characters of a string (a diff inside a line).
#[derive(Debug, Clone, PartialEq)]
pub enum Inserted {
    /// Values inserted into a list.
    Items(Vec<Value>),
    /// Characters inserted into a string.
    Text(String),
}

/// One entry of a diff. Its fields are nbdime's (`key`; `value`, `valuelist`, `length` or `diff`).
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// Adds `value` at mapping key `key`.
    Add { key: String, value: Value },
    /// Removes mapping key `key`.
    Remove { key: String },
    /// Replaces the value at mapping key `key`.
    Replace { key: String, value: Value },
    /// Inserts before sequence index `key`.
    AddRange { key: usize, values: Inserted },
    /// Removes `length` items from sequence index `key`.
    RemoveRange { key: usize, length: usize },
    /// Changes the item at a sequence index by the nested diff.
    PatchItem { key: usize, diff: Vec<Entry> },
    /// Changes the value at a mapping key by the nested diff.
    PatchKey { key: String, diff: Vec<Entry> },
}

impl Entry {
    /// The entry as nbdime's JSON.
    pub fn to_json(&self) -> Value {
        match self {
            Entry::Add { key, value } => json!({"op": "add", "key": key, "value": value}),
            Entry::Remove { key } => json!({"op": "remove", "key": key}),
            Entry::Replace { key, value } => json!({"op": "replace", "key": key, "value": value}),
            Entry::AddRange { key, values: Inserted::Items(items) } => {
                json!({"op": "addrange", "key": key, "valuelist": items})
            }
            Entry::AddRange { key, values: Inserted::Text(text) } => {
                json!({"op": "addrange", "key": key, "valuelist": text})
            }
            Entry::RemoveRange { key, length } => json!({"op": "removerange", "key": key, "length": length}),
            Entry::PatchItem { key, diff } => json!({"op": "patch", "key": key, "diff": to_json(diff)}),
            Entry::PatchKey { key, diff } => json!({"op": "patch", "key": key, "diff": to_json(diff)}),
        }
    }

    /// The mapping key this entry is about (`None` for sequence entries).
    pub fn mapping_key(&self) -> Option<&str> {
        match self {
            Entry::Add { key, .. }
            | Entry::Remove { key }
            | Entry::Replace { key, .. }
            | Entry::PatchKey { key, .. } => Some(key),
            _ => None,
        }
    }

    fn sequence_key(&self) -> usize {
        match self {
            Entry::AddRange { key, .. } | Entry::RemoveRange { key, .. } | Entry::PatchItem { key, .. } => *key,
            _ => unreachable!("a mapping entry in a sequence diff"),
        }
    }
}

/// A whole diff as nbdime's JSON.
pub fn to_json(diff: &[Entry]) -> Value {
    Value::Array(diff.iter().map(Entry::to_json).collect())
}

/// Builds a sequence diff, keeping entries sorted by index with an insertion before the removal or
/// patch at the same index (nbdime's `SequenceDiffBuilder`).
#[derive(Default)]
pub struct SequenceBuilder(Vec<Entry>);

impl SequenceBuilder {
    pub fn append(&mut self, entry: Entry) {
        let key = entry.sequence_key();
        let before = |other: &Entry| match entry {
            Entry::AddRange { .. } => other.sequence_key() >= key,
            _ => other.sequence_key() > key,
        };
        let mut pos = self.0.len();
        while pos > 0 && before(&self.0[pos - 1]) {
            pos -= 1;
        }
        self.0.insert(pos, entry);
    }

    pub fn add_items(&mut self, key: usize, items: &[Value]) {
        if !items.is_empty() {
            self.append(Entry::AddRange { key, values: Inserted::Items(items.to_vec()) });
        }
    }

    pub fn add_text(&mut self, key: usize, text: String) {
        if !text.is_empty() {
            self.append(Entry::AddRange { key, values: Inserted::Text(text) });
        }
    }

    pub fn remove(&mut self, key: usize, length: usize) {
        if length > 0 {
            self.append(Entry::RemoveRange { key, length });
        }
    }

    pub fn patch(&mut self, key: usize, diff: Vec<Entry>) {
        if !diff.is_empty() {
            self.append(Entry::PatchItem { key, diff });
        }
    }

    pub fn finish(self) -> Vec<Entry> {
        self.0
    }
}

/// Builds a mapping diff; entries come out sorted by key (nbdime's `MappingDiffBuilder`).
#[derive(Default)]
pub struct MappingBuilder(Vec<Entry>);

impl MappingBuilder {
    pub fn push(&mut self, entry: Entry) {
        self.0.push(entry);
    }

    pub fn patch(&mut self, key: &str, diff: Vec<Entry>) {
        if !diff.is_empty() {
            self.0.push(Entry::PatchKey { key: key.to_owned(), diff });
        }
    }

    pub fn finish(mut self) -> Vec<Entry> {
        // Keys are unique in a mapping diff, so a stable sort on them is the whole order.
        self.0.sort_by(|a, b| a.mapping_key().cmp(&b.mapping_key()));
        self.0
    }
}
