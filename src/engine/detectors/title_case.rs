//! `title-case` detector: a stretch of mid-sentence words capitalised like a headline
//! ("Witkoff Told Fox News that Peace Deal in Ukraine Will Center on…") inside sentence-case
//! text. Each run is one finding; the suggestion lowercases the common words and keeps the
//! names.
//!
//! A word counts as a name when the gazetteer lists it (with the phrase around it), when it
//! is a person's name word or a SCOWL proper name, when it is a title before a name
//! ("President Vladimir Putin") or part of an institution name ("Center for Counter
//! Disinformation", "Supreme Court"), or when the document writes it capitalised elsewhere
//! mid-sentence more often than in lowercase. A capitalised word is common when the
//! document writes it in lowercase elsewhere or the lexicon knows it as a frequent word.
//! Unknown words are left alone.
//!
//! Nothing is reported for headlines on their own line, sentence starts, runs that begin
//! with a capitalised article (titles of works), runs whose capitals are mostly inside
//! quotes, or a phrase the document repeats with the same capitals (a defined term).

use std::collections::HashMap;
use std::sync::Arc;

use serde::Deserialize;

use super::gazetteer::Gazetteer;
use super::textscan::{
    in_identifier, is_sentence_start, next_capitalised, word_case, words, words_from, FnvBuild,
    WordCase, WordSet,
};
use super::wordlist::SortedList;
use super::{Detector, PartEvidence, TextWords};
use crate::engine::Candidate;

/// Parameters of the `title-case` detector.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    /// Gazetteer data file.
    gazetteer: String,
    /// Lexicon (`word<TAB>zipf×100`, sorted) for telling common words.
    lexicon: String,
    /// Sorted list of lowercase words written only capitalised (proper names).
    propernames: String,
    /// Lexicon frequency (Zipf) from which an unexplained capitalised word counts as common.
    #[serde(default = "default_min_zipf")]
    min_zipf: f32,
    /// Capitalised common words (outside quotes) needed before a sentence is reported.
    #[serde(default = "default_min_words")]
    min_words: usize,
    /// Capitalised common words of one reported run (the sentence already qualifies).
    #[serde(default = "default_min_run")]
    min_run: usize,
    /// Lowercase words that may sit inside a headline run ("of", "the", "that").
    connectors: Vec<String>,
    /// Titles kept before a name ("President", "Minister") or before "of …".
    titles: Vec<String>,
    /// Head nouns of institution and place names ("Center", "Court", "Sea").
    institutions: Vec<String>,
    /// Capitalised words that are never part of a name (modals, numerals, common verbs):
    /// a run needs one of them, or `min_words + 1` common words.
    headline_words: Vec<String>,
}

fn default_min_zipf() -> f32 {
    3.0
}
fn default_min_words() -> usize {
    3
}
fn default_min_run() -> usize {
    2
}

/// The compiled `title-case` detector.
pub struct TitleCase {
    gazetteer: Arc<Gazetteer>,
    lexicon: SortedList,
    propernames: SortedList,
    min_zipf100: u32,
    min_words: usize,
    min_run: usize,
    connectors: WordSet,
    titles: WordSet,
    institutions: WordSet,
    headline_words: WordSet,
}

/// What a token is inside a candidate run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A capitalised word.
    Cap,
    /// A lowercase connector ("of", "the").
    Connector,
    /// A number or a clitic ("2014", the "s" of "Trump's").
    Neutral,
}

/// What a capitalised word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A name: keep it capitalised.
    Name,
    /// A common word capitalised like a headline.
    Common,
    /// Not known either way: keep it, do not count it.
    Unknown,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    role: Role,
    class: Class,
    quoted: bool,
}

fn list_has(list: &WordSet, word: &str) -> bool {
    list.contains(word)
}

impl TitleCase {
    /// Builds the detector from its YAML parameters.
    pub fn build(params: &serde_yaml::Value) -> Result<TitleCase, String> {
        let p: Params =
            Params::deserialize(params).map_err(|e| format!("bad `title-case` params: {e}"))?;
        Ok(TitleCase {
            gazetteer: Gazetteer::shared(&p.gazetteer)?,
            lexicon: SortedList::open(&p.lexicon)?,
            propernames: SortedList::open(&p.propernames)?,
            min_zipf100: (p.min_zipf * 100.0).round() as u32,
            min_words: p.min_words.max(1),
            min_run: p.min_run.max(1),
            connectors: WordSet::new(&p.connectors),
            titles: WordSet::new(&p.titles),
            institutions: WordSet::new(&p.institutions),
            headline_words: WordSet::new(&p.headline_words),
        })
    }

