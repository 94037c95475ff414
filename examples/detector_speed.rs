//! Times the lexicon load and each built-in rule (or selection) over text files.
//!
//! ```sh
//! cargo run --release --example detector_speed -- FILE… [--rule ID]…
//! ```
//! Prints, per rule: findings, findings per 1,000 words and throughput in MB/s
//! (fastest of five runs); without `--rule`, every detector rule one by one and
//! then the whole linter with every built-in rule.
#![allow(clippy::print_stdout)]

use std::time::{Duration, Instant};

use mtlint::engine::detectors::lexicon::{Bigrams, Lexicon};
use mtlint::engine::{count_words, LintOptions, Linter, Selection};
use mtlint::rules::RuleSet;

/// Runs `f` and returns its result with the wall-clock time it took.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let out = f();
    (out, t.elapsed())
}

/// The fastest of five runs: on a busy machine the others measure other processes too.
fn best_of_five(mut f: impl FnMut() -> usize) -> (usize, Duration) {
    let mut best = Duration::MAX;
    let mut n = 0;
    for _ in 0..5 {
        let (found, time) = timed(&mut f);
        n = found;
        best = best.min(time);
    }
    (n, best)
}

fn main() {
    let mut files = Vec::new();
    let mut rules = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--rule" {
            rules.extend(args.next());
        } else {
            files.push(a);
        }
    }
    let text: String = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("readable UTF-8 file"))
        .collect::<Vec<_>>()
        .join("\n\n");
    let words = count_words(&text);
    let mb = text.len() as f64 / 1e6;
    println!("{} files, {words} words, {mb:.2} MB", files.len());

    let (lex, load) =
        timed(|| Lexicon::shared("rules/en/data/lexicon.tsv").expect("embedded lexicon"));
    let (_, index) = timed(|| lex.near(b"refronting", 2, 2.5, false));
    let (_, bigrams) = timed(|| {
        Bigrams::shared("rules/en/data/lexicon.tsv", "rules/en/data/bigrams.tsv")
            .expect("embedded bigrams")
            .floor()
    });
    println!(
        "lexicon: {} words loaded in {load:.2?}; candidate index on first use {index:.2?}; bigrams on first use {bigrams:.2?}",
        lex.len()
    );

    let set = RuleSet::builtin().expect("built-in packs load");
    let everything = rules.is_empty();
    if everything {
        rules = set
            .rules
            .iter()
            .filter(|r| matches!(r.matcher, mtlint::rules::Matcher::Detector { .. }))
            .map(|r| r.id.to_string())
            .collect();
    }
    let run = |select: Vec<String>| {
        let options = LintOptions {
            selection: Selection {
                select,
                ignore: Vec::new(),
            },
            language: Some("en".into()),
            ..LintOptions::default()
        };
        let (linter, build) = timed(|| Linter::new(set.clone(), options).expect("rules build"));
        let (found, time) = best_of_five(|| linter.lint_text(&text, "en").len());
        (found, build, time)
    };
    for id in &rules {
        let (found, build, time) = run(vec![id.clone()]);
        println!(
            "{id:48} {found:6} findings {:6.2}/1000 words  build {build:8.2?}  {:8.1} MB/s",
            found as f64 * 1000.0 / words as f64,
            mb / time.as_secs_f64()
        );
    }
    if !everything {
        return;
    }
    let (found, build, time) = run(Vec::new());
    println!(
        "{:48} {found:6} findings {:6.2}/1000 words  build {build:8.2?}  {:8.1} MB/s",
        "all built-in rules",
        found as f64 * 1000.0 / words as f64,
        mb / time.as_secs_f64()
    );
}
