//! `mtlint check`: lint documents and print findings.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, ValueEnum};

use super::{ColorChoice, RuleArgs};
use mtlint::document::{expand_paths, Document};
use mtlint::engine::{LintOptions, Linter, Selection};
use mtlint::output::{json, pretty, short, FileResult, Summary};

/// Output format of `check`.
#[derive(Clone, Copy, Debug, ValueEnum, Default, PartialEq, Eq)]
pub enum Format {
    /// Graphical reports with the text around each finding.
    #[default]
    Pretty,
    /// One line per finding: `path:line:col: severity[rule] message (suggestion)`.
    Short,
    /// One JSON document (see the README for the shape).
    Json,
}

/// Arguments of `mtlint check`.
#[derive(Args)]
pub struct CheckArgs {
    /// Files, directories or `-` for stdin (default: the current directory).
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    #[command(flatten)]
    rules: RuleArgs,
    /// Only run these rules, packs or categories (comma-separated, repeatable).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Skip these rules, packs or categories (comma-separated, repeatable).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Report only findings with at least this confidence (0–1).
    #[arg(long, default_value_t = 0.0, value_parser = parse_confidence)]
    min_confidence: f32,
    /// Lint as this language (ISO 639-1) instead of detecting it.
    #[arg(long)]
    language: Option<String>,
    /// When to use colours (NO_COLOR is respected by `auto`).
    #[arg(long, value_enum, default_value_t)]
    color: ColorChoice,
}

fn parse_confidence(s: &str) -> Result<f32, String> {
    let v: f32 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is outside 0..1"))
    }
}

/// Runs `check`.
pub fn run(args: CheckArgs) -> io::Result<ExitCode> {
    let started = Instant::now();
    let (rules, _) = match args.rules.load() {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let selection = Selection {
        select: args.select,
        ignore: args.ignore,
    };
    let unknown = selection.unknown_keys(&rules);
    if !unknown.is_empty() {
        eprintln!(
            "error: --select/--ignore name no rule, pack or category: {}",
            unknown.join(", ")
        );
        return Ok(ExitCode::from(2));
    }
    let options = LintOptions {
        selection,
        min_confidence: args.min_confidence,
        language: args.language,
        ..LintOptions::default()
    };
    let linter = match Linter::new(rules, options) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let mut results = Vec::new();
    let mut errors = 0;
    for path in expand_paths(&paths) {
        match Document::read(&path) {
            Ok(document) => {
                let report = linter.lint(&document);
                results.push(FileResult { document, report });
            }
            Err(e) => {
                eprintln!("error: {e}");
                errors += 1;
            }
        }
    }
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Pretty => {
            let opts = pretty::PrettyOptions {
                color: args.color.enabled(),
                width: 100,
            };
            pretty::render(&mut out, &results, &opts)?;
            let summary = Summary::of(&results, errors);
            writeln!(out, "{}", summary.render(Some(started.elapsed())))?;
            for r in &results {
                if r.report.language_source == mtlint::engine::LanguageSource::Assumed
                    && !r.document.text.trim().is_empty()
                {
                    writeln!(
                        out,
                        "note: {}: language could not be detected reliably; assumed `{}`",
                        r.document.path, r.report.language
                    )?;
                }
            }
        }
        Format::Short => short::render(&mut out, &results)?,
        Format::Json => json::render(&mut out, &results)?,
    }
    out.flush()?;
    let found = results.iter().any(|r| !r.report.findings.is_empty());
    Ok(if errors > 0 {
        ExitCode::from(2)
    } else if found {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
