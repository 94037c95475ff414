//! Non-words: tokens that are not English words ("Refronting"), with the words the
//! text most likely meant ("Referring"), ranked by edit distance, frequency and the
//! neighbouring words.
//!
//! Known words cost one hash lookup each; only unknown tokens (rare in real prose)
//! pay for the candidate search. Names, numbers, URLs, handles, acronyms and words
//! in other scripts are not non-words (see [`super::words`]); a capitalised
//! unknown word mid-sentence is taken for a name unless it sits in a Title Case
//! run and a candidate fits its neighbours.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};

use serde::Deserialize;

use super::lexicon::{self, Bigrams, Lexicon};
use super::morphology::Morphology;
use super::wordlist::{IndexedList, SortedList};
use super::words::{swar, LetterRuns, Token, Tokens};
use super::{parse_params, Detector, PartEvidence, RepeatLimited, TextWords};
use crate::case;
use crate::engine::Candidate;

/// YAML parameters of the `non-word` detector.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    /// Lexicon file (`word<TAB>zipf×100`).
    lexicon: String,
    /// Bigram file (`w1 w2<TAB>count`), used to rank candidates by their neighbours.
    #[serde(default)]
    bigrams: Option<String>,
    /// TSV files whose first column lists names (each word of a name is a known word).
    #[serde(default)]
    names: Vec<String>,
    /// More words that are never flagged.
    #[serde(default)]
    allow: Vec<String>,
    /// Tokens shorter than this (in characters) are never flagged.
    #[serde(default = "default_min_length")]
    min_length: usize,
    /// How many suggestions to give.
    #[serde(default = "default_max_suggestions")]
    max_suggestions: usize,
    /// Candidates rarer than this Zipf frequency are not suggested.
    #[serde(default = "default_min_suggestion_zipf")]
    min_suggestion_zipf: f32,
    /// Capitalised unknown words mid-sentence: `skip` them as names, or flag them in
    /// Title Case runs when a candidate fits the context (`context`).
    #[serde(default)]
    capitalised: Capitalised,
    /// Check words with accented letters too (off: they are mostly foreign names).
    #[serde(default)]
    accented: bool,
    /// Report lowercase words with accented Latin letters that are not in the
    /// lexicon even without a good candidate: they are words left in another
    /// language ("nemoveblaĵajn", "arrivés").
    #[serde(default)]
    foreign_letters: bool,
    /// Prefixes of regular formations (`re` + `licensing`): such words are not flagged.
    #[serde(default)]
    prefixes: Vec<String>,
    /// Suffixes of regular formations (`maintainer` + `ship`).
    #[serde(default)]
    suffixes: Vec<String>,
    /// Stems and compound parts must be at least this frequent (Zipf).
    #[serde(default = "default_min_stem_zipf")]
    min_stem_zipf: f32,
    /// Accept two known words written as one (`backport`).
    #[serde(default = "default_true")]
    compounds: bool,
    /// An unknown word written more often than this in one document is a term of
    /// that document (a name, a command), not a garbled word.
    #[serde(default = "default_max_repeats")]
    max_repeats: usize,
    /// Report only words for which some candidate was found: an unknown word that
    /// resembles no English word is more often a term than a garble.
    #[serde(default)]
    require_suggestion: bool,
    /// Sorted list of proper names (one lowercase name a line): never suggested
    /// for a lowercase word, whose original would have been capitalised.
    #[serde(default)]
    proper_names: Option<String>,
    /// Also consider candidates with another first letter (one edit away); off:
    /// garbled words and typos keep their first letter, technical names (`dput`)
    /// would find one.
    #[serde(default)]
    first_letter_edits: bool,
    /// A best candidate two or more edits away must form a known bigram with a
    /// neighbour.
    #[serde(default)]
    two_edits_need_context: bool,
    /// Lowest score of the best candidate for a finding (frequency, minus edits,
    /// plus context and prefix bonuses); capitalised words need [`MIN_NAME_SCORE`].
    #[serde(default = "default_min_score")]
    min_score: f32,
    /// Confidence of a finding without any suggestion.
    #[serde(default = "default_low_confidence")]
    confidence_without_suggestion: f32,
    /// Confidence of a finding on a capitalised word (maybe a name).
    #[serde(default = "default_low_confidence")]
    confidence_capitalised: f32,
}

/// Policy for capitalised unknown words mid-sentence.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Capitalised {
    /// Never flag them.
    Skip,
    /// Flag them inside Title Case runs when a candidate fits the neighbours.
    #[default]
    Context,
}

