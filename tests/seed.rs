//! The seed article (a CNN article round-tripped through French): the built-in packs
//! find its calques, false friends and casing errors with the right originals, in
//! every output format.

use std::process::Command;

const SEED: &str = "corpus/seed/cnn-roundtrip.txt";

fn run(format: &str) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(["check", "--color", "never", "--format", format, SEED])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// (matched text, top suggestion, category) that must be reported.
const EXPECTED: &[(&str, &str, &str)] = &[
    ("Cnn", "CNN", "casing"),
    ("kyiv", "Kyiv", "casing"),
    ("ukraine", "Ukraine", "casing"),
    ("coalition of wishes", "coalition of the willing", "calque"),
    ("reflection group", "think tank", "calque"),
    ("an assistant superior", "a senior aide", "calque"),
    (
        "Kremlin discussion points",
        "Kremlin talking points",
        "calque",
    ),
    (
        "work on critical questions",
        "work on critical issues",
        "false-friend",
    ),
    ("widely sidelined", "largely sidelined", "false-friend"),
    ("his allies", "its allies", "pronoun-gender"),
    ("Refronting", "Referring", "non-word"),
    ("Sea-only", "Sea – only", "punctuation"),
];

#[test]
fn json_reports_the_seed_artefacts_with_originals() {
    let v: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let file = &v["files"][0];
    assert_eq!(file["language"], "en");
    let diags = file["diagnostics"].as_array().unwrap();
    let text = std::fs::read_to_string(SEED).unwrap();
    for (matched, original, category) in EXPECTED {
        let d = diags
            .iter()
            .find(|d| d["text"] == *matched)
            .unwrap_or_else(|| panic!("no finding for {matched:?}"));
        assert_eq!(d["suggestions"][0]["replacement"], *original, "{matched}");
        assert_eq!(d["category"], *category, "{matched}");
        let (s, e) = (
            d["span"]["start"].as_u64().unwrap() as usize,
            d["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], *matched);
    }
    // Both lowercase "kyiv"s are reported; the correctly cased "Kyiv"s are not.
    assert_eq!(diags.iter().filter(|d| d["text"] == "kyiv").count(), 2);
    assert!(!diags.iter().any(|d| d["text"] == "Kyiv"));
    // Calques and false friends carry their pivot.
    let coalition = diags
        .iter()
        .find(|d| d["text"] == "coalition of wishes")
        .unwrap();
    assert_eq!(coalition["pivot"], "fr");
}

#[test]
fn short_and_pretty_show_the_same_findings() {
    let short = run("short");
    let pretty = run("pretty");
    for (matched, original, _) in EXPECTED {
        assert!(
            short.contains(&format!("“{matched}”")),
            "short lacks {matched}"
        );
        assert!(short.contains(original), "short lacks {original}");
        assert!(
            pretty.contains(&format!("likely original: “{original}”")),
            "pretty lacks {original}"
        );
    }
    assert!(short.contains(
        "corpus/seed/cnn-roundtrip.txt:6:130: warning[fr-en-calques/coalition-of-wishes]"
    ));
}
