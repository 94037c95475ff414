//! `sarif` format: one SARIF 2.1.0 log (the OASIS standard read by code-scanning
//! services) with a single run.
//!
//! - `tool.driver.rules`: every rule that has a result (in order of first result), with `shortDescription`,
//!   `fullDescription`, `help` (the `mtlint explain` text), `helpUri` when the rule
//!   has a `url`, and `properties` (category, confidence, pivot).
//! - `results`: `ruleId`/`ruleIndex`, `level` (`error`, `warning`, `note`), the
//!   message with the likely original, one location whose region has 1-based
//!   lines and columns in Unicode code points (`columnKind: unicodeCodePoints`,
//!   end column exclusive), `charOffset`/`charLength` and UTF-8
//!   `byteOffset`/`byteLength`, and one fix per suggestion.
//! - Suppression comments that suppress nothing are results of the rule
//!   `mtlint/unused-suppression`, with their removal as the fix.
//! - Relative paths are URI references against `%SRCROOT%`; absolute paths are
//!   `file:` URIs.

use std::collections::HashMap;
use std::io::{self, Write};

mod model;

use model::*;

use super::{round_confidence, FileResult};
use crate::diagnostic::{Finding, Severity};
use crate::document::Document;
use crate::lsp::diagnostics::UNUSED_SUPPRESSION;
use crate::rules::{explanation, language_name, Rule, RuleSet};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// SARIF level of a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// Writes all results as one SARIF log; `rules[i]` is the rule set `results[i]`
/// was linted with.
pub fn render(out: &mut dyn Write, results: &[FileResult], rules: &[&RuleSet]) -> io::Result<()> {
    // Rules with results, in order of first result; `ruleIndex` points into this list.
    let mut descriptors = Vec::new();
    let mut index_of: HashMap<&str, usize> = HashMap::new();
    let mut sarif_results = Vec::new();
    for (r, set) in results.iter().zip(rules) {
        let location = artifact_location(&r.document.path);
        let mut chars = CharCounter::default();
        for f in &r.report.findings {
            let index = *index_of.entry(&f.rule).or_insert_with(|| {
                let rule = set.rules.get(f.rule_index).filter(|r| r.id == f.rule);
                descriptors.push(match rule {
                    Some(rule) => descriptor(set, rule),
                    None => bare_descriptor(f),
                });
                descriptors.len() - 1
            });
            let region = region(&r.document, f.start, f.end, &mut chars);
            sarif_results.push(result(f, index, &location, region));
        }
        for u in &r.report.unused_suppressions {
            let index = *index_of.entry(UNUSED_SUPPRESSION).or_insert_with(|| {
                descriptors.push(unused_suppression_descriptor());
                descriptors.len() - 1
            });
            let region = region(&r.document, u.start, u.end, &mut chars);
            sarif_results.push(unused_suppression(&u.text, index, &location, region));
        }
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "mtlint",
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: descriptors,
                },
            },
            column_kind: "unicodeCodePoints",
            results: sarif_results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn descriptor(set: &RuleSet, rule: &Rule) -> RuleDescriptor {
    let pack = set.pack_of(rule);
    let docs = rule.docs.get();
    let short = match (&docs.description, &docs.source, &pack.pivot) {
        (Some(d), _, _) => first_sentence(d),
        (None, Some(src), Some(pivot)) => format!(
            "{} of {} “{src}”",
            capitalised(rule.category.as_str()),
            language_name(pivot)
        ),
        _ => format!(
            "{} artefact ({})",
            capitalised(rule.category.as_str()),
            pack.name
        ),
    };
    RuleDescriptor {
        id: rule.id.to_string(),
        short_description: Text { text: short },
        full_description: docs.description.as_ref().map(|d| Text {
            text: d.trim().to_string(),
        }),
        help: Text {
            text: explanation(set, rule),
        },
        help_uri: docs.url.clone(),
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: RuleProperties {
            category: rule.category.as_str(),
            confidence: round_confidence(rule.confidence),
            pivot: pack.pivot.clone(),
            tags: vec![rule.category.as_str()],
        },
    }
}

/// A descriptor for a finding whose rule is not in the rule set (never expected).
fn bare_descriptor(f: &Finding) -> RuleDescriptor {
    RuleDescriptor {
        id: f.rule.clone(),
        short_description: Text {
            text: format!("{} artefact", capitalised(f.category.as_str())),
        },
        full_description: None,
        help: Text {
            text: f.rule.clone(),
        },
        help_uri: None,
        default_configuration: Configuration {
            level: level(f.severity),
        },
        properties: RuleProperties {
            category: f.category.as_str(),
            confidence: round_confidence(f.confidence),
            pivot: f.pivot.clone(),
            tags: vec![f.category.as_str()],
        },
    }
}

