//! `bookstore diff A B`: what changed between two notebooks, each a local file, a version of a
//! workspace notebook (`PATH@VERSION`) or an S3 object (`s3://bucket/key?versionId=...`). The diff is
//! the crate's (`bookstore-diff`, as in the browser); `--json` prints it in nbdime's diff format.

use bookstore::{keys, Scope};
use bookstore_diff::{diff_notebooks, parse, summarize, to_json, CellChange, CellStatus, Options, Summary};

use crate::args::{Cli, DiffArgs};
use crate::commands::{store, Failure};

/// Where one side of the diff comes from.
enum Side<'a> {
    File(&'a str),
    Version { path: &'a str, version_id: &'a str },
    Object(&'a str),
}

fn side(what: &str) -> Side<'_> {
    if what.starts_with("s3://") {
        return Side::Object(what);
    }
    match what.rsplit_once('@') {
        Some((path, version_id))
            if !path.is_empty() && !version_id.is_empty() && !std::path::Path::new(what).exists() =>
        {
            Side::Version { path, version_id }
        }
        _ => Side::File(what),
    }
}

async fn read(cli: &Cli, what: &str) -> Result<String, Failure> {
    let bytes = match side(what) {
        Side::File(path) => std::fs::read(path).map_err(|e| {
            Failure::Local(format!(
                "Could not read {path}: {e}. Give a file, PATH@VERSION or s3://bucket/key?versionId=…"
            ))
        })?,
        Side::Version { path, version_id } => {
            store(cli)?.get_version(path, Scope::Workspace, Some(version_id)).await?.bytes.to_vec()
        }
        Side::Object(uri) => {
            let location = keys::parse_s3_uri(uri).map_err(bookstore::Error::from)?;
            let version = location.version_id.as_deref();
            store(cli)?.get_object(&location.bucket, &location.key, version).await?.bytes.to_vec()
        }
    };
    String::from_utf8(bytes).map_err(|_| Failure::Local(format!("{what} is not text: compare notebooks (.ipynb).")))
}

pub async fn run(cli: &Cli, args: &DiffArgs) -> Result<(), Failure> {
    let (a, b) = (read(cli, &args.first).await?, read(cli, &args.second).await?);
    let invalid = |e: bookstore_diff::DiffError| Failure::Local(e.to_string());
    let (a, b) = (parse(&a, "first").map_err(invalid)?, parse(&b, "second").map_err(invalid)?);
    let options = Options {
        ignore_outputs: args.ignore_outputs,
        ignore_metadata: args.ignore_metadata,
        ignore_execution_counts: args.ignore_execution_counts,
    };
    let diff = diff_notebooks(&a, &b, options);
    if cli.json {
        println!("{}", to_json(&diff));
    } else {
        println!("{}", lines(&summarize(&a, &diff)).join("\n"));
    }
    Ok(())
}

/// The summary for a person, one cell after another, like a unified diff of the sources.
fn lines(summary: &Summary) -> Vec<String> {
    let mut lines: Vec<String> = summary.changed().flat_map(cell_lines).collect();
    if !summary.metadata.is_empty() {
        lines.push(format!("notebook metadata changed: {}", summary.metadata.join(", ")));
    }
    if lines.is_empty() {
        lines.push("no differences".to_owned());
    }
    lines
}

fn cell_lines(cell: &CellChange) -> Vec<String> {
    let number = |index: Option<usize>| index.map_or(String::new(), |i| (i + 1).to_string());
    let heading = match cell.status {
        CellStatus::Added => format!("cell {} ({}) added", number(cell.remote), cell.cell_type),
        CellStatus::Removed => format!("cell {} ({}) removed", number(cell.base), cell.cell_type),
        CellStatus::Unchanged => format!("cell {} ({}) unchanged", number(cell.base), cell.cell_type),
        CellStatus::Changed if cell.base == cell.remote => {
            format!("cell {} ({}) changed", number(cell.base), cell.cell_type)
        }
        CellStatus::Changed => {
            format!("cell {} ({}) changed, now cell {}", number(cell.base), cell.cell_type, number(cell.remote))
        }
    };
    let mut lines = vec![heading];
    lines.extend(cell.changed_lines().iter().map(|(tag, text)| format!("  {tag} {text}")));
    let parts =
        [(cell.outputs, "outputs"), (cell.execution_count, "execution count"), (cell.attachments, "attachments")];
    lines.extend(parts.iter().filter(|(changed, _)| *changed).map(|(_, what)| format!("  {what} changed")));
    if !cell.metadata.is_empty() {
        lines.push(format!("  metadata changed: {}", cell.metadata.join(", ")));
    }
    lines
}
