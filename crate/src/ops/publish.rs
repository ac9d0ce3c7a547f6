//! Browsing what the organization published.

use super::Bookstore;
use crate::error::Result;
use crate::keys;
use crate::types::PublishedEntry;

impl Bookstore {
    /// The notebooks (`.ipynb`) under the published prefix, or under `{published_prefix}/{folder}`
    /// when `folder` is given, following every page.
    pub async fn list_published(&self, folder: Option<&str>) -> Result<Vec<PublishedEntry>> {
        let root = self.client.config.published_prefix();
        let prefix = match folder.map(|f| f.trim_matches('/')).filter(|f| !f.is_empty()) {
            Some(folder) => format!("{}/", keys::object_key(root, folder)?),
            None => format!("{root}/"),
        };
        let mut found = Vec::new();
        let mut continuation: Option<String> = None;
        loop {
            let page = self.objects_page(&prefix, continuation.take()).await?;
            for mut entry in page.objects {
                if let Some(path) = keys::relative_path(root, &entry.key).filter(|p| p.ends_with(".ipynb")) {
                    entry.path = path.to_owned();
                    found.push(entry);
                }
            }
            match page.continuation {
                Some(token) => continuation = Some(token),
                None => break,
            }
        }
        Ok(found)
    }
}
