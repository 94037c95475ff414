//! Machine output formats of `mtlint check`: `lsp`, `sarif` and `github` (snapshots,
//! positions on lines with accents, CJK and emoji, SARIF schema validation, escaping).

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn mtlint_in(dir: &Path, args: &[&str]) -> Output {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs");
    Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .arg("check")
        .args(["--no-builtin", "--rules", rules.to_str().unwrap()])
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run mtlint")
}

fn check(args: &[&str]) -> Output {
    mtlint_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

const FILES: &[&str] = &["tests/fixtures/small.txt", "tests/fixtures/unicode.txt"];

/// The `file:` URI of the repository, replaced by a placeholder in snapshots.
fn repo_uri() -> String {
    lsp_types::Url::from_file_path(env!("CARGO_MANIFEST_DIR"))
        .unwrap()
        .to_string()
}

#[test]
fn lsp_format_is_one_publish_per_file() {
    let o = check(&[&["--format", "lsp"], FILES].concat());
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o).replace(&repo_uri(), "file:///[REPO]");
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    // Exactly the LSP type, nothing more: it round-trips through lsp-types.
    for l in &lines {
        let p: lsp_types::PublishDiagnosticsParams = serde_json::from_value(l.clone()).unwrap();
        assert_eq!(&serde_json::to_value(&p).unwrap(), l);
    }
    // UTF-16 columns: 😀 and 👍 count two units each, CJK and é one.
    let ranges: Vec<(u64, u64, u64)> = lines[1]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let r = &d["range"];
            (
                r["start"]["line"].as_u64().unwrap(),
                r["start"]["character"].as_u64().unwrap(),
                r["end"]["character"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(ranges, [(0, 16, 35), (0, 43, 47), (1, 14, 30), (2, 16, 26)]);
    insta::assert_snapshot!(out);
}

/// The official SARIF 2.1.0 schema, compiled.
fn sarif_schema() -> (boon::Schemas, boon::SchemaIndex) {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sarif/sarif-schema-2.1.0.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler
        .add_resource("urn:sarif-schema-2.1.0", schema)
        .unwrap();
    let index = compiler
        .compile("urn:sarif-schema-2.1.0", &mut schemas)
        .unwrap();
    (schemas, index)
}

#[test]
fn sarif_format_is_valid_sarif_2_1_0() {
    let o = check(&[&["--format", "sarif"], FILES].concat());
    assert_eq!(o.status.code(), Some(1));
    let log: Value = serde_json::from_str(&stdout(&o)).unwrap();

    let (schemas, index) = sarif_schema();
    if let Err(e) = schemas.validate(&log, index) {
        panic!("not valid SARIF 2.1.0:\n{e:#}");
    }
    // The validator is live: a result without a message, or a region with a
    // negative column, is rejected.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    assert!(schemas.validate(&broken, index).is_err());
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] =
        0.into();
    assert!(schemas.validate(&broken, index).is_err());
    // Beyond the schema, check what consumers rely on.
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 9);
    for r in results {
        let rule = &rules[r["ruleIndex"].as_u64().unwrap() as usize];
        assert_eq!(rule["id"], r["ruleId"]);
        assert!(!rule["help"]["text"].as_str().unwrap().is_empty());
    }
    // Regions: code points for columns and char offsets, bytes for byte offsets.
    let emoji = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == "tests/fixtures/unicode.txt"
                && r["ruleId"] == "demo/depend-of"
        })
        .unwrap();
    let region = &emoji["locations"][0]["physicalLocation"]["region"];
    let text = std::fs::read_to_string("tests/fixtures/unicode.txt").unwrap();
    let byte = text.find("depends of").unwrap();
    assert_eq!(region["byteOffset"], byte);
    assert_eq!(region["byteLength"], 10);
    assert_eq!(region["charOffset"], text[..byte].chars().count());
    assert_eq!(
        (&region["startLine"], &region["startColumn"]),
        (&3.into(), &15.into())
    );
    assert_eq!(region["endColumn"], 25);
    let fix = &emoji["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(fix["insertedContent"]["text"], "depends on");
    assert_eq!(fix["deletedRegion"]["byteOffset"], byte);
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn github_format_annotates_and_escapes() {
    let o = check(&[&["--format", "github"], FILES].concat());
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&o));

    // Property values escape `,` `:` `%`; messages escape `%` and newlines.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a,b:c%.txt"),
        "50% of the reflection group left.",
    )
    .unwrap();
    let o = mtlint_in(dir.path(), &["--format", "github", "a,b:c%.txt"]);
    assert_eq!(
        stdout(&o),
        "::warning file=a%2Cb%3Ac%25.txt,line=1,col=12,endLine=1,endColumn=28,\
         title=mtlint (demo/reflection-group)::“reflection group” translates French \
         “groupe de réflexion” word for word; English says “think tank”\n"
    );
}

