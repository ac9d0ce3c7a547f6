//! Records beside the versions: renames (a renamed notebook's history goes on with the old path's) and
//! restores (a version that brought an earlier one back).

use bookstore::{ErrorCode, Restore, Scope, VersionName};

use crate::{notebook, Target};

#[tokio::test]
async fn renames_are_followed_back_newest_first_and_stop_at_a_loop() {
    let store = Target::from_env().bookstore();
    assert_eq!(store.renames("a.ipynb").await.unwrap(), vec![]);

    store.archive("Untitled.ipynb", notebook("first save")).await.unwrap();
    store.record_rename("Untitled.ipynb", "dir/ü x.ipynb").await.unwrap();
    store.record_rename("dir/ü x.ipynb", "final/analysis.ipynb").await.unwrap();
    let chain = store.renames("final/analysis.ipynb").await.unwrap();
    let from: Vec<&str> = chain.iter().map(|rename| rename.from.as_str()).collect();
    assert_eq!(from, ["dir/ü x.ipynb", "Untitled.ipynb"]);
    // Each rename happened no later than the one after it (S3's times, to the second or better).
    assert!(chain[1].at <= chain[0].at, "{chain:?}");
    // The versions stay where they were saved: the history of the old path is still there to list.
    let old = store.list_versions("Untitled.ipynb", Scope::Workspace).await.unwrap();
    assert_eq!(old.versions.len(), 1);
    assert!(old.versions[0].last_modified <= chain[1].at);

    // Renamed back: the chain ends where it meets a path it already holds.
    store.record_rename("final/analysis.ipynb", "Untitled.ipynb").await.unwrap();
    let back = store.renames("Untitled.ipynb").await.unwrap();
    let from: Vec<&str> = back.iter().map(|rename| rename.from.as_str()).collect();
    assert_eq!(from, ["final/analysis.ipynb", "dir/ü x.ipynb"]);
    // The markers are no notebooks: listing the notebook's history shows none of them.
    let listed = store.list_versions("final/analysis.ipynb", Scope::Workspace).await.unwrap();
    assert!(listed.versions.is_empty());
}

#[tokio::test]
async fn a_restore_is_recorded_beside_the_versions() {
    let store = Target::from_env().bookstore();
    let first = store.archive("r.ipynb", notebook("one")).await.unwrap();
    store.archive("r.ipynb", notebook("two")).await.unwrap();
    let back = store.archive("r.ipynb", notebook("one")).await.unwrap();
    assert_eq!(store.restores("r.ipynb").await.unwrap(), vec![]);
    store.record_restore("r.ipynb", &back.version_id, &first.version_id).await.unwrap();
    let restores = store.restores("r.ipynb").await.unwrap();
    assert_eq!(restores, vec![Restore { version_id: back.version_id, from_version_id: first.version_id }]);
    // The record is no version of the notebook.
    assert_eq!(store.list_versions("r.ipynb", Scope::Workspace).await.unwrap().versions.len(), 3);
}

#[tokio::test]
async fn a_name_is_recorded_beside_the_versions_and_the_newest_one_counts() {
    let store = Target::from_env().bookstore();
    let first = store.archive("n.ipynb", notebook("one")).await.unwrap();
    let second = store.archive("n.ipynb", notebook("two")).await.unwrap();
    assert_eq!(store.names("n.ipynb").await.unwrap(), vec![]);
    store.name_version("n.ipynb", &first.version_id, "sent to reviewers").await.unwrap();
    store.name_version("n.ipynb", &second.version_id, "draft / ü?").await.unwrap();
    store.name_version("n.ipynb", &second.version_id, "").await.unwrap();
    store.name_version("n.ipynb", &first.version_id, "accepted").await.unwrap();
    let names = store.names("n.ipynb").await.unwrap();
    assert_eq!(names, vec![VersionName { version_id: first.version_id.clone(), name: "accepted".into() }]);
    let long = store.name_version("n.ipynb", &first.version_id, &"x".repeat(81)).await.unwrap_err();
    assert_eq!(long.code(), ErrorCode::InvalidConfig, "{long}");
    // The markers are no versions of the notebook.
    assert_eq!(store.list_versions("n.ipynb", Scope::Workspace).await.unwrap().versions.len(), 2);
}
