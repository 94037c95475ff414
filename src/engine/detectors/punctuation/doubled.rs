//! `doubled-word`: the same word twice in a row.

use std::collections::HashSet;

use serde::Deserialize;

use super::candidate;
use super::word_gaps::{Gap, WordGaps};
use crate::engine::detectors::words::{swar, Token, Tokens};
use crate::engine::detectors::{parse_params, Detector};
use crate::engine::Candidate;

/// `doubled-word`: "the the" → "the" (not "had had", "that that").
pub struct DoubledWord {
    allow: HashSet<String>,
    across_lines: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DoubledWordParams {
    /// Words whose doubling is grammatical or idiomatic.
    #[serde(default)]
    allow: Vec<String>,
    /// Also report a word repeated across a line break (off: lists and code
    /// repeat words at line starts).
    #[serde(default)]
    across_lines: bool,
}

impl DoubledWord {
    /// Builds the detector from its YAML parameters.
    pub fn build(params: &serde_yaml::Value) -> Result<Self, String> {
        let p: DoubledWordParams = parse_params(params)?;
        Ok(DoubledWord {
            allow: p.allow.into_iter().map(|w| w.to_lowercase()).collect(),
            across_lines: p.across_lines,
        })
    }
}

impl DoubledWord {
    /// Whether `tok` repeats `p`, the token just before it.
    fn is_doubled(&self, text: &str, p: &Token, tok: &Token) -> bool {
        let (a, b) = (&text[p.start..p.end], &text[tok.start..tok.end]);
        p.plain
            && tok.plain
            && p.spaced_after
            && tok.spaced_before
            && !p.hyphenated
            && !tok.hyphenated
            && a.len() == b.len()
            && a.eq_ignore_ascii_case(b)
            && (self.across_lines || !text[p.end..tok.start].contains('\n'))
            // "Duran Duran", "Bora Bora": a capitalised second word is a name.
            && b.chars().all(|c| !c.is_uppercase())
            && !self.allow.contains(&b.to_lowercase())
    }

