//! Renames: a renamed or moved notebook keeps its history. Its versions stay under the old key; an empty
//! marker object records each rename (`keys::rename_marker`), so that the history of the new path goes on
//! with the old one's, after a reload and for every collaborator.

use super::Bookstore;
use crate::error::Result;
use crate::keys;
use crate::types::Rename;

/// How many renames back a history is followed.
const MAX_RENAMES: usize = 8;

impl Bookstore {
    /// Records that the notebook at `from` is now at `to`.
    pub async fn record_rename(&self, from: &str, to: &str) -> Result<()> {
        self.put_record(&keys::rename_marker(self.client.config.workspace_prefix(), to, from)?).await
    }

    /// The renames that led to `path`, newest first: each earlier path and when it was left. A path
    /// met twice (renamed back and forth) ends the chain.
    pub async fn renames(&self, path: &str) -> Result<Vec<Rename>> {
        let mut chain: Vec<Rename> = Vec::new();
        let mut current = path.to_owned();
        while chain.len() < MAX_RENAMES {
            let before = chain.last().map(|rename| rename.at.clone());
            let Some(rename) = self.latest_rename(&current, before.as_deref()).await? else { break };
            if rename.from == path || chain.iter().any(|earlier| earlier.from == rename.from) {
                break;
            }
            current.clone_from(&rename.from);
            chain.push(rename);
        }
        Ok(chain)
    }

    /// The newest rename to `to`, recorded no later than `before` when given.
    async fn latest_rename(&self, to: &str, before: Option<&str>) -> Result<Option<Rename>> {
        let prefix = keys::rename_markers_prefix(self.client.config.workspace_prefix(), to)?;
        Ok(self
            .objects_page(&prefix, None)
            .await?
            .objects
            .into_iter()
            .filter(|marker| before.is_none_or(|before| marker.last_modified.as_str() <= before))
            .filter_map(|marker| {
                Some(Rename { from: keys::renamed_from(&prefix, &marker.key)?, at: marker.last_modified })
            })
            .max_by(|a, b| a.at.cmp(&b.at)))
    }
}
