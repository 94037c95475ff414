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
use super::phrases::TriggerHit;
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
    /// Lines of the last lint, by their text after the text of the line before.
    lines: HashMap<Box<str>, Line>,
}

/// What the line-local matchers found in one line, read after the line before it.
#[derive(Debug)]
struct Line {
    /// Findings that end in the line, before overlaps are resolved and before the
    /// document checks; offsets relative to the start of the line before.
    findings: Vec<Finding>,
    /// Where the trigger literals of pattern rules that may match across lines
    /// occur in the line (same offsets): those rules run on the whole text.
    hits: Vec<TriggerHit>,
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
}

/// [`language::decide`]'s answer from what detection found.
fn decided(detected: Option<String>, default: &str) -> (String, LanguageSource) {
    match detected {
        Some(code) => (code, LanguageSource::Detected),
        None => (default.to_string(), LanguageSource::Assumed),
    }
}

impl Linter {
    /// [`Linter::lint`], reusing from `cache` what earlier lints of the document
    /// found in lines that are unchanged (wherever they moved), and keeping what it
    /// finds for the next call. Gives the same report as [`Linter::lint`].
    pub fn lint_cached(&self, doc: &Document, cache: &mut LintCache) -> Report {
        let extracted = doc.format.extract(&doc.text);
        let text: &str = &extracted.prose.text;
        let default = &self.options.default_language;
        let sample = language::detection_sample(text);
        let known = match (&self.options.language, &cache.detected) {
            (Some(forced), _) => Some((forced.clone(), LanguageSource::Forced)),
            (None, Some((s, detected))) if s == sample => Some(decided(detected.clone(), default)),
            _ => None,
        };
        let (language, language_source, (found, words)) = match known {
            Some((language, source)) => {
                let found = self.cached_findings(text, &language, cache);
                (language, source, found)
            }
            None => {
                // Detection (a millisecond on 16 KB) runs on another thread while the
                // lines are linted as the language of the last lint, which it
                // nearly always confirms; otherwise they are linted again.
                let guess = cache.language.clone();
                let (detected, found) = std::thread::scope(|scope| {
                    let detection = scope.spawn(|| language::detect(sample));
                    let found =
                        (!guess.is_empty()).then(|| self.cached_findings(text, &guess, cache));
                    let detected = detection
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                    (detected, found)
                });
                cache.detected = Some((sample.to_string(), detected.clone()));
                let (language, source) = decided(detected, default);
                let found = match found {
                    Some(found) if language == guess => found,
                    _ => self.cached_findings(text, &language, cache),
                };
                (language, source, found)
            }
        };
        self.report(doc, &extracted, language, language_source, found, words)
    }

    /// The findings in `text` (the prose) as `language` before overlaps are
    /// resolved, sorted, with the number of words: the line-local matchers' from
    /// the cache or run on the lines not in it, the others' run on the whole text.
    fn cached_findings(
        &self,
        text: &str,
        language: &str,
        cache: &mut LintCache,
    ) -> (Vec<Finding>, usize) {
        if cache.language != language {
            cache.lines.clear();
            language.clone_into(&mut cache.language);
        }
        // Lines not seen in this text are dropped, so the cache stays the size of
        // the document.
        let mut previous = std::mem::take(&mut cache.lines);
        let mut found = Vec::new();
        let mut hits = Vec::new();
        let mut words = 0;
        let mut at = 0;
        let mut prev = "";
        // The line after the line before it: the key of its entry.
        let mut key = String::new();
        for line in text.split_inclusive('\n') {
            key.clear();
            key.push_str(prev);
            key.push_str(line);
            if !cache.lines.contains_key(key.as_str()) {
                let entry = previous
                    .remove(key.as_str())
                    .unwrap_or_else(|| self.lint_line(&key, prev.len(), language));
                cache.lines.insert(key.as_str().into(), entry);
            }
            let entry = &cache.lines[key.as_str()];
            words += entry.words;
            // Offsets are relative to the start of the line before.
            let base = at - prev.len();
            found.extend(entry.findings.iter().map(|f| {
                let mut f = f.clone();
                f.start += base;
                f.end += base;
                f
            }));
            hits.extend(entry.hits.iter().map(|&(ri, h)| (ri, h + base)));
            at += line.len();
            prev = line;
        }
        found.extend(self.findings_in(text, language, Part::Document, &mut hits, None));
        found.sort_by_key(|f| (f.start, f.end, f.rule_index));
        self.check_in_document(text, &mut found);
        (found, words)
    }

    /// Lints one line read after the line before it (`pair`, the line starting at
    /// `line_start`): the findings of the line-local matchers that end in the line.
    /// Matchers may look back one line (whether a line starts a sentence depends on
    /// how the line before ends) and a match may run on from the line before
    /// ("New\nYork"), so a line's findings are those of the pair that end in it.
    fn lint_line(&self, pair: &str, line_start: usize, language: &str) -> Line {
        let mut hits = Vec::new();
        let mut findings = self.findings_in(pair, language, Part::Lines, &mut hits, None);
        findings.retain(|f| f.end > line_start || f.start >= line_start);
        hits.retain(|&(_, at)| at >= line_start);
        Line {
            findings,
            hits,
            words: count_words(&pair[line_start..]),
        }
    }
}
