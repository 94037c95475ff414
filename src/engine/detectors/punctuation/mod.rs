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

pub use dash::CollapsedDash;
pub use doubled::DoubledWord;
pub use numbers::{DecimalComma, PercentSpace};
pub use spacing::{Guillemets, SpaceAfterQuote, SpaceBefore};

use aho_corasick::AhoCorasick;
use serde::Deserialize;

use crate::engine::Candidate;

/// Finds any of a few short strings (characters, or a space and a mark) with a
/// SIMD scan, where `str::match_indices` with a char set decodes every character.
pub(super) struct Finder(AhoCorasick);

impl Finder {
    /// A finder for `needles` (non-empty strings).
    pub(super) fn new<S: AsRef<str>>(needles: impl IntoIterator<Item = S>) -> Self {
        let needles: Vec<String> = needles.into_iter().map(|s| s.as_ref().to_owned()).collect();
        // A few short literals never exceed the automaton's limits.
        Finder(AhoCorasick::new(needles).expect("a few short literals build an automaton"))
    }

    /// A finder for any of `chars`.
    pub(super) fn chars(chars: &[char]) -> Self {
        Finder::new(chars.iter().map(|c| c.to_string()))
    }

    /// Non-overlapping occurrences: (start, the needle as found in `text`).
    pub(super) fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, &'t str)> {
        self.0
            .find_iter(text)
            .map(move |m| (m.start(), &text[m.start()..m.end()]))
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
