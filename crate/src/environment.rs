//! Settings from the environment, natively (the `bookstore` command, the Python module): the bucket and
//! prefixes from `BOOKSTORE_*` variables with the extension's defaults, then the credentials in the order
//! AWS tools use (environment, a profile of the shared credentials file, a web-identity token file, a
//! container credentials URL).

use std::env;
use std::path::PathBuf;

use crate::config::Settings;

/// Where the notebooks are: what the command's flags and the Python module's arguments override.
#[derive(Debug, Clone)]
pub struct Location {
    /// `AWS_ENDPOINT_URL`; empty for AWS.
    pub endpoint: String,
    /// `AWS_REGION`, else `AWS_DEFAULT_REGION`.
    pub region: String,
    /// `BOOKSTORE_BUCKET`.
    pub bucket: String,
    /// `BOOKSTORE_PATH_STYLE` (`true` or `1`).
    pub path_style: bool,
    /// `BOOKSTORE_WORKSPACE_PREFIX`, else `workspace`.
    pub workspace_prefix: String,
    /// `BOOKSTORE_PUBLISHED_PREFIX`, else `published`.
    pub published_prefix: String,
    /// `BOOKSTORE_USER`, for `{user}` in the prefixes.
    pub user: String,
    /// `AWS_PROFILE`, else `default`: the profile of the shared credentials file.
    pub profile: String,
    /// `BOOKSTORE_TAG_VERSIONS` (`true` or `1`): tag versions for the lifecycle rule (`Settings`).
    pub tag_versions: bool,
}

impl Location {
    /// The location the environment names, with the extension's defaults.
    pub fn from_environment() -> Self {
        let or = |value: String, default: &str| if value.is_empty() { default.to_owned() } else { value };
        Location {
            endpoint: variable("AWS_ENDPOINT_URL"),
            region: or(variable("AWS_REGION"), &variable("AWS_DEFAULT_REGION")),
            bucket: variable("BOOKSTORE_BUCKET"),
            path_style: matches!(variable("BOOKSTORE_PATH_STYLE").as_str(), "true" | "1"),
            workspace_prefix: or(variable("BOOKSTORE_WORKSPACE_PREFIX"), "workspace"),
            published_prefix: or(variable("BOOKSTORE_PUBLISHED_PREFIX"), "published"),
            user: variable("BOOKSTORE_USER"),
            profile: or(variable("AWS_PROFILE"), "default"),
            tag_versions: matches!(variable("BOOKSTORE_TAG_VERSIONS").as_str(), "true" | "1"),
        }
    }

    /// The settings of this location with the first credentials found. Fails only when the shared
    /// credentials file exists but cannot be read; the message says which file.
    pub fn settings(&self) -> Result<Settings, String> {
        let region = if self.region.is_empty() { variable("AWS_DEFAULT_REGION") } else { self.region.clone() };
        let mut settings = Settings {
            endpoint: self.endpoint.clone(),
            region,
            bucket: self.bucket.clone(),
            path_style: self.path_style,
            workspace_prefix: self.workspace_prefix.clone(),
            published_prefix: self.published_prefix.clone(),
            user: self.user.clone(),
            tag_versions: self.tag_versions,
            // The variable AWS tools read for another STS than AWS's in the region.
            sts_endpoint: variable("AWS_ENDPOINT_URL_STS"),
            ..Settings::default()
        };
        if let Some(keys) = environment_keys().or(profile_keys(&self.profile)?) {
            settings.access_key_id = keys.access_key_id;
            settings.secret_access_key = keys.secret_access_key;
            settings.session_token = keys.session_token;
        } else if !variable("AWS_ROLE_ARN").is_empty() && !variable("AWS_WEB_IDENTITY_TOKEN_FILE").is_empty() {
            settings.role_arn = variable("AWS_ROLE_ARN");
            settings.web_identity_token_file = variable("AWS_WEB_IDENTITY_TOKEN_FILE");
        } else if let Some(url) = Some(variable("AWS_CONTAINER_CREDENTIALS_FULL_URI")).filter(|u| !u.is_empty()) {
            settings.credentials_url = url;
            settings.credentials_authorization = variable("AWS_CONTAINER_AUTHORIZATION_TOKEN");
        }
        Ok(settings)
    }
}

/// Keys as a profile of the shared credentials file holds them.
#[derive(Default)]
struct Keys {
    access_key_id: String,
    secret_access_key: String,
    session_token: String,
}

fn variable(name: &str) -> String {
    env::var(name).unwrap_or_default()
}

fn environment_keys() -> Option<Keys> {
    let keys = Keys {
        access_key_id: variable("AWS_ACCESS_KEY_ID"),
        secret_access_key: variable("AWS_SECRET_ACCESS_KEY"),
        session_token: variable("AWS_SESSION_TOKEN"),
    };
    (!keys.access_key_id.is_empty() && !keys.secret_access_key.is_empty()).then_some(keys)
}

fn credentials_file() -> Option<PathBuf> {
    match env::var_os("AWS_SHARED_CREDENTIALS_FILE") {
        Some(file) => Some(PathBuf::from(file)),
        None => env::var_os("HOME").map(|home| PathBuf::from(home).join(".aws").join("credentials")),
    }
}

/// The keys of `profile` in the shared credentials file; none when there is no such file or profile.
fn profile_keys(profile: &str) -> Result<Option<Keys>, String> {
    let Some(file) = credentials_file().filter(|file| file.is_file()) else { return Ok(None) };
    let text = std::fs::read_to_string(&file)
        .map_err(|e| format!("Could not read {}: {e}. Check its permissions.", file.display()))?;
    Ok(parse_profile(&text, profile))
}

/// Reads the INI-style credentials file: `[profile]` sections of `name = value` lines.
fn parse_profile(text: &str, profile: &str) -> Option<Keys> {
    let mut keys: Option<Keys> = None;
    let mut inside = false;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with(['#', ';'])) {
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            inside = section.trim() == profile;
            continue;
        }
        let (Some((name, value)), true) = (line.split_once('='), inside) else { continue };
        let found = keys.get_or_insert_with(Keys::default);
        let value = value.trim().to_owned();
        match name.trim() {
            "aws_access_key_id" => found.access_key_id = value,
            "aws_secret_access_key" => found.secret_access_key = value,
            "aws_session_token" => found.session_token = value,
            _ => {}
        }
    }
    keys.filter(|k| !k.access_key_id.is_empty() && !k.secret_access_key.is_empty())
}

#[cfg(test)]
mod tests {
    use super::parse_profile;

    #[test]
    fn profiles_are_read_from_their_own_section() {
        let text = "[default]\naws_access_key_id = A\naws_secret_access_key = a\n\n# a comment\n[work]\n\
                    aws_access_key_id=W\naws_secret_access_key = w=x\naws_session_token = t\n";
        let work = parse_profile(text, "work").unwrap();
        assert_eq!((work.access_key_id.as_str(), work.secret_access_key.as_str()), ("W", "w=x"));
        assert_eq!(work.session_token, "t");
        assert_eq!(parse_profile(text, "default").unwrap().access_key_id, "A");
        assert!(parse_profile(text, "missing").is_none());
    }
}
