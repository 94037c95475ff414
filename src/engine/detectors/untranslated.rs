//! Untranslated text: sentences left in the source language inside an English
//! document, identified with whatlang and reported with the language's name.
//!
//! Language identification is costly and unreliable on short text, so a sentence
//! goes to whatlang only when it has enough lowercase words, hardly any of the
//! document language's own function words (`the`, `of`, `which`: most English
//! sentences are dismissed after a few words), and enough words that are not
//! common English words; names-only lines and short fragments never qualify. Adjacent sentences found in the
//! same language are reported as one span.

use std::collections::HashSet;
use std::sync::Arc;

use serde::Deserialize;

use super::lexicon::Lexicon;
use super::words::{swar, Tokens};
use super::{parse_params, Detector};
use crate::engine::language::iso639_1;
use crate::engine::Candidate;

/// YAML parameters of the `untranslated` detector.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    /// Frequent function words of the document's language that other languages
    /// lack (`the`, `of`, `which`): a sentence with more of them than
    /// `max_own_words` is in the document's language, without asking whatlang.
    own_words: Vec<String>,
    /// See `own_words`.
    #[serde(default = "default_max_own_words")]
    max_own_words: usize,
    /// Lexicon of the document's language (`word<TAB>zipf×100`), for the share of
    /// foreign words.
    lexicon: String,
    /// Words at least this frequent (Zipf) count as English for the prefilter.
    #[serde(default = "default_common_zipf")]
    common_zipf: f32,
    /// Fewest lowercase words a sentence needs to be examined.
    #[serde(default = "default_min_words")]
    min_words: usize,
    /// Fewest letters a sentence needs to be examined.
    #[serde(default = "default_min_letters")]
    min_letters: usize,
    /// Share of lowercase words that must not be common English words.
    #[serde(default = "default_min_foreign_ratio")]
    min_foreign_ratio: f32,
    /// Lowest whatlang confidence accepted.
    #[serde(default = "default_min_confidence")]
    min_confidence: f64,
    /// Languages to tell apart (ISO 639-1); must include the document's language.
    /// Fewer candidates make short-text identification more reliable.
    #[serde(default)]
    languages: Vec<String>,
    /// The language of the document (ISO 639-1); sentences in it are never reported.
    #[serde(default = "default_language")]
    language: String,
}

fn default_max_own_words() -> usize {
    1
}
fn default_common_zipf() -> f32 {
    3.0
}
fn default_min_words() -> usize {
    4
}
fn default_min_letters() -> usize {
    20
}
fn default_min_foreign_ratio() -> f32 {
    0.25
}
fn default_min_confidence() -> f64 {
    0.5
}
fn default_language() -> String {
    "en".into()
}

/// The `untranslated` detector.
pub struct Untranslated {
    lex: Arc<Lexicon>,
    /// Lexicon ids of `own_words`, sorted for binary search.
    own_ids: Vec<u32>,
    /// The lowercase `own_words`, for the quick test of [`Untranslated::clearly_own`].
    own_set: OwnSet,
    whatlang: whatlang::Detector,
    own: whatlang::Lang,
    params: Params,
}

/// A set of words tested against every space-separated piece of a sentence: words
/// of up to eight bytes are kept as integer keys in a small open-addressing table,
/// so that a test costs one multiply and, for most pieces, one or two loads (most
/// pieces are longer than any such word, or miss at their first slot).
#[derive(Debug, Default)]
struct OwnSet {
    /// Slots of (the word's bytes zero-padded to eight, length); length 0 is empty.
    slots: Vec<(u64, usize)>,
    /// Length of the longest short word.
    max_short: usize,
    /// Longer words.
    long: HashSet<String>,
}

