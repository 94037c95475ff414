//! `mtlint eval` metrics on tiny hand-made corpora with a tiny rule pack.

use std::fs;
use std::path::PathBuf;

use mtlint::engine::{LintOptions, Linter};
use mtlint::eval::{load_corpus, show, Corpus, Evaluation, PivotSource, Thresholds};
use mtlint::rules::{load_rule_set, PackSource};
use tempfile::TempDir;

const PACK: &str = r#"
pack:
  name: test
  description: Rules for evaluator tests.
  language: en
rules:
  - id: reflection-group
    category: calque
    phrases:
      reflection group: think tank
  - id: cnn
    category: casing
    preserve_case: false
    phrases:
      - CNN
  - id: team
    category: false-friend
    phrases:
      team: [crew, squad]
"#;

fn linter() -> Linter {
    let set = load_rule_set(&[PackSource {
        file: "test.yaml".into(),
        text: PACK.into(),
    }])
    .expect("test pack loads");
    Linter::new(set, LintOptions::default()).expect("linter builds")
}

/// Writes `(name, text)` files into a temporary corpus directory and loads it.
fn corpus(files: &[(&str, &str)]) -> (TempDir, Corpus) {
    let dir = TempDir::new().unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let corpus = load_corpus(&[PathBuf::from(dir.path())]).expect("corpus loads");
    (dir, corpus)
}

const TEXT: &str =
    "A reflection group met the Cnn team in paris.\nAnother reflection group came.\n";

const GOLD: &str = r#"
document: doc.txt
set: tiny
provenance: written for this test
language: en
artefacts:
  - text: "A reflection group"
    category: calque
    original: "A think tank"
  - text: "Cnn"
    category: casing
    original: "CNN"
  - text: "in paris"
    category: casing
    original: "in Paris"
    tier: hard
  - text: "reflection group"
    occurrence: 2
    category: calque
    original: "think-tank"
"#;

fn evaluate(files: &[(&str, &str)]) -> (Corpus, Vec<mtlint::eval::DocumentResult>, Evaluation) {
    let (_dir, corpus) = corpus(files);
    let (eval, results) = Evaluation::run(&linter(), &corpus, PivotSource::Inferred, |_| {});
    (corpus, results, eval)
}

#[test]
fn counts_and_ratios() {
    let (_, _, eval) = evaluate(&[("doc.txt", TEXT), ("doc.yaml", GOLD)]);
    assert_eq!(eval.sets.len(), 1);
    assert!(eval.negative.is_none());
    let m = eval.overall.as_ref().unwrap().metrics();
    let c = &m.counts;
    assert_eq!((c.documents, c.words), (1, 13));
    assert_eq!((c.gold, c.gold_easy), (4, 3));
    // Findings: two reflection groups, Cnn and team (a false positive).
    assert_eq!(
        (c.findings, c.true_positives, c.true_positives_easy),
        (4, 3, 3)
    );
    assert_eq!(m.precision, Some(0.75));
    assert_eq!(m.recall, Some(0.75));
    assert_eq!(m.recall_easy, Some(1.0));
    assert_eq!(m.f1, Some(0.75));
    // "A reflection group" → "A think tank" (compared over the union of the
    // finding and the gold span) and Cnn → CNN are right; "think-tank" is not.
    assert_eq!(c.suggestion_correct, 2);
    assert_eq!(m.suggestion_accuracy, Some(0.6667));
    assert_eq!(c.restored, 2);
    assert_eq!(m.restore_rate, Some(0.5));
}

#[test]
fn category_pack_and_rule_breakdowns() {
    let (_, _, eval) = evaluate(&[("doc.txt", TEXT), ("doc.yaml", GOLD)]);
    let m = eval.overall.as_ref().unwrap().metrics();
    let cat = |name: &str| m.categories.iter().find(|c| c.category == name).unwrap();
    let calque = cat("calque");
    assert_eq!(
        (calque.gold, calque.caught, calque.findings, calque.correct),
        (2, 2, 2, 2)
    );
    let casing = cat("casing");
    assert_eq!(
        (casing.gold, casing.caught, casing.findings, casing.correct),
        (2, 1, 1, 1)
    );
    assert_eq!(casing.recall, Some(0.5));
    let ff = cat("false-friend");
    assert_eq!((ff.gold, ff.findings, ff.correct), (0, 1, 0));
    assert_eq!(ff.recall, None);
    assert_eq!(ff.precision, Some(0.0));

    assert_eq!(m.packs.len(), 1);
    assert_eq!(m.packs[0].pack, "test");
    assert_eq!((m.packs[0].findings, m.packs[0].true_positives), (4, 3));
    assert_eq!(m.packs[0].recall, Some(0.75));

    // Most findings first, then by id.
    let rules: Vec<(&str, usize)> = m
        .rules
        .iter()
        .map(|r| (r.rule.as_str(), r.findings))
        .collect();
    assert_eq!(
        rules,
        [
            ("test/reflection-group", 2),
            ("test/cnn", 1),
            ("test/team", 1)
        ]
    );
}

