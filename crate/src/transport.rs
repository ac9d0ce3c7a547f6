//! One HTTP exchange and URL parsing, done with what each platform has: reqwest and the `url` crate
//! natively; in a browser, its own `fetch` and `URL`, which reqwest and `url` only wrapped there (they
//! added about 31 KB gzipped to the wasm, url and idna included).

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
    /// The cause, in words.
    Other(String),
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
    inner: platform::Response,
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
        platform::body(self.inner, limit, capacity, wait).await
    }
}

pub(crate) use platform::{parse_url, Transport};

#[cfg(not(target_arch = "wasm32"))]
mod platform {
    use std::future::Future;
    use std::time::Duration;

    use super::{Body, Bytes, Exchange, Failed, UrlParts};

    pub(crate) type Response = reqwest::Response;

    /// `task`, or `Failed::TimedOut` once `wait` has passed (dropping it closes the connection).
    async fn within<T>(wait: Duration, task: impl Future<Output = Result<T, Failed>>) -> Result<T, Failed> {
        tokio::time::timeout(wait, task).await.unwrap_or(Err(Failed::TimedOut))
    }

    pub(crate) fn parse_url(raw: &str) -> Option<UrlParts> {
        let url = url::Url::parse(raw).ok()?;
        let host = url.host_str()?;
        Some(UrlParts {
            scheme: url.scheme().to_owned(),
            host: url.port().map_or_else(|| host.to_owned(), |port| format!("{host}:{port}")),
            path: url.path().to_owned(),
            has_extras: url.query().is_some()
                || url.fragment().is_some()
                || !url.username().is_empty()
                || url.password().is_some(),
        })
    }

    pub(crate) struct Transport {
        http: reqwest::Client,
    }

    impl Transport {
        pub fn new() -> Self {
            Self { http: reqwest::Client::new() }
        }

        /// Sends the request; its status and headers must arrive within `wait`.
        pub async fn send(
            &self,
            method: &str,
            url: &str,
            headers: &[(&str, &str)],
            body: &Body,
            wait: Duration,
        ) -> Result<Exchange, Failed> {
            let method = reqwest::Method::from_bytes(method.as_bytes()).map_err(|e| e.to_string())?;
            let mut request = self.http.request(method, url);
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            let Body::Bytes(bytes) = body;
            if !bytes.is_empty() {
                request = request.body(bytes.clone());
            }
            let response = within(wait, async { request.send().await.map_err(|e| error_chain(&e).into()) }).await?;
            let headers = response
                .headers()
                .iter()
                .filter_map(|(name, value)| Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned())))
                .collect();
            Ok(Exchange { status: response.status().as_u16(), headers, inner: response })
        }
    }

    pub(crate) async fn body(
        mut response: Response,
        limit: u64,
        capacity: usize,
        wait: Duration,
    ) -> Result<Option<Bytes>, Failed> {
        within(wait, async move {
            let mut body = bytes::BytesMut::with_capacity(capacity);
            while let Some(chunk) = response.chunk().await.map_err(|e| error_chain(&e))? {
                if (body.len() + chunk.len()) as u64 > limit {
                    return Ok(None);
                }
                body.extend_from_slice(&chunk);
            }
            Ok(Some(body.freeze()))
        })
        .await
    }

    fn error_chain(error: &dyn std::error::Error) -> String {
        let mut text = error.to_string();
        let mut source = error.source();
        while let Some(s) = source {
            text.push_str(": ");
            text.push_str(&s.to_string());
            source = s.source();
        }
        text
    }
}

#[cfg(target_arch = "wasm32")]
mod platform {
    use std::time::Duration;

