//! One HTTP exchange and URL parsing, done with what each platform has: reqwest and the `url` crate
//! natively; in a browser, its own `fetch` and `URL`, which reqwest and `url` only wrapped there (they
//! added about 31 KB gzipped to the wasm, url and idna included).

use bytes::Bytes;

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

    /// Reads the body, or returns `None` once it is over `limit` bytes; the error is the cause, in
    /// words. Natively reading stops at the limit, so a huge or endless body costs no more than
    /// `limit` bytes of memory; a browser's fetch hands the body over whole (the caller has already
    /// refused a Content-Length over the limit).
    pub async fn body(self, limit: u64) -> Result<Option<Bytes>, String> {
        platform::body(self.inner, limit).await
    }
}

pub(crate) use platform::{parse_url, Transport};

#[cfg(not(target_arch = "wasm32"))]
mod platform {
    use super::{Bytes, Exchange, UrlParts};

    pub(crate) type Response = reqwest::Response;

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

        /// Sends the request; the error is the cause, in words.
        pub async fn send(
            &self,
            method: &str,
            url: &str,
            headers: &[(&str, &str)],
            body: Bytes,
        ) -> Result<Exchange, String> {
            let method = reqwest::Method::from_bytes(method.as_bytes()).map_err(|e| e.to_string())?;
            let mut request = self.http.request(method, url);
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            if !body.is_empty() {
                request = request.body(body);
            }
            let response = request.send().await.map_err(|e| error_chain(&e))?;
            let headers = response
                .headers()
                .iter()
                .filter_map(|(name, value)| Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned())))
                .collect();
            Ok(Exchange { status: response.status().as_u16(), headers, inner: response })
        }
    }

    pub(crate) async fn body(mut response: Response, limit: u64) -> Result<Option<Bytes>, String> {
        let mut body = bytes::BytesMut::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| error_chain(&e))? {
            if (body.len() + chunk.len()) as u64 > limit {
                return Ok(None);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Some(body.freeze()))
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
    use js_sys::{Array, Promise, Uint8Array};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{Headers, Request, RequestInit, Url};

    use super::{Bytes, Exchange, UrlParts};

    pub(crate) type Response = web_sys::Response;

    #[wasm_bindgen]
    extern "C" {
        // The global fetch exists in windows, workers and Node alike.
        #[wasm_bindgen(js_name = fetch)]
        fn fetch_with_request(request: &Request) -> Promise;
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

        /// Sends the request; the error is the cause, in words.
        pub async fn send(
            &self,
            method: &str,
            url: &str,
            headers: &[(&str, &str)],
            body: Bytes,
        ) -> Result<Exchange, String> {
            let init = RequestInit::new();
            init.set_method(method);
            let js_headers = Headers::new().map_err(|_| FAILED)?;
            for (name, value) in headers {
                js_headers.append(name, value).map_err(|_| format!("the browser refused the header {name}"))?;
            }
            init.set_headers(&js_headers);
            if !body.is_empty() {
                init.set_body(&Uint8Array::from(body.as_ref()));
            }
            let request = Request::new_with_str_and_init(url, &init).map_err(|_| FAILED)?;
            let response: Response =
                JsFuture::from(fetch_with_request(&request)).await.map_err(|_| FAILED)?.unchecked_into();
            let mut headers = Vec::new();
            for entry in response.headers().entries() {
                let entry: Array = entry.map_err(|_| FAILED)?.unchecked_into();
                if let (Some(name), Some(value)) = (entry.get(0).as_string(), entry.get(1).as_string()) {
                    headers.push((name, value));
                }
            }
            Ok(Exchange { status: response.status(), headers, inner: response })
        }
    }

    pub(crate) async fn body(response: Response, limit: u64) -> Result<Option<Bytes>, String> {
        let buffer = response.array_buffer().map_err(|_| FAILED)?;
        let bytes = Uint8Array::new(&JsFuture::from(buffer).await.map_err(|_| FAILED)?);
        Ok((u64::from(bytes.length()) <= limit).then(|| bytes.to_vec().into()))
    }
}
