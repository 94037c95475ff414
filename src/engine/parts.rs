//! Linting a plain-text document part by part, so that a huge file never has to be in
//! memory whole: each part is linted as it is read, and only its findings, the lines
//! they are on and a little document-level evidence are kept.
//!
//! The result is [`Linter::lint`]'s for the whole text, step by step:
//!
//! - Language: decided on the first part, which holds at least the bytes
//!   [`language::decide`] samples.
//! - Matchers and detectors: run per part. Parts end at a line end after `.`, `!` or
//!   `?` (see [`crate::document::PartReader`]), so matches do not cross them. Detectors
//!   that weigh evidence from the whole document record it per part: `non-word` counts
//!   its unknown words (its findings are dropped at the end when the document repeats
//!   the word too often); `casing` (a lowercase name the document may write so by
//!   convention) and `title-case` (headline capitals the document's usage decides) mark
//!   the part undecidable, and the caller lints the document whole instead.
//! - Overlaps: resolved over all findings at the end (findings of different parts never
//!   overlap, so this is each part's resolution).
//! - Pivot: inferred at the end from all findings; the texts of the spans it reads are
//!   kept with their lines.
//! - Words: summed over the parts (they end at a line end, which splits no word).
//! - Plain text has no suppression comments; ignored phrases (which may span parts) are
//!   not supported: [`Linter::can_lint_parts`].

use std::collections::{HashMap, HashSet};

use memchr::memmem::Finder;
use rayon::prelude::*;

use super::detectors::title_case::{self, TitleRun};
use super::detectors::{self, Convention, PartEvidence, RepeatLimited, TextWords};
use super::phrase_starts::WordStartPhrases;
use super::{count_words, language, overlap, shared_pivots, LanguageSource, Linter, Report};
use crate::diagnostic::Finding;
use crate::document::{self, Excerpts};

/// The `title-case` evidence of one rule: (rule, wanted words, their counts as
/// [`title_case::count_evidence`] gives them).
type TitleEvidence = (usize, Vec<String>, Vec<(usize, usize)>);

/// A document being linted part by part: [`Linter::lint_parts`].
pub struct PartLint<'l> {
    linter: &'l Linter,
    language: Option<(String, LanguageSource)>,
    /// Whether the first part was shorter than the language sample (fine only if it is
    /// the only one).
    short_first: bool,
    found: Vec<Finding>,
    counts: HashMap<(usize, String), usize>,
    limited: Vec<RepeatLimited>,
    conventions: Vec<Convention>,
    /// Occurrences in the whole document of the names of `conventions` and their
    /// spellings, once counted ([`PartLint::count_in`]).
    name_counts: Vec<(String, Occurrences)>,
    /// `title-case` runs (see [`TitleRun`]), in document order.
    title_runs: Vec<TitleRun>,
    /// Evidence counted for them: per rule, its wanted words and their counts.
    title_evidence: Vec<TitleEvidence>,
    /// Phrases of the runs and their occurrences (up to 2: whether a phrase occurs at
    /// least twice is all that is asked).
    phrases: Vec<String>,
    phrase_counts: Vec<Occurrences>,
    /// The phrases counted from word starts, all in one pass ([`WordStartPhrases`]);
    /// the others are searched for one by one.
    word_start_phrases: Option<WordStartPhrases>,
    /// Whether [`PartLint::count_in`] has started, and the offset of its next part.
    counting: bool,
    count_offset: usize,
    words: usize,
    /// Byte offset and 0-based line number of the next part.
    offset: usize,
    line: usize,
    excerpts: Excerpts,
    /// Whether the lines of the findings are kept (not when the caller holds the text).
    keep_lines: bool,
    undecidable: bool,
}

/// One part linted: its findings (spans relative to it, before overlaps are resolved)
/// and its detectors' evidence about the whole document.
struct LintedPart {
    found: Vec<Finding>,
    evidence: PartEvidence,
    /// Its words and line breaks, counted on the part's thread.
    words: usize,
    lines: usize,
}