fn default_min_length() -> usize {
    3
}
fn default_max_suggestions() -> usize {
    3
}
fn default_min_suggestion_zipf() -> f32 {
    2.5
}
fn default_low_confidence() -> f32 {
    0.5
}
fn default_min_stem_zipf() -> f32 {
    3.2
}
fn default_min_score() -> f32 {
    f32::NEG_INFINITY
}
fn default_true() -> bool {
    true
}
fn default_max_repeats() -> usize {
    1
}

/// Score of each edit: the first two are typos, later ones garbling, which says less.
const EDIT_COST: f32 = 2.0;
const FAR_EDIT_COST: f32 = 0.5;
/// Weight of the neighbour evidence (log10 bigram counts above the table's floor).
const CONTEXT_WEIGHT: f32 = 1.0;
/// Bonus for forming any known bigram with a neighbour.
const CONTEXT_BONUS: f32 = 0.5;
/// Penalty for changing the first letter (rare in real errors).
const FIRST_LETTER_COST: f32 = 1.0;
/// Bonus per letter of common prefix (up to [`PREFIX_LETTERS`]): garbled words, like
/// typos, tend to keep their beginning ("Refronting" → "Referring", not "Relating").
const PREFIX_BONUS: f32 = 1.0;
const PREFIX_LETTERS: usize = 4;
/// A capitalised word is flagged only when its best candidate scores at least this.
const MIN_NAME_SCORE: f32 = 1.0;
/// Tokens of context on each side examined for a Title Case run.
const TITLE_WINDOW: usize = 4;

/// The `non-word` detector.
pub struct NonWord {
    /// Candidates already ranked, by the arguments of [`NonWord::rank`]: a
    /// document is linted again after each edit in an editor, with mostly the same
    /// unknown words, and ranking costs far more than a lookup.
    ranked: Mutex<HashMap<RankKey, Vec<Scored>>>,
    lex: Arc<Lexicon>,
    proper_names: Option<SortedList>,
    bigrams: Option<Arc<Bigrams>>,
    /// Lowercase words never flagged (`allow`).
    extra: HashSet<String>,
    /// The words of the names of the `names` files, as sorted lists.
    name_words: Vec<IndexedList>,
    morphology: Morphology,
    params: Params,
}

/// An unknown word found in the first pass over a document, from its chunk
/// alone: its token's span, `plain` and `hyphenated` are those of the whole
/// text's tokens (a chunk's parts depend on its bytes only); the sentence and
/// spacing flags are not, and are read with the context when it is reported
/// ([`NonWord::in_context`]): a word repeated in a document is counted, never
/// reported, and needs none.
struct Unknown {
    tok: Token,
    /// The word's span (without a possessive or contraction ending).
    start: usize,
    end: usize,
    /// The start of its whitespace-separated chunk.
    chunk: usize,
}

/// An unknown word with what its context says, for [`NonWord::report`].
struct InContext {
    /// Its token, as tokenizing the whole text gives it.
    tok: Token,
    /// The word's span (without a possessive or contraction ending).
    start: usize,
    end: usize,
    /// The token before it, if any.
    prev: Option<Token>,
    /// Capitalised mid-sentence inside a Title Case run.
    in_title_run: bool,
}

/// The arguments of [`NonWord::rank`]: the word, whether it is capitalised, and
/// its neighbours' lexicon ids.
type RankKey = (Box<[u8]>, bool, Option<u32>, Option<u32>);

/// Most rankings kept by [`NonWord::ranked`] (all are dropped when it is full).
const MAX_RANKED: usize = 8192;

/// A ranked spelling candidate.
#[derive(Debug, Clone, Copy)]
struct Scored {
    id: u32,
    dist: u32,
    context: bool,
    score: f32,
}

impl NonWord {
    /// Builds the detector from its YAML parameters.
    pub fn build(params: &serde_yaml::Value) -> Result<Self, String> {
        let params: Params = parse_params(params)?;
        if params.max_suggestions == 0 {
            return Err("`max_suggestions` must be at least 1".into());
        }
        for c in [
            params.confidence_without_suggestion,
            params.confidence_capitalised,
        ] {
            if !(0.0..=1.0).contains(&c) {
                return Err(format!("confidence {c} is outside 0..1"));
            }
        }
        let lex = Lexicon::shared(&params.lexicon)?;
        let bigrams = params
            .bigrams
            .as_deref()
            .map(|b| Bigrams::shared(&params.lexicon, b))
            .transpose()?;
        let extra: HashSet<String> = params.allow.iter().map(|w| w.to_lowercase()).collect();
        let name_words = params
            .names
            .iter()
            .map(|file| IndexedList::name_words(file))
            .collect::<Result<Vec<_>, _>>()?;
        let morphology = Morphology::new(
            params.prefixes.clone(),
            params.suffixes.clone(),
            params.min_stem_zipf,
            params.compounds,
        );
        let proper_names = params
            .proper_names
            .as_deref()
            .map(SortedList::open)
            .transpose()?;
        Ok(NonWord {
            ranked: Mutex::new(HashMap::new()),
            lex,
            proper_names,
            bigrams,
            extra,
            name_words,
            morphology,
            params,
        })
    }

