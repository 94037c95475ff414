//! Findings as LSP diagnostics: the one conversion behind both `mtlint lsp` and
//! `mtlint check --format lsp`, so the two can never disagree.
//!
//! Ranges count UTF-16 code units (the LSP default). Each diagnostic carries its
//! finding's suggestions in `data` (see [`DiagnosticData`]), so that code actions
//! can offer fixes without linting again.

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticSeverity, NumberOrString, Position,
    PublishDiagnosticsParams, Range, Url,
};
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Applicability, Finding, Severity};
use crate::document::Document;
use crate::output::round_confidence;
use crate::rules::RuleSet;

/// The `source` of every diagnostic mtlint publishes.
pub const SOURCE: &str = "mtlint";

/// What a diagnostic's `data` holds: enough to build quick fixes from the
/// diagnostic alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiagnosticData {
    /// Rule id, `pack/rule`.
    pub rule: String,
    /// The text the diagnostic covers, to detect a diagnostic gone stale.
    pub text: String,
    /// Confidence that the finding is a real artefact (0–1).
    pub confidence: f64,
    /// Whether the top suggestion is safe to apply without review.
    pub applicability: Applicability,
    /// Likely originals, best first.
    pub suggestions: Vec<SuggestionData>,
}

/// One suggestion in [`DiagnosticData`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuggestionData {
    /// Text to put in place of the range.
    pub replacement: String,
    /// How likely this is the original wording (0–1).
    pub confidence: f64,
}

/// The LSP range (UTF-16) of a byte span of `doc`.
pub fn range_of(doc: &Document, start: usize, end: usize) -> Range {
    let (sl, sc) = doc.lsp_position(start);
    let (el, ec) = doc.lsp_position(end);
    Range::new(Position::new(sl, sc), Position::new(el, ec))
}

/// LSP severity of a finding's severity.
pub fn severity_of(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// One finding as a diagnostic; `rules` is the rule set the finding came from
/// (for the rule's documentation link).
pub fn to_diagnostic(doc: &Document, rules: &RuleSet, f: &Finding) -> Diagnostic {
    let code_description = rules
        .rules
        .get(f.rule_index)
        .filter(|r| r.id == f.rule)
        .and_then(|r| r.url.as_deref())
        .and_then(|u| Url::parse(u).ok())
        .map(|href| CodeDescription { href });
    let data = DiagnosticData {
        rule: f.rule.clone(),
        text: f.text(&doc.text).to_string(),
        confidence: round_confidence(f.confidence),
        applicability: f.applicability,
        suggestions: f
            .suggestions
            .iter()
            .map(|s| SuggestionData {
                replacement: s.replacement.clone(),
                confidence: round_confidence(s.confidence),
            })
            .collect(),
    };
    Diagnostic {
        range: range_of(doc, f.start, f.end),
        severity: Some(severity_of(f.severity)),
        code: Some(NumberOrString::String(f.rule.clone())),
        code_description,
        source: Some(SOURCE.to_string()),
        message: f.message_with_original(),
        related_information: None,
        tags: None,
        data: serde_json::to_value(data).ok(),
    }
}

/// The diagnostics of a document's findings, in order.
pub fn to_diagnostics(doc: &Document, rules: &RuleSet, findings: &[Finding]) -> Vec<Diagnostic> {
    findings
        .iter()
        .map(|f| to_diagnostic(doc, rules, f))
        .collect()
}

/// The `textDocument/publishDiagnostics` parameters for a linted document.
pub fn publish_params(
    uri: Url,
    version: Option<i32>,
    doc: &Document,
    rules: &RuleSet,
    findings: &[Finding],
) -> PublishDiagnosticsParams {
    PublishDiagnosticsParams {
        uri,
        diagnostics: to_diagnostics(doc, rules, findings),
        version,
    }
}

/// The data of an mtlint diagnostic, if it is one and its data is intact.
pub fn data_of(diagnostic: &Diagnostic) -> Option<DiagnosticData> {
    if diagnostic.source.as_deref() != Some(SOURCE) {
        return None;
    }
    serde_json::from_value(diagnostic.data.clone()?).ok()
}

/// A `file:` URI for a path given on the command line (`untitled:stdin` for `-`).
pub fn uri_of_path(path: &str) -> Url {
    if path == "-" {
        return Url::parse("untitled:stdin").expect("valid URI");
    }
    std::path::absolute(path)
        .ok()
        .and_then(|p| Url::from_file_path(p).ok())
        .unwrap_or_else(|| {
            Url::parse(&format!("untitled:{path}"))
                .unwrap_or_else(|_| Url::parse("untitled:file").expect("valid URI"))
        })
}
