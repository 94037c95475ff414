//! The lint engine: compiles a rule set once, then lints documents in one pass per matcher.

mod cache;
mod context;
pub mod detectors;
pub mod language;
mod message;
mod overlap;
mod parts;
mod patterns;
mod phrase_starts;
mod phrases;
pub mod pivot;
mod selection;
mod word_count;

pub use cache::LintCache;
pub use context::{is_word_char, on_word_boundaries};
pub use language::LanguageSource;
pub use parts::PartLint;
pub use selection::Selection;
pub use word_count::count_words;

use std::sync::Arc;

use crate::diagnostic::{Category, Finding, Suggestion};
use crate::document::Document;
use crate::formats::Extracted;
use crate::rules::{Matcher, RuleSet};
use crate::suppress;
use patterns::PatternMatcher;
use phrases::{PhraseMatcher, TriggerHit};

/// Options that shape a lint run.
#[derive(Debug, Clone)]
pub struct LintOptions {
    /// Which rules run.
    pub selection: Selection,
    /// Drop findings below this confidence.
    pub min_confidence: f32,
    /// Force the document language instead of detecting it.
    pub language: Option<String>,
    /// Language assumed when detection is unreliable.
    pub default_language: String,
    /// Exact phrases never reported (names, quotes that must stay as written).
    pub ignore_phrases: Vec<String>,
    /// How the document's pivot language is found and used.
    pub pivot: pivot::PivotMode,
}

impl Default for LintOptions {
    fn default() -> Self {
        LintOptions {
            selection: Selection::default(),
            min_confidence: 0.0,
            language: None,
            default_language: "en".to_string(),
            ignore_phrases: Vec::new(),
            pivot: pivot::PivotMode::default(),
        }
    }
}

/// The result of linting one document.
#[derive(Debug, Clone)]
pub struct Report {
    /// Language the document was linted as (ISO 639-1).
    pub language: String,
    /// How that language was decided.
    pub language_source: LanguageSource,
    /// Findings sorted by position, without overlaps.
    pub findings: Vec<Finding>,
    /// Number of words in the document's prose.
    pub words: usize,
    /// Suppression comments that suppressed nothing.
    pub unused_suppressions: Vec<crate::suppress::UnusedSuppression>,
    /// The language the document was likely translated through, inferred from the
    /// findings (see [`pivot`]).
    pub pivot: Option<pivot::PivotGuess>,
}

/// A match before it becomes a [`Finding`].
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Rule index in the rule set.
    pub rule: usize,
    /// Start byte offset.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
    /// Suggested replacements, best first, case already applied.
    pub suggestions: Vec<String>,
    /// Confidence override (detectors); `None` uses the rule's.
    pub confidence: Option<f32>,
}

/// A rule set compiled for linting.
pub struct Linter {
    rules: Arc<RuleSet>,
    options: LintOptions,
    enabled: Vec<bool>,
    phrases: PhraseMatcher,
    patterns: PatternMatcher,
    detectors: Vec<(usize, Box<dyn detectors::Detector>)>,
    /// Pattern rules (by index) that may match across a line break, run on the
    /// whole text by [`Linter::lint_cached`] (found on its first use: parsing every
    /// pattern takes a few milliseconds).
    crosses_lines: std::sync::OnceLock<Vec<bool>>,
}

/// An error building a linter from a rule set.
#[derive(Debug, thiserror::Error)]
pub enum LinterError {
    /// A detector rule could not be built (unknown name or bad parameters).
    #[error("rule `{rule}`: {message}")]
    Detector {
        /// Rule id.
        rule: String,
        /// What is wrong.
        message: String,
    },
}

impl Linter {
    /// Compiles the enabled rules of `rules` into matchers.
    pub fn new(
        rules: impl Into<Arc<RuleSet>>,
        options: LintOptions,
    ) -> Result<Linter, LinterError> {
        let rules: Arc<RuleSet> = rules.into();
        let enabled: Vec<bool> = rules
            .rules
            .iter()
            .map(|r| options.selection.enables(r, &rules.packs[r.pack]))
            .collect();
        let mut detectors = Vec::new();
        for (ri, rule) in rules.rules.iter().enumerate() {
            if let Matcher::Detector { name, params } = &rule.matcher {
                if !enabled[ri] {
                    continue;
                }
                let detector =
                    detectors::build(name, params).map_err(|message| LinterError::Detector {
                        rule: rule.id.to_string(),
                        message,
                    })?;
                detectors.push((ri, detector));
            }
        }
        let phrases = PhraseMatcher::new(&rules, &enabled);
        let patterns = PatternMatcher::new(&rules.rules, &enabled);
        Ok(Linter {
            crosses_lines: std::sync::OnceLock::new(),
            rules,
            options,
            enabled,
            phrases,
            patterns,
            detectors,
        })
    }