    /// Whether the token's word is unknown; returns the span of the word to report
    /// (without a possessive or contraction ending).
    fn unknown(&self, text: &str, tok: &Token) -> Option<(usize, usize)> {
        // Short tokens are never flagged: skip them before any lookup (about half
        // of running text is words of one to three letters).
        if !tok.plain || tok.end - tok.start < self.params.min_length {
            return None;
        }
        let word = &text[tok.start..tok.end];
        if self.lex.id_folded(word).is_some() {
            return None;
        }
        // Slow path: the word is not in the lexicon as written.
        if word.chars().count() < self.params.min_length {
            return None;
        }
        if word.chars().skip(1).any(|c| c.is_uppercase()) {
            return None; // acronym (NATO), camel case (iPhone, McDonald)
        }
        if !word.chars().all(|c| {
            c.is_ascii_alphabetic()
                || c == '\''
                || c == '’'
                || (self.params.accented || self.params.foreign_letters) && is_latin(c)
        }) {
            return None; // another script, or accents (mostly foreign names)
        }
        let mut end = tok.end;
        if let Some((i, apostrophe)) = word.rmatch_indices(['\'', '’']).next() {
            let base = &word[..i];
            let suffix = &word[i + apostrophe.len()..];
            let base = match suffix.to_ascii_lowercase().as_str() {
                "t" => base.strip_suffix(['n', 'N']).unwrap_or(base),
                "s" | "ll" | "re" | "ve" | "d" | "m" | "" => base,
                _ => return None, // O'Brien-like names, elisions
            };
            if base.is_empty() || self.lex.id_folded(base).is_some() {
                return None;
            }
            end = tok.start + base.len();
        }
        if tok.hyphenated && !self.siblings_known(text, tok) {
            return None; // a technical name (dpkg-shlibdeps), not a compound of words
        }
        let lower = text[tok.start..end].to_lowercase().replace('’', "'");
        // Without a vowel it is an abbreviation or a command name (dpkg), not a word.
        if !lower.contains(['a', 'e', 'i', 'o', 'u', 'y'])
            || self.extra.contains(&lower)
            || self.name_words.iter().any(|l| l.get(&lower).is_some())
        {
            return None;
        }
        Some((tok.start, end))
    }

    /// Whether the other parts of the hyphenated compound holding `tok` are known words.
    fn siblings_known(&self, text: &str, tok: &Token) -> bool {
        let start = text[..tok.start]
            .rfind(char::is_whitespace)
            .map_or(0, |i| i + 1);
        let end = text[tok.end..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| tok.end + i);
        text[start..end]
            .split(super::words::is_hyphen)
            .map(|p| p.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|p| !p.is_empty() && *p != &text[tok.start..tok.end])
            .all(|p| self.lex.id_folded(p).is_some())
    }

    /// [`NonWord::rank`], remembered.
    fn rank_memo(
        &self,
        lower: &[u8],
        capitalised: bool,
        prev: Option<u32>,
        next: Option<u32>,
    ) -> Vec<Scored> {
        let key: RankKey = (lower.into(), capitalised, prev, next);
        // A poisoned lock only means another lint panicked while holding it: the
        // map is still consistent (one insert at a time).
        let known = |m: &Mutex<HashMap<RankKey, Vec<Scored>>>| {
            m.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .get(&key)
                .cloned()
        };
        if let Some(ranked) = known(&self.ranked) {
            return ranked;
        }
        let ranked = self.rank(lower, capitalised, prev, next);
        let mut memo = self
            .ranked
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if memo.len() >= MAX_RANKED {
            memo.clear();
        }
        memo.insert(key, ranked.clone());
        ranked
    }

