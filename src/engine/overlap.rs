//! Deterministic resolution of overlapping findings.

use std::collections::BTreeMap;

use crate::diagnostic::Finding;

/// Keeps non-overlapping findings: longer spans win, then higher confidence,
/// then the earlier start, then the rule id. Returns them sorted by position.
pub fn resolve(mut findings: Vec<Finding>) -> Vec<Finding> {
    if findings.len() < 2 {
        return findings;
    }
    findings.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(b.confidence.total_cmp(&a.confidence))
            .then(a.start.cmp(&b.start))
            .then(a.rule.cmp(&b.rule))
    });
    // Kept spans by start; kept spans never overlap, so only the neighbours matter.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut kept = Vec::with_capacity(findings.len());
    for f in findings {
        let before = taken.range(..f.end).next_back();
        let clash = before.is_some_and(|(&s, &e)| s < f.end && f.start < e);
        if !clash {
            taken.insert(f.start, f.end);
            kept.push(f);
        }
    }
    kept.sort_by(|a, b| a.start.cmp(&b.start).then(a.end.cmp(&b.end)));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Category, Severity};

    fn f(rule: &str, start: usize, end: usize, confidence: f32) -> Finding {
        Finding {
            rule: rule.into(),
            rule_index: 0,
            category: Category::Calque,
            severity: Severity::Warning,
            confidence,
            message: String::new(),
            start,
            end,
            suggestions: vec![],
            pivot: None,
            applicability: Applicability::Safe,
        }
    }

    #[test]
    fn longer_then_more_confident_wins() {
        let out = resolve(vec![
            f("a", 0, 5, 0.9),
            f("b", 2, 12, 0.5),
            f("c", 20, 25, 0.3),
            f("d", 20, 25, 0.8),
        ]);
        let rules: Vec<_> = out.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules, ["b", "d"]);
    }

    #[test]
    fn adjacent_spans_both_kept() {
        let out = resolve(vec![f("a", 0, 5, 0.9), f("b", 5, 9, 0.9)]);
        assert_eq!(out.len(), 2);
    }
}