#[test]
fn suggestion_accuracy_ignores_case_and_spacing_but_restore_rate_does_not() {
    let gold = r#"
document: doc.txt
set: tiny
provenance: test
language: en
artefacts:
  - text: "Cnn"
    category: casing
    original: "cnn"
  - text: "reflection group"
    category: calque
    original: "think   tank"
"#;
    let (_, _, eval) = evaluate(&[("doc.txt", TEXT), ("doc.yaml", gold)]);
    let c = eval.overall.unwrap().counts;
    assert_eq!(c.true_positives, 2);
    assert_eq!(c.suggestion_correct, 2);
    assert_eq!(c.restored, 0);
}

#[test]
fn any_suggestion_counts_for_the_restore_rate() {
    let text = "The team left.\n";
    let gold = r#"
document: doc.txt
set: tiny
provenance: test
language: en
artefacts:
  - text: "team"
    category: false-friend
    original: "squad"
"#;
    let (_, _, eval) = evaluate(&[("doc.txt", text), ("doc.yaml", gold)]);
    let c = eval.overall.unwrap().counts;
    assert_eq!(
        (c.true_positives, c.suggestion_correct, c.restored),
        (1, 0, 1)
    );
}

#[test]
fn negative_sets_are_reported_apart() {
    let clean = "The team met on Monday and the team left on Tuesday.\n";
    let negative =
        "document: clean.txt\nset: clean\nprovenance: test\nlanguage: en\nnegative: true\n";
    let (_, _, eval) = evaluate(&[
        ("doc.txt", TEXT),
        ("doc.yaml", GOLD),
        ("clean.txt", clean),
        ("clean.yaml", negative),
    ]);
    assert_eq!(eval.sets.len(), 2);
    let overall = eval.overall.as_ref().unwrap().metrics();
    assert_eq!(overall.counts.documents, 1);
    assert_eq!(overall.counts.findings, 4);
    let neg = eval.negative.as_ref().unwrap().metrics();
    assert!(neg.negative);
    assert_eq!(
        (neg.counts.documents, neg.counts.words, neg.counts.findings),
        (1, 11, 2)
    );
    assert_eq!(neg.findings_per_kword, Some(181.8182));
    assert_eq!(neg.rules[0].rule, "test/team");
    assert_eq!(neg.rules[0].findings, 2);
}

#[test]
fn sets_are_counted_separately_and_together() {
    let second = GOLD
        .replace("set: tiny", "set: another")
        .replace("doc.txt", "two.txt");
    let (_, _, eval) = evaluate(&[
        ("doc.txt", TEXT),
        ("doc.yaml", GOLD),
        ("two.txt", TEXT),
        ("two.yaml", &second),
    ]);
    let names: Vec<&str> = eval.sets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["another", "tiny"]);
    let overall = eval.overall.unwrap();
    assert_eq!(overall.counts.documents, 2);
    assert_eq!(overall.counts.gold, 8);
    assert_eq!(overall.counts.true_positives, 6);
    assert_eq!(overall.metrics().precision, Some(0.75));
}

#[test]
fn misses_and_false_positives_have_context() {
    let (corpus, results, _) = evaluate(&[("doc.txt", TEXT), ("doc.yaml", GOLD)]);
    let misses = show::misses(&corpus, &results);
    assert_eq!(misses.len(), 1);
    assert_eq!(misses[0].text, "in paris");
    assert_eq!((misses[0].line, misses[0].column), (1, 37));
    assert_eq!(misses[0].context, "…group met the Cnn team [in paris].");
    let fps = show::false_positives(&corpus, &results);
    assert_eq!(fps.len(), 1);
    assert_eq!(fps[0].rule, "test/team");
    assert_eq!(fps[0].suggestion.as_deref(), Some("crew"));
    assert_eq!(
        fps[0].context,
        "…reflection group met the Cnn [team] in paris."
    );
}

