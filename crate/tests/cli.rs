//! The `bookstore` command against a real S3 server (moto or Ceph RGW, started by `tests/run`): what a
//! user types in a terminal or a scheduler runs, and what S3 then holds.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

use bookstore::{Bookstore, Scope, Settings};

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run these tests through `tests/run`"))
}

/// A fresh workspace prefix and scratch folder per test, and the server's settings as the environment
/// a user would set.
struct Run {
    prefix: String,
    dir: PathBuf,
    vars: Vec<(&'static str, String)>,
}

impl Run {
    fn new() -> Self {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let unique = format!("cli-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        let millis = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis();
        let prefix = format!("{unique}-{millis}/workspace");
        let dir = std::env::temp_dir().join(format!("bookstore-{unique}-{millis}"));
        std::fs::create_dir_all(&dir).unwrap();
        let vars = vec![
            ("AWS_ENDPOINT_URL", env("BOOKSTORE_TEST_ENDPOINT")),
            ("BOOKSTORE_BUCKET", env("BOOKSTORE_TEST_BUCKET")),
            ("BOOKSTORE_PATH_STYLE", "true".into()),
            ("BOOKSTORE_WORKSPACE_PREFIX", prefix.clone()),
            ("AWS_ACCESS_KEY_ID", env("BOOKSTORE_TEST_ACCESS_KEY_ID")),
            ("AWS_SECRET_ACCESS_KEY", env("BOOKSTORE_TEST_SECRET_ACCESS_KEY")),
        ];
        Self { prefix, dir, vars }
    }

    fn without(mut self, name: &str) -> Self {
        self.vars.retain(|(n, _)| *n != name);
        self
    }

    fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.vars.retain(|(n, _)| *n != name);
        self.vars.push((name, value.into()));
        self
    }

    /// Runs `bookstore args...` in the scratch folder, with `stdin`; no secret may appear in its output.
    fn run(&self, args: &[&str], stdin: &[u8]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_bookstore"));
        command.args(args).current_dir(&self.dir).env_clear().env("HOME", &self.dir);
        command.envs(self.vars.iter().map(|(n, v)| (n, v)));
        let mut child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        child.stdin.take().unwrap().write_all(stdin).unwrap();
        let output = child.wait_with_output().unwrap();
        let secret = env("BOOKSTORE_TEST_SECRET_ACCESS_KEY");
        for (name, stream) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
            assert!(!String::from_utf8_lossy(stream).contains(&secret), "the secret in {name} of {args:?}");
        }
        output
    }

    /// Runs `bookstore args...` with a terminal (script(1) gives it one) and returns what the terminal
    /// showed: standard output and error together.
    fn on_terminal(&self, args: &[&str]) -> String {
        let line = std::iter::once(env!("CARGO_BIN_EXE_bookstore")).chain(args.iter().copied()).collect::<Vec<_>>();
        let mut command = Command::new("script");
        command.args(["-qec", &line.join(" "), "/dev/null"]).current_dir(&self.dir).env_clear();
        command.env("HOME", &self.dir).env("PATH", "/usr/bin:/bin").envs(self.vars.iter().map(|(n, v)| (n, v)));
        let output = command.output().unwrap();
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stdout));
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Runs it and expects success; returns its standard output.
    fn ok(&self, args: &[&str], stdin: &[u8]) -> Vec<u8> {
        let output = self.run(args, stdin);
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        output.stdout
    }
}

