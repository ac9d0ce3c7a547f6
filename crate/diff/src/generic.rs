//! Diffs of any JSON values, as nbdime's `diff`: mappings key by key (sorted), sequences aligned by a
//! longest common subsequence, strings line by line and, inside lines that correspond, character by
//! character. What a path in a notebook needs beyond this (cells, outputs, sources, attachments) is
//! decided by a [`Rules`] value: `notebook.rs` supplies the notebook's.

use serde_json::Value;

use crate::difflib::{quick_ratio, real_quick_ratio, Matcher, Opcode};
use crate::format::{Entry, MappingBuilder, SequenceBuilder};
use crate::snakes::{snakes_multilevel, Compare};

/// Path-dependent choices of a diff (nbdime's `DiffConfig`); paths look like `/cells/*/source`.
pub trait Rules {
    /// The diff of two values of the same kind (both mappings, sequences or strings) at `path`.
    fn diff_at(&self, a: &Value, b: &Value, path: &str) -> Vec<Entry> {
        diff(a, b, path, self)
    }
    /// Whether the value at `path` is replaced whole rather than diffed.
    fn is_atomic(&self, value: &Value, _path: &str) -> bool {
        !matches!(value, Value::String(_) | Value::Array(_) | Value::Object(_))
    }
    /// The sequence at `path` when it is aligned by more than equality (strictest predicate last).
    fn align(&self, _a: &[Value], _b: &[Value], _path: &str) -> Option<Vec<Entry>> {
        None
    }
}

/// No path-dependent choices: nbdime's default configuration.
pub struct Plain;

impl Rules for Plain {}

/// The diff of two values of the same kind; other pairs have no diff of their own (the caller
/// replaces them).
pub fn diff<R: Rules + ?Sized>(a: &Value, b: &Value, path: &str, rules: &R) -> Vec<Entry> {
    // Equal values have an empty diff whatever the rules: comparing them (a memcmp, mostly) is far
    // cheaper than aligning their lines (an unchanged cell of a big notebook is most of the work).
    if a == b {
        return Vec::new();
    }
    match (a, b) {
        (Value::Object(_), Value::Object(_)) => diff_mappings(a, b, path, rules),
        (Value::Array(x), Value::Array(y)) => diff_sequences(x, y, path, rules),
        (Value::String(x), Value::String(y)) => diff_strings_linewise(x, y),
        _ => Vec::new(),
    }
}

/// Whether two values are of the same container kind (Python's `type(a) is type(b)` for them).
pub fn same_kind(a: &Value, b: &Value) -> bool {
    matches!(
        (a, b),
        (Value::Object(_), Value::Object(_))
            | (Value::Array(_), Value::Array(_))
            | (Value::String(_), Value::String(_))
    )
}

fn diff_mappings<R: Rules + ?Sized>(a: &Value, b: &Value, path: &str, rules: &R) -> Vec<Entry> {
    let (Value::Object(a), Value::Object(b)) = (a, b) else { return Vec::new() };
    let mut builder = MappingBuilder::default();
    for key in a.keys().filter(|key| !b.contains_key(*key)) {
        builder.push(Entry::Remove { key: key.clone() });
    }
    for (key, avalue) in a {
        let Some(bvalue) = b.get(key) else { continue };
        let subpath = format!("{path}/{key}");
        if same_kind(avalue, bvalue) && !rules.is_atomic(avalue, &subpath) {
            builder.patch(key, rules.diff_at(avalue, bvalue, &subpath));
        } else if !py_eq(avalue, bvalue) {
            builder.push(Entry::Replace { key: key.clone(), value: bvalue.clone() });
        }
    }
    for (key, bvalue) in b.iter().filter(|(key, _)| !a.contains_key(*key)) {
        builder.push(Entry::Add { key: key.clone(), value: bvalue.clone() });
    }
    builder.finish()
}

fn diff_sequences<R: Rules + ?Sized>(a: &[Value], b: &[Value], path: &str, rules: &R) -> Vec<Entry> {
    if let Some(diff) = rules.align(a, b, path) {
        return diff;
    }
    // Aligned by equality: the items that correspond are equal, so only insertions and removals remain.
    let eq = |x: &Value, y: &Value| py_eq(x, y);
    let compares: [Compare<Value>; 1] = [&eq];
    diff_from_snakes(a, b, &snakes_multilevel(a, b, &compares), |_, _, _| Vec::new(), SequenceBuilder::add_items)
}

/// A sequence diff from an alignment: removals and insertions between snakes, `patch` inside them.
pub fn diff_from_snakes<T, F, A>(a: &[T], b: &[T], snakes: &[(usize, usize, usize)], patch: F, add: A) -> Vec<Entry>
where
    F: Fn(&T, &T, usize) -> Vec<Entry>,
    A: Fn(&mut SequenceBuilder, usize, &[T]),
{
    let mut builder = SequenceBuilder::default();
    let (mut i0, mut j0) = (0, 0);
    for &(i, j, n) in snakes.iter().chain([&(a.len(), b.len(), 0)]) {
        builder.remove(i0, i - i0);
        add(&mut builder, i0, &b[j0..j]);
        for k in 0..n {
            builder.patch(i + k, patch(&a[i + k], &b[j + k], i + k));
        }
        (i0, j0) = (i + n, j + n);
    }
    builder.finish()
}