    /// The rule set this linter was built from.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The options this linter was built with.
    pub fn options(&self) -> &LintOptions {
        &self.options
    }

    /// Whether a rule (by index) is enabled.
    pub fn is_enabled(&self, rule: usize) -> bool {
        self.enabled[rule]
    }

    /// Lints a document: its prose (per its format), with positions in its source,
    /// minus suppressed findings.
    pub fn lint(&self, doc: &Document) -> Report {
        let extracted = doc.format.extract(&doc.text);
        let prose = &extracted.prose;
        let (language, language_source) = language::decide(
            &prose.text,
            self.options.language.as_deref(),
            &self.options.default_language,
        );
        let decided = (language, language_source);
        let (found, words) = self
            .findings_split(&prose.text, &decided)
            .unwrap_or_else(|| {
                let found = self.all_findings(&prose.text, &decided.0);
                (found, count_words(&prose.text))
            });
        let (language, language_source) = decided;
        self.report(doc, &extracted, language, language_source, found, words)
    }

    /// The report of a document from the findings in its prose before overlaps are
    /// resolved (sorted by start, end and rule): overlaps, positions in the source,
    /// ignored phrases, suppressions and the pivot. The steps of [`Linter::lint`]
    /// after the matchers, shared with [`Linter::lint_cached`].
    fn report(
        &self,
        doc: &Document,
        extracted: &Extracted<'_>,
        language: String,
        language_source: LanguageSource,
        found: Vec<Finding>,
        words: usize,
    ) -> Report {
        let prose = &extracted.prose;
        let (mut findings, prose_pivots) = resolve_with_pivots(found);
        let mut shared = pivot::SharedPivots::new();
        for f in &mut findings {
            let span = prose.to_source(f.start, f.end);
            if let Some(p) = prose_pivots.get(&(f.start, f.end)) {
                shared.insert((span.start, span.end), p.clone());
            }
            f.start = span.start;
            f.end = span.end;
            if !span.exact {
                // Replacing text across markup would break it.
                f.applicability = crate::diagnostic::Applicability::DisplayOnly;
            }
        }
        suppress::drop_ignored_phrases(&doc.text, &mut findings, &self.options.ignore_phrases);
        let suppressions = suppress::parse(&extracted.comments);
        let unused_suppressions =
            suppress::apply(&doc.text, doc.index(), &mut findings, &suppressions);
        let pivot = self.apply_pivot(&mut findings, &doc.text, &shared, &self.options.pivot);
        Report {
            language,
            language_source,
            findings,
            words,
            unused_suppressions,
            pivot,
        }
    }

    /// Finds the pivot of a document under `mode` and adjusts ambiguous false friends to
    /// it, then drops findings below the minimum confidence (false friends pass
    /// [`Linter::lint_text`] a little below it, since a clear pivot may raise them).
    pub fn apply_pivot(
        &self,
        findings: &mut Vec<Finding>,
        text: &(impl pivot::SpanText + ?Sized),
        shared: &pivot::SharedPivots,
        mode: &pivot::PivotMode,
    ) -> Option<pivot::PivotGuess> {
        let guess = pivot::resolve(findings, text, shared, mode);
        let min = self.options.min_confidence;
        findings.retain(|f| f.confidence >= min);
        guess
    }

    /// Lints `text` as the given language (no detection), before the pivot is applied
    /// (see [`Linter::apply_pivot`]).
    pub fn lint_text(&self, text: &str, language: &str) -> Vec<Finding> {
        overlap::resolve(self.all_findings(text, language))
    }

    /// [`Linter::lint_text`], with the pivots of every pack whose rules matched a kept
    /// finding's exact span (related pivots share rules, so such a match is evidence for
    /// each of them, not only for the pack that won the overlap).
    pub fn lint_text_with_pivots(
        &self,
        text: &str,
        language: &str,
    ) -> (Vec<Finding>, pivot::SharedPivots) {
        resolve_with_pivots(self.all_findings(text, language))
    }

