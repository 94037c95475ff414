//! `mtlint eval`: lint an annotated corpus and report precision, recall and
//! suggestion quality per document set; exit 1 when a threshold is missed.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{report_located, report_pack_errors, RuleArgs, SelectionArgs};
use mtlint::config::Settings;
use mtlint::engine::Linter;
use mtlint::eval::thresholds::{parse_fraction, parse_rate};
use mtlint::eval::{json, load_corpus, render, show, Evaluation, PivotSource, Thresholds};
use mtlint::plan::{CliSettings, PlanError, Planner};

/// Output format of `eval`.
#[derive(Clone, Copy, Debug, ValueEnum, Default, PartialEq, Eq)]
pub enum Format {
    /// Aligned tables for the terminal.
    #[default]
    Text,
    /// One JSON document (shape documented in `mtlint::eval::json`).
    Json,
    /// Markdown tables, as spliced into the README by `scripts/eval-table.sh`.
    Markdown,
}

/// Where each document's pivot language comes from.
#[derive(Clone, Copy, Debug, ValueEnum, Default, PartialEq, Eq)]
pub enum Pivot {
    /// Inferred from the findings and used to adjust ambiguous false friends, as `check` does.
    #[default]
    Inferred,
    /// The annotation's pivot where it gives one (an upper bound for inference).
    Annotated,
    /// Inferred and reported, but confidences left as the rules give them (the baseline).
    ReportOnly,
}

/// What to list after the tables.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Show {
    /// Gold spans no finding matched.
    Misses,
    /// Findings that matched no gold span (all findings on negative sets).
    FalsePositives,
}

/// Arguments of `mtlint eval`.
#[derive(Args)]
#[command(after_long_help = "\
Each document is a text file with a sidecar YAML annotation listing its artefacts \
(format: corpus/README.md). Documents are linted as the language their annotation gives.

Exit status: 0 when every threshold is met (or none is set), 1 when one is missed, \
2 on errors in annotations, rule packs or arguments.")]
pub struct EvalArgs {
    /// Corpus directories (every *.yaml under them is an annotation) or annotation files.
    #[arg(default_value = "corpus")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Also list misses and/or false positives with their context (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',')]
    show: Vec<Show>,
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    selection: SelectionArgs,
    /// Where each document's pivot language comes from.
    #[arg(long, value_enum, default_value_t)]
    pivot: Pivot,
    /// Exit 1 when overall precision on annotated sets is below this fraction (0–1).
    #[arg(long, value_name = "FRACTION", value_parser = parse_fraction)]
    min_precision: Option<f64>,
    /// Exit 1 when overall recall on annotated sets is below this fraction (0–1).
    #[arg(long, value_name = "FRACTION", value_parser = parse_fraction)]
    min_recall: Option<f64>,
    /// Exit 1 when overall suggestion accuracy (true positives whose top suggestion is
    /// the original) is below this fraction (0–1).
    #[arg(long, value_name = "FRACTION", value_parser = parse_fraction)]
    min_suggestion_accuracy: Option<f64>,
    /// Exit 1 when negative sets have more findings per 1,000 words than this.
    #[arg(long, value_name = "RATE", value_parser = parse_rate)]
    max_fp_per_kword: Option<f64>,
    /// Read thresholds from a YAML file (keys min-precision, min-recall,
    /// min-suggestion-accuracy, max-fp-per-kword, and `sets` for limits on some
    /// sets); flags given too replace the file's overall limits.
    #[arg(long, value_name = "FILE")]
    thresholds: Option<PathBuf>,
}

/// A progress bar appears only on a terminal and once the run has taken this long.
const PROGRESS_AFTER: Duration = Duration::from_secs(1);