    /// Candidates for `lower`, best first.
    ///
    /// `capitalised` words (in a Title Case run or starting a sentence) may also
    /// get farther candidates that form a bigram with a neighbour, and names; a
    /// lowercase word gets neither (its original would not be a name, and the
    /// far candidates of technical terms are noise).
    fn rank(
        &self,
        lower: &[u8],
        capitalised: bool,
        prev: Option<u32>,
        next: Option<u32>,
    ) -> Vec<Scored> {
        let lex = &self.lex;
        let len = lower.len();
        // Two edits change too much of a short word.
        let near_max = if len <= 5 { 1 } else { 2 };
        let mut found = lex.near(
            lower,
            near_max,
            self.params.min_suggestion_zipf,
            self.params.first_letter_edits,
        );
        // Farther candidates only for long words, and only when a neighbour vouches.
        let far_max = match len {
            _ if !capitalised => 0,
            0..=7 => 0,
            8..=9 => 3,
            _ => 4,
        };
        let bigrams = self.bigrams.as_deref();
        let query = lexicon::Query::new(lower);
        if let (true, Some(bigrams), Some(query)) = (far_max > near_max, bigrams, query) {
            let neighbours = next
                .into_iter()
                .flat_map(|n| bigrams.before(n))
                .chain(prev.into_iter().flat_map(|p| bigrams.after(p)));
            for (id, _) in neighbours {
                let word = lex.word(id).as_bytes();
                if word.first() != lower.first() || word.len().abs_diff(len) > 2 {
                    continue;
                }
                if let Some(d) = query.distance(word, far_max) {
                    if d > near_max {
                        found.push((id, d));
                    }
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        if let (false, Some(names)) = (capitalised, &self.proper_names) {
            found.retain(|&(id, _)| !names.contains_folded(lex.word(id)));
        }
        let floor = bigrams.map_or(0.0, Bigrams::floor);
        let count = |a: Option<u32>, b: Option<u32>| bigrams?.count(a?, b?);
        let mut scored: Vec<Scored> = found
            .into_iter()
            .filter(|&(id, _)| lex.zipf(id) >= self.params.min_suggestion_zipf)
            .map(|(id, dist)| {
                let side = |pair: Option<f32>| pair.map(|c| c - floor + CONTEXT_BONUS);
                let ctx = side(count(prev, Some(id)))
                    .into_iter()
                    .chain(side(count(Some(id), next)))
                    .fold(None, |m: Option<f32>, c| Some(m.map_or(c, |m| m.max(c))));
                let cost = EDIT_COST * dist.min(2) as f32
                    + FAR_EDIT_COST * dist.saturating_sub(2) as f32
                    + if lex.word(id).as_bytes().first() == lower.first() {
                        0.0
                    } else {
                        FIRST_LETTER_COST
                    };
                let prefix = lex
                    .word(id)
                    .bytes()
                    .zip(lower)
                    .take(PREFIX_LETTERS)
                    .take_while(|(a, b)| a == *b)
                    .count();
                Scored {
                    id,
                    dist,
                    context: ctx.is_some(),
                    score: lex.zipf(id) + CONTEXT_WEIGHT * ctx.unwrap_or(0.0) - cost
                        + PREFIX_BONUS * prefix as f32,
                }
            })
            .collect();
        scored.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| lex.word(a.id).cmp(lex.word(b.id)))
        });
        scored
    }

    /// The lexicon id of a neighbouring token, when it is a plain known word.
    fn neighbour(&self, text: &str, tok: Option<&Token>) -> Option<u32> {
        let tok = tok.filter(|t| t.plain)?;
        self.lex.id_folded(&text[tok.start..tok.end])
    }

    /// Whether a capitalised word sits among other capitalised words in a Title Case run.
    fn in_title_run<'a>(
        &self,
        text: &str,
        before: impl DoubleEndedIterator<Item = &'a Token>,
        tok: &Token,
    ) -> bool {
        let capitalised_word = |t: &Token| {
            let w = &text[t.start..t.end];
            t.plain
                && !t.initial
                && w.chars().next().is_some_and(char::is_uppercase)
                && !w.chars().skip(1).any(char::is_uppercase)
                && self.lex.id_folded(w).is_some()
        };
        let mut count = 0;
        for t in before.rev() {
            if capitalised_word(t) {
                count += 1;
            }
            if t.initial {
                break;
            }
        }
        for t in Tokens::from(text, tok.end).take(TITLE_WINDOW) {
            if t.initial {
                break;
            }
            if capitalised_word(&t) {
                count += 1;
            }
        }
        count >= 2
    }
}

impl Detector for NonWord {
    fn document_level(&self) -> bool {
        true
    }

    fn find(&self, text: &str, rule: usize, out: &mut Vec<Candidate>) {
        // Pass 1: known words cost one lookup; unknown ones are collected.
        let unknowns = self.collect_unknowns(text);
        if unknowns.is_empty() {
            return;
        }
        // Pass 2: a word repeated in the document is one of its terms (a name, a
        // command); a garbled word is rarely garbled the same way twice.
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for u in &unknowns {
            *counts.entry(&text[u.start..u.end]).or_default() += 1;
        }
        for u in &unknowns {
            if counts[&text[u.start..u.end]] <= self.params.max_repeats {
                if let Some(u) = self.in_context(text, u) {
                    self.report(text, &u, rule, out);
                }
            }
        }
    }