fn result<'a>(
    f: &'a Finding,
    rule_index: usize,
    location: &ArtifactLocation,
    region: Region,
) -> SarifResult<'a> {
    let fixes = f
        .suggestions
        .iter()
        .map(|s| Fix {
            description: Text {
                text: format!("Replace with “{}”", s.replacement),
            },
            artifact_changes: vec![ArtifactChange {
                artifact_location: location.clone(),
                replacements: vec![Replacement {
                    deleted_region: region.clone(),
                    inserted_content: Text {
                        text: s.replacement.clone(),
                    },
                }],
            }],
        })
        .collect();
    SarifResult {
        rule_id: &f.rule,
        rule_index,
        level: level(f.severity),
        message: Text {
            text: f.message_with_original(),
        },
        locations: vec![Location {
            physical_location: PhysicalLocation {
                artifact_location: location.clone(),
                region,
            },
        }],
        fixes,
        properties: ResultProperties {
            category: f.category.as_str(),
            confidence: round_confidence(f.confidence),
            pivot: f.pivot.as_deref(),
        },
    }
}

/// Counts chars up to byte offsets that only grow (findings are sorted), so a
/// file's offsets cost one pass.
#[derive(Default)]
struct CharCounter {
    byte: usize,
    chars: usize,
}

impl CharCounter {
    fn at(&mut self, text: &str, byte: usize) -> usize {
        if byte < self.byte {
            *self = CharCounter::default();
        }
        self.chars += text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

fn region(doc: &Document, start: usize, end: usize, chars: &mut CharCounter) -> Region {
    let (start_line, start_column) = doc.line_col(start);
    let (end_line, end_column) = doc.line_col(end);
    let char_offset = chars.at(&doc.text, start);
    let text = &doc.text[start..end];
    Region {
        start_line,
        start_column,
        end_line,
        end_column,
        char_offset,
        char_length: text.chars().count(),
        byte_offset: start,
        byte_length: end - start,
        snippet: Text {
            text: text.to_string(),
        },
    }
}

fn unused_suppression_descriptor() -> RuleDescriptor {
    RuleDescriptor {
        id: UNUSED_SUPPRESSION.to_string(),
        short_description: Text {
            text: "Suppression comment that suppresses nothing".into(),
        },
        full_description: None,
        help: Text {
            text: "A `<!-- mtlint-disable … -->` comment that suppressed no finding; \
                   remove it so that it does not hide future findings."
                .into(),
        },
        help_uri: None,
        default_configuration: Configuration { level: "warning" },
        properties: RuleProperties {
            category: "suppression",
            confidence: 1.0,
            pivot: None,
            tags: vec!["suppression"],
        },
    }
}

fn unused_suppression<'a>(
    comment: &str,
    rule_index: usize,
    location: &ArtifactLocation,
    region: Region,
) -> SarifResult<'a> {
    SarifResult {
        rule_id: UNUSED_SUPPRESSION,
        rule_index,
        level: "warning",
        message: Text {
            text: format!("`{comment}` suppresses nothing; remove it"),
        },
        locations: vec![Location {
            physical_location: PhysicalLocation {
                artifact_location: location.clone(),
                region: region.clone(),
            },
        }],
        fixes: vec![Fix {
            description: Text {
                text: "Remove the unused suppression".into(),
            },
            artifact_changes: vec![ArtifactChange {
                artifact_location: location.clone(),
                replacements: vec![Replacement {
                    deleted_region: region,
                    inserted_content: Text {
                        text: String::new(),
                    },
                }],
            }],
        }],
        properties: ResultProperties {
            category: "suppression",
            confidence: 1.0,
            pivot: None,
        },
    }
}

/// Where a document is: a URI reference against `%SRCROOT%` for relative paths.
fn artifact_location(path: &str) -> ArtifactLocation {
    let p = std::path::Path::new(path);
    if p.is_absolute() {
        if let Ok(url) = lsp_types::Url::from_file_path(p) {
            return ArtifactLocation {
                uri: url.to_string(),
                uri_base_id: None,
            };
        }
    }
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    ArtifactLocation {
        uri: percent_encode_path(path),
        uri_base_id: Some("%SRCROOT%"),
    }
}

/// Percent-encodes what may not appear in a relative URI path (RFC 3986 `pchar`
/// and `/`, less `:`, which would read as a scheme in the first segment).
fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn first_sentence(text: &str) -> String {
    let text = text.trim();
    let line = text.split("\n\n").next().unwrap_or(text);
    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.find(". ") {
        Some(i) => line[..=i].to_string(),
        None => line,
    }
}

fn capitalised(s: &str) -> String {
    let s = s.replace('-', " ");
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().collect::<String>() + c.as_str(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        let loc = artifact_location("docs/a b/été.txt");
        assert_eq!(loc.uri, "docs/a%20b/%C3%A9t%C3%A9.txt");
        assert_eq!(loc.uri_base_id, Some("%SRCROOT%"));
        assert_eq!(artifact_location("./x.md").uri, "x.md");
        assert_eq!(artifact_location("/tmp/x y.md").uri, "file:///tmp/x%20y.md");
    }

    #[test]
    fn char_offsets_count_code_points() {
        let text = "é😀 abc é x";
        let mut c = CharCounter::default();
        assert_eq!(c.at(text, 0), 0);
        assert_eq!(c.at(text, text.find("abc").unwrap()), 3);
        assert_eq!(c.at(text, text.find('x').unwrap()), 9);
    }
}
