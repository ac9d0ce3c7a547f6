//! Why an operation failed, as data: a reason with named fields, which a user interface renders in
//! its own language (the extension through JupyterLab's translator) and the native build in English
//! (`english.rs`). Each reason has exactly one [`ErrorCode`].

use super::ErrorCode;
use crate::keys::Rule;

/// Why an operation failed, with what the sentence for the user needs to name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reason {
    Setting { field: &'static str, flaw: Flaw },
    Path { path: String, flaw: Flaw },
    PathTooLong { path: String, bytes: usize },
    KeyTooLong { key: String, bytes: usize },
    NameTooLong { chars: usize, limit: usize },
    Network { url: String, cause: String },
    Unreadable { url: String, bucket: String },
    TimedOut { url: String, seconds: u64 },
    InvalidResponse { what: String },
    SigningFailed { cause: String },
    NoVersionId { key: String },
    VersioningOff,
    VersioningSuspended,
    HeadersHidden { bucket: String },
    TooLarge { subject: String, mebibytes: u64, limit: u64 },
    TooLargeUnread { subject: String, limit: u64 },
    ClockSkew,
    CredentialsRefused,
    CredentialsUrlFailed { url: String, cause: String },
    CredentialsUrlRefused { url: String, status: u16 },
    CredentialsUrlInvalid { url: String },
    StsFailed { url: String, cause: String },
    StsRefused { url: String, answer: String },
    WebIdentityTokenFailed { url: String, cause: String },
    NoSuchBucket { subject: String },
    WrongRegion { subject: String, region: String },
    WrongRegionUnnamed { subject: String },
    NoSuchVersion { subject: String },
    NoSuchKey { subject: String },
    AccessDenied { subject: String },
    Throttled,
    ServerError,
    S3Refused { subject: String },
}

