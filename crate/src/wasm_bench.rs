//! Exports for `bench/` only (feature `bench`, off by default): what the product wasm does to a body
//! before sending it, hashing and signing, without the network, so its throughput can be measured.

use wasm_bindgen::prelude::*;

use crate::credential::Credentials;
use crate::sign::{sign, Payload, Signable};

/// Hashes `body` (SHA-256) and signs a PUT of it to `url` exactly as `archive` does; returns the
/// `authorization` header.
#[wasm_bindgen(js_name = benchSignPut)]
pub async fn bench_sign_put(
    url: String,
    host: String,
    body: js_sys::Uint8Array,
    access_key_id: String,
    secret: String,
) -> Result<String, JsValue> {
    let payload = Payload::hash(body.into()).await;
    let credentials = Credentials::new(&access_key_id, &secret, None);
    let headers = [("host", host.as_str()), ("content-type", "application/x-ipynb+json")];
    let signable = Signable { method: "PUT", url: &url, headers: &headers, payload_sha256: &payload.sha256 };
    let signed = sign(&credentials, "us-east-1", crate::platform::now(), &signable)
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    signed
        .into_iter()
        .find(|(name, _)| name == "authorization")
        .map(|(_, value)| value)
        .ok_or_else(|| JsValue::from_str("no authorization header"))
}
