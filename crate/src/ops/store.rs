//! Writing versions: `archive` (every save) and `publish` (for others to find).

use bytes::Bytes;
use http::Method;

use super::Bookstore;
use crate::error::{Error, Result};
use crate::types::{Scope, StoredVersion};

/// Jupyter notebooks are JSON; a real content type also keeps some servers from mangling the body.
const NOTEBOOK_CONTENT_TYPE: &str = "application/x-ipynb+json";

impl Bookstore {
    /// Stores `bytes` as a new version of `{workspace_prefix}/{path}`.
    pub async fn archive(&self, path: &str, bytes: impl Into<Bytes>) -> Result<StoredVersion> {
        self.put(Scope::Workspace, path, bytes.into()).await
    }

    /// Stores `bytes` as a new version of `{published_prefix}/{path}`.
    pub async fn publish(&self, path: &str, bytes: impl Into<Bytes>) -> Result<StoredVersion> {
        self.put(Scope::Published, path, bytes.into()).await
    }

    async fn put(&self, scope: Scope, path: &str, bytes: Bytes) -> Result<StoredVersion> {
        let key = self.key_for(scope, path)?;
        let bucket = self.client.config.bucket();
        let size = bytes.len() as u64;
        let response = self
            .client
            .request(Method::PUT, bucket, Some(&key))
            .header("content-type", NOTEBOOK_CONTENT_TYPE)
            .body(bytes)
            .send()
            .await?;
        // An unversioned bucket answers without a version id (or with "null" once suspended).
        let version_id = match response.header("x-amz-version-id") {
            Some(id) if !id.is_empty() && id != "null" => id.to_owned(),
            _ => return Err(Error::no_version_id(&format!("s3://{bucket}/{key}"))),
        };
        let etag = response.header("etag").unwrap_or_default().trim_matches('"').to_owned();
        Ok(StoredVersion { bucket: bucket.to_owned(), key, version_id, etag, size })
    }
}
