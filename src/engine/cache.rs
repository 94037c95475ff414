//! Linting a document again after an edit, reusing what the previous lints found
//! in its unchanged lines.
//!
//! A document's prose is split into lines (each with its line break). The
//! matchers whose findings in a line depend on that line alone — phrase and
//! pattern rules and the line-local detectors — run once per distinct line text:
//! their findings, relative to the line start, are kept in a [`LintCache`] keyed
//! by the line's text and shifted to wherever the line is now. Everything else
//! runs on the whole document each time, as [`Linter::lint`] runs it: format
//! extraction, the detectors that use evidence from elsewhere in the document
//! (see [`super::detectors::Detector::document_level`]), overlap resolution,
//! ignored phrases, suppressions and the pivot. Language detection reads a
//! bounded prefix of the prose, so its answer is kept while that prefix is
//! unchanged. The result is the report [`Linter::lint`] gives for the same text.

use std::collections::HashMap;

use super::language::{self, LanguageSource};
use super::{count_words, Linter, Part, Report};
use crate::diagnostic::Finding;
use crate::document::Document;

/// What earlier lints of one document found, for [`Linter::lint_cached`]. A cache
/// belongs to one linter: use a new one (or [`LintCache::clear`]) with another.
#[derive(Debug, Default)]
pub struct LintCache {
    /// The last language detection: the sample it read and its answer.
    detected: Option<(String, Option<String>)>,
    /// The language the cached lines were linted as.
    language: String,
    /// Lines of the last lint, by text.
    lines: HashMap<Box<str>, Line>,
}

/// What the line-local matchers found in one line.
#[derive(Debug)]
struct Line {
    /// Findings before overlaps are resolved, offsets relative to the line start.
    findings: Vec<Finding>,
    /// Words in the line.
    words: usize,
}

impl LintCache {
    /// An empty cache.
    pub fn new() -> LintCache {
        LintCache::default()
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        *self = LintCache::default();
    }

    /// Distinct lines held.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether no line is held.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// [`language::decide`], detecting again only when the sample read changed.
    fn decide(
        &mut self,
        text: &str,
        forced: Option<&str>,
        default: &str,
    ) -> (String, LanguageSource) {
        if let Some(lang) = forced {
            return (lang.to_string(), LanguageSource::Forced);
        }
        let sample = language::detection_sample(text);
        let detected = match &self.detected {
            Some((s, detected)) if s == sample => detected.clone(),
            _ => {
                let detected = language::detect(sample);
                self.detected = Some((sample.to_string(), detected.clone()));
                detected
            }
        };
        match detected {
            Some(code) => (code, LanguageSource::Detected),
            None => (default.to_string(), LanguageSource::Assumed),
        }
    }
}

impl Linter {
    /// [`Linter::lint`], reusing from `cache` what earlier lints of the document
    /// found in lines that are unchanged (wherever they moved), and keeping what it
    /// finds for the next call. Gives the same report as [`Linter::lint`].
    pub fn lint_cached(&self, doc: &Document, cache: &mut LintCache) -> Report {
        let extracted = doc.format.extract(&doc.text);
        let text: &str = &extracted.prose.text;
        let (language, language_source) = cache.decide(
            text,
            self.options.language.as_deref(),
            &self.options.default_language,
        );
        if cache.language != language {
            cache.lines.clear();
            cache.language.clone_from(&language);
        }
        // Lines not seen in this text are dropped, so the cache stays the size of
        // the document.
        let mut previous = std::mem::take(&mut cache.lines);
        let mut found = Vec::new();
        let mut words = 0;
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            if !cache.lines.contains_key(line) {
                let entry = previous.remove(line).unwrap_or_else(|| Line {
                    findings: self.findings_in(line, &language, Part::Lines),
                    words: count_words(line),
                });
                cache.lines.insert(line.into(), entry);
            }
            let entry = &cache.lines[line];
            words += entry.words;
            found.extend(entry.findings.iter().map(|f| {
                let mut f = f.clone();
                f.start += at;
                f.end += at;
                f
            }));
            at += line.len();
        }
        found.extend(self.findings_in(text, &language, Part::Document));
        found.sort_by_key(|f| (f.start, f.end, f.rule_index));
        self.report(doc, &extracted, language, language_source, found, words)
    }
}
