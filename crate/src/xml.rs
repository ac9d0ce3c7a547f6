//! S3's XML responses, read with quick-xml into serde structs, then turned into the crate's types.

use serde::Deserialize;

use crate::error::{Error, Result, S3Details};
use crate::types::{PublishedEntry, VersionEntry, Versioning};

/// A page of `ListObjectVersions` (`GET /?versions`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListVersionsResult {
    #[serde(default)]
    is_truncated: bool,
    next_key_marker: Option<String>,
    next_version_id_marker: Option<String>,
    /// Versions and delete markers interleaved, in S3's order (by key, then newest first); this order
    /// is the history, so both element kinds are read into one list.
    #[serde(rename = "$value", default)]
    entries: Vec<ListVersionsEntry>,
}

#[derive(Debug, Deserialize)]
enum ListVersionsEntry {
    Version(RawVersion),
    DeleteMarker(RawVersion),
    /// Name, Prefix, MaxKeys, markers...: read by the named fields above or not needed.
    #[serde(other)]
    Other,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RawVersion {
    key: String,
    version_id: String,
    #[serde(default)]
    is_latest: bool,
    last_modified: String,
    #[serde(rename = "ETag", default)]
    etag: String,
    #[serde(default)]
    size: u64,
}

/// One page of a key's versions.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct VersionsPage {
    /// `(key, entry)` in S3's order.
    pub entries: Vec<(String, VersionEntry)>,
    /// Where the next page starts (`key-marker`, `version-id-marker`), when there is one.
    pub next: Option<(String, String)>,
}

pub(crate) fn parse_versions_page(body: &[u8]) -> Result<VersionsPage> {
    let raw: ListVersionsResult = parse(body, "ListVersionsResult")?;
    let entries = raw
        .entries
        .into_iter()
        .filter_map(|entry| match entry {
            ListVersionsEntry::Version(v) => Some((v, false)),
            ListVersionsEntry::DeleteMarker(v) => Some((v, true)),
            ListVersionsEntry::Other => None,
        })
        .map(|(v, is_delete_marker)| {
            let entry = VersionEntry {
                version_id: v.version_id,
                last_modified: v.last_modified,
                size: v.size,
                etag: unquote(&v.etag),
                is_latest: v.is_latest,
                is_delete_marker,
            };
            (v.key, entry)
        })
        .collect();
    let next = match (raw.is_truncated, raw.next_key_marker, raw.next_version_id_marker) {
        (false, _, _) => None,
        (true, Some(key), version) => Some((key, version.unwrap_or_default())),
        (true, None, _) => return Err(Error::invalid_response("a truncated version list without NextKeyMarker")),
    };
    Ok(VersionsPage { entries, next })
}

/// A page of `ListObjectsV2` (`GET /?list-type=2`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListBucketResult {
    #[serde(default)]
    is_truncated: bool,
    next_continuation_token: Option<String>,
    #[serde(default)]
    contents: Vec<RawObject>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RawObject {
    key: String,
    last_modified: String,
    #[serde(rename = "ETag", default)]
    etag: String,
    #[serde(default)]
    size: u64,
}

/// One page of a bucket listing: entries (with `path` left empty for the caller) and the next token.
pub(crate) struct ObjectsPage {
    pub objects: Vec<PublishedEntry>,
    pub continuation: Option<String>,
}

pub(crate) fn parse_objects_page(body: &[u8]) -> Result<ObjectsPage> {
    let raw: ListBucketResult = parse(body, "ListBucketResult")?;
    let continuation = match (raw.is_truncated, raw.next_continuation_token) {
        (false, _) => None,
        (true, Some(token)) => Some(token),
        (true, None) => return Err(Error::invalid_response("a truncated listing without NextContinuationToken")),
    };
    let objects = raw
        .contents
        .into_iter()
        .map(|o| PublishedEntry {
            key: o.key,
            path: String::new(),
            size: o.size,
            last_modified: o.last_modified,
            etag: unquote(&o.etag),
        })
        .collect();
    Ok(ObjectsPage { objects, continuation })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct VersioningConfiguration {
    status: Option<String>,
}

pub(crate) fn parse_versioning(body: &[u8]) -> Result<Versioning> {
    let raw: VersioningConfiguration = parse(body, "VersioningConfiguration")?;
    match raw.status.as_deref() {
        Some("Enabled") => Ok(Versioning::Enabled),
        Some("Suspended") => Ok(Versioning::Suspended),
        None | Some("") => Ok(Versioning::Disabled),
        Some(_) => Err(Error::invalid_response("an unknown versioning status")),
    }
}

/// S3's `<Error>` body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ErrorBody {
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: String,
    request_id: Option<String>,
    region: Option<String>,
    server_time: Option<String>,
}

/// What an error body says. `server_time` is set for `RequestTimeTooSkewed`.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct ParsedError {
    pub details: S3Details,
    pub server_time: Option<String>,
}

/// Reads an error body; an empty or unreadable body (HEAD, proxies) leaves the S3 fields empty.
pub(crate) fn parse_error(status: u16, body: &[u8]) -> ParsedError {
    let mut parsed = ParsedError { details: S3Details { status, ..Default::default() }, server_time: None };
    if let Ok(raw) = parse::<ErrorBody>(body, "Error") {
        parsed.details.code = raw.code;
        parsed.details.message = raw.message;
        parsed.details.request_id = raw.request_id;
        parsed.details.region = raw.region;
        parsed.server_time = raw.server_time;
    }
    parsed
}

fn parse<'de, T: Deserialize<'de>>(body: &'de [u8], what: &str) -> Result<T> {
    let text = std::str::from_utf8(body).map_err(|_| Error::invalid_response(&format!("{what} is not UTF-8")))?;
    quick_xml::de::from_str(text).map_err(|e| Error::invalid_response(&format!("{what}: {e}")))
}

pub(crate) fn unquote(etag: &str) -> String {
    etag.trim_matches('"').to_owned()
}

#[cfg(test)]
mod tests;
