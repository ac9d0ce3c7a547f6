//! AWS STS, as far as Bookstore needs it: temporary credentials for a web-identity token
//! (`AssumeRoleWithWebIdentity`, unsigned: the token is the proof, so a browser can call it), for a
//! role the caller may assume (`AssumeRole`, what the Jupyter server's credentials endpoint does), and
//! who a set of credentials belongs to (`GetCallerIdentity`). Requests are STS's query form, `POST /`
//! with a form body; they are signed by `sign`, the one SigV4 implementation of the project.

use std::time::{Duration, SystemTime};

use bytes::Bytes;

use super::Credentials;
use crate::error::{Error, Reason, Result};
use crate::keys::encode_query;
use crate::sign::{sign_sts, Payload, Signable};
use crate::transport::{parse_url, Body, Transport};
use crate::xml::{parse_caller_identity, parse_sts_credentials, parse_sts_error};

/// STS answers are a few KB; anything near this is not one.
const MAX_ANSWER_BYTES: u64 = 64 << 10;

/// How long assumed credentials last: STS's default, and the longest a role allows by default.
pub(crate) const DURATION_SECONDS: u32 = 3600;

/// An STS endpoint (`https://sts.eu-west-1.amazonaws.com`, or an S3 server's own, as RGW serves STS
/// there) and how long a call may take.
pub(crate) struct Sts<'a> {
    pub http: &'a Transport,
    pub endpoint: &'a str,
    pub wait: Duration,
}

/// The key that signs a call, in which region, at what (skew-corrected) time.
pub(crate) struct Signer<'a> {
    pub credentials: &'a Credentials,
    pub region: &'a str,
    pub time: SystemTime,
}

/// What `AssumeRole` should ask for.
pub(crate) struct AssumeRole<'a> {
    pub role_arn: &'a str,
    pub session_name: &'a str,
    /// A session policy narrowing the role (compact JSON: RGW reads a `+` of the form literally).
    pub policy: Option<&'a str>,
    pub duration_seconds: u32,
}

