//! Configuration: the settings a user types ([`Settings`]) are validated once into a frozen [`Config`].

use std::fmt;
use std::time::Duration;

use serde::Deserialize;

use crate::credential::{Credentials, Source, Token, WebIdentity};
use crate::error::{Error, Flaw, Result};
use crate::keys::{normalize_prefix, validate_bucket};
use crate::transport::{parse_url, UrlParts};

/// The settings as the user gives them (JupyterLab's settings editor, or a test). Empty strings mean
/// "use the default".
#[derive(Clone, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// S3 endpoint URL; empty for AWS (`https://s3.{region}.amazonaws.com`).
    pub endpoint: String,
    /// Region used for signing; empty for `us-east-1`.
    pub region: String,
    /// The bucket that holds the versions.
    pub bucket: String,
    /// Path-style addressing (`endpoint/bucket/key`), needed by most non-AWS servers.
    pub path_style: bool,
    /// Prefix of archived versions; empty for `workspace`. May contain `{user}`.
    pub workspace_prefix: String,
    /// Prefix of published notebooks; empty for `published`. May contain `{user}`.
    pub published_prefix: String,
    /// Replaces `{user}` in the prefixes.
    pub user: String,
    /// Access key id.
    pub access_key_id: String,
    /// Secret access key.
    pub secret_access_key: String,
    /// Session token of temporary credentials; empty for long-term keys.
    pub session_token: String,
    /// A URL answering temporary credentials (AWS container-credentials JSON); when set, the keys above
    /// are not used.
    pub credentials_url: String,
    /// The `Authorization` header sent to `credentialsUrl`, if it needs one.
    pub credentials_authorization: String,
    /// A role to assume with a web-identity token (`AssumeRoleWithWebIdentity`); when set (and no
    /// credentials URL is), the keys above are not used.
    pub role_arn: String,
    /// A URL answering the web-identity token (an OIDC JWT) for `roleArn`.
    pub web_identity_token_url: String,
    /// A file holding that token instead (a Kubernetes pod's `AWS_WEB_IDENTITY_TOKEN_FILE`); native only.
    #[cfg(not(target_arch = "wasm32"))]
    #[serde(skip)]
    pub web_identity_token_file: String,
    /// STS endpoint URL; empty for AWS's in the region (`https://sts.{region}.amazonaws.com`), or the
    /// S3 endpoint when that is set (Ceph RGW serves STS there).
    pub sts_endpoint: String,
    /// Largest notebook read from S3 (clone, preview, restore), in MiB; 0 for the default (100).
    pub max_notebook_megabytes: u32,
    /// Seconds S3 may stay silent before a request is given up (and retried); 0 for the default (30).
    /// Uploads and downloads get one more second per 64 KiB on top.
    pub request_timeout_seconds: u32,
    /// Tag each automatic version `bookstore-retention=auto` when it is stored, and a named one
    /// `named`, for the lifecycle rule of the README (which expires old automatic versions). Needs
    /// `s3:PutObjectTagging` and `s3:PutObjectVersionTagging`, and `x-amz-tagging` in the CORS rule.
    pub tag_versions: bool,
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("bucket", &self.bucket)
            .field("path_style", &self.path_style)
            .field("workspace_prefix", &self.workspace_prefix)
            .field("published_prefix", &self.published_prefix)
            .field("user", &self.user)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"******")
            .field("session_token", &"******")
            .field("credentials_url", &self.credentials_url)
            .field("credentials_authorization", &"******")
            .field("role_arn", &self.role_arn)
            .field("web_identity_token_url", &self.web_identity_token_url)
            .field("sts_endpoint", &self.sts_endpoint)
            .field("max_notebook_megabytes", &self.max_notebook_megabytes)
            .field("request_timeout_seconds", &self.request_timeout_seconds)
            .field("tag_versions", &self.tag_versions)
            .finish()
    }
}

