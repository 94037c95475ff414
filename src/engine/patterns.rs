//! Regex rules. A pattern with trigger literals runs only around the places
//! where the shared automaton saw one of them; the others run over the whole text.

use super::context;
use super::phrases::TriggerHit;
use super::Candidate;
use crate::case;
use crate::document::floor_char_boundary;
use crate::rules::{Matcher, Rule, WINDOW};

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
            let rule = &rules[ri];
            let Matcher::Pattern {
                regex,
                triggers: Some(triggers),
                ..
            } = &rule.matcher
            else {
                continue;
            };
            let Some(regex) = regex.get() else {
                continue;
            };
            // A match contains the literal at `at`, so it starts at most
            // `lookbehind` bytes before it. The whole text before the window stays
            // visible, so `\b` and look-arounds see context.
            let end = floor_char_boundary(text, (at + WINDOW).min(text.len()));
            let mut from = floor_char_boundary(text, at.saturating_sub(triggers.lookbehind));
            while from <= at {
                let Some(caps) = regex.captures_at(&text[..end], from) else {
                    break;
                };
                let m = caps.get(0).expect("group 0 always matches");
                if m.start() > at {
                    break;
                }
                push(text, rule, ri, &caps, out);
                from = if m.end() > m.start() {
                    m.end()
                } else {
                    next_char(text, m.end())
                };
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

/// The char boundary after `at` (or the end of `text`).
fn next_char(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len() + 1, |c| at + c.len_utf8())
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