    /// Tokenizes the chunk at `chunk` and the one at `next` (the chunk after it) and
    /// reports the pair of tokens across their gap if it is a doubled word.
    ///
    /// A tokenizer started at a chunk start reads both chunks as the whole-text
    /// tokenizer does: the properties a doubled word depends on (plain, hyphenated,
    /// spacing after the first chunk) are decided within the two chunks.
    fn check_gap(
        &self,
        text: &str,
        chunk: usize,
        next: usize,
        rule: usize,
        out: &mut Vec<Candidate>,
    ) {
        let mut prev: Option<Token> = None;
        for tok in Tokens::from(text, chunk) {
            if tok.start >= next {
                if let Some(p) = prev.filter(|p| self.is_doubled(text, p, &tok)) {
                    out.push(candidate(
                        rule,
                        p.start,
                        tok.end,
                        text[p.start..p.end].to_string(),
                    ));
                }
                return;
            }
            prev = Some(tok);
        }
    }
}

impl Detector for DoubledWord {
    /// A doubled word is the last token of a whitespace-separated chunk followed by the
    /// same text at the start of the next chunk. A bitmap scan finds the gaps between
    /// chunks and the ASCII letters on either side of each (leaving out most gaps
    /// between words of different lengths or beside punctuation at once); only the gaps where the text
    /// before may end with what the text after starts with (ignoring ASCII case) are
    /// tokenized.
    fn find(&self, text: &str, rule: usize, out: &mut Vec<Candidate>) {
        let mut gaps = WordGaps::filtered(text);
        while let Some(gap) = gaps.next() {
            let chunk = || gaps.chunk_before(gap.gap);
            if may_repeat_at(text.as_bytes(), &gap, chunk) {
                self.check_gap(text, chunk(), gap.next, rule, out);
            }
        }
    }
}

/// [`may_repeat`] at a gap, from the ASCII letters on either side of it: most words
/// are letters only, followed by an ASCII byte other than the apostrophe, and repeat
/// only a word of as many letters. `chunk` gives the start of the chunk before the
/// gap, needed only by the general test.
#[inline]
fn may_repeat_at(bytes: &[u8], gap: &Gap, chunk: impl Fn() -> usize) -> bool {
    let (before, after) = (gap.letters_before, gap.letters_after);
    if before == 0 || after == 0 {
        // A repeated word starts and ends with a letter: ASCII bytes other than
        // letters rule it out, other characters are decided by the general test.
        let other = |b: u8| b >= 0x80;
        return (after > 0 || other(bytes[gap.next]))
            && (before > 0 || other(bytes[gap.gap - 1]))
            && may_repeat(bytes, chunk(), gap.gap, gap.next);
    }
    match bytes.get(gap.next + after) {
        Some(&b) if b >= 0x80 || b == b'\'' => may_repeat(bytes, chunk(), gap.gap, gap.next),
        _ => {
            before == after
                && (bytes[gap.gap - after] ^ bytes[gap.next]) & !0x20 == 0
                && bytes[gap.gap - after..gap.gap]
                    .eq_ignore_ascii_case(&bytes[gap.next..gap.next + after])
        }
    }
}

/// Bytes that may belong to a plain token: ASCII letters, the apostrophe, and any
/// byte of a non-ASCII character (decided exactly by the tokenizer).
fn may_be_in_word(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'\'' || b >= 0x80
}

/// Whether the chunk `chunk..gap` may end with the word that the chunk at `next`
/// starts with: some suffix of the first equals a prefix of the second ignoring ASCII
/// case, both words starting and ending with a letter, the suffix not right after an
/// ASCII letter (a necessary condition for a doubled word, cheap to test).
#[inline]
fn may_repeat(bytes: &[u8], chunk: usize, gap: usize, next: usize) -> bool {
    // Most words: fewer than eight ASCII letters before an ASCII byte other than
    // the apostrophe. The word before the gap matching them ignoring ASCII case
    // ends with letters too, so this is the general test's answer.
    let x = swar::load(bytes, next);
    let stops = !swar::letters(x) & swar::HIGH;
    if stops != 0 {
        let len = swar::first(stops);
        let after = (x >> (8 * len)) as u8;
        if len > 0 && after < 0x80 && after != b'\'' {
            return len <= gap - chunk
                && ends_with_ignoring_case(bytes, gap, x, len)
                && starts_a_word(bytes, gap - len);
        }
    } else if gap - chunk < 8 && !ends_like_a_prefix(bytes, gap, x, gap - chunk) {
        // A word of eight letters or more after a chunk of fewer than eight bytes:
        // only a shorter prefix of it (before a non-ASCII byte) could repeat, and
        // that prefix must end with the chunk's last letter.
        return false;
    }
    may_repeat_any(bytes, chunk, gap, next)
}

/// Whether the byte before `gap` equals, ignoring ASCII case, the last byte of a
/// prefix of at most `max` (1 to 7) bytes of `letters`, eight ASCII letters
/// (little-endian): necessary for `bytes[..gap]` to end with such a prefix.
#[inline]
fn ends_like_a_prefix(bytes: &[u8], gap: usize, letters: u64, max: usize) -> bool {
    // Setting bit 5 lowercases letters; a byte so lowercased into a letter was one.
    let case = 0x2020_2020_2020_2020u64;
    let last = bytes[gap - 1] | 0x20;
    swar::equal(letters | case, last) & (u64::MAX >> (64 - 8 * max)) != 0
}

/// [`may_repeat`] of any words.
#[inline(never)]
fn may_repeat_any(bytes: &[u8], chunk: usize, gap: usize, next: usize) -> bool {
    let letter = |b: u8| b.is_ascii_alphabetic() || b >= 0x80;
    let (last, first) = (bytes[gap - 1], bytes[next]);
    if !letter(last) || !letter(first) {
        return false;
    }
    if first < 0x80 {
        if let Some((len, word)) = letters_word(bytes, next) {
            if len > gap - chunk {
                return false;
            }
            return starts_a_word(bytes, gap - len)
                && match word {
                    Some(word) => ends_with_ignoring_case(bytes, gap, word, len),
                    None => bytes[gap - len..gap].eq_ignore_ascii_case(&bytes[next..next + len]),
                };
        }
        if let Some((len, word)) = short_ascii_word(bytes, next) {
            return len <= gap - chunk
                && starts_a_word(bytes, gap - len)
                && ends_with_ignoring_case(bytes, gap, word, len);
        }
    }
    let mut run = next;
    while run < bytes.len() && (bytes[run].is_ascii_alphabetic() || bytes[run] == b'\'') {
        run += 1;
    }
    if first < 0x80 && bytes.get(run).is_none_or(|&b| b < 0x80) {
        // ASCII: a word not followed by a hyphen is the whole letter run (without
        // trailing apostrophes), so one length is possible.
        while bytes[run - 1] == b'\'' {
            run -= 1;
        }
        let len = run - next;
        return len <= gap - chunk
            && starts_a_word(bytes, gap - len)
            && bytes[gap - len..gap].eq_ignore_ascii_case(&bytes[next..run]);
    }
    while run < bytes.len() && may_be_in_word(bytes[run]) {
        run += 1;
    }
    let max = (run - next).min(gap - chunk);
    (1..=max).any(|len| {
        bytes[gap - len].eq_ignore_ascii_case(&first)
            && starts_a_word(bytes, gap - len)
            && bytes[gap - len..gap].eq_ignore_ascii_case(&bytes[next..next + len])
    })
}

/// Whether a token may start at `at`: not right after an ASCII letter. A word
/// repeated across a gap is a whole token before it, and a token starts after
/// whitespace, leading punctuation or a hyphen, never after a letter; so
/// "this is" or "again in" need no tokenizing.
#[inline(always)]
fn starts_a_word(bytes: &[u8], at: usize) -> bool {
    at == 0 || !bytes[at - 1].is_ascii_alphabetic()
}

/// The word at `at` when it is ASCII letters only, followed by an ASCII byte
/// other than the apostrophe (or the end): most words, which [`may_repeat`]
/// reads as the whole run. Its length, and the eight bytes at `at` when the word
/// is shorter than eight letters; eight letters per step.
#[inline]
fn letters_word(bytes: &[u8], at: usize) -> Option<(usize, Option<u64>)> {
    let mut pos = at;
    loop {
        let x = swar::load(bytes, pos);
        // Zero padding past the end is not a letter: every run ends.
        let stops = !swar::letters(x) & swar::HIGH;
        if stops != 0 {
            let k = swar::first(stops);
            let after = (x >> (8 * k)) as u8;
            if after >= 0x80 || after == b'\'' {
                return None;
            }
            let len = pos + k - at;
            return Some((len, (pos == at).then_some(x)));
        }
        pos += 8;
    }
}

/// The ASCII word at `at` as [`may_repeat`] reads it (its run of letters and
/// apostrophes without trailing apostrophes, followed by an ASCII byte or the end),
/// as its length and the eight bytes at `at`, when the run and the byte after it lie
/// in those eight bytes (most words: one load instead of a loop).
fn short_ascii_word(bytes: &[u8], at: usize) -> Option<(usize, u64)> {
    let x = swar::load(bytes, at);
    let apostrophes = swar::equal(x, b'\'');
    let ends = !(swar::letters(x) | apostrophes) & swar::HIGH;
    // The byte ending the run must be ASCII (zero padding past the end is).
    if ends == 0 || ends & ends.wrapping_neg() & swar::non_ascii(x) != 0 {
        return None;
    }
    let run = swar::first(ends);
    // The word ends after the last byte of the run that is not an apostrophe (the
    // first byte is a letter).
    let others = !apostrophes & swar::HIGH & !(u64::MAX << (8 * run));
    let len = (63 - others.leading_zeros() as usize) / 8 + 1;
    Some((len, x))
}

/// Whether `bytes[..gap]` ends with the `len` (1 to 7) bytes at the start of
/// `word` (little-endian) ignoring ASCII case: bytes that differ in more than bit 5
/// rule it out without a loop.
#[inline(always)]
fn ends_with_ignoring_case(bytes: &[u8], gap: usize, word: u64, len: usize) -> bool {
    if gap >= 8 {
        let before = swar::load(bytes, gap - 8) >> (64 - 8 * len);
        let case = 0x2020_2020_2020_2020u64;
        if (before ^ word) & !case & (u64::MAX >> (64 - 8 * len)) != 0 {
            return false;
        }
    }
    bytes[gap - len..gap].eq_ignore_ascii_case(&word.to_le_bytes()[..len])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::detectors::punctuation::testing::{run, yaml};

    #[test]
    fn doubled_words() {
        let d = DoubledWord::build(&yaml("allow: [had, that]")).unwrap();
        assert_eq!(
            run(&d, "The the summit was in in Paris."),
            [
                ("The the".into(), "The".into()),
                ("in in".into(), "in".into())
            ]
        );
        for clean in [
            "He had had enough; he said that that was fine.",
            "Duran Duran played in Bora Bora.",
            "It was in. In the end, well-well.",
            "a 10 10 grid",
            "run make\nmake install",
        ] {
            assert_eq!(run(&d, clean), [], "{clean}");
        }
        assert!(DoubledWord::build(&yaml("allow: 3")).is_err());
    }

    #[test]
    fn doubled_words_across_any_gap() {
        let d = DoubledWord::build(&yaml("allow: []")).unwrap();
        let found = |t: &str| {
            run(&d, t)
                .into_iter()
                .map(|(m, _)| m)
                .collect::<Vec<String>>()
        };
        assert_eq!(found("  the the"), ["the the"]);
        assert_eq!(
            found("so “the the café café\u{a0}café"),
            ["the the", "café café", "café\u{a0}café"]
        );
        assert_eq!(
            found("it is is; don't don't, then then."),
            ["is is", "don't don't", "then then"]
        );
        assert!(found("the  then, ethe the-the the2 the").is_empty());
    }

    /// The scan over every token pair, which `find` must agree with.
    fn every_pair(d: &DoubledWord, text: &str) -> Vec<(usize, usize)> {
        let mut prev: Option<Token> = None;
        let mut found = Vec::new();
        for tok in Tokens::new(text) {
            if let Some(p) = prev.filter(|p| d.is_doubled(text, p, &tok)) {
                found.push((p.start, tok.end));
            }
            prev = Some(tok);
        }
        found
    }

    /// The quick test of each gap gives the general test's answer.
    #[test]
    fn may_repeat_agrees_with_the_general_test() {
        let texts = [
            "the government the governments ab abcdefghij ab abcdefgh’s ab ABCDEFGHé",
            "abcdefg abcdefghi xyz abcdefghijk’ abc’ abcdefghij« Ab abcdefghé h abcdefgh-x",
            "it’s it’s “the” the (the the) 10 10 é é l’abcdefghij l’ l’abcdefghij",
            "g Governments. G governments' G governmentsé ng ngabcdefgh NG NGabcdefghï",
            "a\u{a0}abcdefghij a\nabcdefghij ab\tABcdefghij x'y x'yabcdefgh xé xéabcdefgh",
            "this is again in ethe the l'the the Xthe the-the the éthe the x-in in ab’s s'b b",
            "ing Abcdefghijing ab abcdefghij-ab abcdefghij Xabcdefghij abcdefghij it’s x-it’s",
            "a b ab cd abc abd Abc ABC abcd abce abcdefghijkl abcdefghijkl abcdefghijklm x y’ y",
            "is it's it's' its its\n\nit it\tit it,it it. it:it 'it it' it it\u{a0}it x'x x",
        ];
        // Words across 64-byte blocks, gaps and words longer than a block.
        let mut shifted: Vec<String> = Vec::new();
        for shift in 0..70 {
            let pad = "x ".repeat(shift / 2) + &" ".repeat(shift % 2);
            shifted.push(pad.clone() + &texts.concat());
            shifted.push(pad + &"abc ".repeat(20) + &"Ab".repeat(40) + " " + &"aB".repeat(40));
        }
        for text in texts
            .iter()
            .copied()
            .chain(shifted.iter().map(String::as_str))
        {
            let bytes = text.as_bytes();
            // The gaps left out (between runs of different lengths, beside
            // punctuation) fail the test.
            let all = WordGaps::new(text).with_chunks();
            let kept = WordGaps::filtered(text).with_chunks();
            let mut rest = kept.iter().peekable();
            for &(chunk, gap) in &all {
                if rest.peek() == Some(&&(chunk, gap)) {
                    rest.next();
                } else {
                    let (at, next) = (gap.gap, gap.next);
                    assert!(!may_repeat_any(bytes, chunk, at, next), "{text:?} at {at}");
                }
            }
            assert_eq!(rest.next(), None, "{text:?}");
            for &(chunk, gap) in &all {
                let (at, next) = (gap.gap, gap.next);
                let general = may_repeat_any(bytes, chunk, at, next);
                assert_eq!(
                    may_repeat(bytes, chunk, at, next),
                    general,
                    "{text:?} at {at}"
                );
                assert_eq!(
                    may_repeat_at(bytes, &gap, || chunk),
                    general,
                    "{text:?} at {at}"
                );
            }
        }
    }

    #[test]
    fn gap_scan_agrees_with_every_pair() {
        let d = DoubledWord::build(&yaml("allow: [had]")).unwrap();
        let seed = std::fs::read_to_string("corpus/seed/cnn-roundtrip.txt").unwrap_or_default();
        let texts = [
            seed.as_str(),
            "the the the. In in. “the the” (the the) «the\u{2003}the»",
            "—the the— a-b b a. 'n n' éé éé É é x\n\nx x\ny y\r\nz z",
            "http://a.b a.b a.b @x @x don’t don’t 10 10 ab AB ab",
            "abcdefg abcdefg abcdefgh abcdefgh abcdefghi ABCDEFGHI it's' it's' x'' x'' a'b a'b",
            "ab\u{7}c ab'c xabc abc abc-abc abc\u{a0}abc é abc abcé abcé Abc abc abc\n\nabc",
            "the\tthe the\u{2003}\u{2003}the zz zz\u{301} q’ q’ -end end",
            "abcdefgh abcdefgh. Abcdefghijklmnop abcdefghijklmnop abcdefghijklmnopq abcdefghijklmnop",
            "ab ab' ab ab’ ab abé ab ab\u{7f} The the\nthe THE the, the-the \"the\" the x x\0x x",
            "it it’s its its'x a a\u{a0}a ba a ab b it\r\nit on on\ton on  on",
            "the government ab abcdefghé ab abcdefgh’s abcdefgh abcdefghij xy XYabcdefgh",
            "this is again in ethe the l'the the Xthe the-the the éthe the x-in in ab’s s'b b",
            "ing Abcdefghijing ab abcdefghij-ab abcdefghij Xabcdefghij abcdefghij it’s x-it’s",
            "(in in) 'on on' “it it” x.as as 1as as _as as as'as as -as as é-é é",
            "a a b ab ab cd abc abc abd abcd abcd abcdefghijkl abcdefghijkl abcdefghijklm x y’ y",
        ];
        // Repeats across 64-byte blocks, after gaps and words longer than a block.
        let tail = texts[1..].concat();
        let mut shifted: Vec<String> = Vec::new();
        for shift in 0..70 {
            let pad = "ab ".repeat(shift / 3) + &" ".repeat(shift % 3);
            shifted.push(pad.clone() + &tail);
            shifted.push(pad + &"q".repeat(70) + " " + &"q".repeat(70) + "  \n " + &tail);
        }
        for text in texts
            .iter()
            .copied()
            .chain(shifted.iter().map(String::as_str))
        {
            let mut out = Vec::new();
            d.find(text, 0, &mut out);
            let got: Vec<(usize, usize)> = out.iter().map(|c| (c.start, c.end)).collect();
            assert_eq!(got, every_pair(&d, text), "{text}");
        }
    }
}
