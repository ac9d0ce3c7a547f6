//! From Jupyter paths to S3 keys and back: validation, prefixes and S3's URI encoding.
//!
//! A Jupyter path (`folder/My notebook.ipynb`) maps to `{prefix}/{path}`. Paths that could escape the
//! prefix or confuse a file system later (a clone writes a local file from a key) are rejected here,
//! before any request is made.
//!
//! The rules for buckets, prefixes, paths and keys live here alone, and this module imports no other
//! module of the crate: a broken rule is an [`Invalid`], which the `error` module turns into an error
//! with a sentence.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Which rule a bucket, prefix, path or key breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Nothing was given.
    Empty,
    /// Starts with `/`.
    Absolute,
    /// Holds a `\`.
    Backslash,
    /// Holds a control character.
    ControlCharacter,
    /// Starts with `C:` or the like.
    DriveLetter,
    /// Holds `//` or ends with `/`.
    EmptySegment,
    /// Holds a `.` or `..` segment (percent-encoded or not).
    DotSegment,
    /// Not `s3://bucket/key`.
    NotS3Link,
    /// A bucket name that is empty.
    BucketEmpty,
    /// A bucket name outside 3 to 63 characters.
    BucketLength,
    /// A bucket name with characters S3 does not allow.
    BucketCharacters,
    /// A bucket name that starts or ends with `.` or `-`.
    BucketEnds,
    /// A bucket name with `..`.
    BucketDoubleDot,
    /// A prefix uses `{user}` while the user setting is empty.
    UserMissing,
    /// The user setting holds a `/`.
    UserSlash,
    /// A prefix that is empty once trimmed.
    PrefixEmpty,
    /// A key (or the key a path maps to) over [`MAX_KEY_BYTES`]; holds its length in bytes.
    TooLong(usize),
}

/// What broke a rule: a setting (by its name), a notebook path, or a key given from outside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A setting, by its name in the settings schema.
    Setting(&'static str),
    /// A notebook path relative to the Jupyter root.
    Path(String),
    /// A whole key or link, from a clone link or the clone dialog.
    Key(String),
}

/// A broken rule and what broke it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// What broke the rule.
    pub subject: Subject,
    /// The rule broken.
    pub rule: Rule,
}

impl Invalid {
    fn setting(field: &'static str, rule: Rule) -> Self {
        Self { subject: Subject::Setting(field), rule }
    }

    fn path(path: &str, rule: Rule) -> Self {
        Self { subject: Subject::Path(path.to_owned()), rule }
    }
}

/// Short for a result whose error is a broken rule.
pub type Checked<T> = std::result::Result<T, Invalid>;

/// S3's limit on the length of a key, in UTF-8 bytes.
pub const MAX_KEY_BYTES: usize = 1024;

/// Everything but S3's unreserved characters (`A-Z a-z 0-9 - . _ ~`) is percent-encoded.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
/// Same for paths, where `/` separates segments and stays as it is.
const PATH: &AsciiSet = &QUERY_VALUE.remove(b'/');

/// Encodes a key for the URL path, as S3 and SigV4 expect: every byte but unreserved ones and `/`.
pub fn encode_key(key: &str) -> String {
    utf8_percent_encode(key, PATH).to_string()
}

/// Encodes a query parameter name or value (including `/`, `+` and spaces).
pub(crate) fn encode_query(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// A location named by a clone link: `s3://bucket/key`, optionally `?versionId=...`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct S3Location {
    /// The bucket.
    pub bucket: String,
    /// The full key.
    pub key: String,
    /// A specific version; the latest when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
}

