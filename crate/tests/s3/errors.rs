//! What the user sees when something is wrong: each failure a typed error with its fix.

use std::time::Duration;

use bookstore::{Bookstore, ErrorCode, RetryConfig, Scope, Settings, Versioning};

use crate::{notebook, Target};

#[tokio::test]
async fn a_wrong_secret_is_a_credentials_error_that_never_shows_the_secret() {
    let target = Target::from_env();
    let wrong = "wrong-SECRET-value-123";
    let settings = Settings { secret_access_key: wrong.into(), ..target.isolated_settings() };
    let store = Bookstore::new(&settings).unwrap();
    let err = store.archive("a.ipynb", notebook("x")).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::CredentialsRefused, "{err}");
    assert_eq!(err.s3().unwrap().code, "SignatureDoesNotMatch");
    assert_eq!(err.s3().unwrap().status, 403);
    let report = store.check_bucket().await;
    assert!(report.reachable && !report.credentials_accepted);
    assert_eq!(report.problems[0].code().as_str(), "CredentialsRefused");
    for text in [err.to_string(), format!("{err:?}"), format!("{report:?}"), format!("{settings:?}")] {
        assert!(!text.contains(wrong) && !text.contains(&target.settings.secret_access_key), "{text}");
    }
}

#[tokio::test]
async fn a_missing_bucket_says_so() {
    let target = Target::from_env();
    let settings = Settings { bucket: "bookstore-no-such-bucket".into(), ..target.isolated_settings() };
    let store = Bookstore::new(&settings).unwrap();
    let err = store.archive("a.ipynb", notebook("x")).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::NoSuchBucket, "{err}");
    assert!(err.message().contains("bookstore-no-such-bucket"));
    let report = store.check_bucket().await;
    assert_eq!(report.problems.len(), 1);
    assert_eq!(report.problems[0].code().as_str(), "NoSuchBucket");
}

#[tokio::test]
async fn check_bucket_reports_the_versioning_state() {
    let target = Target::from_env();
    let store = target.bookstore();
    let report = store.check_bucket().await;
    assert!(report.is_ok(), "{report:?}");
    assert_eq!(report.versioning, Some(Versioning::Enabled));
    assert_eq!(report.headers_readable, None, "nothing archived yet: nothing to probe");
    assert_eq!(report.lifecycle, Some(vec![]), "the test bucket has no lifecycle rule: every version is kept");
    store.archive("probe.ipynb", notebook("probe")).await.unwrap();
    let report = store.check_bucket().await;
    assert_eq!(report.headers_readable, Some(true), "outside a browser every header is readable");
    assert!(report.is_ok(), "{report:?}");

    for (bucket, state) in
        [(&target.unversioned_bucket, Versioning::Disabled), (&target.suspended_bucket, Versioning::Suspended)]
    {
        let settings = Settings { bucket: bucket.clone(), ..target.isolated_settings() };
        let store = Bookstore::new(&settings).unwrap();
        let report = store.check_bucket().await;
        assert!(report.reachable && report.credentials_accepted);
        assert_eq!(report.versioning, Some(state));
        assert_eq!(report.problems.len(), 1);
        assert_eq!(report.problems[0].code().as_str(), "VersioningOff");
        assert!(report.problems[0].message().contains("put-bucket-versioning"), "says how to fix it");
        // Archiving there would silently overwrite: it is refused with the same code.
        let err = store.archive("a.ipynb", notebook("x")).await.unwrap_err();
        assert_eq!(err.code(), ErrorCode::VersioningOff, "{}: {err}", target.server);
    }
}

#[tokio::test]
async fn an_unknown_version_id_is_reported_as_such() {
    let target = Target::from_env();
    let store = target.bookstore();
    store.archive("a.ipynb", notebook("a")).await.unwrap();
    // A well-formed id of this server (it belongs to another key), so only "not found" can be said.
    let other = store.archive("b.ipynb", notebook("b")).await.unwrap();
    let err = store.get_version("a.ipynb", Scope::Workspace, Some(&other.version_id)).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::NoSuchVersion, "{err}");
    assert!(err.message().contains(&other.version_id));
    let err = store.get_version("never-saved.ipynb", Scope::Workspace, None).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::NoSuchKey, "{err}");
}

#[tokio::test]
async fn an_unreachable_server_is_a_network_error_after_bounded_retries() {
    let target = Target::from_env();
    let closed_port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let settings = Settings { endpoint: format!("http://127.0.0.1:{closed_port}"), ..target.isolated_settings() };
    let retry =
        RetryConfig { max_retries: 2, base_delay: Duration::from_millis(10), max_delay: Duration::from_millis(50) };
    let store = Bookstore::new(&settings).unwrap().with_retry(retry);
    let err = store.archive("a.ipynb", notebook("x")).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Network, "{err}");
    assert!(err.message().contains(&format!("127.0.0.1:{closed_port}")));
    let report = store.check_bucket().await;
    assert!(!report.reachable);
    assert_eq!(report.problems[0].code().as_str(), "Network");
}

#[tokio::test]
async fn invalid_paths_are_refused_before_any_request() {
    let target = Target::from_env();
    let store = target.bookstore();
    for path in ["../escape.ipynb", "/abs.ipynb", "a\\b.ipynb", "%2e%2e/x.ipynb", "a\u{1}.ipynb"] {
        let err = store.archive(path, notebook("x")).await.unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidPath, "{path:?}");
    }
    let err = store.get_object(&target.settings.bucket, "../x", None).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidPath);
    let err = store.get_object("Not A Bucket", "x.ipynb", None).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidConfig);
}

#[tokio::test]
async fn a_notebook_over_the_size_limit_is_refused_before_it_is_read() {
    let target = Target::from_env();
    let settings = Settings { max_notebook_megabytes: 1, ..target.isolated_settings() };
    let store = Bookstore::new(&settings).unwrap();
    let big = vec![b' '; (1 << 20) + 1];
    let stored = store.publish("big.ipynb", big).await.unwrap();
    let err = store.get_object(&stored.bucket, &stored.key, None).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::TooLarge, "{err}");
    assert!(err.message().contains("maxNotebookMegabytes"));
    // Exactly at the limit is fine.
    let fits = store.publish("fits.ipynb", vec![b' '; 1 << 20]).await.unwrap();
    assert_eq!(store.get_object(&fits.bucket, &fits.key, None).await.unwrap().bytes.len(), 1 << 20);
}