    /// Splits `text` into candidate runs: stretches of mid-sentence capitalised words joined
    /// by connectors, numbers and clitics, with at least `min_words` capitals.
    fn candidate_runs(
        &self,
        words: &TextWords<'_>,
        toks: &mut Vec<Tok>,
        runs: &mut Vec<(usize, usize)>,
    ) {
        let text = words.text();
        let spans = words.spans();
        // With the token list, the index of the next token (else the scan resumes at `pos`).
        let mut next_token = 0;
        let mut run_start = 0; // index into toks
        let mut caps = 0;
        let mut prev_end = 0;
        let close = |toks: &mut Vec<Tok>, runs: &mut Vec<(usize, usize)>, start: usize, caps| {
            // Trailing connectors do not belong to the run.
            while toks.len() > start && toks.last().is_some_and(|t| t.role != Role::Cap) {
                toks.pop();
            }
            if caps >= self.min_words {
                runs.push((start, toks.len()));
            } else {
                toks.truncate(start);
            }
        };
        let mut pos = 0;
        loop {
            // Outside a run only capitalised words matter: skip to the next one.
            let open = toks.len() > run_start;
            let next = match spans {
                Some(spans) => {
                    if !open {
                        // The next token that starts with an uppercase letter.
                        while spans
                            .get(next_token)
                            .is_some_and(|&(s, _)| !starts_uppercase(text, s as usize))
                        {
                            next_token += 1;
                        }
                    }
                    next_token += 1;
                    spans
                        .get(next_token - 1)
                        .map(|&(s, e)| (s as usize, e as usize))
                }
                None if open => words_from(text, pos).next(),
                None => next_capitalised(text, pos),
            };
            let Some((s, e)) = next else { break };
            pos = e;
            let gap = &text[prev_end.min(s)..s];
            prev_end = e;
            if open && breaks_run(gap) {
                close(toks, runs, run_start, caps);
                run_start = toks.len();
                caps = 0;
            }
            let word = &text[s..e];
            let first = word.as_bytes()[0];
            let upper = starts_uppercase(text, s);
            let role = if upper {
                if is_sentence_start(text, s) || in_identifier(text, s, e) {
                    if toks.len() > run_start {
                        close(toks, runs, run_start, caps);
                    }
                    run_start = toks.len();
                    caps = 0;
                    continue;
                }
                Role::Cap
            } else if toks.len() == run_start {
                continue;
            } else if first.is_ascii_digit() || (e - s <= 2 && gap.ends_with(['\'', '’'])) {
                Role::Neutral
            } else if list_has(&self.connectors, word) {
                Role::Connector
            } else {
                close(toks, runs, run_start, caps);
                run_start = toks.len();
                caps = 0;
                continue;
            };
            if role == Role::Cap {
                caps += 1;
            }
            toks.push(Tok {
                start: s,
                end: e,
                role,
                class: Class::Unknown,
                quoted: false,
            });
        }
        if toks.len() > run_start {
            close(toks, runs, run_start, caps);
        }
    }

    /// The class of a capitalised word from the word lists alone.
    fn lexical_class(&self, word: &str) -> Class {
        match word_case(word) {
            WordCase::Upper | WordCase::Mixed => Class::Name,
            _ if self.gazetteer.is_person_word(word) || self.propernames.contains_folded(word) => {
                Class::Name
            }
            _ => match self
                .lexicon
                .get_folded(word)
                .and_then(|z| z.parse::<u32>().ok())
            {
                Some(z) if z >= self.min_zipf100 => Class::Common,
                _ => Class::Unknown,
            },
        }
    }