/// Reads `s3://bucket/key[?versionId=id]`, checking the bucket name and the key ([`validate_key`]).
pub fn parse_s3_uri(uri: &str) -> Checked<S3Location> {
    let not_a_link = || Invalid::path(uri, Rule::NotS3Link);
    let rest = uri.trim().strip_prefix("s3://").ok_or_else(not_a_link)?;
    let (location, version_id) = match rest.rsplit_once("?versionId=") {
        Some((location, id)) if !id.is_empty() => (location, Some(id.to_owned())),
        _ => (rest, None),
    };
    let (bucket, key) = location.split_once('/').ok_or_else(not_a_link)?;
    validate_bucket(bucket)?;
    validate_key(key)?;
    Ok(S3Location { bucket: bucket.to_owned(), key: key.to_owned(), version_id })
}

/// Checks a notebook path relative to the Jupyter root; returns it unchanged when it is acceptable.
pub fn validate_path(path: &str) -> Checked<&str> {
    check_relative(path).map_err(|rule| Invalid::path(path, rule))?;
    Ok(path)
}

/// Checks a whole key given from outside (a clone link, the clone dialog, a published entry): as safe
/// as a path, since a clone writes a local file named after it, and within S3's limit, which S3 would
/// only enforce after the request went out (RGW answers 400 without CORS headers, which a browser
/// reports as a network failure).
pub fn validate_key(key: &str) -> Checked<&str> {
    validate_path(key)?;
    if key.len() > MAX_KEY_BYTES {
        return Err(Invalid { subject: Subject::Key(key.to_owned()), rule: Rule::TooLong(key.len()) });
    }
    Ok(key)
}

/// The key of `path` under `prefix` (a prefix from [`normalize_prefix`]).
pub fn object_key(prefix: &str, path: &str) -> Checked<String> {
    validate_path(path)?;
    let key = format!("{prefix}/{path}");
    if key.len() > MAX_KEY_BYTES {
        return Err(Invalid::path(path, Rule::TooLong(key.len())));
    }
    Ok(key)
}

/// Where renames are recorded, under the workspace prefix (see [`rename_marker`]).
const RENAMES: &str = ".bookstore/renamed";
/// An old path as one key segment: its `/`, `%` (so that decoding is exact) and non-ASCII characters
/// percent-encoded.
const SEGMENT: &AsciiSet = &percent_encoding::CONTROLS.add(b'/').add(b'%');

/// The key of the empty object recording that the notebook at `from` was renamed to `to`:
/// `{prefix}/.bookstore/renamed/{to}/from/{from, one segment}`. Listing [`rename_markers_prefix`] of
/// `to` finds every rename to it.
pub fn rename_marker(prefix: &str, to: &str, from: &str) -> Checked<String> {
    validate_path(from)?;
    let key = format!("{}{}", rename_markers_prefix(prefix, to)?, utf8_percent_encode(from, SEGMENT));
    validate_key(&key)?;
    Ok(key)
}

/// The prefix of every rename marker of `to`.
pub fn rename_markers_prefix(prefix: &str, to: &str) -> Checked<String> {
    Ok(format!("{}/from/", object_key(&format!("{prefix}/{RENAMES}"), to)?))
}

/// What one [`SEGMENT`]-encoded key segment holds; none when it is empty, holds a `/` (it is not one
/// segment) or does not decode to UTF-8.
fn decode_segment(segment: &str) -> Option<String> {
    let whole = !segment.is_empty() && !segment.contains('/');
    whole.then(|| percent_decode_str(segment).decode_utf8().ok().map(|text| text.into_owned())).flatten()
}

/// The old path a marker records, when `key` is a marker directly under `markers_prefix` (a path
/// that breaks a rule, as a hostile marker's could, is no path).
pub fn renamed_from(markers_prefix: &str, key: &str) -> Option<String> {
    let from = decode_segment(key.strip_prefix(markers_prefix)?)?;
    validate_path(&from).ok()?;
    Some(from)
}

/// Where restores are recorded, under the workspace prefix (see [`restore_marker`]).
const RESTORES: &str = ".bookstore/restored";
/// Where scheduled runs are recorded, under the workspace prefix (see [`run_marker`]).
const RUNS: &str = ".bookstore/runs";
/// Where version names are recorded, under the workspace prefix (see [`name_marker`]).
const NAMES: &str = ".bookstore/names";

