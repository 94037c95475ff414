//! Which rules run: `--select` / `--ignore` by rule id, pack name or category.

use crate::rules::{Pack, Rule};

/// Rule selection: a rule runs when it is selected (or nothing is) and not ignored.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Rule ids (`pack/rule` or bare `rule`), pack names or categories to run.
    pub select: Vec<String>,
    /// Rule ids, pack names or categories to skip.
    pub ignore: Vec<String>,
}

impl Selection {
    /// Whether `rule` (in `pack`) runs under this selection.
    pub fn enables(&self, rule: &Rule, pack: &Pack) -> bool {
        let hit = |key: &String| matches(key, rule, pack);
        (self.select.is_empty() || self.select.iter().any(hit)) && !self.ignore.iter().any(hit)
    }

    /// Keys that match no rule, pack or category of `rules` (likely typos).
    pub fn unknown_keys(&self, rules: &crate::rules::RuleSet) -> Vec<String> {
        self.select
            .iter()
            .chain(&self.ignore)
            .filter(|k| {
                !rules
                    .rules
                    .iter()
                    .any(|r| matches(k, r, &rules.packs[r.pack]))
            })
            .cloned()
            .collect()
    }
}

fn matches(key: &str, rule: &Rule, pack: &Pack) -> bool {
    key == rule.id
        || key == pack.name
        || key == rule.category.as_str()
        || rule.id.split_once('/').is_some_and(|(_, bare)| bare == key)
}