    /// First classification of the capitals of a run from the word lists alone
    /// (`lexical` caches [`TitleCase::lexical_class`] per document).
    fn classify<'t>(
        &self,
        text: &'t str,
        run: &mut [Tok],
        lexical: &mut HashMap<&'t str, Class, FnvBuild>,
    ) {
        let mut i = 0;
        while i < run.len() {
            let t = run[i];
            if t.role != Role::Cap {
                i += 1;
                continue;
            }
            let word = &text[t.start..t.end];
            // A gazetteer name written in its own case covers every word it spans.
            if let Some(m) = self.gazetteer.matches_at(text, t.start, t.end).find(|m| {
                self.gazetteer
                    .forms_of(m.entry)
                    .any(|f| f == &text[t.start..m.end])
            }) {
                let mut j = i;
                while j < run.len() && run[j].start < m.end {
                    if run[j].role == Role::Cap {
                        run[j].class = Class::Name;
                    }
                    j += 1;
                }
                i = j;
                continue;
            }
            run[i].class = match lexical.get(word) {
                Some(&c) => c,
                None => {
                    let c = self.lexical_class(word);
                    lexical.insert(word, c);
                    c
                }
            };
            i += 1;
        }
        self.protect_titles_and_institutions(text, run);
    }

    /// Titles before names and "of"-phrases, institution heads with their modifiers.
    fn protect_titles_and_institutions(&self, text: &str, run: &mut [Tok]) {
        let word = |t: &Tok| &text[t.start..t.end];
        for i in 0..run.len() {
            if run[i].role != Role::Cap {
                continue;
            }
            let w = word(&run[i]);
            let title = list_has(&self.titles, w);
            let head = list_has(&self.institutions, w);
            if !title && !head {
                continue;
            }
            // "Minister of Foreign Affairs", "Center for Counter Disinformation".
            let mut j = i + 1;
            let mut linked = false;
            while j < run.len()
                && run[j].role == Role::Connector
                && matches!(word(&run[j]), "of" | "for" | "the" | "de")
            {
                linked = true;
                j += 1;
            }
            let mut k = j;
            while linked
                && k < run.len()
                && run[k].role == Role::Cap
                && adjacent(text, &run[k - 1], &run[k])
            {
                run[k].class = Class::Name;
                k += 1;
            }
            let mut protected = linked && k > j;
            // "President Vladimir Putin", "Foreign Minister Sybiha".
            if title && !protected {
                let mut n = i + 1;
                while n < run.len()
                    && run[n].role == Role::Cap
                    && list_has(&self.titles, word(&run[n]))
                {
                    n += 1;
                }
                protected = n < run.len()
                    && run[n].role == Role::Cap
                    && run[n].class == Class::Name
                    && adjacent(text, &run[n - 1], &run[n]);
                if protected {
                    for t in &mut run[i + 1..n] {
                        t.class = Class::Name;
                    }
                }
            }
            // "Supreme Court", "Black Sea": modifiers right before the head.
            if head {
                let mut p = i;
                while p > 0
                    && run[p - 1].role == Role::Cap
                    && adjacent(text, &run[p - 1], &run[p])
                    && !list_has(&self.headline_words, word(&run[p - 1]))
                {
                    p -= 1;
                    run[p].class = Class::Name;
                    protected = true;
                }
            }
            if protected {
                run[i].class = Class::Name;
            }
        }
    }

    fn is_headline_word(&self, word: &str) -> bool {
        list_has(&self.headline_words, word)
    }
}

/// Whether the character at byte `at` of `text` (a char boundary before its end) is an
/// uppercase letter.
#[inline]
fn starts_uppercase(text: &str, at: usize) -> bool {
    let first = text.as_bytes()[at];
    if first < 0x80 {
        first.is_ascii_uppercase()
    } else {
        text[at..].chars().next().is_some_and(char::is_uppercase)
    }
}

/// Whether the text between two words ends a run: sentence or clause punctuation,
/// brackets, or a blank line.
fn breaks_run(gap: &str) -> bool {
    let mut newline = false;
    for &b in gap.as_bytes() {
        match b {
            b'.' | b'!' | b'?' | b';' | b':' | b'(' | b')' | b'[' | b']' | b'|' => return true,
            b'\n' if newline => return true,
            b'\n' => newline = true,
            b' ' | b'\t' | b'\r' => {}
            _ => newline = false,
        }
    }
    false
}

/// Whether two tokens are separated by white space or a hyphen only (no punctuation, no
/// blank line).
fn adjacent(text: &str, a: &Tok, b: &Tok) -> bool {
    let gap = &text[a.end..b.start];
    gap.chars().all(|c| c.is_whitespace() || c == '-') && !gap.contains("\n\n")
}

