//! Command-line interface: argument parsing and dispatch to subcommands.

mod check;
mod config_cmd;
mod eval;
mod lsp_cmd;
mod rules_cmd;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use mtlint::rules::{embedded_packs, load_dir, load_rule_set, PackError, PackSource, RuleSet};

/// mtlint: find machine-translation artefacts and propose the likely original wording.
#[derive(Parser)]
#[command(name = "mtlint", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files, directories (walked for .txt and .md files) or `-` for stdin.
    Check(check::CheckArgs),
    /// List packs and rules.
    Rules(rules_cmd::RulesArgs),
    /// Explain a rule: description, message, examples and the original it proposes.
    Explain(rules_cmd::ExplainArgs),
    /// Validate rule packs and run every rule's examples.
    CheckRules(RuleArgs),
    /// Print the effective configuration for a path.
    Config(config_cmd::ConfigArgs),
    /// Run the language server on stdin/stdout (for editors).
    Lsp(lsp_cmd::LspArgs),
    /// Lint an annotated corpus and report precision, recall and suggestion accuracy.
    Eval(eval::EvalArgs),
    /// Print a shell completion script (e.g. `mtlint completions bash > ~/.local/share/bash-completion/completions/mtlint`).
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
}

/// Where rules come from.
#[derive(Args, Clone, Default)]
pub struct RuleArgs {
    /// Add rule packs from this directory (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Do not load the built-in packs.
    #[arg(long)]
    pub no_builtin: bool,
}

/// Which rules run and how findings are filtered: shared by `check` and `eval`.
#[derive(Args, Clone, Default)]
pub struct SelectionArgs {
    /// Only run these rules, packs or categories (comma-separated, repeatable).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Skip these rules, packs or categories (comma-separated, repeatable).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Report only findings with at least this confidence (0–1).
    #[arg(long, value_parser = check::parse_confidence)]
    pub min_confidence: Option<f32>,
    /// Lint as this language (ISO 639-1) instead of detecting it (`eval`: instead of the
    /// language each annotation gives).
    #[arg(long)]
    pub language: Option<String>,
}

impl RuleArgs {
    /// Pack sources: built-in ones (unless disabled) then each `--rules` directory.
    pub fn sources(&self) -> Result<Vec<PackSource>, Vec<PackError>> {
        let mut sources = if self.no_builtin {
            Vec::new()
        } else {
            embedded_packs()
        };
        let mut errors = Vec::new();
        for dir in &self.rules {
            match load_dir(dir) {
                Ok(s) => sources.extend(s),
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(sources)
        } else {
            Err(errors)
        }
    }

    /// Loads the rule set, or prints every pack error.
    pub fn load(&self) -> Result<(RuleSet, Vec<PackSource>), ExitCode> {
        let sources = self.sources().map_err(|e| report_pack_errors(&e))?;
        let set = load_rule_set(&sources).map_err(|e| report_pack_errors(&e))?;
        Ok((set, sources))
    }
}

/// When to colour output.
#[derive(Clone, Copy, Debug, ValueEnum, Default)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    #[default]
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour stdout.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && io::stdout().is_terminal()
            }
        }
    }
}

/// Prints pack errors as miette reports on stderr; returns exit code 2.
pub fn report_pack_errors(errors: &[PackError]) -> ExitCode {
    report_located(errors, "rule packs")
}

/// Prints located errors as miette reports on stderr, then a count naming `what`
/// they are in; returns exit code 2.
pub fn report_located<E: miette::Diagnostic>(errors: &[E], what: &str) -> ExitCode {
    let color =
        std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stderr().is_terminal();
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme);
    let mut stderr = io::stderr().lock();
    for e in errors {
        let mut text = String::new();
        if handler.render_report(&mut text, e).is_err() {
            text = e.to_string();
        }
        let _ = writeln!(stderr, "{text}");
    }
    let _ = writeln!(
        stderr,
        "error: {} problem{} in {what}",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    );
    ExitCode::from(2)
}

/// Runs the CLI and returns the process exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules_cmd::list(args),
        Command::Explain(args) => rules_cmd::explain(args),
        Command::CheckRules(args) => rules_cmd::check_rules(args),
        Command::Config(args) => config_cmd::run(args),
        Command::Lsp(args) => Ok(lsp_cmd::run(args)),
        Command::Eval(args) => eval::run(args),
        Command::Completions { shell } => {
            // Generated into memory: clap_complete panics when its writer fails.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "mtlint", &mut script);
            let mut out = io::stdout().lock();
            out.write_all(&script)
                .and_then(|()| out.flush())
                .map(|()| ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        // Output cut short by a closed pipe (`mtlint check | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "error: {e}");
            ExitCode::from(2)
        }
    }
}
