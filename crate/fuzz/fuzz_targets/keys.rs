//! Path validation, S3 key encoding and `s3://` links on arbitrary text. Nothing panics, and anything
//! accepted is safe to use as a key under a prefix and as a local file name: no `.` or `..` segment
//! (also percent-encoded), not absolute, no backslash, no control character, no empty segment, no drive
//! letter; keys encode and decode back to themselves, and links read back to what they name.
#![no_main]

use bookstore::keys::{encode_key, normalize_prefix, object_key, parse_s3_uri, relative_path, validate_path};
use bookstore::keys::{Rule, S3Location, MAX_KEY_BYTES};
use libfuzzer_sys::fuzz_target;
use percent_encoding::percent_decode_str;

fuzz_target!(|text: &str| {
    if validate_path(text).is_ok() {
        assert_safe(text);
        // Any accepted path has a key under a valid prefix, unless the key would be too long.
        match object_key("workspace", text) {
            Ok(key) => {
                assert!(key.len() <= MAX_KEY_BYTES);
                assert_eq!(relative_path("workspace", &key), Some(text));
                assert_encodes(&key);
            }
            Err(e) => assert!(matches!(e.rule, Rule::TooLong(_)), "{text:?}: {e:?}"),
        }
    } else {
        assert!(object_key("workspace", text).is_err());
    }

    if let Ok(prefix) = normalize_prefix("workspacePrefix", text, "ada") {
        assert!(!prefix.starts_with('/') && !prefix.ends_with('/'));
        assert_safe(&prefix);
    }

    if let Ok(location) = parse_s3_uri(text) {
        assert_safe(&location.key);
        assert!(validate_path(&location.key).is_ok());
        assert_eq!(parse_s3_uri(&link(&location)).as_ref(), Ok(&location), "{text:?}");
    }
    // The same text as a key of a link to a valid bucket.
    let uri = format!("s3://team-bucket/{text}");
    if let Ok(location) = parse_s3_uri(&uri) {
        assert_safe(&location.key);
        assert_eq!(parse_s3_uri(&link(&location)).as_ref(), Ok(&location), "{uri:?}");
    }
});

fn link(location: &S3Location) -> String {
    let mut link = format!("s3://{}/{}", location.bucket, location.key);
    if let Some(id) = &location.version_id {
        link.push_str("?versionId=");
        link.push_str(id);
    }
    link
}

fn assert_safe(path: &str) {
    assert!(!path.is_empty());
    assert!(!path.starts_with('/'), "{path:?}");
    assert!(!path.contains('\\'), "{path:?}");
    assert!(!path.chars().any(char::is_control), "{path:?}");
    let b = path.as_bytes();
    assert!(!(b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'), "{path:?}");
    for segment in path.split('/') {
        assert!(!segment.is_empty(), "{path:?}");
        let decoded = percent_decode_str(segment).decode_utf8_lossy();
        assert!(decoded != "." && decoded != "..", "{path:?}");
    }
}

/// The encoding keeps only S3's unreserved characters and `/`, and decodes back to the key.
fn assert_encodes(key: &str) {
    let encoded = encode_key(key);
    assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~/%".contains(&b)), "{key:?} -> {encoded:?}");
    assert_eq!(percent_decode_str(&encoded).decode_utf8().as_deref(), Ok(key));
}