/// The key of the empty object recording that version `version_id` of `path` restored its version
/// `from_version_id`: `{prefix}/.bookstore/restored/{path}/{version_id}/from/{from_version_id}`, the
/// ids percent-encoded as single segments.
pub fn restore_marker(prefix: &str, path: &str, version_id: &str, from_version_id: &str) -> Checked<String> {
    version_marker(RESTORES, prefix, path, version_id, from_version_id)
}

/// The prefix of every restore marker of `path`.
pub fn restore_markers_prefix(prefix: &str, path: &str) -> Checked<String> {
    version_markers_prefix(RESTORES, prefix, path)
}

/// The version and the version it restored, when `key` is a marker directly under `markers_prefix`.
pub fn restored(markers_prefix: &str, key: &str) -> Option<(String, String)> {
    version_marked(markers_prefix, key)
}

/// The key of the empty object recording that version `version_id` of `path` was written by a
/// scheduled run of the notebook at `source` (an `s3://` URI with its version):
/// `{prefix}/.bookstore/runs/{path}/{version_id}/from/{source}`, as [`restore_marker`].
pub fn run_marker(prefix: &str, path: &str, version_id: &str, source: &str) -> Checked<String> {
    version_marker(RUNS, prefix, path, version_id, source)
}

/// The prefix of every run marker of `path`.
pub fn run_markers_prefix(prefix: &str, path: &str) -> Checked<String> {
    version_markers_prefix(RUNS, prefix, path)
}

/// The version and the source it was run from, when `key` is a marker directly under `markers_prefix`.
pub fn ran(markers_prefix: &str, key: &str) -> Option<(String, String)> {
    version_marked(markers_prefix, key)
}

/// The key of the empty object recording that version `version_id` of `path` was given `name`:
/// `{prefix}/.bookstore/names/{path}/{version_id}/from/{name}`, as [`restore_marker`]. `name` starts
/// with the time it was given (see `ops::names`); the newest marker of a version is its name.
pub fn name_marker(prefix: &str, path: &str, version_id: &str, name: &str) -> Checked<String> {
    version_marker(NAMES, prefix, path, version_id, name)
}

/// The prefix of every name marker of `path`.
pub fn name_markers_prefix(prefix: &str, path: &str) -> Checked<String> {
    version_markers_prefix(NAMES, prefix, path)
}

/// The version and its (time-stamped) name, when `key` is a marker directly under `markers_prefix`.
pub fn named(markers_prefix: &str, key: &str) -> Option<(String, String)> {
    version_marked(markers_prefix, key)
}

/// `{prefix}/{kind}/{path}/{version_id}/from/{from}`, the last two percent-encoded as single segments.
fn version_marker(kind: &str, prefix: &str, path: &str, version_id: &str, from: &str) -> Checked<String> {
    let segment = |id: &str| utf8_percent_encode(id, SEGMENT).to_string();
    let key = format!("{}{}/from/{}", version_markers_prefix(kind, prefix, path)?, segment(version_id), segment(from));
    validate_key(&key)?;
    Ok(key)
}

fn version_markers_prefix(kind: &str, prefix: &str, path: &str) -> Checked<String> {
    Ok(format!("{}/", object_key(&format!("{prefix}/{kind}"), path)?))
}

fn version_marked(markers_prefix: &str, key: &str) -> Option<(String, String)> {
    let (version, from) = key.strip_prefix(markers_prefix)?.split_once("/from/")?;
    Some((decode_segment(version)?, decode_segment(from)?))
}

/// The path of `key` relative to `prefix`, or `None` when the key is not under it.
pub fn relative_path<'k>(prefix: &str, key: &'k str) -> Option<&'k str> {
    key.strip_prefix(prefix)?.strip_prefix('/').filter(|p| !p.is_empty())
}

