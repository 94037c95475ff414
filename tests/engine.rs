//! Engine behaviour on the demo pack: boundaries, exceptions, case, overlaps, scale.

use mtlint::rules::{load_dir, load_rule_set, PackSource};
use mtlint::{Document, LintOptions, Linter};

fn demo_linter() -> Linter {
    let sources = load_dir("tests/fixtures/packs".as_ref()).unwrap();
    Linter::new(load_rule_set(&sources).unwrap(), LintOptions::default()).unwrap()
}

fn found(linter: &Linter, text: &str) -> Vec<(String, String)> {
    linter
        .lint_text(text, "en")
        .into_iter()
        .map(|f| {
            (
                f.text(text).to_string(),
                f.suggestions
                    .first()
                    .map(|s| s.replacement.clone())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn word_boundaries_and_case() {
    let l = demo_linter();
    assert_eq!(
        found(
            &l,
            "Reflection groups and REFLECTION GROUP; reflection grouping; nonreflection group"
        ),
        [
            ("Reflection groups".into(), "Think tanks".into()),
            ("REFLECTION GROUP".into(), "THINK TANK".into())
        ]
    );
    assert_eq!(found(&l, "Coalition of wishes").len(), 1);
    assert_eq!(
        found(&l, "Coalition of wishes")[0].1,
        "Coalition of the willing"
    );
}

#[test]
fn exceptions_veto_by_context() {
    let l = demo_linter();
    assert_eq!(found(&l, "ministers work on critical questions").len(), 1);
    assert!(found(&l, "she answered the journalists critical questions").is_empty());
}

#[test]
fn casing_fires_only_when_case_differs() {
    let l = demo_linter();
    assert_eq!(
        found(&l, "Kyiv, kyiv, KYIV, Cnn, CNN, élysée, Élysée"),
        [
            ("kyiv".into(), "Kyiv".into()),
            ("KYIV".into(), "Kyiv".into()),
            ("Cnn".into(), "CNN".into()),
            ("élysée".into(), "Élysée".into())
        ]
    );
}

#[test]
fn patterns_expand_captures() {
    let l = demo_linter();
    assert_eq!(
        found(&l, "It Depended of luck."),
        [("Depended of".into(), "Depended on".into())]
    );
}

#[test]
fn overlapping_rules_resolve_to_the_longer_match() {
    let pack = |name: &str, body: &str| {
        PackSource {
        file: format!("{name}.yaml"),
        text: format!("pack: {{name: {name}, language: en, pivot: fr, defaults: {{category: calque}}}}\nrules:\n{body}"),
    }
    };
    let sources = vec![
        pack(
            "a",
            "  - id: short\n    confidence: 0.99\n    phrases: {reflection: thought}\n",
        ),
        pack(
            "b",
            "  - id: long\n    confidence: 0.5\n    phrases: {reflection group: think tank}\n",
        ),
    ];
    let l = Linter::new(load_rule_set(&sources).unwrap(), LintOptions::default()).unwrap();
    let f = l.lint_text("a reflection group and a reflection", "en");
    let rules: Vec<&str> = f.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["b/long", "a/short"]);
}

#[test]
fn packs_of_other_languages_are_skipped() {
    let l = demo_linter();
    let doc = Document::new(
        "fr.txt",
        "Le groupe de réflexion a publié un rapport sur la coalition et les questions critiques de sécurité en Europe.",
    );
    let report = l.lint(&doc);
    assert_eq!(report.language, "fr");
    assert!(report.findings.is_empty());
}

#[test]
fn ten_thousand_phrases_compile_and_match() {
    // Cost per byte must not depend on the number of rules; here we check correctness at scale.
    let mut body = String::from("  - id: many\n    phrases:\n");
    for i in 0..10_000 {
        body.push_str(&format!("      zqx{i} phrase: original {i}\n"));
    }
    let source = PackSource {
        file: "many.yaml".into(),
        text: format!("pack: {{name: many, language: en, pivot: fr, defaults: {{category: calque}}}}\nrules:\n{body}"),
    };
    let l = Linter::new(load_rule_set(&[source]).unwrap(), LintOptions::default()).unwrap();
    let f = l.lint_text(
        "a zqx9999 phrase and zqx42 phrase but not zqx42 phrases",
        "en",
    );
    assert_eq!(f.len(), 2);
    assert_eq!(f[0].suggestions[0].replacement, "original 9999");
}

#[test]
fn packs_sharing_a_pattern_each_report_it() {
    // Rules of several packs with one pattern are searched once; each rule keeps
    // its own replacement and exceptions, whether the text has few trigger hits
    // (bounded backtracker) or many (lazy DFA first).
    let pack = |name: &str, replacement: &str, exception: &str| PackSource {
        file: format!("{name}.yaml"),
        text: format!(
            "pack: {{name: {name}, language: en, pivot: es, defaults: {{category: grammar}}}}\n\
             rules:\n  - id: depend\n    pattern: '\\b(?P<d>depend(?:s|ed|ing)?) of\\b'\n    \
             replacement: '{replacement}'\n{exception}"
        ),
    };
    let sources = vec![
        pack("a", "${d} on", ""),
        pack(
            "b",
            "${d} upon",
            "    exceptions:\n      - after: '^ course'\n",
        ),
    ];
    let l = Linter::new(load_rule_set(&sources).unwrap(), LintOptions::default()).unwrap();
    let a = l
        .rules()
        .rules
        .iter()
        .position(|r| r.id == "a/depend")
        .unwrap();
    let b = l
        .rules()
        .rules
        .iter()
        .position(|r| r.id == "b/depend")
        .unwrap();
    for repeats in [1, 40] {
        let text = "It depends of the weather; it depended of course. ".repeat(repeats);
        let of_a = l.candidates_of_rule(&text, "en", a);
        let of_b = l.candidates_of_rule(&text, "en", b);
        assert_eq!(of_a.len(), 2 * repeats, "{repeats}");
        assert_eq!(of_b.len(), repeats, "exception of b only: {repeats}");
        assert_eq!(of_a[0].suggestions[0].replacement, "depends on");
        assert_eq!(of_b[0].suggestions[0].replacement, "depends upon");
    }
}

#[test]
fn trigger_hits_beyond_one_batch_all_report() {
    // Trigger hits are handed to the pattern rules in bounded batches; a text
    // with more hits than one batch holds must still report every match once.
    let source = PackSource {
        file: "a.yaml".into(),
        text: "pack: {name: a, language: en, pivot: es, defaults: {category: grammar}}\n\
               rules:\n  - id: depend\n    pattern: '\\bdepends of\\b'\n    replacement: 'depends on'\n"
            .into(),
    };
    let l = Linter::new(load_rule_set(&[source]).unwrap(), LintOptions::default()).unwrap();
    let n = 70_000;
    let text = "It depends of it. ".repeat(n);
    let found = l.lint_text(&text, "en");
    assert_eq!(found.len(), n);
    assert!(found.windows(2).all(|w| w[0].start < w[1].start));
}

#[test]
fn overlapping_trigger_windows_report_every_match() {
    // Hits of one pattern whose windows overlap (here the literal ` is good `
    // may be preceded by any word, so each window reaches far back) are first
    // searched together; clusters that hold a match must still report it.
    let source = PackSource {
        file: "a.yaml".into(),
        text: "pack: {name: a, language: en, pivot: es, defaults: {category: grammar}}\n\
               rules:\n  - id: good-idea\n    pattern: '\\b[A-Z]\\w* is good (?P<n>idea|plan)\\b'\n    replacement: 'a good $n'\n"
            .into(),
    };
    let l = Linter::new(load_rule_set(&[source]).unwrap(), LintOptions::default()).unwrap();
    let n = 10;
    let block = format!("{}this is good idea. ", "Xx is good thing. ".repeat(200));
    let text = block.repeat(n);
    let found = l.lint_text(&text, "en");
    assert_eq!(found.len(), n);
    assert!(found.iter().all(|f| f.text(&text) == "this is good idea"));
}