impl OwnSet {
    fn new<'w>(words: impl Iterator<Item = &'w String>) -> Self {
        let mut set = OwnSet::default();
        let mut keys = Vec::new();
        for w in words {
            match short_key(w) {
                Some(key) => {
                    keys.push(key);
                    set.max_short = set.max_short.max(w.len());
                }
                None => {
                    set.long.insert(w.clone());
                }
            }
        }
        // At most a quarter full, so that a probe for an absent word ends soon.
        set.slots = vec![(0, 0); (keys.len() * 4).next_power_of_two().max(16)];
        for key in keys {
            let mut at = set.slot(key.0);
            while set.slots[at].1 != 0 && set.slots[at] != key {
                at = (at + 1) & (set.slots.len() - 1);
            }
            set.slots[at] = key;
        }
        set
    }

    /// The first slot probed for a key.
    #[inline]
    fn slot(&self, key: u64) -> usize {
        let h = key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32;
        // The table length is a power of two (at least 16).
        h as usize & (self.slots.len() - 1)
    }

    /// Whether the short word with this key is in the set.
    #[inline]
    fn contains_key(&self, key: (u64, usize)) -> bool {
        if self.slots.is_empty() {
            return false;
        }
        let mut at = self.slot(key.0);
        loop {
            let slot = self.slots[at];
            if slot == key {
                return true;
            }
            if slot.1 == 0 {
                return false;
            }
            at = (at + 1) & (self.slots.len() - 1);
        }
    }

    /// Whether a whole piece is in the set (the simple test, for tests).
    #[cfg(test)]
    fn contains(&self, piece: &str) -> bool {
        if piece.len() <= self.max_short {
            short_key(piece).is_some_and(|k| self.contains_key(k))
        } else {
            !self.long.is_empty() && self.long.contains(piece)
        }
    }

    /// [`OwnSet::contains`] for the piece `bytes[start..end]` (within a text of
    /// `str` boundaries) whose first eight bytes, zero-padded past the end of
    /// `bytes`, are `first8`.
    #[inline]
    fn contains_at(&self, text: &str, start: usize, end: usize, first8: u64) -> bool {
        let len = end - start;
        if len == 0 {
            false
        } else if len <= self.max_short {
            // `max_short` is at most 8.
            let mask = if len >= 8 {
                u64::MAX
            } else {
                (1u64 << (8 * len)) - 1
            };
            self.contains_key((first8 & mask, len))
        } else {
            !self.long.is_empty() && text.get(start..end).is_some_and(|p| self.long.contains(p))
        }
    }
}

/// The key of a word of one to eight bytes in [`OwnSet::slots`].
fn short_key(word: &str) -> Option<(u64, usize)> {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > 8 {
        return None;
    }
    let mut v = [0u8; 8];
    v[..bytes.len()].copy_from_slice(bytes);
    Some((u64::from_le_bytes(v), bytes.len()))
}

/// The first space at or after `from`, or the length of `bytes`.
#[inline]
fn next_space(bytes: &[u8], from: usize) -> usize {
    bytes
        .get(from..)
        .and_then(|rest| memchr::memchr(b' ', rest))
        .map_or(bytes.len(), |i| from + i)
}

/// Finds the whatlang language of an ISO 639-1 (or 639-3) code.
fn lang_of(code: &str) -> Option<whatlang::Lang> {
    whatlang::Lang::all()
        .iter()
        .copied()
        .find(|&l| iso639_1(l) == code || l.code() == code)
}

impl Untranslated {
    /// Builds the detector from its YAML parameters.
    pub fn build(params: &serde_yaml::Value) -> Result<Self, String> {
        let params: Params = parse_params(params)?;
        if !(0.0..=1.0).contains(&params.min_foreign_ratio) {
            return Err("`min_foreign_ratio` must be within 0..1".into());
        }
        if !(0.0..=1.0).contains(&params.min_confidence) {
            return Err("`min_confidence` must be within 0..1".into());
        }
        if params.min_words == 0 {
            return Err("`min_words` must be at least 1".into());
        }
        let own = lang_of(&params.language)
            .ok_or_else(|| format!("unknown language `{}`", params.language))?;
        let whatlang = if params.languages.is_empty() {
            whatlang::Detector::new()
        } else {
            let list = params
                .languages
                .iter()
                .map(|c| lang_of(c).ok_or_else(|| format!("unknown language `{c}` in `languages`")))
                .collect::<Result<Vec<_>, _>>()?;
            if !list.contains(&own) {
                return Err(format!(
                    "`languages` must include the document language `{}`",
                    params.language
                ));
            }
            whatlang::Detector::with_allowlist(list)
        };
        let lex = Lexicon::shared(&params.lexicon)?;
        let mut own_ids = Vec::with_capacity(params.own_words.len());
        for w in &params.own_words {
            let id = lex
                .id_folded(w)
                .ok_or_else(|| format!("own word `{w}` is not in the lexicon"))?;
            own_ids.push(id);
        }
        own_ids.sort_unstable();
        own_ids.dedup();
        if own_ids.is_empty() {
            return Err("`own_words` must list at least one word".into());
        }
        let own_set = OwnSet::new(
            params
                .own_words
                .iter()
                .filter(|w| w.chars().all(char::is_lowercase)),
        );
        Ok(Untranslated {
            lex,
            own_ids,
            own_set,
            whatlang,
            own,
            params,
        })
    }

