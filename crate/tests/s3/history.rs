//! archive, list_versions and get_version: every save kept, listed newest first, read back exactly.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bookstore::{Bookstore, Scope};

use crate::{notebook, Target};

#[tokio::test]
async fn saves_are_listed_newest_first_and_read_back_byte_for_byte() {
    let target = Target::from_env();
    let store = target.bookstore();
    let mut stored = Vec::new();
    for i in 0..3 {
        let bytes = notebook(&format!("save {i}"));
        let version = store.archive("analysis.ipynb", bytes.clone()).await.unwrap();
        assert_eq!(version.key, format!("{}/analysis.ipynb", store.config().workspace_prefix()));
        assert_eq!(version.size, bytes.len() as u64);
        assert!(!version.etag.is_empty() && !version.etag.contains('"'));
        stored.push((version, bytes));
    }

    let list = store.list_versions("analysis.ipynb", Scope::Workspace).await.unwrap();
    let ids: Vec<&str> = list.versions.iter().map(|v| v.version_id.as_str()).collect();
    let expected: Vec<&str> = stored.iter().rev().map(|(v, _)| v.version_id.as_str()).collect();
    assert_eq!(ids, expected, "newest first");
    assert!(list.versions[0].is_latest);
    assert!(list.versions[1..].iter().all(|v| !v.is_latest && !v.is_delete_marker));
    for (entry, (version, bytes)) in list.versions.iter().zip(stored.iter().rev()) {
        assert_eq!(entry.size, bytes.len() as u64);
        assert_eq!(entry.etag, version.etag);
    }

    for (version, bytes) in &stored {
        let got = store.get_version("analysis.ipynb", Scope::Workspace, Some(&version.version_id)).await.unwrap();
        assert_eq!(got.bytes.as_ref(), bytes.as_slice());
        assert_eq!(got.meta.version_id.as_deref(), Some(version.version_id.as_str()));
        assert_eq!(got.meta.size, bytes.len() as u64);
    }
    let latest = store.get_version("analysis.ipynb", Scope::Workspace, None).await.unwrap();
    assert_eq!(latest.bytes.as_ref(), stored[2].1.as_slice());
}

#[tokio::test]
async fn saving_unchanged_content_makes_no_new_version() {
    let target = Target::from_env();
    let store = target.bookstore();
    let first = store.archive("same.ipynb", notebook("a")).await.unwrap();
    assert!(!first.unchanged);
    let again = store.archive("same.ipynb", notebook("a")).await.unwrap();
    assert!(again.unchanged, "same bytes as the latest version");
    assert_eq!(again.version_id, first.version_id);
    let changed = store.archive("same.ipynb", notebook("b")).await.unwrap();
    assert!(!changed.unchanged);
    // Only the latest version counts: going back to earlier content is a new version.
    let back = store.archive("same.ipynb", notebook("a")).await.unwrap();
    assert!(!back.unchanged);
    let list = store.list_versions("same.ipynb", Scope::Workspace).await.unwrap();
    let ids: Vec<&str> = list.versions.iter().map(|v| v.version_id.as_str()).collect();
    assert_eq!(ids, vec![back.version_id.as_str(), changed.version_id.as_str(), first.version_id.as_str()]);
    // Publishing follows the same rule, separately from the workspace.
    assert!(!store.publish("same.ipynb", notebook("a")).await.unwrap().unchanged);
    assert!(store.publish("same.ipynb", notebook("a")).await.unwrap().unchanged);
}

#[tokio::test]
async fn unchanged_saves_are_judged_against_what_s3_holds_not_what_this_client_wrote() {
    // Two clients, as two browser tabs: each remembers only its own writes.
    let target = Target::from_env();
    let settings = target.isolated_settings();
    let (one, two) = (Bookstore::new(&settings).unwrap(), Bookstore::new(&settings).unwrap());
    let first = one.archive("two-writers.ipynb", notebook("a")).await.unwrap();
    assert!(two.archive("two-writers.ipynb", notebook("a")).await.unwrap().unchanged);
    let other = two.archive("two-writers.ipynb", notebook("c")).await.unwrap();
    // `one` last stored "a", but the latest version is now "c": "a" again is a change.
    let back = one.archive("two-writers.ipynb", notebook("a")).await.unwrap();
    assert!(!back.unchanged);
    assert!(one.archive("two-writers.ipynb", notebook("a")).await.unwrap().unchanged);
    let list = one.list_versions("two-writers.ipynb", Scope::Workspace).await.unwrap();
    let ids: Vec<&str> = list.versions.iter().map(|v| v.version_id.as_str()).collect();
    assert_eq!(ids, vec![back.version_id.as_str(), other.version_id.as_str(), first.version_id.as_str()]);
}