/// Turns a configured prefix into its canonical form: `{user}` replaced, no leading or trailing `/`.
/// `field` names the setting in errors.
pub fn normalize_prefix(field: &'static str, raw: &str, user: &str) -> Checked<String> {
    if raw.contains("{user}") && user.is_empty() {
        return Err(Invalid::setting(field, Rule::UserMissing));
    }
    if user.contains('/') {
        return Err(Invalid::setting("user", Rule::UserSlash));
    }
    let prefix = raw.replace("{user}", user);
    let prefix = prefix.trim_matches('/');
    if prefix.is_empty() {
        return Err(Invalid::setting(field, Rule::PrefixEmpty));
    }
    check_relative(prefix).map_err(|rule| Invalid::setting(field, rule))?;
    Ok(prefix.to_owned())
}

/// S3's bucket naming rules, checked before any request so the message can be precise.
pub fn validate_bucket(bucket: &str) -> Checked<()> {
    let rule = if bucket.is_empty() {
        Rule::BucketEmpty
    } else if !(3..=63).contains(&bucket.len()) {
        Rule::BucketLength
    } else if !bucket.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-') {
        Rule::BucketCharacters
    } else if !bucket.starts_with(|c: char| c.is_ascii_alphanumeric())
        || !bucket.ends_with(|c: char| c.is_ascii_alphanumeric())
    {
        Rule::BucketEnds
    } else if bucket.contains("..") {
        Rule::BucketDoubleDot
    } else {
        return Ok(());
    };
    Err(Invalid::setting("bucket", rule))
}

