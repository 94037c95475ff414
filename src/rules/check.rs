//! Checking every rule's examples against the engine.

use super::{Locator, PackError, RuleExample, RuleSet};
use crate::engine::{LintOptions, Linter, LinterError};
use crate::fix::apply_fixes;

/// Runs every example of every rule; returns one located error per failing example.
pub fn check_examples(
    rules: &RuleSet,
    sources: &[super::PackSource],
) -> Result<Vec<PackError>, LinterError> {
    let linter = Linter::new(rules.clone(), LintOptions::default())?;
    let mut failures = Vec::new();
    for (ri, rule) in rules.rules.iter().enumerate() {
        let pack = &rules.packs[rule.pack];
        let source = sources.iter().find(|s| s.file == pack.file);
        let fail = |needle: &str, message: String| match source {
            Some(s) => {
                let bare = rule.id.rsplit('/').next().unwrap_or(&rule.id);
                let (at, len) = Locator::new(&s.text).in_rule(bare, needle);
                PackError::at(&s.file, &s.text, at, len, message)
            }
            None => PackError::at(&pack.file, "", 0, 0, message),
        };
        let has_fires = rule
            .docs
            .examples
            .iter()
            .any(|e| matches!(e, RuleExample::Fires { .. }));
        let has_clean = rule
            .docs
            .examples
            .iter()
            .any(|e| matches!(e, RuleExample::Clean(_)));
        if !has_fires || !has_clean {
            failures.push(fail(
                "",
                format!(
                    "rule `{}` needs at least one `fires` and one `clean` example",
                    rule.id
                ),
            ));
        }
        for example in &rule.docs.examples {
            match example {
                RuleExample::Fires { text, fixed } => {
                    let found: Vec<_> = linter
                        .candidates_of_rule(text, &pack.language, ri)
                        .into_iter()
                        .collect();
                    if found.is_empty() {
                        failures.push(fail(
                            first_line(text),
                            format!("example should fire but does not: {text:?}"),
                        ));
                        continue;
                    }
                    let proposes = found.iter().any(|f| !f.suggestions.is_empty());
                    match fixed {
                        Some(expected) => {
                            let (got, _) = apply_fixes(text, &found, |_| true);
                            if &got != expected {
                                failures.push(fail(
                                    first_line(expected),
                                    format!("fixed text differs:\n  expected: {expected:?}\n  got:      {got:?}"),
                                ));
                            }
                        }
                        None if proposes => failures.push(fail(
                            first_line(text),
                            format!("example fires and proposes an original, so it needs `fixed`: {text:?}"),
                        )),
                        None => {}
                    }
                }
                RuleExample::Clean(text) => {
                    let found = linter.candidates_of_rule(text, &pack.language, ri);
                    if let Some(f) = found.first() {
                        failures.push(fail(
                            first_line(text),
                            format!(
                                "example should not fire but does on {:?}: {text:?}",
                                &text[f.start..f.end]
                            ),
                        ));
                    }
                }
            }
        }
    }
    Ok(failures)
}

fn first_line(text: &str) -> &str {
    let line = text.lines().next().unwrap_or("");
    // A prefix is enough to find the example in the YAML source, even when quoted.
    let end = crate::document::floor_char_boundary(line, line.len().min(40));
    &line[..end]
}