/// Texts from this long are linted in parts in parallel when the thread pool has
/// more than one thread ([`Linter::findings_split`]).
const SPLIT_ABOVE: usize = 1 << 20;

/// Smallest part of a text linted in parallel: each part pays for the scan set-up
/// of every matcher.
const MIN_SPLIT_PART: usize = 256 << 10;

impl Linter {
    /// Lints one part of a document (see [`PartLint`]).
    fn lint_part(&self, text: &str, language: &str) -> LintedPart {
        let mut evidence = PartEvidence::default();
        let found = self.all_findings_in(text, language, Some(&mut evidence));
        LintedPart {
            found,
            evidence,
            words: count_words(text),
            lines: line_breaks(text.as_bytes()),
        }
    }

    /// The findings of a long `text` in `language` before overlaps are resolved, as
    /// [`Linter::lint`] finds them, found in parts on all threads of the pool, and its
    /// word count; `None` for a short text, a single thread, or a text that must be
    /// linted whole.
    pub(super) fn findings_split(
        &self,
        text: &str,
        language: &(String, LanguageSource),
    ) -> Option<(Vec<Finding>, usize)> {
        // Asked only for a long text: it starts the thread pool.
        if text.len() < SPLIT_ABOVE {
            return None;
        }
        let threads = rayon::current_num_threads();
        if threads < 2 {
            return None;
        }
        // Two parts per thread even out parts of unequal cost.
        let part_size = (text.len() / (2 * threads)).max(MIN_SPLIT_PART);
        self.findings_in_parts(text, language, part_size)
    }

    /// The findings and word count of `text` linted in parts of about `part_size`
    /// bytes (see [`Linter::findings_split`]); `None` when it must be linted whole.
    fn findings_in_parts(
        &self,
        text: &str,
        language: &(String, LanguageSource),
        part_size: usize,
    ) -> Option<(Vec<Finding>, usize)> {
        if !self.can_lint_parts() {
            return None;
        }
        let parts = document::split_in_parts(text, part_size);
        let mut lint = self.lint_parts();
        lint.language = Some(language.clone());
        lint.keep_lines = false;
        if !lint.push_all(&parts) {
            return None;
        }
        if lint.needs_counts() {
            lint.count_in_all(&parts);
        }
        let found = lint.merged_findings()?;
        Some((found, lint.words))
    }

    /// Whether [`Linter::lint_parts`] can give [`Linter::lint`]'s result (no ignored
    /// phrases, which may span parts).
    pub fn can_lint_parts(&self) -> bool {
        self.options.ignore_phrases.is_empty()
    }

    /// Starts linting a plain-text document part by part: [`PartLint::push`] each part
    /// in order, then [`PartLint::finish`].
    pub fn lint_parts(&self) -> PartLint<'_> {
        PartLint {
            linter: self,
            language: None,
            short_first: false,
            found: Vec::new(),
            counts: HashMap::new(),
            limited: Vec::new(),
            conventions: Vec::new(),
            name_counts: Vec::new(),
            title_runs: Vec::new(),
            title_evidence: Vec::new(),
            phrases: Vec::new(),
            phrase_counts: Vec::new(),
            word_start_phrases: None,
            counting: false,
            count_offset: 0,
            words: 0,
            offset: 0,
            line: 0,
            excerpts: Excerpts::new(true),
            keep_lines: true,
            undecidable: false,
        }
    }
}