    fn find_in_part(
        &self,
        words: &TextWords<'_>,
        rule: usize,
        out: &mut Vec<Candidate>,
        part: &mut PartEvidence,
    ) {
        // As `find`, but a word is counted over the whole document: the part records its
        // counts, and its findings hold only while the document's count stays low.
        let text = words.text();
        let unknowns = self.collect_unknowns(text);
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for u in &unknowns {
            *counts.entry(&text[u.start..u.end]).or_default() += 1;
        }
        for u in &unknowns {
            let word = &text[u.start..u.end];
            if counts[word] > self.params.max_repeats {
                continue; // too frequent in this part already
            }
            let from = out.len();
            if let Some(u) = self.in_context(text, u) {
                self.report(text, &u, rule, out);
            }
            for c in &out[from..] {
                part.limited.push(RepeatLimited {
                    rule,
                    start: c.start,
                    end: c.end,
                    word: word.to_string(),
                    max: self.params.max_repeats,
                });
            }
        }
        for (word, n) in counts {
            *part.counts.entry((rule, word.to_string())).or_default() += n;
        }
    }
}

/// Answers of [`NonWord::unknown_alone`] by run text, for one text: documents
/// repeat their terms.
type AloneMemo<'t> = HashMap<&'t str, bool>;

/// What the fast scan of [`NonWord::collect_unknowns`] found about a letter run.
enum Run {
    /// Nothing to report up to this offset.
    Done(usize),
    /// Its chunk needs the tokenizer; with the run's span when the run, as a
    /// plain token of its own, was found unknown.
    Examine(Option<(usize, usize)>),
}

/// Bytes that end a plain ASCII word token: ASCII other than letters, digits and
/// the apostrophe (a table: one load a test).
static DELIMITER: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x80 {
        t[b] = !(b as u8).is_ascii_alphanumeric() && b as u8 != b'\'';
        b += 1;
    }
    t
};

/// Chunks of context read before a suspicious chunk (Title Case runs, bigrams).
const CONTEXT_CHUNKS: usize = TITLE_WINDOW + 1;

impl NonWord {
    /// The unknown words of `text`.
    ///
    /// Fast path: each run of ASCII letters between plain ASCII delimiters is a
    /// whole word token, so a known run (or one too short to report) needs no
    /// tokenizing at all. Any other run sends its chunk (and a few chunks of
    /// context before it) through the full tokenizer.
    fn collect_unknowns(&self, text: &str) -> Vec<Unknown> {
        let mut unknowns = Vec::new();
        let mut alone = AloneMemo::new();
        let mut runs = LetterRuns::new(text.as_bytes());
        while let Some((start, end)) = runs.next() {
            match self.plainly_known(text, start, end, &mut alone) {
                // The runs already go on from `end`.
                Run::Done(token_end) if token_end > end => runs.skip_to(token_end),
                Run::Done(_) => {}
                Run::Examine(alone) => {
                    runs.skip_to(self.examine_chunk(text, start, alone, &mut unknowns));
                }
            }
        }
        unknowns
    }

