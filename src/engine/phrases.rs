//! Phrase rules: every phrase of every enabled rule — and the trigger literals of
//! every pattern rule — found in one pass of the phrase automaton.

use super::context;
use super::Candidate;
use crate::case;
use crate::rules::phrase_automaton::{PhraseAutomaton, TRIGGER};
use crate::rules::{Matcher, Rule, RuleSet};

/// Compiled phrase matcher over many rules.
pub struct PhraseMatcher {
    /// The precompiled automaton of the built-in rules, if the rule set starts
    /// with them.
    builtin: Option<&'static PhraseAutomaton>,
    /// An automaton built at start-up for the other rules.
    built: Option<PhraseAutomaton>,
    enabled: Vec<bool>,
}

/// Where a pattern rule's trigger literal occurs: (rule index, byte offset).
pub type TriggerHit = (usize, usize);

/// Trigger hits collected before they are handed on, so that memory stays
/// bounded on huge texts (a megabyte of prose has some 30,000).
pub const TRIGGER_BATCH: usize = 1 << 16;

impl PhraseMatcher {
    /// The phrase automata of `rules`: the precompiled one for the leading
    /// built-in rules, and one built now for the rest; only `enabled` rules report.
    pub fn new(rules: &RuleSet, enabled: &[bool]) -> Self {
        let uses_automaton = |ri: usize| {
            enabled[ri]
                && matches!(
                    rules.rules[ri].matcher,
                    Matcher::Phrases(_)
                        | Matcher::Pattern {
                            triggers: Some(_),
                            ..
                        }
                )
        };
        // Scanning the built-in automaton is wasted when none of its rules is enabled.
        let needed = (0..rules.precompiled_rules).any(uses_automaton);
        let builtin = needed.then(RuleSet::builtin_phrases).flatten();
        let first = if builtin.is_some() || !needed {
            rules.precompiled_rules
        } else {
            0
        };
        // Building only fails past the automaton's size limit; rules are then unmatched.
        let built = PhraseAutomaton::build(&rules.rules, first..rules.rules.len())
            .ok()
            .flatten();
        PhraseMatcher {
            builtin,
            built,
            enabled: enabled.to_vec(),
        }
    }

    /// Finds phrase matches on word boundaries that no exception vetoes, and
    /// hands where pattern rules' trigger literals occur to `on_triggers`, in
    /// batches of at most [`TRIGGER_BATCH`].
    pub fn find(
        &self,
        text: &str,
        rules: &[Rule],
        out: &mut Vec<Candidate>,
        on_triggers: &mut dyn FnMut(&mut Vec<TriggerHit>, &mut Vec<Candidate>),
    ) {
        let mut triggers = Vec::new();
        for automaton in self.builtin.into_iter().chain(self.built.as_ref()) {
            self.find_in(automaton, text, rules, out, &mut triggers, on_triggers);
        }
        if !triggers.is_empty() {
            on_triggers(&mut triggers, out);
        }
    }

    fn find_in(
        &self,
        automaton: &PhraseAutomaton,
        text: &str,
        rules: &[Rule],
        out: &mut Vec<Candidate>,
        triggers: &mut Vec<TriggerHit>,
        on_triggers: &mut dyn FnMut(&mut Vec<TriggerHit>, &mut Vec<Candidate>),
    ) {
        let mut last: Option<(usize, usize, u32)> = None;
        // Rules of several packs often match one span with the same exceptions.
        let mut veto = context::VetoMemo::default();
        automaton.find(text, |hit| {
            let (start, end) = (hit.start, hit.end);
            let mut bounded = None;
            for (ri, ei) in hit.targets {
                if !self.enabled[ri as usize] {
                    continue;
                }
                if ei == TRIGGER {
                    if let Matcher::Pattern {
                        triggers: Some(t), ..
                    } = &rules[ri as usize].matcher
                    {
                        if !t.may_end_at(text.as_bytes(), end) {
                            continue;
                        }
                    }
                    triggers.push((ri as usize, start));
                    if triggers.len() >= TRIGGER_BATCH {
                        on_triggers(triggers, out);
                        triggers.clear();
                    }
                    continue;
                }
                // Variants of one entry can match the same span; report it once.
                if last == Some((start, end, ri)) {
                    continue;
                }
                if !*bounded.get_or_insert_with(|| context::on_word_boundaries(text, start, end)) {
                    continue;
                }
                let rule = &rules[ri as usize];
                if veto.vetoed(text, start, end, &rule.exceptions) {
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
        });
    }
}
