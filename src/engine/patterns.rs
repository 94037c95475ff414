//! Regex rules, prefiltered with one `RegexSet` so only rules that can match run.

use regex::RegexSet;

use super::context;
use super::Candidate;
use crate::case;
use crate::rules::{Matcher, Rule};

/// Compiled pattern matcher over many rules.
pub struct PatternMatcher {
    set: Option<RegexSet>,
    /// For each pattern of the set: the rule index.
    targets: Vec<usize>,
}

impl PatternMatcher {
    /// Builds the prefilter over the enabled pattern rules.
    pub fn new(rules: &[Rule], enabled: &[bool]) -> Self {
        let mut patterns = Vec::new();
        let mut targets = Vec::new();
        for (ri, rule) in rules.iter().enumerate() {
            if let (Matcher::Pattern { regex, .. }, true) = (&rule.matcher, enabled[ri]) {
                patterns.push(regex.as_str().to_string());
                targets.push(ri);
            }
        }
        // Each rule's own regex already carries its flags; the set only prefilters,
        // so it matches case-insensitively (a superset of every rule).
        let set = (!patterns.is_empty()).then(|| {
            regex::RegexSetBuilder::new(&patterns)
                .case_insensitive(true)
                .build()
                .expect("patterns were validated when the packs were loaded")
        });
        PatternMatcher { set, targets }
    }

    /// Finds matches of the rules whose pattern occurs in `text`.
    pub fn find(&self, text: &str, rules: &[Rule], out: &mut Vec<Candidate>) {
        let Some(set) = &self.set else {
            return;
        };
        for i in set.matches(text).iter() {
            let ri = self.targets[i];
            let rule = &rules[ri];
            let Matcher::Pattern {
                regex,
                replacements,
            } = &rule.matcher
            else {
                unreachable!("pattern targets point at pattern rules")
            };
            for caps in regex.captures_iter(text) {
                let m = caps.get(0).expect("group 0 always matches");
                if m.is_empty() || context::vetoed(text, m.start(), m.end(), &rule.exceptions) {
                    continue;
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
        }
    }
}