#[tokio::test]
async fn thousands_of_versions_are_listed_completely_and_in_order_beside_a_sibling_key() {
    const VERSIONS: usize = 2_500;
    let target = Target::from_env();
    let store = target.bookstore();
    let mut ids = Vec::with_capacity(VERSIONS);
    for i in 0..VERSIONS {
        ids.push(store.archive("a.ipynb", notebook(&i.to_string())).await.unwrap().version_id);
    }
    // Keys that share the prefix must not leak into the history: one sorts right after it.
    for path in ["a.ipynb.bak", "a.ipynb~", "a.ipynbx/b.ipynb"] {
        store.archive(path, notebook(path)).await.unwrap();
    }
    let list = store.list_versions("a.ipynb", Scope::Workspace).await.unwrap();
    assert_eq!(list.versions.len(), VERSIONS, "every version, across several pages");
    let listed: Vec<&String> = list.versions.iter().map(|v| &v.version_id).collect();
    let newest_first: Vec<&String> = ids.iter().rev().collect();
    assert!(listed == newest_first, "listed in exactly the reverse order of the saves");
    assert_eq!(list.versions.iter().filter(|v| v.is_latest).count(), 1);
    let sibling = store.list_versions("a.ipynb.bak", Scope::Workspace).await.unwrap();
    assert_eq!(sibling.versions.len(), 1);

    // Page by page, as the history panel loads it: the same versions, in the same order.
    let mut paged = Vec::new();
    let mut after: Option<String> = None;
    let mut pages = 0;
    loop {
        let page = store.list_versions_page("a.ipynb", Scope::Workspace, after.as_deref(), Some(700)).await.unwrap();
        // At most 700 a page; RGW sends fewer than asked (and S3 may), never none before the end.
        assert!(!page.versions.is_empty() && page.versions.len() <= 700);
        paged.extend(page.versions.into_iter().map(|v| v.version_id));
        pages += 1;
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert!(pages >= VERSIONS.div_ceil(700), "{pages} pages");
    assert!(paged.iter().collect::<Vec<_>>() == newest_first, "pages join into the full history");
}

#[tokio::test]
async fn unicode_spaces_and_reserved_characters_round_trip() {
    let target = Target::from_env();
    let store = target.bookstore();
    let paths = [
        "Übersicht/mein Notizbuch (v2).ipynb",
        "日本語/ノート.ipynb",
        "a+b $c&d=e#f?g%h'i,j;k@l!m*n.ipynb",
        "emoji 📓/ü ü.ipynb",
    ];
    for path in paths {
        let bytes = notebook(path);
        let stored = store.archive(path, bytes.clone()).await.unwrap();
        assert_eq!(stored.key, format!("{}/{path}", store.config().workspace_prefix()));
        let list = store.list_versions(path, Scope::Workspace).await.unwrap();
        assert_eq!(list.versions.len(), 1, "{path}");
        assert_eq!(list.versions[0].version_id, stored.version_id, "{path}");
        let got = store.get_version(path, Scope::Workspace, Some(&stored.version_id)).await.unwrap();
        assert_eq!(got.bytes.as_ref(), bytes.as_slice(), "{path}");
    }
}

#[tokio::test]
async fn a_clock_thirty_minutes_off_is_corrected() {
    // Both servers refuse a request signed 30 minutes off (moto through tests/moto_server.py, as S3 does):
    // the correction learnt from that refusal is the proof that the first attempt was refused.
    let target = Target::from_env();
    for offset in [Duration::from_secs(1800), Duration::from_secs(0)] {
        for ahead in [true, false] {
            let store = Bookstore::new(&target.isolated_settings()).unwrap().with_clock(move || {
                let now = SystemTime::now();
                if ahead {
                    now + offset
                } else {
                    now - offset
                }
            });
            let stored = store.archive("clock.ipynb", notebook("clock")).await.unwrap();
            let list = store.list_versions("clock.ipynb", Scope::Workspace).await.unwrap();
            assert_eq!(list.versions[0].version_id, stored.version_id);
            let expected = if ahead { -(offset.as_millis() as i64) } else { offset.as_millis() as i64 };
            let correction = store.clock_correction_millis();
            if offset.is_zero() {
                assert_eq!(correction, 0, "a right clock was corrected");
            } else {
                assert!((correction - expected).abs() < 60_000, "{correction} ms learnt, {expected} ms expected");
            }
        }
    }
}

#[tokio::test]
async fn concurrent_saves_of_different_notebooks_all_land() {
    let target = Target::from_env();
    let store = Arc::new(target.bookstore());
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let store = Arc::clone(&store);
            tokio::spawn(async move { store.archive(&format!("n{i}.ipynb"), notebook(&i.to_string())).await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    for i in 0..16 {
        let list = store.list_versions(&format!("n{i}.ipynb"), Scope::Workspace).await.unwrap();
        assert_eq!(list.versions.len(), 1);
    }
}
