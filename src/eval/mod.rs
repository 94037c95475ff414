//! Evaluation against an annotated corpus: precision, recall and suggestion quality.
//!
//! [`corpus::load_corpus`] reads documents and their gold spans,
//! [`evaluate_document`] lints one and matches its findings to the gold spans
//! ([`matching`]), and [`Evaluation`] counts the outcomes per document set
//! ([`stats`]) for the renderers ([`render`], [`json`], [`show`]).
//!
//! Metric definitions:
//! - a **true positive** is a finding matched to a gold span (byte overlap, one
//!   finding to one span, see [`matching`]); precision = true positives /
//!   findings, recall = true positives / gold spans, F1 their harmonic mean;
//! - **suggestion accuracy**: share of true positives whose top suggestion,
//!   applied to the text, gives the gold region with its original in place,
//!   compared case-insensitively, with runs of whitespace as one space and
//!   curly apostrophes as straight ones (the region is the union of the
//!   finding's and the gold span, so a finding a word wider still compares fairly);
//! - **restore rate**: share of gold spans for which some suggestion of the
//!   matched finding gives exactly that text;
//! - **findings per 1,000 words** on negative sets (clean human text) is the
//!   false-positive rate.

pub mod corpus;
mod error;
pub mod json;
mod locate;
pub mod matching;
pub mod render;
pub mod show;
pub mod stats;
mod table;
pub mod thresholds;

pub use corpus::{load_corpus, AnnotatedDocument, Corpus, GoldSpan, Tier};
pub use error::FileError;
pub use stats::{Metrics, SetStats};
pub use thresholds::Thresholds;

use crate::diagnostic::Finding;
use crate::engine::pivot::{PivotGuess, PivotMode};
use crate::engine::{count_words, Linter};
use matching::{match_spans, Matching};

/// What became of one gold span.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoldOutcome {
    /// Index of the finding matched to it.
    pub finding: Option<usize>,
    /// The finding's top suggestion restores the original (loosely compared).
    pub top_correct: bool,
    /// Some suggestion restores the original exactly.
    pub restored: bool,
}

/// The findings on one document and how they matched its gold spans.
#[derive(Debug, Clone)]
pub struct DocumentResult {
    /// Findings, in position order.
    pub findings: Vec<Finding>,
    /// Finding ↔ gold span matching.
    pub matching: Matching,
    /// One outcome per gold span, in the document's gold order.
    pub gold: Vec<GoldOutcome>,
    /// Words in the document.
    pub words: usize,
    /// The pivot the run used (inferred, or the annotated one).
    pub pivot: Option<PivotGuess>,
}

/// Where `eval` takes each document's pivot from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PivotSource {
    /// Inferred from the findings, as `check` does (what users get).
    #[default]
    Inferred,
    /// The pivot the annotation gives, where it gives one (an upper bound for inference).
    Annotated,
    /// Inferred but not used to adjust confidences (the baseline).
    ReportOnly,
}

/// Lints a document, as the language its annotation gives (or the linter's
/// forced language), and matches the findings to its gold spans.
pub fn evaluate_document(
    linter: &Linter,
    doc: &AnnotatedDocument,
    pivot: PivotSource,
) -> DocumentResult {
    let text = &doc.document.text;
    let language = linter
        .options()
        .language
        .as_deref()
        .unwrap_or(&doc.language);
    let (mut findings, shared) = linter.lint_text_with_pivots(text, language);
    let mode = match (pivot, &doc.pivot) {
        (PivotSource::Annotated, Some(p)) => PivotMode::Known(p.clone()),
        (PivotSource::ReportOnly, _) => PivotMode::ReportOnly,
        _ => PivotMode::Infer,
    };
    let pivot = linter.apply_pivot(&mut findings, text, &shared, &mode);
    let spans: Vec<(usize, usize)> = findings.iter().map(|f| (f.start, f.end)).collect();
    let gold_spans: Vec<(usize, usize)> = doc.gold.iter().map(|g| (g.start, g.end)).collect();
    let matching = match_spans(&spans, &gold_spans);
    let gold = doc
        .gold
        .iter()
        .zip(&matching.finding_of)
        .map(|(g, &f)| match f {
            None => GoldOutcome::default(),
            Some(i) => {
                let finding = &findings[i];
                let expected = region(text, g, finding, &g.original, true);
                let fixed = |s: &str| region(text, g, finding, s, false);
                GoldOutcome {
                    finding: Some(i),
                    top_correct: finding
                        .suggestions
                        .first()
                        .is_some_and(|s| loose(&fixed(&s.replacement)) == loose(&expected)),
                    restored: finding
                        .suggestions
                        .iter()
                        .any(|s| fixed(&s.replacement) == expected),
                }
            }
        })
        .collect();
    DocumentResult {
        findings,
        matching,
        gold,
        words: count_words(text),
        pivot,
    }
}

/// The text of the union of a gold span and a finding, with `replacement` put
/// in place of the gold span (`gold_side`) or of the finding.
fn region(
    text: &str,
    gold: &GoldSpan,
    finding: &Finding,
    replacement: &str,
    gold_side: bool,
) -> String {
    let start = gold.start.min(finding.start);
    let end = gold.end.max(finding.end);
    let (a, b) = if gold_side {
        (gold.start, gold.end)
    } else {
        (finding.start, finding.end)
    };
    format!("{}{replacement}{}", &text[start..a], &text[b..end])
}

/// Lowercase, whitespace runs as one space, trimmed, curly apostrophes straight.
fn loose(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
}

/// The outcome of evaluating a corpus: per-set statistics and the aggregates.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// One entry per document set, sorted by name.
    pub sets: Vec<SetStats>,
    /// All annotated (non-negative) sets together, if there are any.
    pub overall: Option<SetStats>,
    /// All negative sets together, if there are any.
    pub negative: Option<SetStats>,
}

impl Evaluation {
    /// Counts the results (one per corpus document, in corpus order).
    pub fn new(corpus: &Corpus, results: &[DocumentResult]) -> Evaluation {
        let mut sets: std::collections::BTreeMap<&str, SetStats> = Default::default();
        for (doc, result) in corpus.documents.iter().zip(results) {
            sets.entry(&doc.set)
                .or_insert_with(|| SetStats::new(&doc.set, doc.negative))
                .add_document(doc, result);
        }
        Evaluation::from_sets(sets.into_values().collect())
    }

    /// The evaluation of per-set counts: all annotated and all negative sets pooled.
    pub fn from_sets(sets: Vec<SetStats>) -> Evaluation {
        Evaluation {
            overall: SetStats::pool("overall", false, &sets),
            negative: SetStats::pool("negative", true, &sets),
            sets,
        }
    }

    /// Lints every document of `corpus` and counts the outcomes; `progress` is
    /// called after each document.
    pub fn run(
        linter: &Linter,
        corpus: &Corpus,
        pivot: PivotSource,
        mut progress: impl FnMut(&AnnotatedDocument),
    ) -> (Evaluation, Vec<DocumentResult>) {
        let results: Vec<DocumentResult> = corpus
            .documents
            .iter()
            .map(|doc| {
                let r = evaluate_document(linter, doc, pivot);
                progress(doc);
                r
            })
            .collect();
        (Evaluation::new(corpus, &results), results)
    }
}
