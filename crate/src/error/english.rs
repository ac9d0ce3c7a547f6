//! The sentences of the native build (command line, Python), in English. The extension renders the
//! same reasons through JupyterLab's translator (`lab-extension/src/core/messages.ts`); `catalog.json`
//! holds every sentence once, and tests on both sides check their rendering against it.

use super::reason::{Flaw, Reason};
use crate::keys::MAX_KEY_BYTES;

impl Flaw {
    /// The end of a sentence that starts with the setting or path.
    pub fn english(self) -> &'static str {
        match self {
            Self::Empty => "is empty",
            Self::Absolute => "is absolute; give a path relative to the Jupyter root",
            Self::Backslash => "contains a backslash",
            Self::ControlCharacter => "contains a control character",
            Self::DriveLetter => "starts with a drive letter; give a path relative to the Jupyter root",
            Self::EmptySegment => "contains an empty segment (`//` or a trailing `/`)",
            Self::DotSegment => "contains a `.` or `..` segment",
            Self::NotS3Link => "is not an S3 link; write it as s3://bucket/folder/notebook.ipynb",
            Self::BucketEmpty => "is empty; enter the name of the bucket that keeps the versions",
            Self::BucketLength => "must be 3 to 63 characters long",
            Self::BucketCharacters => "may only hold lowercase letters, digits, `.` and `-`",
            Self::BucketEnds => "must start and end with a letter or digit",
            Self::BucketDoubleDot => "must not contain `..`",
            Self::UserMissing => "uses {user} but the `user` setting is empty",
            Self::UserSlash => "contains `/`; use a name without slashes",
            Self::PrefixEmpty => "is empty; use a folder name such as `workspace`",
            Self::PrefixesOverlap => {
                "overlaps the workspace prefix; use two separate folders such as `workspace` and `published`"
            }
            Self::RegionCharacters => "may only hold letters, digits and `-` (like `eu-west-1`)",
            Self::AccessKeyEmpty => "is empty; enter the access key id of your S3 account",
            Self::SecretEmpty => "is empty; enter the secret access key",
            Self::EndpointNotUrl => "is not a URL; write it like `https://s3.eu-west-1.amazonaws.com`",
            Self::EndpointScheme => "must be an http:// or https:// URL with a host name",
            Self::EndpointExtras => "must not contain a query, fragment or user name",
            Self::NotObject => "must be an object",
            Self::NotText => "must be text",
            Self::NotBoolean => "must be true or false",
            Self::NotWholeMebibytes => "must be a whole number of MiB",
            Self::NotWholeSeconds => "must be a whole number of seconds",
            Self::UnknownScope => "must be \"workspace\" or \"published\"",
            Self::TooLong => "is over S3's limit of 1,024 bytes for a key",
            Self::CredentialsUrlNotUrl => {
                "is not an http:// or https:// URL; write it like `https://jupyter.example.org/bookstore/credentials`"
            }
            Self::RoleArnNotArn => "is not a role ARN; write it like `arn:aws:iam::123456789012:role/notebooks`",
        }
    }
}

