//! Splitting prose into word tokens for the word-level detectors.
//!
//! Text is cut at whitespace into chunks; a chunk that looks technical (URL,
//! e-mail, @handle, #hashtag, path, code, abbreviation with inner dots) is one
//! non-plain token, others are trimmed of surrounding punctuation and split at
//! hyphens and dashes. Each token knows whether it starts a sentence and whether
//! only spaces separate it from its neighbours (so a bigram can span them).

/// A word token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
    /// Only letters and inner apostrophes (no digits, symbols or technical chunk).
    pub plain: bool,
    /// First word of a sentence, heading, list item or paragraph.
    pub initial: bool,
    /// Only whitespace separates this token from the previous one.
    pub spaced_before: bool,
    /// Only whitespace separates this token from the next one.
    pub spaced_after: bool,
    /// Part of a hyphenated compound.
    pub hyphenated: bool,
}

/// Iterator over the tokens of a text.
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
    /// Whether the next word starts a sentence.
    boundary: bool,
    /// Whether the last chunk ended on a letter or digit (no trailing punctuation).
    open_end: bool,
    parts: Vec<Token>,
    /// Per part: offset of its first character that is not a letter or apostrophe.
    bad: Vec<usize>,
    next_part: usize,
}

/// Abbreviations whose final period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "sen", "rep", "gov", "lt", "col",
    "sgt", "capt", "vs", "no", "fig", "vol", "approx", "inc", "ltd", "co", "corp", "rev", "hon",
    "mt", "ft",
];

impl<'a> Tokens<'a> {
    /// Tokens of `text` from the start.
    pub fn new(text: &'a str) -> Self {
        Tokens::from(text, 0)
    }

    /// Tokens of `text` from byte offset `pos` (a chunk boundary), as if a sentence went on there.
    pub fn from(text: &'a str, pos: usize) -> Self {
        Tokens {
            text,
            pos,
            boundary: pos == 0,
            // Continuing right after a word: the next token may be spaced from it.
            open_end: text[..pos]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric),
            parts: Vec::new(),
            bad: Vec::new(),
            next_part: 0,
        }
    }

    /// Cuts the next chunk into `self.parts`; false at the end of the text.
    ///
    /// One pass over the chunk's bytes (ASCII by table, other characters decoded)
    /// finds the core (first to last letter or digit), technical characters inside
    /// it, hyphens and whether each part is plain.
    fn next_chunk(&mut self) -> bool {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut newlines = 0;
        let mut line_start = self.pos == 0;
        // Skip whitespace.
        while self.pos < bytes.len() {
            let b = bytes[self.pos];
            if b == b' ' {
                self.pos += 1;
                continue;
            }
            let (class, len) = class_at(text, self.pos);
            if class != SPACE {
                break;
            }
            if b == b'\n' {
                newlines += 1;
                line_start = true;
            }
            self.pos += len;
        }
        if self.pos >= bytes.len() {
            return false;
        }
        if newlines >= 2 {
            self.boundary = true;
            self.open_end = false;
        }
        let start = self.pos;
        let mut core_start = usize::MAX;
        let mut core_end = start;
        // First technical character at or after the core start.
        let mut technical_at = usize::MAX;
        let mut part_from = usize::MAX;
        // First character in the current part that is not a letter or apostrophe.
        let mut part_bad = usize::MAX;
        self.parts.clear();
        self.bad.clear();
        self.next_part = 0;
        while self.pos < bytes.len() {
            // Fast path: a run of ASCII letters, most of running text.
            if bytes[self.pos].is_ascii_alphabetic() {
                let run = self.pos;
                self.pos += 1;
                while self.pos < bytes.len() && bytes[self.pos].is_ascii_alphabetic() {
                    self.pos += 1;
                }
                if core_start == usize::MAX {
                    core_start = run;
                    part_from = run;
                }
                core_end = self.pos;
                continue;
            }
            let (class, len) = class_at(text, self.pos);
            if class == SPACE {
                break;
            }
            let at = self.pos;
            self.pos += len;
            if class & (LETTER | DIGIT) != 0 {
                if core_start == usize::MAX {
                    core_start = at;
                    part_from = at;
                }
                core_end = at + len;
                if class == DIGIT && part_bad == usize::MAX {
                    part_bad = at;
                }
                continue;
            }
            if core_start == usize::MAX {
                continue; // leading punctuation
            }
            match class {
                HYPHEN => {
                    self.push_part(part_from, at, part_bad);
                    part_from = at + len;
                    part_bad = usize::MAX;
                }
                APOSTROPHE => {}
                _ => {
                    if class == TECHNICAL && technical_at == usize::MAX {
                        technical_at = at;
                    }
                    if part_bad == usize::MAX {
                        part_bad = at;
                    }
                }
            }
        }
        let end = self.pos;
        if core_start == usize::MAX {
            // Punctuation alone: a bullet or a number sign at a line start opens a sentence.
            if line_start {
                self.boundary = true;
            }
            self.open_end = false;
            return true;
        }
        self.push_part(part_from, end, part_bad);
        let initial = self.boundary;
        let spaced_before = core_start == start && self.open_end;
        let spaced_after = core_end == end;
        let marked = core_start > start
            && matches!(bytes[core_start - 1], b'#' | b'@' | b'$' | b'/' | b'\\');
        if technical_at < core_end || marked {
            self.parts.clear();
            self.parts.push(Token {
                start: core_start,
                end: core_end,
                plain: false,
                initial,
                spaced_before: false,
                spaced_after: false,
                hyphenated: false,
            });
        } else {
            // Clip the parts to the core: trailing punctuation is not part of a word.
            let n = self.parts.iter().filter(|p| p.start < core_end).count();
            self.parts.truncate(n);
            for (k, p) in self.parts.iter_mut().enumerate() {
                p.end = p.end.min(core_end);
                p.plain = self.bad[k] >= p.end;
                p.initial = initial && k == 0;
                p.spaced_before = spaced_before && k == 0;
                p.spaced_after = spaced_after && k + 1 == n;
                p.hyphenated = n > 1;
            }
        }
        let core = &text[core_start..core_end];
        let tail = text[core_end..end].trim_end_matches(|c: char| {
            matches!(c, '"' | '\'' | '’' | '”' | '»' | ')' | ']' | '*' | '_')
        });
        self.boundary = match tail.as_bytes().last() {
            Some(b'.') => !is_abbreviation(core),
            Some(b'!' | b'?' | b':' | b';') => true,
            _ => tail.ends_with('…'),
        };
        self.open_end = spaced_after;
        true
    }

    /// Records the part `from..to` whose first non-plain character is at `bad`.
    fn push_part(&mut self, from: usize, to: usize, bad: usize) {
        if from < to {
            self.parts.push(Token {
                start: from,
                end: to,
                plain: true,
                initial: false,
                spaced_before: false,
                spaced_after: false,
                hyphenated: false,
            });
            self.bad.push(bad);
        }
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        loop {
            if let Some(&t) = self.parts.get(self.next_part) {
                self.next_part += 1;
                return Some(t);
            }
            if !self.next_chunk() {
                return None;
            }
        }
    }
}

