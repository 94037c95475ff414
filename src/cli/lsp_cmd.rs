//! `mtlint lsp`: the language server over stdin and stdout.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::RuleArgs;
use mtlint::plan::CliSettings;

/// Arguments of `mtlint lsp` (editor settings apply on top of these).
#[derive(Args)]
pub struct LspArgs {
    #[command(flatten)]
    rules: RuleArgs,
    /// Use this configuration file for every document instead of searching.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Accepted for clients that pass it; stdio is the only transport.
    #[arg(long, hide = true)]
    stdio: bool,
}

/// Serves until the client sends `exit`; exit code 0 after a `shutdown`, else 1.
pub fn run(args: LspArgs) -> ExitCode {
    let base = CliSettings {
        config: args.config,
        rules: args.rules.rules,
        no_builtin: args.rules.no_builtin,
        ..CliSettings::default()
    };
    // A server lints the same documents again and again: the phrase automaton,
    // faster per byte than the start-up path for short texts, pays off at once.
    if !base.no_builtin {
        mtlint::rules::RuleSet::preload_builtin_phrases();
    }
    let (connection, io_threads) = mtlint::lsp::transport::stdio();
    let clean = mtlint::lsp::run(connection.sender, connection.receiver, base);
    // The sender is dropped with the connection; wait for pending replies to be written.
    let _ = io_threads.join();
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
