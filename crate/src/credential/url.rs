//! Temporary credentials from a URL, in the JSON that AWS's container-credentials endpoints answer
//! (`AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration`) or that a `credential_process` prints
//! (`Version: 1`, `SessionToken` instead of `Token`). In a browser the page's cookies go with a
//! same-origin request, so a service behind the Jupyter server's login needs nothing more.

use std::time::Duration;

use super::Credentials;
use crate::error::{Error, Reason, Result};
use crate::platform;
use crate::transport::{Body, Transport};

/// Credentials answers are a few hundred bytes; anything near this is not one.
const MAX_ANSWER_BYTES: u64 = 64 << 10;

/// Fetches credentials from `url`, sending `authorization` as the `Authorization` header if given.
pub(crate) async fn fetch(
    http: &Transport,
    url: &str,
    authorization: Option<&str>,
    wait: Duration,
) -> Result<Credentials> {
    let failed =
        |cause: &str| Error::new(Reason::CredentialsUrlFailed { url: url.to_owned(), cause: cause.to_owned() });
    let mut headers = vec![("accept", "application/json")];
    headers.extend(authorization.map(|value| ("authorization", value)));
    let exchange = http.send("GET", url, &headers, &Body::default(), wait).await.map_err(|f| failed(&f.to_string()))?;
    let status = exchange.status;
    if status == 401 || status == 403 {
        return Err(Error::new(Reason::CredentialsUrlRefused { url: url.to_owned(), status }));
    }
    if !(200..300).contains(&status) {
        return Err(failed(&format!("HTTP {status}")));
    }
    let body = exchange.body(MAX_ANSWER_BYTES, None, wait).await.map_err(|f| failed(&f.to_string()))?;
    body.as_deref()
        .and_then(|bytes| std::str::from_utf8(bytes).ok())
        .and_then(parse)
        .ok_or_else(|| Error::new(Reason::CredentialsUrlInvalid { url: url.to_owned() }))
}

/// Reads either JSON shape; `None` when the keys are missing or the expiration is not a date.
pub(crate) fn parse(text: &str) -> Option<Credentials> {
    let names = ["AccessKeyId", "SecretAccessKey", "Token", "SessionToken", "Expiration"];
    let [key, secret, token, session_token, expiration] = string_fields(text, names)?;
    let (key, secret) = (key.filter(|k| !k.is_empty())?, secret.filter(|s| !s.is_empty())?);
    let expires = match expiration {
        Some(text) => Some(platform::parse_rfc3339(&text)?),
        None => None,
    };
    Some(Credentials { expires, ..Credentials::new(key, secret, token.or(session_token)) })
}

/// The string fields `names` of a JSON object. The browser's own JSON parser, as serde_json would add
/// several KB to the wasm for these few fields.
#[cfg(target_arch = "wasm32")]
pub(super) fn string_fields<const N: usize>(text: &str, names: [&str; N]) -> Option<[Option<String>; N]> {
    let value = js_sys::JSON::parse(text).ok().filter(|v| v.is_object() && !js_sys::Array::is_array(v))?;
    Some(names.map(|name| js_sys::Reflect::get(&value, &name.into()).ok().and_then(|v| v.as_string())))
}

#[cfg(not(target_arch = "wasm32"))]
pub(super) fn string_fields<const N: usize>(text: &str, names: [&str; N]) -> Option<[Option<String>; N]> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let object = value.as_object()?;
    Some(names.map(|name| object.get(name).and_then(|v| v.as_str()).map(str::to_owned)))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;

    #[test]
    fn both_json_shapes_are_read() {
        let container = r#"{"AccessKeyId":"ASIA1","SecretAccessKey":"s","Token":"t","Expiration":"2026-12-01T10:00:00Z",
            "RoleArn":"arn:aws:iam::1:role/r"}"#;
        let c = parse(container).unwrap();
        assert_eq!((c.access_key_id.as_str(), c.session_token.as_deref()), ("ASIA1", Some("t")));
        assert_eq!(c.expires, Some(UNIX_EPOCH + Duration::from_secs(1_796_119_200)));
        let process = r#"{"Version":1,"AccessKeyId":"ASIA2","SecretAccessKey":"s","SessionToken":"t2",
            "Expiration":"2026-12-01T10:00:00.000Z"}"#;
        assert_eq!(parse(process).unwrap().session_token.as_deref(), Some("t2"));
        let long_term = r#"{"AccessKeyId":"AKIA","SecretAccessKey":"s"}"#;
        assert_eq!(parse(long_term).unwrap().expires, None);
    }

    #[test]
    fn anything_else_is_refused() {
        for text in [
            "",
            "<html>Sign in</html>",
            "[]",
            r#"{"AccessKeyId":"a"}"#,
            r#"{"AccessKeyId":"","SecretAccessKey":"s"}"#,
            r#"{"AccessKeyId":"a","SecretAccessKey":"s","Expiration":"tomorrow"}"#,
            r#"{"AccessKeyId":1,"SecretAccessKey":"s"}"#,
        ] {
            assert!(parse(text).is_none(), "{text}");
        }
    }
}
