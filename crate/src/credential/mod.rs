//! S3 credentials, and where they come from: keys given in the settings, or temporary ones from a
//! credentials URL (`url.rs`) or from STS for a web-identity token (`sts.rs`), held in memory only and
//! fetched again before they expire. The secret
//! and the session token never appear in `Debug` output: every type that holds them prints `******`
//! instead, and a test checks it.

pub(crate) mod sts;
mod url;

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use crate::error::Result;
use crate::platform;
use crate::transport::Transport;

/// An access key pair, with the session token of temporary credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub(crate) access_key_id: String,
    pub(crate) secret_access_key: String,
    pub(crate) session_token: Option<String>,
    /// When temporary credentials stop working; `None` for long-term keys.
    pub(crate) expires: Option<SystemTime>,
}

impl Credentials {
    /// Long-term or temporary credentials; `session_token` only for temporary ones.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token: session_token.filter(|t| !t.is_empty()),
            expires: None,
        }
    }

    /// The access key id (not a secret: S3 echoes it in errors).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Credentials {
    /// The JSON a `credential_process` prints (`Version: 1`), which a credentials URL may answer: for a
    /// service handing these credentials on. It holds the secret: never log it.
    pub fn process_json(&self) -> serde_json::Value {
        let mut json = serde_json::json!({
            "Version": 1,
            "AccessKeyId": self.access_key_id,
            "SecretAccessKey": self.secret_access_key,
        });
        if let Some(token) = &self.session_token {
            json["SessionToken"] = token.as_str().into();
        }
        if let Some(expires) = self.expires {
            json["Expiration"] = humantime::format_rfc3339_seconds(expires).to_string().into();
        }
        json
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"******")
            .field("session_token", &self.session_token.as_ref().map(|_| "******"))
            .field("expires", &self.expires)
            .finish()
    }
}

/// Where the credentials that sign requests come from.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Source {
    /// Keys given in the settings (or typed in for the session).
    Keys(Credentials),
    /// A URL that answers temporary credentials as AWS's container-credentials endpoint does (or as a
    /// `credential_process` prints them), with an optional `Authorization` header.
    Url { url: String, authorization: Option<String> },
    /// STS `AssumeRoleWithWebIdentity`: a role, and a token that proves who the user is.
    WebIdentity(WebIdentity),
}

/// A role to assume with a web-identity token, and where STS and the token are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct WebIdentity {
    pub role_arn: String,
    /// Names the session in the role's ARN (and in the server's logs): who is behind it.
    pub session_name: String,
    pub sts_endpoint: String,
    pub token: Token,
}

/// Where a web-identity token comes from; it is fetched again at each renewal (tokens expire too).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Token {
    /// A URL answering the token (a same-origin one gets the page's cookies).
    Url(String),
    /// A file holding it (a Kubernetes pod's `AWS_WEB_IDENTITY_TOKEN_FILE`).
    #[cfg(not(target_arch = "wasm32"))]
    File(std::path::PathBuf),
}

impl WebIdentity {
    async fn fetch(&self, http: &Transport, wait: Duration) -> Result<Credentials> {
        let token = match &self.token {
            Token::Url(url) => sts::fetch_token(http, url, wait).await?,
            #[cfg(not(target_arch = "wasm32"))]
            Token::File(path) => sts::read_token(path)?,
        };
        let sts = sts::Sts { http, endpoint: &self.sts_endpoint, wait };
        sts.assume_role_with_web_identity(&self.role_arn, &self.session_name, &token).await
    }
}

impl Source {
    /// The name the bucket check reports (`credentialSource`).
    pub fn name(&self) -> &'static str {
        match self {
            Self::Keys(_) => "keys",
            Self::Url { .. } => "url",
            Self::WebIdentity(_) => "web-identity",
        }
    }
}

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Keys(credentials) => f.debug_tuple("Keys").field(credentials).finish(),
            Self::Url { url, authorization } => f
                .debug_struct("Url")
                .field("url", url)
                .field("authorization", &authorization.as_ref().map(|_| "******"))
                .finish(),
            Self::WebIdentity(web) => f.debug_tuple("WebIdentity").field(web).finish(),
        }
    }
}

/// Temporary credentials are renewed this long before they expire, or a quarter of their lifetime
/// before when that is shorter (a token of a few minutes still gets most of its use).
const RENEW_AHEAD: Duration = Duration::from_secs(300);

/// The credentials to sign with: the settings' keys, or the URL's, held in memory (never stored) and
/// fetched again when they are due or S3 refused them.
#[derive(Debug)]
pub(crate) struct Provider {
    source: Source,
    held: Mutex<Option<Held>>,
    /// A fetch is under way: requests that need credentials meanwhile wait for it rather than each
    /// fetching their own (a save and a listing often start together).
    fetching: AtomicBool,
}