    /// If the ASCII letter run `start..end` begins a token that is known, too
    /// short to report or rejected by [`NonWord::unknown`] on its letters alone
    /// (possibly with a contraction: "don't", "Trump's"), the end of that token;
    /// else its chunk needs the tokenizer.
    #[inline(always)]
    fn plainly_known<'t>(
        &self,
        text: &'t str,
        start: usize,
        end: usize,
        alone: &mut AloneMemo<'t>,
    ) -> Run {
        let bytes = text.as_bytes();
        if start > 0 && !DELIMITER[usize::from(bytes[start - 1])] {
            return Run::Examine(None);
        }
        if bytes.get(end).is_some_and(|&b| !DELIMITER[usize::from(b)]) {
            return self.known_before_apostrophe(text, start, end, alone);
        }
        self.run_alone(text, start, end, alone)
    }

    /// The verdict on the run `start..end`, between ASCII delimiters: done when
    /// it is too short, known, or rejected on its own letters. Its token is the
    /// run itself (perhaps a part of a hyphenated compound, whose sibling test
    /// only rejects more) or a larger token that is not plain, never reported.
    #[inline(always)]
    fn run_alone<'t>(
        &self,
        text: &'t str,
        start: usize,
        end: usize,
        alone: &mut AloneMemo<'t>,
    ) -> Run {
        if end - start < self.params.min_length || self.known_ascii(text.as_bytes(), start, end) {
            return Run::Done(end);
        }
        if self.unknown_alone(text, start, end, alone) {
            Run::Examine(Some((start, end)))
        } else {
            Run::Done(end)
        }
    }

    /// Whether [`NonWord::unknown`] finds the run `start..end` unknown as a plain
    /// token of its own (it then returns the run's span); remembered per word,
    /// as the answer depends on the letters alone.
    #[inline(never)]
    fn unknown_alone<'t>(
        &self,
        text: &'t str,
        start: usize,
        end: usize,
        alone: &mut AloneMemo<'t>,
    ) -> bool {
        let word = &text[start..end];
        if let Some(&unknown) = alone.get(word) {
            return unknown;
        }
        let tok = Token {
            start,
            end,
            plain: true,
            initial: false,
            spaced_before: false,
            spaced_after: false,
            hyphenated: false,
        };
        let unknown = self.unknown(text, &tok).is_some();
        alone.insert(word, unknown);
        unknown
    }

    /// [`NonWord::plainly_known`] of a run followed by an apostrophe: a
    /// contraction, a possessive or a plural possessive ("students'").
    #[inline(never)]
    fn known_before_apostrophe<'t>(
        &self,
        text: &'t str,
        start: usize,
        end: usize,
        alone: &mut AloneMemo<'t>,
    ) -> Run {
        let bytes = text.as_bytes();
        let delimiter = |b: Option<&u8>| b.is_none_or(|&b| DELIMITER[usize::from(b)]);
        let rest = &bytes[end..];
        let apostrophe = if rest.starts_with(b"'") {
            1
        } else if rest.starts_with("’".as_bytes()) {
            3
        } else {
            return Run::Examine(None);
        };
        let tail = &rest[apostrophe..];
        let n = tail.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        if !delimiter(tail.get(n)) {
            return Run::Examine(None);
        }
        if n == 0 {
            // A plural possessive: its token is the run.
            return self.run_alone(text, start, end, alone);
        }
        // A contraction or possessive: a whole plain token (or part of a larger
        // one, which is never reported), known exactly when the tokenizer's path
        // would find it known (its hyphenated siblings only make it more so).
        let token_end = end + apostrophe + n;
        let tok = Token {
            start,
            end: token_end,
            plain: true,
            initial: false,
            spaced_before: false,
            spaced_after: false,
            hyphenated: false,
        };
        match self.unknown(text, &tok) {
            None => Run::Done(token_end),
            Some(_) => Run::Examine(None),
        }
    }

    /// Whether the ASCII letters `start..end` of `bytes` are a lexicon word,
    /// ignoring case.
    #[inline(always)]
    fn known_ascii(&self, bytes: &[u8], start: usize, end: usize) -> bool {
        let len = end - start;
        if len <= 8 {
            return self
                .lex
                .id_of_letters(swar::load(bytes, start), len)
                .is_some();
        }
        bytes
            .get(start..end)
            .is_some_and(|w| self.lex.id_of_ascii_letters(w).is_some())
    }

    /// Tokenizes the chunk around byte `at` and collects its unknown words;
    /// returns the end of the chunk. `alone` is the span of a run already found
    /// unknown as a plain token of its own (by [`NonWord::unknown_alone`]): a
    /// token that is that run is not looked up again.
    fn examine_chunk(
        &self,
        text: &str,
        at: usize,
        alone: Option<(usize, usize)>,
        unknowns: &mut Vec<Unknown>,
    ) -> usize {
        let chunk_start = text[..at]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let chunk_end = text[at..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(text.len(), |(i, _)| at + i);
        for tok in Tokens::from(text, chunk_start) {
            if tok.start >= chunk_end {
                break;
            }
            let found = match alone {
                Some(span) if tok.plain && !tok.hyphenated && (tok.start, tok.end) == span => alone,
                _ => self.unknown(text, &tok),
            };
            if let Some((start, end)) = found {
                unknowns.push(Unknown {
                    tok,
                    start,
                    end,
                    chunk: chunk_start,
                });
            }
        }
        chunk_end
    }

    /// The unknown word `u` with its context: its chunk tokenized after a few
    /// chunks before it (the sentence state, the previous token, a Title Case
    /// run); `None` if the tokenizer does not give its token (it always does).
    fn in_context(&self, text: &str, u: &Unknown) -> Option<InContext> {
        let from = context_start(text, u.chunk, CONTEXT_CHUNKS);
        let mut recent: VecDeque<Token> = VecDeque::with_capacity(TITLE_WINDOW + 1);
        for tok in Tokens::from(text, from) {
            if tok.start > u.tok.start {
                break;
            }
            if tok.start == u.tok.start {
                let capitalised = text[u.start..].starts_with(char::is_uppercase);
                return Some(InContext {
                    tok,
                    start: u.start,
                    end: u.end,
                    prev: recent.back().copied(),
                    in_title_run: capitalised
                        && !tok.initial
                        && self.in_title_run(text, recent.iter(), &tok),
                });
            }
            if recent.len() == TITLE_WINDOW {
                recent.pop_front();
            }
            recent.push_back(tok);
        }
        None
    }
}