/// Occurrences of `word` on word boundaries, exact case.
fn occurrences<'t>(text: &'t str, word: &'t str) -> impl Iterator<Item = usize> + 't {
    text.match_indices(word)
        .map(|(i, _)| i)
        .filter(move |&i| crate::engine::on_word_boundaries(text, i, i + word.len()))
}

/// A Bloom filter of words (exact case): one bit per hash of a word's length and first
/// and last bytes, so that [`evidence`] hashes and looks up only the few tokens that may
/// be wanted, not every word of the document.
struct WordFilter {
    bits: [u64; 64],
}

impl Default for WordFilter {
    fn default() -> WordFilter {
        WordFilter { bits: [0; 64] }
    }
}

impl WordFilter {
    /// The bit of the word `bytes[start..end]` (not empty).
    #[inline]
    fn bit(bytes: &[u8], start: usize, end: usize) -> usize {
        let (first, last) = (bytes[start], bytes[end - 1]);
        let x = u32::from(first) | u32::from(last) << 8 | ((end - start) as u32) << 16;
        (x.wrapping_mul(0x9e37_79b9) >> 20) as usize
    }

    fn insert(&mut self, word: &str) {
        let b = WordFilter::bit(word.as_bytes(), 0, word.len());
        self.bits[b / 64] |= 1 << (b % 64);
    }

    /// Whether the word `bytes[start..end]` may be in the filter; `false` is certain.
    #[inline]
    fn may_contain(&self, bytes: &[u8], start: usize, end: usize) -> bool {
        let b = WordFilter::bit(bytes, start, end);
        self.bits[b / 64] & (1 << (b % 64)) != 0
    }
}

/// Document evidence about capitalised words, in one pass over the text: for each word,
/// (occurrences capitalised mid-sentence outside the given runs, occurrences in lowercase).
fn evidence(
    words: &TextWords<'_>,
    wanted: &[&str],
    runs: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    if wanted.is_empty() {
        return Vec::new();
    }
    let text = words.text();
    let lower: Vec<String> = wanted
        .iter()
        .map(|w| crate::case::lowercase_first(w))
        .collect();
    let mut keys: HashMap<&str, (usize, bool), FnvBuild> =
        HashMap::with_capacity_and_hasher(wanted.len() * 2, FnvBuild::default());
    let mut filter = WordFilter::default();
    for (i, w) in wanted.iter().enumerate() {
        keys.insert(w, (i, false));
        keys.insert(&lower[i], (i, true));
        filter.insert(w);
        filter.insert(&lower[i]);
    }
    let mut counts = vec![(0usize, 0usize); wanted.len()];
    match words.spans() {
        Some(spans) => {
            let tokens = spans.iter().map(|&(s, e)| (s as usize, e as usize));
            tally(text, tokens, &filter, &keys, runs, &mut counts);
        }
        None => tally(text, words.iter(), &filter, &keys, runs, &mut counts),
    }
    counts
}

/// Adds the evidence of `tokens` (word tokens of `text`) to `counts`, for the words
/// `keys` maps to their index in `counts` and case (see [`evidence`]).
fn tally(
    text: &str,
    tokens: impl Iterator<Item = (usize, usize)>,
    filter: &WordFilter,
    keys: &HashMap<&str, (usize, bool), FnvBuild>,
    runs: &[(usize, usize)],
    counts: &mut [(usize, usize)],
) {
    let inside = |i: usize| {
        let k = runs.partition_point(|&(_, e)| e <= i);
        k < runs.len() && runs[k].0 <= i
    };
    let bytes = text.as_bytes();
    for (s, e) in tokens {
        if !filter.may_contain(bytes, s, e) {
            continue;
        }
        let Some(&(i, is_lower)) = keys.get(&text[s..e]) else {
            continue;
        };
        if is_lower {
            counts[i].1 += 1;
        } else if !inside(s) && !is_sentence_start(text, s) {
            counts[i].0 += 1;
        }
    }
}

/// Whether the run `from..to` spells out an acronym: it is in parentheses, or an
/// all-capitals word in parentheses follows it.
fn is_expansion(text: &str, from: usize, to: usize) -> bool {
    let before = text[..from].trim_end_matches([' ', '“', '"']);
    if before.ends_with('(') {
        return true;
    }
    let after = text[to..].trim_start_matches(' ');
    after.strip_prefix('(').is_some_and(|rest| {
        let word: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
        word.chars().filter(|c| c.is_uppercase()).count() >= 2
    })
}