/// Whether `c` joins the parts of a compound (or a collapsed dash).
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '–' | '—')
}

/// The words of the names of a names file (first column of TSV lines), split at
/// whitespace and hyphens, lowercased, with `’` read as `'`: sorted, distinct,
/// one a line. `build.rs` builds it for the embedded files.
pub fn name_words(text: &str) -> String {
    let mut words: Vec<String> = text
        .lines()
        .flat_map(|line| {
            let name = line.split('\t').next().unwrap_or("");
            name.split(|c: char| c.is_whitespace() || is_hyphen(c))
                .filter(|w| !w.is_empty())
                .map(|w| w.to_lowercase().replace('’', "'"))
        })
        .collect();
    words.sort_unstable();
    words.dedup();
    words.join("\n")
}

/// The byte offset of each line of `text` (none for an empty text or after a final
/// newline): `build.rs` stores them for the embedded name words
/// (`wordlist::IndexedList`).
pub fn line_starts(text: &str) -> Vec<u32> {
    let bytes = text.as_bytes();
    let mut starts = Vec::new();
    if !bytes.is_empty() {
        starts.push(0);
    }
    starts.extend(
        (0..bytes.len())
            .filter(|&i| bytes[i] == b'\n' && i + 1 < bytes.len())
            .map(|i| (i + 1) as u32),
    );
    starts
}

/// Eight bytes at a time: masks with bit 7 of each byte set where the byte is of
/// a class, so that scans over mostly-ASCII text cost a few instructions per eight
/// bytes instead of a table load and a branch per byte.
pub mod swar {
    /// Bit 7 of every byte.
    pub const HIGH: u64 = 0x8080_8080_8080_8080;
    const LO: u64 = 0x0101_0101_0101_0101;