/// The start of the chunk `chunks` whitespace-separated chunks before the one at
/// `start` (or 0), so that a tokenizer started there knows the sentence state.
fn context_start(text: &str, start: usize, chunks: usize) -> usize {
    let mut pos = start;
    for _ in 0..chunks {
        let before = &text[..pos];
        let trimmed = before.trim_end();
        if trimmed.is_empty() {
            return 0;
        }
        pos = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        if pos == 0 {
            return 0;
        }
    }
    pos
}

impl NonWord {
    fn report(&self, text: &str, u: &InContext, rule: usize, out: &mut Vec<Candidate>) {
        let (tok, start, end) = (&u.tok, u.start, u.end);
        let word = &text[start..end];
        let capitalised = word.starts_with(char::is_uppercase);
        if capitalised
            && !tok.initial
            && (self.params.capitalised == Capitalised::Skip || !u.in_title_run)
        {
            return; // a name
        }
        let lower = word.to_lowercase().replace('’', "'");
        // Regular formations are coinages, except inside Title Case runs, which are
        // machine-translation output already.
        if !u.in_title_run && self.morphology.analyses(&self.lex, &lower) {
            return;
        }
        let prev = u
            .prev
            .filter(|p| p.spaced_after && tok.spaced_before && !tok.initial);
        let next = Tokens::from(text, tok.end)
            .next()
            .filter(|n| end == tok.end && tok.spaced_after && n.spaced_before);
        let ranked = self.rank_memo(
            lower.as_bytes(),
            capitalised,
            self.neighbour(text, prev.as_ref()),
            self.neighbour(text, next.as_ref()),
        );
        // Accented letters in a lowercase unknown word: another language's word.
        let foreign = self.params.foreign_letters && !capitalised && !lower.is_ascii();
        if !foreign
            && (ranked.is_empty() && self.params.require_suggestion
                || ranked
                    .first()
                    .is_some_and(|b| b.score < self.params.min_score))
        {
            return;
        }
        // Two edits away, a candidate must also fit a neighbour: technical terms
        // (`postinst`, `alioth`) have such candidates, garbles fit their sentence.
        if !foreign
            && self.params.two_edits_need_context
            && ranked.first().is_some_and(|b| b.dist >= 2 && !b.context)
        {
            return;
        }
        if capitalised {
            let fits = ranked
                .first()
                .is_some_and(|b| b.score >= MIN_NAME_SCORE && (b.dist <= 1 || b.context));
            if !fits {
                return;
            }
        }
        let suggestions: Vec<String> = ranked
            .iter()
            .take(self.params.max_suggestions)
            .map(|s| case::preserve(word, self.lex.word(s.id)))
            .collect();
        let confidence = if capitalised {
            Some(self.params.confidence_capitalised)
        } else if suggestions.is_empty() {
            Some(self.params.confidence_without_suggestion)
        } else {
            None
        };
        out.push(Candidate {
            rule,
            start,
            end,
            suggestions,
            confidence,
        });
    }
}