fn notebook(marker: &str) -> Vec<u8> {
    format!(r#"{{"cells":[{{"cell_type":"markdown","metadata":{{}},"source":["{marker}"]}}],"metadata":{{}},"nbformat":4,"nbformat_minor":5}}"#).into_bytes()
}

fn json(stdout: &[u8]) -> serde_json::Value {
    serde_json::from_slice(stdout).unwrap()
}

#[test]
fn archive_versions_get_and_clone_as_a_user_would() {
    let run = Run::new();
    let path = "dir/ü x#+%.ipynb";
    std::fs::write(run.dir.join("local.ipynb"), notebook("one")).unwrap();
    let first = json(&run.ok(&["--json", "archive", "local.ipynb", "--as", path], b""));
    std::fs::write(run.dir.join("local.ipynb"), notebook("two")).unwrap();
    run.ok(&["archive", "local.ipynb", "--as", path], b"");
    let again = String::from_utf8(run.ok(&["archive", "local.ipynb", "--as", path], b"")).unwrap();
    assert!(again.trim_end().ends_with("unchanged"), "{again}");

    let versions = json(&run.ok(&["--json", "versions", path], b""));
    let versions = versions.as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[1]["versionId"], first["versionId"]);
    let old = first["versionId"].as_str().unwrap();
    assert_eq!(run.ok(&["get", path, "--version", old], b""), notebook("one"));
    assert_eq!(run.ok(&["get", path, "-o", "-"], b""), notebook("two"));

    // Pipes: a notebook from standard input, read back on standard output.
    run.ok(&["archive", "-", "--as", "piped.ipynb"], &notebook("piped"));
    assert_eq!(run.ok(&["get", "piped.ipynb"], b""), notebook("piped"));

    // A clone never overwrites: twice gives two files, each named on standard output.
    let uri = format!("s3://{}/{}/{path}?versionId={old}", env("BOOKSTORE_TEST_BUCKET"), run.prefix);
    let names: Vec<String> =
        (0..2).map(|_| String::from_utf8(run.ok(&["clone", &uri, "."], b"")).unwrap().trim().to_owned()).collect();
    assert_ne!(names[0], names[1]);
    for name in &names {
        assert_eq!(std::fs::read(run.dir.join(name)).unwrap(), notebook("one"), "{name}");
    }
    // The bucket check says what it found, lifecycle rules included.
    let check = String::from_utf8(run.ok(&["check"], b"")).unwrap();
    assert!(check.contains("versioning\tEnabled") && check.contains("credentials accepted\tyes"), "{check}");
    assert!(check.contains("lifecycle\tnone: every version is kept"), "{check}");
    // A version named from the command line shows its name in the list, for people and for scripts.
    run.ok(&["name", path, old, "sent to reviewers"], b"");
    let listed = String::from_utf8(run.ok(&["versions", path], b"")).unwrap();
    let line = listed.lines().find(|line| line.starts_with(old)).unwrap();
    assert!(line.ends_with("\t\"sent to reviewers\""), "{listed}");
    let versions = json(&run.ok(&["--json", "versions", path], b""));
    assert_eq!(versions[1]["name"], "sent to reviewers");
    assert_eq!(versions[0].get("name"), None);
    // Nor does get: an existing file is refused and kept.
    let refused = run.run(&["get", path, "-o", "local.ipynb"], b"");
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(std::fs::read(run.dir.join("local.ipynb")).unwrap(), notebook("two"));
}

fn code_notebook(source: &str) -> Vec<u8> {
    let cell = serde_json::json!({"cell_type": "code", "id": "c1", "metadata": {}, "execution_count": 1,
        "outputs": [], "source": source.split_inclusive('\n').collect::<Vec<_>>()});
    serde_json::json!({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).to_string().into_bytes()
}

#[test]
fn diff_compares_two_versions_a_version_and_a_file_or_two_files() {
    let run = Run::new();
    let path = "reports/sales.ipynb";
    std::fs::write(run.dir.join("sales.ipynb"), code_notebook("total = 1\nprint(total)\n")).unwrap();
    let first = json(&run.ok(&["--json", "archive", "sales.ipynb", "--as", path], b""));
    std::fs::write(run.dir.join("sales.ipynb"), code_notebook("total = 2\nprint(total)\n")).unwrap();
    let second = json(&run.ok(&["--json", "archive", "sales.ipynb", "--as", path], b""));
    let at = |stored: &serde_json::Value| format!("{path}@{}", stored["versionId"].as_str().unwrap());

    let text = String::from_utf8(run.ok(&["diff", &at(&first), &at(&second)], b"")).unwrap();
    assert_eq!(text, "cell 1 (code) changed\n  - total = 1\n  + total = 2\n");
    // The same change in nbdime's format: line 0 of cell 0's source, patched inside the line.
    let diff = json(&run.ok(&["--json", "diff", &at(&first), "sales.ipynb"], b""));
    assert_eq!(diff[0]["key"], "cells");
    assert_eq!(diff[0]["diff"][0]["diff"][0]["key"], "source");
    assert_eq!(diff[0]["diff"][0]["diff"][0]["diff"][0]["key"], 0);
    let same = String::from_utf8(run.ok(&["diff", &at(&second), "sales.ipynb"], b"")).unwrap();
    assert_eq!(same, "no differences\n");
    // Not a notebook: bad input, said so.
    std::fs::write(run.dir.join("notes.txt"), "hello").unwrap();
    let refused = run.run(&["diff", "notes.txt", "sales.ipynb"], b"");
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not a notebook"), "{refused:?}");
}

#[test]
fn failures_are_one_line_with_their_exit_code() {
    let run = Run::new();
    run.ok(&["archive", "-", "--as", "a.ipynb"], &notebook("a"));
    let cases: [(&Run, &[&str], i32); 5] = [
        (&Run::new().with("AWS_SECRET_ACCESS_KEY", "wrong-SECRET-value-123"), &["versions", "a.ipynb"], 4),
        (&Run::new().with("BOOKSTORE_BUCKET", "no-such-bucket-for-bookstore"), &["versions", "a.ipynb"], 3),
        (&Run::new(), &["get", "never-saved.ipynb"], 3),
        (&run, &["get", "a.ipynb", "--version", "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"], 3),
        (&Run::new(), &["versions", "../escape.ipynb"], 2),
    ];
    for (run, args, code) in cases {
        let output = run.run(args, b"");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(code), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("bookstore: "), "{stderr}");
        assert!(!stderr.contains("wrong-SECRET-value-123"), "{stderr}");
    }
    // With --json, the error carries the code the browser's BookstoreError has.
    let wrong = Run::new().with("AWS_SECRET_ACCESS_KEY", "wrong-SECRET-value-123");
    let output = wrong.run(&["--json", "versions", "a.ipynb"], b"");
    assert_eq!(json(&output.stderr)["code"], "CredentialsRefused");
}

