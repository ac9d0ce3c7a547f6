use std::collections::BTreeSet;
use std::time::Duration;

use super::*;
use crate::keys::Rule;

fn s3(status: u16, code: &str) -> S3Details {
    S3Details { status, code: code.into(), ..Default::default() }
}

/// One example of every reason, and of every flaw of a setting: what `catalog.json` holds.
fn examples() -> Vec<Error> {
    let subject = "s3://notebooks/workspace/a.ipynb";
    let mut all: Vec<Error> = Flaw::ALL.iter().map(|&flaw| Error::invalid_config("bucket", flaw)).collect();
    let from = |subject: &str, rule: Rule| Error::from(Invalid { subject: Subject::Path(subject.into()), rule });
    all.extend([
        from("/etc/a.ipynb", Rule::Absolute),
        from("a.ipynb", Rule::TooLong(1_025)),
        Error::from(Invalid { subject: Subject::Key("x".repeat(5_000)), rule: Rule::TooLong(5_000) }),
        Error::network("http://127.0.0.1:9000/notebooks/", "TypeError: Failed to fetch"),
        Error::new(Reason::Unreadable {
            url: "https://s3.eu-west-1.amazonaws.com/".into(),
            bucket: "notebooks".into(),
        }),
        Error::timed_out("http://127.0.0.1:9000/notebooks/", Duration::from_secs(30)),
        Error::invalid_response("<Size> is not a number"),
        Error::new(Reason::SigningFailed { cause: "invalid header value".into() }),
        Error::new(Reason::NoVersionId { key: subject.into() }),
        Error::new(Reason::VersioningOff),
        Error::new(Reason::NameTooLong { chars: 95, limit: 80 }),
        Error::new(Reason::VersioningSuspended),
        Error::new(Reason::HeadersHidden { bucket: "notebooks".into() }),
        Error::too_large(subject, Some(30 << 20), 25 << 20),
        Error::too_large(subject, None, 25 << 20),
        Error::clock_skew(s3(403, "RequestTimeTooSkewed")),
        Error::from_s3(
            S3Details {
                message: "The request signature we calculated does not match".into(),
                request_id: Some("tx00000-0066".into()),
                ..s3(403, "SignatureDoesNotMatch")
            },
            subject,
            false,
        ),
        Error::new(Reason::CredentialsUrlFailed {
            url: "https://hub.example.org/user/ada/bookstore/credentials".into(),
            cause: "HTTP 503".into(),
        }),
        Error::new(Reason::CredentialsUrlRefused { url: "https://sso.example.org/creds".into(), status: 401 }),
        Error::new(Reason::CredentialsUrlInvalid { url: "https://sso.example.org/creds".into() }),
        Error::new(Reason::StsFailed { url: "https://sts.eu-west-1.amazonaws.com".into(), cause: "HTTP 503".into() }),
        Error::new(Reason::StsRefused {
            url: "https://sts.eu-west-1.amazonaws.com".into(),
            answer: "InvalidIdentityToken: Token expired".into(),
        }),
        Error::new(Reason::WebIdentityTokenFailed {
            url: "https://hub.example.org/hub/token".into(),
            cause: "HTTP 401".into(),
        }),
        Error::from_s3(s3(404, "NoSuchBucket"), subject, false),
        Error::from_s3(S3Details { region: Some("eu-west-1".into()), ..s3(400, "PermanentRedirect") }, subject, false),
        Error::from_s3(s3(301, ""), subject, false),
        Error::from_s3(s3(404, "NoSuchVersion"), &format!("{subject}?versionId=3HL4kqt"), true),
        Error::from_s3(s3(404, "NoSuchKey"), subject, false),
        Error::from_s3(s3(403, "AccessDenied"), subject, false),
        Error::from_s3(s3(503, "SlowDown"), subject, false),
        Error::from_s3(s3(500, "InternalError"), subject, false),
        Error::from_s3(s3(400, "EntityTooLarge"), subject, false),
    ]);
    all
}