    /// The eight bytes at `at` as a little-endian word, zero-padded past the end.
    #[inline]
    pub fn load(bytes: &[u8], at: usize) -> u64 {
        match bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
            Some(b) => u64::from_le_bytes(*b),
            None => {
                let mut v = [0u8; 8];
                let rest = bytes.get(at..).unwrap_or_default();
                v[..rest.len()].copy_from_slice(rest);
                u64::from_le_bytes(v)
            }
        }
    }

    /// Bytes of `x` whose low seven bits lie in `lo..=hi` (no carries cross bytes:
    /// the low seven bits plus at most 0x7f stay below 0x100).
    #[inline]
    fn low7_in(x: u64, lo: u8, hi: u8) -> u64 {
        let low7 = x & !HIGH;
        let ge_lo = low7 + LO * u64::from(0x80 - lo);
        let gt_hi = low7 + LO * u64::from(0x7f - hi);
        ge_lo & !gt_hi & HIGH
    }

    /// ASCII letters.
    #[inline]
    pub fn letters(x: u64) -> u64 {
        // Setting bit 5 lowercases letters and maps no other byte into `a..=z`.
        low7_in(x | (LO * 0x20), b'a', b'z') & !x
    }

    /// ASCII digits.
    #[inline]
    pub fn digits(x: u64) -> u64 {
        ascii_range(x, b'0', b'9')
    }

    /// ASCII bytes in `lo..=hi` (`hi` below 0x80).
    #[inline]
    pub fn ascii_range(x: u64, lo: u8, hi: u8) -> u64 {
        low7_in(x, lo, hi) & !x
    }

    /// Bytes equal to `b`.
    #[inline]
    pub fn equal(x: u64, b: u8) -> u64 {
        let y = x ^ (LO * u64::from(b));
        // Bit 7 set in a byte of `nonzero` when the byte of `y` is not zero.
        let nonzero = ((y & !HIGH) + !HIGH) | y;
        !nonzero & HIGH
    }

    /// Non-ASCII bytes.
    #[inline]
    pub fn non_ascii(x: u64) -> u64 {
        x & HIGH
    }

    /// ASCII whitespace (`u8::is_ascii_whitespace` and the vertical tab).
    #[inline]
    pub fn ascii_space(x: u64) -> u64 {
        ascii_range(x, 0x09, 0x0d) | equal(x, b' ')
    }

    /// Lead bytes of multi-byte UTF-8 characters (0xC0 and above).
    #[inline]
    pub fn lead(x: u64) -> u64 {
        x & (x << 1) & HIGH
    }

    /// Number of bytes marked in a mask (a multiply: `count_ones` is a long bit
    /// twiddle on CPUs without `popcnt`, the baseline target).
    #[inline]
    pub fn count(mask: u64) -> usize {
        ((mask >> 7).wrapping_mul(LO) >> 56) as usize
    }

    /// Byte offset of the first byte marked in a non-zero mask.
    #[inline]
    pub fn first(mask: u64) -> usize {
        (mask.trailing_zeros() / 8) as usize
    }
}

/// Iterator over the maximal runs of ASCII letters of a text, as byte ranges.
///
/// The text is read 64 bytes at a time into a bitmap of its letters, so that a
/// run costs a few bit operations; a run reaching past its block is finished
/// eight bytes a step.
pub struct LetterRuns<'a> {
    bytes: &'a [u8],
    /// Start of the current block.
    block: usize,
    /// Bit `i` set when `bytes[block + i]` is a letter not yet given as part of a run.
    bits: u64,
}

impl<'a> LetterRuns<'a> {
    /// The runs of `bytes` from the start.
    pub fn new(bytes: &'a [u8]) -> Self {
        LetterRuns {
            bytes,
            block: 0,
            bits: letter_bits(bytes, 0),
        }
    }

    /// Goes on from `pos` (which must not be inside a run, or the rest of that
    /// run is taken for a run).
    pub fn skip_to(&mut self, pos: usize) {
        match pos.checked_sub(self.block) {
            Some(k) if k < 64 => self.bits &= u64::MAX << k,
            Some(_) => {
                self.block = pos;
                self.bits = letter_bits(self.bytes, pos);
            }
            None => {}
        }
    }

    /// [`LetterRuns::next`] the simple way, a byte at a time (for tests).
    #[cfg(test)]
    fn next_simple(bytes: &[u8], from: usize) -> Option<(usize, usize)> {
        let start = from
            + bytes
                .get(from..)?
                .iter()
                .position(u8::is_ascii_alphabetic)?;
        let len = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        Some((start, start + len))
    }
}

/// Bit `i` set when `bytes[at + i]` is an ASCII letter (none past the end).
#[inline]
fn letter_bits(bytes: &[u8], at: usize) -> u64 {
    // Bit 7 of each byte of a mask, gathered into the top byte by one multiply.
    const GATHER: u64 = 0x0102_0408_1020_4080;
    let mut bits = 0;
    for k in 0..8 {
        let m = swar::letters(swar::load(bytes, at + 8 * k)) >> 7;
        bits |= (m.wrapping_mul(GATHER) >> 56) << (8 * k);
    }
    bits
}

