//! The automaton that finds every phrase of the phrase rules and the trigger
//! literals of the pattern rules in one pass: a double-array Aho-Corasick
//! automaton over the ASCII-lowercased spellings, which `build.rs` builds for
//! the built-in packs and start-up only decodes.
//!
//! The same spellings are also kept in a finite state transducer, which is
//! used in place from the binary: a short text is matched by walking it from
//! every position, which costs less than decoding the automaton (a 3 MB copy).

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use daachorse::{DoubleArrayAhoCorasick, DoubleArrayAhoCorasickBuilder, MatchKind};
use fst::raw::Fst;

use super::model::{Matcher, Rule};

/// Entry index marking a pattern rule's trigger literal.
pub const TRIGGER: u32 = u32::MAX;

/// Longest text matched by walking the spellings' transducer from every
/// position rather than with the automaton.
pub const INDEX_TEXT: usize = 32 * 1024;

/// The phrases and trigger literals of a range of rules.
pub struct PhraseAutomaton {
    /// The automaton, decoded from `automaton_bytes` on first use.
    automaton: OnceLock<Option<DoubleArrayAhoCorasick<u32>>>,
    /// The serialized automaton (empty when it was built in memory).
    automaton_bytes: &'static [u8],
    /// Whether `automaton_bytes` were serialized by this build (the built-in
    /// table), so that decoding may skip their validation.
    trusted: bool,
    /// The spellings, each mapped to its index in `starts`.
    index: Fst<Cow<'static, [u8]>>,
    /// Targets of spelling `i`: `targets[starts[i]..starts[i + 1]]`; little-endian
    /// u32s, read in place from the binary for the built-in rules.
    starts: Cow<'static, [u8]>,
    /// (rule index, entry index in that rule or [`TRIGGER`]), in rule order, as
    /// pairs of little-endian u32s.
    targets: Cow<'static, [u8]>,
}

/// A match of one spelling: its span and the (rule, entry) pairs it stands for.
pub struct PhraseHit<'a> {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
    /// (rule index, entry index or [`TRIGGER`]).
    pub targets: Targets<'a>,
}

/// The (rule index, entry index or [`TRIGGER`]) pairs of a spelling, read from
/// their little-endian encoding.
#[derive(Clone, Copy)]
pub struct Targets<'a>(&'a [u8]);

impl<'a> IntoIterator for Targets<'a> {
    type Item = (u32, u32);
    type IntoIter = std::iter::Map<std::slice::ChunksExact<'a, u8>, fn(&[u8]) -> (u32, u32)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0
            .chunks_exact(8)
            .map(|t| (u32_at(t, 0) as u32, u32_at(t, 1) as u32))
    }
}

/// The `i`th little-endian u32 of `bytes`.
fn u32_at(bytes: &[u8], i: usize) -> usize {
    let b = &bytes[4 * i..4 * i + 4];
    u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize
}

/// Spellings under which a phrase is searched: ASCII case is folded by the
/// automaton; non-ASCII letters and apostrophes need explicit variants.
pub fn variants(phrase: &str) -> Vec<String> {
    let mut out = vec![phrase.to_string()];
    if !phrase.is_ascii() {
        let lower = phrase.to_lowercase();
        out.push(crate::case::capitalise_first(&lower));
        out.push(phrase.to_uppercase());
        out.push(lower);
    }
    let with_apostrophes: Vec<String> = out
        .iter()
        .flat_map(|p| [p.replace('\'', "’"), p.replace('’', "'")])
        .collect();
    out.extend(with_apostrophes);
    out.sort();
    out.dedup();
    out
}

