//! Matching findings to gold spans by byte overlap, one finding to at most one span.
//!
//! The matching has maximum size (as many true positives as the overlaps allow),
//! found with augmenting paths (Kuhn's algorithm) over findings in document
//! order, each trying first the gold span it overlaps most (ties: the earlier
//! span). The result depends only on the spans, so runs are reproducible.

/// Which finding matched which gold span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching {
    /// For each finding, the index of its gold span.
    pub gold_of: Vec<Option<usize>>,
    /// For each gold span, the index of its finding.
    pub finding_of: Vec<Option<usize>>,
}

impl Matching {
    /// Number of matched pairs (true positives).
    pub fn len(&self) -> usize {
        self.gold_of.iter().flatten().count()
    }

    /// Whether nothing matched.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Bytes shared by two half-open spans.
pub fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// Matches findings to gold spans; `gold` must be sorted and not overlap itself
/// (the corpus loader guarantees both). Empty spans never match.
pub fn match_spans(findings: &[(usize, usize)], gold: &[(usize, usize)]) -> Matching {
    let candidates: Vec<Vec<usize>> = findings
        .iter()
        .map(|&f| {
            let first = gold.partition_point(|g| g.1 <= f.0);
            let mut c: Vec<usize> = (first..gold.len())
                .take_while(|&g| gold[g].0 < f.1)
                .filter(|&g| overlap(f, gold[g]) > 0)
                .collect();
            c.sort_by_key(|&g| (std::cmp::Reverse(overlap(f, gold[g])), g));
            c
        })
        .collect();
    let mut m = Matching {
        gold_of: vec![None; findings.len()],
        finding_of: vec![None; gold.len()],
    };
    let mut seen = vec![usize::MAX; gold.len()];
    for f in 0..findings.len() {
        augment(f, f, &candidates, &mut seen, &mut m);
    }
    m
}

/// Tries to match finding `f`, moving earlier matches along if that frees a span.
/// `round` marks the gold spans visited in this attempt.
fn augment(
    f: usize,
    round: usize,
    candidates: &[Vec<usize>],
    seen: &mut [usize],
    m: &mut Matching,
) -> bool {
    for &g in &candidates[f] {
        if seen[g] == round {
            continue;
        }
        seen[g] = round;
        let free = match m.finding_of[g] {
            None => true,
            Some(other) => augment(other, round, candidates, seen, m),
        };
        if free {
            m.finding_of[g] = Some(f);
            m.gold_of[f] = Some(g);
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_and_partial_overlaps_match() {
        let m = match_spans(&[(0, 3), (10, 14), (30, 31)], &[(0, 3), (12, 20), (40, 45)]);
        assert_eq!(m.gold_of, vec![Some(0), Some(1), None]);
        assert_eq!(m.finding_of, vec![Some(0), Some(1), None]);
        assert_eq!(m.len(), 2);
    }

    #[test]
    fn touching_spans_do_not_overlap() {
        let m = match_spans(&[(0, 5)], &[(5, 9)]);
        assert!(m.is_empty());
    }

    #[test]
    fn a_finding_prefers_the_span_it_overlaps_most() {
        let m = match_spans(&[(9, 20)], &[(0, 10), (10, 20)]);
        assert_eq!(m.gold_of, vec![Some(1)]);
    }

    #[test]
    fn a_wide_finding_matches_one_span_only() {
        let m = match_spans(&[(0, 100)], &[(0, 10), (20, 30), (40, 50)]);
        assert_eq!(m.len(), 1);
        assert_eq!(m.gold_of, vec![Some(0)]);
    }

    #[test]
    fn matching_is_maximum() {
        // Finding 0 overlaps both spans (span 1 more); finding 1 only span 1.
        // Greedy by overlap would leave finding 1 unmatched.
        let m = match_spans(&[(5, 20), (20, 22)], &[(0, 8), (8, 22)]);
        assert_eq!(m.len(), 2);
        assert_eq!(m.gold_of, vec![Some(0), Some(1)]);
    }

    #[test]
    fn two_findings_on_one_span_give_one_match() {
        let m = match_spans(&[(0, 4), (5, 9)], &[(0, 9)]);
        assert_eq!(m.gold_of, vec![Some(0), None]);
    }
}