#[test]
fn thresholds_pass_and_fail() {
    let (_, _, eval) = evaluate(&[("doc.txt", TEXT), ("doc.yaml", GOLD)]);
    let pass = Thresholds {
        min_precision: Some(0.75),
        min_recall: Some(0.5),
        min_suggestion_accuracy: Some(0.0),
        ..Thresholds::default()
    };
    assert!(pass.check(&eval).is_empty());
    let fail = Thresholds {
        min_precision: Some(0.8),
        ..pass.clone()
    };
    let failures = fail.check(&eval);
    assert_eq!(failures.len(), 1);
    assert!(failures[0].contains("precision 75.0%"), "{failures:?}");
    // No negative set: a false-positive limit cannot be checked, so it fails.
    let fp = Thresholds {
        max_fp_per_kword: Some(1.0),
        ..Thresholds::default()
    };
    assert!(fp.check(&eval)[0].contains("no negative documents"));
    // Suggestion accuracy is checked against the measured value.
    let measured = eval
        .overall
        .as_ref()
        .and_then(|s| s.metrics().suggestion_accuracy)
        .expect("true positives have suggestions");
    let above = Thresholds {
        min_suggestion_accuracy: Some((measured + 0.01).min(1.0)),
        ..Thresholds::default()
    };
    if measured < 1.0 {
        let failures = above.check(&eval);
        assert!(failures[0].contains("suggestion accuracy"), "{failures:?}");
    }
    let at = Thresholds {
        min_suggestion_accuracy: Some(measured),
        ..Thresholds::default()
    };
    assert!(at.check(&eval).is_empty());
}

#[test]
fn thresholds_file_is_checked() {
    let t = Thresholds::parse(
        "t.yaml",
        "min-precision: 0.5\nmin-suggestion-accuracy: 0.25\nmax-fp-per-kword: 2\n",
    )
    .unwrap();
    assert_eq!(t.min_precision, Some(0.5));
    assert_eq!(t.min_suggestion_accuracy, Some(0.25));
    assert_eq!(t.max_fp_per_kword, Some(2.0));
    let flags = Thresholds {
        min_precision: Some(0.9),
        ..Thresholds::default()
    };
    assert_eq!(t.overridden_by(&flags).min_precision, Some(0.9));

    let e = Thresholds::parse("t.yaml", "min-precision: 0.5\nmin-recal: 0.2\n").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("t.yaml:2:1: unknown field `min-recal`"),
        "{e}"
    );
    let e = Thresholds::parse("t.yaml", "min-recall: 40\n").unwrap_err();
    assert_eq!(e.line(), Some(1));
    assert!(e.to_string().contains("between 0 and 1"), "{e}");
}

/// The reports a person reads, on a corpus with an annotated and a negative set.
fn reports() -> (String, String, String) {
    let clean = "The team met on Monday and the team left on Tuesday.\n";
    let negative =
        "document: clean.txt\nset: clean\nprovenance: test\nlanguage: en\nnegative: true\n";
    let (dir, corpus) = corpus(&[
        ("doc.txt", TEXT),
        ("doc.yaml", GOLD),
        ("clean.txt", clean),
        ("clean.yaml", negative),
    ]);
    let (eval, results) = Evaluation::run(&linter(), &corpus, PivotSource::Inferred, |_| {});
    let mut text = Vec::new();
    mtlint::eval::render::write_text(&mut text, &eval).unwrap();
    let mut md = Vec::new();
    mtlint::eval::render::write_markdown(&mut md, &eval).unwrap();
    let mut shown = Vec::new();
    show::write_misses(&mut shown, &show::misses(&corpus, &results)).unwrap();
    show::write_false_positives(&mut shown, &show::false_positives(&corpus, &results)).unwrap();
    let prefix = format!("{}/", dir.path().display());
    let shown = String::from_utf8(shown).unwrap().replace(&prefix, "");
    (
        String::from_utf8(text).unwrap(),
        String::from_utf8(md).unwrap(),
        shown,
    )
}

#[test]
fn text_report() {
    insta::assert_snapshot!(reports().0);
}

#[test]
fn markdown_report() {
    let md = reports().1;
    // Every row of a table has as many cells as its header.
    for table in md.split("\n\n").filter(|b| b.starts_with('|')) {
        let cells = |line: &str| line.matches(" | ").count();
        let mut lines = table.lines();
        let header = cells(lines.next().unwrap());
        for line in lines.skip(1) {
            assert_eq!(cells(line), header, "{line}");
        }
    }
    insta::assert_snapshot!(md);
}

#[test]
fn misses_and_false_positives_report() {
    insta::assert_snapshot!(reports().2);
}