/// Runs `eval`.
pub fn run(args: EvalArgs) -> io::Result<ExitCode> {
    let started = Instant::now();
    let flags = Thresholds {
        min_precision: args.min_precision,
        min_recall: args.min_recall,
        min_suggestion_accuracy: args.min_suggestion_accuracy,
        max_fp_per_kword: args.max_fp_per_kword,
        ..Thresholds::default()
    };
    let thresholds = match &args.thresholds {
        Some(path) => match Thresholds::load(path) {
            Ok(t) => t.overridden_by(&flags),
            Err(e) => return Ok(report_located(&[e], "thresholds file")),
        },
        None => flags,
    };
    let linter = match linter(&args) {
        Ok(l) => l,
        Err(PlanError::Yaml(errors)) => return Ok(report_pack_errors(&errors)),
        Err(PlanError::Message(m)) => {
            eprintln!("error: {m}");
            return Ok(ExitCode::from(2));
        }
    };
    let corpus = match load_corpus(&args.paths) {
        Ok(c) => c,
        Err(errors) => return Ok(report_located(&errors, "corpus annotations")),
    };
    let sets: Vec<(&str, bool)> = corpus
        .documents
        .iter()
        .map(|d| (d.set.as_str(), d.negative))
        .collect();
    let errors = thresholds.check_sets(&sets);
    if !errors.is_empty() {
        return Ok(report_located(&errors, "thresholds file"));
    }

    let bar = ProgressBar::with_draw_target(
        Some(corpus.documents.len() as u64),
        ProgressDrawTarget::hidden(),
    );
    if let Ok(style) = ProgressStyle::with_template("evaluating {bar:30} {pos}/{len} {wide_msg}") {
        bar.set_style(style);
    }
    let tty = io::stderr().is_terminal();
    let mut visible = false;
    let pivot = match args.pivot {
        Pivot::Inferred => PivotSource::Inferred,
        Pivot::Annotated => PivotSource::Annotated,
        Pivot::ReportOnly => PivotSource::ReportOnly,
    };
    let (eval, results) = Evaluation::run(&linter, &corpus, pivot, |doc| {
        if tty && !visible && started.elapsed() >= PROGRESS_AFTER {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            visible = true;
        }
        bar.set_message(doc.document.path.clone());
        bar.inc(1);
    });
    bar.finish_and_clear();

    let misses = args
        .show
        .contains(&Show::Misses)
        .then(|| show::misses(&corpus, &results));
    let false_positives = args
        .show
        .contains(&Show::FalsePositives)
        .then(|| show::false_positives(&corpus, &results));
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Json => json::render(
            &mut out,
            &eval,
            misses.as_deref(),
            false_positives.as_deref(),
        )?,
        Format::Text | Format::Markdown => {
            if args.format == Format::Text {
                render::write_text(&mut out, &eval)?;
            } else {
                render::write_markdown(&mut out, &eval)?;
            }
            let fence = args.format == Format::Markdown;
            if let Some(m) = &misses {
                writeln!(out, "{}", if fence { "\n```text" } else { "" })?;
                show::write_misses(&mut out, m)?;
                if fence {
                    writeln!(out, "```")?;
                }
            }
            if let Some(f) = &false_positives {
                writeln!(out, "{}", if fence { "\n```text" } else { "" })?;
                show::write_false_positives(&mut out, f)?;
                if fence {
                    writeln!(out, "```")?;
                }
            }
        }
    }
    out.flush()?;
    drop(out);

    let failures = thresholds.check(&eval);
    for f in &failures {
        eprintln!("threshold failed: {f}");
    }
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Builds the linter as `check` does, from the rule and selection flags only:
/// the corpus measures the rules as shipped, so no mtlint.yaml applies.
fn linter(args: &EvalArgs) -> Result<std::sync::Arc<Linter>, PlanError> {
    let mut planner = Planner::new(CliSettings {
        no_builtin: args.rules.no_builtin,
        language: args.selection.language.clone(),
        ..CliSettings::default()
    });
    planner.linter_for(&Settings {
        select: args.selection.select.clone(),
        ignore: args.selection.ignore.clone(),
        min_confidence: args.selection.min_confidence,
        rules: args.rules.rules.clone(),
        ..Settings::default()
    })
}
