//! S3's XML responses, read with quick-xml into a small element tree (`tree`), then turned into the
//! crate's types.

mod sts;
mod tree;

pub(crate) use sts::{parse_caller_identity, parse_sts_credentials, parse_sts_error};

use crate::error::{Error, Result, S3Details};
use crate::types::{LifecycleRule, PublishedEntry, VersionEntry, Versioning};
use tree::Element;

/// One page of a key's versions.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct VersionsPage {
    /// `(key, entry)` in S3's order.
    pub entries: Vec<(String, VersionEntry)>,
    /// Where the next page starts (`key-marker`, `version-id-marker`), when there is one.
    pub next: Option<(String, String)>,
}

/// A page of `ListObjectVersions` (`GET /?versions`).
pub(crate) fn parse_versions_page(body: &[u8]) -> Result<VersionsPage> {
    let root = parse(body, "ListVersionsResult")?;
    // Versions and delete markers are interleaved in S3's order (by key, then newest first); this
    // order is the history, so both element kinds are read into one list.
    let mut entries = Vec::new();
    for element in &root.children {
        let is_delete_marker = match element.name.as_str() {
            "Version" => false,
            "DeleteMarker" => true,
            _ => continue,
        };
        let entry = VersionEntry {
            version_id: required(element, "VersionId")?,
            last_modified: required(element, "LastModified")?,
            size: size(element)?,
            etag: unquote(element.text_of("ETag").unwrap_or_default()),
            is_latest: flag(element, "IsLatest")?,
            is_delete_marker,
        };
        entries.push((required(element, "Key")?, entry));
    }
    let next = match (flag(&root, "IsTruncated")?, root.text_of("NextKeyMarker"), root.text_of("NextVersionIdMarker")) {
        (false, _, _) => None,
        (true, Some(key), version) => Some((key.to_owned(), version.unwrap_or_default().to_owned())),
        (true, None, _) => return Err(Error::invalid_response("a truncated version list without NextKeyMarker")),
    };
    Ok(VersionsPage { entries, next })
}

/// One page of a bucket listing: entries (with `path` left empty for the caller) and the next token.
pub(crate) struct ObjectsPage {
    pub objects: Vec<PublishedEntry>,
    pub continuation: Option<String>,
}

/// A page of `ListObjectsV2` (`GET /?list-type=2`).
pub(crate) fn parse_objects_page(body: &[u8]) -> Result<ObjectsPage> {
    let root = parse(body, "ListBucketResult")?;
    let continuation = match (flag(&root, "IsTruncated")?, root.text_of("NextContinuationToken")) {
        (false, _) => None,
        (true, Some(token)) => Some(token.to_owned()),
        (true, None) => return Err(Error::invalid_response("a truncated listing without NextContinuationToken")),
    };
    let objects = root
        .children
        .iter()
        .filter(|element| element.name == "Contents")
        .map(|o| {
            Ok(PublishedEntry {
                key: required(o, "Key")?,
                path: String::new(),
                size: size(o)?,
                last_modified: required(o, "LastModified")?,
                etag: unquote(o.text_of("ETag").unwrap_or_default()),
            })
        })
        .collect::<Result<_>>()?;
    Ok(ObjectsPage { objects, continuation })
}

pub(crate) fn parse_versioning(body: &[u8]) -> Result<Versioning> {
    let root = parse(body, "VersioningConfiguration")?;
    match root.text_of("Status") {
        Some("Enabled") => Ok(Versioning::Enabled),
        Some("Suspended") => Ok(Versioning::Suspended),
        None | Some("") => Ok(Versioning::Disabled),
        Some(_) => Err(Error::invalid_response("an unknown versioning status")),
    }
}