/// A big transfer draws a progress bar on a terminal; piped, the command prints only what was asked.
#[test]
fn big_transfers_show_progress_on_a_terminal_only() {
    let run = Run::new();
    let big = notebook(&"x".repeat(6 << 20));
    let megabytes = format!("/ {:.1} MB", big.len() as f64 / 1e6);
    std::fs::write(run.dir.join("big.ipynb"), &big).unwrap();
    let piped = run.run(&["archive", "big.ipynb"], b"");
    assert!(piped.status.success() && piped.stderr.is_empty(), "{}", String::from_utf8_lossy(&piped.stderr));
    let down = run.on_terminal(&["get", "big.ipynb", "-o", "copy.ipynb"]);
    assert!(down.contains("down [") && down.contains(&megabytes), "{down}");
    assert_eq!(std::fs::read(run.dir.join("copy.ipynb")).unwrap(), big);
    std::fs::write(run.dir.join("big.ipynb"), notebook(&"y".repeat(6 << 20))).unwrap();
    let up = run.on_terminal(&["archive", "big.ipynb"]);
    assert!(up.contains("up [") && up.contains(&megabytes), "{up}");
    // Small transfers draw nothing.
    assert!(!run.on_terminal(&["versions", "big.ipynb"]).contains(" MB"));
}

#[test]
fn credentials_come_from_a_profile_of_the_shared_credentials_file() {
    let run = Run::new().without("AWS_ACCESS_KEY_ID").without("AWS_SECRET_ACCESS_KEY");
    let file = run.dir.join("credentials");
    let (key, secret) = (env("BOOKSTORE_TEST_ACCESS_KEY_ID"), env("BOOKSTORE_TEST_SECRET_ACCESS_KEY"));
    std::fs::write(&file, format!("[default]\naws_access_key_id = nobody\naws_secret_access_key = nothing\n\n[tests]\naws_access_key_id = {key}\naws_secret_access_key = {secret}\n")).unwrap();
    let run = run.with("AWS_SHARED_CREDENTIALS_FILE", file.to_string_lossy()).with("AWS_PROFILE", "tests");
    run.ok(&["archive", "-", "--as", "profile.ipynb"], &notebook("profile"));
    assert_eq!(run.ok(&["get", "profile.ipynb"], b""), notebook("profile"));
}

/// A Kubernetes pod's credentials: a role and a web-identity token file, exchanged at STS (moto's, which
/// does not check the token; RGW here has no OIDC provider to check one against).
#[test]
fn credentials_come_from_a_web_identity_token_file() {
    let Ok(role) = std::env::var("BOOKSTORE_TEST_WEB_ROLE_ARN") else {
        return eprintln!("skipped: this server has no web-identity role (moto has one)");
    };
    let run = Run::new().without("AWS_ACCESS_KEY_ID").without("AWS_SECRET_ACCESS_KEY");
    // The role may write under workspace/ only.
    let prefix = format!("workspace/{}", run.prefix.replace('/', "-"));
    let token = run.dir.join("token");
    std::fs::write(&token, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJl\n").unwrap();
    let run = run
        .with("BOOKSTORE_WORKSPACE_PREFIX", prefix)
        .with("AWS_ROLE_ARN", role)
        .with("AWS_WEB_IDENTITY_TOKEN_FILE", token.to_string_lossy());
    let report = json(&run.ok(&["--json", "check"], b""));
    assert_eq!(report["credentialSource"], "web-identity");
    assert!(report["identity"].as_str().unwrap().contains(":assumed-role/bookstore-web/bookstore"), "{report}");
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as u64;
    assert!(report["credentialsExpire"].as_u64().unwrap() > now + 50 * 60_000, "{report}");
    run.ok(&["archive", "-", "--as", "pod.ipynb"], &notebook("pod"));
    assert_eq!(run.ok(&["get", "pod.ipynb"], b""), notebook("pod"));
    // An empty token file: refused, with what to do.
    std::fs::write(&token, "").unwrap();
    let output = run.run(&["versions", "pod.ipynb"], b"");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains("Could not get a web identity token from") && stderr.contains("empty"), "{stderr}");
}

