//! Browsing what the organization published.

use http::Method;

use super::Bookstore;
use crate::error::Result;
use crate::keys;
use crate::types::PublishedEntry;
use crate::xml;

impl Bookstore {
    /// The notebooks (`.ipynb`) under the published prefix, or under `{published_prefix}/{folder}`
    /// when `folder` is given, following every page.
    pub async fn list_published(&self, folder: Option<&str>) -> Result<Vec<PublishedEntry>> {
        let root = self.client.config.published_prefix();
        let prefix = match folder.map(|f| f.trim_matches('/')).filter(|f| !f.is_empty()) {
            Some(folder) => format!("{}/", keys::object_key(root, folder)?),
            None => format!("{root}/"),
        };
        let bucket = self.client.config.bucket();
        let mut found = Vec::new();
        let mut continuation: Option<String> = None;
        loop {
            let mut request =
                self.client.request(Method::GET, bucket, None).query("list-type", "2").query("prefix", &prefix);
            if let Some(token) = continuation.take() {
                request = request.query("continuation-token", token);
            }
            let page = xml::parse_objects_page(&request.send().await?.body)?;
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