/// How often a request waiting for another's fetch looks again.
const FETCH_POLL: Duration = Duration::from_millis(20);

impl Provider {
    pub fn new(source: Source) -> Self {
        Self { source, held: Mutex::new(None), fetching: AtomicBool::new(false) }
    }

    pub fn source(&self) -> &Source {
        &self.source
    }

    /// The credentials for a request signed at `now` (S3's time); `wait` bounds a fetch.
    pub async fn get(&self, http: &Transport, now: SystemTime, wait: Duration) -> Result<Credentials> {
        if let Source::Keys(keys) = &self.source {
            return Ok(keys.clone());
        }
        let mut waited = Duration::ZERO;
        loop {
            if let Some(held) = self.lock().as_ref().filter(|held| !held.due(now)) {
                return Ok(held.credentials.clone());
            }
            // Waits for another request's fetch at most `wait`, then fetches anyway.
            if !self.fetching.swap(true, Ordering::AcqRel) || waited >= wait {
                let _done = Fetching(&self.fetching);
                let credentials = self.fetch(http, wait).await?;
                *self.lock() = Some(Held { credentials: credentials.clone(), fetched: now });
                return Ok(credentials);
            }
            platform::sleep(FETCH_POLL).await;
            waited += FETCH_POLL;
        }
    }

    /// Fetches new temporary credentials from the source.
    async fn fetch(&self, http: &Transport, wait: Duration) -> Result<Credentials> {
        match &self.source {
            Source::Keys(keys) => Ok(keys.clone()),
            Source::Url { url, authorization } => url::fetch(http, url, authorization.as_deref(), wait).await,
            Source::WebIdentity(web) => web.fetch(http, wait).await,
        }
    }

    /// When S3 refused the credentials: forgets them if new ones can be fetched (then true).
    pub fn forget(&self) -> bool {
        !matches!(self.source, Source::Keys(_)) && self.lock().take().is_some()
    }

    /// When the credentials in use expire, if they do.
    pub fn expires(&self) -> Option<SystemTime> {
        self.lock().as_ref().and_then(|held| held.credentials.expires)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Held>> {
        // Nothing panics while holding it; a poisoned lock still holds valid credentials or none.
        self.held.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Marks the end of a fetch, however it ends.
struct Fetching<'a>(&'a AtomicBool);

impl Drop for Fetching<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Release);
    }
}

/// Credentials fetched from a [`Source::Url`], and when.
#[derive(Clone, Debug)]
pub(crate) struct Held {
    pub credentials: Credentials,
    pub fetched: SystemTime,
}

impl Held {
    /// Whether to fetch new ones before signing at `now`.
    pub fn due(&self, now: SystemTime) -> bool {
        let Some(expires) = self.credentials.expires else { return false };
        let lifetime = expires.duration_since(self.fetched).unwrap_or_default();
        let ahead = RENEW_AHEAD.min(lifetime / 4);
        expires.duration_since(now).map_or(true, |left| left <= ahead)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret_or_token() {
        let c = Credentials::new("AKIDEXAMPLE", "s3cr3t-VALUE", Some("t0ken-VALUE".into()));
        let source = Source::Url { url: "https://x/creds".into(), authorization: Some("Bearer t0ken-VALUE".into()) };
        let text = format!("{c:?} {c:#?} {source:?} {:?}", Source::Keys(c.clone()));
        assert!(text.contains("AKIDEXAMPLE"));
        assert!(!text.contains("s3cr3t-VALUE"), "{text}");
        assert!(!text.contains("t0ken-VALUE"), "{text}");
    }

    #[test]
    fn temporary_credentials_are_renewed_ahead_of_expiry() {
        let start = std::time::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let held = |lifetime: u64| Held {
            credentials: Credentials {
                expires: Some(start + Duration::from_secs(lifetime)),
                ..Credentials::new("a", "b", Some("t".into()))
            },
            fetched: start,
        };
        let at = |seconds: u64| start + Duration::from_secs(seconds);
        // An hour: renewed 5 minutes ahead.
        assert!(!held(3_600).due(at(3_299)));
        assert!(held(3_600).due(at(3_300)));
        // 15 minutes: a quarter ahead (225 s); 8 seconds: 2 seconds ahead.
        assert!(!held(900).due(at(674)) && held(900).due(at(675)));
        assert!(!held(8).due(at(5)) && held(8).due(at(6)));
        // Expired, or a clock past it: renewed.
        assert!(held(8).due(at(100)));
        // Long-term keys never are.
        let keys = Held { credentials: Credentials::new("a", "b", None), fetched: start };
        assert!(!keys.due(at(1_000_000)));
    }

    #[test]
    fn an_empty_session_token_means_none() {
        assert_eq!(Credentials::new("a", "b", Some(String::new())).session_token, None);
    }
}
