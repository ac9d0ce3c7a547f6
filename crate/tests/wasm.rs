//! The JavaScript API as JavaScript sees it, run under Node by wasm-bindgen-test-runner. With an S3
//! server started by `tests/run` (its address in the environment), the calls go through Node's fetch
//! to that server, as they go through the browser's fetch in JupyterLab.
#![cfg(target_arch = "wasm32")]

use bookstore::wasm::{parse_s3_uri, JsBookstore};
use js_sys::{Promise, Reflect, Uint8Array, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

fn get(value: &JsValue, name: &str) -> JsValue {
    Reflect::get(value, &name.into()).unwrap()
}

fn string(value: &JsValue, name: &str) -> String {
    get(value, name).as_string().unwrap_or_else(|| panic!("{name} is not a string"))
}

fn env(name: &str) -> String {
    let process = get(&js_sys::global(), "process");
    get(&get(&process, "env"), name)
        .as_string()
        .unwrap_or_else(|| panic!("{name} is not set: run the wasm tests through `tests/run`"))
}

fn settings(secret: Option<&str>) -> JsValue {
    let json = format!(
        r#"{{"endpoint":"{}","bucket":"{}","pathStyle":true,"accessKeyId":"{}","secretAccessKey":"{}",
            "workspacePrefix":"wasm-{}/workspace"}}"#,
        env("BOOKSTORE_TEST_ENDPOINT"),
        env("BOOKSTORE_TEST_BUCKET"),
        env("BOOKSTORE_TEST_ACCESS_KEY_ID"),
        secret.map_or_else(|| env("BOOKSTORE_TEST_SECRET_ACCESS_KEY"), str::to_owned),
        js_sys::Date::now(),
    );
    JSON::parse(&json).unwrap()
}

