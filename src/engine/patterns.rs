//! Regex rules. A pattern with trigger literals runs only around the places
//! where the shared automaton saw one of them; the others run over the whole text.

use super::context;
use super::phrases::TriggerHit;
use super::Candidate;
use crate::case;
use regex_automata::meta::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input};

use crate::document::floor_char_boundary;
use crate::rules::{Matcher, Rule};

/// Longest window around a trigger searched with the small regex form.
const SMALL_WINDOW: usize = 256;

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

    /// Runs pattern rules: around each trigger hit, and over the whole text for the rest.
    pub fn find(
        &self,
        text: &str,
        rules: &[Rule],
        hits: &mut [TriggerHit],
        out: &mut Vec<Candidate>,
    ) {
        hits.sort_unstable();
        let mut previous = None;
        let mut caps: Option<(usize, Captures)> = None;
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
            // Short windows are searched by a bounded backtracker, which compiles
            // faster; long ones (unbounded repetitions) by the lazy DFA.
            let small = triggers.lookbehind + triggers.max_len <= SMALL_WINDOW;
            let regex = if small {
                regex.get_small()
            } else {
                regex.get()
            };
            let Some(regex) = regex else {
                continue;
            };
            let caps = match &mut caps {
                Some((r, c)) if *r == ri => c,
                slot => &mut slot.insert((ri, regex.create_captures())).1,
            };
            // A match contains the literal at `at`, so it starts at most `lookbehind`
            // bytes before it and ends at most `max_len` bytes after that. The search
            // is limited to that span; look-arounds still see the text around it.
            let end = (at + triggers.max_len).min(text.len());
            let mut from = floor_char_boundary(text, at.saturating_sub(triggers.lookbehind));
            while from <= at {
                let mut input = Input::new(text).span(from..end);
                if triggers.lookbehind == 0 {
                    input = input.anchored(Anchored::Yes);
                }
                regex.search_captures(&input, caps);
                let Some(m) = caps.get_match() else {
                    break;
                };
                if m.start() > at {
                    break;
                }
                push(text, rule, ri, caps, out);
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

/// The char boundary after `at` (or past the end of `text`).
fn next_char(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len() + 1, |c| at + c.len_utf8())
}

fn pattern_regex(rule: &Rule) -> Option<&Regex> {
    match &rule.matcher {
        Matcher::Pattern { regex, .. } => regex.get(),
        _ => None,
    }
}

fn push(text: &str, rule: &Rule, ri: usize, caps: &Captures, out: &mut Vec<Candidate>) {
    let Matcher::Pattern { replacements, .. } = &rule.matcher else {
        return;
    };
    let Some(m) = caps.get_match() else {
        return;
    };
    if m.is_empty() || context::vetoed(text, m.start(), m.end(), &rule.exceptions) {
        return;
    }
    let matched = &text[m.start()..m.end()];
    let suggestions = replacements
        .iter()
        .map(|template| {
            let mut expanded = String::new();
            caps.interpolate_string_into(text, template, &mut expanded);
            if rule.preserve_case {
                case::preserve(matched, &expanded)
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
