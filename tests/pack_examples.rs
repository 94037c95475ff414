//! Every example of every built-in pack: fires where it should, with the expected fix, and
//! stays quiet on its clean text. All failures are reported, not just the first.

use mtlint::rules::{check_examples, embedded_packs, load_rule_set};

#[test]
fn builtin_packs_load_and_every_example_passes() {
    let sources = embedded_packs();
    let rules = match load_rule_set(&sources) {
        Ok(r) => r,
        Err(errors) => panic!(
            "built-in packs fail to load:\n{}",
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        ),
    };
    let failures = check_examples(&rules, &sources).expect("linter builds");
    assert!(
        failures.is_empty(),
        "{} failing examples:\n{}",
        failures.len(),
        failures
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    let examples: usize = rules.rules.iter().map(|r| r.docs.examples.len()).sum();
    assert!(examples >= 2 * rules.rules.len());
}

#[test]
fn builtin_rule_ids_are_unique_and_metadata_is_honest() {
    let rules = load_rule_set(&embedded_packs()).unwrap();
    let mut ids: Vec<&str> = rules.rules.iter().map(|r| &*r.id).collect();
    ids.sort();
    let before = ids.len();
    ids.dedup();
    assert_eq!(before, ids.len(), "duplicate rule ids");
    for rule in &rules.rules {
        assert!((0.0..=1.0).contains(&rule.confidence), "{}", rule.id);
        let pack = rules.pack_of(rule);
        if matches!(
            rule.category,
            mtlint::Category::Calque | mtlint::Category::FalseFriend
        ) {
            assert!(
                pack.pivot.is_some(),
                "{}: calques and false friends need a pivot",
                rule.id
            );
        }
    }
}
