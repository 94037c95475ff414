//! `mtlint check`: lint documents, print findings, optionally fix them.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::{Args, ValueEnum};
use rayon::prelude::*;

use super::{report_pack_errors, ColorChoice, RuleArgs, SelectionArgs};
use mtlint::document::{Document, NextPart, PartReader, ReadError};
use mtlint::engine::Linter;
use mtlint::fix::{fix_until_stable, unified_diff, write_atomically, FixPolicy};
use mtlint::formats::InputFormat;
use mtlint::output::{github, html, json, lsp, pretty, sarif, short, FileResult, Summary};
use mtlint::plan::{CliSettings, PlanError, Planner};
use mtlint::rules::RuleSet;

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
    /// One line per file: the LSP `publishDiagnostics` parameters `mtlint lsp` sends.
    Lsp,
    /// A SARIF 2.1.0 log (for code-scanning services).
    Sarif,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
    /// One self-contained HTML page: highlighted text, tooltips, filters, charts.
    Html,
    /// Batch mode: JSON Lines documents on stdin, one result line per document.
    Jsonl,
}

/// Arguments of `mtlint check`.
#[derive(Args)]
pub struct CheckArgs {
    /// Files, directories or `-` for stdin (default: the current directory).
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Write the output to this file (replaced atomically) instead of stdout (`-`).
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    /// Use this configuration file instead of searching for mtlint.yaml / .mtlint.yaml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(flatten)]
    selection: SelectionArgs,
    /// Input format (default: from the file extension; plain text for stdin).
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
    /// Name shown for stdin, whose extension also sets the input format.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Skip walked files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Only walk files of these formats (comma-separated).
    #[arg(long = "type", value_enum, value_delimiter = ',')]
    types: Vec<InputFormat>,
    /// Apply the top suggestion of findings whose fix is safe (writes files atomically).
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff: also apply fixes marked unsafe.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them.
    #[arg(long)]
    diff: bool,
    /// Apply fixes only to findings with at least this confidence (default 0.8).
    #[arg(long, value_parser = parse_confidence)]
    fix_min_confidence: Option<f32>,
    /// When to use colours (NO_COLOR is respected by `auto`).
    #[arg(long, value_enum, default_value_t)]
    color: ColorChoice,
}

/// Parses a confidence between 0 and 1.
pub fn parse_confidence(s: &str) -> Result<f32, String> {
    let v: f32 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is outside 0..1"))
    }
}

/// One file to lint and how.
struct Job {
    path: PathBuf,
    linter: Arc<Linter>,
    fix_min_confidence: f32,
}

