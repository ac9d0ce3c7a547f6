//! Named versions: a short label ("sent to reviewers") on a version. The name is recorded as an empty
//! marker object (`keys::name_marker`), so that one listing gives every name of a notebook to every
//! collaborator, and, when versions are tagged for retention (`tagVersions`), as the version's tag
//! `bookstore-retention=named`, which the README's lifecycle rule leaves alone. Naming a version again
//! records a newer marker; an empty name takes the name away.

use http::Method;
use sha2::{Digest, Sha256};

use super::Bookstore;
use crate::error::{Error, Reason, Result};
use crate::keys;
use crate::sign::Payload;
use crate::types::VersionName;

/// The longest name, in characters: a label, not a description.
pub const MAX_NAME_CHARS: usize = 80;
/// The tag the lifecycle rule of the README filters on, and its values.
pub const RETENTION_TAG: &str = "bookstore-retention";
/// The value of an automatic version's tag: expires when noncurrent long enough.
pub const AUTO: &str = "auto";
/// The value of a named version's tag: kept.
pub const NAMED: &str = "named";

impl Bookstore {
    /// Names version `version_id` of the notebook at `path` (an empty `name` removes its name).
    pub async fn name_version(&self, path: &str, version_id: &str, name: &str) -> Result<()> {
        // Line breaks and other control characters have no place in a one-line label.
        let name: String = name.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        let name = name.trim();
        let chars = name.chars().count();
        if chars > MAX_NAME_CHARS {
            return Err(Error::new(Reason::NameTooLong { chars, limit: MAX_NAME_CHARS }));
        }
        if self.client.config.tag_versions {
            let tag = if name.is_empty() { AUTO } else { NAMED };
            self.tag_version(path, version_id, tag).await?;
        }
        let millis = self.client.signing_time().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_millis();
        let stamped = format!("{millis:013}-{name}");
        let key = keys::name_marker(self.client.config.workspace_prefix(), path, version_id, &stamped)?;
        self.put_record(&key).await
    }

    /// The names of the versions of the notebook at `path` (the first 1,000 markers).
    pub async fn names(&self, path: &str) -> Result<Vec<VersionName>> {
        let prefix = keys::name_markers_prefix(self.client.config.workspace_prefix(), path)?;
        let mut marks = self.version_marks(&prefix, keys::named).await?;
        // Newest last for each version: the stamps are zero-padded milliseconds.
        marks.sort();
        let mut names: Vec<VersionName> = Vec::new();
        for (version_id, stamped) in marks {
            let Some((_, name)) = stamped.split_once('-') else { continue };
            names.retain(|earlier| earlier.version_id != version_id);
            names.push(VersionName { version_id, name: name.to_owned() });
        }
        names.retain(|named| !named.name.is_empty());
        Ok(names)
    }

    /// Sets the retention tag of a workspace version (PutObjectTagging).
    async fn tag_version(&self, path: &str, version_id: &str, value: &str) -> Result<()> {
        let key = self.key_for(crate::Scope::Workspace, path)?;
        let body = format!(
            "<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet><Tag><Key>{RETENTION_TAG}</Key>\
             <Value>{value}</Value></Tag></TagSet></Tagging>"
        );
        // S3 requires a checksum of a tagging request's body.
        let checksum = aws_smithy_types::base64::encode(Sha256::digest(body.as_bytes()));
        self.client
            .request(Method::PUT, self.client.config.bucket(), Some(&key))
            .query("tagging", "")
            .query("versionId", version_id)
            .header("x-amz-checksum-sha256", checksum)
            .body(Payload::new(body.into()))
            .send()
            .await?;
        Ok(())
    }
}
