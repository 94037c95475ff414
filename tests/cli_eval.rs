//! `mtlint eval` end to end: JSON shape on the seed corpus, formats, exit codes.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

fn mtlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("mtlint runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn fraction(v: &Value) -> Option<f64> {
    if v.is_null() {
        return None;
    }
    let f = v.as_f64().expect("a ratio is a number or null");
    assert!((0.0..=1.0).contains(&f), "ratio {f} outside 0..1");
    Some(f)
}

fn count(m: &Value, key: &str) -> u64 {
    m[key]
        .as_u64()
        .unwrap_or_else(|| panic!("{key} is a count: {m}"))
}

/// Checks one METRICS object for consistency, whatever the rules find.
fn check_metrics(m: &Value) {
    let findings = count(m, "findings");
    let tp = count(m, "true_positives");
    let gold = count(m, "gold");
    assert!(tp <= findings && tp <= gold);
    assert!(count(m, "gold_easy") <= gold);
    assert!(count(m, "true_positives_easy") <= tp.min(count(m, "gold_easy")));
    assert!(count(m, "suggestion_correct") <= tp);
    assert!(count(m, "restored") <= tp);
    assert!(count(m, "words") > 0);
    assert_eq!(fraction(&m["recall"]).is_some(), gold > 0);
    assert_eq!(fraction(&m["precision"]).is_some(), findings > 0);
    for key in ["recall_easy", "f1", "suggestion_accuracy", "restore_rate"] {
        fraction(&m[key]);
    }
    let cats = m["categories"].as_array().unwrap();
    let sum = |key: &str| cats.iter().map(|c| count(c, key)).sum::<u64>();
    assert_eq!(sum("gold"), gold);
    assert_eq!(sum("caught"), tp);
    assert_eq!(sum("findings"), findings);
    assert_eq!(sum("correct"), tp);
    let packs = m["packs"].as_array().unwrap();
    assert_eq!(
        packs.iter().map(|p| count(p, "findings")).sum::<u64>(),
        findings
    );
    assert_eq!(
        packs
            .iter()
            .map(|p| count(p, "true_positives"))
            .sum::<u64>(),
        tp
    );
    let rules = m["rules"].as_array().unwrap();
    assert_eq!(
        rules.iter().map(|r| count(r, "findings")).sum::<u64>(),
        findings
    );
}

#[test]
fn seed_corpus_json() {
    let out = mtlint(&["eval", "corpus/seed", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(v["version"], 1);
    let sets = v["sets"].as_array().unwrap();
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0]["set"], "seed");
    assert_eq!(sets[0]["negative"], false);
    assert_eq!(count(&sets[0], "documents"), 1);
    assert!(
        count(&sets[0], "gold") >= 20,
        "the seed article is fully annotated"
    );
    assert!(
        count(&sets[0], "gold_easy") < count(&sets[0], "gold"),
        "it has hard spans"
    );
    check_metrics(&sets[0]);
    check_metrics(&v["overall"]);
    assert_eq!(v["overall"]["set"], "overall");
    assert_eq!(v["overall"]["gold"], sets[0]["gold"]);
    assert!(v["negative"].is_null());
    assert!(v.get("misses").is_none());
}