/// Each variant of `Reason` by number: a new variant does not compile until it is numbered here, and
/// the test below fails until `examples` shows it.
fn variant(reason: &Reason) -> usize {
    match reason {
        Reason::Setting { .. } => 0,
        Reason::Path { .. } => 1,
        Reason::PathTooLong { .. } => 2,
        Reason::KeyTooLong { .. } => 3,
        Reason::Network { .. } => 4,
        Reason::TimedOut { .. } => 5,
        Reason::InvalidResponse { .. } => 6,
        Reason::SigningFailed { .. } => 7,
        Reason::NoVersionId { .. } => 8,
        Reason::VersioningOff => 9,
        Reason::VersioningSuspended => 10,
        Reason::HeadersHidden { .. } => 11,
        Reason::TooLarge { .. } => 12,
        Reason::TooLargeUnread { .. } => 13,
        Reason::ClockSkew => 14,
        Reason::CredentialsRefused => 15,
        Reason::NoSuchBucket { .. } => 16,
        Reason::WrongRegion { .. } => 17,
        Reason::WrongRegionUnnamed { .. } => 18,
        Reason::NoSuchVersion { .. } => 19,
        Reason::NoSuchKey { .. } => 20,
        Reason::AccessDenied { .. } => 21,
        Reason::Throttled => 22,
        Reason::ServerError => 23,
        Reason::S3Refused { .. } => 24,
        Reason::CredentialsUrlFailed { .. } => 25,
        Reason::CredentialsUrlRefused { .. } => 26,
        Reason::CredentialsUrlInvalid { .. } => 27,
        Reason::StsFailed { .. } => 28,
        Reason::StsRefused { .. } => 29,
        Reason::WebIdentityTokenFailed { .. } => 30,
        Reason::Unreadable { .. } => 31,
        Reason::NameTooLong { .. } => 32,
    }
}
const VARIANTS: usize = 33;

#[test]
fn every_reason_flaw_and_code_has_an_example() {
    let examples = examples();
    let variants: BTreeSet<usize> = examples.iter().map(|e| variant(&e.reason)).collect();
    assert_eq!(variants, (0..VARIANTS).collect());
    let codes: BTreeSet<&str> = examples.iter().map(|e| e.code().as_str()).collect();
    assert_eq!(codes, ErrorCode::ALL.iter().map(|c| c.as_str()).collect());
    let ids: BTreeSet<&str> = examples.iter().map(|e| e.parts().0).collect();
    assert_eq!(ids.len(), VARIANTS, "one identifier per reason");
}

/// `catalog.json` is the contract with the extension, whose tests render every entry through
/// JupyterLab's translator and expect the same English (`lab-extension/src/core/__tests__`).
/// After changing a sentence on purpose: `BOOKSTORE_BLESS=1 cargo test -p bookstore catalog`.
#[test]
fn catalog_json_holds_every_sentence() {
    let entries: Vec<serde_json::Value> = examples()
        .iter()
        .map(|error| {
            let (reason, fields) = error.parts();
            let s3 = error.s3().map(|s3| {
                serde_json::json!({
                    "status": s3.status,
                    "s3Code": (!s3.code.is_empty()).then_some(&s3.code),
                    "s3Message": (!s3.message.is_empty()).then_some(&s3.message),
                    "requestId": s3.request_id,
                })
            });
            serde_json::json!({
                "code": error.code(),
                "reason": reason,
                "fields": serde_json::to_value(Fields(&fields)).unwrap(),
                "s3": s3,
                "english": error.to_string(),
            })
        })
        .collect();
    let text = serde_json::to_string_pretty(&entries).unwrap() + "\n";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/error/catalog.json");
    if std::env::var_os("BOOKSTORE_BLESS").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(committed == text, "catalog.json differs from the crate's sentences; see this test's comment");
}

#[test]
fn every_sentence_is_whole() {
    for error in examples() {
        let message = error.message();
        assert!(message.ends_with('.'), "a full sentence: {message}");
    }
}

