//! The crate's one error type: a stable [`ErrorCode`], a sentence that tells the user what to do, and,
//! when S3 answered, what S3 said (its code, the HTTP status and the request id).
//!
//! Every user-facing sentence is written here, so wording stays consistent and no secret can slip into
//! a message assembled elsewhere.

use std::fmt;

use crate::keys::MAX_KEY_BYTES;

/// What went wrong, as a stable identifier that the UI and tests can match on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[non_exhaustive]
pub enum ErrorCode {
    /// A configuration field is missing or invalid.
    InvalidConfig,
    /// A notebook path cannot be mapped to an S3 key.
    InvalidPath,
    /// S3 refused the credentials (unknown key id, wrong secret, expired token).
    CredentialsRefused,
    /// The credentials are valid but not allowed to do this.
    AccessDenied,
    /// The bucket does not exist.
    NoSuchBucket,
    /// The bucket lives in another region than the one configured.
    WrongRegion,
    /// The bucket does not keep versions, so saves would overwrite each other.
    VersioningOff,
    /// A browser cannot read the ETag and x-amz-version-id headers (bucket CORS configuration).
    HeadersHidden,
    /// The object is larger than the configured limit for notebooks.
    TooLarge,
    /// No object at that key.
    NoSuchKey,
    /// No such version of that key (or the version id is malformed).
    NoSuchVersion,
    /// The server could not be reached or did not answer in time: network down, wrong endpoint, a
    /// hung connection, or (in a browser) CORS.
    Network,
    /// S3 asked us to slow down and kept doing so after retries.
    Throttled,
    /// S3 failed (5xx) and kept failing after retries.
    ServerError,
    /// The clock is too far from S3's and could not be corrected.
    ClockSkew,
    /// S3 answered something this client cannot read.
    InvalidResponse,
    /// Any other error S3 reported.
    #[serde(rename = "S3Error")]
    S3,
}

impl ErrorCode {
    /// The identifier used across the JS boundary (`error.code`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidConfig => "InvalidConfig",
            Self::InvalidPath => "InvalidPath",
            Self::CredentialsRefused => "CredentialsRefused",
            Self::AccessDenied => "AccessDenied",
            Self::NoSuchBucket => "NoSuchBucket",
            Self::WrongRegion => "WrongRegion",
            Self::VersioningOff => "VersioningOff",
            Self::HeadersHidden => "HeadersHidden",
            Self::TooLarge => "TooLarge",
            Self::NoSuchKey => "NoSuchKey",
            Self::NoSuchVersion => "NoSuchVersion",
            Self::Network => "Network",
            Self::Throttled => "Throttled",
            Self::ServerError => "ServerError",
            Self::ClockSkew => "ClockSkew",
            Self::InvalidResponse => "InvalidResponse",
            Self::S3 => "S3Error",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What S3 itself said about a failed request.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct S3Details {
    /// HTTP status code.
    pub status: u16,
    /// S3's error code, such as `SignatureDoesNotMatch`; empty when the response had no body (HEAD).
    pub code: String,
    /// S3's own message.
    pub message: String,
    /// The request id, for support tickets.
    pub request_id: Option<String>,
    /// The bucket's real region, when S3 named it.
    pub region: Option<String>,
}

/// An error from any operation of this crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    code: ErrorCode,
    message: String,
    // Boxed: errors travel in every Result, and most carry no S3 details.
    s3: Option<Box<S3Details>>,
}