    /// Whether a sentence has more than `max_own_words` own words that stand
    /// between spaces: each is a plain lowercase token [`Untranslated::suspicious`]
    /// counts too, so such a sentence is dismissed without tokenizing it.
    fn clearly_own(&self, sentence: &str) -> bool {
        let bytes = sentence.as_bytes();
        let mut own = 0;
        let mut start = 0;
        // The pieces of `sentence.split(' ')`, each with its first eight bytes
        // loaded once for both the end search and the set test.
        while start < bytes.len() {
            let first8 = swar::load(bytes, start);
            let spaces = swar::equal(first8, b' ');
            let end = if spaces != 0 {
                start + swar::first(spaces)
            } else {
                next_space(bytes, start + 8)
            };
            if self.own_set.contains_at(sentence, start, end, first8) {
                own += 1;
                if own > self.params.max_own_words {
                    return true;
                }
            }
            start = end + 1;
        }
        false
    }

    /// [`Untranslated::clearly_own`] the simple way, for tests.
    #[cfg(test)]
    fn clearly_own_simple(&self, sentence: &str) -> bool {
        let own = sentence
            .split(' ')
            .filter(|piece| self.own_set.contains(piece))
            .count();
        own > self.params.max_own_words
    }

    /// Whether a sentence has enough foreign-looking words to be worth identifying.
    fn suspicious(&self, sentence: &str) -> bool {
        if self.clearly_own(sentence) {
            return false;
        }
        if let Some(verdict) = self.simple_verdict(sentence) {
            return verdict;
        }
        self.suspicious_by_tokens(sentence)
    }

    /// [`Untranslated::suspicious_by_tokens`] for a sentence of plain words only:
    /// pieces between single spaces of ASCII letters, each maybe followed by one of
    /// `, . ; : ! ?`. Each such piece is one plain token of its letters, so the
    /// counts need no tokenizer; `None` for any other sentence.
    fn simple_verdict(&self, sentence: &str) -> Option<bool> {
        let mut counts = Counts::default();
        for piece in sentence.as_bytes().split(|&b| b == b' ') {
            let word = match piece {
                [] => continue,
                [word @ .., b',' | b'.' | b';' | b':' | b'!' | b'?'] => word,
                word => word,
            };
            if word.is_empty() || !word.iter().all(u8::is_ascii_alphabetic) {
                return None;
            }
            // Capitalised words may be names in any language: they prove nothing.
            if word[0].is_ascii_uppercase() {
                continue;
            }
            let id = self.lex.id_of_ascii_letters(word);
            if !counts.add(self, id, word.len()) {
                return Some(false);
            }
        }
        Some(counts.suspicious(&self.params))
    }

    /// The counts of [`Untranslated::suspicious`] from the sentence's tokens.
    fn suspicious_by_tokens(&self, sentence: &str) -> bool {
        let mut counts = Counts::default();
        for tok in Tokens::new(sentence) {
            let word = &sentence[tok.start..tok.end];
            if !tok.plain {
                counts.technical += 1;
                continue;
            }
            // Capitalised words may be names in any language: they prove nothing.
            if word.starts_with(char::is_uppercase) {
                continue;
            }
            let letters = if word.is_ascii() {
                word.len()
            } else {
                word.chars().count()
            };
            if !counts.add(self, self.lex.id_folded(word), letters) {
                return false; // most sentences stop here, after a few words
            }
        }
        counts.suspicious(&self.params)
    }

    /// The language of a sentence, when whatlang is confident it is not the document's.
    fn foreign_language(&self, sentence: &str) -> Option<whatlang::Lang> {
        let info = self.whatlang.detect(sentence)?;
        (info.lang() != self.own && info.confidence() >= self.params.min_confidence)
            .then(|| info.lang())
    }
}

/// What [`Untranslated::suspicious`] counts in a sentence's lowercase words.
#[derive(Default)]
struct Counts {
    /// Lowercase plain words.
    words: usize,
    /// Those that are not common in the document's language.
    foreign: usize,
    /// Their letters.
    letters: usize,
    /// Those that are the language's own function words.
    own: usize,
    /// Tokens that are not plain words (code, numbers, paths).
    technical: usize,
}

