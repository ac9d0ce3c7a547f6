//! Scheduled runs (papermill): an executed notebook is archived with object metadata naming the notebook
//! it ran (key and version) and its parameters, and an empty marker object (`keys::run_marker`) so that
//! the history panel, which lists versions without their metadata, marks it and opens its source.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use super::Bookstore;
use crate::error::Result;
use crate::keys;
use crate::transport::Body;
use crate::types::{Run, Scope, StoredVersion};

/// The metadata of a run's version: the source `s3://` URI, its version id, the parameters (JSON).
pub const SOURCE_HEADER: &str = "x-amz-meta-bookstore-source";
/// See [`SOURCE_HEADER`].
pub const SOURCE_VERSION_HEADER: &str = "x-amz-meta-bookstore-source-version-id";
/// See [`SOURCE_HEADER`].
pub const PARAMETERS_HEADER: &str = "x-amz-meta-bookstore-parameters";
/// S3 allows 2 KB of user metadata in all; parameters longer than this are left to the notebook's own
/// metadata (papermill writes them there too) rather than failing the run.
const MAX_PARAMETERS_BYTES: usize = 1024;
/// Header values are ASCII: everything else (and `%`, so that decoding is exact) is percent-encoded.
const HEADER_VALUE: &AsciiSet = &CONTROLS.add(b'%');

/// Where a scheduled run's notebook came from.
#[derive(Debug, Clone, Default)]
pub struct RunSource {
    /// The bucket of the notebook that ran.
    pub bucket: String,
    /// Its key.
    pub key: String,
    /// The version that ran (empty when the bucket keeps none).
    pub version_id: String,
    /// The parameters it ran with, as JSON.
    pub parameters: String,
}

impl RunSource {
    /// `s3://bucket/key?versionId=…`, as clone links and the `bookstore` command write it.
    pub fn uri(&self) -> String {
        let mut uri = format!("s3://{}/{}", self.bucket, self.key);
        if !self.version_id.is_empty() {
            uri = format!("{uri}?versionId={}", self.version_id);
        }
        uri
    }

    fn metadata(&self) -> Vec<(&'static str, String)> {
        let encode = |value: &str| utf8_percent_encode(value, HEADER_VALUE).to_string();
        let mut metadata = vec![(SOURCE_HEADER, encode(&format!("s3://{}/{}", self.bucket, self.key)))];
        if !self.version_id.is_empty() {
            metadata.push((SOURCE_VERSION_HEADER, encode(&self.version_id)));
        }
        let parameters = encode(&self.parameters);
        if !self.parameters.is_empty() && parameters.len() <= MAX_PARAMETERS_BYTES {
            metadata.push((PARAMETERS_HEADER, parameters));
        }
        metadata
    }
}

impl Bookstore {
    /// Archives `body` as the version a scheduled run of `source` wrote at `path` (as `archive`: no new
    /// version for unchanged content), and records the run for the history panel.
    pub async fn archive_run(&self, path: &str, body: impl Into<Body>, source: &RunSource) -> Result<StoredVersion> {
        let stored = self.put(Scope::Workspace, path, body.into(), &source.metadata()).await?;
        // Written for an unchanged version too: the same key, so a retry after a failed marker mends it.
        // A marker longer than S3 allows (a very long path) is skipped: the metadata still names the source.
        let prefix = self.client.config.workspace_prefix();
        if let Ok(marker) = keys::run_marker(prefix, path, &stored.version_id, &source.uri()) {
            self.put_record(&marker).await?;
        }
        Ok(stored)
    }

    /// The scheduled runs recorded for the notebook at `path` (the first 1,000).
    pub async fn runs(&self, path: &str) -> Result<Vec<Run>> {
        let prefix = keys::run_markers_prefix(self.client.config.workspace_prefix(), path)?;
        let marks = self.version_marks(&prefix, keys::ran).await?;
        Ok(marks.into_iter().map(|(version_id, source)| Run { version_id, source }).collect())
    }
}
