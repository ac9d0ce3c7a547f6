//! Integration tests against a real S3 server started by `tests/s3server.py` (moto or Ceph RGW, both
//! checking signatures). `tests/run` starts each server and runs this suite once per server.

mod errors;
mod history;
mod published;
mod records;

use std::sync::atomic::{AtomicU32, Ordering};

use bookstore::{Bookstore, Settings};

/// The server under test, from the environment `tests/s3server.py` writes.
pub struct Target {
    pub server: String,
    pub settings: Settings,
    pub unversioned_bucket: String,
    pub suspended_bucket: String,
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: run these tests through `tests/run`, which starts the S3 servers")
    })
}

impl Target {
    pub fn from_env() -> Self {
        Self {
            server: env("BOOKSTORE_TEST_SERVER"),
            settings: Settings {
                endpoint: env("BOOKSTORE_TEST_ENDPOINT"),
                bucket: env("BOOKSTORE_TEST_BUCKET"),
                path_style: true,
                access_key_id: env("BOOKSTORE_TEST_ACCESS_KEY_ID"),
                secret_access_key: env("BOOKSTORE_TEST_SECRET_ACCESS_KEY"),
                ..Default::default()
            },
            unversioned_bucket: env("BOOKSTORE_TEST_UNVERSIONED_BUCKET"),
            suspended_bucket: env("BOOKSTORE_TEST_SUSPENDED_BUCKET"),
        }
    }

    /// Settings whose prefixes are fresh for this test, so tests never see each other's objects.
    pub fn isolated_settings(&self) -> Settings {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let run = format!(
            "t{}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed),
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis()
        );
        Settings {
            workspace_prefix: format!("{run}/workspace"),
            published_prefix: format!("{run}/published"),
            ..self.settings.clone()
        }
    }

    pub fn bookstore(&self) -> Bookstore {
        Bookstore::new(&self.isolated_settings()).unwrap()
    }
}

/// A small notebook whose content tells saves apart.
pub fn notebook(marker: &str) -> Vec<u8> {
    format!(
        r#"{{"cells":[{{"cell_type":"markdown","metadata":{{}},"source":["{marker}"]}}],"metadata":{{}},"nbformat":4,"nbformat_minor":5}}"#
    )
    .into_bytes()
}
