//! Who the credentials belong to (STS `GetCallerIdentity`), and temporary credentials for a role
//! (STS `AssumeRole`, what the Jupyter server's credentials endpoint hands a browser).

use super::Bookstore;
use crate::credential::sts::{AssumeRole, DURATION_SECONDS};
use crate::credential::Credentials;
use crate::error::Result;

impl Bookstore {
    /// The ARN STS says the credentials in use belong to (`arn:aws:iam::…:user/ada`).
    pub async fn caller_identity(&self) -> Result<String> {
        let (credentials, time) = self.client.credentials_now().await?;
        self.client.sts().caller_identity(&self.client.signer(&credentials, time)).await
    }

    /// Temporary credentials of `role_arn` (for an hour), narrowed by the session `policy` (JSON) if
    /// given, asked for with the credentials in use. The session is named `session_name`, or after the
    /// user (`bookstore-ada`).
    pub async fn assume_role(
        &self,
        role_arn: &str,
        session_name: Option<&str>,
        policy: Option<&str>,
    ) -> Result<Credentials> {
        let (credentials, time) = self.client.credentials_now().await?;
        let session_name = session_name.unwrap_or(&self.client.config.session_name);
        let request = AssumeRole { role_arn, session_name, policy, duration_seconds: DURATION_SECONDS };
        self.client.sts().assume_role(&self.client.signer(&credentials, time), &request).await
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Bookstore {
    /// A policy allowing what Bookstore does, and only in this configuration's two prefixes (with
    /// `{user}` replaced): as a session policy it narrows a role shared by every user to one of them.
    /// Compact JSON (RGW reads a `+` of the form literally).
    pub fn prefix_policy(&self) -> String {
        let config = &self.client.config;
        let bucket = format!("arn:aws:s3:::{}", config.bucket());
        let prefixes = [config.workspace_prefix(), config.published_prefix()].map(|prefix| format!("{prefix}/*"));
        let objects: Vec<String> = prefixes.iter().map(|prefix| format!("{bucket}/{prefix}")).collect();
        serde_json::json!({
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject", "s3:GetObjectVersion"],
                 "Resource": objects},
                {"Effect": "Allow", "Action": ["s3:ListBucket", "s3:ListBucketVersions"], "Resource": [bucket],
                 "Condition": {"StringLike": {"s3:prefix": prefixes}}},
                {"Effect": "Allow", "Action": ["s3:GetBucketVersioning"], "Resource": [bucket]},
            ],
        })
        .to_string()
    }
}
