//! `mtlint rules`, `mtlint explain` and `mtlint check-rules`.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Args;

use super::{report_pack_errors, RuleArgs};
use mtlint::rules::{check_examples, explanation, language_name, Matcher, Rule};

/// Arguments of `mtlint rules`.
#[derive(Args)]
pub struct RulesArgs {
    #[command(flatten)]
    rules: RuleArgs,
}

/// Arguments of `mtlint explain`.
#[derive(Args)]
pub struct ExplainArgs {
    /// Rule id (`pack/rule`, or the bare rule id when unique).
    rule: String,
    #[command(flatten)]
    rules: RuleArgs,
}

/// Lists packs and their rules.
pub fn list(args: RulesArgs) -> io::Result<ExitCode> {
    let (set, _) = match args.rules.load() {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let mut out = BufWriter::new(io::stdout().lock());
    for (pi, pack) in set.packs.iter().enumerate() {
        let rules: Vec<&Rule> = set.rules.iter().filter(|r| r.pack == pi).collect();
        let pivot = pack
            .pivot
            .as_deref()
            .map(|p| format!(", pivot {}", language_name(p)))
            .unwrap_or_default();
        writeln!(
            out,
            "{} ({} rules; {}{}) — {}\n  {}",
            pack.name,
            rules.len(),
            language_name(&pack.language),
            pivot,
            pack.file,
            pack.description
        )?;
        for r in rules {
            writeln!(
                out,
                "    {:<48} {:<14} {:<7} {:.2}  {}",
                r.id,
                r.category.as_str(),
                r.severity.as_str(),
                r.confidence,
                summary_of(r)
            )?;
        }
    }
    writeln!(out, "{} packs, {} rules", set.packs.len(), set.rules.len())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A one-line summary of what a rule matches.
fn summary_of(rule: &Rule) -> String {
    match &rule.matcher {
        Matcher::Phrases(entries) => {
            let first = &entries[0];
            let more = if entries.len() > 1 {
                format!(" (+{} forms)", entries.len() - 1)
            } else {
                String::new()
            };
            match first.originals.first() {
                Some(o) if *o != first.phrase => format!("“{}” → “{}”{more}", first.phrase, o),
                _ => format!("“{}”{more}", first.phrase),
            }
        }
        Matcher::Pattern { regex, .. } => format!("/{}/", regex.as_str()),
        Matcher::Detector { name, .. } => format!("detector {name}"),
    }
}

/// Prints a rule's explanation.
pub fn explain(args: ExplainArgs) -> io::Result<ExitCode> {
    let (set, _) = match args.rules.load() {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let Some(rule) = set.find(&args.rule) else {
        eprintln!("error: no rule `{}` (see `mtlint rules`)", args.rule);
        return Ok(ExitCode::from(2));
    };
    let mut out = BufWriter::new(io::stdout().lock());
    write!(out, "{}", explanation(&set, rule))?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Validates packs and runs every example.
pub fn check_rules(args: RuleArgs) -> io::Result<ExitCode> {
    let (set, sources) = match args.load() {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let failures = match check_examples(&set, &sources) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    if !failures.is_empty() {
        return Ok(report_pack_errors(&failures));
    }
    let examples: usize = set.rules.iter().map(|r| r.docs.examples.len()).sum();
    println!(
        "{} packs, {} rules, {} examples: all pass",
        set.packs.len(),
        set.rules.len(),
        examples
    );
    Ok(ExitCode::SUCCESS)
}
