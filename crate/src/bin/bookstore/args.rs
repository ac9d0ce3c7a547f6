//! What `bookstore` can be asked: the subcommands, their arguments, and the settings as flags or
//! environment variables (the names and defaults of the extension's settings).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const AFTER_HELP: &str = "\
Credentials, in this order: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN); the
profile AWS_PROFILE (or --profile, or \"default\") of the shared credentials file (AWS_SHARED_CREDENTIALS_FILE,
or ~/.aws/credentials); a web-identity token file with its role (AWS_WEB_IDENTITY_TOKEN_FILE and
AWS_ROLE_ARN, as in a Kubernetes pod; STS at AWS_ENDPOINT_URL_STS if set); a container credentials URL
(AWS_CONTAINER_CREDENTIALS_FULL_URI, with AWS_CONTAINER_AUTHORIZATION_TOKEN). Secrets are never printed,
except the temporary ones `bookstore credentials` is asked for.

Exit codes: 0 done; 1 failed otherwise; 2 bad input (a path, a setting, a local file); 3 not found (a
notebook, a version, the bucket); 4 refused (credentials, access); 5 S3 unreachable or failing.

Examples:
  bookstore versions reports/sales.ipynb
  bookstore get reports/sales.ipynb --version 3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY -o old.ipynb
  bookstore diff reports/sales.ipynb@3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY sales.ipynb --ignore-outputs
  bookstore archive sales.ipynb --as reports/sales.ipynb
  bookstore clone 's3://notebooks/published/reports/sales.ipynb?versionId=3HL4kq' ./copies";

/// Every version of your notebooks on S3, from a terminal or a scheduler.
#[derive(Parser)]
#[command(name = "bookstore", version, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub settings: SettingsArgs,
    /// Print results, and errors, as JSON (errors carry the codes of the extension's BookstoreError).
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Subcommand)]
pub enum Command {
    /// The versions of a notebook, newest first.
    Versions {
        /// The notebook's path (relative to the workspace prefix).
        path: String,
        /// The published versions instead of the workspace's.
        #[arg(long)]
        published: bool,
    },
    /// Names a version of a notebook ("sent to reviewers"); an empty name takes its name away.
    Name {
        /// The notebook's path (relative to the workspace prefix).
        path: String,
        /// The version to name.
        #[arg(allow_hyphen_values = true)]
        version_id: String,
        /// The name: a short label.
        name: String,
    },
    /// The bytes of a version, exactly as S3 holds them.
    Get {
        /// A notebook path, or a whole s3://bucket/key.
        what: String,
        /// That version instead of the latest.
        // Ceph RGW's version ids may start with '-'.
        #[arg(long = "version", allow_hyphen_values = true)]
        version_id: Option<String>,
        /// Where to write them: a new file (never overwritten), or - for standard output (the default).
        #[arg(short, long, default_value = "-")]
        output: PathBuf,
    },
    /// Stores a notebook as a new version (none when its content is the latest already).
    Archive(Store),
    /// Publishes a notebook for the organization to find and clone.
    Publish(Store),
    /// The published notebooks.
    Published,
    /// Copies a notebook from S3 into a new local file (never overwrites; prints its name).
    Clone {
        /// s3://bucket/key, optionally with ?versionId=...
        uri: String,
        /// The folder to clone into.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Whether versions can be kept: reachability, credentials (whose), versioning.
    Check,
    /// What changed between two notebooks: cells added, removed or changed, with their source lines;
    /// with --json, the diff in nbdime's format. Each is a file, PATH@VERSION (a version of a workspace
    /// notebook) or s3://bucket/key?versionId=...
    Diff(DiffArgs),
    /// Temporary credentials of a role, printed as a credential_process does (JSON, Version 1): what
    /// the Jupyter server's credentials endpoint hands the browser. Limited to the configured
    /// prefixes (with {user}) by a session policy unless --whole-role.
    Credentials {
        /// The role to assume, with the credentials found as for any command.
        #[arg(long, env = "BOOKSTORE_ROLE_ARN")]
        role_arn: String,
        /// Names the session (default: bookstore-USER).
        #[arg(long, default_value = "")]
        session_name: String,
        /// Do not narrow the role to the prefixes (when the role is one user's already).
        #[arg(long)]
        whole_role: bool,
    },
}

#[derive(Args)]
pub struct Store {
    /// The notebook file, or - for standard input (then --as is needed).
    pub file: PathBuf,
    /// The notebook's path in the bucket (default: the file's path as given).
    #[arg(long = "as")]
    pub path: Option<String>,
}

#[derive(Args)]
pub struct DiffArgs {
    /// The first notebook (the older, usually).
    pub first: String,
    /// The second notebook.
    pub second: String,
    /// Leave outputs out.
    #[arg(long)]
    pub ignore_outputs: bool,
    /// Leave the notebook's, cells' and outputs' metadata out.
    #[arg(long)]
    pub ignore_metadata: bool,
    /// Leave execution counts out.
    #[arg(long)]
    pub ignore_execution_counts: bool,
}

#[derive(Args)]
pub struct SettingsArgs {
    /// S3 endpoint URL; empty for AWS.
    #[arg(long, env = "AWS_ENDPOINT_URL", global = true, default_value = "")]
    pub endpoint: String,
    /// Region used for signing.
    #[arg(long, env = "AWS_REGION", global = true, default_value = "")]
    pub region: String,
    /// The bucket that holds the versions.
    #[arg(long, env = "BOOKSTORE_BUCKET", global = true, default_value = "")]
    pub bucket: String,
    /// Path-style addressing (endpoint/bucket/key), needed by most servers other than AWS.
    #[arg(long, env = "BOOKSTORE_PATH_STYLE", global = true)]
    pub path_style: bool,
    /// Tag stored versions for the lifecycle rule of the README (`bookstore-retention=auto`, or `named`).
    #[arg(long, env = "BOOKSTORE_TAG_VERSIONS", global = true)]
    pub tag_versions: bool,
    /// Folder of the bucket where versions are archived; may contain {user}.
    #[arg(long, env = "BOOKSTORE_WORKSPACE_PREFIX", global = true, default_value = "workspace")]
    pub workspace_prefix: String,
    /// Folder of the bucket where published notebooks go; may contain {user}.
    #[arg(long, env = "BOOKSTORE_PUBLISHED_PREFIX", global = true, default_value = "published")]
    pub published_prefix: String,
    /// Replaces {user} in the prefixes.
    #[arg(long, env = "BOOKSTORE_USER", global = true, default_value = "")]
    pub user: String,
    /// The profile of the shared credentials file.
    #[arg(long, env = "AWS_PROFILE", global = true, default_value = "default")]
    pub profile: String,
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::{Cli, Command};

    #[test]
    fn a_version_id_may_start_with_a_hyphen() {
        let cli = Cli::try_parse_from(["bookstore", "get", "a.ipynb", "--version", "-i4bQIzXuLaH4-2"]).unwrap();
        let Command::Get { version_id, .. } = cli.command else { panic!("not get") };
        assert_eq!(version_id.as_deref(), Some("-i4bQIzXuLaH4-2"));
    }
}
