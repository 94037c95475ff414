//! Regex rules. A pattern with literal prefixes runs only where the shared
//! automaton saw one of them; the others run over the whole text.

use super::context;
use super::phrases::TriggerHit;
use super::Candidate;
use crate::case;
use crate::rules::{Matcher, Rule};

/// Longest stretch after a trigger that a pattern match may cover.
const WINDOW: usize = 1024;

/// Pattern rules that have no usable trigger literals.
pub struct PatternMatcher {
    untriggered: Vec<usize>,
}

impl PatternMatcher {
    /// Collects the enabled pattern rules that must scan the whole text.
    pub fn new(rules: &[Rule], enabled: &[bool]) -> Self {
        let untriggered = rules
            .iter()
            .enumerate()
            .filter(|(ri, r)| {
                enabled[*ri] && matches!(r.matcher, Matcher::Pattern { triggers: None, .. })
            })
            .map(|(ri, _)| ri)
            .collect();
        PatternMatcher { untriggered }
    }

    /// Runs pattern rules: at each trigger hit, and over the whole text for the rest.
    pub fn find(
        &self,
        text: &str,
        rules: &[Rule],
        hits: &mut [TriggerHit],
        out: &mut Vec<Candidate>,
    ) {
        hits.sort_unstable();
        let mut previous = None;
        for &(ri, at) in hits.iter() {
            if previous == Some((ri, at)) {
                continue;
            }
            previous = Some((ri, at));
            let end = crate::document::floor_char_boundary(text, (at + WINDOW).min(text.len()));
            let Some(regex) = pattern_regex(&rules[ri]) else {
                continue;
            };
            // The whole text before `at` stays visible, so `\b` and look-arounds see context.
            if let Some(caps) = regex.captures_at(&text[..end], at) {
                if caps.get(0).is_some_and(|m| m.start() == at) {
                    push(text, &rules[ri], ri, &caps, out);
                }
            }
        }
        for &ri in &self.untriggered {
            let Some(regex) = pattern_regex(&rules[ri]) else {
                continue;
            };
            for caps in regex.captures_iter(text) {
                push(text, &rules[ri], ri, &caps, out);
            }
        }
    }
}

fn pattern_regex(rule: &Rule) -> Option<&regex::Regex> {
    match &rule.matcher {
        Matcher::Pattern { regex, .. } => regex.get(),
        _ => None,
    }
}

fn push(text: &str, rule: &Rule, ri: usize, caps: &regex::Captures, out: &mut Vec<Candidate>) {
    let Matcher::Pattern { replacements, .. } = &rule.matcher else {
        return;
    };
    let m = caps.get(0).expect("group 0 always matches");
    if m.is_empty() || context::vetoed(text, m.start(), m.end(), &rule.exceptions) {
        return;
    }
    let suggestions = replacements
        .iter()
        .map(|template| {
            let mut expanded = String::new();
            caps.expand(template, &mut expanded);
            if rule.preserve_case {
                case::preserve(m.as_str(), &expanded)
            } else {
                expanded
            }
        })
        .collect();
    out.push(Candidate {
        rule: ri,
        start: m.start(),
        end: m.end(),
        suggestions,
        confidence: None,
    });
}
