//! A rule's explanation: what `mtlint explain` prints and what editors show on hover.

use super::{language_name, Matcher, Rule, RuleExample, RuleSet};

/// The text `mtlint explain` prints for a rule; editors show it on hover.
pub fn explanation(set: &RuleSet, rule: &Rule) -> String {
    let pack = set.pack_of(rule);
    let mut s = format!("{}\n\n", rule.id);
    s += &format!(
        "category: {}  severity: {}  confidence: {:.2}  fix: {}\n",
        rule.category.as_str(),
        rule.severity.as_str(),
        rule.confidence,
        rule.applicability.as_str()
    );
    if let Some(p) = &pack.pivot {
        s += &format!("pivot: {}", language_name(p));
        if let Some(src) = &rule.docs.source {
            s += &format!(" (“{src}”)");
        }
        s += "\n";
    }
    s += &format!("pack: {} — {}\n", pack.name, pack.description);
    if let Some(m) = &rule.message {
        s += &format!("message: {m}\n");
    }
    if let Some(d) = &rule.docs.description {
        s += &format!("\n{}\n", d.trim_end());
    }
    s += "\n";
    match &rule.matcher {
        Matcher::Phrases(entries) => {
            s += "matches:\n";
            for e in entries.iter() {
                if e.originals.iter().all(|o| *o == e.phrase) {
                    s += &format!("  {} (when cased otherwise)\n", e.phrase);
                } else {
                    s += &format!("  {} → {}\n", e.phrase, e.originals.join(" | "));
                }
            }
        }
        Matcher::Pattern {
            regex,
            replacements,
            ..
        } => {
            s += &format!("pattern: {}\n", regex.as_str());
            if !replacements.is_empty() {
                s += &format!("replacement: {}\n", replacements.join(" | "));
            }
        }
        Matcher::Detector { name, .. } => s += &format!("detector: {name}\n"),
    }
    s += "\nexamples:\n";
    for ex in &rule.docs.examples {
        match ex {
            RuleExample::Fires { text, fixed } => {
                s += &format!("  ✗ {text}\n");
                if let Some(f) = fixed {
                    s += &format!("  ✓ {f}\n");
                }
            }
            RuleExample::Clean(text) => s += &format!("  ○ {text} (not flagged)\n"),
        }
    }
    s
}