/// Marks the tokens of a run that lie inside quotes on their line.
fn mark_quoted(text: &str, run: &mut [Tok]) {
    let Some(first) = run.first() else { return };
    let line_start = text[..first.start].rfind('\n').map_or(0, |i| i + 1);
    let mut inside = false;
    let mut pos = line_start;
    for t in run.iter_mut() {
        for c in text[pos..t.start].chars() {
            match c {
                '“' | '«' => inside = true,
                '”' | '»' => inside = false,
                '"' => inside = !inside,
                _ => {}
            }
        }
        pos = t.start;
        t.quoted = inside;
    }
}

/// Lowercase content words on the line of `at`, outside `from..to`: sentence-case evidence.
fn lowercase_words_on_line(text: &str, at: usize, from: usize, to: usize, skip: &WordSet) -> usize {
    let ls = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let le = text[at..].find('\n').map_or(text.len(), |i| at + i);
    words(&text[ls..le])
        .map(|(s, e)| (ls + s, ls + e))
        .filter(|&(s, e)| {
            (s < from || s >= to)
                && e - s > 2
                && text[s..e].chars().all(char::is_lowercase)
                && !list_has(skip, &text[s..e])
        })
        .count()
}

impl Detector for TitleCase {
    fn document_level(&self) -> bool {
        true
    }

    fn find(&self, text: &str, rule: usize, out: &mut Vec<Candidate>) {
        self.find_in(&TextWords::new(text), rule, out);
    }

    fn find_in(&self, words: &TextWords<'_>, rule: usize, out: &mut Vec<Candidate>) {
        self.scan(words, rule, out, None);
    }

    fn find_in_part(
        &self,
        words: &TextWords<'_>,
        rule: usize,
        out: &mut Vec<Candidate>,
        part: &mut PartEvidence,
    ) {
        self.scan(words, rule, out, Some(part));
    }

    fn decide_title_runs(
        &self,
        runs: &mut [TitleRun],
        wanted: &[&str],
        counts: &[(usize, usize)],
        repeated: &dyn Fn(&str) -> bool,
    ) -> Vec<(usize, Candidate)> {
        self.decide_runs(runs, wanted, counts, repeated)
    }
}

impl TitleCase {
    /// [`Detector::find_in`]; in a part of a document (`part`), the runs that the whole
    /// document's usage of their words decides are kept in `part` instead.
    fn scan(
        &self,
        words: &TextWords<'_>,
        rule: usize,
        out: &mut Vec<Candidate>,
        part: Option<&mut PartEvidence>,
    ) {
        let text = words.text();
        let mut toks = Vec::new();
        let mut runs = Vec::new();
        self.candidate_runs(words, &mut toks, &mut runs);
        if runs.is_empty() {
            return;
        }
        // Preliminary classification; runs that already look like headline spills are the
        // ones whose words do not count as evidence of names.
        let mut spills = Vec::new();
        let mut lexical = HashMap::with_hasher(FnvBuild::default());
        for &(a, b) in &runs {
            let run = &mut toks[a..b];
            let t0 = &text[run[0].start..run[0].end];
            if matches!(t0, "The" | "A" | "An") {
                continue; // "in The Old Man and the Sea": a title of a work
            }
            self.classify(text, run, &mut lexical);
            mark_quoted(text, run);
            let common = run
                .iter()
                .filter(|t| t.class == Class::Common && !t.quoted)
                .count();
            if common >= self.min_words {
                spills.push((a, b));
            }
        }
        if let Some(part) = part {
            // The whole document's usage decides these runs: keep them with their lines.
            for &(a, b) in &spills {
                let (from, to) = (toks[a].start, toks[b - 1].end);
                let ls = text[..from].rfind('\n').map_or(0, |i| i + 1);
                let le = text[to..].find('\n').map_or(text.len(), |i| to + i + 1);
                part.title_runs.push(TitleRun {
                    rule,
                    offset: ls,
                    line: 0,
                    text: text[ls..le].to_string(),
                    toks: toks[a..b]
                        .iter()
                        .map(|t| Tok {
                            start: t.start - ls,
                            end: t.end - ls,
                            ..*t
                        })
                        .collect(),
                });
            }
            return;
        }
        let spans: Vec<(usize, usize)> = spills
            .iter()
            .map(|&(a, b)| (toks[a].start, toks[b - 1].end))
            .collect();
        // Words whose class the document's own usage decides.
        let mut wanted: Vec<&str> = Vec::new();
        for &(a, b) in &spills {
            for t in &toks[a..b] {
                let word = &text[t.start..t.end];
                if t.role == Role::Cap && t.class != Class::Name && !wanted.contains(&word) {
                    wanted.push(word);
                }
            }
        }
        let counts = evidence(words, &wanted, &spans);
        // A phrase the document repeats with the same capitals is a defined term or name.
        let repeated = |phrase: &str| occurrences(text, phrase).nth(1).is_some();
        for &(a, b) in &spills {
            self.decide(
                text,
                &mut toks[a..b],
                &wanted,
                &counts,
                &repeated,
                rule,
                out,
            );
        }
    }

