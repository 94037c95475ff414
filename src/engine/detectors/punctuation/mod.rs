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
/// three bytes per scan), where `str::match_indices` with a char set decodes every
/// character.
pub(super) struct Finder {
    chars: Vec<char>,
    /// The distinct first bytes of the characters' UTF-8 forms, three per scan.
    groups: Vec<[u8; 3]>,
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
        let groups = first
            .chunks(3)
            .map(|g| [g[0], g[g.len().min(2) - 1], g[g.len() - 1]])
            .collect();
        Finder {
            chars: chars.to_vec(),
            groups,
        }
    }

    /// Every occurrence in order: (start, the character as found in `text`).
    pub(super) fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, &'t str)> {
        let bytes = text.as_bytes();
        let mut scans: Vec<_> = self
            .groups
            .iter()
            .map(|g| memchr::memchr3_iter(g[0], g[1], g[2], bytes).peekable())
            .collect();
        std::iter::from_fn(move || loop {
            // The scan whose next hit comes first (the groups share no byte).
            let (k, _) = scans
                .iter_mut()
                .enumerate()
                .filter_map(|(k, scan)| scan.peek().map(|&i| (k, i)))
                .min_by_key(|&(_, i)| i)?;
            let i = scans[k].next()?;
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