/// The rule a relative path breaks, if any.
fn check_relative(path: &str) -> Result<(), Rule> {
    if path.is_empty() {
        return Err(Rule::Empty);
    }
    if path.starts_with('/') {
        return Err(Rule::Absolute);
    }
    if path.contains('\\') {
        return Err(Rule::Backslash);
    }
    if path.chars().any(char::is_control) {
        return Err(Rule::ControlCharacter);
    }
    let first = path.split('/').next().unwrap_or_default();
    if first.len() >= 2 && first.as_bytes()[1] == b':' && first.as_bytes()[0].is_ascii_alphabetic() {
        return Err(Rule::DriveLetter);
    }
    for segment in path.split('/') {
        if segment.is_empty() {
            return Err(Rule::EmptySegment);
        }
        // Also catch `%2e%2e`, which a later URL decoding could turn into `..`.
        let decoded = percent_decode_str(segment).decode_utf8_lossy();
        if decoded == "." || decoded == ".." {
            return Err(Rule::DotSegment);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, ErrorCode};

    /// The user's view of a broken rule: the error it becomes.
    fn error<T: std::fmt::Debug>(checked: Checked<T>) -> Error {
        Error::from(checked.unwrap_err())
    }

    #[test]
    fn key_encoding_follows_s3_rules() {
        let cases = [
            ("workspace/a.ipynb", "workspace/a.ipynb"),
            ("workspace/My notebook.ipynb", "workspace/My%20notebook.ipynb"),
            ("w/a+b$c%d#e?f&g=h.ipynb", "w/a%2Bb%24c%25d%23e%3Ff%26g%3Dh.ipynb"),
            ("w/Übersicht/日本.ipynb", "w/%C3%9Cbersicht/%E6%97%A5%E6%9C%AC.ipynb"),
            ("w/tilde~_-.ipynb", "w/tilde~_-.ipynb"),
            ("w/quote'\"*@!,;:().ipynb", "w/quote%27%22%2A%40%21%2C%3B%3A%28%29.ipynb"),
        ];
        for (key, encoded) in cases {
            assert_eq!(encode_key(key), encoded, "{key}");
            assert_eq!(percent_decode_str(encoded).decode_utf8().unwrap(), key, "round trip of {key}");
        }
        assert_eq!(encode_query("a/b c+d"), "a%2Fb%20c%2Bd");
    }

    #[test]
    fn accepted_paths() {
        for path in [
            "a.ipynb",
            "folder/sub/a.ipynb",
            "My notebook (copy).ipynb",
            "Übersicht/日本語.ipynb",
            "100% done+$&#?.ipynb",
            ".hidden/a.ipynb",
            "a..b.ipynb",
            "...ipynb",
        ] {
            assert_eq!(object_key("workspace", path).unwrap(), format!("workspace/{path}"));
        }
    }

    #[test]
    fn rejected_paths_say_why() {
        let long = "x".repeat(MAX_KEY_BYTES);
        let cases: &[(&str, &str)] = &[
            ("", "is empty"),
            ("/etc/passwd", "absolute"),
            ("//server/share.ipynb", "absolute"),
            ("a\\b.ipynb", "backslash"),
            ("..\\..\\a.ipynb", "backslash"),
            ("C:/Users/a.ipynb", "drive letter"),
            ("c:a.ipynb", "drive letter"),
            ("../a.ipynb", "`..` segment"),
            ("a/../../b.ipynb", "`..` segment"),
            ("a/..", "`..` segment"),
            ("./a.ipynb", "`..` segment"),
            ("%2e%2e/a.ipynb", "`..` segment"),
            ("a/%2E%2e/b.ipynb", "`..` segment"),
            ("a//b.ipynb", "empty segment"),
            ("a/", "empty segment"),
            ("a\u{0}b.ipynb", "control character"),
            ("a\nb.ipynb", "control character"),
            ("a\u{7f}.ipynb", "control character"),
            ("a\u{85}.ipynb", "control character"),
            (&long, "too long"),
        ];
        for (path, why) in cases {
            let err = error(object_key("workspace", path));
            assert_eq!(err.code(), ErrorCode::InvalidPath, "{path:?}");
            assert!(err.message().contains(why), "{path:?}: {}", err.message());
        }
    }

    #[test]
    fn the_key_length_limit_counts_bytes_and_the_prefix() {
        let max_path = "é".repeat((MAX_KEY_BYTES - "workspace/".len()) / 2);
        assert!(object_key("workspace", &max_path).is_ok());
        assert!(object_key("workspace", &format!("{max_path}é")).is_err());
    }

    #[test]
    fn prefixes() {
        assert_eq!(normalize_prefix("p", "workspace", "").unwrap(), "workspace");
        assert_eq!(normalize_prefix("p", "/team/{user}/", "ada").unwrap(), "team/ada");
        let cases = [
            ("", "", "is empty"),
            ("{user}/w", "", "`user` setting is empty"),
            ("../w", "", "`..`"),
            ("{user}", "a/b", "`/`"),
        ];
        for (raw, user, why) in cases {
            let err = error(normalize_prefix("workspacePrefix", raw, user));
            assert_eq!(err.code(), ErrorCode::InvalidConfig);
            assert!(err.message().contains(why), "{raw:?}: {}", err.message());
        }
    }

    #[test]
    fn clone_links() {
        let loc = parse_s3_uri("s3://team-bucket/published/a b/c.ipynb").unwrap();
        assert_eq!(
            (loc.bucket.as_str(), loc.key.as_str(), loc.version_id),
            ("team-bucket", "published/a b/c.ipynb", None)
        );
        let loc = parse_s3_uri(" s3://b-1/k.ipynb?versionId=3/L4kqtJ+x ").unwrap();
        assert_eq!(loc.version_id.as_deref(), Some("3/L4kqtJ+x"));
        for bad in [
            "https://b/k.ipynb",
            "s3://bucket",
            "s3://bucket/",
            "s3://Bad_Bucket/k",
            "s3://b-1/../k",
            "s3://b-1//etc/passwd",
        ] {
            assert!(parse_s3_uri(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn keys_from_outside_are_held_to_s3s_length_limit() {
        let longest = format!("published/{}", "x".repeat(MAX_KEY_BYTES - "published/".len()));
        assert_eq!(parse_s3_uri(&format!("s3://b-1/{longest}")).unwrap().key, longest);
        assert_eq!(validate_key(&longest).unwrap(), longest);
        // The limit counts UTF-8 bytes: 513 `é` are 1,026 bytes.
        let too_long = [(format!("{longest}x"), "1,025"), ("x".repeat(5_000), "5,000"), ("é".repeat(513), "1,026")];
        for (key, bytes) in too_long {
            for err in [error(parse_s3_uri(&format!("s3://b-1/{key}"))), error(validate_key(&key))] {
                assert_eq!(err.code(), ErrorCode::InvalidPath);
                let why = format!("is {bytes} bytes long, over S3's limit of 1,024 bytes for a key");
                assert!(err.message().contains(&why), "{}", err.message());
                assert!(err.message().chars().count() < 300, "the key is cut short: {}", err.message());
            }
        }
    }

    #[test]
    fn relative_paths_under_a_prefix() {
        assert_eq!(relative_path("published", "published/a/b.ipynb"), Some("a/b.ipynb"));
        assert_eq!(relative_path("published", "publishedx/b.ipynb"), None);
        assert_eq!(relative_path("published", "published/"), None);
    }

    #[test]
    fn rename_markers_name_the_old_path_in_one_segment() {
        let marker = rename_marker("workspace", "new/b.ipynb", "old dir/50% ü.ipynb").unwrap();
        assert_eq!(marker, "workspace/.bookstore/renamed/new/b.ipynb/from/old dir%2F50%25 %C3%BC.ipynb");
        let prefix = rename_markers_prefix("workspace", "new/b.ipynb").unwrap();
        assert!(marker.starts_with(&prefix));
        assert_eq!(renamed_from(&prefix, &marker).as_deref(), Some("old dir/50% ü.ipynb"));
        // A marker of a deeper path (a folder named like the notebook) is not this notebook's.
        let deeper = rename_marker("workspace", "new/b.ipynb/from/x.ipynb", "y.ipynb").unwrap();
        assert_eq!(renamed_from(&prefix, &deeper), None);
        // Whatever a marker's key holds, it names no path that breaks a rule.
        for hostile in ["..%2Fescape.ipynb", "%2Fetc%2Fpasswd", "a%2F%2Fb", ""] {
            assert_eq!(renamed_from(&prefix, &format!("{prefix}{hostile}")), None, "{hostile}");
        }
        assert_eq!(error(rename_marker("workspace", "b.ipynb", "../a.ipynb")).code(), ErrorCode::InvalidPath);
    }

    #[test]
    fn run_markers_name_the_version_and_its_source() {
        let source = "s3://b/published/r é.ipynb?versionId=v/1";
        let marker = run_marker("workspace", "runs/a.ipynb", "v2", source).unwrap();
        assert!(marker.starts_with("workspace/.bookstore/runs/runs/a.ipynb/v2/from/s3:%2F%2Fb%2F"), "{marker}");
        let prefix = run_markers_prefix("workspace", "runs/a.ipynb").unwrap();
        assert_eq!(ran(&prefix, &marker), Some(("v2".to_owned(), source.to_owned())));
        assert_eq!(restored(&restore_markers_prefix("workspace", "runs/a.ipynb").unwrap(), &marker), None);
    }

    #[test]
    fn restore_markers_name_both_versions() {
        let marker = restore_marker("workspace", "dir/a.ipynb", "v2.x_y", "v/1%").unwrap();
        assert_eq!(marker, "workspace/.bookstore/restored/dir/a.ipynb/v2.x_y/from/v%2F1%25");
        let prefix = restore_markers_prefix("workspace", "dir/a.ipynb").unwrap();
        assert_eq!(restored(&prefix, &marker), Some(("v2.x_y".to_owned(), "v/1%".to_owned())));
        // A marker of a notebook inside a folder named like this one is not this notebook's.
        let deeper = restore_marker("workspace", "dir/a.ipynb/b.ipynb", "v2", "v1").unwrap();
        assert_eq!(restored(&prefix, &deeper), None);
        assert_eq!(restored(&prefix, &format!("{prefix}v2/from/")), None);
    }
}