/// Runs `check`.
pub fn run(args: CheckArgs) -> io::Result<ExitCode> {
    let started = Instant::now();
    let mut planner = Planner::new(CliSettings {
        config: args.config.clone(),
        rules: args.rules.rules.clone(),
        no_builtin: args.rules.no_builtin,
        select: args.selection.select.clone(),
        ignore: args.selection.ignore.clone(),
        min_confidence: args.selection.min_confidence,
        language: args.selection.language.clone(),
        exclude: args.exclude.clone(),
        types: args.types.clone(),
    });
    if args.format == Format::Jsonl {
        return run_batch(&mut planner, &args);
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let jobs = match plan(&mut planner, &paths, &args) {
        Ok(j) => j,
        Err(PlanError::Yaml(errors)) => return Ok(report_pack_errors(&errors)),
        Err(PlanError::Message(m)) => {
            eprintln!("error: {m}");
            return Ok(ExitCode::from(2));
        }
    };
    // The process exits after this run: freeing the rule sets and linters the
    // planner holds would cost as much as loading them.
    std::mem::forget(planner);
    // Long texts are matched with the phrase automaton: it decodes while the
    // files are read.
    if !args.rules.no_builtin && jobs.iter().any(|j| long_input(&j.path)) {
        mtlint::rules::RuleSet::preload_builtin_phrases();
    }
    let lint = |job: &Job| {
        if let Some(result) = lint_in_parts(job, &args)? {
            return Ok(result);
        }
        let document = read(&job.path, &args)?;
        let report = job.linter.lint(&document);
        Ok(FileResult { document, report })
    };
    // One file gains nothing from the thread pool but the cost of starting it.
    let outcomes: Vec<Result<FileResult, ReadError>> = if jobs.len() == 1 {
        jobs.iter().map(lint).collect()
    } else {
        jobs.par_iter().map(lint).collect()
    };
    let mut results = Vec::with_capacity(outcomes.len());
    // For each result, the index of its job.
    let mut job_of: Vec<usize> = Vec::with_capacity(outcomes.len());
    let mut errors = 0;
    for (i, outcome) in outcomes.into_iter().enumerate() {
        match outcome {
            Ok(r) => {
                results.push(r);
                job_of.push(i);
            }
            Err(e) => {
                eprintln!("error: {e}");
                errors += 1;
            }
        }
    }
    // With `--output`, everything is collected in memory and written in one go at the end.
    let mut buffer = Vec::new();
    let mut stdout = BufWriter::new(io::stdout().lock());
    let mut out: &mut dyn Write = if output_file(&args).is_some() {
        &mut buffer
    } else {
        &mut stdout
    };
    if args.fix || args.diff {
        let pairs: Vec<(&Job, &FileResult)> =
            job_of.iter().map(|&i| &jobs[i]).zip(&results).collect();
        errors += fix(&mut out, &pairs, &args)?;
        if args.diff {
            out.flush()?;
            finish(&buffer, &args)?;
            return Ok(exit_code(&results, errors));
        }
        // Report what remains after fixing.
        let relinted: Vec<(usize, FileResult)> = job_of
            .iter()
            .filter_map(|&i| {
                let job = &jobs[i];
                let document = read(&job.path, &args).ok()?;
                let report = job.linter.lint(&document);
                Some((i, FileResult { document, report }))
            })
            .collect();
        job_of = relinted.iter().map(|(i, _)| *i).collect();
        results = relinted.into_iter().map(|(_, r)| r).collect();
    }
    // The rule set each result was linted with (configurations may differ per path).
    let rule_sets: Vec<&RuleSet> = job_of.iter().map(|&i| jobs[i].linter.rules()).collect();
    match args.format {
        Format::Pretty => {
            let opts = pretty::PrettyOptions {
                color: output_file(&args).is_none() && args.color.enabled(),
                width: 100,
            };
            pretty::render(&mut out, &results, &opts)?;
            let summary = Summary::of(&results, errors);
            writeln!(out, "{}", summary.render(Some(started.elapsed())))?;
            for r in &results {
                if r.report.language_source == mtlint::engine::LanguageSource::Assumed
                    && !r.document.is_blank()
                {
                    writeln!(
                        out,
                        "note: {}: language could not be detected reliably; assumed `{}`",
                        r.document.path, r.report.language
                    )?;
                }
                if let Some(p) = &r.report.pivot {
                    writeln!(
                        out,
                        "note: {}: {} (confidence {})",
                        r.document.path,
                        mtlint::output::pivot_note(p),
                        mtlint::output::percent(p.confidence)
                    )?;
                }
            }
        }
        Format::Short => short::render(&mut out, &results)?,
        Format::Json => json::render(&mut out, &results)?,
        Format::Lsp => lsp::render(&mut out, &results, &rule_sets)?,
        Format::Sarif => sarif::render(&mut out, &results, &rule_sets)?,
        Format::Github => github::render(&mut out, &results)?,
        Format::Html => {
            let policies: Vec<FixPolicy> = job_of
                .iter()
                .map(|&i| FixPolicy {
                    unsafe_fixes: args.unsafe_fixes,
                    min_confidence: jobs[i].fix_min_confidence,
                })
                .collect();
            html::render(&mut out, &results, &policies)?;
        }
        // Handled by `run_batch` before any file is read.
        Format::Jsonl => {}
    }
    out.flush()?;
    finish(&buffer, &args)?;
    Ok(exit_code(&results, errors))
}

/// The `--output` file, if any (`-` is stdout).
fn output_file(args: &CheckArgs) -> Option<&Path> {
    args.output.as_deref().filter(|p| *p != Path::new("-"))
}

/// With `--output`, writes what was rendered to that file: a temporary file in the
/// same directory renamed over it, so readers never see half a report. A file that
/// already exists keeps its permissions; a new one gets those of any new file
/// (`rw-rw-rw-` less the umask).
fn finish(rendered: &[u8], args: &CheckArgs) -> io::Result<()> {
    let Some(path) = output_file(args) else {
        return Ok(());
    };
    let mut tmp = temp_output(path)?;
    tmp.write_all(rendered).map_err(output_context(path))?;
    persist_output(tmp, path)
}

/// Wraps an I/O error with the `--output` path.
fn output_context(path: &Path) -> impl Fn(io::Error) -> io::Error + '_ {
    move |e| io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// A temporary file beside the `--output` file `path`, with the permissions it will have.
fn temp_output(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".mtlint-output");
    match std::fs::metadata(path) {
        Ok(meta) => {
            builder.permissions(meta.permissions());
        }
        Err(_) => {
            #[cfg(unix)]
            builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        }
    }
    builder.tempfile_in(dir).map_err(output_context(path))
}

