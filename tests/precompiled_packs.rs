//! The packs precompiled by `build.rs` are the YAML packs, and user packs added on
//! top of them are matched alongside the precompiled phrase automaton.

use mtlint::rules::{embedded_packs, extend_rule_set, load_rule_set, Matcher, PackSource, RuleSet};
use mtlint::{LintOptions, Linter};

#[test]
fn precompiled_packs_equal_the_yaml_packs() {
    let yaml = load_rule_set(&embedded_packs()).expect("YAML packs load");
    let precompiled = RuleSet::builtin().expect("precompiled packs decode");
    assert_eq!(precompiled.precompiled_rules, precompiled.rules.len());
    assert_eq!(
        format!("{:?}", yaml.packs),
        format!("{:?}", precompiled.packs)
    );
    assert_eq!(yaml.rules.len(), precompiled.rules.len());
    for (a, b) in yaml.rules.iter().zip(&precompiled.rules) {
        assert_eq!(format!("{a:?}"), format!("{b:?}"), "rule {}", a.id);
    }
}

#[test]
fn user_phrases_and_builtin_phrases_both_match() {
    let user = PackSource {
        file: "user.yaml".into(),
        text: "pack:\n  name: user\n  language: en\n  defaults:\n    category: calque\n\
               rules:\n  - id: zorb\n    phrases:\n      zorbling the glade: mowing the lawn\n"
            .into(),
    };
    let set = extend_rule_set(RuleSet::builtin().unwrap(), &[user]).expect("user pack loads");
    let builtin_rules = set.precompiled_rules;
    assert!(builtin_rules > 0 && set.rules.len() == builtin_rules + 1);
    // A built-in phrase rule and the text of one of its firing examples.
    let (id, example) = set.rules[..builtin_rules]
        .iter()
        .filter(|r| matches!(r.matcher, Matcher::Phrases(_)) && r.id.starts_with("fr-en"))
        .find_map(|r| {
            r.docs.examples.iter().find_map(|e| match e {
                mtlint::rules::RuleExample::Fires { text, .. } => {
                    Some((r.id.to_string(), text.clone()))
                }
                _ => None,
            })
        })
        .expect("a built-in phrase rule with an example");
    let linter = Linter::new(set, LintOptions::default()).unwrap();
    let text = format!("{example} Then zorbling the glade again.");
    let rules: Vec<String> = linter
        .lint_text(&text, "en")
        .into_iter()
        .map(|f| f.rule)
        .collect();
    assert!(rules.contains(&id), "{id} not in {rules:?}");
    assert!(rules.contains(&"user/zorb".to_string()), "{rules:?}");
}