/// Short for `Result<T, bookstore::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The sentence for the user: what happened and what to do.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// What S3 said, when the error came from an S3 response.
    pub fn s3(&self) -> Option<&S3Details> {
        self.s3.as_deref()
    }

    /// Whether sending the same request again may succeed.
    pub(crate) fn is_retryable(&self) -> bool {
        matches!(self.code, ErrorCode::Network | ErrorCode::Throttled | ErrorCode::ServerError)
    }

    pub(crate) fn invalid_config(field: &str, problem: &str) -> Self {
        Self::new(ErrorCode::InvalidConfig, format!("Setting `{field}` {problem}. Fix it in the Bookstore settings."))
    }

    pub(crate) fn invalid_path(path: &str, problem: &str) -> Self {
        Self::new(
            ErrorCode::InvalidPath,
            format!("The path {} {problem}. Rename the notebook or pick another path.", quoted(path)),
        )
    }

    /// A notebook path whose key under the prefix would be longer than S3 allows.
    pub(crate) fn path_too_long(path: &str, key_bytes: usize) -> Self {
        let problem = format!(
            "is too long: its S3 key would be {} bytes, over S3's limit of {} bytes for a key",
            thousands(key_bytes),
            thousands(MAX_KEY_BYTES)
        );
        Self::invalid_path(path, &problem)
    }

    /// A key given from outside (a clone link, the clone dialog) that no S3 object can have. The key
    /// comes last: notifications show only the first 140 characters, which must name the problem.
    pub(crate) fn key_too_long(key: &str) -> Self {
        Self::new(
            ErrorCode::InvalidPath,
            format!(
                "The key is {} bytes long, over S3's limit of {} bytes for a key, so no object can have it \
                 and nothing was requested. Check the link or key ({}); it may be damaged.",
                thousands(key.len()),
                thousands(MAX_KEY_BYTES),
                quoted(key)
            ),
        )
    }

    pub(crate) fn network(url: &str, cause: &str) -> Self {
        Self::new(
            ErrorCode::Network,
            format!(
                "Could not reach S3 at {url} ({cause}). Check the endpoint setting and the network. In a \
                 browser, also check that the bucket's CORS configuration allows this page's origin, and the \
                 credentials: some servers (Ceph RGW) refuse wrong ones without CORS headers, which a browser \
                 can only report as a network failure."
            ),
        )
    }

    /// A request S3 left unanswered: retried like any network failure (a PUT only after checking
    /// whether it was stored).
    pub(crate) fn timed_out(url: &str, wait: std::time::Duration) -> Self {
        Self::new(
            ErrorCode::Network,
            format!(
                "S3 at {url} did not answer within {} s. Check the network; if S3 is just slow, raise \
                 \"requestTimeoutSeconds\" in the Bookstore settings.",
                wait.as_secs()
            ),
        )
    }

    pub(crate) fn invalid_response(what: &str) -> Self {
        Self::new(
            ErrorCode::InvalidResponse,
            format!(
                "S3 sent a response this client cannot read ({what}). Check that the endpoint is an S3 \
                 server; if it is, report this with the server's name and version."
            ),
        )
    }

    pub(crate) fn no_version_id(key: &str) -> Self {
        Self::new(
            ErrorCode::VersioningOff,
            format!(
                "S3 stored {key} but returned no version id, so each save would overwrite the last. Enable \
                 versioning on the bucket; in a browser, also expose the x-amz-version-id header in the \
                 bucket's CORS configuration."
            ),
        )
    }

    pub(crate) fn versioning_off(suspended: bool) -> Self {
        let state = if suspended {
            "Versioning is suspended on this bucket, so new saves overwrite the latest version"
        } else {
            "Versioning is not enabled on this bucket, so each save would overwrite the last"
        };
        Self::new(
            ErrorCode::VersioningOff,
            format!(
                "{state}. Enable it (S3 console: the bucket's Properties, Bucket Versioning; or \
                 `aws s3api put-bucket-versioning --bucket NAME --versioning-configuration Status=Enabled`)."
            ),
        )
    }

    pub(crate) fn headers_hidden(bucket: &str) -> Self {
        Self::new(
            ErrorCode::HeadersHidden,
            format!(
                "Add ETag and x-amz-version-id to ExposeHeaders in the CORS configuration of bucket \
                 {bucket}: this page cannot read them, so it cannot tell which version a save became."
            ),
        )
    }

    /// `size` is unknown when the server did not declare it and reading stopped at the limit.
    pub(crate) fn too_large(subject: &str, size: Option<u64>, limit: u64) -> Self {
        let (is, read) = match size {
            Some(size) => (format!("is {} MiB", size.div_ceil(1 << 20)), "nothing was read"),
            None => ("is larger".to_owned(), "reading stopped there"),
        };
        Self::new(
            ErrorCode::TooLarge,
            format!(
                "{subject} {is}, over the {} MiB limit for notebooks; {read}. If you trust it, raise \
                 \"maxNotebookMegabytes\" in the Bookstore settings.",
                limit >> 20
            ),
        )
    }

    pub(crate) fn clock_skew(details: S3Details) -> Self {
        Self::new(
            ErrorCode::ClockSkew,
            "This computer's clock is too far from S3's and the correction did not help. Set the \
             clock right (enable automatic time) and try again."
                .to_owned(),
        )
        .with_s3(details)
    }

    /// Maps an S3 error response to the error the user needs to see. `subject` names what was asked
    /// for (`s3://bucket/key?versionId=...`), so the message can say which object or bucket is meant;
    /// `version_requested` tells whether the request named a version.
    pub(crate) fn from_s3(details: S3Details, subject: &str, version_requested: bool) -> Self {
        let (code, message) = match (details.status, details.code.as_str()) {
            (_, "SignatureDoesNotMatch" | "InvalidAccessKeyId" | "InvalidToken" | "ExpiredToken")
            | (_, "InvalidSecurity" | "TokenRefreshRequired") => (
                ErrorCode::CredentialsRefused,
                "S3 refused the credentials. Check the access key id and secret (and the session token \
                 if you use temporary credentials) in the Bookstore settings."
                    .to_owned(),
            ),
            (_, "NoSuchBucket") => (
                ErrorCode::NoSuchBucket,
                format!("The bucket of {subject} does not exist. Check the bucket name, or create it."),
            ),
            (_, "AuthorizationHeaderMalformed" | "PermanentRedirect" | "IllegalLocationConstraintException")
            | (301, _) => {
                let region =
                    details.region.as_deref().map_or_else(|| "the bucket's region".to_owned(), |r| format!("\"{r}\""));
                (
                    ErrorCode::WrongRegion,
                    format!("The bucket of {subject} is in another region. Set the region to {region}."),
                )
            }
            // For a version that does not exist, S3 answers NoSuchVersion (or InvalidArgument when the id
            // is malformed) and RGW answers NoSuchKey.
            (_, "NoSuchVersion") | (400, "InvalidArgument") | (_, "NoSuchKey") | (404, "") if version_requested => (
                ErrorCode::NoSuchVersion,
                format!("There is no version {subject}. Refresh the version list; it may have been deleted."),
            ),
            (_, "NoSuchKey") | (404, "") => (
                ErrorCode::NoSuchKey,
                format!("Nothing is stored at {subject}. Check the path, or save the notebook first."),
            ),
            (_, "AccessDenied" | "AllAccessDisabled") | (403, "") => (
                ErrorCode::AccessDenied,
                format!(
                    "S3 denied access to {subject}. Ask for a policy that allows this action on the \
                     workspace and published prefixes."
                ),
            ),
            (_, "SlowDown" | "RequestLimitExceeded" | "TooManyRequests") | (429, _) | (503, _) => (
                ErrorCode::Throttled,
                "S3 asks to slow down and kept doing so after several retries. Wait a minute and try again.".to_owned(),
            ),
            (500..=599, _) | (408, _) | (_, "InternalError" | "RequestTimeout") => (
                ErrorCode::ServerError,
                "S3 failed to answer and kept failing after several retries. Try again later.".to_owned(),
            ),
            _ => (
                ErrorCode::S3,
                format!("S3 refused the request for {subject}. See S3's message below for what to change."),
            ),
        };
        Self::new(code, message).with_s3(details)
    }

    pub(crate) fn new(code: ErrorCode, message: String) -> Self {
        Self { code, message, s3: None }
    }

    pub(crate) fn with_s3(mut self, details: S3Details) -> Self {
        self.s3 = Some(Box::new(details));
        self
    }
}

