//! `json` format. Other tools depend on this exact shape:
//!
//! ```json
//! {"version":1,"files":[{"path":"a.txt","language":"en","diagnostics":[
//!   {"rule":"fr-en-calques/coalition-of-wishes","category":"calque","severity":"warning",
//!    "confidence":0.95,"message":"…","span":{"start":10,"end":29},"line":1,"column":11,
//!    "text":"coalition of wishes",
//!    "suggestions":[{"replacement":"coalition of the willing","confidence":0.95}],
//!    "pivot":"fr"}],
//!   "pivot":{"language":"fr","artefacts":9,"confidence":0.85}}]}
//! ```
//!
//! `span` is in UTF-8 bytes (end exclusive); `line` and `column` are 1-based,
//! columns in Unicode scalar values; a diagnostic's `pivot` is an ISO 639-1 code or
//! `null`. The file-level `pivot` is the language the document was likely translated
//! through, inferred from its findings (`artefacts`: how many point to it; `confidence`
//! 0–1), or `null` when the evidence is too thin.
//!
//! Batch mode (`check --format jsonl`, see [`crate::batch`]) writes one line per
//! document with the same diagnostics, [`record_line`]:
//! `{"id":…,"language":"en","findings":[…],"pivot":…,"words":123}`, or
//! [`error_line`]: `{"id":…,"line":3,"error":"line 3: …"}`.

use std::io::{self, Write};

use serde::Serialize;

use super::{round_confidence, FileResult};

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files: Vec<FileOut<'a>>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    path: &'a str,
    language: &'a str,
    diagnostics: Vec<DiagnosticOut<'a>>,
    pivot: Option<PivotOut<'a>>,
}

#[derive(Serialize)]
struct PivotOut<'a> {
    language: &'a str,
    artefacts: usize,
    confidence: f64,
}

#[derive(Serialize)]
struct DiagnosticOut<'a> {
    rule: &'a str,
    category: &'a str,
    severity: &'a str,
    confidence: f64,
    message: &'a str,
    span: Span,
    line: usize,
    column: usize,
    text: &'a str,
    suggestions: Vec<SuggestionOut<'a>>,
    pivot: Option<&'a str>,
}

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct SuggestionOut<'a> {
    replacement: &'a str,
    confidence: f64,
}

/// Writes all results as one JSON document.
pub fn render(out: &mut dyn Write, results: &[FileResult]) -> io::Result<()> {
    let files = results.iter().map(file_out).collect();
    serde_json::to_writer(&mut *out, &Output { version: 1, files })?;
    writeln!(out)
}

/// One batch-mode result line (`check --format jsonl`): the document's `id` as the
/// input gave it, its `language`, its `findings` (the `diagnostics` of the `json`
/// format), its `pivot` and its `words`.
#[derive(Serialize)]
struct RecordOut<'a> {
    id: &'a serde_json::Value,
    language: &'a str,
    findings: Vec<DiagnosticOut<'a>>,
    pivot: Option<PivotOut<'a>>,
    words: usize,
}

/// A batch-mode line that could not be linted: its 1-based `line` number and the
/// `error`; `id` is `null` when the line did not yield one.
#[derive(Serialize)]
struct ErrorOut<'a> {
    id: &'a serde_json::Value,
    line: u64,
    error: &'a str,
}

/// Serialises the batch-mode result line of a linted document (with its newline).
pub fn record_line(id: &serde_json::Value, r: &FileResult) -> Vec<u8> {
    let file = file_out(r);
    let record = RecordOut {
        id,
        language: file.language,
        findings: file.diagnostics,
        pivot: file.pivot,
        words: r.report.words,
    };
    to_line(&record)
}

/// Serialises the batch-mode result line of an input line that was not linted.
pub fn error_line(id: &serde_json::Value, line: u64, error: &str) -> Vec<u8> {
    to_line(&ErrorOut { id, line, error })
}

fn to_line(value: &impl Serialize) -> Vec<u8> {
    // Serialising these borrowed structs into memory cannot fail: every map key is a
    // string and every number is finite.
    let mut buf = serde_json::to_vec(value).unwrap_or_default();
    buf.push(b'\n');
    buf
}

fn file_out(r: &FileResult) -> FileOut<'_> {
    FileOut {
        path: &r.document.path,
        language: &r.report.language,
        diagnostics: r
            .report
            .findings
            .iter()
            .map(|f| {
                let (line, column) = r.document.line_col(f.start);
                DiagnosticOut {
                    rule: &f.rule,
                    category: f.category.as_str(),
                    severity: f.severity.as_str(),
                    confidence: round_confidence(f.confidence),
                    message: &f.message,
                    span: Span {
                        start: f.start,
                        end: f.end,
                    },
                    line,
                    column,
                    text: r.document.span_text(f.start, f.end),
                    suggestions: f
                        .suggestions
                        .iter()
                        .map(|s| SuggestionOut {
                            replacement: &s.replacement,
                            confidence: round_confidence(s.confidence),
                        })
                        .collect(),
                    pivot: f.pivot.as_deref(),
                }
            })
            .collect(),
        pivot: r.report.pivot.as_ref().map(|p| PivotOut {
            language: &p.language,
            artefacts: p.evidence,
            confidence: round_confidence(p.confidence),
        }),
    }
}
