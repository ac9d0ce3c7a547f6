//! Bookstore works with no more rights than the least-privilege policy the README documents
//! (`tests/least-privilege-policy.json`), and those rights stop at the two prefixes. Runs against Ceph
//! RGW, where `tests/s3server.py` applies that policy to a second user; `tests/run` runs it there.

use bookstore::{Bookstore, ErrorCode, Scope, Settings};

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run this through `tests/run` (RGW only)"))
}

fn restricted(workspace_prefix: &str) -> Bookstore {
    Bookstore::new(&Settings {
        // Retention's tags too: the policy allows them.
        tag_versions: true,
        endpoint: env("BOOKSTORE_TEST_ENDPOINT"),
        bucket: env("BOOKSTORE_TEST_BUCKET"),
        path_style: true,
        access_key_id: env("BOOKSTORE_TEST_RESTRICTED_ACCESS_KEY_ID"),
        secret_access_key: env("BOOKSTORE_TEST_RESTRICTED_SECRET_ACCESS_KEY"),
        workspace_prefix: workspace_prefix.into(),
        ..Default::default()
    })
    .unwrap()
}

#[tokio::test]
async fn every_operation_works_with_the_least_privilege_policy() {
    let store = restricted("workspace");
    let run = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis();
    let path = format!("policy-{run}/analysis.ipynb");
    let first = store.archive(&path, b"{\"cells\":[],\"nbformat\":4}".to_vec()).await.unwrap();
    let second = store.archive(&path, b"{\"cells\":[1],\"nbformat\":4}".to_vec()).await.unwrap();
    assert!(store.archive(&path, b"{\"cells\":[1],\"nbformat\":4}".to_vec()).await.unwrap().unchanged);
    let list = store.list_versions(&path, Scope::Workspace).await.unwrap();
    let ids: Vec<&str> = list.versions.iter().map(|v| v.version_id.as_str()).collect();
    assert_eq!(ids, vec![second.version_id.as_str(), first.version_id.as_str()]);
    let old = store.get_version(&path, Scope::Workspace, Some(&first.version_id)).await.unwrap();
    assert_eq!(old.bytes.as_ref(), b"{\"cells\":[],\"nbformat\":4}");
    let published = store.publish(&path, b"{\"cells\":[],\"nbformat\":4}".to_vec()).await.unwrap();
    assert!(store.list_published(None).await.unwrap().iter().any(|e| e.key == published.key));
    store.get_object(&published.bucket, &published.key, None).await.unwrap();
    let renamed = format!("policy-{run}/renamed.ipynb");
    store.record_rename(&path, &renamed).await.unwrap();
    assert_eq!(store.renames(&renamed).await.unwrap()[0].from, path);
    store.record_restore(&path, &second.version_id, &first.version_id).await.unwrap();
    assert_eq!(store.restores(&path).await.unwrap()[0].from_version_id, first.version_id);
    store.name_version(&path, &first.version_id, "sent to reviewers").await.unwrap();
    assert_eq!(store.names(&path).await.unwrap()[0].name, "sent to reviewers");
    let report = store.check_bucket().await;
    assert!(report.is_ok(), "{report:?}");
    assert!(report.lifecycle.is_some(), "the policy lets the check read the lifecycle rules: {report:?}");
}

#[tokio::test]
async fn the_policy_stops_at_the_two_prefixes() {
    let elsewhere = restricted("elsewhere");
    let err = elsewhere.archive("a.ipynb", b"{}".to_vec()).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::AccessDenied, "{err}");
    let err = elsewhere.list_versions("a.ipynb", Scope::Workspace).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::AccessDenied, "{err}");
}
