//! Sending S3 requests: the one place that builds URLs, signs, retries, corrects clock skew and turns
//! failed responses into [`Error`]s.
//!
//! Use: `client.request(Method::GET, bucket, Some(key)).query("versionId", id).send().await`.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::Method;

use crate::config::Config;
use crate::credential::sts::{Signer, Sts};
use crate::credential::{Credentials, Provider};
use crate::error::{Error, ErrorCode, Reason, Result, S3Details};
use crate::keys::{encode_key, encode_query};
use crate::retry::RetryConfig;
use crate::sign::{sign, Payload, Signable};
use crate::transport::{Exchange, Failed, Transport};
use crate::{platform, xml};

/// The most a response other than a notebook may hold: S3's largest listing page (1,000 entries with
/// 1,024-byte keys) is under 2 MiB, and error bodies are a few hundred bytes.
const MAX_REPLY_BYTES: u64 = 16 << 20;

/// The slowest transfer rate waited for: each 64 KiB sent or expected adds a second to the timeout,
/// so a 100 MB notebook on a slow uplink is not given up while it is still moving.
const SLOWEST_BYTES_PER_SECOND: u64 = 64 << 10;

/// Where the time comes from; replaceable so tests can run with a wrong clock.
pub type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

pub(crate) struct Client {
    pub(crate) config: Config,
    pub(crate) credentials: Provider,
    http: Transport,
    retry: RetryConfig,
    clock: Clock,
    /// Milliseconds to add to the local clock, learnt from S3 after a RequestTimeTooSkewed.
    skew_millis: AtomicI64,
}

/// A successful (2xx) response.
pub(crate) struct Response {
    /// Lowercase names.
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// The version id S3 assigned; `None` when the bucket keeps no versions ("null" once suspended)
    /// or, in a browser, when CORS hides the header.
    pub fn version_id(&self) -> Option<&str> {
        self.header("x-amz-version-id").filter(|id| !id.is_empty() && *id != "null")
    }

    /// The ETag without its quotes; empty when absent.
    pub fn etag(&self) -> String {
        xml::unquote(self.header("etag").unwrap_or_default())
    }
}

impl Client {
    pub fn new(config: Config) -> Self {
        Self {
            credentials: Provider::new(config.source.clone()),
            config,
            http: Transport::new(),
            retry: RetryConfig::default(),
            clock: Arc::new(platform::now),
            skew_millis: AtomicI64::new(0),
        }
    }

    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub fn set_progress(&mut self, progress: crate::transport::Progress) {
        self.http.set_progress(progress);
    }

    pub fn set_retry(&mut self, retry: RetryConfig) {
        self.retry = retry;
    }

    /// Starts a request for `bucket`, or for `key` in it. `key` is the raw key; it is encoded here.
    pub fn request<'a>(&'a self, method: Method, bucket: &'a str, key: Option<&'a str>) -> Request<'a> {
        Request {
            client: self,
            method,
            bucket,
            key,
            query: Vec::new(),
            headers: Vec::new(),
            body: Payload::new(Bytes::new()),
            max_response_bytes: None,
            retry_network_failures: true,
        }
    }

    pub fn clock_correction_millis(&self) -> i64 {
        self.skew_millis.load(Ordering::Relaxed)
    }

    pub(crate) fn signing_time(&self) -> SystemTime {
        let skew = self.clock_correction_millis();
        let now = (self.clock)();
        if skew >= 0 {
            now + Duration::from_millis(skew.unsigned_abs())
        } else {
            now - Duration::from_millis(skew.unsigned_abs())
        }
    }

    /// STS at the configured endpoint, through this client's transport.
    pub(crate) fn sts(&self) -> Sts<'_> {
        Sts { http: &self.http, endpoint: &self.config.sts_endpoint, wait: self.config.request_timeout }
    }

    /// The credentials to sign with now, and the (skew-corrected) time to sign at.
    pub(crate) async fn credentials_now(&self) -> Result<(Credentials, SystemTime)> {
        let time = self.signing_time();
        Ok((self.credentials.get(&self.http, time, self.config.request_timeout).await?, time))
    }

    /// Signs with `credentials` at `time` in the configured region.
    pub(crate) fn signer<'a>(&'a self, credentials: &'a Credentials, time: SystemTime) -> Signer<'a> {
        Signer { credentials, region: &self.config.region, time }
    }

    /// How many times a failed request is sent again, and the wait before retry number `retries`.
    pub(crate) fn retries(&self) -> (u32, impl Fn(u32) -> Duration + '_) {
        (self.retry.max_retries, |retries| self.retry.delay(retries, platform::random_fraction()))
    }

    /// Learns the offset between S3's clock and ours; false when the server's time is unknown.
    fn correct_skew(&self, server_time: Option<SystemTime>) -> bool {
        let Some(server) = server_time else { return false };
        let millis = |t: SystemTime| t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64);
        self.skew_millis.store(millis(server) - millis((self.clock)()), Ordering::Relaxed);
        true
    }
}