impl Iterator for LetterRuns<'_> {
    type Item = (usize, usize);

    #[inline]
    fn next(&mut self) -> Option<(usize, usize)> {
        while self.bits == 0 {
            self.block += 64;
            if self.block >= self.bytes.len() {
                return None;
            }
            self.bits = letter_bits(self.bytes, self.block);
        }
        let s = self.bits.trailing_zeros() as usize;
        // Zeros shift in at the top: a run ends in the block or at its end.
        let e = s + (!(self.bits >> s)).trailing_zeros() as usize;
        if e < 64 {
            self.bits &= u64::MAX << e;
            return Some((self.block + s, self.block + e));
        }
        let start = self.block + s;
        let mut end = self.block + 64;
        loop {
            // Zero padding past the end is not a letter: every run ends.
            let m = !swar::letters(swar::load(self.bytes, end)) & swar::HIGH;
            if m != 0 {
                end += swar::first(m);
                break;
            }
            end += 8;
        }
        self.block = end;
        self.bits = letter_bits(self.bytes, end);
        Some((start, end))
    }
}

/// Character classes of the tokenizer.
const OTHER: u8 = 0;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const SPACE: u8 = 4;
const HYPHEN: u8 = 8;
const APOSTROPHE: u8 = 16;
/// URLs, e-mails, paths, code, numbers with separators, dotted abbreviations.
const TECHNICAL: u8 = 32;

/// Classes of the ASCII characters.
static ASCII_CLASS: [u8; 128] = {
    let mut table = [OTHER; 128];
    let mut i = 0;
    while i < 128 {
        table[i] = match i as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b'0'..=b'9' => DIGIT,
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => SPACE,
            b'-' => HYPHEN,
            b'\'' => APOSTROPHE,
            b'@' | b'_' | b'/' | b'\\' | b'=' | b'<' | b'>' | b'{' | b'}' | b'|' | b'~' | b'^'
            | b'`' | b'*' | b'+' | b'#' | b'$' | b'%' | b'&' | b':' | b'.' | b'[' | b']' => {
                TECHNICAL
            }
            _ => OTHER,
        };
        i += 1;
    }
    table
};

/// The class and byte length of the character at `at`.
#[inline]
fn class_at(text: &str, at: usize) -> (u8, usize) {
    let b = text.as_bytes()[at];
    if b < 0x80 {
        return (ASCII_CLASS[b as usize], 1);
    }
    let c = text[at..].chars().next().unwrap_or(' ');
    let class = if c.is_alphabetic() {
        LETTER
    } else if c.is_numeric() {
        DIGIT
    } else if c.is_whitespace() {
        SPACE
    } else if c == '’' {
        APOSTROPHE
    } else if is_hyphen(c) {
        HYPHEN
    } else {
        OTHER
    };
    (class, c.len_utf8())
}

