//! The crate's one error type: a stable [`ErrorCode`], the reason as data (a sentence's identifier and
//! its fields, which the extension translates), and, when S3 answered, what S3 said.
//!
//! - `code.rs`: the list of codes, written once.
//! - `reason.rs`: why an operation failed, as data; each reason has one code.
//! - `english.rs`: the sentences of the native build; `catalog.json` holds them all for the tests.
//! - `s3.rs`: from S3's error answers to reasons.

mod code;
mod english;
mod reason;
mod s3;
#[cfg(test)]
mod tests;

use std::fmt;
use std::time::Duration;

pub use code::ErrorCode;
pub(crate) use reason::{Fields, Flaw, Reason, Value};

use crate::keys::{Invalid, Rule, Subject};

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
    // Boxed: errors travel in every Result, which stays small this way.
    reason: Box<Reason>,
    s3: Option<Box<S3Details>>,
}

/// Short for `Result<T, bookstore::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn new(reason: Reason) -> Self {
        Self { reason: Box::new(reason), s3: None }
    }

    pub(crate) fn with_s3(mut self, details: S3Details) -> Self {
        self.s3 = Some(Box::new(details));
        self
    }

    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        self.reason.code()
    }

    /// The sentence for the user, in English: what happened and what to do.
    pub fn message(&self) -> String {
        self.reason.english()
    }

    /// The identifier of the sentence and its named fields, for a user interface to render in its
    /// own language (see `catalog.json`).
    pub(crate) fn parts(&self) -> (&'static str, Vec<(&'static str, Value)>) {
        self.reason.parts()
    }

    /// What S3 said, when the error came from an S3 response.
    pub fn s3(&self) -> Option<&S3Details> {
        self.s3.as_deref()
    }

    /// Whether sending the same request again may succeed.
    pub(crate) fn is_retryable(&self) -> bool {
        matches!(self.code(), ErrorCode::Network | ErrorCode::Throttled | ErrorCode::ServerError)
    }

    pub(crate) fn invalid_config(field: &'static str, flaw: Flaw) -> Self {
        Self::new(Reason::Setting { field, flaw })
    }

    pub(crate) fn network(url: &str, cause: &str) -> Self {
        Self::new(Reason::Network { url: url.to_owned(), cause: cause.to_owned() })
    }

    /// A request S3 left unanswered: retried like any network failure (a PUT only after checking
    /// whether it was stored).
    pub(crate) fn timed_out(url: &str, wait: Duration) -> Self {
        Self::new(Reason::TimedOut { url: url.to_owned(), seconds: wait.as_secs() })
    }

    pub(crate) fn invalid_response(what: &str) -> Self {
        Self::new(Reason::InvalidResponse { what: what.to_owned() })
    }

    /// `size` is unknown when the server did not declare it and reading stopped at the limit.
    pub(crate) fn too_large(subject: &str, size: Option<u64>, limit: u64) -> Self {
        let (subject, limit) = (subject.to_owned(), limit >> 20);
        Self::new(match size {
            Some(size) => Reason::TooLarge { subject, mebibytes: size.div_ceil(1 << 20), limit },
            None => Reason::TooLargeUnread { subject, limit },
        })
    }

    pub(crate) fn clock_skew(details: S3Details) -> Self {
        Self::new(Reason::ClockSkew).with_s3(details)
    }
}

impl From<Invalid> for Error {
    fn from(invalid: Invalid) -> Self {
        Self::new(match (invalid.subject, invalid.rule) {
            (Subject::Path(path), Rule::TooLong(bytes)) => Reason::PathTooLong { path: quoted(&path), bytes },
            (Subject::Key(key), Rule::TooLong(bytes)) => Reason::KeyTooLong { key: quoted(&key), bytes },
            (Subject::Setting(field), rule) => Reason::Setting { field, flaw: Flaw::of_rule(rule) },
            (Subject::Path(path) | Subject::Key(path), rule) => {
                Reason::Path { path: quoted(&path), flaw: Flaw::of_rule(rule) }
            }
        })
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

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())?;
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