/// A bucket's lifecycle configuration (`GET /?lifecycle`): its rules, in order.
pub(crate) fn parse_lifecycle(body: &[u8]) -> Result<Vec<LifecycleRule>> {
    let root = parse(body, "LifecycleConfiguration")?;
    let days = |element: Option<&Element>, name: &str| -> Result<Option<u32>> {
        match element.and_then(|e| e.text_of(name)) {
            None => Ok(None),
            Some(text) => text.trim().parse().map(Some).map_err(|_| Error::invalid_response("a lifecycle rule's days")),
        }
    };
    let tag =
        |t: &Element| format!("{}={}", t.text_of("Key").unwrap_or_default(), t.text_of("Value").unwrap_or_default());
    let mut rules = Vec::new();
    for rule in root.children.iter().filter(|element| element.name == "Rule") {
        // The filter is a prefix, a tag, or an <And> of both; older rules name a prefix directly.
        let filter = rule.child("Filter");
        let and = filter.and_then(|f| f.child("And"));
        let within = and.or(filter);
        let prefix = within.and_then(|f| f.text_of("Prefix")).or(rule.text_of("Prefix")).unwrap_or_default();
        let tags = within.map(|f| f.children.iter().filter(|c| c.name == "Tag").map(tag).collect()).unwrap_or_default();
        rules.push(LifecycleRule {
            id: rule.text_of("ID").unwrap_or_default().to_owned(),
            enabled: rule.text_of("Status") == Some("Enabled"),
            prefix: prefix.to_owned(),
            tags,
            noncurrent_days: days(rule.child("NoncurrentVersionExpiration"), "NoncurrentDays")?,
            expiration_days: days(rule.child("Expiration"), "Days")?,
        });
    }
    Ok(rules)
}

/// What an error body says. `server_time` is set for `RequestTimeTooSkewed`.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct ParsedError {
    pub details: S3Details,
    pub server_time: Option<String>,
}

/// Reads S3's `<Error>` body; an empty or unreadable body (HEAD, proxies) leaves the S3 fields empty.
pub(crate) fn parse_error(status: u16, body: &[u8]) -> ParsedError {
    let mut parsed = ParsedError { details: S3Details { status, ..Default::default() }, server_time: None };
    if let Ok(root) = parse(body, "Error") {
        let text = |name| root.text_of(name).map(str::to_owned);
        parsed.details.code = text("Code").unwrap_or_default();
        parsed.details.message = text("Message").unwrap_or_default();
        parsed.details.request_id = text("RequestId");
        parsed.details.region = text("Region");
        parsed.server_time = text("ServerTime");
    }
    parsed
}

/// Reads the document `what`. The root element's name is not checked: servers differ (moto answers
/// an unversioned bucket with `<GetBucketVersioningResponse/>`).
fn parse(body: &[u8], what: &str) -> Result<Element> {
    let text = std::str::from_utf8(body).map_err(|_| Error::invalid_response(&format!("{what} is not UTF-8")))?;
    tree::parse(text).map_err(|e| Error::invalid_response(&format!("{what}: {e}")))
}

fn required(element: &Element, name: &str) -> Result<String> {
    element
        .text_of(name)
        .map(str::to_owned)
        .ok_or_else(|| Error::invalid_response(&format!("a <{}> without <{name}>", element.name)))
}

/// A boolean child element; absent means false.
fn flag(element: &Element, name: &str) -> Result<bool> {
    match element.text_of(name).map(str::trim) {
        None | Some("false" | "0") => Ok(false),
        Some("true" | "1") => Ok(true),
        Some(_) => Err(Error::invalid_response(&format!("<{name}> is not true or false"))),
    }
}

/// The `<Size>` child; absent (delete markers) means 0.
fn size(element: &Element) -> Result<u64> {
    element
        .text_of("Size")
        .map_or(Ok(0), |text| text.trim().parse().map_err(|_| Error::invalid_response("<Size> is not a number")))
}

pub(crate) fn unquote(etag: &str) -> String {
    etag.trim_matches('"').to_owned()
}

#[cfg(test)]
mod tests;
