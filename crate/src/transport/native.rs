//! HTTP natively: reqwest, and the `url` crate for parsing endpoints.

use std::future::Future;
use std::time::Duration;

use bytes::Bytes;

use super::{Body, Exchange, Failed, UrlParts};

/// A response, and whom to tell how much of its body has arrived.
pub(crate) struct Response {
    response: reqwest::Response,
    progress: Option<Progress>,
}

/// Told of each piece of a transfer (the `bookstore` command draws a progress bar with it).
pub type Progress = std::sync::Arc<dyn Fn(Transfer) + Send + Sync>;

/// How far a transfer is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transfer {
    /// A request body going up (else a response body coming down).
    pub upload: bool,
    /// Bytes sent or received so far.
    pub done: u64,
    /// The whole size, when known (Content-Length).
    pub total: Option<u64>,
}

/// Uploads are handed to the connection in pieces of this size, each one reported.
#[cfg(feature = "cli")]
const UPLOAD_PIECE: usize = 256 << 10;

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
    progress: Option<Progress>,
}

impl Transport {
    pub fn new() -> Self {
        Self { http: reqwest::Client::new(), progress: None }
    }

    pub fn set_progress(&mut self, progress: Progress) {
        self.progress = Some(progress);
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
        let carries_body = method == reqwest::Method::PUT || method == reqwest::Method::POST;
        let mut request = self.http.request(method, url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let Body::Bytes(bytes) = body;
        // An empty PUT or POST says so with Content-Length: 0, which hyper leaves out for an empty body
        // (Ceph RGW refuses a PUT without it: 411 MissingContentLength).
        if carries_body && bytes.is_empty() {
            request = request.header(reqwest::header::CONTENT_LENGTH, "0");
        } else if !bytes.is_empty() {
            request = self.with_body(request, bytes);
        }
        let response = within(wait, async { request.send().await.map_err(|e| error_chain(&e).into()) }).await?;
        let headers = response
            .headers()
            .iter()
            .filter_map(|(name, value)| Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned())))
            .collect();
        let status = response.status().as_u16();
        Ok(Exchange { status, headers, inner: Response { response, progress: self.progress.clone() } })
    }

    /// The body as it is, or in reported pieces when someone follows the progress.
    fn with_body(&self, request: reqwest::RequestBuilder, bytes: &Bytes) -> reqwest::RequestBuilder {
        #[cfg(feature = "cli")]
        if let Some(progress) = self.progress.clone() {
            let total = bytes.len() as u64;
            let pieces: Vec<Bytes> = (0..bytes.len())
                .step_by(UPLOAD_PIECE)
                .map(|at| bytes.slice(at..bytes.len().min(at + UPLOAD_PIECE)))
                .collect();
            let mut done = 0;
            let stream = futures_util::stream::iter(pieces.into_iter().map(move |piece| {
                done += piece.len() as u64;
                progress(Transfer { upload: true, done, total: Some(total) });
                Ok::<_, std::io::Error>(piece)
            }));
            // A streamed body is sent chunked unless its length is given (S3 wants it).
            return request.header(reqwest::header::CONTENT_LENGTH, total).body(reqwest::Body::wrap_stream(stream));
        }
        request.body(bytes.clone())
    }
}

pub(crate) async fn body(
    Response { mut response, progress }: Response,
    limit: u64,
    capacity: usize,
    wait: Duration,
) -> Result<Option<Bytes>, Failed> {
    let total = response.content_length();
    within(wait, async move {
        let mut body = bytes::BytesMut::with_capacity(capacity);
        while let Some(chunk) = response.chunk().await.map_err(|e| error_chain(&e))? {
            if (body.len() + chunk.len()) as u64 > limit {
                return Ok(None);
            }
            body.extend_from_slice(&chunk);
            if let Some(progress) = &progress {
                progress(Transfer { upload: false, done: body.len() as u64, total });
            }
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
