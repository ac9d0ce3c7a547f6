//! The stable codes of errors: written once, in the list below, which gives the enum, its names
//! across the JS boundary (`error.code`) and [`ErrorCode::ALL`] for tests.

use std::fmt;

macro_rules! error_codes {
    ($($(#[$doc:meta])* $name:ident = $text:literal,)*) => {
        /// What went wrong, as a stable identifier that the UI and tests can match on.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
        #[non_exhaustive]
        pub enum ErrorCode {
            $($(#[$doc])* #[serde(rename = $text)] $name,)*
        }

        impl ErrorCode {
            /// Every code, in the order of the list.
            pub const ALL: &'static [ErrorCode] = &[$(Self::$name),*];

            /// The identifier used across the JS boundary (`error.code`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$name => $text,)*
                }
            }
        }
    };
}

error_codes! {
    /// A configuration field is missing or invalid.
    InvalidConfig = "InvalidConfig",
    /// A notebook path cannot be mapped to an S3 key.
    InvalidPath = "InvalidPath",
    /// S3 refused the credentials (unknown key id, wrong secret, expired token).
    CredentialsRefused = "CredentialsRefused",
    /// Temporary credentials could not be had: the credentials URL is down, refuses this page, or
    /// answers something else than credentials.
    CredentialsUnavailable = "CredentialsUnavailable",
    /// The credentials are valid but not allowed to do this.
    AccessDenied = "AccessDenied",
    /// The bucket does not exist.
    NoSuchBucket = "NoSuchBucket",
    /// The bucket lives in another region than the one configured.
    WrongRegion = "WrongRegion",
    /// The bucket does not keep versions, so saves would overwrite each other.
    VersioningOff = "VersioningOff",
    /// A browser cannot read the ETag and x-amz-version-id headers (bucket CORS configuration).
    HeadersHidden = "HeadersHidden",
    /// The object is larger than the configured limit for notebooks.
    TooLarge = "TooLarge",
    /// No object at that key.
    NoSuchKey = "NoSuchKey",
    /// No such version of that key (or the version id is malformed).
    NoSuchVersion = "NoSuchVersion",
    /// The server could not be reached or did not answer in time: network down, wrong endpoint, a
    /// hung connection, or (in a browser) CORS.
    Network = "Network",
    /// S3 asked us to slow down and kept doing so after retries.
    Throttled = "Throttled",
    /// S3 failed (5xx) and kept failing after retries.
    ServerError = "ServerError",
    /// The clock is too far from S3's and could not be corrected.
    ClockSkew = "ClockSkew",
    /// S3 answered something this client cannot read.
    InvalidResponse = "InvalidResponse",
    /// Any other error S3 reported.
    S3 = "S3Error",
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
