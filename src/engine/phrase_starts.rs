//! Counting phrases that begin with a word character from the word starts of a
//! text, in one pass for all of them: the second read of a document linted in
//! parts counts the title-case phrases of every run, most of which occur once,
//! and one substring search for each would scan every part once a phrase.

use super::on_word_boundaries;
use crate::rules::{for_each_word_start, is_word_char};

/// Phrases looked up where a word starts, by their first two bytes.
pub struct WordStartPhrases {
    /// A bit for each first two bytes (little-endian u16) of a phrase.
    pairs: Box<[u64; 1024]>,
    /// (first two bytes, phrase index), sorted.
    keys: Vec<(u16, usize)>,
}

impl WordStartPhrases {
    /// Whether [`WordStartPhrases::count_in`] counts `phrase` as `str::match_indices`
    /// and [`on_word_boundaries`] do: it begins with a word character, so an
    /// occurrence on word boundaries begins where a word does; it is two bytes or
    /// longer; and no two of its occurrences can overlap (no proper prefix of it is
    /// also a suffix), so that `match_indices` finds every occurrence.
    pub fn takes(phrase: &str) -> bool {
        let b = phrase.as_bytes();
        b.len() >= 2
            && phrase.chars().next().is_some_and(is_word_char)
            && (1..b.len()).all(|k| b[..k] != b[b.len() - k..])
    }

    /// The lookup of `phrases[i]` for each `i` in `indices` (each one that
    /// [`WordStartPhrases::takes`]).
    pub fn new(phrases: &[String], indices: impl IntoIterator<Item = usize>) -> Self {
        let mut pairs = Box::new([0u64; 1024]);
        let mut keys = Vec::new();
        for i in indices {
            let b = phrases[i].as_bytes();
            let key = u16::from_le_bytes([b[0], b[1]]);
            pairs[usize::from(key) / 64] |= 1 << (key % 64);
            keys.push((key, i));
        }
        keys.sort_unstable();
        WordStartPhrases { pairs, keys }
    }

    /// Adds to `counts[i]` the occurrences of `phrases[i]` on word boundaries in
    /// `text`, for the phrases of this lookup, until each of them has `enough`
    /// in `counts` (the word starts after that are passed over unread).
    pub fn count_in(&self, text: &str, phrases: &[String], counts: &mut [usize], enough: usize) {
        let mut short = self
            .keys
            .iter()
            .filter(|&&(_, i)| counts[i] < enough)
            .count();
        if short == 0 {
            return;
        }
        let bytes = text.as_bytes();
        for_each_word_start(text, |at| {
            if short == 0 {
                return;
            }
            let Some(&[a, b]) = bytes.get(at..at + 2) else {
                return;
            };
            let key = u16::from_le_bytes([a, b]);
            if self.pairs[usize::from(key) / 64] & (1 << (key % 64)) == 0 {
                return;
            }
            let from = self.keys.partition_point(|&(k, _)| k < key);
            for &(_, i) in self.keys[from..].iter().take_while(|(k, _)| *k == key) {
                let phrase = phrases[i].as_bytes();
                if bytes[at..].starts_with(phrase)
                    && on_word_boundaries(text, at, at + phrase.len())
                {
                    counts[i] += 1;
                    if counts[i] == enough {
                        short -= 1;
                    }
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The count of `phrase` as `str::match_indices` and the word-boundary test give it.
    fn one_by_one(text: &str, phrase: &str) -> usize {
        text.match_indices(phrase)
            .filter(|(at, _)| on_word_boundaries(text, *at, at + phrase.len()))
            .count()
    }

    #[test]
    fn which_phrases_are_taken() {
        assert!(WordStartPhrases::takes("Foreign Minister"));
        assert!(WordStartPhrases::takes("Élysée Palace"));
        assert!(WordStartPhrases::takes("ab"));
        assert!(!WordStartPhrases::takes("A"));
        assert!(!WordStartPhrases::takes("“Big Deal”"));
        assert!(!WordStartPhrases::takes("New New")); // overlaps itself in "New New New"
        assert!(!WordStartPhrases::takes("aa"));
        assert!(!WordStartPhrases::takes("abcab"));
        assert!(!WordStartPhrases::takes("Kyiv and Kyiv"));
    }

    #[test]
    fn counts_as_a_substring_search_would() {
        let text = "Foreign Minister said the Foreign Ministers met. ex-Foreign Minister \
                    Élysée Palace, the Élysée Palace’s lawn; Kyiv and Kyiv's Foreign Minister\n\
                    Foreign Minister_x Foreign Ministerial SubForeign Minister Kyiv";
        let phrases: Vec<String> = [
            "Foreign Minister",
            "Élysée Palace",
            "Kyiv",
            "Palace",
            "the Foreign",
            "Ministers met",
            "and Kyiv",
            "Minister",
        ]
        .map(String::from)
        .to_vec();
        assert!(phrases.iter().all(|p| WordStartPhrases::takes(p)));
        let lookup = WordStartPhrases::new(&phrases, 0..phrases.len());
        let mut counts = vec![0; phrases.len()];
        lookup.count_in(text, &phrases, &mut counts, usize::MAX);
        let expected: Vec<usize> = phrases.iter().map(|p| one_by_one(text, p)).collect();
        assert_eq!(counts, expected);
        assert_eq!(counts[0], 3);
        // Parts add up.
        let (a, b) = text.split_at(text.find('\n').unwrap() + 1);
        let mut parts = vec![0; phrases.len()];
        lookup.count_in(a, &phrases, &mut parts, usize::MAX);
        lookup.count_in(b, &phrases, &mut parts, usize::MAX);
        assert_eq!(parts, expected);
        // Counted until each has two: at least two of those that occur twice, all
        // of the others, never more than there are.
        let mut two = vec![0; phrases.len()];
        lookup.count_in(text, &phrases, &mut two, 2);
        for (i, (&n, &all)) in two.iter().zip(&expected).enumerate() {
            assert!(n >= all.min(2) && n <= all, "{}: {n} of {all}", phrases[i]);
        }
        // Once each has two, counting stops.
        let repeated = format!("Kyiv Kyiv {}", "Kyiv ".repeat(100));
        let kyiv = ["Kyiv".to_string()];
        let mut n = [0];
        WordStartPhrases::new(&kyiv, [0]).count_in(&repeated, &kyiv, &mut n, 2);
        assert_eq!(n, [2]);
    }

    #[test]
    fn an_empty_lookup_counts_nothing() {
        let lookup = WordStartPhrases::new(&[], []);
        let mut counts = Vec::new();
        lookup.count_in("Foreign Minister", &[], &mut counts, 2);
        assert!(counts.is_empty());
    }
}