#[test]
fn clean_files_give_empty_lsp_diagnostics_and_no_annotations() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.txt"), "Nothing to see here.").unwrap();
    let o = mtlint_in(dir.path(), &["--format", "lsp", "ok.txt"]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["diagnostics"], Value::Array(vec![]));
    assert!(v["uri"].as_str().unwrap().ends_with("/ok.txt"));
    let o = mtlint_in(dir.path(), &["--format", "github", "ok.txt"]);
    assert_eq!(stdout(&o), "");
    let o = mtlint_in(dir.path(), &["--format", "sarif", "ok.txt"]);
    let log: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(log["runs"][0]["results"], Value::Array(vec![]));
}

#[test]
fn rule_urls_become_code_descriptions_and_help_uris() {
    let dir = tempfile::tempdir().unwrap();
    let pack = |url: &str| {
        format!(
            "pack:\n  name: linked\n  language: en\nrules:\n  - id: gaz\n    category: calque\n    url: {url}\n    phrases:\n      gas station: petrol station\n"
        )
    };
    std::fs::create_dir(dir.path().join("rules")).unwrap();
    std::fs::write(
        dir.path().join("rules/p.yaml"),
        pack("https://example.org/rules/gaz"),
    )
    .unwrap();
    std::fs::write(dir.path().join("a.txt"), "The gas station.").unwrap();
    let run = |format: &str| {
        Command::new(env!("CARGO_BIN_EXE_mtlint"))
            .args(["check", "--no-builtin", "--rules", "rules", "--format"])
            .args([format, "a.txt"])
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let v: Value = serde_json::from_str(stdout(&run("lsp")).trim()).unwrap();
    assert_eq!(
        v["diagnostics"][0]["codeDescription"]["href"],
        "https://example.org/rules/gaz"
    );
    let v: Value = serde_json::from_str(&stdout(&run("sarif"))).unwrap();
    assert_eq!(
        v["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"],
        "https://example.org/rules/gaz"
    );
    // Rules without a url get no link at all (see `lsp_format_is_one_publish_per_file`);
    // a url that is not absolute is a located pack error.
    std::fs::write(dir.path().join("rules/p.yaml"), pack("docs/gaz.md")).unwrap();
    let o = run("lsp");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("p.yaml:7:5: url `docs/gaz.md` is not an absolute URL"),
        "{err}"
    );
}

#[test]
fn unused_suppressions_appear_in_every_machine_format() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "<!-- mtlint-disable demo/depend-of -->\nThe reflection group met.\n",
    )
    .unwrap();
    let run = |format: &str| stdout(&mtlint_in(dir.path(), &["--format", format, "a.md"]));
    let lsp: Value = serde_json::from_str(run("lsp").trim()).unwrap();
    let codes: Vec<&str> = lsp["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["demo/reflection-group", "mtlint/unused-suppression"]
    );
    let github = run("github");
    assert!(
        github.contains(
            "::warning file=a.md,line=1,col=1,endLine=1,endColumn=39,\
             title=mtlint (mtlint/unused-suppression)::`<!-- mtlint-disable demo/depend-of -->` \
             suppresses nothing; remove it"
        ),
        "{github}"
    );
    let log: Value = serde_json::from_str(&run("sarif")).unwrap();
    let (schemas, index) = sarif_schema();
    if let Err(e) = schemas.validate(&log, index) {
        panic!("not valid SARIF 2.1.0:\n{e:#}");
    }
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results[1]["ruleId"], "mtlint/unused-suppression");
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["rules"][1]["id"],
        "mtlint/unused-suppression"
    );
    assert_eq!(
        results[1]["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]
            ["byteLength"],
        38
    );
}