/// `text` quoted and escaped for a message; a long one is cut in the middle so that the sentence
/// around it stays readable.
fn quoted(text: &str) -> String {
    const HEAD: usize = 48;
    const TAIL: usize = 16;
    if text.chars().count() <= HEAD + TAIL + 1 {
        return format!("{text:?}");
    }
    let head: String = text.chars().take(HEAD).collect();
    let tail: String = text.chars().skip(text.chars().count() - TAIL).collect();
    format!("{:?}", format!("{head}…{tail}"))
}

/// `1234` as `1,234`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(s3) = self.s3() {
            write!(f, " (S3 said: HTTP {}", s3.status)?;
            if !s3.code.is_empty() {
                write!(f, " {}", s3.code)?;
            }
            if !s3.message.is_empty() {
                write!(f, ": {}", s3.message)?;
            }
            if let Some(id) = &s3.request_id {
                write!(f, "; request id {id}")?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    fn s3(status: u16, code: &str) -> S3Details {
        S3Details { status, code: code.into(), ..Default::default() }
    }

    #[test]
    fn s3_codes_map_to_what_the_user_must_fix() {
        let cases = [
            (403, "SignatureDoesNotMatch", "s3://b/k", ErrorCode::CredentialsRefused),
            (403, "InvalidAccessKeyId", "s3://b/k", ErrorCode::CredentialsRefused),
            (400, "ExpiredToken", "s3://b/k", ErrorCode::CredentialsRefused),
            (404, "NoSuchBucket", "s3://b/k", ErrorCode::NoSuchBucket),
            (400, "AuthorizationHeaderMalformed", "s3://b/k", ErrorCode::WrongRegion),
            (301, "", "s3://b/k", ErrorCode::WrongRegion),
            (404, "NoSuchVersion", "s3://b/k?versionId=x", ErrorCode::NoSuchVersion),
            (404, "NoSuchKey", "s3://b/k?versionId=x", ErrorCode::NoSuchVersion),
            (400, "InvalidArgument", "s3://b/k?versionId=x", ErrorCode::NoSuchVersion),
            (400, "InvalidArgument", "s3://b/k", ErrorCode::S3),
            (404, "NoSuchKey", "s3://b/k", ErrorCode::NoSuchKey),
            (404, "", "s3://b/k", ErrorCode::NoSuchKey),
            (403, "AccessDenied", "s3://b/k", ErrorCode::AccessDenied),
            (503, "SlowDown", "s3://b/k", ErrorCode::Throttled),
            (500, "InternalError", "s3://b/k", ErrorCode::ServerError),
            (400, "EntityTooLarge", "s3://b/k", ErrorCode::S3),
        ];
        for (status, code, subject, want) in cases {
            let err = Error::from_s3(s3(status, code), subject, subject.contains("versionId="));
            assert_eq!(err.code(), want, "{status} {code}");
            assert!(err.message().ends_with('.'), "a full sentence: {}", err.message());
        }
    }

    #[test]
    fn wrong_region_names_the_right_one() {
        let mut d = s3(400, "AuthorizationHeaderMalformed");
        d.region = Some("eu-west-1".into());
        let err = Error::from_s3(d, "s3://b/k", false);
        assert!(err.message().contains("\"eu-west-1\""), "{}", err.message());
    }

    #[test]
    fn display_carries_s3_code_status_and_request_id() {
        let mut d = s3(403, "SignatureDoesNotMatch");
        d.message = "The request signature we calculated does not match".into();
        d.request_id = Some("REQ123".into());
        let text = Error::from_s3(d, "s3://b/k", false).to_string();
        assert!(text.contains("HTTP 403 SignatureDoesNotMatch"), "{text}");
        assert!(text.contains("request id REQ123"), "{text}");
    }

    #[test]
    fn codes_cross_the_js_boundary_by_their_names() {
        use ErrorCode::*;
        let all = [
            InvalidConfig,
            InvalidPath,
            CredentialsRefused,
            AccessDenied,
            NoSuchBucket,
            WrongRegion,
            VersioningOff,
            NoSuchKey,
            NoSuchVersion,
            Network,
            Throttled,
            ServerError,
            ClockSkew,
            InvalidResponse,
            S3,
        ];
        for code in all {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str(), "the TypeScript type says as_str()");
        }
    }

    #[test]
    fn long_paths_are_cut_in_the_middle_and_numbers_grouped() {
        assert_eq!(quoted("a/b.ipynb"), "\"a/b.ipynb\"");
        assert_eq!(quoted("a\nb"), "\"a\\nb\"", "control characters are escaped");
        let long = format!("{}{}.ipynb", "a".repeat(3_000), "z".repeat(3_000));
        assert_eq!(quoted(&long), format!("\"{}…{}.ipynb\"", "a".repeat(48), "z".repeat(10)));
        let message = Error::invalid_path(&long, "is odd").message().to_owned();
        assert!(
            message.starts_with("The path \"aaa")
                && message.ends_with("zz.ipynb\" is odd. Rename the notebook or pick another path."),
            "{message}"
        );
        let grouped = [(0, "0"), (999, "999"), (1_024, "1,024"), (100_000, "100,000"), (1_234_567, "1,234,567")];
        for (n, text) in grouped {
            assert_eq!(thousands(n), text);
        }
    }

    #[test]
    fn only_transient_failures_are_retried() {
        assert!(Error::from_s3(s3(503, "SlowDown"), "x", false).is_retryable());
        assert!(Error::from_s3(s3(500, "InternalError"), "x", false).is_retryable());
        assert!(Error::network("http://x", "refused").is_retryable());
        assert!(!Error::from_s3(s3(403, "SignatureDoesNotMatch"), "x", false).is_retryable());
        assert!(!Error::from_s3(s3(404, "NoSuchKey"), "x", false).is_retryable());
    }
}
