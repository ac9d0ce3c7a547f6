//! Where the bucket and the credentials come from: the flags and environment of `args`, then the
//! credentials in the order AWS tools use (environment, a profile of the shared credentials file, a
//! web-identity token file, a container credentials URL).

use std::env;
use std::path::PathBuf;

use bookstore::Settings;

use crate::args::SettingsArgs;
use crate::commands::Failure;

/// Keys as a profile of the shared credentials file holds them.
#[derive(Default)]
struct Keys {
    access_key_id: String,
    secret_access_key: String,
    session_token: String,
}

pub fn settings(args: &SettingsArgs) -> Result<Settings, Failure> {
    let mut settings = Settings {
        endpoint: args.endpoint.clone(),
        region: if args.region.is_empty() { variable("AWS_DEFAULT_REGION") } else { args.region.clone() },
        bucket: args.bucket.clone(),
        path_style: args.path_style,
        workspace_prefix: args.workspace_prefix.clone(),
        published_prefix: args.published_prefix.clone(),
        user: args.user.clone(),
        // The variable AWS tools read for another STS than AWS's in the region.
        sts_endpoint: variable("AWS_ENDPOINT_URL_STS"),
        ..Settings::default()
    };
    if let Some(keys) = environment_keys().or(profile_keys(&args.profile)?) {
        settings.access_key_id = keys.access_key_id;
        settings.secret_access_key = keys.secret_access_key;
        settings.session_token = keys.session_token;
    } else if !variable("AWS_ROLE_ARN").is_empty() && !variable("AWS_WEB_IDENTITY_TOKEN_FILE").is_empty() {
        settings.role_arn = variable("AWS_ROLE_ARN");
        settings.web_identity_token_file = variable("AWS_WEB_IDENTITY_TOKEN_FILE");
    } else if let Some(url) = env::var("AWS_CONTAINER_CREDENTIALS_FULL_URI").ok().filter(|u| !u.is_empty()) {
        settings.credentials_url = url;
        settings.credentials_authorization = variable("AWS_CONTAINER_AUTHORIZATION_TOKEN");
    }
    Ok(settings)
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
fn profile_keys(profile: &str) -> Result<Option<Keys>, Failure> {
    let Some(file) = credentials_file().filter(|file| file.is_file()) else { return Ok(None) };
    let text = std::fs::read_to_string(&file)
        .map_err(|e| Failure::Local(format!("Could not read {}: {e}. Check its permissions.", file.display())))?;
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
