//! The evaluation as tables: aligned plain text for the terminal, Markdown for the README.

use std::io::{self, Write};

use super::stats::Metrics;
use super::table::Table;
use super::Evaluation;

/// Rules listed per negative set.
const TOP_RULES: usize = 3;

/// A fraction as a percentage with one decimal, or `–` when undefined.
pub fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{:.1}%", v * 100.0))
}

/// The tables of an evaluation, in reading order.
pub fn tables(eval: &Evaluation) -> Vec<Table> {
    let mut tables = Vec::new();
    let annotated: Vec<Metrics> = eval
        .sets
        .iter()
        .filter(|s| !s.negative)
        .map(|s| s.metrics())
        .collect();
    if let Some(overall) = eval.overall.as_ref().map(|s| s.metrics()) {
        let mut t = Table::new(
            "Annotated sets",
            vec![
                "set",
                "docs",
                "words",
                "gold",
                "findings",
                "TP",
                "precision",
                "recall",
                "easy recall",
                "F1",
                "sugg. acc.",
                "restored",
                "pivot",
            ],
        );
        for m in annotated.iter().chain([&overall]) {
            let c = &m.counts;
            t.rows.push(vec![
                m.set.clone(),
                c.documents.to_string(),
                c.words.to_string(),
                c.gold.to_string(),
                c.findings.to_string(),
                c.true_positives.to_string(),
                pct(m.precision),
                pct(m.recall),
                pct(m.recall_easy),
                pct(m.f1),
                pct(m.suggestion_accuracy),
                pct(m.restore_rate),
                pct(m.pivot_accuracy),
            ]);
        }
        t.total_row = Some(annotated.len());
        tables.push(t);
    }
    if let Some(negative) = eval.negative.as_ref().map(|s| s.metrics()) {
        let sets: Vec<Metrics> = eval
            .sets
            .iter()
            .filter(|s| s.negative)
            .map(|s| s.metrics())
            .collect();
        let mut t = Table::new(
            "Negative sets (clean human text: every finding is a false positive)",
            vec![
                "set",
                "docs",
                "words",
                "findings",
                "per 1k words",
                "top rules",
            ],
        )
        .text_column(5);
        for m in sets.iter().chain([&negative]) {
            let top: Vec<String> = m
                .rules
                .iter()
                .take(TOP_RULES)
                .map(|r| format!("{} ×{}", r.rule, r.findings))
                .collect();
            t.rows.push(vec![
                m.set.clone(),
                m.counts.documents.to_string(),
                m.counts.words.to_string(),
                m.counts.findings.to_string(),
                m.findings_per_kword
                    .map_or_else(|| "–".into(), |v| format!("{v:.2}")),
                if top.is_empty() {
                    "–".to_string()
                } else {
                    top.join(", ")
                },
            ]);
        }
        t.total_row = Some(sets.len());
        tables.push(t);
    }
    if let Some(overall) = eval.overall.as_ref().map(|s| s.metrics()) {
        let mut t = Table::new(
            "By category (annotated sets; recall by gold category, precision by finding category)",
            vec![
                "category",
                "gold",
                "caught",
                "recall",
                "sugg. acc.",
                "findings",
                "correct",
                "precision",
            ],
        );
        for c in &overall.categories {
            t.rows.push(vec![
                c.category.clone(),
                c.gold.to_string(),
                c.caught.to_string(),
                pct(c.recall),
                pct(c.suggestion_accuracy),
                c.findings.to_string(),
                c.correct.to_string(),
                pct(c.precision),
            ]);
        }
        tables.push(t);
        let mut t = Table::new(
            "By pack (annotated sets; recall = share of all gold spans the pack caught)",
            vec!["pack", "findings", "TP", "precision", "recall"],
        );
        for p in &overall.packs {
            t.rows.push(vec![
                p.pack.clone(),
                p.findings.to_string(),
                p.true_positives.to_string(),
                pct(p.precision),
                pct(p.recall),
            ]);
        }
        if !t.rows.is_empty() {
            tables.push(t);
        }
    }
    tables
}

/// Writes the plain-text report.
pub fn write_text(out: &mut dyn Write, eval: &Evaluation) -> io::Result<()> {
    let docs: usize = eval.sets.iter().map(|s| s.counts.documents).sum();
    let words: usize = eval.sets.iter().map(|s| s.counts.words).sum();
    writeln!(
        out,
        "mtlint eval: {docs} document{} in {} set{}, {words} words\n",
        plural(docs),
        eval.sets.len(),
        plural(eval.sets.len())
    )?;
    for (i, t) in tables(eval).iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        t.write_text(out)?;
    }
    Ok(())
}

/// Writes the Markdown report (the README's detection-quality section).
pub fn write_markdown(out: &mut dyn Write, eval: &Evaluation) -> io::Result<()> {
    for t in tables(eval) {
        t.write_markdown(out)?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "A finding is a true positive (TP) when it overlaps an annotated artefact \
         (one finding per artefact). Precision = TP / findings; recall = TP / gold \
         artefacts, also on the `easy` tier alone; sugg. acc. = share of TPs whose \
         top suggestion restores the original wording (ignoring case and spacing); \
         restored = share of gold artefacts whose exact original is among the suggestions; \
         pivot = share of documents with an annotated pivot whose inferred pivot is that one."
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
