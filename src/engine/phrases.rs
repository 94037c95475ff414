//! Phrase rules: every phrase of every enabled rule — and the literal prefixes of
//! every pattern rule — in one Aho-Corasick automaton.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::context;
use super::Candidate;
use crate::case;
use crate::rules::{Matcher, Rule};

/// Compiled phrase matcher over many rules.
pub struct PhraseMatcher {
    automaton: Option<AhoCorasick>,
    /// For each automaton pattern: (rule index, entry index in that rule), where the
    /// entry index is [`TRIGGER`] for a pattern rule's literal prefix.
    targets: Vec<(u32, u32)>,
}

/// Entry index marking a pattern rule's trigger literal.
const TRIGGER: u32 = u32::MAX;

/// Where a pattern rule's trigger literal occurs: (rule index, byte offset).
pub type TriggerHit = (usize, usize);

/// Spellings under which a phrase is searched: ASCII case is folded by the
/// automaton; non-ASCII letters and apostrophes need explicit variants.
fn variants(phrase: &str) -> Vec<String> {
    let mut out = vec![phrase.to_string()];
    if !phrase.is_ascii() {
        let lower = phrase.to_lowercase();
        out.push(case::capitalise_first(&lower));
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

impl PhraseMatcher {
    /// Builds the automaton over the phrase rules among `rules` that are enabled.
    pub fn new(rules: &[Rule], enabled: &[bool]) -> Self {
        let mut patterns = Vec::new();
        let mut targets = Vec::new();
        for (ri, rule) in rules.iter().enumerate() {
            if !enabled[ri] {
                continue;
            }
            match &rule.matcher {
                Matcher::Phrases(entries) => {
                    for (ei, entry) in entries.iter().enumerate() {
                        for v in variants(&entry.phrase) {
                            patterns.push(v);
                            targets.push((ri as u32, ei as u32));
                        }
                    }
                }
                Matcher::Pattern {
                    triggers: Some(triggers),
                    ..
                } => {
                    for t in &triggers.literals {
                        for v in variants(t) {
                            patterns.push(v);
                            targets.push((ri as u32, TRIGGER));
                        }
                    }
                }
                _ => {}
            }
        }
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&patterns)
                .expect("phrase automaton fits in memory")
        });
        PhraseMatcher { automaton, targets }
    }

    /// Finds phrase matches on word boundaries that no exception vetoes, and
    /// records where pattern rules' trigger literals occur.
    pub fn find(
        &self,
        text: &str,
        rules: &[Rule],
        out: &mut Vec<Candidate>,
        triggers: &mut Vec<TriggerHit>,
    ) {
        let Some(ac) = &self.automaton else {
            return;
        };
        let mut last: Option<(usize, usize, u32)> = None;
        for m in ac.find_overlapping_iter(text) {
            let (ri, ei) = self.targets[m.pattern().as_usize()];
            let (start, end) = (m.start(), m.end());
            if ei == TRIGGER {
                triggers.push((ri as usize, start));
                continue;
            }
            // Variants of one entry can match the same span; report it once.
            if last == Some((start, end, ri)) {
                continue;
            }
            if !context::on_word_boundaries(text, start, end) {
                continue;
            }
            let rule = &rules[ri as usize];
            if context::vetoed(text, start, end, &rule.exceptions) {
                continue;
            }
            let Matcher::Phrases(entries) = &rule.matcher else {
                unreachable!("phrase targets point at phrase rules")
            };
            let matched = &text[start..end];
            let suggestions = entries[ei as usize]
                .originals
                .iter()
                .map(|o| {
                    if rule.preserve_case {
                        case::preserve(matched, o)
                    } else {
                        o.clone()
                    }
                })
                .collect();
            last = Some((start, end, ri));
            out.push(Candidate {
                rule: ri as usize,
                start,
                end,
                suggestions,
                confidence: None,
            });
        }
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