fn is_abbreviation(core: &str) -> bool {
    let mut chars = core.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // A single letter: an initial ("J. Smith").
        return c.is_uppercase();
    }
    core.len() <= 6 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(core))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, bool, bool)> {
        Tokens::new(text)
            .map(|t| (&text[t.start..t.end], t.plain, t.initial))
            .collect()
    }

    #[test]
    fn splits_and_marks_sentences() {
        let got = words("He said: “Stop.” Then the well-known Mr. Smith left (at 10.30).");
        let expect = [
            ("He", true, true),
            ("said", true, false),
            ("Stop", true, true),
            ("Then", true, true),
            ("the", true, false),
            ("well", true, false),
            ("known", true, false),
            ("Mr", true, false),
            ("Smith", true, false),
            ("left", true, false),
            ("at", true, false),
            ("10.30", false, false),
        ];
        assert_eq!(got, expect);
    }

    #[test]
    fn technical_chunks_are_not_plain() {
        for t in [
            "https://example.com/a",
            "me@example.org",
            "@handle",
            "#hashtag",
            "e.g.",
            "snake_case",
            "/usr/share",
            "$HOME",
        ] {
            let got = words(t);
            assert!(got.iter().all(|w| !w.1), "{t}: {got:?}");
        }
        assert!(!words("21st")[0].1);
        assert_eq!(words("don’t")[0], ("don’t", true, true));
    }

    #[test]
    fn spacing_between_tokens() {
        let text = "Refronting to Crimea, the Sea-only";
        let t: Vec<_> = Tokens::new(text).collect();
        assert!(t[0].spaced_after && t[1].spaced_before);
        assert!(t[1].spaced_after && t[2].spaced_before);
        assert!(!t[2].spaced_after && !t[3].spaced_before);
        assert!(t[4].hyphenated && !t[4].spaced_after && !t[5].spaced_before);
    }

    /// Varied text: ASCII and other scripts, apostrophes, hyphens, digits, line
    /// breaks and runs across eight-byte steps.
    const MIXED: &str = "Refronting to Crimea, the Sea-only don’t won't\n\nÇa coûte 12,50 € à Zürich; abcdefghijklmnopq «Привет» x1y2 __a__ NATO's iPhone\tend";

    #[test]
    fn swar_masks_match_byte_tests() {
        let bytes: Vec<u8> = (0..=255u8).chain(MIXED.bytes()).collect();
        for at in 0..bytes.len() {
            let x = swar::load(&bytes, at);
            for k in 0..8 {
                let b = bytes.get(at + k).copied().unwrap_or(0);
                let bit = |m: u64| m >> (8 * k + 7) & 1 == 1;
                assert_eq!(bit(swar::letters(x)), b.is_ascii_alphabetic(), "{b:#x}");
                assert_eq!(bit(swar::digits(x)), b.is_ascii_digit(), "{b:#x}");
                assert_eq!(bit(swar::equal(x, b'\'')), b == b'\'', "{b:#x}");
                assert_eq!(bit(swar::non_ascii(x)), b >= 0x80, "{b:#x}");
                assert_eq!(bit(swar::ascii_range(x, 0, 0x3f)), b < 0x40, "{b:#x}");
                assert_eq!(bit(swar::equal(x, 0xe2)), b == 0xe2, "{b:#x}");
                let space = b.is_ascii_whitespace() || b == 0x0b;
                assert_eq!(bit(swar::ascii_space(x)), space, "{b:#x}");
                assert_eq!(bit(swar::lead(x)), b >= 0xc0, "{b:#x}");
            }
            for m in [swar::letters(x), swar::non_ascii(x), swar::HIGH, 0] {
                assert_eq!(swar::count(m), m.count_ones() as usize);
            }
        }
    }

    #[test]
    fn letter_runs_match_a_byte_scan() {
        let all: Vec<u8> = (0..=255u8).collect();
        for text in [
            MIXED.as_bytes(),
            b"",
            b"a",
            b"abcdefgh",
            b"abcdefghi",
            b" x ",
            &all,
        ] {
            let mut expect = Vec::new();
            let mut i = 0;
            while i < text.len() {
                if text[i].is_ascii_alphabetic() {
                    let start = i;
                    while i < text.len() && text[i].is_ascii_alphabetic() {
                        i += 1;
                    }
                    expect.push((start, i));
                } else {
                    i += 1;
                }
            }
            assert_eq!(LetterRuns::new(text).collect::<Vec<_>>(), expect);
        }
    }

    /// Runs across 64-byte blocks, and skipping ahead as the non-word scan does
    /// (to the end of a run, or to a later byte that is not a letter).
    #[test]
    fn letter_runs_with_skips_match_the_simple_scan() {
        let long = format!(
            "{} {}’s {}\n{}-x don't Zürich naïve {}",
            "a".repeat(63),
            "B".repeat(70),
            "cD".repeat(40),
            "é".repeat(40),
            "xyz ".repeat(40)
        );
        let all: Vec<u8> = (0..=255u8).collect();
        for text in [MIXED.as_bytes(), long.as_bytes(), &all, b"", b"ab"] {
            for skip in [0usize, 1, 3, 8, 63, 64, 65, 130] {
                let mut runs = LetterRuns::new(text);
                let mut from = 0;
                let mut n = 0;
                while let Some((start, end)) = runs.next() {
                    assert_eq!(
                        Some((start, end)),
                        LetterRuns::next_simple(text, from),
                        "{skip} {n}"
                    );
                    // Every third run, skip to the first non-letter `skip` bytes on.
                    let mut to = end;
                    if n % 3 == 0 {
                        to = (end + skip).min(text.len());
                        while to < text.len() && text[to].is_ascii_alphabetic() {
                            to += 1;
                        }
                        runs.skip_to(to);
                    }
                    from = to;
                    n += 1;
                }
                assert_eq!(LetterRuns::next_simple(text, from), None, "{skip}");
            }
        }
    }

    #[test]
    fn blank_lines_and_bullets_start_sentences() {
        let got = words("end of it\n\nNext para\n- Item one\nwrapped Line");
        assert!(got[3].2 && got[5].2);
        assert!(!got[8].2, "a wrapped line does not start a sentence");
    }
}