    /// Decides a spill run with the document's evidence about its words (`counts[k]`
    /// for `wanted[k]`, from [`evidence`]) and whether the document repeats a phrase.
    #[allow(clippy::too_many_arguments)]
    fn decide(
        &self,
        text: &str,
        run: &mut [Tok],
        wanted: &[&str],
        counts: &[(usize, usize)],
        repeated: &dyn Fn(&str) -> bool,
        rule: usize,
        out: &mut Vec<Candidate>,
    ) {
        for t in run.iter_mut() {
            if t.role != Role::Cap || t.class == Class::Name {
                continue;
            }
            let word = &text[t.start..t.end];
            let Some(k) = wanted.iter().position(|w| *w == word) else {
                continue;
            };
            let (cap, lower) = counts[k];
            if cap > lower {
                t.class = Class::Name;
            } else if lower > 0 {
                t.class = Class::Common;
            }
        }
        let commons: Vec<&Tok> = run.iter().filter(|t| t.class == Class::Common).collect();
        let outside = commons.iter().filter(|t| !t.quoted).count();
        let strong = commons
            .iter()
            .any(|t| self.is_headline_word(&text[t.start..t.end]));
        if outside < self.min_words || !strong {
            return;
        }
        let (from, to) = (run[0].start, run[run.len() - 1].end);
        if is_expansion(text, from, to) {
            return; // "NTP (Network Time Protocol)", "Real-Time Communications (RTC)"
        }
        if lowercase_words_on_line(text, from, from, to, &self.connectors) < 3 {
            return; // a headline on its own line
        }
        self.report(text, run, rule, out, repeated);
    }
}

/// A run of headline capitals found in one part of a document linted in parts: what
/// decides it is counted over the whole document (see [`TitleCase::decide_runs`]).
#[derive(Debug, Clone)]
pub struct TitleRun {
    /// Rule index.
    pub rule: usize,
    /// Byte offset of `text` in its part (then in the document, once the part is placed).
    pub offset: usize,
    /// 0-based line number of the start of `text` (set by the caller).
    pub line: usize,
    /// The lines holding the run, with the line ending of the last.
    pub text: String,
    toks: Vec<Tok>,
}

impl TitleRun {
    /// Byte span of the run in `text`.
    pub fn span(&self) -> (usize, usize) {
        (self.toks[0].start, self.toks[self.toks.len() - 1].end)
    }

    /// The run's words whose class the document's usage decides.
    pub fn wanted(&self) -> impl Iterator<Item = &str> {
        self.toks
            .iter()
            .filter(|t| t.role == Role::Cap && t.class != Class::Name)
            .map(|t| &self.text[t.start..t.end])
    }

    /// Every phrase of the run from one token to the same or a later one: the phrases
    /// whose repetition in the document may be asked about.
    pub fn phrases(&self) -> impl Iterator<Item = &str> {
        let toks = &self.toks;
        (0..toks.len())
            .flat_map(move |i| (i..toks.len()).map(move |j| &self.text[toks[i].start..toks[j].end]))
    }
}

/// Counts, over a text, how often each of `wanted` is capitalised mid-sentence outside
/// the runs `spans` and how often it is written in lowercase (the evidence
/// `title-case` weighs); counts add up over the parts of a document.
pub fn count_evidence(
    words: &TextWords<'_>,
    wanted: &[&str],
    spans: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    evidence(words, wanted, spans)
}

/// Occurrences of `phrase` on word boundaries in `text`, as `title-case` counts them.
pub fn count_occurrences(text: &str, phrase: &str) -> usize {
    occurrences(text, phrase).count()
}