#[test]
fn seed_corpus_json_lists_misses_and_false_positives() {
    let out = mtlint(&[
        "eval",
        "corpus/seed",
        "--format=json",
        "--show=misses,false-positives",
    ]);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let misses = v["misses"].as_array().unwrap();
    let fps = v["false_positives"].as_array().unwrap();
    let o = &v["overall"];
    assert_eq!(
        misses.len() as u64,
        count(o, "gold") - count(o, "true_positives")
    );
    assert_eq!(
        fps.len() as u64,
        count(o, "findings") - count(o, "true_positives")
    );
    for m in misses {
        assert!(m["context"].as_str().unwrap().contains('['));
        assert!(m["line"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn text_and_markdown_tables() {
    let out = mtlint(&["eval", "corpus/seed", "--no-builtin"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.starts_with("mtlint eval: 1 document in 1 set"),
        "{text}"
    );
    assert!(text.contains("precision") && text.contains("overall"));

    let out = mtlint(&[
        "eval",
        "corpus/seed",
        "--no-builtin",
        "--format",
        "markdown",
    ]);
    let md = stdout(&out);
    assert!(md.contains("### Annotated sets\n\n| set | docs |"), "{md}");
    assert!(md.contains("| **overall** |"));
    assert!(md.contains("### By category"));
}

#[test]
fn show_misses_prints_context() {
    let out = mtlint(&["eval", "corpus/seed", "--no-builtin", "--show", "misses"]);
    let text = stdout(&out);
    assert!(text.contains("Misses: "), "{text}");
    assert!(text.contains("corpus/seed/cnn-roundtrip.txt:"));
}

#[test]
fn thresholds_set_the_exit_code() {
    // Without rules nothing is found: recall is 0 and precision undefined.
    let base = ["eval", "corpus/seed", "--no-builtin"];
    let run = |extra: &[&str]| {
        let args: Vec<&str> = base.iter().chain(extra).copied().collect();
        mtlint(&args)
    };
    assert_eq!(run(&["--min-recall", "0"]).status.code(), Some(0));
    let out = run(&["--min-recall", "0.1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("recall 0.0% is below --min-recall 10.0%"),
        "{}",
        stderr(&out)
    );
    let out = run(&["--min-precision", "0.1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("precision is undefined"));
    let out = run(&["--max-fp-per-kword", "5"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no negative documents"));
    assert_eq!(
        run(&["--min-recall", "2"]).status.code(),
        Some(2),
        "clap rejects it"
    );

    let dir = TempDir::new().unwrap();
    let file = dir.path().join("t.yaml");
    fs::write(&file, "min-recall: 0.1\n").unwrap();
    let path = file.to_str().unwrap();
    assert_eq!(run(&["--thresholds", path]).status.code(), Some(1));
    // A flag overrides the file.
    assert_eq!(
        run(&["--thresholds", path, "--min-recall", "0"])
            .status
            .code(),
        Some(0)
    );
    fs::write(&file, "min-recal: 0.1\n").unwrap();
    let out = run(&["--thresholds", path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown field `min-recal`"));

    // Limits on one set: the set is named when it misses one.
    fs::write(&file, "sets:\n  seed: {min-recall: 0.1}\n").unwrap();
    let out = run(&["--thresholds", path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("set seed: recall 0.0% is below min-recall 10.0%"),
        "{}",
        stderr(&out)
    );
    fs::write(&file, "sets:\n  seed: {min-recall: 0}\n").unwrap();
    assert_eq!(run(&["--thresholds", path]).status.code(), Some(0));
    // A set the corpus does not have is an error in the file, before any linting.
    fs::write(
        &file,
        "sets:\n  seed: {min-recall: 0}\n  roundtrip-*: {min-recall: 0}\n",
    )
    .unwrap();
    let out = run(&["--thresholds", path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("pattern `roundtrip-*` matches no set of the corpus"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
}

#[test]
fn negative_sets_and_custom_rules() {
    let dir = TempDir::new().unwrap();
    let rules = dir.path().join("rules");
    let corpus = dir.path().join("corpus");
    fs::create_dir_all(&rules).unwrap();
    fs::create_dir_all(&corpus).unwrap();
    fs::write(
        rules.join("t.yaml"),
        "pack:\n  name: t\n  language: en\nrules:\n  - id: team\n    category: false-friend\n    phrases:\n      team: crew\n",
    )
    .unwrap();
    let write = |p: &Path, s: &str| fs::write(p, s).unwrap();
    write(&corpus.join("a.txt"), "The team met the team.\n");
    write(
        &corpus.join("a.yaml"),
        "document: a.txt\nset: gold\nprovenance: test\nlanguage: en\nartefacts:\n  - text: team\n    category: false-friend\n    original: crew\n",
    );
    write(
        &corpus.join("n.txt"),
        "Our team won the cup on Sunday and the fans sang.\n",
    );
    write(
        &corpus.join("n.yaml"),
        "document: n.txt\nset: clean\nprovenance: test\nlanguage: en\nnegative: true\n",
    );
    let c = corpus.to_str().unwrap();
    let r = rules.to_str().unwrap();
    let out = mtlint(&["eval", c, "--no-builtin", "--rules", r, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["overall"]["precision"], 0.5);
    assert_eq!(v["overall"]["recall"], 1.0);
    assert_eq!(v["overall"]["suggestion_accuracy"], 1.0);
    assert_eq!(v["negative"]["findings"], 1);
    assert_eq!(v["negative"]["findings_per_kword"], 90.9091);
    assert_eq!(v["negative"]["rules"][0]["rule"], "t/team");

    let args = ["eval", c, "--no-builtin", "--rules", r];
    let with = |extra: &[&str]| {
        let a: Vec<&str> = args.iter().chain(extra).copied().collect();
        mtlint(&a).status.code()
    };
    assert_eq!(with(&["--max-fp-per-kword", "100"]), Some(0));
    assert_eq!(with(&["--max-fp-per-kword", "90"]), Some(1));
    assert_eq!(
        with(&["--min-precision", "0.5", "--min-recall", "1"]),
        Some(0)
    );
    // --ignore empties the selection: nothing found on either set.
    let out = mtlint(&[
        "eval",
        c,
        "--no-builtin",
        "--rules",
        r,
        "--ignore",
        "t",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["overall"]["findings"], 0);
    assert_eq!(with(&["--select", "nonsense"]), Some(2));

    let text = stdout(&mtlint(&args));
    assert!(text.contains("Negative sets"), "{text}");
    assert!(text.contains("t/team ×1"), "{text}");
}

#[test]
fn corpus_errors_exit_2_with_located_reports() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("a.txt"), "Some text.\n").unwrap();
    fs::write(
        dir.path().join("a.yaml"),
        "document: a.txt\nset: s\nprovenance: p\nlanguage: en\nartefacts:\n  - text: absent\n    category: calque\n    original: x\n",
    )
    .unwrap();
    let out = mtlint(&["eval", dir.path().to_str().unwrap(), "--no-builtin"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("a.yaml:6:11: text \"absent\" not found"),
        "{err}"
    );
    assert!(err.contains("error: 1 problem in corpus annotations"));
    assert!(stdout(&out).is_empty());
}
