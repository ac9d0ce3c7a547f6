//! When do two cells, or two outputs, count as "the same one, perhaps edited"? nbdime's predicates,
//! from strict to loose: these decide what the diff shows as a changed cell rather than a removed
//! one and an added one.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::generic::{is_line_break, py_eq, similar_strings, splitlines};

/// Text compared beyond this many characters must be equal (nbdime's limits).
const TEXT_MIMEDATA_MAX_COMPARE_LENGTH: usize = 10_000;
const STREAM_MAX_COMPARE_LENGTH: usize = 1_000;

/// The text of a source or output field: a string (borrowed: outputs run to megabytes), or lines to join.
pub fn text_of(value: &Value) -> Cow<'_, str> {
    match value {
        Value::String(s) => Cow::Borrowed(s),
        Value::Array(lines) => Cow::Owned(lines.iter().filter_map(Value::as_str).collect()),
        _ => Cow::Borrowed(""),
    }
}

fn field<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    value.as_object().and_then(|map| map.get(key))
}

fn same_field(x: &Value, y: &Value, key: &str) -> bool {
    match (field(x, key), field(y, key)) {
        (Some(a), Some(b)) => py_eq(a, b),
        (a, b) => a.is_none() && b.is_none(),
    }
}

/// nbdime's `compare_text_approximate`: texts under 10 characters always align.
pub fn text_approximate(x: &str, y: &str, maxlen: Option<usize>) -> bool {
    if x.is_empty() != y.is_empty() {
        return false;
    }
    if x.chars().count() < 10 && y.chars().count() < 10 {
        return true;
    }
    similar_strings(x, y, 0.7, maxlen)
}

/// nbdime's `compare_text_strict`.
pub fn text_strict(x: &str, y: &str, maxlen: Option<usize>) -> bool {
    x == y || similar_strings(x, y, 0.95, maxlen)
}

/// Base64 data, as nbdime's pattern decides (it ignores line breaks).
fn is_base64(s: &str) -> bool {
    if s.chars().count() < 64 {
        return false;
    }
    // Line breaks are ignored: base64 is often wrapped.
    let joined: Vec<u8> = splitlines(s).iter().flat_map(|line| line.trim_end_matches(is_line_break).bytes()).collect();
    let body = joined.strip_suffix(b"==").or_else(|| joined.strip_suffix(b"=")).unwrap_or(&joined);
    let alphabet = |c: &u8| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/';
    joined.len() % 4 == 0 && body.iter().all(alphabet)
}

/// Splits text around pointer values (`0x` and 8 to 16 hex digits), which change between runs.
fn split_pointers(s: &str) -> Vec<&str> {
    let bytes = s.as_bytes();
    let (mut parts, mut start, mut at) = (Vec::new(), 0, 0);
    while at + 1 < bytes.len() {
        if bytes[at] == b'0' && (bytes[at + 1] | 0x20) == b'x' {
            let digits = bytes[at + 2..].iter().take(16).take_while(|c| c.is_ascii_hexdigit()).count();
            if digits >= 8 {
                parts.push(&s[start..at]);
                at += 2 + digits;
                start = at;
                continue;
            }
        }
        at += 1;
    }
    parts.push(&s[start..]);
    parts
}

#[derive(Clone, Copy)]
enum Strictness {
    Approximate,
    Strict,
}

fn mimedata(mimetype: &str, x: &Value, y: &Value, strictness: Strictness) -> bool {
    let mimetype = mimetype.to_lowercase();
    let compare_text = |x: &str, y: &str| match strictness {
        Strictness::Approximate => text_approximate(x, y, Some(TEXT_MIMEDATA_MAX_COMPARE_LENGTH)),
        Strictness::Strict => text_strict(x, y, Some(TEXT_MIMEDATA_MAX_COMPARE_LENGTH)),
    };
    if let (Value::String(xs), Value::String(ys)) = (x, y) {
        if mimetype == "text/plain"
            && !xs.contains('\n')
            && !ys.contains('\n')
            && split_pointers(xs) == split_pointers(ys)
        {
            return true;
        }
    }
    if mimetype.starts_with("text/") {
        return compare_text(&text_of(x), &text_of(y));
    }
    match (x, y) {
        (Value::String(xs), Value::String(ys)) if is_base64(xs) => xs == ys,
        (Value::String(xs), Value::String(ys)) => compare_text(xs, ys),
        _ => py_eq(x, y),
    }
}

fn mimebundle(x: Option<&Value>, y: Option<&Value>, strictness: Strictness) -> bool {
    let (x, y) = match (x, y) {
        (None, None) => return true,
        (Some(Value::Object(x)), Some(Value::Object(y))) => (x, y),
        _ => return false,
    };
    x.len() == y.len() && x.iter().all(|(key, xv)| y.get(key).is_some_and(|yv| mimedata(key, xv, yv, strictness)))
}

