//! `check_bucket`: can this configuration keep versions? A report the UI can show as it is.

use http::Method;

use super::Bookstore;
use crate::error::{Error, ErrorCode, Reason};
use crate::types::{BucketReport, LifecycleRule, Problem, Versioning};
use crate::xml;

impl Bookstore {
    /// Reads the bucket's versioning state; every failure becomes a [`Problem`] with its fix rather
    /// than an error, so the UI can show all of them.
    pub async fn check_bucket(&self) -> BucketReport {
        let bucket = self.client.config.bucket().to_owned();
        let mut report = BucketReport {
            bucket: bucket.clone(),
            reachable: false,
            credentials_accepted: false,
            credential_source: self.client.credentials.source().name().to_owned(),
            credentials_expire: None,
            identity: None,
            versioning: None,
            headers_readable: None,
            lifecycle: None,
            problems: Vec::new(),
        };
        let result = self.client.request(Method::GET, &bucket, None).query("versioning", "").send().await;
        let versioning = match result.and_then(|response| xml::parse_versioning(&response.body)) {
            Ok(versioning) => versioning,
            Err(error) => {
                // Without credentials (their URL failed) S3 was never asked.
                report.reachable = !matches!(error.code(), ErrorCode::Network | ErrorCode::CredentialsUnavailable);
                report.credentials_accepted = report.reachable && error.code() != ErrorCode::CredentialsRefused;
                report.problems.push(Problem(error));
                return report;
            }
        };
        report.reachable = true;
        report.credentials_accepted = true;
        report.credentials_expire = self.client.credentials.expires().and_then(|expires| {
            expires.duration_since(std::time::UNIX_EPOCH).ok().map(|since| since.as_millis() as u64)
        });
        // Not every S3 server has STS, nor does every STS answer a browser: unknown is no problem.
        report.identity = self.caller_identity().await.ok();
        report.versioning = Some(versioning);
        let off = match versioning {
            Versioning::Enabled => None,
            Versioning::Suspended => Some(Error::new(Reason::VersioningSuspended)),
            Versioning::Disabled => Some(Error::new(Reason::VersioningOff)),
        };
        report.problems.extend(off.map(Problem));
        if versioning == Versioning::Enabled {
            match self.probe_headers(&bucket).await {
                Ok(readable) => report.headers_readable = readable,
                Err(error) => report.problems.push(Problem(error)),
            }
            if report.headers_readable == Some(false) {
                report.problems.push(Problem(Error::new(Reason::HeadersHidden { bucket: bucket.clone() })));
            }
        }
        report.lifecycle = self.lifecycle(&bucket).await;
        report
    }
}

impl Bookstore {
    /// The bucket's lifecycle rules: empty when it has none; `None` when they cannot be read (the
    /// policy need not allow it: retention is the administrator's, and nothing here depends on it).
    async fn lifecycle(&self, bucket: &str) -> Option<Vec<LifecycleRule>> {
        match self.client.request(Method::GET, bucket, None).query("lifecycle", "").send().await {
            Ok(response) => xml::parse_lifecycle(&response.body).ok(),
            Err(error) if error.s3().is_some_and(|s3| s3.code == "NoSuchLifecycleConfiguration") => Some(Vec::new()),
            Err(_) => None,
        }
    }

    /// Reads the headers of the newest stored version, if any: `None` when there is nothing to probe.
    async fn probe_headers(&self, bucket: &str) -> crate::Result<Option<bool>> {
        let prefix = format!("{}/", self.client.config.workspace_prefix());
        let request = self.client.request(Method::GET, bucket, None).query("versions", "").query("max-keys", "1");
        let page = xml::parse_versions_page(&request.query("prefix", prefix).send().await?.body)?;
        let Some((key, entry)) = page.entries.into_iter().find(|(_, entry)| !entry.is_delete_marker) else {
            return Ok(None);
        };
        let head = self.client.request(Method::HEAD, bucket, Some(&key)).query("versionId", entry.version_id);
        let response = head.send().await?;
        Ok(Some(response.header("etag").is_some() && response.header("x-amz-version-id").is_some()))
    }
}