    use js_sys::{Array, Function, Promise, Uint8Array};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        AbortController, Headers, ReadableStreamDefaultReader, ReadableStreamReadResult, Request, RequestInit, Url,
    };

    use super::{Body, Bytes, Exchange, Failed, UrlParts};

    /// The response, and what aborts it when its body takes too long.
    pub(crate) struct Response {
        response: web_sys::Response,
        deadline: Deadline,
    }

    #[wasm_bindgen]
    extern "C" {
        // The global fetch, setTimeout and clearTimeout exist in windows, workers and Node alike.
        #[wasm_bindgen(js_name = fetch)]
        fn fetch_with_request(request: &Request) -> Promise;
        #[wasm_bindgen(js_name = setTimeout)]
        fn set_timeout(callback: &Function, millis: f64) -> JsValue;
        #[wasm_bindgen(js_name = clearTimeout)]
        fn clear_timeout(handle: &JsValue);
    }

    /// Aborts a fetch (and the reading of its body) when a timer runs out, or when it is dropped. A
    /// fetch is not cancelled by dropping its future or its response, so a hung server needs the abort
    /// to free the connection, and a body left unread needs it to stop downloading.
    struct Deadline {
        controller: AbortController,
        timer: Option<JsValue>,
    }

    impl Deadline {
        fn new() -> Result<Self, Failed> {
            Ok(Self { controller: AbortController::new().map_err(|_| FAILED)?, timer: None })
        }

        /// Restarts the timer: the abort comes `wait` from now.
        fn start(&mut self, wait: Duration) {
            self.stop();
            // The timer calls `controller.abort()`.
            if let Ok(abort) = js_sys::Reflect::get(self.controller.as_ref(), &JsValue::from_str("abort")) {
                let abort = abort.unchecked_into::<Function>().bind0(self.controller.as_ref());
                self.timer = Some(set_timeout(&abort, wait.as_millis() as f64));
            }
        }

        fn stop(&mut self) {
            if let Some(timer) = self.timer.take() {
                clear_timeout(&timer);
            }
        }

        /// The failure to report: a timeout when the abort fired, else the browser's failure.
        fn failed(&self) -> Failed {
            if self.controller.signal().aborted() {
                Failed::TimedOut
            } else {
                FAILED.into()
            }
        }
    }

    impl Drop for Deadline {
        fn drop(&mut self) {
            self.stop();
            // Harmless once the body was read whole.
            self.controller.abort();
        }
    }

    /// In a browser, fetch hides the reason of a failure (CORS, refused connection, DNS) on purpose.
    const FAILED: &str = "the browser's request failed";

    pub(crate) fn parse_url(raw: &str) -> Option<UrlParts> {
        let url = Url::new(raw).ok()?;
        let (host, port) = (url.hostname(), url.port());
        Some(UrlParts {
            scheme: url.protocol().trim_end_matches(':').to_owned(),
            host: if port.is_empty() { host } else { format!("{host}:{port}") },
            path: url.pathname(),
            has_extras: !url.search().is_empty()
                || !url.hash().is_empty()
                || !url.username().is_empty()
                || !url.password().is_empty(),
        })
        .filter(|parts| !parts.host.is_empty())
    }

    pub(crate) struct Transport;

    impl Transport {
        pub fn new() -> Self {
            Self
        }

        /// Sends the request; its status and headers must arrive within `wait`.
        pub async fn send(
            &self,
            method: &str,
            url: &str,
            headers: &[(&str, &str)],
            body: &Body,
            wait: Duration,
        ) -> Result<Exchange, Failed> {
            let mut deadline = Deadline::new()?;
            let init = RequestInit::new();
            init.set_signal(Some(&deadline.controller.signal()));
            init.set_method(method);
            let js_headers = Headers::new().map_err(|_| FAILED)?;
            for (name, value) in headers {
                js_headers.append(name, value).map_err(|_| format!("the browser refused the header {name}"))?;
            }
            init.set_headers(&js_headers);
            match body {
                Body::Bytes(bytes) if !bytes.is_empty() => init.set_body(&Uint8Array::from(bytes.as_ref())),
                Body::Js(array) => init.set_body(array),
                Body::Bytes(_) => {}
            }
            let request = Request::new_with_str_and_init(url, &init).map_err(|_| FAILED)?;
            deadline.start(wait);
            let response: web_sys::Response =
                JsFuture::from(fetch_with_request(&request)).await.map_err(|_| deadline.failed())?.unchecked_into();
            deadline.stop();
            let mut headers = Vec::new();
            for entry in response.headers().entries() {
                let entry: Array = entry.map_err(|_| FAILED)?.unchecked_into();
                if let (Some(name), Some(value)) = (entry.get(0).as_string(), entry.get(1).as_string()) {
                    headers.push((name, value));
                }
            }
            Ok(Exchange { status: response.status(), headers, inner: Response { response, deadline } })
        }
    }

    /// Reads through the body's stream rather than `arrayBuffer()`, which would download it whole
    /// before its size could be checked: a body without Content-Length (chunked, or compressed) is
    /// given up, and its fetch aborted by the Deadline's drop, as soon as it passes the limit.
    pub(crate) async fn body(
        inner: Response,
        limit: u64,
        capacity: usize,
        wait: Duration,
    ) -> Result<Option<Bytes>, Failed> {
        let Response { response, mut deadline } = inner;
        // HEAD answers and 204s have no body at all.
        let Some(stream) = response.body() else { return Ok(Some(Bytes::new())) };
        let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        let mut body = Vec::with_capacity(capacity);
        deadline.start(wait);
        loop {
            let read = JsFuture::from(reader.read()).await.map_err(|_| deadline.failed())?;
            let read: ReadableStreamReadResult = read.unchecked_into();
            if read.get_done().unwrap_or(true) {
                return Ok(Some(body.into()));
            }
            let chunk: Uint8Array = read.get_value().unchecked_into();
            let (start, end) = (body.len(), body.len() + chunk.length() as usize);
            if end as u64 > limit {
                return Ok(None);
            }
            body.resize(end, 0);
            chunk.copy_to(&mut body[start..]);
        }
    }
}
