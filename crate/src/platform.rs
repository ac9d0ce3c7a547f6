//! The few things that differ between the browser (wasm32) and native builds: the clock, sleeping,
//! randomness and reading a response body. Everything else in the crate is the same code on both.

use std::time::{Duration, SystemTime};

/// The current time. On wasm32 `SystemTime::now()` panics, so the time comes from JavaScript's Date.
#[cfg(target_arch = "wasm32")]
pub(crate) fn now() -> SystemTime {
    std::time::UNIX_EPOCH + Duration::from_millis(js_sys::Date::now() as u64)
}

#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn now() -> SystemTime {
    SystemTime::now()
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

/// A response body, or `None` once it is over `limit` bytes: natively reading stops there, so a huge
/// or endless body costs no more than `limit` bytes of memory.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) async fn read_body(mut response: reqwest::Response, limit: u64) -> reqwest::Result<Option<bytes::Bytes>> {
    let mut body = bytes::BytesMut::new();
    while let Some(chunk) = response.chunk().await? {
        if (body.len() + chunk.len()) as u64 > limit {
            return Ok(None);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Some(body.freeze()))
}

/// In a browser, reqwest's fetch gives the body in one piece (streaming it would need the `stream`
/// feature and wasm-streams in the bundle); Content-Length was already checked against the limit.
#[cfg(target_arch = "wasm32")]
pub(crate) async fn read_body(response: reqwest::Response, limit: u64) -> reqwest::Result<Option<bytes::Bytes>> {
    let body = response.bytes().await?;
    Ok((body.len() as u64 <= limit).then_some(body))
}