    /// Findings of one rule in `text`, before overlaps with other rules are resolved
    /// (what a rule's examples are checked against).
    pub fn candidates_of_rule(&self, text: &str, language: &str, rule: usize) -> Vec<Finding> {
        let mut found = self.all_findings(text, language);
        found.retain(|f| f.rule_index == rule);
        overlap::resolve(found)
    }

    /// Which pattern rules may match across a line break (see
    /// [`crate::rules::LazyRegex::crosses_lines`]).
    fn crosses_lines(&self) -> &[bool] {
        self.crosses_lines.get_or_init(|| {
            self.rules
                .rules
                .iter()
                .zip(&self.enabled)
                .map(|(rule, &on)| match &rule.matcher {
                    Matcher::Pattern { regex, .. } if on => regex.crosses_lines(),
                    _ => false,
                })
                .collect()
        })
    }

    fn all_findings(&self, text: &str, language: &str) -> Vec<Finding> {
        self.findings_in(text, language, Part::All, &mut Vec::new(), None)
    }

    /// All findings in `text` before overlaps are resolved; for one part of a document,
    /// `evidence` collects its detectors' evidence about the whole document.
    fn all_findings_in(
        &self,
        text: &str,
        language: &str,
        evidence: Option<&mut detectors::PartEvidence>,
    ) -> Vec<Finding> {
        self.findings_in(text, language, Part::All, &mut Vec::new(), evidence)
    }

    /// The findings of `part` of the matchers in `text`, before overlaps are
    /// resolved, sorted by start, end and rule. Pattern rules that may match across
    /// lines are not run on lines: for [`Part::Lines`], `deferred` receives their
    /// trigger hits; for [`Part::Document`], it holds their hits in the whole text.
    /// For one part of a document read in parts, `evidence` collects its detectors'
    /// evidence about the whole document.
    fn findings_in(
        &self,
        text: &str,
        language: &str,
        part: Part,
        deferred: &mut Vec<TriggerHit>,
        mut evidence: Option<&mut detectors::PartEvidence>,
    ) -> Vec<Finding> {
        let mut candidates = Vec::new();
        let rules = &self.rules.rules;
        let crosses_lines = match part {
            Part::All => &[][..],
            _ => self.crosses_lines(),
        };
        let crosses = |ri: usize| crosses_lines[ri];
        match part {
            Part::All => {
                self.phrases
                    .find(text, rules, &mut candidates, &mut |triggers, out| {
                        self.patterns.find_around(text, rules, triggers, out)
                    });
                self.patterns
                    .find_untriggered(text, rules, &mut candidates, |_| true);
            }
            Part::Lines => {
                self.phrases
                    .find(text, rules, &mut candidates, &mut |triggers, out| {
                        deferred.extend(triggers.iter().filter(|&&(ri, _)| crosses(ri)));
                        triggers.retain(|&(ri, _)| !crosses(ri));
                        self.patterns.find_around(text, rules, triggers, out)
                    });
                self.patterns
                    .find_untriggered(text, rules, &mut candidates, |ri| !crosses(ri));
            }
            Part::Document => {
                if !deferred.is_empty() {
                    self.patterns
                        .find_around(text, rules, deferred, &mut candidates);
                }
                self.patterns
                    .find_untriggered(text, rules, &mut candidates, crosses);
            }
        }
        let words = detectors::TextWords::new(text);
        for (rule, detector) in &self.detectors {
            match part {
                Part::All => match evidence.as_deref_mut() {
                    Some(evidence) => {
                        detector.find_in_part(&words, *rule, &mut candidates, evidence)
                    }
                    None => detector.find_in(&words, *rule, &mut candidates),
                },
                Part::Lines if !detector.document_level() => {
                    detector.find_in_lines(&words, *rule, &mut candidates)
                }
                Part::Document if detector.document_level() => {
                    detector.find_in(&words, *rule, &mut candidates)
                }
                _ => {}
            }
        }
        candidates.sort_by_key(|c| (c.start, c.end, c.rule));
        candidates.dedup_by(|a, b| (a.start, a.end, a.rule) == (b.start, b.end, b.rule));
        candidates
            .into_iter()
            .filter_map(|c| self.to_finding(text, language, c))
            .collect()
    }

