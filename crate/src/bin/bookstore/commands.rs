//! What each subcommand does, with the crate's `Bookstore` (the same client as the browser's).

use std::io::Write;
use std::path::{Path, PathBuf};

use bookstore::{keys, Bookstore, BucketReport, Error, LifecycleRule, Scope, VersionEntry};
use serde::Serialize;

use crate::args::{Cli, Command, Store};
use crate::settings::settings;

/// Why a command failed.
pub enum Failure {
    /// What S3 answered, or a setting or path the crate refused.
    Bookstore(Error),
    /// A local file that cannot be read or written, or arguments that do not fit: what to do.
    Local(String),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Bookstore(error)
    }
}

type Outcome = Result<(), Failure>;

/// The client for the bucket of the settings.
pub fn store(cli: &Cli) -> Result<Bookstore, Failure> {
    let store = Bookstore::new(&settings(&cli.settings)?)?;
    Ok(match crate::progress::bar() {
        Some(bar) => store.with_progress(bar),
        None => store,
    })
}

pub async fn run(cli: &Cli) -> Outcome {
    // Two local files need no bucket.
    if let Command::Diff(args) = &cli.command {
        return crate::diff::run(cli, args).await;
    }
    let store = store(cli)?;
    let json = cli.json;
    match &cli.command {
        Command::Versions { path, published } => {
            let scope = if *published { Scope::Published } else { Scope::Workspace };
            let list = store.list_versions(path, scope).await?;
            let names = if *published { Vec::new() } else { store.names(path).await? };
            let name_of =
                |v: &VersionEntry| names.iter().find(|n| n.version_id == v.version_id).map(|n| n.name.as_str());
            let listed: Vec<Listed> = list.versions.iter().map(|v| Listed { version: v, name: name_of(v) }).collect();
            print(json, &listed, || listed.iter().map(version_line).collect())
        }
        Command::Name { path, version_id, name } => {
            store.name_version(path, version_id, name).await.map_err(Into::into)
        }
        Command::Get { what, version_id, output } => {
            let content = match keys::parse_s3_uri(what) {
                Ok(location) => store.get_object(&location.bucket, &location.key, version_id.as_deref()).await?,
                Err(_) => store.get_version(what, Scope::Workspace, version_id.as_deref()).await?,
            };
            write_new(output, &content.bytes)
        }
        Command::Archive(file) => store_file(&store, file, Scope::Workspace, json).await,
        Command::Publish(file) => store_file(&store, file, Scope::Published, json).await,
        Command::Published => {
            let found = store.list_published(None).await?;
            print(json, &found, || {
                found.iter().map(|e| format!("{}\t{}\t{}", e.path, e.last_modified, e.size)).collect()
            })
        }
        Command::Clone { uri, dir } => {
            let location = keys::parse_s3_uri(uri).map_err(Error::from)?;
            let content = store.get_object(&location.bucket, &location.key, location.version_id.as_deref()).await?;
            let name = Path::new(&location.key).file_name().map(PathBuf::from).unwrap_or_else(|| "clone.ipynb".into());
            let created = write_beside(dir, &name, &content.bytes)?;
            print(json, &created, || vec![created.display().to_string()])
        }
        Command::Credentials { role_arn, session_name, whole_role } => {
            let session_name = Some(session_name.as_str()).filter(|name| !name.is_empty());
            let policy = (!whole_role).then(|| store.prefix_policy());
            let credentials = store.assume_role(role_arn, session_name, policy.as_deref()).await?;
            println!(
                "{}",
                serde_json::to_string(&credentials.process_json()).map_err(|e| Failure::Local(e.to_string()))?
            );
            Ok(())
        }
        Command::Diff(_) => unreachable!("handled above"),
        Command::Check => {
            let report = store.check_bucket().await;
            print(json, &report, || check_lines(&report))?;
            match report.problems.into_iter().next() {
                Some(problem) => Err(Failure::Bookstore(problem.0)),
                None => Ok(()),
            }
        }
    }
}

/// The bucket check for a person: what was found, then each problem with what to do.
fn check_lines(report: &BucketReport) -> Vec<String> {
    let yes_no = |ok: bool| if ok { "yes" } else { "no" };
    let versioning = report.versioning.map_or("unknown".to_owned(), |v| format!("{v:?}"));
    let mut lines = vec![
        format!("bucket\t{}", report.bucket),
        format!("reachable\t{}", yes_no(report.reachable)),
        format!("credentials accepted\t{} ({})", yes_no(report.credentials_accepted), report.credential_source),
        format!("identity\t{}", report.identity.as_deref().unwrap_or("unknown (STS did not say)")),
        format!("versioning\t{versioning}"),
    ];
    if let Some(expires) = report.credentials_expire {
        let when = std::time::UNIX_EPOCH + std::time::Duration::from_millis(expires);
        lines.insert(3, format!("credentials expire\t{}", humantime::format_rfc3339_seconds(when)));
    }
    match &report.lifecycle {
        None => lines.push("lifecycle\tunknown (could not be read)".to_owned()),
        Some(rules) if rules.is_empty() => lines.push("lifecycle\tnone: every version is kept".to_owned()),
        Some(rules) => lines.extend(rules.iter().map(|rule| format!("lifecycle\t{}", rule_text(rule)))),
    }
    lines.extend(report.problems.iter().map(|p| format!("problem\t{}", p.message())));
    lines
}

