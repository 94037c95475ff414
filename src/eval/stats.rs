//! Counting outcomes per document set and turning counts into metrics.

use std::collections::BTreeMap;

use serde::Serialize;

use super::corpus::{AnnotatedDocument, Tier};
use super::DocumentResult;

/// Raw counts for a set of documents; every metric is a ratio of two of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Documents.
    pub documents: usize,
    /// Words in them.
    pub words: usize,
    /// Gold spans (annotated artefacts).
    pub gold: usize,
    /// Gold spans of `tier: easy`.
    pub gold_easy: usize,
    /// Findings reported.
    pub findings: usize,
    /// Findings matched to a gold span.
    pub true_positives: usize,
    /// True positives on easy gold spans.
    pub true_positives_easy: usize,
    /// True positives whose top suggestion restores the original (case- and
    /// whitespace-insensitively).
    pub suggestion_correct: usize,
    /// Gold spans whose original is exactly proposed by some suggestion.
    pub restored: usize,
    /// Documents whose annotation names their pivot language.
    pub pivot_known: usize,
    /// Of those, documents whose inferred pivot is the annotated one.
    pub pivot_correct: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.documents += o.documents;
        self.words += o.words;
        self.gold += o.gold;
        self.gold_easy += o.gold_easy;
        self.findings += o.findings;
        self.true_positives += o.true_positives;
        self.true_positives_easy += o.true_positives_easy;
        self.suggestion_correct += o.suggestion_correct;
        self.restored += o.restored;
        self.pivot_known += o.pivot_known;
        self.pivot_correct += o.pivot_correct;
    }
}

/// Counts for one category (gold categories and finding categories share names).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CategoryCounts {
    /// Gold spans of this category.
    pub gold: usize,
    /// Of those, how many a finding matched.
    pub caught: usize,
    /// Of those, how many the finding's top suggestion restores.
    pub suggestion_correct: usize,
    /// Findings of this category.
    pub findings: usize,
    /// Of those, how many matched a gold span.
    pub correct: usize,
}

/// Findings and true positives of one pack or rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HitCounts {
    /// Findings.
    pub findings: usize,
    /// Findings matched to a gold span.
    pub true_positives: usize,
}

/// Everything counted for a group of documents (a set, or all sets together).
#[derive(Debug, Clone, Default)]
pub struct SetStats {
    /// Set name (`overall` / `negative` for aggregates).
    pub name: String,
    /// Clean-text set: every finding is a false positive.
    pub negative: bool,
    /// Totals.
    pub counts: Counts,
    /// By category name.
    pub categories: BTreeMap<String, CategoryCounts>,
    /// By pack name.
    pub packs: BTreeMap<String, HitCounts>,
    /// By rule id (`pack/rule`).
    pub rules: BTreeMap<String, HitCounts>,
}

impl SetStats {
    /// Empty stats for a named group.
    pub fn new(name: impl Into<String>, negative: bool) -> Self {
        SetStats {
            name: name.into(),
            negative,
            ..SetStats::default()
        }
    }

    /// Counts one evaluated document.
    pub fn add_document(&mut self, doc: &AnnotatedDocument, result: &DocumentResult) {
        let c = &mut self.counts;
        c.documents += 1;
        c.words += result.words;
        c.findings += result.findings.len();
        if let Some(annotated) = &doc.pivot {
            c.pivot_known += 1;
            c.pivot_correct += usize::from(
                result
                    .pivot
                    .as_ref()
                    .is_some_and(|g| g.language == *annotated),
            );
        }
        for (gold, outcome) in doc.gold.iter().zip(&result.gold) {
            let easy = gold.tier == Tier::Easy;
            c.gold += 1;
            c.gold_easy += usize::from(easy);
            let cat = self.categories.entry(gold.category.clone()).or_default();
            cat.gold += 1;
            if outcome.finding.is_some() {
                c.true_positives += 1;
                c.true_positives_easy += usize::from(easy);
                cat.caught += 1;
            }
            cat.suggestion_correct += usize::from(outcome.top_correct);
            c.suggestion_correct += usize::from(outcome.top_correct);
            c.restored += usize::from(outcome.restored);
        }
        for (f, gold) in result.findings.iter().zip(&result.matching.gold_of) {
            let hit = usize::from(gold.is_some());
            let cat = self
                .categories
                .entry(f.category.as_str().to_string())
                .or_default();
            cat.findings += 1;
            cat.correct += hit;
            let pack = f.rule.split_once('/').map_or(f.rule.as_str(), |(p, _)| p);
            for entry in [
                self.packs.entry(pack.to_string()).or_default(),
                self.rules.entry(f.rule.clone()).or_default(),
            ] {
                entry.findings += 1;
                entry.true_positives += hit;
            }
        }
    }

