//! Bookstore's backend: notebook versions on S3, from the browser (wasm32) or natively.
//!
//! Every save of a notebook becomes a version of `{workspace_prefix}/{path}` in a versioned bucket;
//! publishing copies it to `{published_prefix}/{path}`. [`Bookstore`] runs the operations; requests are
//! signed with SigV4 ([`sign`](crate::sign)), sent and retried by the client, and S3's XML answers are
//! read by [`xml`](crate::xml). On wasm32, `wasm` exports the same operations to JavaScript.
//!
//! Data flows: operation (`ops`) → key (`keys`) → request (`client`: sign, send, retry) → XML (`xml`)
//! → result (`types`) or [`Error`].
#![deny(missing_docs)]

mod client;
mod config;
mod credential;
#[cfg(not(target_arch = "wasm32"))]
pub mod environment;
mod error;
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod fuzzing;
pub mod keys;
mod ops;
mod platform;
#[cfg(feature = "python")]
mod python;
mod retry;
mod sign;
mod transport;
mod types;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
#[cfg(all(target_arch = "wasm32", feature = "bench"))]
pub mod wasm_bench;
mod xml;

pub use client::Clock;
pub use config::{Config, Settings, DEFAULT_REGION};
pub use credential::Credentials;
pub use error::{Error, ErrorCode, Result, S3Details};
pub use ops::runs::RunSource;
pub use ops::versions::ObjectContent;
pub use ops::Bookstore;
pub use retry::RetryConfig;
pub use transport::Body;
#[cfg(not(target_arch = "wasm32"))]
pub use transport::{Progress, Transfer};
pub use types::{
    BucketReport, LifecycleRule, ObjectMeta, Problem, PublishedEntry, Rename, Restore, Run, Scope, StoredVersion,
    VersionEntry, VersionList, VersionName, Versioning,
};