/// Latin letters with diacritics (Latin-1 Supplement and Latin Extended-A/B).
fn is_latin(c: char) -> bool {
    c.is_alphabetic() && (c.is_ascii() || ('\u{c0}'..='\u{24f}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The detector as the built-in pack configures it.
    fn detector() -> NonWord {
        let pack = crate::rules::embedded_data("rules/en/non-words.yaml").unwrap();
        let pack: serde_yaml::Value = serde_yaml::from_str(pack).unwrap();
        NonWord::build(&pack["rules"][0]["params"]).unwrap()
    }

    fn flagged(d: &NonWord, text: &str) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        d.find(text, 0, &mut out);
        out.into_iter()
            .map(|c| (text[c.start..c.end].to_string(), c.suggestions))
            .collect()
    }

    #[test]
    fn refronting_becomes_referring() {
        let d = detector();
        let text = "Witkoff Told Fox News that Peace Deal in Ukraine Will Center on the “So-Called Five Territories,” Refronting to Crimea, the Ukrainian Peninsula Russia Annexed in 2014.";
        let got = flagged(&d, text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "Refronting");
        assert_eq!(got[0].1[0], "Referring");
    }

    #[test]
    fn lowercase_typos_get_suggestions() {
        let d = detector();
        let got = flagged(&d, "The govenrment said the minsiters were arested.");
        let words: Vec<_> = got
            .iter()
            .map(|(w, s)| (w.as_str(), s[0].as_str()))
            .collect();
        assert_eq!(
            words,
            [
                ("govenrment", "government"),
                ("minsiters", "ministers"),
                ("arested", "arrested")
            ]
        );
    }

    #[test]
    fn not_non_words() {
        let d = detector();
        for text in [
            "Steve Witkoff met Yermak and Merezhko in Kyiv.",
            "See https://example.com/refronting or mail refronting@example.org, #refronting @refronting.",
            "NATO, the UNHCR and the OSCE met on the 21st and 22nd; 1,500 people came.",
            "A pro-Russian, full-scale, so-called high-level 30-day well-known plan.",
            "They don’t, they’re, we’ve, Trump’s and the students’ books.",
            "Москва and 北京 are written in other scripts; so is Αθήνα.",
            "The iPhone and McDonald's are brands.",
            "A naïve café owner in Zürich met Ségolène.",
            "Relicensing a fakeroot is a maintainership question; dpkg knows.",
            "The frobnicator runs. Then the frobnicator stops.",
            "Upload with dput; lintian runs on alioth.",
        ] {
            assert_eq!(flagged(&d, text), [], "{text}");
        }
    }

    #[test]
    fn accented_leftovers_are_reported() {
        let d = detector();
        let got = flagged(&d, "the nemoveblaĵajn taxes and the arrivés ministers");
        let words: Vec<_> = got.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(words, ["nemoveblaĵajn", "arrivés"]);
    }

    /// The fast scan collects exactly the unknown words that tokenizing the whole
    /// text finds.
    #[test]
    fn fast_scan_agrees_with_the_tokenizer() {
        let d = detector();
        let seed = std::fs::read_to_string("corpus/seed/cnn-roundtrip.txt").unwrap_or_default();
        for text in [
            seed.as_str(),
            "The govenrment's minsiters wern't there; Zorblatt’s plan, qwrty'll fail.",
            "don't won't can’t Xyzzy's zorblatt's zorbn't frobnik'd glorp’ve students' glorps'",
            "pro-zorblatt so-called well-known x1y2 abc123 naïve café Zürich naïvete",
            "NATO's iPhone's McDonald's O'Brien's rock'n'roll 'quoted' ‘glorpish’ “glorpish”",
            "line one\nglorpish line\r\n\nNew Para Glorpish Title Case Run Here\t(glorpish)",
            "abcdefghijklmnopqrstuvwxyzabc internationalization's supercalifragilistic",
            "e.g. foo.glorpish foo/glorpish #glorpish @glorpish glorpish@example.org",
            "QWXZ iPhonez GlorpIsh dpkg brrr Yermak Witkoff Merezhko fakeroot lintian",
            "foo,glorpish glorpish,foo glorpish;the well-glorpish glorpish-well dpkg-glorpish",
            "Glorpish students' glorpishes' the Glorpishes' NATOx's x'glorpish glorpish'x",
            "Zorblatt-Glorpish (glorpish) \"glorpish\" [glorpish] glorpish: glorpish!\nglorpish",
        ] {
            let unknowns = d.collect_unknowns(text);
            let fast: Vec<(usize, usize)> = unknowns.iter().map(|u| (u.start, u.end)).collect();
            let slow: Vec<(usize, usize)> = Tokens::new(text)
                .filter_map(|t| d.unknown(text, &t))
                .collect();
            assert_eq!(fast, slow, "{text}");
            // The chunk alone gives the whole text's token span and kind; the
            // context gives the whole token.
            for u in &unknowns {
                let whole = Tokens::new(text).find(|t| t.start == u.tok.start).unwrap();
                assert_eq!(
                    (whole.end, whole.plain, whole.hyphenated),
                    (u.tok.end, u.tok.plain, u.tok.hyphenated),
                    "{text}"
                );
                assert_eq!(d.in_context(text, u).map(|c| c.tok), Some(whole), "{text}");
            }
        }
    }

    #[test]
    fn sentence_initial_names_need_a_candidate() {
        let d = detector();
        assert_eq!(flagged(&d, "Zorblatt said so."), []);
    }

    #[test]
    fn bad_params_are_errors() {
        let bad = |yaml: &str| NonWord::build(&serde_yaml::from_str(yaml).unwrap()).err();
        assert!(bad("lexicon: nope.tsv").unwrap().contains("nope.tsv"));
        assert!(bad("lexicon: rules/en/data/lexicon.tsv\nfoo: 1")
            .unwrap()
            .contains("unknown field"));
        assert!(bad("lexicon: rules/en/data/lexicon.tsv\ncapitalised: sometimes").is_some());
        assert!(bad("{}").unwrap().contains("lexicon"));
    }
}
