//! Configuration: the settings a user types ([`Settings`]) are validated once into a frozen [`Config`].

use std::fmt;
use std::time::Duration;

use serde::Deserialize;

use crate::credential::{Credentials, Source};
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
    /// Largest notebook read from S3 (clone, preview, restore), in MiB; 0 for the default (100).
    pub max_notebook_megabytes: u32,
    /// Seconds S3 may stay silent before a request is given up (and retried); 0 for the default (30).
    /// Uploads and downloads get one more second per 64 KiB on top.
    pub request_timeout_seconds: u32,
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
            .field("max_notebook_megabytes", &self.max_notebook_megabytes)
            .field("request_timeout_seconds", &self.request_timeout_seconds)
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
    pub(crate) max_object_bytes: u64,
    pub(crate) request_timeout: Duration,
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
        let source = credential_source(settings)?;
        Ok(Self {
            endpoint,
            region,
            bucket: bucket.to_owned(),
            path_style: settings.path_style,
            workspace_prefix,
            published_prefix,
            source,
            max_object_bytes: u64::from(match settings.max_notebook_megabytes {
                0 => DEFAULT_MAX_NOTEBOOK_MEGABYTES,
                n => n,
            }) << 20,
            request_timeout: Duration::from_secs(u64::from(match settings.request_timeout_seconds {
                0 => DEFAULT_REQUEST_TIMEOUT_SECONDS,
                n => n,
            })),
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

/// The credentials URL when one is set, else the keys, which must then be given.
fn credential_source(settings: &Settings) -> Result<Source> {
    let url = settings.credentials_url.trim();
    if !url.is_empty() {
        if !parse_url(url).is_some_and(|parts| matches!(parts.scheme.as_str(), "http" | "https")) {
            return Err(Error::invalid_config("credentialsUrl", Flaw::CredentialsUrlNotUrl));
        }
        let authorization = Some(settings.credentials_authorization.trim().to_owned()).filter(|a| !a.is_empty());
        return Ok(Source::Url { url: url.to_owned(), authorization });
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
