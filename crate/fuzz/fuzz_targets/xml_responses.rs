//! Every S3 response parser on the same bytes: each returns a value or a typed `InvalidResponse` error,
//! never panics, hangs or takes memory out of proportion to the body (libFuzzer's timeout and RSS limit
//! catch those).
#![no_main]

use bookstore::{fuzzing, ErrorCode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    let invalid = |code: ErrorCode| assert_eq!(code, ErrorCode::InvalidResponse);
    match fuzzing::parse_versions_page(body) {
        // A page that says it is truncated must say where the next one starts, or be refused.
        Ok((_, next)) => assert!(next.is_none() || contains(body, b"IsTruncated")),
        Err(e) => invalid(e.code()),
    }
    match fuzzing::parse_objects_page(body) {
        Ok((_, next)) => assert!(next.is_none() || contains(body, b"NextContinuationToken")),
        Err(e) => invalid(e.code()),
    }
    if let Err(e) = fuzzing::parse_versioning(body) {
        invalid(e.code());
    }
    // An error body never fails: what cannot be read is left empty, and the HTTP status is kept.
    let (details, _) = fuzzing::parse_error(503, body);
    assert_eq!(details.status, 503);
});

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
