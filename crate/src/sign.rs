//! SigV4 signing of S3 (and STS) requests: a thin adapter around `aws-sigv4`, the only module that uses it.

use std::time::SystemTime;

use aws_sigv4::http_request::{
    sign as sigv4_sign, PayloadChecksumKind, PercentEncodingMode, SignableBody, SignableRequest, SigningSettings,
    UriPathNormalizationMode,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

use crate::credential::Credentials;
use crate::error::{Error, Reason, Result};
use crate::transport::Body;

/// What to sign: `url` must already carry the S3-encoded key and query; `headers` must include `host`.
pub(crate) struct Signable<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub headers: &'a [(&'a str, &'a str)],
    /// The hex SHA-256 of the body (see `Payload`), computed once per request body.
    pub payload_sha256: &'a str,
}

/// A request body with its SHA-256, which both the signature and Bookstore's content check use.
#[derive(Clone, Default)]
pub(crate) struct Payload {
    pub body: Body,
    pub sha256: String,
}

impl Payload {
    /// Hashes `bytes` here, in Rust: for request bodies that are empty or small.
    pub fn new(bytes: bytes::Bytes) -> Self {
        let sha256 = crate::platform::rust_sha256_hex(&bytes);
        Self { body: Body::Bytes(bytes), sha256 }
    }

    /// Hashes `body` the fastest way the platform has (WebCrypto in a browser): for notebooks.
    pub async fn hash(body: Body) -> Self {
        let sha256 = crate::platform::sha256_hex(&body).await;
        Self { body, sha256 }
    }
}

/// Signs `request` at `time` and returns the headers to add: `authorization`, `x-amz-date`,
/// `x-amz-content-sha256` and, for temporary credentials, `x-amz-security-token`.
pub(crate) fn sign(
    credentials: &Credentials,
    region: &str,
    time: SystemTime,
    request: &Signable<'_>,
) -> Result<Vec<(String, String)>> {
    // S3 differs from other services: the path is encoded once (by the caller) and not normalised,
    // and the payload hash is sent in x-amz-content-sha256.
    let mut settings = SigningSettings::default();
    settings.percent_encoding_mode = PercentEncodingMode::Single;
    settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
    settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
    sign_for("s3", settings, credentials, region, time, request)
}

/// Signs an STS query request (`POST /`, a form body) as [`sign`] does an S3 one.
pub(crate) fn sign_sts(
    credentials: &Credentials,
    region: &str,
    time: SystemTime,
    request: &Signable<'_>,
) -> Result<Vec<(String, String)>> {
    sign_for("sts", SigningSettings::default(), credentials, region, time, request)
}

fn sign_for(
    service: &str,
    settings: SigningSettings,
    credentials: &Credentials,
    region: &str,
    time: SystemTime,
    request: &Signable<'_>,
) -> Result<Vec<(String, String)>> {
    // `Identity::new` rather than `.into()`: the conversion also records SDK feature tracking in a
    // config bag (a HashMap), which signing never reads (4 KB of gzipped wasm).
    let identity = Identity::new(
        aws_credential_types::Credentials::new(
            credentials.access_key_id.clone(),
            credentials.secret_access_key.clone(),
            credentials.session_token.clone(),
            None,
            "bookstore",
        ),
        None,
    );

    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(settings)
        .build()
        .map_err(|e| signing_failed(&e.to_string()))?
        .into();

    let signable = SignableRequest::new(
        request.method,
        request.url,
        request.headers.iter().copied(),
        SignableBody::Precomputed(request.payload_sha256.to_owned()),
    )
    .map_err(|e| signing_failed(&e.to_string()))?;

    let (instructions, _signature) =
        sigv4_sign(signable, &params).map_err(|e| signing_failed(&e.to_string()))?.into_parts();
    Ok(instructions.headers().map(|(name, value)| (name.to_owned(), value.to_owned())).collect())
}

fn signing_failed(cause: &str) -> Error {
    Error::new(Reason::SigningFailed { cause: cause.to_owned() })
}

#[cfg(test)]
mod tests {
    //! The examples AWS publishes for S3 SigV4 ("Signature Calculations for the Authorization Header:
    //! Transferring Payload in a Single Chunk"), reproduced exactly.
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    const AWS_EXAMPLE_KEY_ID: &str = "AKIAIOSFODNN7EXAMPLE";
    const AWS_EXAMPLE_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    /// 2013-05-24T00:00:00Z, the time of every AWS example.
    const EXAMPLE_TIME: u64 = 1_369_353_600;
    const HOST: &str = "examplebucket.s3.amazonaws.com";

    fn sign_example(method: &str, url: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<(String, String)> {
        let creds = Credentials::new(AWS_EXAMPLE_KEY_ID, AWS_EXAMPLE_SECRET, None);
        let time = UNIX_EPOCH + Duration::from_secs(EXAMPLE_TIME);
        let payload = Payload::new(bytes::Bytes::copy_from_slice(body));
        sign(&creds, "us-east-1", time, &Signable { method, url, headers, payload_sha256: &payload.sha256 }).unwrap()
    }

    fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
        headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).unwrap()
    }

    #[test]
    fn aws_example_get_object() {
        let headers = sign_example(
            "GET",
            "https://examplebucket.s3.amazonaws.com/test.txt",
            &[("host", HOST), ("range", "bytes=0-9")],
            b"",
        );
        assert_eq!(
            header(&headers, "authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, \
             SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, \
             Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        );
        assert_eq!(
            header(&headers, "x-amz-content-sha256"),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(header(&headers, "x-amz-date"), "20130524T000000Z");
    }

    #[test]
    fn aws_example_put_object_with_dollar_in_key() {
        let headers = sign_example(
            "PUT",
            // `$` is encoded by the caller, as keys::encode_key does.
            "https://examplebucket.s3.amazonaws.com/test%24file.text",
            &[("host", HOST), ("date", "Fri, 24 May 2013 00:00:00 GMT"), ("x-amz-storage-class", "REDUCED_REDUNDANCY")],
            b"Welcome to Amazon S3.",
        );
        assert_eq!(
            header(&headers, "authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, \
             SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, \
             Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"
        );
        assert_eq!(
            header(&headers, "x-amz-content-sha256"),
            "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"
        );
    }

    #[test]
    fn aws_example_get_bucket_lifecycle() {
        let headers = sign_example("GET", "https://examplebucket.s3.amazonaws.com/?lifecycle", &[("host", HOST)], b"");
        assert!(header(&headers, "authorization")
            .ends_with("Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"));
    }

    #[test]
    fn aws_example_list_objects() {
        let headers =
            sign_example("GET", "https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J", &[("host", HOST)], b"");
        assert!(header(&headers, "authorization")
            .ends_with("Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"));
    }

    #[test]
    fn session_token_is_sent_and_signed() {
        let creds = Credentials::new(AWS_EXAMPLE_KEY_ID, AWS_EXAMPLE_SECRET, Some("TOKEN".into()));
        let time = UNIX_EPOCH + Duration::from_secs(EXAMPLE_TIME);
        let req = Signable {
            method: "GET",
            url: "https://examplebucket.s3.amazonaws.com/a",
            headers: &[("host", HOST)],
            payload_sha256: &Payload::new(bytes::Bytes::new()).sha256,
        };
        let headers = sign(&creds, "us-east-1", time, &req).unwrap();
        assert_eq!(header(&headers, "x-amz-security-token"), "TOKEN");
        assert!(header(&headers, "authorization").contains("x-amz-security-token"));
    }
}