impl Reason {
    /// The sentence for the user: what happened and what to do.
    pub fn english(&self) -> String {
        let limit = thousands(MAX_KEY_BYTES as u64);
        match self {
            Self::Setting { field, flaw } => {
                format!("Setting `{field}` {}. Fix it in the Bookstore settings.", flaw.english())
            }
            Self::Path { path, flaw } => {
                format!("The path {path} {}. Rename the notebook or pick another path.", flaw.english())
            }
            Self::PathTooLong { path, bytes } => format!(
                "The path {path} is too long: its S3 key would be {} bytes, over S3's limit of {limit} bytes \
                 for a key. Rename the notebook or pick another path.",
                thousands(*bytes as u64)
            ),
            // The key comes last: notifications show only the first 140 characters, which must name
            // the problem.
            Self::NameTooLong { chars, limit } => format!(
                "A version name is a short label of at most {limit} characters; this one has {chars}. Shorten it."
            ),
            Self::KeyTooLong { key, bytes } => format!(
                "The key is {} bytes long, over S3's limit of {limit} bytes for a key, so no object can have \
                 it and nothing was requested. Check the link or key ({key}); it may be damaged.",
                thousands(*bytes as u64)
            ),
            Self::Network { url, cause } => format!(
                "Could not reach S3 at {url} ({cause}). Check the endpoint setting and the network. In a \
                 browser, also check that the bucket exists, that its CORS configuration allows this page's \
                 origin, and the credentials: S3 answers a missing bucket, and some servers (Ceph RGW) wrong \
                 credentials, without CORS headers, which a browser can only report as a network failure."
            ),
            Self::Unreadable { url, bucket } => format!(
                "Bucket \"{bucket}\" does not exist at {url}, or does not let this page read it (CORS). Check the \
                 bucket's name in the Bookstore settings, or create it; if it exists, add the CORS rule \
                 (\"Check Bookstore bucket\" shows it), or, on Ceph RGW, check the credentials. Saves wait and \
                 are archived once it works."
            ),
            Self::TimedOut { url, seconds } => format!(
                "S3 at {url} did not answer within {} s. Check the network; if S3 is just slow, raise \
                 \"requestTimeoutSeconds\" in the Bookstore settings.",
                thousands(*seconds)
            ),
            Self::InvalidResponse { what } => format!(
                "S3 sent a response this client cannot read ({what}). Check that the endpoint is an S3 server; \
                 if it is, report this with the server's name and version."
            ),
            Self::SigningFailed { cause } => {
                format!("Could not sign the request ({cause}). Check the endpoint, region and credentials settings.")
            }
            Self::NoVersionId { key } => format!(
                "S3 stored {key} but returned no version id, so each save would overwrite the last. Enable \
                 versioning on the bucket; in a browser, also expose the x-amz-version-id header in the \
                 bucket's CORS configuration."
            ),
            Self::VersioningOff => {
                format!("Versioning is not enabled on this bucket, so each save would overwrite the last. {ENABLE}")
            }
            Self::VersioningSuspended => {
                format!("Versioning is suspended on this bucket, so new saves overwrite the latest version. {ENABLE}")
            }
            Self::HeadersHidden { bucket } => format!(
                "Add ETag and x-amz-version-id to ExposeHeaders in the CORS configuration of bucket {bucket}: \
                 this page cannot read them, so it cannot tell which version a save became."
            ),
            Self::TooLarge { subject, mebibytes, limit } => format!(
                "{subject} is {} MiB, over the {} MiB limit for notebooks; nothing was read. {RAISE_LIMIT}",
                thousands(*mebibytes),
                thousands(*limit)
            ),
            Self::TooLargeUnread { subject, limit } => format!(
                "{subject} is larger, over the {} MiB limit for notebooks; reading stopped there. {RAISE_LIMIT}",
                thousands(*limit)
            ),
            Self::ClockSkew => "This computer's clock is too far from S3's and the correction did not help. Set \
                                the clock right (enable automatic time) and try again."
                .to_owned(),
            Self::CredentialsRefused => "S3 refused the credentials. Check the access key id and secret (and the \
                                         session token if you use temporary credentials) in the Bookstore \
                                         settings."
                .to_owned(),
            Self::CredentialsUrlFailed { url, cause } => format!(
                "Could not get S3 credentials from {url} ({cause}). Saves wait and are archived once it answers; \
                 check the \"credentialsUrl\" setting and that the service runs."
            ),
            Self::CredentialsUrlRefused { url, status } => format!(
                "The credentials service at {url} refused this page (HTTP {status}). Sign in again, or check the \
                 \"credentialsAuthorization\" setting."
            ),
            Self::CredentialsUrlInvalid { url } => format!(
                "The credentials service at {url} answered something other than S3 credentials (JSON with \
                 AccessKeyId, SecretAccessKey, Token or SessionToken, Expiration). Check the \"credentialsUrl\" \
                 setting."
            ),
            Self::StsFailed { url, cause } => format!(
                "Could not get temporary S3 credentials from STS at {url} ({cause}). Saves wait and are archived \
                 once it answers; check the \"stsEndpoint\" setting."
            ),
            Self::StsRefused { url, answer } => format!(
                "STS at {url} refused temporary S3 credentials ({answer}). Check the \"roleArn\" setting and that \
                 the role trusts you; sign in again if your session has expired."
            ),
            Self::WebIdentityTokenFailed { url, cause } => format!(
                "Could not get a web identity token from {url} ({cause}). Sign in again, or check the \
                 \"webIdentityTokenUrl\" setting."
            ),
            Self::NoSuchBucket { subject } => {
                format!("The bucket of {subject} does not exist. Check the bucket name, or create it.")
            }
            Self::WrongRegion { subject, region } => {
                format!("The bucket of {subject} is in another region. Set the region to \"{region}\".")
            }
            Self::WrongRegionUnnamed { subject } => {
                format!("The bucket of {subject} is in another region. Set the region to the bucket's region.")
            }
            Self::NoSuchVersion { subject } => {
                format!("There is no version {subject}. Refresh the version list; it may have been deleted.")
            }
            Self::NoSuchKey { subject } => {
                format!("Nothing is stored at {subject}. Check the path, or save the notebook first.")
            }
            Self::AccessDenied { subject } => format!(
                "S3 denied access to {subject}. Ask for a policy that allows this action on the workspace and \
                 published prefixes."
            ),
            Self::Throttled => {
                "S3 asks to slow down and kept doing so after several retries. Wait a minute and try again.".to_owned()
            }
            Self::ServerError => {
                "S3 failed to answer and kept failing after several retries. Try again later.".to_owned()
            }
            Self::S3Refused { subject } => {
                format!("S3 refused the request for {subject}. See S3's message below for what to change.")
            }
        }
    }
}

const ENABLE: &str = "Enable it (S3 console: the bucket's Properties, Bucket Versioning; or `aws s3api \
                      put-bucket-versioning --bucket NAME --versioning-configuration Status=Enabled`).";

const RAISE_LIMIT: &str = "If you trust it, raise \"maxNotebookMegabytes\" in the Bookstore settings.";

/// `1234` as `1,234`.
pub(crate) fn thousands(n: u64) -> String {
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