    fn to_finding(&self, text: &str, language: &str, c: Candidate) -> Option<Finding> {
        let rule = &self.rules.rules[c.rule];
        let pack = &self.rules.packs[rule.pack];
        if pack.language != language {
            return None;
        }
        let confidence = c.confidence.unwrap_or(rule.confidence);
        let floor = if rule.category == Category::FalseFriend && self.options.pivot.adjusts() {
            // A clear pivot may raise an ambiguous false friend over the minimum.
            self.options.min_confidence / pivot::RAISE
        } else {
            self.options.min_confidence
        };
        if confidence < floor {
            return None;
        }
        let matched = &text[c.start..c.end];
        let proposes = !c.suggestions.is_empty();
        let mut suggestions: Vec<String> = Vec::with_capacity(c.suggestions.len());
        for s in c.suggestions {
            if s != matched && !suggestions.contains(&s) {
                suggestions.push(s);
            }
        }
        if proposes && suggestions.is_empty() {
            // The text already reads as the original (e.g. correct casing).
            return None;
        }
        let extra = match &rule.matcher {
            Matcher::Detector { .. } => self
                .detectors
                .iter()
                .find(|(ri, _)| *ri == c.rule)
                .map(|(_, d)| d.placeholders(matched))
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let message = message::render(
            rule,
            pack,
            matched,
            suggestions.first().map(String::as_str),
            &extra,
        );
        let n = suggestions.len() as f32;
        Some(Finding {
            rule: rule.id.to_string(),
            rule_index: c.rule,
            category: rule.category,
            severity: rule.severity,
            confidence,
            message,
            start: c.start,
            end: c.end,
            suggestions: suggestions
                .into_iter()
                .enumerate()
                .map(|(i, replacement)| Suggestion {
                    replacement,
                    // The top suggestion carries the rule's confidence; later ones less.
                    confidence: confidence * (1.0 - i as f32 / (n + 1.0)),
                })
                .collect(),
            pivot: pack.pivot.clone(),
            applicability: rule.applicability,
        })
    }
}

impl Linter {
    /// Drops the findings of line-local detectors that the whole document overrules
    /// (see [`detectors::Detector::stand_in_document`]); `found` is sorted by position.
    fn check_in_document(&self, text: &str, found: &mut Vec<Finding>) {
        for (rule, detector) in &self.detectors {
            if detector.document_level() || !detector.checks_document() {
                continue;
            }
            let spans: Vec<(usize, usize)> = found
                .iter()
                .filter(|f| f.rule_index == *rule)
                .map(|f| (f.start, f.end))
                .collect();
            if spans.is_empty() {
                continue;
            }
            let mut stands = detector.stand_in_document(text, &spans).into_iter();
            found.retain(|f| f.rule_index != *rule || stands.next().unwrap_or(true));
        }
    }
}

/// Which matchers a lint runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// All of them.
    All,
    /// Those whose findings in a line depend on that line alone: phrases, patterns
    /// and line-local detectors (run line by line by [`Linter::lint_cached`]).
    Lines,
    /// The detectors that use evidence from the whole document.
    Document,
}

/// Resolves overlaps among `found` (sorted by start, end and rule), and collects
/// the pivots of every pack whose rules matched a kept finding's exact span.
fn resolve_with_pivots(found: Vec<Finding>) -> (Vec<Finding>, pivot::SharedPivots) {
    let shared = shared_pivots(&found);
    (overlap::resolve(found), shared)
}

/// For findings whose exact span the rules of several pivots matched, those pivots
/// (see [`pivot::SharedPivots`]); `found` is before overlaps are resolved.
fn shared_pivots(found: &[Finding]) -> pivot::SharedPivots {
    let mut shared = pivot::SharedPivots::new();
    for f in found {
        if let Some(p) = f
            .pivot
            .as_ref()
            .filter(|_| pivot::carries_pivot(f.category))
        {
            let entry: &mut Vec<String> = shared.entry((f.start, f.end)).or_default();
            if !entry.contains(p) {
                entry.push(p.clone());
            }
        }
    }
    shared.retain(|_, pivots| pivots.len() > 1);
    shared
}