/// Aligns sequences of values under `compares` (strictest last) and diffs aligned pairs at `path/*`.
pub fn diff_aligned<R: Rules + ?Sized>(
    a: &[Value],
    b: &[Value],
    path: &str,
    compares: &[Compare<Value>],
    rules: &R,
) -> Vec<Entry> {
    let subpath = format!("{path}/*");
    let snakes = snakes_multilevel(a, b, compares);
    diff_from_snakes(a, b, &snakes, |x, y, _| rules.diff_at(x, y, &subpath), SequenceBuilder::add_items)
}

/// Line by line; inside lines that correspond but differ, character by character.
pub fn diff_strings_linewise(a: &str, b: &str) -> Vec<Entry> {
    if a == b {
        return Vec::new();
    }
    let (la, lb) = (splitlines(a), splitlines(b));
    let similar = |x: &&str, y: &&str| similar_strings(x, y, 0.7, None);
    let equal = |x: &&str, y: &&str| x == y;
    let compares: [Compare<&str>; 2] = [&similar, &equal];
    let snakes = snakes_multilevel(&la, &lb, &compares);
    let add_lines = |builder: &mut SequenceBuilder, key: usize, lines: &[&str]| {
        let lines: Vec<Value> = lines.iter().map(|line| Value::String((*line).to_owned())).collect();
        builder.add_items(key, &lines);
    };
    diff_from_snakes(&la, &lb, &snakes, |x, y, _| diff_chars(x, y), add_lines)
}

/// Character by character (nbdime's `diff_strings_by_char`, through difflib's opcodes).
pub fn diff_chars(a: &str, b: &str) -> Vec<Entry> {
    if a == b {
        return Vec::new();
    }
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut builder = SequenceBuilder::default();
    for (tag, a0, a1, b0, b1) in Matcher::new(&ca, &cb).opcodes() {
        if matches!(tag, Opcode::Replace | Opcode::Delete) {
            builder.remove(a0, a1 - a0);
        }
        if matches!(tag, Opcode::Replace | Opcode::Insert) {
            builder.add_text(a0, cb[b0..b1].iter().collect());
        }
    }
    builder.finish()
}

/// nbdime's `compare_strings_approximate`: equal, or similar enough by difflib's ratio. Past `maxlen`
/// characters (both strings) only equality counts.
pub fn similar_strings(x: &str, y: &str, threshold: f64, maxlen: Option<usize>) -> bool {
    if x.is_empty() != y.is_empty() {
        return false;
    }
    if x == y {
        return true;
    }
    let (cx, cy): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    if real_quick_ratio(cx.len(), cy.len()) < threshold || quick_ratio(&cx, &cy) < threshold {
        return false;
    }
    if maxlen.is_some_and(|max| cx.len() > max && cy.len() > max) {
        return false;
    }
    Matcher::new(&cx, &cy).ratio() > threshold
}

/// Python's `str.splitlines(True)`: lines with their endings, on every line boundary Python knows.
pub fn splitlines(s: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let end = match c {
            '\r' if chars.peek().is_some_and(|&(_, next)| next == '\n') => {
                chars.next();
                at + 2
            }
            c if is_line_break(c) => at + c.len_utf8(),
            _ => continue,
        };
        lines.push(&s[start..end]);
        start = end;
    }
    if start < s.len() {
        lines.push(&s[start..]);
    }
    lines
}

/// The characters that end a line for Python's `str.splitlines`.
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Python's `==` on JSON values: `1 == 1.0`, `True == 1`.
pub fn py_eq(a: &Value, b: &Value) -> bool {
    let number = |v: &Value| match v {
        Value::Bool(flag) => Some(if *flag { 1.0 } else { 0.0 }),
        Value::Number(n) => n.as_f64(),
        _ => None,
    };
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() == y.is_f64() => x == y,
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| py_eq(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(key, v)| y.get(key).is_some_and(|w| py_eq(v, w)))
        }
        _ => match (number(a), number(b)) {
            (Some(x), Some(y)) => x == y,
            _ => a == b,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::to_json;
    use serde_json::json;

    #[test]
    fn splitlines_keeps_endings_like_python() {
        assert_eq!(splitlines("a\nb\r\nc\rd"), vec!["a\n", "b\r\n", "c\r", "d"]);
        assert_eq!(splitlines("a\n"), vec!["a\n"]);
        assert!(splitlines("").is_empty());
    }

    #[test]
    fn a_changed_word_is_a_patch_inside_the_line() {
        // nbdime: diff("x = 1\nprint(x)\n", "x = 1\nprint(y)\n")
        let diff = diff_strings_linewise("x = 1\nprint(x)\n", "x = 1\nprint(y)\n");
        assert_eq!(
            to_json(&diff),
            json!([{"op": "patch", "key": 1, "diff": [
                {"op": "addrange", "key": 6, "valuelist": "y"},
                {"op": "removerange", "key": 6, "length": 1}
            ]}])
        );
    }

    #[test]
    fn python_equality_on_numbers() {
        assert!(py_eq(&json!(1), &json!(1.0)));
        assert!(py_eq(&json!(true), &json!(1)));
        assert!(!py_eq(&json!("1"), &json!(1)));
    }
}
