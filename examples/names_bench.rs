//! Throughput of the name detectors (casing, title case, pronoun gender) and gazetteer
//! load time: `cargo run --release --example names_bench -- FILE [REPEAT]`.
//!
//! Lints FILE (English prose) with each rule of the `en-names` pack alone, and with no
//! rule, REPEAT times (default 5), and prints the best CPU time and throughput of each.

use std::time::{Duration, Instant};

use mtlint::engine::detectors::gazetteer::Gazetteer;
use mtlint::engine::Selection;
use mtlint::{LintOptions, Linter, RuleSet};

/// CPU time of this thread (Linux `schedstat`), so a busy machine does not skew timings;
/// falls back to wall time elsewhere.
fn cpu_now() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn timed(f: impl FnOnce()) -> Duration {
    let (cpu, wall) = (cpu_now(), Instant::now());
    f();
    match (cpu, cpu_now()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => wall.elapsed(),
    }
}

fn best(linter: &Linter, text: &str, repeat: usize) -> Duration {
    (0..repeat)
        .map(|_| {
            timed(|| {
                std::hint::black_box(linter.lint_text(text, "en"));
            })
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: names_bench FILE [REPEAT]");
    let repeat: usize = args.next().map_or(5, |r| r.parse().expect("REPEAT"));
    let text = std::fs::read_to_string(&path).expect("read FILE");
    let data = mtlint::rules::embedded_data("rules/en/data/gazetteer.tsv").expect("gazetteer");
    // Too short for the scheduler's CPU clock: best wall time of many tries.
    let load = (0..50)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(Gazetteer::parse(data).expect("parse"));
            t.elapsed()
        })
        .min()
        .unwrap_or_default();
    println!("gazetteer: {} bytes parsed in {load:?}", data.len());
    let mb = text.len() as f64 / 1e6;
    let run = |select: &str| {
        let options = LintOptions {
            selection: Selection {
                select: vec![select.to_string()],
                ignore: vec![],
            },
            ..LintOptions::default()
        };
        let linter = Linter::new(RuleSet::builtin().expect("packs"), options).expect("linter");
        best(&linter, &text, repeat)
    };
    let none = run("no-such-category-selects-nothing");
    println!("{:<26} {:>10.1?}", "(no rule)", none);
    for rule in [
        "en-names/casing",
        "en-names/title-case",
        "en-names/pronoun-gender",
        "en-names",
    ] {
        let t = run(rule);
        let own = t.saturating_sub(none).as_secs_f64().max(1e-9);
        println!("{rule:<26} {t:>10.1?}  {:>7.0} MB/s alone", mb / own);
    }
}