    /// The sets among `sets` that are `negative` (or not) pooled under `name`;
    /// `None` if there are none.
    pub fn pool<'a>(
        name: &str,
        negative: bool,
        sets: impl IntoIterator<Item = &'a SetStats>,
    ) -> Option<SetStats> {
        let mut all = SetStats::new(name, negative);
        let mut any = false;
        for s in sets.into_iter().filter(|s| s.negative == negative) {
            all.merge(s);
            any = true;
        }
        any.then_some(all)
    }

    /// Adds another group's counts into this one.
    pub fn merge(&mut self, other: &SetStats) {
        self.counts.add(&other.counts);
        for (k, v) in &other.categories {
            let e = self.categories.entry(k.clone()).or_default();
            e.gold += v.gold;
            e.caught += v.caught;
            e.suggestion_correct += v.suggestion_correct;
            e.findings += v.findings;
            e.correct += v.correct;
        }
        for (mine, theirs) in [
            (&mut self.packs, &other.packs),
            (&mut self.rules, &other.rules),
        ] {
            for (k, v) in theirs {
                let e = mine.entry(k.clone()).or_default();
                e.findings += v.findings;
                e.true_positives += v.true_positives;
            }
        }
    }

    /// The metrics of this group.
    pub fn metrics(&self) -> Metrics {
        let c = &self.counts;
        let precision = ratio(c.true_positives, c.findings);
        let recall = ratio(c.true_positives, c.gold);
        // 2·TP / (findings + gold): the harmonic mean of precision and recall,
        // and 0 (not undefined) when nothing was found.
        let f1 = ratio(2 * c.true_positives, c.findings + c.gold);
        let mut rules: Vec<RuleMetrics> = self
            .rules
            .iter()
            .map(|(rule, h)| RuleMetrics {
                rule: rule.clone(),
                findings: h.findings,
                true_positives: h.true_positives,
                precision: ratio(h.true_positives, h.findings),
            })
            .collect();
        rules.sort_by(|a, b| b.findings.cmp(&a.findings).then(a.rule.cmp(&b.rule)));
        Metrics {
            set: self.name.clone(),
            negative: self.negative,
            counts: c.clone(),
            precision,
            recall,
            recall_easy: ratio(c.true_positives_easy, c.gold_easy),
            f1,
            suggestion_accuracy: ratio(c.suggestion_correct, c.true_positives),
            restore_rate: ratio(c.restored, c.gold),
            pivot_accuracy: ratio(c.pivot_correct, c.pivot_known),
            findings_per_kword: (c.words > 0)
                .then(|| round(c.findings as f64 * 1000.0 / c.words as f64)),
            categories: self
                .categories
                .iter()
                .map(|(category, k)| CategoryMetrics {
                    category: category.clone(),
                    gold: k.gold,
                    caught: k.caught,
                    recall: ratio(k.caught, k.gold),
                    suggestion_accuracy: ratio(k.suggestion_correct, k.caught),
                    findings: k.findings,
                    correct: k.correct,
                    precision: ratio(k.correct, k.findings),
                })
                .collect(),
            packs: self
                .packs
                .iter()
                .map(|(pack, h)| PackMetrics {
                    pack: pack.clone(),
                    findings: h.findings,
                    true_positives: h.true_positives,
                    precision: ratio(h.true_positives, h.findings),
                    recall: ratio(h.true_positives, c.gold),
                })
                .collect(),
            rules,
        }
    }
}

/// `num / den` rounded to four decimals, or `None` when `den` is zero.
pub fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| round(num as f64 / den as f64))
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Metrics of a document set: what the reports show and the JSON carries.
///
/// Ratios are fractions (0–1) rounded to four decimals, `null` when undefined
/// (no findings for precision, no gold spans for recall).
#[derive(Debug, Clone, Serialize)]
pub struct Metrics {
    /// Set name, or `overall` / `negative` for the aggregates.
    pub set: String,
    /// Clean-text set.
    pub negative: bool,
    /// The raw counts.
    #[serde(flatten)]
    pub counts: Counts,
    /// True positives / findings.
    pub precision: Option<f64>,
    /// True positives / gold spans.
    pub recall: Option<f64>,
    /// Recall on `tier: easy` gold spans.
    pub recall_easy: Option<f64>,
    /// Harmonic mean of precision and recall.
    pub f1: Option<f64>,
    /// Share of true positives whose top suggestion restores the original.
    pub suggestion_accuracy: Option<f64>,
    /// Share of gold spans whose original is exactly among the suggestions.
    pub restore_rate: Option<f64>,
    /// Share of documents with an annotated pivot whose inferred pivot matches it.
    pub pivot_accuracy: Option<f64>,
    /// Findings per 1,000 words (the false-positive rate of a negative set).
    pub findings_per_kword: Option<f64>,
    /// Recall by gold category and precision by finding category.
    pub categories: Vec<CategoryMetrics>,
    /// Precision and recall by pack.
    pub packs: Vec<PackMetrics>,
    /// Findings by rule, most frequent first.
    pub rules: Vec<RuleMetrics>,
}

/// Recall and precision of one category.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryMetrics {
    /// Category name.
    pub category: String,
    /// Gold spans of this category.
    pub gold: usize,
    /// Gold spans of this category that a finding matched.
    pub caught: usize,
    /// caught / gold.
    pub recall: Option<f64>,
    /// Share of the caught spans whose top suggestion restores the original.
    pub suggestion_accuracy: Option<f64>,
    /// Findings of this category.
    pub findings: usize,
    /// Findings of this category that matched a gold span.
    pub correct: usize,
    /// correct / findings.
    pub precision: Option<f64>,
}

/// Precision and recall of one pack.
#[derive(Debug, Clone, Serialize)]
pub struct PackMetrics {
    /// Pack name.
    pub pack: String,
    /// Findings of the pack's rules.
    pub findings: usize,
    /// Of those, matched to a gold span.
    pub true_positives: usize,
    /// true_positives / findings.
    pub precision: Option<f64>,
    /// true_positives / all gold spans of the group (the pack's share of recall).
    pub recall: Option<f64>,
}

/// Findings of one rule.
#[derive(Debug, Clone, Serialize)]
pub struct RuleMetrics {
    /// Rule id, `pack/rule`.
    pub rule: String,
    /// Findings.
    pub findings: usize,
    /// Of those, matched to a gold span.
    pub true_positives: usize,
    /// true_positives / findings.
    pub precision: Option<f64>,
}