impl PhraseAutomaton {
    /// Builds the automaton over the phrases and trigger literals of
    /// `rules[range]`; `None` if they have none.
    pub fn build(rules: &[Rule], range: Range<usize>) -> Result<Option<Self>, String> {
        // Distinct folded spellings, each with its targets in rule order.
        let mut spellings: std::collections::HashMap<Vec<u8>, u32> = Default::default();
        let mut grouped: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut add = |spelling: &str, target: (u32, u32)| {
            let key = spelling.as_bytes().to_ascii_lowercase();
            let next = grouped.len() as u32;
            let id = *spellings.entry(key).or_insert(next);
            if id == next {
                grouped.push(Vec::new());
            }
            grouped[id as usize].push(target);
        };
        for ri in range {
            let ri32 = ri as u32;
            match &rules[ri].matcher {
                Matcher::Phrases(entries) => {
                    for (ei, entry) in entries.iter().enumerate() {
                        for v in variants(&entry.phrase) {
                            add(&v, (ri32, ei as u32));
                        }
                    }
                }
                Matcher::Pattern {
                    triggers: Some(triggers),
                    ..
                } => {
                    for t in &triggers.literals {
                        for v in variants(t) {
                            add(&v, (ri32, TRIGGER));
                        }
                    }
                }
                _ => {}
            }
        }
        if grouped.is_empty() {
            return Ok(None);
        }
        let mut patterns: Vec<(Vec<u8>, u32)> = spellings.into_iter().collect();
        patterns.sort_unstable();
        let index = Fst::from_iter_map(patterns.iter().map(|(k, id)| (k, u64::from(*id))))
            .map_err(|e| format!("phrase index: {e}"))?;
        let index =
            Fst::new(Cow::Owned(index.into_inner())).map_err(|e| format!("phrase index: {e}"))?;
        patterns.sort_by_key(|(_, id)| *id);
        let automaton = DoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build_with_values(patterns)
            .map_err(|e| format!("phrase automaton: {e}"))?;
        let mut starts = Vec::with_capacity(4 * (grouped.len() + 1));
        let mut targets = Vec::new();
        for group in grouped {
            starts.extend((targets.len() as u32 / 8).to_le_bytes());
            targets.extend(
                group
                    .iter()
                    .flat_map(|&(r, e)| [r, e])
                    .flat_map(u32::to_le_bytes),
            );
        }
        starts.extend((targets.len() as u32 / 8).to_le_bytes());
        Ok(Some(PhraseAutomaton {
            automaton: OnceLock::from(Some(automaton)),
            automaton_bytes: &[],
            trusted: false,
            index,
            starts: Cow::Owned(starts),
            targets: Cow::Owned(targets),
        }))
    }

    /// The automaton in a compact binary form: the number of spellings, of
    /// targets and of bytes of the transducer (u32 each), `starts` and `targets`
    /// as little-endian u32s, the transducer, then the double-array automaton.
    /// Fixed-width integers decode in one tight loop.
    pub fn to_bytes(&self) -> Vec<u8> {
        let index = self.index.as_bytes();
        let mut out = Vec::with_capacity(12 + self.starts.len() + self.targets.len());
        out.extend((self.starts.len() as u32 / 4).to_le_bytes());
        out.extend((self.targets.len() as u32 / 8).to_le_bytes());
        out.extend((index.len() as u32).to_le_bytes());
        out.extend(self.starts.iter());
        out.extend(self.targets.iter());
        out.extend(index);
        match self.automaton.get() {
            Some(Some(automaton)) => out.extend(automaton.serialize()),
            _ => out.extend(self.automaton_bytes),
        }
        out
    }

    /// Decodes [`PhraseAutomaton::to_bytes`]; the target table and the
    /// transducer are used in place and the automaton decoded on first use.
    pub fn from_bytes(bytes: &'static [u8]) -> Result<Self, String> {
        let bad = |what: &str| format!("phrase automaton: {what}");
        let truncated = || bad("truncated");
        let (counts, rest) = bytes.split_at_checked(12).ok_or_else(truncated)?;
        let n_starts = u32_at(counts, 0);
        let n_targets = u32_at(counts, 1);
        let n_index = u32_at(counts, 2);
        let (starts, rest) = rest.split_at_checked(n_starts * 4).ok_or_else(truncated)?;
        let (targets, rest) = rest.split_at_checked(n_targets * 8).ok_or_else(truncated)?;
        let (index, automaton_bytes) = rest.split_at_checked(n_index).ok_or_else(truncated)?;
        // Checked once here, so that `find` may index without checks failing.
        let mut previous = 0;
        for i in 0..n_starts {
            let start = u32_at(starts, i);
            if start < previous || start > n_targets {
                return Err(bad("inconsistent target table"));
            }
            previous = start;
        }
        if n_starts > 0 && previous != n_targets {
            return Err(bad("inconsistent target table"));
        }
        let index = Fst::new(Cow::Borrowed(index)).map_err(|e| bad(&e.to_string()))?;
        if index.len() + 1 != n_starts {
            return Err(bad("the transducer and the target table disagree"));
        }
        Ok(PhraseAutomaton {
            automaton: OnceLock::new(),
            automaton_bytes,
            trusted: false,
            index,
            starts: Cow::Borrowed(starts),
            targets: Cow::Borrowed(targets),
        })
    }

