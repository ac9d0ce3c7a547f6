//! Reading history: every version of one key, and the bytes of one version.

use bytes::Bytes;
use http::Method;

use super::Bookstore;
use crate::config::validate_bucket;
use crate::error::Result;
use crate::keys;
use crate::types::{ObjectMeta, Scope, VersionList};
use crate::xml;

/// A version's bytes and what S3 says about them.
#[derive(Debug, Clone)]
pub struct ObjectContent {
    /// Metadata from the response headers.
    pub meta: ObjectMeta,
    /// The stored bytes, exactly as saved.
    pub bytes: Bytes,
}

impl Bookstore {
    /// Every version of exactly `{prefix}/{path}`, newest first, delete markers flagged. Keys that only
    /// share the prefix (`a.ipynb.bak` beside `a.ipynb`) are left out.
    pub async fn list_versions(&self, path: &str, scope: Scope) -> Result<VersionList> {
        let mut list = self.list_versions_page(path, scope, None, None).await?;
        while let Some(after) = list.next.take() {
            let page = self.list_versions_page(path, scope, Some(&after), None).await?;
            list.versions.extend(page.versions);
            list.next = page.next;
        }
        Ok(list)
    }

    /// One page of that history (at most `max_keys` entries, S3's default 1,000 when `None`), starting
    /// after the version `after`; `next` of the result continues it, and is `None` at the end.
    pub async fn list_versions_page(
        &self,
        path: &str,
        scope: Scope,
        after: Option<&str>,
        max_keys: Option<u32>,
    ) -> Result<VersionList> {
        let key = self.key_for(scope, path)?;
        let bucket = self.client.config.bucket();
        let mut request = self.client.request(Method::GET, bucket, None).query("versions", "").query("prefix", &key);
        if let Some(max_keys) = max_keys {
            request = request.query("max-keys", max_keys.to_string());
        }
        if let Some(after) = after.filter(|a| !a.is_empty()) {
            request = request.query("key-marker", &key).query("version-id-marker", after);
        }
        let page = xml::parse_versions_page(&request.send().await?.body)?;
        // S3 lists keys in byte order and `key` sorts before every longer key sharing it as a prefix,
        // so a page that reaches another key holds the end of the history.
        let reached_other_key = page.entries.iter().any(|(k, _)| k != &key);
        let mut versions: Vec<_> = page.entries.into_iter().filter(|(k, _)| k == &key).map(|(_, e)| e).collect();
        // S3 and RGW list newest first; moto puts a page's delete markers after its versions. A stable
        // sort by time restores the order there and changes nothing elsewhere.
        versions.sort_by(|a, b| b.last_modified.cmp(&a.last_modified));
        let next = match page.next {
            Some((next_key, after)) if !reached_other_key && next_key == key && !after.is_empty() => Some(after),
            _ => None,
        };
        Ok(VersionList { bucket: bucket.to_owned(), key, versions, next })
    }

    /// The bytes of `path` in `scope`: `version_id`, or the latest version when `None`.
    pub async fn get_version(&self, path: &str, scope: Scope, version_id: Option<&str>) -> Result<ObjectContent> {
        let key = self.key_for(scope, path)?;
        self.fetch(self.client.config.bucket(), &key, version_id).await
    }

    /// The bytes of any `bucket` and `key` the credentials can read (clone links to other people's
    /// published notebooks).
    pub async fn get_object(&self, bucket: &str, key: &str, version_id: Option<&str>) -> Result<ObjectContent> {
        validate_bucket(bucket)?;
        keys::validate_path(key)?;
        self.fetch(bucket, key, version_id).await
    }

    async fn fetch(&self, bucket: &str, key: &str, version_id: Option<&str>) -> Result<ObjectContent> {
        let mut request =
            self.client.request(Method::GET, bucket, Some(key)).max_response_bytes(self.client.config.max_object_bytes);
        if let Some(id) = version_id.filter(|id| !id.is_empty()) {
            request = request.query("versionId", id);
        }
        let response = request.send().await?;
        let meta = ObjectMeta {
            bucket: bucket.to_owned(),
            key: key.to_owned(),
            version_id: response.header("x-amz-version-id").filter(|v| *v != "null").map(str::to_owned),
            etag: response.header("etag").unwrap_or_default().trim_matches('"').to_owned(),
            size: response.body.len() as u64,
            last_modified: response.header("last-modified").map(str::to_owned),
        };
        Ok(ObjectContent { meta, bytes: response.body })
    }
}
