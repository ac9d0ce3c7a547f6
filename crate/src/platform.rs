//! The few things that differ between the browser (wasm32) and native builds: the clock, reading S3's
//! dates, hashing bodies, sleeping and randomness. HTTP is in `transport`. Everything else is the same code on both.

use std::time::{Duration, SystemTime};

use crate::transport::Body;

/// The current time. On wasm32 `SystemTime::now()` panics, so the time comes from JavaScript's Date.
#[cfg(target_arch = "wasm32")]
pub(crate) fn now() -> SystemTime {
    std::time::UNIX_EPOCH + Duration::from_millis(js_sys::Date::now() as u64)
}

#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn now() -> SystemTime {
    SystemTime::now()
}

/// Reads S3's `<ServerTime>` (`2026-11-27T06:30:00Z`). In a browser, `Date.parse` reads it: the
/// date parsing crates would add 3 KB gzipped for this one use.
#[cfg(target_arch = "wasm32")]
pub(crate) fn parse_rfc3339(text: &str) -> Option<SystemTime> {
    js_date(text)
}

#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn parse_rfc3339(text: &str) -> Option<SystemTime> {
    humantime::parse_rfc3339_weak(text.trim_end_matches('Z')).ok()
}

/// Reads an HTTP `Date` header (`Fri, 27 Nov 2026 06:30:00 GMT`).
#[cfg(target_arch = "wasm32")]
pub(crate) fn parse_http_date(text: &str) -> Option<SystemTime> {
    js_date(text)
}

#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn parse_http_date(text: &str) -> Option<SystemTime> {
    httpdate::parse_http_date(text).ok()
}

#[cfg(target_arch = "wasm32")]
fn js_date(text: &str) -> Option<SystemTime> {
    let millis = js_sys::Date::parse(text);
    (millis.is_finite() && millis >= 0.0).then(|| std::time::UNIX_EPOCH + Duration::from_millis(millis as u64))
}

/// The hex SHA-256 of `bytes`. In a browser, WebCrypto's digest where the page has one (secure
/// contexts: https and localhost, and workers of such pages): native code, many times faster than
/// SHA-256 compiled to wasm, which is the fallback.
#[cfg(target_arch = "wasm32")]
pub(crate) async fn sha256_hex(body: &Body) -> String {
    match (webcrypto_sha256_hex(body).await, body) {
        (Some(hex), _) => hex,
        (None, Body::Bytes(bytes)) => rust_sha256_hex(bytes),
        (None, Body::Js(array)) => rust_sha256_hex(&array.to_vec()),
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub(crate) async fn sha256_hex(body: &Body) -> String {
    let Body::Bytes(bytes) = body;
    rust_sha256_hex(bytes)
}

pub(crate) fn rust_sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// `crypto.subtle.digest("SHA-256", body)`, or None where there is no `crypto.subtle`.
#[cfg(target_arch = "wasm32")]
async fn webcrypto_sha256_hex(body: &Body) -> Option<String> {
    use js_sys::{Function, Promise, Reflect, Uint8Array};
    use wasm_bindgen::{JsCast, JsValue};

    let subtle = Reflect::get(
        &Reflect::get(&js_sys::global(), &JsValue::from_str("crypto")).ok()?,
        &JsValue::from_str("subtle"),
    )
    .ok()?;
    let digest: Function = Reflect::get(&subtle, &JsValue::from_str("digest")).ok()?.dyn_into().ok()?;
    let algorithm = JsValue::from_str("SHA-256");
    let promise = match body {
        Body::Bytes(bytes) => {
            // SAFETY: the view is only read by `digest`, which copies the bytes before it returns
            // (WebCrypto: "get a copy of the bytes held by the data parameter"), and nothing allocates in
            // wasm memory between making the view and that call.
            let view = unsafe { Uint8Array::view(bytes) };
            digest.call2(&subtle, &algorithm, &view)
        }
        Body::Js(array) => digest.call2(&subtle, &algorithm, array),
    };
    let promise: Promise = promise.ok()?.dyn_into().ok()?;
    let buffer = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    Some(hex::encode(Uint8Array::new(&buffer).to_vec()))
}

/// A number in `[0, 1)` for retry jitter; it need not be unpredictable, only spread.
#[cfg(target_arch = "wasm32")]
pub(crate) fn random_fraction() -> f64 {
    js_sys::Math::random()
}

#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn random_fraction() -> f64 {
    use std::hash::{BuildHasher, RandomState};
    // Each RandomState is seeded differently, which is all the spread jitter needs.
    (RandomState::new().hash_one(0u8) >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(target_arch = "wasm32")]
pub(crate) async fn sleep(duration: Duration) {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        // The global setTimeout exists in windows, workers and Node alike.
        #[wasm_bindgen(js_name = setTimeout)]
        fn set_timeout(callback: &js_sys::Function, millis: f64) -> JsValue;
    }

    let millis = duration.as_millis() as f64;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        set_timeout(&resolve, millis);
    });
    // The promise only ever resolves.
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[cfg(not(target_arch = "wasm32"))]
pub(crate) async fn sleep(duration: Duration) {
    tokio::time::sleep(duration).await;
}