/// Validated configuration. Build it with [`Config::from_settings`].
#[derive(Debug, Clone)]
pub struct Config {
    pub(crate) endpoint: UrlParts,
    pub(crate) region: String,
    pub(crate) bucket: String,
    pub(crate) path_style: bool,
    pub(crate) workspace_prefix: String,
    pub(crate) published_prefix: String,
    pub(crate) source: Source,
    /// Where STS calls go (web identity, "who am I").
    pub(crate) sts_endpoint: String,
    /// Names the STS sessions of this user (`bookstore-ada`).
    pub(crate) session_name: String,
    pub(crate) max_object_bytes: u64,
    pub(crate) request_timeout: Duration,
    pub(crate) tag_versions: bool,
}

/// Reads larger than this are refused unless the settings raise it: a notebook of hundreds of MB is
/// more likely a mistake (or a hostile link) than something to open in a browser tab.
pub const DEFAULT_MAX_NOTEBOOK_MEGABYTES: u32 = 100;

/// How long S3 may stay silent: long enough for a busy server, short enough that a hung connection
/// (a proxy that never answers, a laptop back from sleep) does not hold the saves behind it for long.
pub const DEFAULT_REQUEST_TIMEOUT_SECONDS: u32 = 30;

/// The default region, as in the AWS SDKs.
pub const DEFAULT_REGION: &str = "us-east-1";

/// The default prefixes, as in the Python bookstore: each save under `workspace/`, shared notebooks under
/// `published/`.
pub const DEFAULT_WORKSPACE_PREFIX: &str = "workspace";
/// See [`DEFAULT_WORKSPACE_PREFIX`].
pub const DEFAULT_PUBLISHED_PREFIX: &str = "published";

impl Config {
    /// Validates `settings`; the error names the first field that is wrong.
    pub fn from_settings(settings: &Settings) -> Result<Self> {
        let region = match settings.region.trim() {
            "" => DEFAULT_REGION.to_owned(),
            r if r.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') => r.to_owned(),
            _ => return Err(Error::invalid_config("region", Flaw::RegionCharacters)),
        };
        let endpoint = parse_endpoint(settings.endpoint.trim(), &region)?;
        let bucket = settings.bucket.trim();
        validate_bucket(bucket)?;
        let user = settings.user.trim();
        let workspace_prefix =
            normalize_prefix("workspacePrefix", or(&settings.workspace_prefix, DEFAULT_WORKSPACE_PREFIX), user)?;
        let published_prefix =
            normalize_prefix("publishedPrefix", or(&settings.published_prefix, DEFAULT_PUBLISHED_PREFIX), user)?;
        if nests(&workspace_prefix, &published_prefix) {
            return Err(Error::invalid_config("publishedPrefix", Flaw::PrefixesOverlap));
        }
        let sts_endpoint = sts_endpoint(settings, &endpoint, &region)?;
        let session_name = session_name(settings.user.trim());
        let source = credential_source(settings, &sts_endpoint, &session_name)?;
        Ok(Self {
            endpoint,
            region,
            bucket: bucket.to_owned(),
            path_style: settings.path_style,
            workspace_prefix,
            published_prefix,
            source,
            sts_endpoint,
            session_name,
            max_object_bytes: u64::from(match settings.max_notebook_megabytes {
                0 => DEFAULT_MAX_NOTEBOOK_MEGABYTES,
                n => n,
            }) << 20,
            request_timeout: Duration::from_secs(u64::from(match settings.request_timeout_seconds {
                0 => DEFAULT_REQUEST_TIMEOUT_SECONDS,
                n => n,
            })),
            tag_versions: settings.tag_versions,
        })
    }

    /// The bucket that holds the versions.
    pub fn bucket(&self) -> &str {
        &self.bucket
    }

    /// The canonical workspace prefix (no slashes around it, `{user}` replaced).
    pub fn workspace_prefix(&self) -> &str {
        &self.workspace_prefix
    }

    /// The canonical published prefix.
    pub fn published_prefix(&self) -> &str {
        &self.published_prefix
    }