/// Renames the temporary file over the `--output` file.
fn persist_output(tmp: tempfile::NamedTempFile, path: &Path) -> io::Result<()> {
    tmp.persist(path)
        .map(drop)
        .map_err(|e| output_context(path)(e.error))
}

/// Batch mode: lints the JSON Lines documents on stdin (see [`mtlint::batch`]).
///
/// Exits 0 once the stream is processed, findings and bad lines included (they are in
/// the output), so that pipelines such as Spark's `RDD.pipe` do not fail the task;
/// 2 for usage, configuration and I/O errors.
/// Whether `path` (or stdin, `-`) may hold a text long enough for the phrase automaton.
fn long_input(path: &Path) -> bool {
    path == Path::new("-")
        || std::fs::metadata(path).map_or(true, |m| {
            m.len() > mtlint::rules::phrase_automaton::INDEX_TEXT as u64
        })
}

fn run_batch(planner: &mut Planner, args: &CheckArgs) -> io::Result<ExitCode> {
    let usage = |m: &str| {
        eprintln!("error: --format jsonl {m}");
        Ok(ExitCode::from(2))
    };
    if args.paths.iter().any(|p| p != Path::new("-")) {
        return usage("reads documents from stdin: give `-` as the only path");
    }
    if args.fix || args.diff || args.unsafe_fixes {
        return usage("does not apply fixes (--fix, --diff, --unsafe-fixes)");
    }
    let config_path = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from("-"));
    let linter = match planner
        .settings_for(&config_path)
        .and_then(|s| planner.linter_for(&s))
    {
        Ok(l) => l,
        Err(PlanError::Yaml(errors)) => return Ok(report_pack_errors(&errors)),
        Err(PlanError::Message(m)) => {
            eprintln!("error: {m}");
            return Ok(ExitCode::from(2));
        }
    };
    let default_format = args.input_format.unwrap_or(match &args.stdin_filename {
        Some(name) => InputFormat::from_path(name),
        None => InputFormat::Text,
    });
    let options = mtlint::batch::BatchOptions {
        default_format,
        ..Default::default()
    };
    let mut input = io::stdin().lock();
    let context = |e: io::Error| io::Error::new(e.kind(), format!("batch mode: {e}"));
    match output_file(args) {
        // Streamed into a temporary file (memory stays bounded), renamed at the end.
        Some(path) => {
            let tmp = temp_output(path)?;
            let mut out = BufWriter::new(tmp);
            mtlint::batch::run(&mut input, &mut out, linter, &options).map_err(context)?;
            let tmp = out.into_inner().map_err(|e| context(e.into_error()))?;
            persist_output(tmp, path)?;
        }
        None => {
            let mut out = BufWriter::new(io::stdout().lock());
            mtlint::batch::run(&mut input, &mut out, linter, &options).map_err(context)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn exit_code(results: &[FileResult], errors: usize) -> ExitCode {
    if errors > 0 {
        ExitCode::from(2)
    } else if results.iter().any(|r| !r.report.findings.is_empty()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn plan(planner: &mut Planner, paths: &[PathBuf], args: &CheckArgs) -> Result<Vec<Job>, PlanError> {
    let files = planner.expand(paths)?;
    files
        .into_iter()
        .map(|path| {
            let config_path = match (&args.stdin_filename, path == Path::new("-")) {
                (Some(name), true) => name.clone(),
                _ => path.clone(),
            };
            let settings = planner.settings_for(&config_path)?;
            let linter = planner.linter_for(&settings)?;
            Ok(Job {
                path,
                linter,
                fix_min_confidence: args
                    .fix_min_confidence
                    .or(settings.fix_min_confidence)
                    .unwrap_or(0.8),
            })
        })
        .collect()
}

/// Smallest part of a huge file read for one thread.
const MIN_PARALLEL_PART: usize = 1 << 20;

/// Lints a huge plain-text file part by part (see [`mtlint::engine::PartLint`]), if
/// the output format needs no more of its text than the lines of its findings; `None`
/// when it is to be read whole. `MTLINT_PART_SIZE` (bytes; for tests) lowers both the
/// size from which files are read in parts and the part size.
fn lint_in_parts(job: &Job, args: &CheckArgs) -> Result<Option<FileResult>, ReadError> {
    let formats = matches!(
        args.format,
        Format::Short | Format::Json | Format::Pretty | Format::Github
    );
    let format = args
        .input_format
        .unwrap_or_else(|| InputFormat::from_path(&job.path));
    if !formats
        || args.fix
        || args.diff
        || format != InputFormat::Text
        || job.path == Path::new("-")
        || !job.linter.can_lint_parts()
    {
        return Ok(None);
    }
    let test_size = std::env::var("MTLINT_PART_SIZE")
        .ok()
        .and_then(|v| v.parse::<usize>().ok());
    let (above, part_size) = match test_size {
        Some(n) => (n as u64, n),
        None => (
            mtlint::document::READ_IN_PARTS_ABOVE,
            mtlint::document::PART_SIZE,
        ),
    };
    match std::fs::metadata(&job.path) {
        Ok(m) if m.is_file() && m.len() > above => {}
        _ => return Ok(None),
    }
    // As many parts as the pool has threads are read, then linted in parallel; the
    // parts are smaller in proportion, so memory stays that of one part of PART_SIZE.
    let batch = rayon::current_num_threads().max(1);
    let part_size = match test_size {
        Some(n) => n,
        None => (part_size / batch).max(MIN_PARALLEL_PART),
    };
    let mut parts = job.linter.lint_parts();
    if !in_batches(&job.path, part_size, batch, |texts| parts.push_all(texts))? {
        return Ok(None);
    }
    // Lowercase names the document may write so throughout: count them in a second
    // read (the same parts).
    if parts.needs_counts()
        && !in_batches(&job.path, part_size, batch, |texts| {
            parts.count_in_all(texts);
            true
        })?
    {
        return Ok(None);
    }
    Ok(parts.finish().map(|(report, excerpts)| FileResult {
        document: Document::excerpted(job.path.display().to_string(), excerpts),
        report,
    }))
}

/// Reads the file at `path` in parts of about `part_size` bytes and hands them to
/// `take` `batch` at a time, in order; false once `take` does, or if the file has no
/// place to end a part.
fn in_batches(
    path: &Path,
    part_size: usize,
    batch: usize,
    mut take: impl FnMut(&[&str]) -> bool,
) -> Result<bool, ReadError> {
    let mut reader = PartReader::open(path, part_size)?;
    let mut texts: Vec<String> = Vec::with_capacity(batch);
    let mut end = false;
    while !end {
        texts.clear();
        while texts.len() < batch {
            match reader.next_part()? {
                NextPart::Part(text) => texts.push(text),
                NextPart::End => {
                    end = true;
                    break;
                }
                NextPart::NoBoundary => return Ok(false),
            }
        }
        let parts: Vec<&str> = texts.iter().map(String::as_str).collect();
        if !parts.is_empty() && !take(&parts) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Reads a document, naming stdin and choosing the format as the flags say.
fn read(path: &Path, args: &CheckArgs) -> Result<Document, ReadError> {
    let mut doc = Document::read(path)?;
    if path == Path::new("-") {
        if let Some(name) = &args.stdin_filename {
            doc.path = name.display().to_string();
            doc.format = InputFormat::from_path(name);
        }
    }
    if let Some(f) = args.input_format {
        doc.format = f;
    }
    Ok(doc)
}

/// Applies fixes (or prints them as a diff); returns the number of files that failed.
fn fix(out: &mut dyn Write, pairs: &[(&Job, &FileResult)], args: &CheckArgs) -> io::Result<usize> {
    let mut failed = 0;
    let mut fixed_files = 0;
    let mut fixes = 0;
    for (job, r) in pairs {
        let policy = FixPolicy {
            unsafe_fixes: args.unsafe_fixes,
            min_confidence: job.fix_min_confidence,
        };
        let doc = &r.document;
        let (new, n, converged) = fix_until_stable(&doc.text, policy, |text| {
            let d = Document::new(doc.path.clone(), text).with_format(doc.format);
            job.linter.lint(&d).findings
        });
        if !converged {
            eprintln!(
                "warning: {}: fixes did not converge after {} passes",
                doc.path,
                mtlint::fix::MAX_PASSES
            );
        }
        if n == 0 || new == doc.text {
            continue;
        }
        if args.diff {
            write!(out, "{}", unified_diff(&doc.path, &doc.text, &new))?;
            continue;
        }
        if job.path == Path::new("-") {
            // Fixing stdin writes the fixed text to stdout.
            write!(out, "{new}")?;
            continue;
        }
        match write_atomically(&job.path, &doc.text, &new) {
            Ok(()) => {
                fixed_files += 1;
                fixes += n;
            }
            Err(e) => {
                eprintln!("error: {e}");
                failed += 1;
            }
        }
    }
    if args.fix && !args.diff && fixed_files > 0 {
        eprintln!("Fixed {fixes} artefacts in {fixed_files} file(s).");
    }
    Ok(failed)
}