impl PartLint<'_> {
    /// Lints the next part of the document. Parts must end at a line end after a
    /// sentence end (`.`, `!`, `?`), except the last. Returns false once the result
    /// would differ from linting the whole text: the caller should lint it whole.
    pub fn push(&mut self, text: &str) -> bool {
        self.push_all(&[text])
    }

    /// Lints the next parts of the document (as [`PartLint::push`] each of them), in
    /// parallel on the thread pool; their results are taken in order.
    pub fn push_all(&mut self, texts: &[&str]) -> bool {
        let Some(&first) = texts.first() else {
            return !self.undecidable;
        };
        if self.undecidable || self.short_first {
            self.undecidable = true;
            return false;
        }
        if self.language.is_none() {
            let options = &self.linter.options;
            self.language = Some(language::decide(
                first,
                options.language.as_deref(),
                &options.default_language,
            ));
            // Decided on a part shorter than the sample: right only if no part follows.
            self.short_first = first.len() < language::SAMPLE_BYTES;
        }
        let lang = self.language.as_ref().map_or("", |l| l.0.as_str());
        let linter = self.linter;
        let linted: Vec<LintedPart> = if texts.len() == 1 {
            vec![linter.lint_part(first, lang)]
        } else {
            texts
                .par_iter()
                .map(|text| linter.lint_part(text, lang))
                .collect()
        };
        for (i, (text, part)) in texts.iter().zip(linted).enumerate() {
            if i > 0 && self.short_first {
                self.undecidable = true;
            }
            if self.undecidable || !self.absorb(text, part) {
                self.undecidable = true;
                return false;
            }
        }
        true
    }

    /// Takes the findings and evidence of the next part.
    fn absorb(&mut self, text: &str, part: LintedPart) -> bool {
        let LintedPart {
            mut found,
            evidence: part,
            words,
            lines,
        } = part;
        if part.undecidable {
            return false;
        }
        self.words += words;
        if self.excerpts.blank && !text.trim().is_empty() {
            self.excerpts.blank = false;
        }
        if self.keep_lines {
            self.record_lines(text, &found);
        }
        let base = self.offset;
        for f in &mut found {
            f.start += base;
            f.end += base;
        }
        self.found.append(&mut found);
        for (key, n) in part.counts {
            *self.counts.entry(key).or_default() += n;
        }
        self.limited
            .extend(part.limited.into_iter().map(|l| RepeatLimited {
                start: l.start + base,
                end: l.end + base,
                ..l
            }));
        self.conventions
            .extend(part.conventions.into_iter().map(|c| Convention {
                start: c.start + base,
                end: c.end + base,
                ..c
            }));
        let mut runs = part.title_runs;
        runs.sort_by_key(|r| r.offset);
        let (mut pos, mut line) = (0, self.line);
        for mut r in runs {
            line += line_breaks(&text.as_bytes()[pos..r.offset]);
            pos = r.offset;
            r.line = line;
            r.offset += base;
            self.title_runs.push(r);
        }
        self.offset += text.len();
        self.line += lines;
        true
    }

    /// Keeps the lines of the part's findings (spans relative to the part, sorted by
    /// start).
    fn record_lines(&mut self, text: &str, found: &[Finding]) {
        let bytes = text.as_bytes();
        // Scanned up to `pos`, which is on line `line`, starting at `line_start`.
        let (mut pos, mut line, mut line_start) = (0, self.line, 0);
        for f in found {
            for i in memchr::memchr_iter(b'\n', &bytes[pos..f.start]) {
                line += 1;
                line_start = pos + i + 1;
            }
            pos = f.start;
            let (mut at, mut n) = (line_start, line);
            loop {
                let next = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
                self.excerpts
                    .push_line(n, self.offset + at, &text[at..next]);
                if f.end < next {
                    break;
                }
                if next == text.len() {
                    if f.end == next && text.ends_with('\n') {
                        // The span ends where the next part's first line starts.
                        self.excerpts.push_line(n + 1, self.offset + next, "");
                    }
                    break;
                }
                at = next;
                n += 1;
            }
            if n > line {
                self.excerpts.push_multiline_span(
                    self.offset + f.start,
                    self.offset + f.end,
                    &text[f.start..f.end],
                );
            }
        }
    }

    /// Whether the document's findings depend on how often it writes some names: then
    /// each part must be read again and passed to [`PartLint::count_in`] before
    /// [`PartLint::finish`].
    pub fn needs_counts(&self) -> bool {
        !self.undecidable && (!self.conventions.is_empty() || !self.title_runs.is_empty())
    }

    /// Counts the names [`PartLint::needs_counts`] asks about in a part of the document
    /// (read again, in the same parts). A name never spans parts: parts end at a line
    /// end, and a name with a line break in it makes the document undecidable.
    pub fn count_in(&mut self, text: &str) {
        self.count_in_all(&[text]);
    }

    /// Counts as [`PartLint::count_in`] in each of the next parts, in parallel on the
    /// thread pool.
    pub fn count_in_all(&mut self, texts: &[&str]) {
        if !self.counting {
            self.start_counting();
        }
        let mut starts = Vec::with_capacity(texts.len());
        for text in texts {
            starts.push(self.count_offset);
            self.count_offset += text.len();
        }
        let this = &*self;
        let counted: Vec<PartCounts> = if texts.len() == 1 {
            vec![this.counts_in(texts[0], starts[0])]
        } else {
            texts
                .par_iter()
                .zip(&starts)
                .map(|(text, &from)| this.counts_in(text, from))
                .collect()
        };
        for part in counted {
            for ((_, total), n) in self.name_counts.iter_mut().zip(part.names) {
                total.count += n;
            }
            for ((_, _, totals), counts) in self.title_evidence.iter_mut().zip(part.evidence) {
                for (total, n) in totals.iter_mut().zip(counts) {
                    total.0 += n.0;
                    total.1 += n.1;
                }
            }
            for (total, n) in self.phrase_counts.iter_mut().zip(part.phrases) {
                total.count += n;
            }
        }
    }

    /// What [`PartLint::count_in`] counts in the part `text`, which starts at byte
    /// `from` of the document.
    fn counts_in(&self, text: &str, from: usize) -> PartCounts {
        let names = self
            .name_counts
            .iter()
            .map(|(_, n)| n.count_in(text, usize::MAX))
            .collect();
        if self.title_runs.is_empty() {
            return PartCounts {
                names,
                evidence: Vec::new(),
                phrases: Vec::new(),
            };
        }
        let to = from + text.len();
        let words = TextWords::new(text);
        let evidence = self
            .title_evidence
            .iter()
            .map(|(rule, wanted, _)| {
                // This rule's runs in this part, relative to it.
                let spans: Vec<(usize, usize)> = self
                    .title_runs
                    .iter()
                    .filter(|r| r.rule == *rule && (from..to).contains(&r.offset))
                    .map(|r| {
                        let (s, e) = r.span();
                        (r.offset - from + s, r.offset - from + e)
                    })
                    .collect();
                let wanted: Vec<&str> = wanted.iter().map(String::as_str).collect();
                title_case::count_evidence(&words, &wanted, &spans)
            })
            .collect();
        // Whether a phrase occurs at least twice is all that is asked.
        let mut phrases: Vec<usize> = self
            .phrase_counts
            .iter()
            .map(|n| if n.count >= 2 { 0 } else { n.count_in(text, 2) })
            .collect();
        if let Some(lookup) = &self.word_start_phrases {
            // This part's counts, from those so far: a phrase found twice is done.
            let mut seen: Vec<usize> = self.phrase_counts.iter().map(|n| n.count).collect();
            lookup.count_in(text, &self.phrases, &mut seen, 2);
            for ((n, total), part) in seen.into_iter().zip(&self.phrase_counts).zip(&mut phrases) {
                *part += n - total.count;
            }
        }
        PartCounts {
            names,
            evidence,
            phrases,
        }
    }

    /// Sets up what [`PartLint::count_in`] counts.
    fn start_counting(&mut self) {
        self.counting = true;
        for c in &self.conventions {
            for w in std::iter::once(&c.written).chain(&c.forms) {
                if w.contains('\n') || w.is_empty() {
                    self.undecidable = true;
                }
                if !self.name_counts.iter().any(|(n, _)| n == w) {
                    self.name_counts.push((w.clone(), Occurrences::of(w)));
                }
            }
        }
        let mut index: HashMap<&str, usize> = HashMap::new();
        for r in &self.title_runs {
            let k = match self.title_evidence.iter().position(|e| e.0 == r.rule) {
                Some(k) => k,
                None => {
                    self.title_evidence.push((r.rule, Vec::new(), Vec::new()));
                    self.title_evidence.len() - 1
                }
            };
            let (_, wanted, counts) = &mut self.title_evidence[k];
            for w in r.wanted() {
                if !wanted.iter().any(|x| x == w) {
                    wanted.push(w.to_string());
                    counts.push((0, 0));
                }
            }
            for p in r.phrases() {
                if !index.contains_key(p) {
                    index.insert(p, self.phrases.len());
                    self.phrases.push(p.to_string());
                }
            }
        }
        if self
            .phrases
            .iter()
            .any(|p| p.contains('\n') || p.is_empty())
        {
            // A phrase over a line end might span parts.
            self.undecidable = true;
        }
        let by_word_starts: Vec<bool> = self
            .phrases
            .iter()
            .map(|p| WordStartPhrases::takes(p))
            .collect();
        self.phrase_counts = self
            .phrases
            .iter()
            .zip(&by_word_starts)
            .map(|(p, &w)| {
                if w {
                    Occurrences::elsewhere()
                } else {
                    Occurrences::of(p)
                }
            })
            .collect();
        let taken = (0..self.phrases.len()).filter(|&i| by_word_starts[i]);
        self.word_start_phrases = Some(WordStartPhrases::new(&self.phrases, taken));
    }

    /// Decides the `title-case` runs with the counted evidence: their findings join
    /// `found`, their lines the excerpts.
    fn decide_title_runs(&mut self, language: &str, found: &mut Vec<Finding>) {
        let linter = self.linter;
        let counts: HashMap<&str, usize> = self
            .phrases
            .iter()
            .map(String::as_str)
            .zip(self.phrase_counts.iter().map(|n| n.count))
            .collect();
        let repeated = |p: &str| counts.get(p).is_some_and(|&n| n >= 2);
        for (rule, wanted, evidence) in &self.title_evidence {
            let Some((_, detector)) = linter.detectors.iter().find(|(ri, _)| ri == rule) else {
                continue;
            };
            let mut runs: Vec<TitleRun> = self
                .title_runs
                .iter()
                .filter(|r| r.rule == *rule)
                .cloned()
                .collect();
            let wanted: Vec<&str> = wanted.iter().map(String::as_str).collect();
            let decided = detector.decide_title_runs(&mut runs, &wanted, evidence, &repeated);
            for (i, c) in decided {
                let run = &runs[i];
                let Some(mut f) = linter.to_finding(&run.text, language, c) else {
                    continue;
                };
                let (mut at, mut line) = (0, run.line);
                for l in run.text.split_inclusive('\n') {
                    self.excerpts.push_line(line, run.offset + at, l);
                    at += l.len();
                    line += 1;
                }
                if run.text[f.start..f.end].contains('\n') {
                    self.excerpts.push_multiline_span(
                        run.offset + f.start,
                        run.offset + f.end,
                        &run.text[f.start..f.end],
                    );
                }
                f.start += run.offset;
                f.end += run.offset;
                found.push(f);
            }
        }
    }

    /// The findings of the whole document before overlaps are resolved, with what the
    /// document-level evidence decides; `None` if it must be linted whole.
    fn merged_findings(&mut self) -> Option<Vec<Finding>> {
        if self.undecidable {
            return None;
        }
        let asks = !self.title_runs.is_empty() || !self.conventions.is_empty();
        if asks && (!self.counting || self.count_offset != self.offset) {
            return None; // not counted (again) over the whole document
        }
        let mut found = std::mem::take(&mut self.found);
        if !self.title_runs.is_empty() {
            let language = self
                .language
                .as_ref()
                .map(|l| l.0.clone())
                .unwrap_or_default();
            self.decide_title_runs(&language, &mut found);
        }
        // Findings of words the document repeats too often.
        let mut dropped: HashSet<(usize, usize, usize)> = self
            .limited
            .iter()
            .filter(|l| {
                self.counts
                    .get(&(l.rule, l.word.clone()))
                    .is_some_and(|&n| n > l.max)
            })
            .map(|l| (l.rule, l.start, l.end))
            .collect();
        // Lowercase names the document writes so by convention.
        let counts: HashMap<&str, usize> = self
            .name_counts
            .iter()
            .map(|(w, n)| (w.as_str(), n.count))
            .collect();
        let count = |w: &String| counts.get(w.as_str()).copied();
        for c in &self.conventions {
            let lower = count(&c.written)?;
            let forms: Option<Vec<usize>> = c.forms.iter().map(count).collect();
            if detectors::lowercase_by_convention(lower, forms?.into_iter()) {
                dropped.insert((c.rule, c.start, c.end));
            }
        }
        if !dropped.is_empty() {
            found.retain(|f| !dropped.contains(&(f.rule_index, f.start, f.end)));
        }
        Some(found)
    }

    /// The report of the whole document and the lines around its findings; `None` if
    /// it must be linted whole (see [`PartLint::push`]).
    pub fn finish(mut self) -> Option<(Report, Excerpts)> {
        let found = self.merged_findings()?;
        let linter = self.linter;
        let shared = shared_pivots(&found);
        let mut findings = overlap::resolve(found);
        let mut excerpts = self.excerpts;
        let pivot = linter.apply_pivot(&mut findings, &excerpts, &shared, &linter.options.pivot);
        let spans: Vec<(usize, usize)> = findings.iter().map(|f| (f.start, f.end)).collect();
        excerpts.retain_spans(&spans);
        let (language, language_source) = self.language.unwrap_or_else(|| {
            language::decide(
                "",
                linter.options.language.as_deref(),
                &linter.options.default_language,
            )
        });
        Some((
            Report {
                language,
                language_source,
                findings,
                words: self.words,
                unused_suppressions: Vec::new(),
                pivot,
            },
            excerpts,
        ))
    }
}

