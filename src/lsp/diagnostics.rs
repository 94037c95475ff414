//! Findings as LSP diagnostics: the one conversion behind both `mtlint lsp` and
//! `mtlint check --format lsp`, so the two can never disagree.
//!
//! Ranges count UTF-16 code units (the LSP default). Each diagnostic carries its
//! finding's suggestions in `data` (see [`DiagnosticData`]), so that code actions
//! can offer fixes without linting again.

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticSeverity, DiagnosticTag, NumberOrString, Position,
    PublishDiagnosticsParams, Range, Url,
};
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Applicability, Finding, Severity};
use crate::document::{floor_char_boundary, Document};
use crate::engine::Report;
use crate::output::round_confidence;
use crate::rules::RuleSet;
use crate::suppress::UnusedSuppression;

/// The `source` of every diagnostic mtlint publishes.
pub const SOURCE: &str = "mtlint";

/// The code of diagnostics about suppression comments that suppress nothing
/// (as `mtlint check --format short` names them).
pub const UNUSED_SUPPRESSION: &str = "mtlint/unused-suppression";

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
    Utf16Positions::new(doc).range(start, end)
}

/// Converts byte offsets to LSP positions, fast when offsets mostly grow (spans in
/// document order): within a line it counts on from the previous offset instead of
/// from the line start, so a megabyte-long line costs one pass, not one per finding.
pub struct Utf16Positions<'a> {
    doc: &'a Document,
    line: usize,
    byte: usize,
    column: u32,
}

impl<'a> Utf16Positions<'a> {
    /// A converter for `doc`, starting at its beginning.
    pub fn new(doc: &'a Document) -> Self {
        Utf16Positions {
            doc,
            line: 0,
            byte: 0,
            column: 0,
        }
    }

    /// The position of a byte offset (clamped to the text and to a char boundary).
    pub fn position(&mut self, offset: usize) -> Position {
        let text = &self.doc.text;
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let index = self.doc.index();
        let line = index.line_of(offset);
        if line != self.line || offset < self.byte {
            self.line = line;
            self.byte = index.line_range(text, line).start;
            self.column = 0;
        }
        let between = &text[self.byte..offset];
        self.column += if between.is_ascii() {
            between.len() as u32
        } else {
            between.chars().map(|c| c.len_utf16() as u32).sum()
        };
        self.byte = offset;
        Position::new(line as u32, self.column)
    }

    /// The range of a byte span.
    pub fn range(&mut self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end))
    }
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
    finding_diagnostic(doc, &mut Utf16Positions::new(doc), rules, f)
}

fn finding_diagnostic(
    doc: &Document,
    positions: &mut Utf16Positions,
    rules: &RuleSet,
    f: &Finding,
) -> Diagnostic {
    let code_description = rules
        .rules
        .get(f.rule_index)
        .filter(|r| r.id == f.rule)
        .and_then(|r| r.docs.url.as_deref())
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
        range: positions.range(f.start, f.end),
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

/// The diagnostics of a lint report: its findings, then its unused suppressions.
pub fn to_diagnostics(doc: &Document, rules: &RuleSet, report: &Report) -> Vec<Diagnostic> {
    diagnostics_where(doc, rules, report, |_, _| true)
}

/// The diagnostics of the findings and unused suppressions whose byte spans
/// `keep` accepts.
pub fn diagnostics_where(
    doc: &Document,
    rules: &RuleSet,
    report: &Report,
    keep: impl Fn(usize, usize) -> bool,
) -> Vec<Diagnostic> {
    let mut positions = Utf16Positions::new(doc);
    let mut out: Vec<Diagnostic> = report
        .findings
        .iter()
        .filter(|f| keep(f.start, f.end))
        .map(|f| finding_diagnostic(doc, &mut positions, rules, f))
        .collect();
    out.extend(
        report
            .unused_suppressions
            .iter()
            .filter(|u| keep(u.start, u.end))
            .map(|u| unused_suppression(&mut positions, u)),
    );
    out
}

/// A suppression comment that suppresses nothing, with its removal as the fix.
fn unused_suppression(positions: &mut Utf16Positions, u: &UnusedSuppression) -> Diagnostic {
    let data = DiagnosticData {
        rule: UNUSED_SUPPRESSION.to_string(),
        text: u.text.clone(),
        confidence: 1.0,
        applicability: Applicability::Safe,
        suggestions: vec![SuggestionData {
            replacement: String::new(),
            confidence: 1.0,
        }],
    };
    Diagnostic {
        range: positions.range(u.start, u.end),
        severity: Some(DiagnosticSeverity::WARNING),
        code: Some(NumberOrString::String(UNUSED_SUPPRESSION.to_string())),
        code_description: None,
        source: Some(SOURCE.to_string()),
        message: format!("`{}` suppresses nothing; remove it", u.text),
        related_information: None,
        tags: Some(vec![DiagnosticTag::UNNECESSARY]),
        data: serde_json::to_value(data).ok(),
    }
}

/// The `textDocument/publishDiagnostics` parameters for a linted document.
pub fn publish_params(
    uri: Url,
    version: Option<i32>,
    doc: &Document,
    rules: &RuleSet,
    report: &Report,
) -> PublishDiagnosticsParams {
    PublishDiagnosticsParams {
        uri,
        diagnostics: to_diagnostics(doc, rules, report),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_agree_with_the_line_index_in_any_order() {
        let doc = Document::new("t", "\u{feff}é😀 北京 a\r\nline two 🌧️ x\n\nlast 👍");
        let mut offsets: Vec<usize> = (0..=doc.text.len()).collect();
        // Forwards, backwards, and jumping about.
        offsets.extend((0..=doc.text.len()).rev());
        offsets.extend([3, 30, 2, 7, 7, 100]);
        let mut positions = Utf16Positions::new(&doc);
        for o in offsets {
            let (line, character) = doc.lsp_position(o);
            assert_eq!(
                positions.position(o),
                Position::new(line, character),
                "offset {o}"
            );
        }
    }
}
