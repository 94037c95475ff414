//! In-process benchmarks of the lint pipeline (divan): loading and compiling the
//! built-in packs, linting documents of several sizes with every rule, each
//! detector on its own, and the per-byte cost of 100 vs 100,000 phrase rules.
//!
//! ```sh
//! bash scripts/bench-input.sh            # target/bench-input/{article-4k,1m,10m}.txt
//! cargo bench --bench throughput
//! ```
//!
//! Inputs that are missing are skipped with a message. Results: `benches/RESULTS.md`.

use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::Bencher;
use mtlint::document::Document;
use mtlint::engine::{LintOptions, Linter, Selection};
use mtlint::rules::{load_rule_set, Matcher, PackSource, RuleSet};

fn main() {
    divan::main();
}

/// A benchmark input: the seed article or a generated file under `target/bench-input/`.
fn input(name: &str) -> Option<&'static str> {
    let path = match name {
        "seed" => concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/seed/cnn-roundtrip.txt").to_string(),
        _ => format!(
            "{}/target/bench-input/{name}.txt",
            env!("CARGO_MANIFEST_DIR")
        ),
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(Box::leak(text.into_boxed_str())),
        Err(e) => {
            eprintln!("skipping {name}: {path}: {e} (run scripts/bench-input.sh)");
            None
        }
    }
}

/// The linter with every built-in rule, built once.
fn full_linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| linter(Vec::new()))
}

fn linter(select: Vec<String>) -> Linter {
    let options = LintOptions {
        selection: Selection {
            select,
            ignore: Vec::new(),
        },
        language: Some("en".into()),
        ..LintOptions::default()
    };
    Linter::new(RuleSet::builtin().expect("built-in packs"), options).expect("linter")
}

/// Decoding the precompiled built-in packs (about 2,000 rules in 26 packs).
#[divan::bench]
fn startup_load_builtin_packs() -> RuleSet {
    RuleSet::builtin().expect("built-in packs")
}

/// Compiling the decoded packs into a linter (phrase automaton, detectors, lexicon).
#[divan::bench]
fn startup_build_linter(bencher: Bencher) {
    bencher
        .with_inputs(|| RuleSet::builtin().expect("built-in packs"))
        .bench_values(|set| Linter::new(set, LintOptions::default()).expect("linter"));
}

/// Every built-in rule over a document.
#[divan::bench(args = ["seed", "article-4k", "1m", "10m"], sample_count = 10, sample_size = 1)]
fn lint_all_rules(bencher: Bencher, name: &str) {
    let Some(text) = input(name) else { return };
    let linter = full_linter();
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| linter.lint_text(text, "en"));
}

/// A 10 MB document linted as `mtlint check` lints it: a text of 1 MiB or more is
/// linted in parts on all threads of the pool (the benchmark above, on one thread,
/// is the matchers and detectors alone).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn lint_document_all_threads(bencher: Bencher) {
    let Some(text) = input("10m") else { return };
    let linter = full_linter();
    let document = Document::new("10m.txt", text);
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| linter.lint(&document));
}

/// The built-in detectors, each benchmarked alone on the 1 MB input.
const DETECTORS: &[&str] = mtlint::engine::detectors::KNOWN;

/// One detector (every rule that uses it) over the 1 MB input.
#[divan::bench(args = DETECTORS, sample_count = 10, sample_size = 1)]
fn detector(bencher: Bencher, name: &str) {
    let Some(text) = input("1m") else { return };
    let set = RuleSet::builtin().expect("built-in packs");
    let ids: Vec<String> = set
        .rules
        .iter()
        .filter(|r| matches!(&r.matcher, Matcher::Detector { name: n, .. } if n == name))
        .map(|r| r.id.to_string())
        .collect();
    if ids.is_empty() {
        eprintln!("skipping {name}: no built-in rule uses it");
        return;
    }
    let linter = linter(ids);
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| linter.lint_text(text, "en"));
}

/// The phrase and pattern rules (no detector) over the 1 MB input.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn phrases_and_patterns(bencher: Bencher) {
    let Some(text) = input("1m") else { return };
    let set = RuleSet::builtin().expect("built-in packs");
    let ids: Vec<String> = set
        .rules
        .iter()
        .filter(|r| !matches!(r.matcher, Matcher::Detector { .. }))
        .map(|r| r.id.to_string())
        .collect();
    let linter = linter(ids);
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| linter.lint_text(text, "en"));
}

/// A generated pack of `n` phrase rules: `the <nonce> of`, where `<nonce>` is a
/// made-up word, so every `the ` in English prose walks into the automaton.
fn generated_pack(n: usize) -> RuleSet {
    const SYLLABLES: &[&str] = &[
        "ba", "ke", "lo", "mi", "nu", "pa", "re", "si", "to", "vu", "za", "qe",
    ];
    let mut yaml = String::from(
        "pack:\n  name: generated\n  language: en\n  defaults:\n    category: calque\nrules:\n",
    );
    for i in 0..n {
        let mut word = String::from("x");
        let mut k = i;
        loop {
            word.push_str(SYLLABLES[k % SYLLABLES.len()]);
            k /= SYLLABLES.len();
            if k == 0 {
                break;
            }
        }
        yaml.push_str(&format!(
            "  - id: r{i}\n    phrases:\n      the {word} of: the {word} for\n"
        ));
    }
    load_rule_set(&[PackSource {
        file: "generated.yaml".into(),
        text: yaml,
    }])
    .expect("generated pack loads")
}

/// 100 vs 100,000 generated phrase rules (and nothing else) over the 1 MB input:
/// the cost per byte should not depend on the number of rules.
#[divan::bench(args = [100, 100_000], sample_count = 10, sample_size = 1)]
fn generated_phrase_rules(bencher: Bencher, n: usize) {
    let Some(text) = input("1m") else { return };
    let linter = Linter::new(generated_pack(n), LintOptions::default()).expect("linter");
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| linter.lint_text(text, "en"));
}
