//! Restores: a version that brought an earlier one back is recorded as such, with an empty marker
//! object (`keys::restore_marker`), so that the history panel marks it "restored from …" for everyone.

use super::Bookstore;
use crate::error::Result;
use crate::keys;
use crate::types::Restore;

impl Bookstore {
    /// Records that version `version_id` of the notebook at `path` restored its version `from_version_id`.
    pub async fn record_restore(&self, path: &str, version_id: &str, from_version_id: &str) -> Result<()> {
        let key = keys::restore_marker(self.client.config.workspace_prefix(), path, version_id, from_version_id)?;
        self.put_record(&key).await
    }

    /// The restores recorded for the notebook at `path` (the first 1,000).
    pub async fn restores(&self, path: &str) -> Result<Vec<Restore>> {
        let prefix = keys::restore_markers_prefix(self.client.config.workspace_prefix(), path)?;
        let marks = self.version_marks(&prefix, keys::restored).await?;
        Ok(marks.into_iter().map(|(version_id, from_version_id)| Restore { version_id, from_version_id }).collect())
    }
}
