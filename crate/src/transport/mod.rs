//! One HTTP exchange and URL parsing, done with what each platform has: reqwest and the `url` crate
//! natively; in a browser, its own `fetch` and `URL`, which reqwest and `url` only wrapped there (they
//! added about 31 KB gzipped to the wasm, url and idna included). One file per platform: `native.rs`
//! and `browser.rs` each provide `Transport`, `Response`, `parse_url` and `body`.

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(not(target_arch = "wasm32"))]
mod native;

#[cfg(target_arch = "wasm32")]
use browser::{body as read_body, Response};
#[cfg(target_arch = "wasm32")]
pub(crate) use browser::{parse_url, Transport};
#[cfg(not(target_arch = "wasm32"))]
use native::{body as read_body, Response};
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use native::{parse_url, Transport};
#[cfg(not(target_arch = "wasm32"))]
pub use native::{Progress, Transfer};

use std::time::Duration;

use bytes::Bytes;

/// A request body. In a browser it may also be a JS array (a notebook handed over by the page): that
/// one is hashed by WebCrypto and given to fetch as it is, never copied into wasm memory, which would
/// grow by the notebook's size and never shrink.
#[derive(Clone)]
pub enum Body {
    /// Bytes in Rust's memory.
    Bytes(Bytes),
    /// Bytes in a JS array.
    #[cfg(target_arch = "wasm32")]
    Js(js_sys::Uint8Array),
}

impl Body {
    /// Its size in bytes.
    pub fn len(&self) -> u64 {
        match self {
            Self::Bytes(bytes) => bytes.len() as u64,
            #[cfg(target_arch = "wasm32")]
            Self::Js(array) => u64::from(array.length()),
        }
    }

    /// Whether it has no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Default for Body {
    fn default() -> Self {
        Self::Bytes(Bytes::new())
    }
}

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Self {
        Self::Bytes(bytes)
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Self::Bytes(bytes.into())
    }
}

#[cfg(target_arch = "wasm32")]
impl From<js_sys::Uint8Array> for Body {
    fn from(array: js_sys::Uint8Array) -> Self {
        Self::Js(array)
    }
}

/// Why an exchange failed.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Failed {
    /// Nothing, or not all, arrived within the time given: the server or the network hangs.
    TimedOut,
    /// The server answered, but without the CORS headers that let this page read it (browser only).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    Unreadable,
    /// The cause, in words.
    Other(String),
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TimedOut => f.write_str("no answer in time"),
            Self::Unreadable => f.write_str("it answered without the CORS headers this page needs"),
            Self::Other(cause) => f.write_str(cause),
        }
    }
}

impl From<String> for Failed {
    fn from(cause: String) -> Self {
        Self::Other(cause)
    }
}

impl From<&str> for Failed {
    fn from(cause: &str) -> Self {
        Self::Other(cause.to_owned())
    }
}

/// The parts of an absolute URL the configuration needs (WHATWG parsing on both platforms).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UrlParts {
    /// Without the `:`, such as `https`.
    pub scheme: String,
    /// Host name or address, with `:port` when the port is not the scheme's default.
    pub host: String,
    /// The path, starting with `/`.
    pub path: String,
    /// A query, fragment, user name or password is present.
    pub has_extras: bool,
}

/// A response whose status and headers have arrived; the body is read by `body`.
pub(crate) struct Exchange {
    pub status: u16,
    /// Lowercase names.
    pub headers: Vec<(String, String)>,
    inner: Response,
}

impl Exchange {
    /// The value of header `name` (lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Reads the body within `wait`, or returns `None` once it is over `limit` bytes. Reading goes
    /// piece by piece and stops at the limit, so a huge or endless body costs no more than `limit`
    /// bytes of memory or download; `declared`, the Content-Length of a body (not of a HEAD), sizes
    /// the buffer at once.
    ///
    /// Dropping an exchange, read or not, ends its download: natively reqwest closes the connection,
    /// and in a browser the fetch is aborted (a dropped response would keep downloading).
    pub async fn body(self, limit: u64, declared: Option<u64>, wait: Duration) -> Result<Option<Bytes>, Failed> {
        let capacity = declared.filter(|&size| size <= limit).unwrap_or(0) as usize;
        read_body(self.inner, limit, capacity, wait).await
    }
}