/// What one part holds of what [`PartLint::count_in`] counts, in the order of the
/// names, rules and phrases counted.
struct PartCounts {
    names: Vec<usize>,
    evidence: Vec<Vec<(usize, usize)>>,
    phrases: Vec<usize>,
}

/// The line breaks (`\n`) in `bytes`.
fn line_breaks(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

/// Occurrences of a word or phrase counted part by part: as `str::match_indices` finds
/// them (left to right, not overlapping each other), on word boundaries.
struct Occurrences {
    /// `None` for a phrase counted with the others from word starts
    /// ([`WordStartPhrases`]).
    finder: Option<Finder<'static>>,
    count: usize,
}

impl Occurrences {
    fn of(needle: &str) -> Self {
        Occurrences {
            finder: Some(Finder::new(needle).into_owned()),
            count: 0,
        }
    }

    /// The total of a phrase that [`WordStartPhrases`] counts.
    fn elsewhere() -> Self {
        Occurrences {
            finder: None,
            count: 0,
        }
    }

    /// The occurrences in `text`, counted up to `cap` (none when counted elsewhere).
    fn count_in(&self, text: &str, cap: usize) -> usize {
        let Some(finder) = &self.finder else {
            return 0;
        };
        let len = finder.needle().len();
        if len == 0 {
            return 0; // an empty name or phrase makes the document undecidable
        }
        let mut n = 0;
        for at in finder.find_iter(text.as_bytes()) {
            if n >= cap {
                break;
            }
            if super::on_word_boundaries(text, at, at + len) {
                n += 1;
            }
        }
        n
    }
}
