//! URLs, Host headers and clock skew.

use super::*;
use crate::config::Settings;

fn client() -> Client {
    let settings = Settings {
        endpoint: "http://127.0.0.1:9000".into(),
        bucket: "notebooks".into(),
        path_style: true,
        access_key_id: "AKID".into(),
        secret_access_key: "SECRET".into(),
        ..Default::default()
    };
    Client::new(Config::from_settings(&settings).unwrap())
}

#[test]
fn urls_carry_encoded_keys_and_queries() {
    let c = client();
    let r = c.request(Method::GET, "notebooks", Some("workspace/a b+c.ipynb")).query("versionId", "3/L4+x");
    assert_eq!(r.url(), "http://127.0.0.1:9000/notebooks/workspace/a%20b%2Bc.ipynb?versionId=3%2FL4%2Bx");
    assert_eq!(r.subject(), "s3://notebooks/workspace/a b+c.ipynb?versionId=3/L4+x");
    let r = c.request(Method::GET, "notebooks", None).query("versions", "").query("prefix", "w/a.ipynb");
    assert_eq!(r.url(), "http://127.0.0.1:9000/notebooks/?versions&prefix=w%2Fa.ipynb");
}

#[test]
fn host_header_keeps_non_default_ports() {
    let host = |endpoint: &str, path_style: bool| {
        let settings = Settings {
            endpoint: endpoint.into(),
            bucket: "notebooks".into(),
            path_style,
            access_key_id: "AKID".into(),
            secret_access_key: "SECRET".into(),
            ..Default::default()
        };
        Config::from_settings(&settings).unwrap().host("notebooks")
    };
    assert_eq!(host("http://127.0.0.1:9000", true), "127.0.0.1:9000");
    assert_eq!(host("https://s3.amazonaws.com", false), "notebooks.s3.amazonaws.com");
    assert_eq!(host("https://s3.amazonaws.com:443/", false), "notebooks.s3.amazonaws.com");
}

#[test]
fn skew_correction_shifts_the_signing_time() {
    let mut c = client();
    let local = UNIX_EPOCH + Duration::from_secs(1_000_000);
    c.set_clock(Arc::new(move || local));
    assert!(c.correct_skew(Some(local - Duration::from_secs(1800))));
    assert_eq!(c.signing_time(), local - Duration::from_secs(1800));
    assert!(!c.correct_skew(None));
}