/// What the Jupyter server's credentials endpoint runs: with its own keys (alice's, on RGW with STS) it
/// assumes the role every user shares, narrowed by a session policy to this user's prefixes.
#[test]
fn credentials_of_a_shared_role_are_narrowed_to_the_users_prefixes() {
    let Ok(role) = std::env::var("BOOKSTORE_TEST_STS_SHARED_ROLE_ARN") else {
        return eprintln!("skipped: this server has no STS roles (RGW has)");
    };
    let server = Run::new()
        .with("AWS_ACCESS_KEY_ID", env("BOOKSTORE_TEST_STS_ACCESS_KEY_ID"))
        .with("AWS_SECRET_ACCESS_KEY", env("BOOKSTORE_TEST_STS_SECRET_ACCESS_KEY"))
        .with("BOOKSTORE_WORKSPACE_PREFIX", "workspace/{user}")
        .with("BOOKSTORE_PUBLISHED_PREFIX", "published/{user}")
        .with("BOOKSTORE_USER", "alice");
    let vended = |extra: &[&str]| {
        let credentials = json(&server.ok(&[&["credentials", "--role-arn", &role], extra].concat(), b""));
        assert_eq!(credentials["Version"], 1);
        let unique = server.prefix.replace('/', "-");
        let user = |name: &str| {
            Run::new()
                .with("AWS_ACCESS_KEY_ID", credentials["AccessKeyId"].as_str().unwrap())
                .with("AWS_SECRET_ACCESS_KEY", credentials["SecretAccessKey"].as_str().unwrap())
                .with("AWS_SESSION_TOKEN", credentials["SessionToken"].as_str().unwrap())
                .with("BOOKSTORE_WORKSPACE_PREFIX", format!("workspace/{name}/{unique}"))
        };
        (user("alice"), user("bob"))
    };
    let (alice, bob) = vended(&[]);
    alice.ok(&["archive", "-", "--as", "mine.ipynb"], &notebook("mine"));
    assert_eq!(alice.ok(&["get", "mine.ipynb"], b""), notebook("mine"));
    let output = bob.run(&["archive", "-", "--as", "theirs.ipynb"], &notebook("theirs"));
    assert_eq!(output.status.code(), Some(4), "{}", String::from_utf8_lossy(&output.stderr));
    // The role itself reaches every user's prefix: the refusal came from the session policy.
    let (_, bob) = vended(&["--whole-role"]);
    bob.ok(&["archive", "-", "--as", "theirs.ipynb"], &notebook("theirs"));
}

#[tokio::test]
async fn two_thousand_five_hundred_versions_are_listed_newest_first() {
    let run = Run::new();
    let settings = Settings {
        endpoint: env("BOOKSTORE_TEST_ENDPOINT"),
        bucket: env("BOOKSTORE_TEST_BUCKET"),
        path_style: true,
        access_key_id: env("BOOKSTORE_TEST_ACCESS_KEY_ID"),
        secret_access_key: env("BOOKSTORE_TEST_SECRET_ACCESS_KEY"),
        workspace_prefix: run.prefix.clone(),
        ..Default::default()
    };
    let store = Bookstore::new(&settings).unwrap();
    let mut stored = Vec::new();
    for n in 0..2500 {
        stored.push(store.archive("many.ipynb", notebook(&n.to_string())).await.unwrap().version_id);
    }
    assert_eq!(store.list_versions("many.ipynb", Scope::Workspace).await.unwrap().versions.len(), 2500);
    let listed = json(&run.ok(&["--json", "versions", "many.ipynb"], b""));
    let listed: Vec<&str> = listed.as_array().unwrap().iter().map(|v| v["versionId"].as_str().unwrap()).collect();
    stored.reverse();
    assert_eq!(listed, stored);
}
