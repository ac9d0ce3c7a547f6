//! HTTP in a browser or a Web Worker: its own `fetch` (aborted by a timer or when dropped) and `URL`.

use std::time::Duration;

use js_sys::{Array, Function, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, Headers, ReadableStreamDefaultReader, ReadableStreamReadResult, Request, RequestInit, RequestMode,
    Url,
};

use bytes::Bytes;

use super::{Body, Exchange, Failed, UrlParts};

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
        let response: web_sys::Response = match JsFuture::from(fetch_with_request(&request)).await {
            Ok(response) => response.unchecked_into(),
            Err(_) if !deadline.controller.signal().aborted() && answers(url).await => return Err(Failed::Unreadable),
            Err(_) => return Err(deadline.failed()),
        };
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

/// How long the probe of [`answers`] may take.
const PROBE_WAIT: Duration = Duration::from_secs(5);

/// Whether the server of `url` answers at all. A browser hides why a fetch failed, but a `no-cors`
/// fetch resolves (to a response the page cannot read) whenever the server answered: so a failed fetch
/// whose probe resolves was an answer without the CORS headers this page needs (a missing bucket, a
/// bucket without a CORS rule for this page), not a server out of reach.
async fn answers(url: &str) -> bool {
    let Ok(mut deadline) = Deadline::new() else { return false };
    let init = RequestInit::new();
    init.set_mode(RequestMode::NoCors);
    init.set_signal(Some(&deadline.controller.signal()));
    let Ok(request) = Request::new_with_str_and_init(url, &init) else { return false };
    deadline.start(PROBE_WAIT);
    JsFuture::from(fetch_with_request(&request)).await.is_ok()
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
