//! publish, list_published and get_object (what a clone link reads).

use bookstore::Scope;

use crate::{notebook, Target};

#[tokio::test]
async fn published_notebooks_are_listed_and_readable_by_bucket_and_key() {
    let target = Target::from_env();
    let store = target.bookstore();
    let first = store.publish("team/report.ipynb", notebook("report v1")).await.unwrap();
    let second = store.publish("team/report.ipynb", notebook("report v2")).await.unwrap();
    store.publish("solo.ipynb", notebook("solo")).await.unwrap();
    store.publish("team/data.csv", b"a,b\n1,2\n".to_vec()).await.unwrap();
    assert_ne!(first.version_id, second.version_id);
    assert_eq!(second.key, format!("{}/team/report.ipynb", store.config().published_prefix()));

    let all = store.list_published(None).await.unwrap();
    let paths: Vec<&str> = all.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, vec!["solo.ipynb", "team/report.ipynb"], "notebooks only, once each");
    assert_eq!(all[1].size, notebook("report v2").len() as u64);
    let team = store.list_published(Some("team")).await.unwrap();
    assert_eq!(team.len(), 1);

    // Publishing does not touch the workspace history, and vice versa.
    let history = store.list_versions("team/report.ipynb", Scope::Published).await.unwrap();
    assert_eq!(history.versions.len(), 2);
    assert!(store.list_versions("team/report.ipynb", Scope::Workspace).await.unwrap().versions.is_empty());

    // A clone link names the bucket and key; any version can be read.
    let latest = store.get_object(&target.settings.bucket, &second.key, None).await.unwrap();
    assert_eq!(latest.bytes.as_ref(), notebook("report v2").as_slice());
    let old = store.get_object(&target.settings.bucket, &first.key, Some(&first.version_id)).await.unwrap();
    assert_eq!(old.bytes.as_ref(), notebook("report v1").as_slice());
}

#[tokio::test]
async fn published_listing_follows_every_page() {
    // ListObjectsV2 returns at most 1,000 keys a page.
    const NOTEBOOKS: usize = 1_050;
    let target = Target::from_env();
    let store = std::sync::Arc::new(target.bookstore());
    let mut tasks = tokio::task::JoinSet::new();
    for worker in 0..8 {
        let store = std::sync::Arc::clone(&store);
        tasks.spawn(async move {
            for i in (worker..NOTEBOOKS).step_by(8) {
                store.publish(&format!("nb{i:04}.ipynb"), notebook("x")).await.unwrap();
            }
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.unwrap();
    }
    let all = store.list_published(None).await.unwrap();
    assert_eq!(all.len(), NOTEBOOKS);
    assert!(all.windows(2).all(|w| w[0].key < w[1].key), "in key order, no duplicates");
}