#[test]
fn s3_codes_map_to_what_the_user_must_fix() {
    let cases = [
        (403, "SignatureDoesNotMatch", "s3://b/k", ErrorCode::CredentialsRefused),
        (403, "InvalidAccessKeyId", "s3://b/k", ErrorCode::CredentialsRefused),
        (400, "ExpiredToken", "s3://b/k", ErrorCode::CredentialsRefused),
        (404, "NoSuchBucket", "s3://b/k", ErrorCode::NoSuchBucket),
        (400, "AuthorizationHeaderMalformed", "s3://b/k", ErrorCode::WrongRegion),
        (301, "", "s3://b/k", ErrorCode::WrongRegion),
        (404, "NoSuchVersion", "s3://b/k?versionId=x", ErrorCode::NoSuchVersion),
        (404, "NoSuchKey", "s3://b/k?versionId=x", ErrorCode::NoSuchVersion),
        (400, "InvalidArgument", "s3://b/k?versionId=x", ErrorCode::NoSuchVersion),
        (400, "InvalidArgument", "s3://b/k", ErrorCode::S3),
        (404, "NoSuchKey", "s3://b/k", ErrorCode::NoSuchKey),
        (404, "", "s3://b/k", ErrorCode::NoSuchKey),
        (403, "AccessDenied", "s3://b/k", ErrorCode::AccessDenied),
        (503, "SlowDown", "s3://b/k", ErrorCode::Throttled),
        (500, "InternalError", "s3://b/k", ErrorCode::ServerError),
        (400, "EntityTooLarge", "s3://b/k", ErrorCode::S3),
    ];
    for (status, code, subject, want) in cases {
        let err = Error::from_s3(s3(status, code), subject, subject.contains("versionId="));
        assert_eq!(err.code(), want, "{status} {code}");
    }
}

#[test]
fn wrong_region_names_the_right_one() {
    let mut d = s3(400, "AuthorizationHeaderMalformed");
    d.region = Some("eu-west-1".into());
    let err = Error::from_s3(d, "s3://b/k", false);
    assert!(err.message().contains("\"eu-west-1\""), "{}", err.message());
}

#[test]
fn display_carries_s3_code_status_and_request_id() {
    let mut d = s3(403, "SignatureDoesNotMatch");
    d.message = "The request signature we calculated does not match".into();
    d.request_id = Some("REQ123".into());
    let text = Error::from_s3(d, "s3://b/k", false).to_string();
    assert!(text.contains("HTTP 403 SignatureDoesNotMatch"), "{text}");
    assert!(text.contains("request id REQ123"), "{text}");
}

#[test]
fn codes_cross_the_js_boundary_by_their_names() {
    for &code in ErrorCode::ALL {
        assert_eq!(serde_json::to_value(code).unwrap(), code.as_str(), "the TypeScript type says as_str()");
    }
}

#[test]
fn long_paths_are_cut_in_the_middle_and_numbers_grouped() {
    assert_eq!(quoted("a/b.ipynb"), "\"a/b.ipynb\"");
    assert_eq!(quoted("a\nb"), "\"a\\nb\"", "control characters are escaped");
    let long = format!("{}{}.ipynb", "a".repeat(3_000), "z".repeat(3_000));
    assert_eq!(quoted(&long), format!("\"{}…{}.ipynb\"", "a".repeat(48), "z".repeat(10)));
    let message = Error::from(Invalid { subject: Subject::Path(long), rule: Rule::Backslash }).message();
    assert!(
        message.starts_with("The path \"aaa")
            && message.ends_with("zz.ipynb\" contains a backslash. Rename the notebook or pick another path."),
        "{message}"
    );
    let grouped = [(0, "0"), (999, "999"), (1_024, "1,024"), (100_000, "100,000"), (1_234_567, "1,234,567")];
    for (n, text) in grouped {
        assert_eq!(english::thousands(n), text);
    }
}

#[test]
fn only_transient_failures_are_retried() {
    assert!(Error::from_s3(s3(503, "SlowDown"), "x", false).is_retryable());
    assert!(Error::from_s3(s3(500, "InternalError"), "x", false).is_retryable());
    assert!(Error::network("http://x", "refused").is_retryable());
    assert!(!Error::from_s3(s3(403, "SignatureDoesNotMatch"), "x", false).is_retryable());
    assert!(!Error::from_s3(s3(404, "NoSuchKey"), "x", false).is_retryable());
}