impl TitleCase {
    /// Decides the runs of one rule kept by the parts of a document, in order, with the
    /// whole document's `counts` for `wanted` and `repeated` phrases; returns each
    /// candidate with the index of its run (spans relative to the run's `text`).
    pub fn decide_runs(
        &self,
        runs: &mut [TitleRun],
        wanted: &[&str],
        counts: &[(usize, usize)],
        repeated: &dyn Fn(&str) -> bool,
    ) -> Vec<(usize, Candidate)> {
        let mut out = Vec::new();
        for (i, run) in runs.iter_mut().enumerate() {
            let mut found = Vec::new();
            let rule = run.rule;
            self.decide(
                &run.text,
                &mut run.toks,
                wanted,
                counts,
                repeated,
                rule,
                &mut found,
            );
            out.extend(found.into_iter().map(|c| (i, c)));
        }
        out
    }
}

impl TitleCase {
    /// Splits a qualifying run at long gaps between its common words and reports each part.
    fn report(
        &self,
        text: &str,
        run: &[Tok],
        rule: usize,
        out: &mut Vec<Candidate>,
        repeated: &dyn Fn(&str) -> bool,
    ) {
        let commons: Vec<usize> = (0..run.len())
            .filter(|&i| run[i].class == Class::Common)
            .collect();
        let mut part_start = 0;
        for k in 0..commons.len() {
            let last = k + 1 == commons.len();
            let split = last || {
                let (i, j) = (commons[k], commons[k + 1]);
                let between = j - i - 1;
                let unnamed = run[i + 1..j]
                    .iter()
                    .filter(|t| t.class != Class::Name || t.role != Role::Cap)
                    .count();
                let gap = &text[run[i].end..run[j].start];
                unnamed >= 4 || (between >= 2 && gap.contains([',', ';', ':', '(', ')']))
            };
            if !split {
                continue;
            }
            let part = &commons[part_start..=k];
            part_start = k + 1;
            if part.len() < self.min_run {
                continue;
            }
            let (first, last_tok) = (&run[part[0]], &run[*part.last().unwrap_or(&part[0])]);
            let (start, end) = (first.start, last_tok.end);
            let written = &text[start..end];
            // A phrase the document repeats with the same capitals is a defined term or name.
            if repeated(written) {
                continue;
            }
            let mut fixed = String::with_capacity(written.len());
            let mut pos = start;
            for &i in part {
                let t = &run[i];
                fixed.push_str(&text[pos..t.start]);
                fixed.push_str(&crate::case::lowercase_first(&text[t.start..t.end]));
                pos = t.end;
            }
            // Common words between the first and last of the part but outside it are
            // already included above; copy the rest of the span.
            fixed.push_str(&text[pos..end]);
            out.push(Candidate {
                rule,
                start,
                end,
                suggestions: vec![fixed],
                confidence: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`evidence`] word by word, without the filter and the hash map.
    fn evidence_simple(
        text: &str,
        wanted: &[&str],
        runs: &[(usize, usize)],
    ) -> Vec<(usize, usize)> {
        let inside = |i: usize| runs.iter().any(|&(a, b)| a <= i && i < b);
        wanted
            .iter()
            .map(|w| {
                let lower = crate::case::lowercase_first(w);
                let mut counts = (0, 0);
                for (s, e) in words(text) {
                    let t = &text[s..e];
                    if t == lower {
                        counts.1 += 1;
                    } else if t == *w && !inside(s) && !is_sentence_start(text, s) {
                        counts.0 += 1;
                    }
                }
                counts
            })
            .collect()
    }

    #[test]
    fn evidence_counts_every_occurrence() {
        let text = "Deal or deal: the Internationalisation Deal and internationalisation.\n\
            A Peace deal, peace-Deal, Peace’s DEAL; Élan élan Élan Internationally Deals\n\
            We Will will Will; Center center Centers Über über Über x Xy";
        let wanted = [
            "Deal",
            "Internationalisation",
            "Peace",
            "Élan",
            "Will",
            "Center",
            "Über",
            "Internationally",
            "Xy",
        ];
        let runs = [(text.find("Peace").unwrap(), text.find("peace-").unwrap())];
        let got = evidence(&TextWords::new(text), &wanted, &runs);
        assert_eq!(got, evidence_simple(text, &wanted, &runs));
        assert_eq!(got[0], (2, 2));
    }
}
