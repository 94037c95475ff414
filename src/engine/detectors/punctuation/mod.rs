//! Punctuation and typography carried over from the source language: dashes
//! collapsed into hyphens, spaces before `; : ! ?` or inside quotes, guillemets,
//! decimal commas, a space before `%`, and doubled words.
//!
//! Each check is its own detector (so each is its own rule with its own
//! parameters); all are single scans that only look closer at the few places
//! where the trigger character occurs.

mod dash;
mod doubled;
mod numbers;
mod spacing;
mod word_gaps;

pub use dash::CollapsedDash;
pub use doubled::DoubledWord;
pub use numbers::{DecimalComma, PercentSpace};
pub use spacing::{Guillemets, SpaceAfterQuote, SpaceBefore};

use serde::Deserialize;

use crate::engine::Candidate;

/// Finds any of a few characters with SIMD scans for their first bytes (memchr,
/// up to three bytes per scan), where `str::match_indices` with a char set decodes
/// every character.
pub(super) struct Finder {
    chars: Vec<char>,
    /// The distinct first bytes of the characters' UTF-8 forms, up to three per scan.
    groups: Vec<Vec<u8>>,
}

/// One memchr scan for one, two or three bytes (fewer bytes, fewer compares a
/// vector).
enum Scan<'t> {
    One(memchr::Memchr<'t>),
    Two(memchr::Memchr2<'t>),
    Three(memchr::Memchr3<'t>),
}

impl<'t> Scan<'t> {
    /// A scan of `bytes` for the bytes of `group` (one to three: a chunk of
    /// [`Finder::chars`]'s first bytes).
    fn new(group: &[u8], bytes: &'t [u8]) -> Self {
        match *group {
            [a] => Scan::One(memchr::memchr_iter(a, bytes)),
            [a, b] => Scan::Two(memchr::memchr2_iter(a, b, bytes)),
            [a, b, c, ..] => Scan::Three(memchr::memchr3_iter(a, b, c, bytes)),
            [] => unreachable!("a chunk of first bytes is never empty"),
        }
    }
}

impl Iterator for Scan<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        match self {
            Scan::One(s) => s.next(),
            Scan::Two(s) => s.next(),
            Scan::Three(s) => s.next(),
        }
    }
}

impl Finder {
    /// A finder for any of `chars` (at least one).
    pub(super) fn chars(chars: &[char]) -> Self {
        let mut first: Vec<u8> = chars
            .iter()
            .map(|c| c.encode_utf8(&mut [0; 4]).as_bytes()[0])
            .collect();
        first.sort_unstable();
        first.dedup();
        let groups = first.chunks(3).map(<[u8]>::to_vec).collect();
        Finder {
            chars: chars.to_vec(),
            groups,
        }
    }

    /// Every occurrence in order: (start, the character as found in `text`).
    pub(super) fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, &'t str)> {
        let bytes = text.as_bytes();
        // One scan alone needs no merging (the common case: up to three first bytes).
        let (mut single, mut merged) = match &self.groups[..] {
            [group] => (Some(Scan::new(group, bytes)), Vec::new()),
            groups => (
                None,
                groups
                    .iter()
                    .map(|g| Scan::new(g, bytes).peekable())
                    .collect(),
            ),
        };
        std::iter::from_fn(move || loop {
            let i = match &mut single {
                Some(scan) => scan.next()?,
                None => {
                    // The scan whose next hit comes first (the groups share no byte).
                    let (k, _) = merged
                        .iter_mut()
                        .enumerate()
                        .filter_map(|(k, scan)| scan.peek().map(|&i| (k, i)))
                        .min_by_key(|&(_, i)| i)?;
                    merged[k].next()?
                }
            };
            // A first byte is an ASCII character or a lead byte: `i` starts a character.
            if let Some(c) = self.chars.iter().find(|&&c| text[i..].starts_with(c)) {
                return Some((i, &text[i..i + c.len_utf8()]));
            }
        })
    }
}

/// Spaces that French typography puts before `; : ! ?` and `%`.
pub(super) const SPACES: [char; 5] = [' ', '\t', '\u{a0}', '\u{202f}', '\u{2009}'];

/// Whether `c` is one of [`SPACES`].
pub(super) fn is_space(c: char) -> bool {
    SPACES.contains(&c)
}

