//! From S3's error answers to the reason the user needs to see.

use super::{Error, Reason, S3Details};

impl Error {
    /// Maps an S3 error response to the error the user needs to see. `subject` names what was asked
    /// for (`s3://bucket/key?versionId=...`), so the message can say which object or bucket is meant;
    /// `version_requested` tells whether the request named a version.
    pub(crate) fn from_s3(details: S3Details, subject: &str, version_requested: bool) -> Self {
        let subject = subject.to_owned();
        let reason = match (details.status, details.code.as_str()) {
            (_, "SignatureDoesNotMatch" | "InvalidAccessKeyId" | "InvalidToken" | "ExpiredToken")
            | (_, "InvalidSecurity" | "TokenRefreshRequired") => Reason::CredentialsRefused,
            (_, "NoSuchBucket") => Reason::NoSuchBucket { subject },
            (_, "AuthorizationHeaderMalformed" | "PermanentRedirect" | "IllegalLocationConstraintException")
            | (301, _) => match details.region.clone() {
                Some(region) => Reason::WrongRegion { subject, region },
                None => Reason::WrongRegionUnnamed { subject },
            },
            // For a version that does not exist, S3 answers NoSuchVersion (or InvalidArgument when the id
            // is malformed) and RGW answers NoSuchKey.
            (_, "NoSuchVersion") | (400, "InvalidArgument") | (_, "NoSuchKey") | (404, "") if version_requested => {
                Reason::NoSuchVersion { subject }
            }
            (_, "NoSuchKey") | (404, "") => Reason::NoSuchKey { subject },
            (_, "AccessDenied" | "AllAccessDisabled") | (403, "") => Reason::AccessDenied { subject },
            (_, "SlowDown" | "RequestLimitExceeded" | "TooManyRequests") | (429, _) | (503, _) => Reason::Throttled,
            (500..=599, _) | (408, _) | (_, "InternalError" | "RequestTimeout") => Reason::ServerError,
            _ => Reason::S3Refused { subject },
        };
        Self::new(reason).with_s3(details)
    }
}