macro_rules! flaws {
    ($($(#[$meta:meta])* $name:ident = $id:literal,)*) => {
        /// What is wrong with a setting or a path.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum Flaw {
            $($(#[$meta])* $name,)*
        }

        impl Flaw {
            /// Every flaw, for tests.
            #[cfg(test)]
            pub const ALL: &'static [Flaw] = &[$(Self::$name),*];

            /// The identifier the extension translates (`fields.flaw`).
            pub fn id(self) -> &'static str {
                match self {
                    $(Self::$name => $id,)*
                }
            }
        }
    };
}

flaws! {
    Empty = "empty",
    Absolute = "absolute",
    Backslash = "backslash",
    ControlCharacter = "controlCharacter",
    DriveLetter = "driveLetter",
    EmptySegment = "emptySegment",
    DotSegment = "dotSegment",
    NotS3Link = "notS3Link",
    BucketEmpty = "bucketEmpty",
    BucketLength = "bucketLength",
    BucketCharacters = "bucketCharacters",
    BucketEnds = "bucketEnds",
    BucketDoubleDot = "bucketDoubleDot",
    UserMissing = "userMissing",
    UserSlash = "userSlash",
    PrefixEmpty = "prefixEmpty",
    PrefixesOverlap = "prefixesOverlap",
    RegionCharacters = "regionCharacters",
    AccessKeyEmpty = "accessKeyEmpty",
    SecretEmpty = "secretEmpty",
    EndpointNotUrl = "endpointNotUrl",
    EndpointScheme = "endpointScheme",
    EndpointExtras = "endpointExtras",
    // Read from JavaScript values by `wasm.rs` only.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    NotObject = "notObject",
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    NotText = "notText",
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    NotBoolean = "notBoolean",
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    NotWholeMebibytes = "notWholeMebibytes",
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    NotWholeSeconds = "notWholeSeconds",
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    UnknownScope = "unknownScope",
    TooLong = "tooLong",
    CredentialsUrlNotUrl = "credentialsUrlNotUrl",
    RoleArnNotArn = "roleArnNotArn",
}

impl Flaw {
    /// The flaw of a broken key rule.
    pub fn of_rule(rule: Rule) -> Self {
        match rule {
            Rule::Empty => Self::Empty,
            Rule::TooLong(_) => Self::TooLong,
            Rule::Absolute => Self::Absolute,
            Rule::Backslash => Self::Backslash,
            Rule::ControlCharacter => Self::ControlCharacter,
            Rule::DriveLetter => Self::DriveLetter,
            Rule::EmptySegment => Self::EmptySegment,
            Rule::DotSegment => Self::DotSegment,
            Rule::NotS3Link => Self::NotS3Link,
            Rule::BucketEmpty => Self::BucketEmpty,
            Rule::BucketLength => Self::BucketLength,
            Rule::BucketCharacters => Self::BucketCharacters,
            Rule::BucketEnds => Self::BucketEnds,
            Rule::BucketDoubleDot => Self::BucketDoubleDot,
            Rule::UserMissing => Self::UserMissing,
            Rule::UserSlash => Self::UserSlash,
            Rule::PrefixEmpty => Self::PrefixEmpty,
        }
    }
}

/// A field's value: text (already quoted where the sentence quotes it) or a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    Text(String),
    Number(u64),
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<u64> for Value {
    fn from(n: u64) -> Self {
        Self::Number(n)
    }
}

impl From<usize> for Value {
    fn from(n: usize) -> Self {
        Self::Number(n as u64)
    }
}

impl Reason {
    /// The one code of this reason.
    pub fn code(&self) -> ErrorCode {
        use ErrorCode as C;
        match self {
            Self::Setting { .. } | Self::SigningFailed { .. } | Self::NameTooLong { .. } => C::InvalidConfig,
            Self::Path { .. } | Self::PathTooLong { .. } | Self::KeyTooLong { .. } => C::InvalidPath,
            // Kept and retried as when S3 is out of reach: a bucket may be created, a CORS rule added.
            Self::Network { .. } | Self::TimedOut { .. } | Self::Unreadable { .. } => C::Network,
            Self::InvalidResponse { .. } => C::InvalidResponse,
            Self::NoVersionId { .. } | Self::VersioningOff | Self::VersioningSuspended => C::VersioningOff,
            Self::HeadersHidden { .. } => C::HeadersHidden,
            Self::TooLarge { .. } | Self::TooLargeUnread { .. } => C::TooLarge,
            Self::ClockSkew => C::ClockSkew,
            Self::CredentialsRefused => C::CredentialsRefused,
            Self::CredentialsUrlFailed { .. }
            | Self::CredentialsUrlRefused { .. }
            | Self::CredentialsUrlInvalid { .. }
            | Self::StsFailed { .. }
            | Self::StsRefused { .. }
            | Self::WebIdentityTokenFailed { .. } => C::CredentialsUnavailable,
            Self::NoSuchBucket { .. } => C::NoSuchBucket,
            Self::WrongRegion { .. } | Self::WrongRegionUnnamed { .. } => C::WrongRegion,
            Self::NoSuchVersion { .. } => C::NoSuchVersion,
            Self::NoSuchKey { .. } => C::NoSuchKey,
            Self::AccessDenied { .. } => C::AccessDenied,
            Self::Throttled => C::Throttled,
            Self::ServerError => C::ServerError,
            Self::S3Refused { .. } => C::S3,
        }
    }

    /// The identifier the extension translates (`error.reason`), and the named fields its sentence
    /// uses (`error.fields`).
    pub fn parts(&self) -> (&'static str, Vec<(&'static str, Value)>) {
        let text = |value: &str| Value::from(value);
        match self {
            Self::Setting { field, flaw } => ("setting", vec![("field", text(field)), ("flaw", text(flaw.id()))]),
            Self::Path { path, flaw } => ("path", vec![("path", text(path)), ("flaw", text(flaw.id()))]),
            Self::PathTooLong { path, bytes } => {
                ("pathTooLong", vec![("path", text(path)), ("bytes", (*bytes).into())])
            }
            Self::KeyTooLong { key, bytes } => ("keyTooLong", vec![("key", text(key)), ("bytes", (*bytes).into())]),
            Self::NameTooLong { chars, limit } => {
                ("nameTooLong", vec![("chars", (*chars).into()), ("limit", (*limit).into())])
            }
            Self::Network { url, cause } => ("network", vec![("url", text(url)), ("cause", text(cause))]),
            Self::Unreadable { url, bucket } => ("unreadable", vec![("url", text(url)), ("bucket", text(bucket))]),
            Self::TimedOut { url, seconds } => ("timedOut", vec![("url", text(url)), ("seconds", (*seconds).into())]),
            Self::InvalidResponse { what } => ("invalidResponse", vec![("what", text(what))]),
            Self::SigningFailed { cause } => ("signingFailed", vec![("cause", text(cause))]),
            Self::NoVersionId { key } => ("noVersionId", vec![("key", text(key))]),
            Self::VersioningOff => ("versioningOff", vec![]),
            Self::VersioningSuspended => ("versioningSuspended", vec![]),
            Self::HeadersHidden { bucket } => ("headersHidden", vec![("bucket", text(bucket))]),
            Self::TooLarge { subject, mebibytes, limit } => (
                "tooLarge",
                vec![("subject", text(subject)), ("mebibytes", (*mebibytes).into()), ("limit", (*limit).into())],
            ),
            Self::TooLargeUnread { subject, limit } => {
                ("tooLargeUnread", vec![("subject", text(subject)), ("limit", (*limit).into())])
            }
            Self::ClockSkew => ("clockSkew", vec![]),
            Self::CredentialsRefused => ("credentialsRefused", vec![]),
            Self::CredentialsUrlFailed { url, cause } => {
                ("credentialsUrlFailed", vec![("url", text(url)), ("cause", text(cause))])
            }
            Self::CredentialsUrlRefused { url, status } => {
                ("credentialsUrlRefused", vec![("url", text(url)), ("status", u64::from(*status).into())])
            }
            Self::CredentialsUrlInvalid { url } => ("credentialsUrlInvalid", vec![("url", text(url))]),
            Self::StsFailed { url, cause } => ("stsFailed", vec![("url", text(url)), ("cause", text(cause))]),
            Self::StsRefused { url, answer } => ("stsRefused", vec![("url", text(url)), ("answer", text(answer))]),
            Self::WebIdentityTokenFailed { url, cause } => {
                ("webIdentityTokenFailed", vec![("url", text(url)), ("cause", text(cause))])
            }
            Self::NoSuchBucket { subject } => ("noSuchBucket", vec![("subject", text(subject))]),
            Self::WrongRegion { subject, region } => {
                ("wrongRegion", vec![("subject", text(subject)), ("region", text(region))])
            }
            Self::WrongRegionUnnamed { subject } => ("wrongRegionUnnamed", vec![("subject", text(subject))]),
            Self::NoSuchVersion { subject } => ("noSuchVersion", vec![("subject", text(subject))]),
            Self::NoSuchKey { subject } => ("noSuchKey", vec![("subject", text(subject))]),
            Self::AccessDenied { subject } => ("accessDenied", vec![("subject", text(subject))]),
            Self::Throttled => ("throttled", vec![]),
            Self::ServerError => ("serverError", vec![]),
            Self::S3Refused { subject } => ("s3Refused", vec![("subject", text(subject))]),
        }
    }
}

impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Text(text) => serializer.serialize_str(text),
            Self::Number(n) => serializer.serialize_u64(*n),
        }
    }
}

/// A reason's fields as one object (`{"path": "\"a.ipynb\"", "bytes": 1025}`).
pub(crate) struct Fields<'a>(pub &'a [(&'static str, Value)]);

impl serde::Serialize for Fields<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(name, value)| (name, value)))
    }
}
