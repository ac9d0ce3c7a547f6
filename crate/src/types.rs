//! The plain data the operations return. They cross the JS boundary as plain objects (camelCase
//! fields), with TypeScript declarations generated from these definitions.

use serde::Serialize;

use crate::error::{Error, Fields};

/// Which prefix an operation works under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Scope {
    /// `{workspace_prefix}/`: every save.
    Workspace,
    /// `{published_prefix}/`: what was published for others.
    Published,
}

/// A version just written by `archive` or `publish`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct StoredVersion {
    /// Bucket it went to.
    pub bucket: String,
    /// The full S3 key.
    pub key: String,
    /// The version id S3 assigned.
    pub version_id: String,
    /// The ETag (with its quotes removed).
    pub etag: String,
    /// Bytes stored.
    pub size: u64,
    /// The latest version already held these bytes, so no new version was made; this is that one.
    pub unchanged: bool,
}

/// One entry of a key's history, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct VersionEntry {
    /// The version id.
    pub version_id: String,
    /// When it was stored, as S3 reports it (ISO 8601, UTC).
    pub last_modified: String,
    /// Size in bytes (0 for delete markers).
    pub size: u64,
    /// The ETag without quotes (empty for delete markers).
    pub etag: String,
    /// Whether this is the key's current version.
    pub is_latest: bool,
    /// A delete marker: the key was deleted at this point; there is nothing to open.
    pub is_delete_marker: bool,
}

/// The history of one key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct VersionList {
    /// Bucket listed.
    pub bucket: String,
    /// The exact key whose versions these are.
    pub key: String,
    /// Newest first, delete markers included and flagged.
    pub versions: Vec<VersionEntry>,
    /// Where the next page starts (pass it as `after`); absent when the history is complete.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// The metadata of one stored version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ObjectMeta {
    /// Bucket read from.
    pub bucket: String,
    /// The full key.
    pub key: String,
    /// The version read; absent when the bucket does not keep versions (or CORS hides the header).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
    /// The ETag without quotes.
    pub etag: String,
    /// Size in bytes.
    pub size: u64,
    /// `Last-Modified` as S3 sent it, when readable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

/// A rename in a notebook's past: where it was before, and when it was renamed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Rename {
    /// The path before the rename.
    pub from: String,
    /// When the rename was recorded (ISO 8601, UTC, as S3 reports it): the old path's versions up to
    /// then are this notebook's.
    pub at: String,
}

/// A version that restored an earlier one (the history panel marks it "restored from …").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Restore {
    /// The version the restore stored.
    pub version_id: String,
    /// The version whose content it brought back.
    pub from_version_id: String,
}

/// A version's name ("sent to reviewers"), which every collaborator sees in the history panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct VersionName {
    /// The version named.
    pub version_id: String,
    /// Its name.
    pub name: String,
}

/// A version written by a scheduled run (papermill): the history panel marks it and opens its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Run {
    /// The version the run stored.
    pub version_id: String,
    /// The notebook it ran: `s3://bucket/key?versionId=…`.
    pub source: String,
}

/// A notebook under the published prefix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PublishedEntry {
    /// The full key.
    pub key: String,
    /// The path below the published prefix (what a clone would be named after).
    pub path: String,
    /// Size in bytes of the latest version.
    pub size: u64,
    /// When the latest version was published (ISO 8601, UTC).
    pub last_modified: String,
    /// The ETag without quotes.
    pub etag: String,
}

/// The versioning state of a bucket, as S3 reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum Versioning {
    /// Every save is kept.
    Enabled,
    /// Was on, now off: new saves overwrite the latest version.
    Suspended,
    /// Never turned on: each save overwrites the last.
    Disabled,
}

/// A problem found by `check_bucket`: the error that says what is wrong and how to fix it. It crosses
/// to JavaScript as `ErrorReason` (code, reason, fields), which the extension renders translated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem(pub Error);

impl Problem {
    /// The error's code.
    pub fn code(&self) -> crate::ErrorCode {
        self.0.code()
    }

    /// What is wrong and how to fix it, in English.
    pub fn message(&self) -> String {
        self.0.message()
    }
}

impl Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (reason, fields) = self.0.parts();
        let mut out = serializer.serialize_struct("Problem", 3)?;
        out.serialize_field("code", &self.0.code())?;
        out.serialize_field("reason", reason)?;
        out.serialize_field("fields", &Fields(&fields))?;
        out.end()
    }
}

/// What `check_bucket` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct BucketReport {
    /// The bucket checked.
    pub bucket: String,
    /// The server answered at all.
    pub reachable: bool,
    /// The server accepted the credentials.
    pub credentials_accepted: bool,
    /// Where the credentials come from: `keys` (the settings), `url` (a credentials service) or
    /// `web-identity` (STS, for a role).
    pub credential_source: String,
    /// Who STS says the credentials belong to (an ARN), when its endpoint answered this client.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
    /// When the credentials in use expire, in milliseconds since 1970 (temporary credentials only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credentials_expire: Option<u64>,
    /// The versioning state, when it could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub versioning: Option<Versioning>,
    /// Whether the ETag and x-amz-version-id response headers can be read (in a browser, the bucket's
    /// CORS configuration decides); unknown until the workspace holds a version to probe.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headers_readable: Option<bool>,
    /// The bucket's lifecycle rules, when they could be read (none: the bucket has no lifecycle
    /// configuration). The README's retention rule expires noncurrent versions tagged `auto`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifecycle: Option<Vec<LifecycleRule>>,
    /// Everything that stops Bookstore from keeping versions; empty when all is well.
    pub problems: Vec<Problem>,
}

/// One rule of a bucket's lifecycle configuration, as far as versions are concerned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LifecycleRule {
    /// Its id (may be empty).
    pub id: String,
    /// `Enabled` or `Disabled`.
    pub enabled: bool,
    /// The key prefix it applies to (empty: the whole bucket).
    pub prefix: String,
    /// The tags an object must have for it to apply, `key=value`.
    pub tags: Vec<String>,
    /// Days after which a noncurrent version expires, when the rule says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noncurrent_days: Option<u32>,
    /// Days after which the current version expires, when the rule says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration_days: Option<u32>,
}

impl BucketReport {
    /// True when versions can be stored and listed.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}