impl Counts {
    /// Counts a lowercase word (its lexicon id and number of letters); false once
    /// the sentence has more of the language's own words than it may.
    fn add(&mut self, d: &Untranslated, id: Option<u32>, letters: usize) -> bool {
        if id.is_some_and(|id| d.own_ids.binary_search(&id).is_ok()) {
            self.own += 1;
            if self.own > d.params.max_own_words {
                return false;
            }
        }
        self.words += 1;
        self.letters += letters;
        if !id.is_some_and(|id| d.lex.zipf(id) >= d.params.common_zipf) {
            self.foreign += 1;
        }
        true
    }

    /// Whether the counted sentence is worth identifying.
    fn suspicious(&self, params: &Params) -> bool {
        self.words >= params.min_words
            // Code, commands and changelog lines are mostly technical tokens.
            && self.technical * 2 < self.words
            && self.letters >= params.min_letters
            && self.foreign as f32 >= params.min_foreign_ratio * self.words as f32
    }
}

impl Detector for Untranslated {
    fn document_level(&self) -> bool {
        true
    }

    fn find(&self, text: &str, rule: usize, out: &mut Vec<Candidate>) {
        // (start, end, language) of the last reported span, to merge neighbours.
        let mut open: Option<(usize, usize, whatlang::Lang)> = None;
        for (start, end) in sentences(text) {
            let sentence = &text[start..end];
            let lang = if self.suspicious(sentence) {
                self.foreign_language(sentence)
            } else {
                None
            };
            match (lang, open) {
                (Some(l), Some((s, e, ol))) if l == ol && text[e..start].trim().is_empty() => {
                    open = Some((s, end, l));
                }
                (l, prev) => {
                    if let Some((s, e, _)) = prev {
                        out.push(span(rule, s, e));
                    }
                    open = l.map(|l| (start, end, l));
                }
            }
        }
        if let Some((s, e, _)) = open {
            out.push(span(rule, s, e));
        }
    }

    fn placeholders(&self, matched: &str) -> Vec<(&'static str, String)> {
        let lang = self
            .whatlang
            .detect(matched)
            .map_or("a foreign language", |i| i.lang().eng_name());
        vec![("language", lang.to_string())]
    }
}

fn span(rule: usize, start: usize, end: usize) -> Candidate {
    Candidate {
        rule,
        start,
        end,
        suggestions: Vec::new(),
        confidence: None,
    }
}

/// Sentences of `text` as byte ranges without surrounding whitespace: text ends at
/// `. ! ? …` followed by whitespace, and at line breaks.
fn sentences(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut stops = Stops::new(bytes);
    std::iter::from_fn(move || {
        for at in stops.by_ref() {
            let mut i = at + 1;
            let end = match bytes[at] {
                b'\n' => at,
                b'.' | b'!' | b'?' => at + 1,
                // "…" is E2 80 A6 (no stop byte among its last two).
                0xE2 if bytes[at..].starts_with("…".as_bytes()) => {
                    i = at + 3;
                    at + 3
                }
                _ => continue,
            };
            let closes = bytes[at] == b'\n'
                || i >= bytes.len()
                || bytes[i].is_ascii_whitespace()
                || text[i..].starts_with(char::is_whitespace);
            if !closes {
                continue;
            }
            let s = start;
            start = end;
            if let Some(r) = trimmed(text, s, end) {
                return Some(r);
            }
        }
        let s = start;
        start = text.len();
        trimmed(text, s, text.len())
    })
}

/// The offsets of the bytes that may end a sentence (`. ! ?`, the line break and
/// 0xE2, the first byte of `…`), in order: two SIMD scans (memchr) merged, where
/// most of the text holds none of them.
struct Stops<'t> {
    /// `. ! ?`.
    marks: std::iter::Peekable<memchr::Memchr3<'t>>,
    /// Line breaks and 0xE2.
    others: std::iter::Peekable<memchr::Memchr2<'t>>,
}

impl<'t> Stops<'t> {
    fn new(bytes: &'t [u8]) -> Self {
        Stops {
            marks: memchr::memchr3_iter(b'.', b'!', b'?', bytes).peekable(),
            others: memchr::memchr2_iter(b'\n', 0xE2, bytes).peekable(),
        }
    }
}

