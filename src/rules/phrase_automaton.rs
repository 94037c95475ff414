//! The automaton that finds every phrase of the phrase rules and the trigger
//! literals of the pattern rules in one pass: a double-array Aho-Corasick
//! automaton over the ASCII-lowercased spellings, which `build.rs` builds for
//! the built-in packs and start-up only decodes.
//!
//! A short text is searched without it, with tables read in place from the
//! binary, which costs less than decoding the automaton (a 3 MB copy). A
//! phrase is only reported on word boundaries, so a spelling that begins with
//! a word character and stands for phrases only is sought only where a word
//! starts; the other spellings (trigger literals, which may match anywhere,
//! and phrases that begin with another character) wherever the text's next
//! two bytes begin one of them. Both are found by walking a trie
//! ([`SpellingTrie`]) from there.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use daachorse::{DoubleArrayAhoCorasick, DoubleArrayAhoCorasickBuilder, MatchKind};

use super::model::{Matcher, Rule};
use super::spelling_trie::{FirstPairs, SpellingTrie, FOLD};
use super::word_chars::{for_each_word_start, is_word_char};

/// Entry index marking a pattern rule's trigger literal.
pub const TRIGGER: u32 = u32::MAX;

/// Longest text searched with the tries rather than with the automaton.
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
    /// Spellings that begin with a word character and stand for phrase entries
    /// only, sought where words start.
    word_starts: SpellingTrie,
    /// The other spellings, which may match anywhere.
    anywhere: SpellingTrie,
    /// The first two bytes of the `anywhere` spellings.
    anywhere_pairs: FirstPairs,
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

/// Spellings with their ids, and the targets of each id.
type Spellings = (Vec<(Vec<u8>, u32)>, Vec<Vec<(u32, u32)>>);