pub(crate) struct Request<'a> {
    client: &'a Client,
    method: Method,
    bucket: &'a str,
    key: Option<&'a str>,
    query: Vec<(&'static str, String)>,
    headers: Vec<(&'static str, String)>,
    body: Payload,
    max_response_bytes: Option<u64>,
    retry_network_failures: bool,
}

/// How one attempt failed.
enum Failure {
    /// RequestTimeTooSkewed: retry at once with a corrected clock, if S3 told its time.
    Skewed(S3Details, Option<SystemTime>),
    Error(Error),
}

impl Request<'_> {
    /// Adds a query parameter; `value` may be empty (`?versions`).
    pub fn query(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.query.push((name, value.into()));
        self
    }

    /// Adds a header (lowercase name); it is signed.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// Refuses a successful response larger than `limit` bytes, before reading its body when the
    /// server sends Content-Length.
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }

    /// For a request S3 may have carried out although its answer was lost (a PUT makes a new version
    /// each time): network failures come back to the caller, who checks before sending it again.
    pub fn without_blind_retries(mut self) -> Self {
        self.retry_network_failures = false;
        self
    }

    pub fn body(mut self, body: Payload) -> Self {
        self.body = body;
        self
    }

    /// Sends the request, retrying transient failures, and returns a 2xx response or the error.
    pub async fn send(self) -> Result<Response> {
        let url = self.url();
        let (max_retries, delay) = self.client.retries();
        let mut retries = 0;
        let (mut skew_corrected, mut renewed) = (false, false);
        loop {
            match self.attempt(&url).await {
                Ok(response) => return Ok(response),
                Err(Failure::Skewed(details, server_time)) => {
                    if skew_corrected || !self.client.correct_skew(server_time) {
                        return Err(Error::clock_skew(details));
                    }
                    skew_corrected = true;
                }
                // Temporary credentials refused (expired early, revoked): once, with fresh ones.
                Err(Failure::Error(error))
                    if error.code() == ErrorCode::CredentialsRefused
                        && !renewed
                        && self.client.credentials.forget() =>
                {
                    renewed = true;
                }
                Err(Failure::Error(error))
                    if error.is_retryable()
                        && (self.retry_network_failures || error.code() != ErrorCode::Network)
                        && retries < max_retries =>
                {
                    platform::sleep(delay(retries)).await;
                    retries += 1;
                }
                Err(Failure::Error(error)) => return Err(error),
            }
        }
    }

    /// One try: sign, send, read the body within its limits, and make a response or a failure of it.
    async fn attempt(&self, url: &str) -> Result<Response, Failure> {
        let client = self.client;
        let time = client.signing_time();
        let credentials = (client.credentials.get(&client.http, time, client.config.request_timeout).await)
            .map_err(Failure::Error)?;
        let auth = self.authorization(url, &credentials, time).map_err(Failure::Error)?;
        // `host` is set by the HTTP stack (and a browser forbids setting it); the rest is sent as signed.
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, v)| (*n, v.as_str()))
            .chain(auth.iter().map(|(n, v)| (n.as_str(), v.as_str())))
            .collect();
        let wait = self.wait_for(self.body.body.len());
        let exchange = (self.client.http.send(self.method.as_str(), url, &headers, &self.body.body, wait).await)
            .map_err(|failed| Failure::Error(self.network_error(url, failed, wait)))?;
        let (status, headers) = (exchange.status, exchange.headers.clone());
        let body = self.read_body(url, exchange).await?;
        if !(200..300).contains(&status) {
            return Err(self.failure(status, &headers, body.as_deref().unwrap_or_default()));
        }
        match body {
            Some(body) => Ok(Response { headers, body }),
            None => Err(Failure::Error(self.too_large(None))),
        }
    }

    /// The SigV4 headers for this request, signed with `credentials` at `time` (corrected for skew).
    fn authorization(&self, url: &str, credentials: &Credentials, time: SystemTime) -> Result<Vec<(String, String)>> {
        let host = self.client.config.host(self.bucket);
        let mut to_sign: Vec<(&str, &str)> = vec![("host", &host)];
        to_sign.extend(self.headers.iter().map(|(n, v)| (*n, v.as_str())));
        let signable =
            Signable { method: self.method.as_str(), url, headers: &to_sign, payload_sha256: &self.body.sha256 };
        sign(credentials, &self.client.config.region, time, &signable)
    }

    /// The body, or `None` once it is over the limit. A success declared over the limit is refused
    /// unread, and an error body that large is left unread (it is read only for its S3 fields):
    /// dropping the exchange stops the download.
    async fn read_body(&self, url: &str, exchange: Exchange) -> Result<Option<Bytes>, Failure> {
        let success = (200..300).contains(&exchange.status);
        let limit = self.max_response_bytes.unwrap_or(MAX_REPLY_BYTES);
        let declared = exchange
            .header("content-length")
            .and_then(|length| length.parse::<u64>().ok())
            .filter(|_| self.method != Method::HEAD);
        match declared {
            Some(size) if size > limit && success => Err(Failure::Error(self.too_large(declared))),
            Some(size) if size > limit => Ok(None),
            _ => {
                let wait = self.wait_for(declared.unwrap_or(limit.min(MAX_REPLY_BYTES)));
                (exchange.body(limit, declared, wait).await)
                    .map_err(|failed| Failure::Error(self.network_error(url, failed, wait)))
            }
        }
    }

    /// What an error answer means: a clock to correct, or the error S3 reported.
    fn failure(&self, status: u16, headers: &[(String, String)], body: &[u8]) -> Failure {
        let mut parsed = xml::parse_error(status, body);
        if parsed.details.request_id.is_none() {
            parsed.details.request_id = header(headers, "x-amz-request-id").map(str::to_owned);
        }
        if parsed.details.region.is_none() {
            parsed.details.region = header(headers, "x-amz-bucket-region").map(str::to_owned);
        }
        if parsed.details.code == "RequestTimeTooSkewed" {
            let server_time = parsed
                .server_time
                .as_deref()
                .and_then(platform::parse_rfc3339)
                .or_else(|| header(headers, "date").and_then(platform::parse_http_date));
            return Failure::Skewed(parsed.details, server_time);
        }
        let version_requested = self.query.iter().any(|(name, _)| *name == "versionId");
        Failure::Error(Error::from_s3(parsed.details, &self.subject(), version_requested))
    }

    /// A response over the limit: a notebook over the user's limit, or anything else over
    /// [`MAX_REPLY_BYTES`]. `size` is unknown when reading stopped at the limit.
    fn too_large(&self, size: Option<u64>) -> Error {
        match self.max_response_bytes {
            Some(limit) => Error::too_large(&self.subject(), size, limit),
            None => Error::invalid_response(&format!(
                "an answer over {} MiB, larger than any S3 listing or error",
                MAX_REPLY_BYTES >> 20
            )),
        }
    }

    /// The URL with the encoded key and query, exactly as signed.
    fn url(&self) -> String {
        let mut url = self.client.config.url(self.bucket, &self.key.map(encode_key).unwrap_or_default());
        for (i, (name, value)) in self.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(name);
            if !value.is_empty() {
                url.push('=');
                url.push_str(&encode_query(value));
            }
        }
        url
    }

    /// `s3://bucket/key?versionId=...`: what the request is about, for error messages.
    fn subject(&self) -> String {
        let mut subject = format!("s3://{}/{}", self.bucket, self.key.unwrap_or_default());
        if let Some((_, id)) = self.query.iter().find(|(n, _)| *n == "versionId") {
            subject.push_str(&format!("?versionId={id}"));
        }
        subject
    }

    /// How long S3 may take to move `bytes` (sent, or expected back) and answer.
    fn wait_for(&self, bytes: u64) -> Duration {
        self.client.config.request_timeout + Duration::from_secs(bytes / SLOWEST_BYTES_PER_SECOND)
    }

    fn network_error(&self, url: &str, failed: Failed, wait: Duration) -> Error {
        // Drop the query and the key: the message names the server, not the object.
        let server = url.split('?').next().unwrap_or(url);
        let server = self.key.map_or(server, |k| server.strip_suffix(&encode_key(k)).unwrap_or(server));
        match failed {
            Failed::TimedOut => Error::timed_out(server, wait),
            Failed::Unreadable => {
                Error::new(Reason::Unreadable { url: server.to_owned(), bucket: self.bucket.to_owned() })
            }
            Failed::Other(cause) => Error::network(server, &cause),
        }
    }
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod credential_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod limit_tests;
#[cfg(test)]
mod tests;