    /// The URL of `bucket`, or of `encoded_key` in it when given (already S3-encoded, no leading `/`).
    pub(crate) fn url(&self, bucket: &str, encoded_key: &str) -> String {
        let scheme = &self.endpoint.scheme;
        let host = self.host(bucket);
        let base_path = self.endpoint.path.trim_end_matches('/');
        if self.path_style {
            format!("{scheme}://{host}{base_path}/{bucket}/{encoded_key}")
        } else {
            format!("{scheme}://{host}{base_path}/{encoded_key}")
        }
    }

    /// The `Host` a request for `bucket` goes to (with the port unless it is the scheme's default).
    pub(crate) fn host(&self, bucket: &str) -> String {
        if self.path_style {
            self.endpoint.host.clone()
        } else {
            format!("{bucket}.{}", self.endpoint.host)
        }
    }
}

/// The credentials URL when one is set, else a role with a web identity, else the keys, which must
/// then be given.
fn credential_source(settings: &Settings, sts_endpoint: &str, session_name: &str) -> Result<Source> {
    let url = settings.credentials_url.trim();
    if !url.is_empty() {
        let url = http_url("credentialsUrl", url)?;
        let authorization = Some(settings.credentials_authorization.trim().to_owned()).filter(|a| !a.is_empty());
        return Ok(Source::Url { url, authorization });
    }
    let role_arn = settings.role_arn.trim();
    if !role_arn.is_empty() {
        if !role_arn.starts_with("arn:") || role_arn.contains(char::is_whitespace) {
            return Err(Error::invalid_config("roleArn", Flaw::RoleArnNotArn));
        }
        let token = web_identity_token(settings)?;
        return Ok(Source::WebIdentity(WebIdentity {
            role_arn: role_arn.to_owned(),
            session_name: session_name.to_owned(),
            sts_endpoint: sts_endpoint.to_owned(),
            token,
        }));
    }
    let access_key_id = settings.access_key_id.trim();
    if access_key_id.is_empty() {
        return Err(Error::invalid_config("accessKeyId", Flaw::AccessKeyEmpty));
    }
    if settings.secret_access_key.is_empty() {
        return Err(Error::invalid_config("secretAccessKey", Flaw::SecretEmpty));
    }
    let token = Some(settings.session_token.trim().to_owned());
    Ok(Source::Keys(Credentials::new(access_key_id, settings.secret_access_key.clone(), token)))
}

/// Where the web-identity token comes from: its file (native), else its URL.
fn web_identity_token(settings: &Settings) -> Result<Token> {
    #[cfg(not(target_arch = "wasm32"))]
    if !settings.web_identity_token_file.trim().is_empty() {
        return Ok(Token::File(settings.web_identity_token_file.trim().into()));
    }
    Ok(Token::Url(http_url("webIdentityTokenUrl", settings.web_identity_token_url.trim())?))
}

/// `url` if it is an http(s) URL; else the error names `field`.
fn http_url(field: &'static str, url: &str) -> Result<String> {
    match parse_url(url) {
        Some(parts) if matches!(parts.scheme.as_str(), "http" | "https") => Ok(url.to_owned()),
        _ => Err(Error::invalid_config(field, Flaw::CredentialsUrlNotUrl)),
    }
}

/// The setting, else AWS's STS in the region for AWS's S3, else the S3 server's root (RGW and moto
/// answer STS on their S3 endpoint).
fn sts_endpoint(settings: &Settings, s3: &UrlParts, region: &str) -> Result<String> {
    match (settings.sts_endpoint.trim(), settings.endpoint.trim()) {
        ("", "") => Ok(format!("https://sts.{region}.amazonaws.com/")),
        ("", _) => Ok(format!("{}://{}/", s3.scheme, s3.host)),
        (url, _) => http_url("stsEndpoint", url),
    }
}

/// STS's `RoleSessionName` (2 to 64 of `\w+=,.@-`): `bookstore-` and the user's name, as far as it fits.
fn session_name(user: &str) -> String {
    let allowed = |c: &char| c.is_ascii_alphanumeric() || "_+=,.@-".contains(*c);
    let name: String = format!("bookstore-{user}").chars().filter(allowed).take(64).collect();
    name.trim_end_matches('-').to_owned()
}

