//! S3 credentials. The secret and the session token never appear in `Debug` output: every type that
//! holds them prints `******` instead, and a test checks it.

use std::fmt;

/// An access key pair, with the session token of temporary credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub(crate) access_key_id: String,
    pub(crate) secret_access_key: String,
    pub(crate) session_token: Option<String>,
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
        }
    }

    /// The access key id (not a secret: S3 echoes it in errors).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"******")
            .field("session_token", &self.session_token.as_ref().map(|_| "******"))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret_or_token() {
        let c = Credentials::new("AKIDEXAMPLE", "s3cr3t-VALUE", Some("t0ken-VALUE".into()));
        let text = format!("{c:?} {c:#?}");
        assert!(text.contains("AKIDEXAMPLE"));
        assert!(!text.contains("s3cr3t-VALUE"), "{text}");
        assert!(!text.contains("t0ken-VALUE"), "{text}");
    }

    #[test]
    fn an_empty_session_token_means_none() {
        assert_eq!(Credentials::new("a", "b", Some(String::new())).session_token, None);
    }
}