impl Iterator for Stops<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        match (self.marks.peek(), self.others.peek()) {
            (Some(&m), Some(&o)) if o < m => self.others.next(),
            (Some(_), _) => self.marks.next(),
            _ => self.others.next(),
        }
    }
}

/// `text[start..end]` without its surrounding whitespace, if anything is left.
fn trimmed(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    // ASCII whitespace by bytes (the ASCII characters `char::is_whitespace` takes:
    // tab to carriage return, and the space), other whitespace by characters.
    let bytes = text.as_bytes();
    let (mut start, mut end) = (start, end);
    while start < end && matches!(bytes[start], b'\t'..=b'\r' | b' ') {
        start += 1;
    }
    while end > start && matches!(bytes[end - 1], b'\t'..=b'\r' | b' ') {
        end -= 1;
    }
    if start < end && (bytes[start] >= 0x80 || bytes[end - 1] >= 0x80) {
        return trimmed_by_chars(text, start, end);
    }
    (start < end).then_some((start, end))
}

/// [`trimmed`] a character at a time.
fn trimmed_by_chars(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    (!body.is_empty()).then_some((start + lead, start + lead + body.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detector() -> Untranslated {
        let pack = crate::rules::embedded_data("rules/en/untranslated.yaml").unwrap();
        let pack: serde_yaml::Value = serde_yaml::from_str(pack).unwrap();
        Untranslated::build(&pack["rules"][0]["params"]).unwrap()
    }

    fn found(d: &Untranslated, text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        d.find(text, 0, &mut out);
        out.into_iter()
            .map(|c| {
                let m = &text[c.start..c.end];
                (m.to_string(), d.placeholders(m)[0].1.clone())
            })
            .collect()
    }

    #[test]
    fn finds_foreign_sentences() {
        let d = detector();
        let text = "The ministers met in Paris on Thursday. Les ministres sont arrivés dans la capitale pour le sommet. Then they left.";
        let got = found(&d, text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].0.starts_with("Les ministres"));
        assert_eq!(got[0].1, "French");
        let got = found(&d, "Он сказал, что переговоры пройдут в пятницу в Женеве.");
        assert_eq!(got[0].1, "Russian");
    }

    #[test]
    fn merges_adjacent_sentences() {
        let d = detector();
        let text = "Die Regierung hat heute beschlossen, die Steuern zu senken. Das wurde lange erwartet und ist gut für alle.";
        let got = found(&d, text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, text);
        assert_eq!(got[0].1, "German");
    }

    #[test]
    fn quiet_on_english_names_and_fragments() {
        let d = detector();
        for text in [
            "The ministers arrived in the French capital for the summit on Thursday.",
            "Volodymyr Zelensky, Andriy Yermak, Oleksandr Merezhko, Kirill Dmitriev",
            "Merci beaucoup.",
            "the so-called “coalition of the willing” met in Paris",
            "They ate croissants and pain au chocolat at the café.",
        ] {
            assert_eq!(found(&d, text), [], "{text}");
        }
    }

    #[test]
    fn own_set_agrees_with_a_hash_set() {
        let words: Vec<String> = [
            "the",
            "of",
            "a",
            "between",
            "eightchr",
            "ninechars",
            "zürich",
        ]
        .map(String::from)
        .to_vec();
        let set = OwnSet::new(words.iter());
        let plain: HashSet<&str> = words.iter().map(String::as_str).collect();
        for piece in [
            "",
            "the",
            "The",
            "the\0",
            "th",
            "thee",
            "a",
            "of,",
            "between",
            "eightchr",
            "eightchrs",
            "ninechars",
            "ninechar",
            "zürich",
            "zurich",
            "zürichx",
            "€",
            "ofx",
        ] {
            assert_eq!(set.contains(piece), plain.contains(piece), "{piece:?}");
            let text = format!("x {piece} y");
            let (start, end) = (2, 2 + piece.len());
            let first8 = swar::load(text.as_bytes(), start);
            assert_eq!(
                set.contains_at(&text, start, end, first8),
                plain.contains(piece),
                "{piece:?}"
            );
        }
    }

    #[test]
    fn clearly_own_agrees_with_splitting() {
        let d = detector();
        let texts = [
            "",
            " ",
            "the of",
            "The Of",
            "the  of",
            "the\0 of",
            "of the",
            "ofthe the",
            "of, the",
            "the-of of",
            "between because",
            "because between",
            "through\nthe of",
            "it’s the way",
            "l’of de the",
            "Les ministres sont arrivés dans la capitale pour le sommet",
            "Die Regierung hat heute beschlossen, the Steuern zu senken of",
            "zürich the zurich of",
            "x the",
            "abcdefgh the abcdefghi of",
            "the",
            "  the   of  ",
            "naïve café of résumé the",
            "Он сказал the что of",
            "between",
            "during while",
        ];
        for text in texts {
            assert_eq!(d.clearly_own(text), d.clearly_own_simple(text), "{text:?}");
            // Every prefix ending at a character boundary too.
            for (i, _) in text.char_indices() {
                let t = &text[..i];
                assert_eq!(d.clearly_own(t), d.clearly_own_simple(t), "{t:?}");
            }
        }
    }

    /// Varied text for the scans: other scripts, apostrophes, hyphens, digits,
    /// line breaks, capitals, and stops on both sides of 64-byte block edges.
    fn varied_texts() -> Vec<String> {
        let mut texts: Vec<String> = [
            "",
            ".",
            "\n",
            "…",
            "One two. Three… four?\nFive 2.5 six!  \n\n e.g. seven «Привет» — x",
            "It’s the end.\u{a0}Next one… and the don't-stop line\r\nWait?!",
            "Les ministres sont arrivés. Die Regierung hat heute beschlossen!",
            "Он сказал, что переговоры пройдут в пятницу.Без пробела. Конец",
            "x\u{2026}y \u{2014} \u{2019} end?",
        ]
        .map(String::from)
        .to_vec();
        for pad in [1, 7, 8, 62, 63, 64, 65, 127, 128] {
            let a = "a".repeat(pad);
            texts.push(format!("{a}. B! c? d\n… e{a}…f"));
            texts.push(format!("{a}’s Q-word 12.5.\n{a}"));
        }
        texts
    }

    #[test]
    fn stops_agree_with_a_byte_scan() {
        for text in varied_texts() {
            let bytes = text.as_bytes();
            let slow: Vec<usize> = (0..bytes.len())
                .filter(|&i| matches!(bytes[i], b'\n' | b'.' | b'!' | b'?' | 0xE2))
                .collect();
            assert_eq!(Stops::new(bytes).collect::<Vec<_>>(), slow, "{text:?}");
        }
    }

    /// Sentences the simple way: a byte at a time.
    fn sentences_simple(text: &str) -> Vec<(usize, usize)> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let (mut start, mut i) = (0, 0);
        while i < bytes.len() {
            let at = i;
            i += 1;
            let end = match bytes[at] {
                b'\n' => at,
                b'.' | b'!' | b'?' => at + 1,
                0xE2 if text[at..].starts_with('…') => {
                    i = at + 3;
                    at + 3
                }
                _ => continue,
            };
            if bytes[at] == b'\n'
                || text[i..].is_empty()
                || text[i..].starts_with(char::is_whitespace)
            {
                out.extend(trimmed(text, start, end));
                start = end;
            }
        }
        out.extend(trimmed(text, start, text.len()));
        out
    }

    #[test]
    fn sentences_agree_with_a_byte_scan() {
        for text in varied_texts() {
            assert_eq!(
                sentences(&text).collect::<Vec<_>>(),
                sentences_simple(&text),
                "{text:?}"
            );
        }
    }

    /// Every sentence of the evaluation corpus, and made-up ones around the edges
    /// of [`Untranslated::simple_verdict`].
    fn test_sentences() -> Vec<String> {
        let mut texts: Vec<String> = [
            "the new tax rate will take effect in july",
            "The new tax rate will take effect in July.",
            "Maintainer scripts must be idempotent.",
            "Please use gettext-based templates.",
            "les ministres sont arrivés dans la capitale pour le sommet",
            "les ministres sont arrives dans la capitale pour le sommet",
            "Die Regierung hat heute beschlossen, die Steuern zu senken.",
            "die regierung hat heute beschlossen die steuern zu senken",
            "het kabinet heeft vandaag besloten de belastingen te verlagen",
            "the, of. and; to: it! for? with",
            "the,, of and",
            "qwzx plokj vbnmt zzyzx frumious",
            "qwzx plokj vbnmt zzyzx frumious,",
            "qwzx , plokj vbnmt zzyzx",
            "qwzx plokj-vbnmt zzyzx frumious",
            "qwzx plokj\tvbnmt zzyzx frumious",
            "qwzx plokj’s vbnmt zzyzx frumious",
            "qwzx plokj's vbnmt zzyzx frumious",
            "qwzx plokj2 vbnmt zzyzx frumious",
            "qwzx plokj.vbnmt zzyzx frumious",
            "qwzx e.g. vbnmt zzyzx frumious",
            "qwzx (plokj) vbnmt zzyzx frumious",
            "qwzx \"plokj\" vbnmt zzyzx frumious",
            "qwzx plokj  vbnmt   zzyzx frumious",
            "Qwzx Plokj vbnmt zzyzx frumious",
            "qwzx iPhone vbnmt zzyzx frumious",
            "qwzx plokj vbnmt zzyzx supercalifragilisticexpialidociousandthensomemorelettersx",
            "un deux trois quatre cinq six",
            "x y z w",
            "abc",
            "",
            "zürich naïve café résumé déjà",
            "Он сказал что переговоры пройдут в пятницу",
        ]
        .map(String::from)
        .to_vec();
        let mut files = vec![std::path::PathBuf::from("corpus")];
        while let Some(path) = files.pop() {
            if path.is_dir() {
                let mut entries: Vec<_> = std::fs::read_dir(&path)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .collect();
                entries.sort();
                files.extend(entries);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                texts.extend(sentences(&text).map(|(s, e)| text[s..e].to_string()));
            }
        }
        texts
    }

    #[test]
    fn simple_verdict_agrees_with_the_tokens() {
        let d = detector();
        let (mut simple, mut passed) = (0, 0);
        for sentence in test_sentences() {
            // Whole sentences and some prefixes (ending at character boundaries).
            let cuts: Vec<usize> = sentence
                .char_indices()
                .map(|(i, _)| i)
                .filter(|i| i % 7 == 0)
                .chain([sentence.len()])
                .collect();
            for cut in cuts {
                let s = &sentence[..cut];
                if let Some(verdict) = d.simple_verdict(s) {
                    simple += 1;
                    passed += usize::from(verdict);
                    assert_eq!(verdict, d.suspicious_by_tokens(s), "{s:?}");
                }
                assert_eq!(
                    d.suspicious(s),
                    !d.clearly_own(s) && d.suspicious_by_tokens(s),
                    "{s:?}"
                );
            }
        }
        assert!(simple > 1000, "only {simple} simple sentences");
        assert!(passed > 10, "only {passed} simple sentences pass");
    }

    #[test]
    fn trimming_by_bytes_agrees_with_chars() {
        let mut texts = varied_texts();
        texts.extend(
            [
                " \t\u{b}\u{c}\r\n x \n",
                "\u{a0}\u{2003}x y\u{3000}\u{85}",
                " \u{a0} ",
                "\u{a0}",
                " é ",
                "\n\n",
                "x",
            ]
            .map(String::from),
        );
        for text in texts {
            let cuts: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            for (k, &start) in cuts.iter().enumerate() {
                for &end in &cuts[k..] {
                    assert_eq!(
                        trimmed(&text, start, end),
                        trimmed_by_chars(&text, start, end),
                        "{:?}",
                        &text[start..end]
                    );
                }
            }
        }
    }

    #[test]
    fn splits_sentences() {
        let text = "One two. Three… four?\nFive 2.5 six!  \n\n e.g. seven";
        let got: Vec<_> = sentences(text).map(|(s, e)| &text[s..e]).collect();
        assert_eq!(
            got,
            [
                "One two.",
                "Three…",
                "four?",
                "Five 2.5 six!",
                "e.g.",
                "seven"
            ]
        );
    }

    #[test]
    fn bad_params_are_errors() {
        let bad = |y: &str| {
            let y = format!("own_words: [the]\n{y}");
            Untranslated::build(&serde_yaml::from_str(&y).unwrap()).err()
        };
        assert!(
            bad("lexicon: rules/en/data/lexicon.tsv\nlanguages: [fr, de]")
                .unwrap()
                .contains("document language")
        );
        assert!(bad("lexicon: rules/en/data/lexicon.tsv\nlanguages: [xx]")
            .unwrap()
            .contains("xx"));
        assert!(bad("lexicon: rules/en/data/lexicon.tsv\nmin_confidence: 2").is_some());
    }
}