fn or<'a>(value: &'a str, default: &'a str) -> &'a str {
    if value.trim().is_empty() {
        default
    } else {
        value
    }
}

fn nests(a: &str, b: &str) -> bool {
    let (a, b) = (format!("{a}/"), format!("{b}/"));
    a.starts_with(&b) || b.starts_with(&a)
}

fn parse_endpoint(raw: &str, region: &str) -> Result<UrlParts> {
    let raw = if raw.is_empty() { format!("https://s3.{region}.amazonaws.com") } else { raw.to_owned() };
    let url = parse_url(&raw).ok_or_else(|| Error::invalid_config("endpoint", Flaw::EndpointNotUrl))?;
    if !matches!(url.scheme.as_str(), "http" | "https") {
        return Err(Error::invalid_config("endpoint", Flaw::EndpointScheme));
    }
    if url.has_extras {
        return Err(Error::invalid_config("endpoint", Flaw::EndpointExtras));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    fn settings() -> Settings {
        Settings {
            endpoint: "http://127.0.0.1:9000".into(),
            bucket: "notebooks".into(),
            path_style: true,
            access_key_id: "AKID".into(),
            secret_access_key: "SECRET-VALUE".into(),
            ..Default::default()
        }
    }

    /// The defaults are written once, in the settings schema JupyterLab shows; the crate's must match.
    #[test]
    fn defaults_are_the_settings_schema_defaults() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../lab-extension/schema/plugin.json")).unwrap();
        let default = |name: &str| schema["properties"][name]["default"].clone();
        assert_eq!(default("region"), DEFAULT_REGION);
        assert_eq!(default("workspacePrefix"), DEFAULT_WORKSPACE_PREFIX);
        assert_eq!(default("publishedPrefix"), DEFAULT_PUBLISHED_PREFIX);
        assert_eq!(default("maxNotebookMegabytes"), DEFAULT_MAX_NOTEBOOK_MEGABYTES);
        assert_eq!(default("requestTimeoutSeconds"), DEFAULT_REQUEST_TIMEOUT_SECONDS);
    }

    #[test]
    fn defaults_follow_bookstore() {
        let c = Config::from_settings(&settings()).unwrap();
        assert_eq!(c.region, "us-east-1");
        assert_eq!(c.workspace_prefix(), "workspace");
        assert_eq!(c.published_prefix(), "published");
        assert!(matches!(&c.source, Source::Keys(keys) if keys.session_token.is_none()));
    }

    #[test]
    fn urls_for_both_addressing_styles() {
        let mut s = settings();
        let c = Config::from_settings(&s).unwrap();
        assert_eq!(c.url("notebooks", "workspace/a.ipynb"), "http://127.0.0.1:9000/notebooks/workspace/a.ipynb");
        assert_eq!(c.url("other", ""), "http://127.0.0.1:9000/other/");
        s.endpoint = String::new();
        s.region = "eu-west-1".into();
        s.path_style = false;
        let c = Config::from_settings(&s).unwrap();
        assert_eq!(c.url("notebooks", "k"), "https://notebooks.s3.eu-west-1.amazonaws.com/k");
        s.endpoint = "https://minio.example.org:9443/s3/".into();
        s.path_style = true;
        let c = Config::from_settings(&s).unwrap();
        assert_eq!(c.url("notebooks", "k"), "https://minio.example.org:9443/s3/notebooks/k");
    }

    #[test]
    fn invalid_settings_name_the_field() {
        type Edit = fn(&mut Settings);
        let cases: &[(&str, Edit)] = &[
            ("bucket", |s| s.bucket = String::new()),
            ("bucket", |s| s.bucket = "No_Caps".into()),
            ("bucket", |s| s.bucket = "ab".into()),
            ("bucket", |s| s.bucket = "-abc".into()),
            ("endpoint", |s| s.endpoint = "not a url".into()),
            ("endpoint", |s| s.endpoint = "ftp://host".into()),
            ("endpoint", |s| s.endpoint = "http://u:p@host".into()),
            ("region", |s| s.region = "eu west".into()),
            ("workspacePrefix", |s| s.workspace_prefix = "a/../b".into()),
            ("workspacePrefix", |s| s.workspace_prefix = "{user}".into()),
            ("publishedPrefix", |s| s.published_prefix = "workspace/pub".into()),
            ("accessKeyId", |s| s.access_key_id = " ".into()),
            ("secretAccessKey", |s| s.secret_access_key = String::new()),
            ("credentialsUrl", |s| s.credentials_url = "/bookstore/credentials".into()),
            ("credentialsUrl", |s| s.credentials_url = "file:///etc/passwd".into()),
        ];
        for (field, edit) in cases {
            let mut s = settings();
            edit(&mut s);
            let err = Config::from_settings(&s).unwrap_err();
            assert_eq!(err.code(), ErrorCode::InvalidConfig);
            assert!(err.message().contains(&format!("`{field}`")), "{field}: {}", err.message());
            assert!(!err.message().contains("SECRET-VALUE"));
        }
    }

    #[test]
    fn a_role_with_a_token_url_replaces_the_keys_and_sts_defaults_to_the_s3_server() {
        let mut s = settings();
        s.role_arn = "arn:aws:iam::123456789012:role/notebooks".into();
        s.web_identity_token_url = "https://hub.example.org/hub/token".into();
        s.user = "ada lovelace".into();
        let c = Config::from_settings(&s).unwrap();
        let Source::WebIdentity(web) = &c.source else { panic!("{:?}", c.source) };
        assert_eq!(web.sts_endpoint, "http://127.0.0.1:9000/");
        assert_eq!(web.session_name, "bookstore-adalovelace");
        assert_eq!(web.token, Token::Url("https://hub.example.org/hub/token".into()));
        // AWS's S3: AWS's STS in the region; or the setting.
        s.endpoint = String::new();
        s.region = "eu-west-1".into();
        assert_eq!(Config::from_settings(&s).unwrap().sts_endpoint, "https://sts.eu-west-1.amazonaws.com/");
        s.sts_endpoint = "https://sts.example.org".into();
        assert_eq!(Config::from_settings(&s).unwrap().sts_endpoint, "https://sts.example.org");
        // A role needs a token URL, and must look like one.
        for (field, change) in [
            ("webIdentityTokenUrl", (|s| s.web_identity_token_url = String::new()) as fn(&mut Settings)),
            ("roleArn", |s| s.role_arn = "notebooks".into()),
            ("stsEndpoint", |s| s.sts_endpoint = "sts.example.org".into()),
        ] {
            let mut broken = s.clone();
            change(&mut broken);
            let error = Config::from_settings(&broken).unwrap_err();
            assert_eq!(error.code(), ErrorCode::InvalidConfig);
            assert!(error.message().contains(field), "{}", error.message());
        }
    }

    #[test]
    fn a_credentials_url_replaces_the_keys() {
        let mut s = Settings { access_key_id: String::new(), secret_access_key: String::new(), ..settings() };
        s.credentials_url = " https://jupyter.example.org/bookstore/credentials ".into();
        s.credentials_authorization = "Bearer abc".into();
        let c = Config::from_settings(&s).unwrap();
        assert_eq!(
            c.source,
            Source::Url {
                url: "https://jupyter.example.org/bookstore/credentials".into(),
                authorization: Some("Bearer abc".into())
            }
        );
    }

    #[test]
    fn secrets_never_reach_debug_output() {
        let mut s = settings();
        s.session_token = "TOKEN-VALUE".into();
        s.credentials_authorization = "Bearer AUTH-VALUE".into();
        let c = Config::from_settings(&s).unwrap();
        let text = format!("{s:?} {c:?} {c:#?}");
        for secret in ["SECRET-VALUE", "TOKEN-VALUE", "AUTH-VALUE"] {
            assert!(!text.contains(secret), "{text}");
        }
    }
}
