//! `bookstore`: the notebook versions of a Bookstore bucket from a terminal or a scheduler, through the
//! same crate as the browser extension (keys, signing, retries and errors written once).
//!
//! `args` says what can be asked, `settings` where the bucket and the credentials come from, `commands`
//! what each subcommand does (`diff` the diff of two notebooks), `progress` the bar of big transfers; here only the run and the exit codes.

mod args;
mod commands;
mod diff;
mod progress;
mod settings;

use std::process::ExitCode;

use bookstore::ErrorCode;
use clap::Parser;

use args::Cli;
use commands::Failure;

/// Exit codes, as `bookstore --help` documents them.
mod exit {
    pub const FAILED: u8 = 1;
    pub const BAD_INPUT: u8 = 2;
    pub const NOT_FOUND: u8 = 3;
    pub const REFUSED: u8 = 4;
    pub const UNREACHABLE: u8 = 5;
}

fn exit_code(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::InvalidConfig | ErrorCode::InvalidPath => exit::BAD_INPUT,
        ErrorCode::NoSuchKey | ErrorCode::NoSuchVersion | ErrorCode::NoSuchBucket => exit::NOT_FOUND,
        ErrorCode::CredentialsRefused | ErrorCode::CredentialsUnavailable | ErrorCode::AccessDenied => exit::REFUSED,
        ErrorCode::Network | ErrorCode::Throttled | ErrorCode::ServerError => exit::UNREACHABLE,
        _ => exit::FAILED,
    }
}

/// The exit code, the code `--json` names (the browser's `BookstoreError` codes, or `BadInput` for a
/// local file or an argument) and the sentence that says what to do.
fn describe(failure: &Failure) -> (u8, &'static str, String) {
    match failure {
        Failure::Bookstore(error) => (exit_code(error.code()), error.code().as_str(), error.message()),
        Failure::Local(message) => (exit::BAD_INPUT, "BadInput", message.clone()),
    }
}

/// One line on stderr (with `--json`, the code and the sentence as JSON); the crate's messages never
/// hold a secret, and neither do the local ones.
fn report(failure: &Failure, json: bool) -> u8 {
    let (exit, code, message) = describe(failure);
    if json {
        eprintln!("{}", serde_json::json!({ "code": code, "message": message }));
    } else {
        eprintln!("bookstore: {message}");
    }
    exit
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a Tokio runtime");
    match runtime.block_on(commands::run(&cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => ExitCode::from(report(&failure, cli.json)),
    }
}