/// Whether the byte may be the last of one of [`SPACES`]: a cheap test before
/// decoding the character that ends at it (the ASCII spaces are ' ' and tab).
#[inline]
pub(super) fn may_end_space(b: u8) -> bool {
    b == b' ' || b == b'\t' || b >= 0x80
}

/// The character before byte offset `i`.
pub(super) fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// The character at byte offset `i`.
pub(super) fn char_at(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// Start of the run of characters satisfying `f` that ends at `end`.
pub(super) fn run_start(text: &str, end: usize, f: impl Fn(char) -> bool) -> usize {
    text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| f(c))
        .last()
        .map_or(end, |(i, _)| i)
}

/// End of the run of characters satisfying `f` that starts at `start`.
pub(super) fn run_end(text: &str, start: usize, f: impl Fn(char) -> bool) -> usize {
    text[start..]
        .char_indices()
        .find(|&(_, c)| !f(c))
        .map_or(text.len(), |(i, _)| start + i)
}

/// Whether the word ending at `start` is the first of its sentence.
pub(super) fn starts_sentence(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '*' | '_')
    });
    before.is_empty()
        || before.ends_with(['.', '!', '?', '…', ':', '\n'])
        || text[before.len()..start].contains("\n\n")
}

pub(super) fn candidate(rule: usize, start: usize, end: usize, replacement: String) -> Candidate {
    Candidate {
        rule,
        start,
        end,
        suggestions: vec![replacement],
        confidence: None,
    }
}

/// Parameters of a detector that takes none.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NoParams {}

#[cfg(test)]
pub(super) mod testing {
    use crate::engine::detectors::Detector;

    /// (matched text, top suggestion) of each candidate.
    pub fn run(d: &dyn Detector, text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        d.find(text, 0, &mut out);
        out.into_iter()
            .map(|c| (text[c.start..c.end].to_string(), c.suggestions[0].clone()))
            .collect()
    }

    /// Parses YAML parameters.
    pub fn yaml(s: &str) -> serde_yaml::Value {
        serde_yaml::from_str(s).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Varied text: other scripts, apostrophes, hyphens and dashes, digits, line
    /// breaks, capitals, quotes, and marks at 64-byte block edges.
    fn varied_texts() -> Vec<String> {
        let mut texts: Vec<String> = [
            "",
            ",",
            "«»",
            "He said : no ; “oui” ! 2,5 % of well-known Sea-only — it’s don't\n\nx?",
            "Ça coûte 12,50\u{a0}€ à Zürich ; « Привет » ‹ a › \"q\" 3\u{202f}: 1\u{2009}!",
            "tab\t, end‐of‑line – x … y",
        ]
        .map(String::from)
        .to_vec();
        for pad in [1, 7, 31, 32, 33, 63, 64, 65, 127] {
            let a = "a".repeat(pad);
            texts.push(format!("{a}, B-c «{a}» “{a}” ; {a}‐x ?"));
        }
        texts
    }

    #[test]
    fn finder_agrees_with_a_char_scan() {
        let sets: [&[char]; 7] = [
            &[','],
            &['-', '‐'],
            &['"', '“'],
            &['«', '»', '‹', '›'],
            &[';', ':', '!', '?'],
            &[';', ':', '!', '?', ',', '%', '…'],
            &['\u{a0}', '—', 'x', '€', 'П'],
        ];
        for text in varied_texts() {
            for chars in sets {
                let finder = Finder::chars(chars);
                let fast: Vec<(usize, &str)> = finder.find_iter(&text).collect();
                let slow: Vec<(usize, &str)> = text
                    .char_indices()
                    .filter(|(_, c)| chars.contains(c))
                    .map(|(i, c)| (i, &text[i..i + c.len_utf8()]))
                    .collect();
                assert_eq!(fast, slow, "{chars:?} in {text:?}");
            }
        }
    }

    #[test]
    fn may_end_space_passes_every_space() {
        for c in SPACES {
            let mut buf = [0; 4];
            let last = *c.encode_utf8(&mut buf).as_bytes().last().unwrap();
            assert!(may_end_space(last), "{c:?}");
        }
        for b in 0..0x80u8 {
            assert_eq!(may_end_space(b), is_space(char::from(b)), "{b:#x}");
        }
    }
}