    /// [`PhraseAutomaton::from_bytes`] for bytes that this build's `build.rs`
    /// wrote with [`PhraseAutomaton::to_bytes`]: the automaton is decoded
    /// without validating its states, which costs a pass over its 3 MB.
    ///
    /// # Safety
    ///
    /// The automaton part of `bytes` must be what `DoubleArrayAhoCorasick::serialize`
    /// of the daachorse version linked in wrote (the built-in table is).
    pub unsafe fn from_trusted_bytes(bytes: &'static [u8]) -> Result<Self, String> {
        let mut automaton = Self::from_bytes(bytes)?;
        automaton.trusted = true;
        Ok(automaton)
    }

    /// The automaton, decoded on first use; `None` if its bytes are unreadable
    /// or it was not built for overlapping matches.
    fn automaton(&self) -> Option<&DoubleArrayAhoCorasick<u32>> {
        self.automaton
            .get_or_init(|| {
                let decoded = if self.trusted {
                    // SAFETY: `trusted` is set only by `from_trusted_bytes`, whose
                    // caller vouches that the bytes are a serialized automaton
                    // (checked for the built-in table by a test of `precompiled`).
                    Some(unsafe {
                        DoubleArrayAhoCorasick::deserialize_unchecked(self.automaton_bytes)
                    })
                } else {
                    DoubleArrayAhoCorasick::deserialize(self.automaton_bytes).ok()
                };
                decoded
                    .map(|(automaton, _)| automaton)
                    .filter(|automaton| automaton.match_kind() == MatchKind::Standard)
            })
            .as_ref()
    }

    /// Decodes the automaton now (for a caller that expects long texts);
    /// whether it could be.
    pub fn prepare(&self) -> bool {
        self.automaton().is_some()
    }

    /// Every occurrence of every spelling in `text` (ASCII case folded),
    /// overlapping ones included. A short text is walked with the transducer
    /// unless the automaton is decoded already (hits in order of their start);
    /// the automaton gives them in order of their end.
    pub fn find<'a>(&'a self, text: &'a str) -> Box<dyn Iterator<Item = PhraseHit<'a>> + 'a> {
        let hit = move |start: usize, end: usize, id: usize| {
            let (from, to) = (u32_at(&self.starts, id), u32_at(&self.starts, id + 1));
            PhraseHit {
                start,
                end,
                targets: Targets(&self.targets[8 * from..8 * to]),
            }
        };
        let decoded = self.automaton.get().is_some();
        if decoded || text.len() > INDEX_TEXT {
            if let Some(automaton) = self.automaton() {
                let folded = text.bytes().map(|b| b.to_ascii_lowercase());
                return Box::new(
                    automaton
                        .find_overlapping_iter_from_iter(folded)
                        .map(move |m| hit(m.start(), m.end(), m.value() as usize)),
                );
            }
        }
        Box::new(
            walk(&self.index, text.as_bytes())
                .into_iter()
                .map(move |(start, end, id)| hit(start, end, id)),
        )
    }
}

/// Every occurrence of a key of `index` in `text` (ASCII case folded), as
/// (start, end, value), by walking the transducer from every position.
fn walk(index: &Fst<Cow<'static, [u8]>>, text: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let root = index.root();
    for start in 0..text.len() {
        let mut node = root;
        let mut value = 0u64;
        for (end, &b) in text.iter().enumerate().skip(start) {
            let Some(i) = node.find_input(b.to_ascii_lowercase()) else {
                break;
            };
            let t = node.transition(i);
            value += t.out.value();
            node = index.node(t.addr);
            if node.is_final() {
                out.push((
                    start,
                    end + 1,
                    (value + node.final_output().value()) as usize,
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{variants, walk};

    #[test]
    fn the_transducer_walk_finds_what_the_automaton_finds() {
        let phrases = crate::rules::RuleSet::builtin_phrases().expect("built-in phrases");
        let text = std::fs::read_to_string("corpus/seed/cnn-roundtrip.txt").unwrap()
            + " The Coalition of Wishes met the reflection group; L’OPÉRATION, don’t.";
        let mut walked = walk(&phrases.index, text.as_bytes());
        let folded = text.bytes().map(|b| b.to_ascii_lowercase());
        let mut found: Vec<(usize, usize, usize)> = phrases
            .automaton()
            .unwrap()
            .find_overlapping_iter_from_iter(folded)
            .map(|m| (m.start(), m.end(), m.value() as usize))
            .collect();
        walked.sort_unstable();
        found.sort_unstable();
        assert!(found.len() > 50, "{} hits", found.len());
        assert_eq!(walked, found);
    }

    #[test]
    fn variants_cover_apostrophes_and_accents() {
        let v = variants("Élysée");
        assert!(v.contains(&"élysée".to_string()) && v.contains(&"ÉLYSÉE".to_string()));
        let v = variants("don't");
        assert!(v.contains(&"don’t".to_string()));
    }
}
