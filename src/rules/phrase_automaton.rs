//! The automaton that finds every phrase of the phrase rules and the trigger
//! literals of the pattern rules in one pass: a double-array Aho-Corasick
//! automaton over the ASCII-lowercased spellings, which `build.rs` builds for
//! the built-in packs and start-up only decodes.

use std::ops::Range;

use daachorse::{DoubleArrayAhoCorasick, DoubleArrayAhoCorasickBuilder, MatchKind};

use super::model::{Matcher, Rule};

/// Entry index marking a pattern rule's trigger literal.
pub const TRIGGER: u32 = u32::MAX;

/// The phrases and trigger literals of a range of rules.
pub struct PhraseAutomaton {
    automaton: DoubleArrayAhoCorasick<u32>,
    /// Targets of spelling `i`: `targets[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    /// (rule index, entry index in that rule or [`TRIGGER`]), in rule order.
    targets: Vec<(u32, u32)>,
}

/// A match of one spelling: its span and the (rule, entry) pairs it stands for.
pub struct PhraseHit<'a> {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
    /// (rule index, entry index or [`TRIGGER`]).
    pub targets: &'a [(u32, u32)],
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
        patterns.sort_by_key(|(_, id)| *id);
        let automaton = DoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build_with_values(patterns)
            .map_err(|e| format!("phrase automaton: {e}"))?;
        let mut starts = Vec::with_capacity(grouped.len() + 1);
        let mut targets = Vec::new();
        for group in grouped {
            starts.push(targets.len() as u32);
            targets.extend(group);
        }
        starts.push(targets.len() as u32);
        Ok(Some(PhraseAutomaton {
            automaton,
            starts,
            targets,
        }))
    }

    /// The automaton in a compact binary form: the number of spellings and of
    /// targets (u32 each), `starts` and `targets` as little-endian u32s, then the
    /// double-array automaton. Fixed-width integers decode in one tight loop.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + 4 * self.starts.len() + 8 * self.targets.len());
        out.extend((self.starts.len() as u32).to_le_bytes());
        out.extend((self.targets.len() as u32).to_le_bytes());
        out.extend(self.starts.iter().flat_map(|s| s.to_le_bytes()));
        out.extend(
            self.targets
                .iter()
                .flat_map(|&(r, e)| [r.to_le_bytes(), e.to_le_bytes()])
                .flatten(),
        );
        out.extend(self.automaton.serialize());
        out
    }

    /// Decodes [`PhraseAutomaton::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let bad = |what: &str| format!("phrase automaton: {what}");
        let truncated = || bad("truncated");
        let u32_at = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let (counts, rest) = bytes.split_at_checked(8).ok_or_else(truncated)?;
        let n_starts = u32_at(counts) as usize;
        let n_targets = u32_at(&counts[4..]) as usize;
        let (starts, rest) = rest.split_at_checked(n_starts * 4).ok_or_else(truncated)?;
        let (targets, rest) = rest.split_at_checked(n_targets * 8).ok_or_else(truncated)?;
        let starts: Vec<u32> = starts.chunks_exact(4).map(u32_at).collect();
        let targets: Vec<(u32, u32)> = targets
            .chunks_exact(8)
            .map(|t| (u32_at(t), u32_at(&t[4..])))
            .collect();
        if starts.last().is_some_and(|&n| n as usize != targets.len())
            || starts.windows(2).any(|w| w[0] > w[1])
        {
            return Err(bad("inconsistent target table"));
        }
        let (automaton, _) =
            DoubleArrayAhoCorasick::deserialize(rest).map_err(|e| bad(&e.to_string()))?;
        Ok(PhraseAutomaton {
            automaton,
            starts,
            targets,
        })
    }

    /// Every occurrence of every spelling in `text` (ASCII case folded),
    /// overlapping ones included, in order of their end.
    pub fn find<'a>(&'a self, text: &'a str) -> impl Iterator<Item = PhraseHit<'a>> + 'a {
        let folded = text.bytes().map(|b| b.to_ascii_lowercase());
        self.automaton
            .find_overlapping_iter_from_iter(folded)
            .map(move |m| {
                let id = m.value() as usize;
                let (from, to) = (self.starts[id] as usize, self.starts[id + 1] as usize);
                PhraseHit {
                    start: m.start(),
                    end: m.end(),
                    targets: &self.targets[from..to],
                }
            })
    }
}

#[cfg(test)]
mod tests {
    use super::variants;

    #[test]
    fn variants_cover_apostrophes_and_accents() {
        let v = variants("Élysée");
        assert!(v.contains(&"élysée".to_string()) && v.contains(&"ÉLYSÉE".to_string()));
        let v = variants("don't");
        assert!(v.contains(&"don’t".to_string()));
    }
}