impl Sts<'_> {
    /// Temporary credentials of `role_arn` for the holder of a web-identity `token` (an OIDC JWT).
    pub async fn assume_role_with_web_identity(
        &self,
        role_arn: &str,
        session_name: &str,
        token: &str,
    ) -> Result<Credentials> {
        let duration = DURATION_SECONDS.to_string();
        let form = [
            ("Action", "AssumeRoleWithWebIdentity"),
            ("RoleArn", role_arn),
            ("RoleSessionName", session_name),
            ("WebIdentityToken", token),
            ("DurationSeconds", &duration),
        ];
        parse_sts_credentials(&self.call(&form, None).await?)
    }

    /// Temporary credentials of `request.role_arn`, asked for with `signer`'s credentials.
    pub async fn assume_role(&self, signer: &Signer<'_>, request: &AssumeRole<'_>) -> Result<Credentials> {
        let duration = request.duration_seconds.to_string();
        let mut form = vec![
            ("Action", "AssumeRole"),
            ("RoleArn", request.role_arn),
            ("RoleSessionName", request.session_name),
            ("DurationSeconds", &duration),
        ];
        form.extend(request.policy.map(|policy| ("Policy", policy)));
        parse_sts_credentials(&self.call(&form, Some(signer)).await?)
    }

    /// The ARN STS says `signer`'s credentials belong to.
    pub async fn caller_identity(&self, signer: &Signer<'_>) -> Result<String> {
        parse_caller_identity(&self.call(&[("Action", "GetCallerIdentity")], Some(signer)).await?)
    }

    /// Sends one call and returns the body of its successful answer.
    async fn call(&self, form: &[(&str, &str)], signer: Option<&Signer<'_>>) -> Result<Bytes> {
        let body: Vec<String> = [("Version", "2011-06-15")]
            .iter()
            .chain(form)
            .map(|(name, value)| format!("{name}={}", encode_query(value)))
            .collect();
        let payload = Payload::new(Bytes::from(body.join("&")));
        // The one header an unsigned call sends keeps it a "simple" request: no CORS preflight.
        let mut headers = vec![("content-type".to_owned(), "application/x-www-form-urlencoded".to_owned())];
        if let Some(signer) = signer {
            headers.extend(self.signature(signer, &headers, &payload)?);
        }
        let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let failed = |cause: String| Error::new(Reason::StsFailed { url: self.endpoint.to_owned(), cause });
        let exchange = (self.http.send("POST", self.endpoint, &headers, &payload.body, self.wait).await)
            .map_err(|f| failed(f.to_string()))?;
        let status = exchange.status;
        let body = (exchange.body(MAX_ANSWER_BYTES, None, self.wait).await)
            .map_err(|f| failed(f.to_string()))?
            .unwrap_or_default();
        match status {
            200..=299 => Ok(body),
            400..=499 => Err(self.refused(status, &body)),
            _ => Err(failed(format!("HTTP {status}"))),
        }
    }

    fn signature(
        &self,
        signer: &Signer<'_>,
        headers: &[(String, String)],
        payload: &Payload,
    ) -> Result<Vec<(String, String)>> {
        let host = parse_url(self.endpoint).map(|parts| parts.host).unwrap_or_default();
        let mut to_sign: Vec<(&str, &str)> = vec![("host", &host)];
        to_sign.extend(headers.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        let signable =
            Signable { method: "POST", url: self.endpoint, headers: &to_sign, payload_sha256: &payload.sha256 };
        sign_sts(signer.credentials, signer.region, signer.time, &signable)
    }

    fn refused(&self, status: u16, body: &[u8]) -> Error {
        let (code, message) = parse_sts_error(body);
        let answer = match (code.is_empty(), message.is_empty()) {
            (true, _) => format!("HTTP {status}"),
            (false, true) => code,
            (false, false) => format!("{code}: {message}"),
        };
        Error::new(Reason::StsRefused { url: self.endpoint.to_owned(), answer })
    }
}

/// A web-identity token from `url`: its whole answer, or the `id_token`/`token` of a JSON answer. In a
/// browser the page's cookies go with a same-origin request, as for a credentials URL.
pub(crate) async fn fetch_token(http: &Transport, url: &str, wait: Duration) -> Result<String> {
    let failed = |cause: String| Error::new(Reason::WebIdentityTokenFailed { url: url.to_owned(), cause });
    let headers = [("accept", "application/jwt, application/json, text/plain")];
    let exchange = http.send("GET", url, &headers, &Body::default(), wait).await.map_err(|f| failed(f.to_string()))?;
    if !(200..300).contains(&exchange.status) {
        return Err(failed(format!("HTTP {}", exchange.status)));
    }
    let body = exchange.body(MAX_ANSWER_BYTES, None, wait).await.map_err(|f| failed(f.to_string()))?;
    let text = body.as_deref().and_then(|bytes| std::str::from_utf8(bytes).ok()).unwrap_or_default().trim();
    let token = match text.starts_with('{') {
        true => super::url::string_fields(text, ["id_token", "token"])
            .and_then(|[id_token, token]| id_token.or(token))
            .unwrap_or_default(),
        false => text.to_owned(),
    };
    match token.trim() {
        "" => Err(failed("no token in the answer".to_owned())),
        token => Ok(token.to_owned()),
    }
}

/// A token read from a file (what a Kubernetes pod's `AWS_WEB_IDENTITY_TOKEN_FILE` names); read at
/// each renewal, as the file is rotated.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn read_token(path: &std::path::Path) -> Result<String> {
    let failed = |cause: String| Error::new(Reason::WebIdentityTokenFailed { url: path.display().to_string(), cause });
    let text = std::fs::read_to_string(path).map_err(|e| failed(e.to_string()))?;
    match text.trim() {
        "" => Err(failed("the file is empty".to_owned())),
        token => Ok(token.to_owned()),
    }
}
