//! Reading history: every version of one key, and the bytes of one version.

use bytes::Bytes;
use http::Method;

use super::Bookstore;
use crate::error::Result;
use crate::keys;
use crate::keys::validate_bucket;
use crate::types::{ObjectMeta, Scope, VersionEntry, VersionList};
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
        let (markers, versions): (Vec<_>, Vec<_>) =
            page.entries.into_iter().filter(|(k, _)| k == &key).map(|(_, e)| e).partition(|e| e.is_delete_marker);
        let versions = merge_newest_first(versions, markers);
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
    /// published notebooks). A key no object can have is refused before any request.
    pub async fn get_object(&self, bucket: &str, key: &str, version_id: Option<&str>) -> Result<ObjectContent> {
        validate_bucket(bucket)?;
        keys::validate_key(key)?;
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
            version_id: response.version_id().map(str::to_owned),
            etag: response.etag(),
            size: response.body.len() as u64,
            last_modified: response.header("last-modified").map(str::to_owned),
        };
        Ok(ObjectContent { meta, bytes: response.body })
    }
}

/// Merges a page's versions and delete markers, each kept in the server's order, newest first.
///
/// S3 and RGW interleave them already; moto puts a page's delete markers after its versions. Sorting
/// everything by time would be wrong too: with concurrent writers the server's order (the one whose
/// head is the latest version) need not follow the timestamps.
fn merge_newest_first(versions: Vec<VersionEntry>, markers: Vec<VersionEntry>) -> Vec<VersionEntry> {
    let mut merged = Vec::with_capacity(versions.len() + markers.len());
    let mut markers = markers.into_iter().peekable();
    for version in versions {
        while let Some(marker) = markers.next_if(|m| m.last_modified > version.last_modified) {
            merged.push(marker);
        }
        merged.push(version);
    }
    merged.extend(markers);
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, time: &str, is_delete_marker: bool) -> VersionEntry {
        VersionEntry {
            version_id: id.into(),
            last_modified: time.into(),
            size: 0,
            etag: String::new(),
            is_latest: false,
            is_delete_marker,
        }
    }

    fn ids(entries: &[VersionEntry]) -> Vec<&str> {
        entries.iter().map(|e| e.version_id.as_str()).collect()
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[tokio::test]
    async fn a_key_no_object_can_have_is_refused_before_any_request() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let settings = crate::Settings {
            endpoint: format!("http://{}", listener.local_addr().unwrap()),
            request_timeout_seconds: 1,
            bucket: "notebooks".into(),
            path_style: true,
            access_key_id: "AKID".into(),
            secret_access_key: "SECRET".into(),
            ..Default::default()
        };
        let store = crate::Bookstore::new(&settings).unwrap();
        for key in ["x".repeat(1_025), "published/../../etc/passwd".to_owned()] {
            let err = store.get_object("notebooks", &key, None).await.expect_err("refused");
            assert_eq!(err.code(), crate::ErrorCode::InvalidPath, "{err}");
        }
        listener.set_nonblocking(true).unwrap();
        assert!(listener.accept().is_err(), "no connection was opened");
    }

    #[test]
    fn delete_markers_go_where_their_time_puts_them() {
        let versions = vec![entry("v3", "t3", false), entry("v1", "t1", false)];
        let markers = vec![entry("d4", "t4", true), entry("d2", "t2", true), entry("d0", "t0", true)];
        assert_eq!(ids(&merge_newest_first(versions, markers)), vec!["d4", "v3", "d2", "v1", "d0"]);
    }

    #[test]
    fn the_servers_order_of_versions_is_kept_even_when_times_disagree() {
        // Concurrent writers: the latest version (listed first) is not the one with the newest time.
        let versions = vec![entry("latest", "t1", false), entry("older", "t2", false)];
        assert_eq!(ids(&merge_newest_first(versions, Vec::new())), vec!["latest", "older"]);
    }
}