fn same_keys(x: &Map<String, Value>, y: &Map<String, Value>) -> bool {
    x.len() == y.len() && x.keys().all(|key| y.contains_key(key))
}

/// nbdime's `compare_output_approximate`: same kind and similar content; metadata and execution
/// counts ignored.
pub fn output_approximate(x: &Value, y: &Value) -> bool {
    let (Some(xm), Some(ym)) = (x.as_object(), y.as_object()) else { return py_eq(x, y) };
    if !same_field(x, y, "output_type") || !same_keys(xm, ym) {
        return false;
    }
    let mut handled = vec!["output_type", "metadata", "execution_count"];
    match field(x, "output_type").and_then(Value::as_str) {
        Some("stream") => {
            let text = |map| field(map, "text").map(text_of).unwrap_or_default();
            let (xt, yt) = (text(x), text(y));
            if !same_field(x, y, "name") || !similar_strings(&xt, &yt, 0.7, Some(STREAM_MAX_COMPARE_LENGTH)) {
                return false;
            }
            handled.extend(["name", "text"]);
        }
        Some("error") => {
            if !same_field(x, y, "ename")
                || !same_field(x, y, "evalue")
                || !tracebacks(field(x, "traceback"), field(y, "traceback"))
            {
                return false;
            }
            handled.extend(["ename", "evalue", "traceback"]);
        }
        Some("display_data" | "execute_result") => {
            if !mimebundle(xm.get("data"), ym.get("data"), Strictness::Approximate) {
                return false;
            }
            handled.push("data");
        }
        _ => {}
    }
    xm.keys().filter(|key| !handled.contains(&key.as_str())).all(|key| py_eq(&xm[key], &ym[key]))
}

fn tracebacks(x: Option<&Value>, y: Option<&Value>) -> bool {
    let (Some(x), Some(y)) = (x.and_then(Value::as_array), y.and_then(Value::as_array)) else { return x == y };
    x.len() == y.len() && x.iter().zip(y).all(|(a, b)| similar_strings(&text_of(a), &text_of(b), 0.7, None))
}

/// nbdime's `compare_output_strict`: every field but the data equal, the data nearly so.
pub fn output_strict(x: &Value, y: &Value) -> bool {
    let (Some(xm), Some(ym)) = (x.as_object(), y.as_object()) else { return py_eq(x, y) };
    if !same_field(x, y, "output_type") || !same_keys(xm, ym) {
        return false;
    }
    let others_equal =
        xm.keys().filter(|key| *key != "output_type" && *key != "data").all(|key| py_eq(&xm[key], &ym[key]));
    others_equal && mimebundle(xm.get("data"), ym.get("data"), Strictness::Strict)
}

fn outputs(cell: &Value) -> &[Value] {
    field(cell, "outputs").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

fn source(cell: &Value) -> Cow<'_, str> {
    field(cell, "source").map(text_of).unwrap_or_default()
}

fn is_code(cell: &Value) -> bool {
    field(cell, "cell_type").and_then(Value::as_str) == Some("code")
}

/// nbdime's `compare_cell_approximate`: same type, similar source.
pub fn cell_approximate(x: &Value, y: &Value) -> bool {
    same_field(x, y, "cell_type") && text_approximate(&source(x), &source(y), None)
}

/// nbdime's `compare_cell_moderate`: also outputs that align one to one (`outputs_align` decides).
pub fn cell_moderate(x: &Value, y: &Value, outputs_align: &dyn Fn(&[Value], &[Value]) -> bool) -> bool {
    if !cell_approximate(x, y) {
        return false;
    }
    if !is_code(x) {
        return true;
    }
    let (xo, yo) = (outputs(x), outputs(y));
    xo.is_empty() == yo.is_empty() && outputs_align(xo, yo)
}

/// nbdime's `compare_cell_strict`: nearly the same source, the same outputs.
pub fn cell_strict(x: &Value, y: &Value) -> bool {
    if !same_field(x, y, "cell_type") || !text_strict(&source(x), &source(y), None) {
        return false;
    }
    let (xo, yo) = (outputs(x), outputs(y));
    !is_code(x) || (xo.len() == yo.len() && xo.iter().zip(yo).all(|(a, b)| output_strict(a, b)))
}

/// The same cell by id (both must have one).
pub fn cell_by_id(x: &Value, y: &Value) -> bool {
    matches!((field(x, "id"), field(y, "id")), (Some(a), Some(b)) if py_eq(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_do_not_make_outputs_differ() {
        assert_eq!(split_pointers("<object at 0x7f3a2b1c9d80>"), vec!["<object at ", ">"]);
        assert_eq!(split_pointers("0x12"), vec!["0x12"]);
    }

    #[test]
    fn base64_is_recognised() {
        let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
        assert!(is_base64(png));
        assert!(!is_base64(&"hello world ".repeat(8)));
    }
}