async fn resolve(promise: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

fn assert_bookstore_error(error: &JsValue, code: &str) {
    assert!(error.is_instance_of::<js_sys::Error>(), "an Error object");
    assert_eq!(string(error, "name"), "BookstoreError");
    assert_eq!(string(error, "code"), code, "{}", string(error, "message"));
}

/// A field of the error's reason (what the extension's sentence names).
fn field(error: &JsValue, name: &str) -> JsValue {
    get(&get(error, "fields"), name)
}

#[wasm_bindgen_test]
fn invalid_settings_throw_an_error_naming_the_field() {
    let bad = JSON::parse(r#"{"bucket":"Not_A_Bucket","accessKeyId":"a","secretAccessKey":"s"}"#).unwrap();
    let error = JsBookstore::new(bad).err().expect("rejected");
    assert_bookstore_error(&error, "InvalidConfig");
    assert_eq!(string(&error, "reason"), "setting");
    assert_eq!(field(&error, "field"), "bucket");
    assert_eq!(field(&error, "flaw"), "bucketCharacters");
    let not_an_object = JsValue::from_str("settings");
    assert_bookstore_error(&JsBookstore::new(not_an_object).err().unwrap(), "InvalidConfig");
    for (field, json) in [
        ("bucket", r#"{"bucket":5,"accessKeyId":"a","secretAccessKey":"s"}"#),
        ("pathStyle", r#"{"bucket":"notebooks","pathStyle":"yes","accessKeyId":"a","secretAccessKey":"s"}"#),
        (
            "maxNotebookMegabytes",
            r#"{"bucket":"notebooks","maxNotebookMegabytes":1.5,"accessKeyId":"a","secretAccessKey":"s"}"#,
        ),
    ] {
        let error = JsBookstore::new(JSON::parse(json).unwrap()).err().expect(json);
        assert_bookstore_error(&error, "InvalidConfig");
        assert_eq!(self::field(&error, "field"), field, "{json}");
    }
}

#[wasm_bindgen_test]
fn clone_links_are_parsed_or_refused() {
    let location = parse_s3_uri("s3://team-notebooks/published/a b.ipynb?versionId=v1").unwrap();
    assert_eq!(string(&location, "bucket"), "team-notebooks");
    assert_eq!(string(&location, "key"), "published/a b.ipynb");
    assert_eq!(string(&location, "versionId"), "v1");
    assert!(get(&parse_s3_uri("s3://b-1/k.ipynb").unwrap(), "versionId").is_undefined());
    assert_bookstore_error(&parse_s3_uri("s3://b-1/../etc/passwd").unwrap_err(), "InvalidPath");
    let too_long = parse_s3_uri(&format!("s3://b-1/{}", "k".repeat(1_025))).unwrap_err();
    assert_bookstore_error(&too_long, "InvalidPath");
    assert_eq!(string(&too_long, "reason"), "keyTooLong");
    assert_eq!(field(&too_long, "bytes"), 1_025);
}

#[wasm_bindgen_test]
async fn archive_list_and_read_back_through_fetch() {
    let store = JsBookstore::new(settings(None)).unwrap();
    let path = "wasm folder/ü notebook.ipynb";
    let mut ids = Vec::new();
    for i in 0..3 {
        let bytes = format!(r#"{{"cells":[],"metadata":{{"n":{i}}},"nbformat":4,"nbformat_minor":5}}"#);
        let stored = resolve(store.archive(path.into(), Uint8Array::from(bytes.as_bytes()))).await.unwrap();
        assert!(string(&stored, "key").ends_with(path));
        ids.push(string(&stored, "versionId"));
    }
    let list = resolve(store.list_versions(path.into(), "workspace".into())).await.unwrap();
    let versions: js_sys::Array = get(&list, "versions").into();
    let listed: Vec<String> = versions.iter().map(|v| string(&v, "versionId")).collect();
    ids.reverse();
    assert_eq!(listed, ids, "newest first");
    assert_eq!(get(&versions.get(0), "isLatest"), JsValue::TRUE);

    let first = resolve(store.list_versions_page(path.into(), "workspace".into(), None, Some(2))).await.unwrap();
    assert_eq!(js_sys::Array::from(&get(&first, "versions")).length(), 2);
    let after = string(&first, "next");
    let last = resolve(store.list_versions_page(path.into(), "workspace".into(), Some(after), Some(2))).await.unwrap();
    assert_eq!(string(&js_sys::Array::from(&get(&last, "versions")).get(0), "versionId"), ids[2]);
    assert!(get(&last, "next").is_undefined(), "the end of the history");

    let oldest = resolve(store.get_version(path.into(), "workspace".into(), Some(ids[2].clone()))).await.unwrap();
    let bytes: Uint8Array = get(&oldest, "bytes").into();
    assert_eq!(
        String::from_utf8(bytes.to_vec()).unwrap(),
        r#"{"cells":[],"metadata":{"n":0},"nbformat":4,"nbformat_minor":5}"#
    );
    assert_eq!(string(&get(&oldest, "meta"), "versionId"), ids[2]);

    let report = resolve(store.check_bucket()).await.unwrap();
    assert_eq!(string(&report, "versioning"), "Enabled");
    assert_eq!(js_sys::Array::from(&get(&report, "problems")).length(), 0);
}

#[wasm_bindgen_test]
async fn failures_reject_with_typed_errors() {
    let store = JsBookstore::new(settings(Some("wrong-secret-for-wasm"))).unwrap();
    let error = resolve(store.archive("a.ipynb".into(), Uint8Array::from(&b"{}"[..]))).await.unwrap_err();
    assert_bookstore_error(&error, "CredentialsRefused");
    assert_eq!(get(&error, "status").as_f64(), Some(403.0));
    assert_eq!(string(&error, "s3Code"), "SignatureDoesNotMatch");
    let everything = JSON::stringify(&error).unwrap().as_string().unwrap() + &string(&error, "message");
    assert!(!everything.contains("wrong-secret-for-wasm"), "{everything}");

    let store = JsBookstore::new(settings(None)).unwrap();
    let error = resolve(store.list_versions("a.ipynb".into(), "everywhere".into())).await.unwrap_err();
    assert_bookstore_error(&error, "InvalidConfig");
    let error = resolve(store.archive("../a.ipynb".into(), Uint8Array::from(&b"{}"[..]))).await.unwrap_err();
    assert_bookstore_error(&error, "InvalidPath");
    let error = resolve(store.get_version("never.ipynb".into(), "workspace".into(), None)).await.unwrap_err();
    assert_bookstore_error(&error, "NoSuchKey");
}

#[wasm_bindgen_test]
async fn a_clock_thirty_minutes_off_is_corrected_from_the_servers_time() {
    use std::time::{Duration, UNIX_EPOCH};
    let settings = bookstore::Settings {
        endpoint: env("BOOKSTORE_TEST_ENDPOINT"),
        bucket: env("BOOKSTORE_TEST_BUCKET"),
        path_style: true,
        access_key_id: env("BOOKSTORE_TEST_ACCESS_KEY_ID"),
        secret_access_key: env("BOOKSTORE_TEST_SECRET_ACCESS_KEY"),
        workspace_prefix: format!("wasm-{}/clock", js_sys::Date::now()),
        ..Default::default()
    };
    for ahead in [true, false] {
        // SystemTime::now() panics on wasm32: the time comes from JavaScript.
        let store = bookstore::Bookstore::new(&settings).unwrap().with_clock(move || {
            let now = UNIX_EPOCH + Duration::from_millis(js_sys::Date::now() as u64);
            let offset = Duration::from_secs(1800);
            if ahead {
                now + offset
            } else {
                now - offset
            }
        });
        let stored = store.archive("clock.ipynb", b"{}".to_vec()).await.unwrap();
        let list = store.list_versions("clock.ipynb", bookstore::Scope::Workspace).await.unwrap();
        assert_eq!(list.versions[0].version_id, stored.version_id);
        // Learnt from S3's refusal of the first attempt: there was one.
        let expected: i64 = if ahead { -1_800_000 } else { 1_800_000 };
        let correction = store.clock_correction_millis();
        assert!((correction - expected).abs() < 60_000, "{correction} ms learnt, {expected} ms expected");
    }
}

#[wasm_bindgen_test]
async fn a_notebook_is_archived_without_being_copied_into_wasm_memory() {
    let memory = || wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>().buffer();
    let size = |buffer: JsValue| buffer.unchecked_into::<js_sys::ArrayBuffer>().byte_length();
    let store = JsBookstore::new(settings(None)).unwrap();
    let body = Uint8Array::new_with_length(16 << 20);
    body.fill(b' ', 0, body.length());
    body.set_index(0, b'{');
    body.set_index(body.length() - 1, b'}');
    let before = size(memory());
    let stored = resolve(store.archive("big.ipynb".into(), body)).await.unwrap();
    assert_eq!(get(&stored, "size").as_f64(), Some(f64::from(16u32 << 20)));
    let grown = size(memory()) - before;
    assert!(grown < 4 << 20, "wasm memory grew by {grown} bytes for a 16 MiB notebook");
}