/// A version as `versions` prints it: with its name, when it has one.
#[derive(Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    version: &'a VersionEntry,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
}

/// A lifecycle rule in a few words: "auto-expire: noncurrent versions under workspace/ tagged …".
fn rule_text(rule: &LifecycleRule) -> String {
    let mut parts = vec![if rule.id.is_empty() { "(no id)".to_owned() } else { rule.id.clone() }];
    if !rule.enabled {
        parts.push("disabled".to_owned());
    }
    parts.push(format!("under {:?}", rule.prefix));
    if !rule.tags.is_empty() {
        parts.push(format!("tagged {}", rule.tags.join(" and ")));
    }
    if let Some(days) = rule.noncurrent_days {
        parts.push(format!("noncurrent versions expire after {days} days"));
    }
    if let Some(days) = rule.expiration_days {
        parts.push(format!("current versions expire after {days} days"));
    }
    parts.join(", ")
}

fn version_line(listed: &Listed) -> String {
    let v = listed.version;
    let name = listed.name.map(|name| format!("\t\"{name}\"")).unwrap_or_default();
    let mark = if v.is_delete_marker {
        "\tdeleted"
    } else if v.is_latest {
        "\tlatest"
    } else {
        ""
    };
    format!("{}\t{}\t{}{mark}{name}", v.version_id, v.last_modified, v.size)
}

/// Prints `value` as JSON, or the lines for a person.
fn print<T: Serialize>(json: bool, value: &T, lines: impl FnOnce() -> Vec<String>) -> Outcome {
    let text = if json {
        serde_json::to_string_pretty(value).map_err(|e| Failure::Local(e.to_string()))?
    } else {
        lines().join("\n")
    };
    if !text.is_empty() {
        println!("{text}");
    }
    Ok(())
}

async fn store_file(store: &Bookstore, args: &Store, scope: Scope, json: bool) -> Outcome {
    let stdin = args.file.as_os_str() == "-";
    let path = match (&args.path, stdin) {
        (Some(path), _) => path.clone(),
        (None, false) => args.file.to_string_lossy().trim_start_matches("./").to_owned(),
        (None, true) => return Err(Failure::Local("Reading from standard input needs --as PATH.".into())),
    };
    let bytes = if stdin {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map_err(|e| local(&args.file, e))?;
        bytes
    } else {
        std::fs::read(&args.file).map_err(|e| local(&args.file, e))?
    };
    let stored = match scope {
        Scope::Workspace => store.archive(&path, bytes).await?,
        Scope::Published => store.publish(&path, bytes).await?,
    };
    let unchanged = if stored.unchanged { "\tunchanged" } else { "" };
    print(json, &stored, || vec![format!("{}\t{}{unchanged}", stored.key, stored.version_id)])
}

fn local(file: &Path, error: std::io::Error) -> Failure {
    Failure::Local(format!("Could not read {}: {error}.", file.display()))
}

/// Writes `bytes` to a new file `output` (never over an existing one), or to standard output for `-`.
fn write_new(output: &Path, bytes: &[u8]) -> Outcome {
    if output.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        return out.write_all(bytes).and_then(|()| out.flush()).map_err(|e| Failure::Local(e.to_string()));
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(output).map_err(|e| {
        Failure::Local(format!("Could not create {}: {e}. Choose a file that does not exist yet.", output.display()))
    })?;
    file.write_all(bytes).map_err(|e| Failure::Local(format!("Could not write {}: {e}.", output.display())))
}

/// Writes `bytes` to `dir/name`, or to `name-1`, `name-2`... when taken: a clone never overwrites.
fn write_beside(dir: &Path, name: &Path, bytes: &[u8]) -> Result<PathBuf, Failure> {
    let stem = name.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let extension = name.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    for n in 0..1000 {
        let candidate = if n == 0 { dir.join(name) } else { dir.join(format!("{stem}-{n}{extension}")) };
        match write_new(&candidate, bytes) {
            Ok(()) => return Ok(candidate),
            Err(_) if candidate.exists() => continue,
            Err(failure) => return Err(failure),
        }
    }
    Err(Failure::Local(format!("{} holds 1,000 clones of {}: clone elsewhere.", dir.display(), name.display())))
}
