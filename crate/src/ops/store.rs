//! Writing versions: `archive` (every save) and `publish` (for others to find).
//!
//! Each stored version carries the SHA-256 of its content as metadata, so saving the same content
//! again is recognised and creates no new version.

use http::Method;

use super::names::{AUTO, RETENTION_TAG};
use super::Bookstore;
use crate::error::{Error, ErrorCode, Reason, Result};
use crate::platform;
use crate::sign::Payload;
use crate::transport::Body;
use crate::types::{Scope, StoredVersion};

/// Jupyter notebooks are JSON; a real content type also keeps some servers from mangling the body.
const NOTEBOOK_CONTENT_TYPE: &str = "application/x-ipynb+json";
/// The object metadata holding the content's SHA-256 (hex).
pub const CONTENT_SHA256_HEADER: &str = "x-amz-meta-bookstore-sha256";

impl Bookstore {
    /// Stores `bytes` as a new version of `{workspace_prefix}/{path}`, unless the latest version
    /// already holds exactly these bytes (then that version is returned with `unchanged` set).
    pub async fn archive(&self, path: &str, body: impl Into<Body>) -> Result<StoredVersion> {
        self.put(Scope::Workspace, path, body.into(), &[]).await
    }

    /// Stores `bytes` as a new version of `{published_prefix}/{path}`, unless unchanged (as `archive`).
    pub async fn publish(&self, path: &str, body: impl Into<Body>) -> Result<StoredVersion> {
        self.put(Scope::Published, path, body.into(), &[]).await
    }

    /// Stores `body` as `archive` does, with `metadata` (header, value) on the new version.
    pub(super) async fn put(
        &self,
        scope: Scope,
        path: &str,
        body: Body,
        metadata: &[(&'static str, String)],
    ) -> Result<StoredVersion> {
        let key = self.key_for(scope, path)?;
        let bucket = self.client.config.bucket();
        let payload = Payload::hash(body).await;
        // When this client knows the latest version's hash and it differs, the save is a change: skip
        // the HEAD. (Were another writer to have stored exactly these bytes since, the cost would be one
        // version with the same content, never a lost one.)
        let known = self.latest_sha256.lock().map(|known| known.get(&key).cloned()).unwrap_or_default();
        if known.is_none() || known.as_deref() == Some(payload.sha256.as_str()) {
            if let Some(latest) = self.unchanged_latest(&key, &payload).await? {
                self.remember(&key, &payload.sha256);
                return Ok(latest);
            }
        }
        let size = payload.body.len();
        let sha256 = payload.sha256.clone();
        // Until this PUT is known to have landed or not, nothing is known of the latest version: a PUT
        // whose answer was lost may have stored it, and the retry must then find it with the HEAD.
        self.forget(&key);
        let (max_retries, delay) = self.client.retries();
        let mut retries = 0;
        let response = loop {
            let mut request = self
                .client
                .request(Method::PUT, bucket, Some(&key))
                .header("content-type", NOTEBOOK_CONTENT_TYPE)
                .header(CONTENT_SHA256_HEADER, payload.sha256.clone());
            for (name, value) in metadata {
                request = request.header(name, value.clone());
            }
            if scope == Scope::Workspace && self.client.config.tag_versions {
                request = request.header("x-amz-tagging", format!("{RETENTION_TAG}={AUTO}"));
            }
            let sent = request.body(payload.clone()).without_blind_retries().send().await;
            match sent {
                Ok(response) => break response,
                Err(error) if error.code() == ErrorCode::Network && retries < max_retries => {
                    platform::sleep(delay(retries)).await;
                    retries += 1;
                    // The answer was lost, not necessarily the PUT: if S3 stored it, do not store it twice.
                    if let Some(stored) = self.unchanged_latest(&key, &payload).await? {
                        self.remember(&key, &sha256);
                        return Ok(StoredVersion { unchanged: false, ..stored });
                    }
                }
                Err(error) => return Err(error),
            }
        };
        let Some(version_id) = response.version_id().map(str::to_owned) else {
            return Err(Error::new(Reason::NoVersionId { key: format!("s3://{bucket}/{key}") }));
        };
        self.remember(&key, &sha256);
        Ok(StoredVersion { bucket: bucket.to_owned(), key, version_id, etag: response.etag(), size, unchanged: false })
    }

    fn forget(&self, key: &str) {
        if let Ok(mut known) = self.latest_sha256.lock() {
            known.remove(key);
        }
    }

    fn remember(&self, key: &str, sha256: &str) {
        if let Ok(mut known) = self.latest_sha256.lock() {
            known.insert(key.to_owned(), sha256.to_owned());
        }
    }

    /// The latest version of `key` if it holds exactly `payload`. Best effort: when the latest
    /// version cannot be read (none yet, no permission, metadata hidden by CORS) the save goes ahead.
    async fn unchanged_latest(&self, key: &str, payload: &Payload) -> Result<Option<StoredVersion>> {
        let bucket = self.client.config.bucket();
        let response = match self.client.request(Method::HEAD, bucket, Some(key)).send().await {
            Ok(response) => response,
            // The PUT would fail the same way; say so once rather than retrying twice.
            Err(error) if error.code() == ErrorCode::Network => return Err(error),
            Err(_) => return Ok(None),
        };
        let same = response.header(CONTENT_SHA256_HEADER) == Some(payload.sha256.as_str());
        let (true, Some(version_id)) = (same, response.version_id()) else { return Ok(None) };
        Ok(Some(StoredVersion {
            bucket: bucket.to_owned(),
            key: key.to_owned(),
            version_id: version_id.to_owned(),
            etag: response.etag(),
            size: payload.body.len(),
            unchanged: true,
        }))
    }
}
