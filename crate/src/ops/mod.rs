//! The operations the product needs, as methods of [`Bookstore`], one concern per file.

mod check;
mod identity;
pub(crate) mod names;
mod publish;
mod renames;
mod restores;
pub(crate) mod runs;
mod store;
pub(crate) mod versions;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use http::Method;

use crate::client::{Client, Clock};
use crate::config::{Config, Settings};
use crate::error::Result;
use crate::keys;
use crate::retry::RetryConfig;
use crate::types::Scope;
use crate::xml;

/// A client for one bucket: archive, publish, list and fetch versions, check the bucket.
pub struct Bookstore {
    client: Client,
    /// The SHA-256 of the newest version this client stored or saw, per key (see `store`).
    latest_sha256: Mutex<HashMap<String, String>>,
}

impl Bookstore {
    /// Validates `settings` and prepares a client; no request is sent yet.
    pub fn new(settings: &Settings) -> Result<Self> {
        Ok(Self { client: Client::new(Config::from_settings(settings)?), latest_sha256: Mutex::default() })
    }

    /// Uses `clock` instead of the system clock (tests, or a page whose clock is known to be off).
    pub fn with_clock(mut self, clock: impl Fn() -> std::time::SystemTime + Send + Sync + 'static) -> Self {
        let clock: Clock = Arc::new(clock);
        self.client.set_clock(clock);
        self
    }

    /// Tells `progress` how each transfer advances (natively; the command's progress bar).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn with_progress(mut self, progress: impl Fn(crate::Transfer) + Send + Sync + 'static) -> Self {
        self.client.set_progress(std::sync::Arc::new(progress));
        self
    }

    /// Uses another retry policy than the default.
    pub fn with_retry(mut self, retry: RetryConfig) -> Self {
        self.client.set_retry(retry);
        self
    }

    /// How far S3's clock is from this computer's, in milliseconds (S3 minus local), as learnt from a
    /// refused request (RequestTimeTooSkewed); 0 until S3 refused one. Signing adds it to the local time.
    pub fn clock_correction_millis(&self) -> i64 {
        self.client.clock_correction_millis()
    }

    /// The validated configuration.
    pub fn config(&self) -> &Config {
        &self.client.config
    }

    /// The S3 key of `path` in `scope`.
    pub fn key_for(&self, scope: Scope, path: &str) -> Result<String> {
        Ok(keys::object_key(self.prefix(scope), path)?)
    }

    /// Stores an empty object at `key`: a record beside the versions (a rename, a restore).
    async fn put_record(&self, key: &str) -> Result<()> {
        self.client.request(Method::PUT, self.client.config.bucket(), Some(key)).send().await?;
        Ok(())
    }

    /// What the markers directly under `prefix` record (the first 1,000), as `parse` reads each key:
    /// a version and what it came from (a restore's earlier version, a run's source).
    async fn version_marks(
        &self,
        prefix: &str,
        parse: fn(&str, &str) -> Option<(String, String)>,
    ) -> Result<Vec<(String, String)>> {
        let page = self.objects_page(prefix, None).await?;
        Ok(page.objects.iter().filter_map(|marker| parse(prefix, &marker.key)).collect())
    }

    /// One page of the objects whose keys start with `prefix` (ListObjectsV2), after `continuation`.
    async fn objects_page(&self, prefix: &str, continuation: Option<String>) -> Result<xml::ObjectsPage> {
        let mut request = self
            .client
            .request(Method::GET, self.client.config.bucket(), None)
            .query("list-type", "2")
            .query("prefix", prefix);
        if let Some(token) = continuation {
            request = request.query("continuation-token", token);
        }
        xml::parse_objects_page(&request.send().await?.body)
    }

    fn prefix(&self, scope: Scope) -> &str {
        match scope {
            Scope::Workspace => &self.client.config.workspace_prefix,
            Scope::Published => &self.client.config.published_prefix,
        }
    }
}