/// The distinct ASCII-lowercased spellings of the phrases and trigger literals
/// of `rules[range]`, sorted, with the id of each (in order of first use), and
/// the targets of each id in rule order.
fn spellings(rules: &[Rule], range: Range<usize>) -> Spellings {
    let mut ids: std::collections::HashMap<Vec<u8>, u32> = Default::default();
    let mut grouped: Vec<Vec<(u32, u32)>> = Vec::new();
    let mut add = |spelling: &str, target: (u32, u32)| {
        let key = spelling.as_bytes().to_ascii_lowercase();
        let next = grouped.len() as u32;
        let id = *ids.entry(key).or_insert(next);
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
    let mut keys: Vec<(Vec<u8>, u32)> = ids.into_iter().collect();
    keys.sort_unstable();
    (keys, grouped)
}

impl PhraseAutomaton {
    /// Builds the search for the phrases and trigger literals of
    /// `rules[range]`; `None` if they have none. Spellings that hold NUL
    /// (which no prose does) are left out.
    pub fn build(rules: &[Rule], range: Range<usize>) -> Result<Option<Self>, String> {
        let (keys, grouped) = spellings(rules, range);
        if grouped.is_empty() {
            return Ok(None);
        }
        let at_word_starts = |key: &[u8], id: u32| {
            std::str::from_utf8(key)
                .ok()
                .and_then(|k| k.chars().next())
                .is_some_and(is_word_char)
                && grouped[id as usize].iter().all(|&(_, e)| e != TRIGGER)
        };
        let (mut word_keys, mut other_keys) = (Vec::new(), Vec::new());
        for (key, id) in &keys {
            if key.is_empty() || key.contains(&0) {
                continue;
            }
            if at_word_starts(key, *id) {
                word_keys.push((&key[..], *id));
            } else {
                other_keys.push((&key[..], *id));
            }
        }
        let word_starts = SpellingTrie::build(&word_keys)?;
        let anywhere = SpellingTrie::build(&other_keys)?;
        let anywhere_pairs = FirstPairs::build(other_keys.iter().map(|(k, _)| *k));
        let mut by_id = keys.clone();
        by_id.sort_by_key(|(_, id)| *id);
        let automaton = DoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build_with_values(by_id)
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
            word_starts,
            anywhere,
            anywhere_pairs,
            starts: Cow::Owned(starts),
            targets: Cow::Owned(targets),
        }))
    }

    /// The search in a compact binary form: the number of spellings plus one,
    /// of targets, and of bytes of the two tries and of the first pairs (u32
    /// each), `starts` and `targets` as little-endian u32s, the word-start
    /// trie, the other spellings' trie and their first pairs (all read in
    /// place), then the double-array automaton.
    pub fn to_bytes(&self) -> Vec<u8> {
        let tables = [
            self.word_starts.as_bytes(),
            self.anywhere.as_bytes(),
            self.anywhere_pairs.as_bytes(),
        ];
        let mut out = Vec::new();
        out.extend((self.starts.len() as u32 / 4).to_le_bytes());
        out.extend((self.targets.len() as u32 / 8).to_le_bytes());
        for table in tables {
            out.extend((table.len() as u32).to_le_bytes());
        }
        out.extend(self.starts.iter());
        out.extend(self.targets.iter());
        for table in tables {
            out.extend(table);
        }
        match self.automaton.get() {
            Some(Some(automaton)) => out.extend(automaton.serialize()),
            _ => out.extend(self.automaton_bytes),
        }
        out
    }

    /// Decodes [`PhraseAutomaton::to_bytes`]; the tables are used in place and
    /// the automaton decoded on first use.
    pub fn from_bytes(bytes: &'static [u8]) -> Result<Self, String> {
        let bad = |what: &str| format!("phrase automaton: {what}");
        let truncated = || bad("truncated");
        let (counts, rest) = bytes.split_at_checked(20).ok_or_else(truncated)?;
        let n_starts = u32_at(counts, 0);
        let n_targets = u32_at(counts, 1);
        let (starts, rest) = rest.split_at_checked(n_starts * 4).ok_or_else(truncated)?;
        let (targets, rest) = rest.split_at_checked(n_targets * 8).ok_or_else(truncated)?;
        let (words, rest) = rest
            .split_at_checked(u32_at(counts, 2))
            .ok_or_else(truncated)?;
        let (anywhere, rest) = rest
            .split_at_checked(u32_at(counts, 3))
            .ok_or_else(truncated)?;
        let (pairs, automaton_bytes) = rest
            .split_at_checked(u32_at(counts, 4))
            .ok_or_else(truncated)?;
        // Target ranges are read with checks (`targets_of`): a bad table loses
        // hits but cannot fail, and start-up need not walk it.
        Ok(PhraseAutomaton {
            automaton: OnceLock::new(),
            automaton_bytes,
            trusted: false,
            word_starts: SpellingTrie::from_bytes(words)?,
            anywhere: SpellingTrie::from_bytes(anywhere)?,
            anywhere_pairs: FirstPairs::from_bytes(pairs)?,
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

    /// The targets of spelling `id`, if it has an entry.
    fn targets_of(&self, id: u32) -> Option<Targets<'_>> {
        let bound = |i: usize| self.starts.get(4 * i..4 * i + 4).map(|b| u32_at(b, 0));
        let (from, to) = (bound(id as usize)?, bound(id as usize + 1)?);
        self.targets.get(8 * from..8 * to).map(Targets)
    }

    /// Calls `on_hit` with every occurrence in `text` (ASCII case folded) of
    /// every spelling, overlapping ones included, in order of their end; a
    /// short text is searched with the tries unless the automaton is decoded
    /// already, which leaves out the hits that cannot be reported (phrases off
    /// word starts) and gives the others in order of their start, those that
    /// may match anywhere first.
    pub fn find<'a>(&'a self, text: &'a str, mut on_hit: impl FnMut(PhraseHit<'a>)) {
        let bytes = text.as_bytes();
        let mut report = |start: usize, end: usize, id: u32| {
            if let Some(targets) = self.targets_of(id) {
                on_hit(PhraseHit {
                    start,
                    end,
                    targets,
                });
            }
        };
        if self.automaton.get().is_some() || text.len() > INDEX_TEXT {
            if let Some(automaton) = self.automaton() {
                // Stepping byte by byte through a table is cheaper than the
                // iterator over a mapped byte iterator. `FOLD` reads NUL as
                // 0xFF: neither is in any spelling, so both lead to the root.
                let mut stepper = automaton.find_overlapping_stepper();
                for &b in bytes {
                    stepper.consume(FOLD[usize::from(b)]);
                    for m in stepper.matches() {
                        report(m.start(), m.end(), m.value());
                    }
                }
                return;
            }
        }
        self.find_with_tries(text, report);
    }

    /// The hits of [`PhraseAutomaton::find`] in `text` found with the tries.
    fn find_with_tries(&self, text: &str, mut report: impl FnMut(usize, usize, u32)) {
        let bytes = text.as_bytes();
        self.anywhere_pairs.for_each_start(bytes, |start| {
            self.anywhere
                .prefixes(bytes, start, |end, id| report(start, end, id))
        });
        for_each_word_start(text, |start| {
            self.word_starts
                .prefixes(bytes, start, |end, id| report(start, end, id))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::{spellings, variants, PhraseAutomaton, INDEX_TEXT, TRIGGER};
    use crate::engine::on_word_boundaries;
    use crate::rules::{load_rule_set, PackSource, Rule};
    use daachorse::{DoubleArrayAhoCorasickBuilder, MatchKind};

    /// A found (start, end, rule, entry or [`TRIGGER`]).
    type Found = (usize, usize, u32, u32);

    /// What the phrase matcher may report of `hits`: trigger hits, and phrase
    /// hits on word boundaries.
    fn reportable(text: &str, hits: Vec<Found>) -> Vec<Found> {
        let mut out: Vec<Found> = hits
            .into_iter()
            .filter(|&(s, e, _, ei)| ei == TRIGGER || on_word_boundaries(text, s, e))
            .collect();
        out.sort_unstable();
        out
    }

    /// Every hit of one overlapping Aho-Corasick automaton over all the
    /// spellings of `rules` (the search before spellings were split).
    fn all_hits(rules: &[Rule], text: &str) -> Vec<Found> {
        let (keys, grouped) = spellings(rules, 0..rules.len());
        let automaton = DoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build_with_values(keys.iter().map(|(k, id)| (&k[..], *id)))
            .unwrap();
        let folded = text.bytes().map(|b| b.to_ascii_lowercase());
        automaton
            .find_overlapping_iter_from_iter(folded)
            .flat_map(|m| {
                grouped[m.value() as usize]
                    .iter()
                    .map(move |&(ri, ei)| (m.start(), m.end(), ri, ei))
            })
            .collect()
    }

    /// The hits of the tries (the search of short texts).
    fn hits(phrases: &PhraseAutomaton, text: &str) -> Vec<Found> {
        let mut out = Vec::new();
        phrases.find_with_tries(text, |start, end, id| {
            if let Some(targets) = phrases.targets_of(id) {
                out.extend(targets.into_iter().map(|(ri, ei)| (start, end, ri, ei)))
            }
        });
        out
    }

    /// The hits of [`PhraseAutomaton::find`].
    fn found(phrases: &PhraseAutomaton, text: &str) -> Vec<Found> {
        let mut out = Vec::new();
        phrases.find(text, |hit| {
            out.extend(
                hit.targets
                    .into_iter()
                    .map(|(ri, ei)| (hit.start, hit.end, ri, ei)),
            )
        });
        out
    }

    /// The tries find a subset of what one automaton over all the spellings
    /// finds, and the same reportable hits; so does `find` on a long text.
    fn assert_same_as_one_automaton(rules: &[Rule], phrases: &PhraseAutomaton, text: &str) {
        let mut all = all_hits(rules, text);
        let mut tried = hits(phrases, text);
        assert_eq!(
            reportable(text, tried.clone()),
            reportable(text, all.clone())
        );
        all.sort_unstable();
        tried.sort_unstable();
        let mut excess = tried.clone();
        excess.retain(|f| all.binary_search(f).is_err());
        assert!(excess.is_empty(), "{excess:?} found in excess");
        let long = format!("{text}{}", " ".repeat(INDEX_TEXT));
        let mut by_automaton = found(phrases, &long);
        let mut expected = all_hits(rules, &long);
        by_automaton.sort_unstable();
        expected.sort_unstable();
        assert_eq!(by_automaton, expected);
    }

    /// Text with non-ASCII letters, apostrophes, hyphens, line breaks, capitals
    /// and words run together.
    const VARIED: &str = "The Coalition of Wishes met the reflection group; \
        L’OPÉRATION, don’t DON'T dont. Élysée-Palace\nthe\nreflection group \
        coalition-led, thecoalition of wishes_ x2coalition of wishes «Coalition \
        of Wishes» naïve Ωmega ÉLYSÉE élysée 'quoted' l'été L’Été \u{0}the end\u{0}";

    #[test]
    fn the_builtin_search_finds_what_one_automaton_finds() {
        let rules = crate::rules::RuleSet::builtin()
            .expect("built-in rules")
            .rules;
        let phrases = PhraseAutomaton::build(&rules, 0..rules.len())
            .unwrap()
            .unwrap();
        let article = std::fs::read_to_string("corpus/seed/cnn-roundtrip.txt").unwrap();
        for text in [article.as_str(), VARIED, ""] {
            assert_same_as_one_automaton(&rules, &phrases, text);
        }
        assert!(hits(&phrases, &article).len() > 50);
        // The precompiled table is the same search.
        let builtin = crate::rules::RuleSet::builtin_phrases().expect("built-in phrases");
        assert_eq!(builtin.to_bytes(), phrases.to_bytes());
    }

    /// A user pack of phrases that begin with word characters or not, with
    /// apostrophes and accents, and a pattern rule with trigger literals.
    fn user_rules() -> crate::rules::RuleSet {
        let pack = r#"
pack:
  name: user
  description: User rules.
  language: en
  defaults:
    category: calque
    severity: warning
    confidence: 0.8
    fix: safe
rules:
  - id: calques
    phrases:
      "coalition of wishes": "coalition of the willing"
      "Élysée palace": "Élysée"
      "don't": "do not"
      "-led": "led"
      "«coalition": "coalition"
      "'quoted'": "quoted"
      "l'été": "summer"
  - id: pattern
    pattern: "(?i)reflection gr[o]up"
    replacement: reflection team
"#;
        load_rule_set(&[PackSource {
            file: "user.yaml".into(),
            text: pack.into(),
        }])
        .unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn user_rules_are_found_as_one_automaton_finds_them() {
        let set = user_rules();
        let phrases = PhraseAutomaton::build(&set.rules, 0..set.rules.len())
            .unwrap()
            .unwrap();
        assert!(
            !phrases.anywhere.as_bytes().is_empty() && !phrases.word_starts.as_bytes().is_empty()
        );
        let reported = reportable(VARIED, hits(&phrases, VARIED));
        assert!(reported.iter().any(|f| f.3 == TRIGGER), "{reported:?}");
        assert!(reported.len() > 8, "{reported:?}");
        assert_same_as_one_automaton(&set.rules, &phrases, VARIED);
        let bytes: &'static [u8] = Box::leak(phrases.to_bytes().into_boxed_slice());
        let decoded = PhraseAutomaton::from_bytes(bytes).unwrap();
        assert_same_as_one_automaton(&set.rules, &decoded, VARIED);
    }

    #[test]
    fn a_corrupt_target_table_loses_hits_without_failing() {
        let set = user_rules();
        let phrases = PhraseAutomaton::build(&set.rules, 0..set.rules.len())
            .unwrap()
            .unwrap();
        let mut bytes = phrases.to_bytes();
        let n_starts = u32::from_le_bytes(bytes[..4].try_into().unwrap()) as usize;
        for b in &mut bytes[20..20 + 4 * n_starts] {
            *b = b.wrapping_mul(97).wrapping_add(13);
        }
        let corrupt = PhraseAutomaton::from_bytes(Box::leak(bytes.into_boxed_slice())).unwrap();
        hits(&corrupt, VARIED);
        found(&corrupt, &format!("{VARIED}{}", " ".repeat(INDEX_TEXT)));
    }

    #[test]
    fn variants_cover_apostrophes_and_accents() {
        let v = variants("Élysée");
        assert!(v.contains(&"élysée".to_string()) && v.contains(&"ÉLYSÉE".to_string()));
        let v = variants("don't");
        assert!(v.contains(&"don’t".to_string()));
    }
}
