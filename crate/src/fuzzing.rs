//! Entry points for the fuzz targets in `crate/fuzz`, built only with `--cfg fuzzing` (which `cargo fuzz`
//! sets): the XML parsers stay crate-private, and neither the native nor the wasm API grows.

use crate::error::{Result, S3Details};
use crate::types::Versioning;

/// `ListObjectVersions`: the number of entries and the next markers.
pub fn parse_versions_page(body: &[u8]) -> Result<(usize, Option<(String, String)>)> {
    crate::xml::parse_versions_page(body).map(|page| (page.entries.len(), page.next))
}

/// `ListObjectsV2`: the number of objects and the continuation token.
pub fn parse_objects_page(body: &[u8]) -> Result<(usize, Option<String>)> {
    crate::xml::parse_objects_page(body).map(|page| (page.objects.len(), page.continuation))
}

/// `GetBucketVersioning`.
pub fn parse_versioning(body: &[u8]) -> Result<Versioning> {
    crate::xml::parse_versioning(body)
}

/// An `<Error>` body: what it says and the server time it gives.
pub fn parse_error(status: u16, body: &[u8]) -> (S3Details, Option<String>) {
    let parsed = crate::xml::parse_error(status, body);
    (parsed.details, parsed.server_time)
}
