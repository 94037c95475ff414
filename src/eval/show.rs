//! The misses and false positives of a run, with context, for rule authors.

use std::io::{self, Write};

use serde::Serialize;

use super::corpus::{Corpus, Tier};
use super::DocumentResult;
use crate::document::Document;

/// Characters of context shown on each side of a span.
const SIDE: usize = 30;

/// A gold span no finding matched.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    /// Document set.
    pub set: String,
    /// Document path.
    pub document: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (Unicode scalars).
    pub column: usize,
    /// Start byte offset.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
    /// The artefact text.
    pub text: String,
    /// Gold category.
    pub category: String,
    /// The original wording.
    pub original: String,
    /// Difficulty tier.
    pub tier: Tier,
    /// The annotator's note.
    pub note: Option<String>,
    /// The line around the span, the span in `[brackets]`.
    pub context: String,
}

/// A finding that matched no gold span.
#[derive(Debug, Clone, Serialize)]
pub struct FalsePositive {
    /// Document set.
    pub set: String,
    /// Document path.
    pub document: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (Unicode scalars).
    pub column: usize,
    /// Start byte offset.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
    /// The matched text.
    pub text: String,
    /// Rule id, `pack/rule`.
    pub rule: String,
    /// Finding category.
    pub category: String,
    /// Top suggestion, if any.
    pub suggestion: Option<String>,
    /// The finding's message.
    pub message: String,
    /// The line around the span, the span in `[brackets]`.
    pub context: String,
}

/// Every gold span without a matching finding, in corpus order.
pub fn misses(corpus: &Corpus, results: &[DocumentResult]) -> Vec<Miss> {
    let mut out = Vec::new();
    for (doc, result) in corpus.documents.iter().zip(results) {
        for (g, outcome) in doc.gold.iter().zip(&result.gold) {
            if outcome.finding.is_some() {
                continue;
            }
            let (line, column) = doc.document.line_col(g.start);
            out.push(Miss {
                set: doc.set.clone(),
                document: doc.document.path.clone(),
                line,
                column,
                start: g.start,
                end: g.end,
                text: doc.document.text[g.start..g.end].to_string(),
                category: g.category.clone(),
                original: g.original.clone(),
                tier: g.tier,
                note: g.note.clone(),
                context: context(&doc.document, g.start, g.end),
            });
        }
    }
    out
}

/// Every finding without a matching gold span, in corpus order.
pub fn false_positives(corpus: &Corpus, results: &[DocumentResult]) -> Vec<FalsePositive> {
    let mut out = Vec::new();
    for (doc, result) in corpus.documents.iter().zip(results) {
        for (f, gold) in result.findings.iter().zip(&result.matching.gold_of) {
            if gold.is_some() {
                continue;
            }
            let (line, column) = doc.document.line_col(f.start);
            out.push(FalsePositive {
                set: doc.set.clone(),
                document: doc.document.path.clone(),
                line,
                column,
                start: f.start,
                end: f.end,
                text: f.text(&doc.document.text).to_string(),
                rule: f.rule.clone(),
                category: f.category.as_str().to_string(),
                suggestion: f.suggestions.first().map(|s| s.replacement.clone()),
                message: f.message.clone(),
                context: context(&doc.document, f.start, f.end),
            });
        }
    }
    out
}

/// About 60 characters of the span's line around it, the span in `[brackets]`.
pub fn context(doc: &Document, start: usize, end: usize) -> String {
    let text = &doc.text;
    let index = doc.index();
    let range = index.line_range(text, index.line_of(start));
    let end = end.clamp(start, range.end.max(start));
    let before = &text[range.start..start];
    let mut cut = before
        .char_indices()
        .rev()
        .nth(SIDE - 1)
        .map_or(0, |(i, _)| i);
    // Start and end on word boundaries when one is near, so no word is split.
    if cut > 0 {
        if let Some(space) = before[cut..].find(' ').filter(|&i| i < 12) {
            cut += space + 1;
        }
    }
    let after = &text[end..range.end.max(end)];
    let mut keep = after
        .char_indices()
        .nth(SIDE)
        .map_or(after.len(), |(i, _)| i);
    if keep < after.len() {
        if let Some(space) = after[..keep].rfind(' ').filter(|&i| keep - i < 12) {
            keep = space;
        }
    }
    format!(
        "{}{}[{}]{}{}",
        if cut > 0 { "…" } else { "" },
        &before[cut..],
        &text[start..end],
        &after[..keep],
        if keep < after.len() { "…" } else { "" },
    )
}

/// Writes the misses, one entry of two lines each.
pub fn write_misses(out: &mut dyn Write, misses: &[Miss]) -> io::Result<()> {
    writeln!(
        out,
        "Misses: {} gold span{} no finding matched",
        misses.len(),
        s(misses.len())
    )?;
    for m in misses {
        let tier = match m.tier {
            Tier::Easy => "easy",
            Tier::Hard => "hard",
        };
        writeln!(
            out,
            "{}:{}:{}: {} ({tier}) {:?} → {:?}",
            m.document, m.line, m.column, m.category, m.text, m.original
        )?;
        writeln!(out, "    {}", m.context)?;
        if let Some(note) = &m.note {
            writeln!(out, "    note: {note}")?;
        }
    }
    Ok(())
}

/// Writes the false positives, one entry of two lines each.
pub fn write_false_positives(out: &mut dyn Write, fps: &[FalsePositive]) -> io::Result<()> {
    writeln!(
        out,
        "False positives: {} finding{} matched no gold span",
        fps.len(),
        s(fps.len())
    )?;
    for f in fps {
        let suggestion = f
            .suggestion
            .as_ref()
            .map_or_else(String::new, |s| format!(" → {s:?}"));
        writeln!(
            out,
            "{}:{}:{}: {} ({}) {:?}{suggestion}",
            f.document, f.line, f.column, f.rule, f.category, f.text
        )?;
        writeln!(out, "    {}", f.context)?;
    }
    Ok(())
}

fn s(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
