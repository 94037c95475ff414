//! The `mtlint` binary: output formats (snapshots), exit codes and every error path.

#[path = "support/stdin.rs"]
mod stdin;
use std::path::Path;
use std::process::{Command, Output};
use stdin::mtlint_stdin;

fn mtlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run mtlint")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Timing varies between runs; snapshots show a placeholder.
fn without_timing(s: &str) -> String {
    let re = regex::Regex::new(r" in [0-9.]+ ms\.").unwrap();
    re.replace_all(s, " in <time> ms.").into_owned()
}

const DEMO: &[&str] = &["--no-builtin", "--rules", "tests/fixtures/packs"];

fn check(extra: &[&str]) -> Output {
    let mut args = vec!["check"];
    args.extend_from_slice(DEMO);
    args.extend_from_slice(extra);
    mtlint(&args)
}

#[test]
fn pretty_output() {
    let o = check(&["tests/fixtures/small.txt"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(without_timing(&stdout(&o)));
}

#[test]
fn short_output() {
    let o = check(&["--format", "short", "tests/fixtures/small.txt"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn json_output() {
    let o = check(&["--format", "json", "tests/fixtures/small.txt"]);
    assert_eq!(o.status.code(), Some(1));
    let raw = stdout(&o);
    // Other tools depend on the exact shape, key order included.
    assert!(raw.starts_with(r#"{"version":1,"files":[{"path":"tests/fixtures/small.txt","language":"en","diagnostics":[{"rule":"demo/coalition-of-wishes","category":"calque","severity":"warning","confidence":0.9,"message":"#), "{raw}");
    assert!(raw.contains(r#""span":{"start":4,"end":23},"line":1,"column":5,"text":"coalition of wishes","suggestions":[{"replacement":"coalition of the willing","confidence":0.9}],"pivot":"fr"}"#), "{raw}");
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    insta::assert_json_snapshot!(v);
}

#[test]
fn long_lines_show_a_window_not_the_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    let text = "Several ministers spoke at length about the summit. ".repeat(30)
        + "The coalition of wishes met. "
        + &"Officials said more talks were planned soon. ".repeat(30);
    std::fs::write(&path, &text).unwrap();
    let o = check(&[path.to_str().unwrap()]);
    let out = stdout(&o);
    let snippet = regex::Regex::new(r"^\s*\d+ │ ").unwrap();
    let shown = out.lines().find(|l| snippet.is_match(l)).unwrap();
    assert!(shown.chars().count() < 110, "{shown}");
    assert!(shown.contains('…'));
}

#[test]
fn exit_zero_when_clean_and_stdin_works() {
    let o = mtlint_stdin(
        &[
            "check",
            "--no-builtin",
            "--rules",
            "tests/fixtures/packs",
            "-",
        ],
        b"A clean sentence about think tanks.",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = mtlint_stdin(
        &[
            "check",
            "--no-builtin",
            "--rules",
            "tests/fixtures/packs",
            "--format",
            "short",
            "-",
        ],
        b"The reflection group met.",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("-:1:5: warning[demo/reflection-group]"));
}

#[test]
fn unreadable_inputs_are_errors_and_other_files_are_still_linted() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"fine line\nbroken \xff\xfe here").unwrap();
    let bin = dir.path().join("image.txt");
    std::fs::write(&bin, b"PNG\0\0\x01").unwrap();
    let empty_dir = dir.path().join("empty");
    std::fs::create_dir(&empty_dir).unwrap();
    let missing = dir.path().join("missing.txt");
    let o = check(&[
        "--format",
        "short",
        bad.to_str().unwrap(),
        bin.to_str().unwrap(),
        empty_dir.to_str().unwrap(),
        missing.to_str().unwrap(),
        "tests/fixtures/small.txt",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("bad.txt: invalid UTF-8 at byte offset 17 (line 2)"),
        "{err}"
    );
    assert!(
        err.contains("image.txt: binary file (NUL byte at byte offset 3)"),
        "{err}"
    );
    assert!(err.contains("empty: is a directory"), "{err}");
    assert!(err.contains("missing.txt: cannot read"), "{err}");
    // The good file was still linted.
    assert!(stdout(&o).contains("tests/fixtures/small.txt:1:5"));
}

#[test]
fn directories_are_walked_for_text_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "A reflection group.").unwrap();
    std::fs::write(dir.path().join("b.md"), "A reflection group.").unwrap();
    std::fs::write(dir.path().join("c.rs"), "A reflection group.").unwrap();
    let o = check(&["--format", "short", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.contains("a.txt") && out.contains("b.md") && !out.contains("c.rs"));
}

#[test]
fn select_ignore_and_min_confidence() {
    let only = check(&[
        "--format",
        "short",
        "--select",
        "casing",
        "tests/fixtures/small.txt",
    ]);
    assert_eq!(stdout(&only).lines().count(), 1);
    let ignored = check(&[
        "--format",
        "short",
        "--ignore",
        "demo/names,reflection-group",
        "tests/fixtures/small.txt",
    ]);
    let out = stdout(&ignored);
    assert!(
        !out.contains("kyiv") && !out.contains("reflection"),
        "{out}"
    );
    let confident = check(&[
        "--format",
        "short",
        "--min-confidence",
        "0.88",
        "tests/fixtures/small.txt",
    ]);
    assert!(!stdout(&confident).contains("reflection"));
    let typo = check(&["--select", "no-such-rule", "tests/fixtures/small.txt"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(stderr(&typo).contains("no-such-rule"));
    let bad = check(&["--min-confidence", "2", "tests/fixtures/small.txt"]);
    assert_eq!(bad.status.code(), Some(2));
}

fn pack_error(case: &str) -> String {
    let dir = format!("tests/fixtures/bad/{case}");
    let o = mtlint(&[
        "check",
        "--no-builtin",
        "--rules",
        &dir,
        "tests/fixtures/small.txt",
    ]);
    assert_eq!(o.status.code(), Some(2), "{case}");
    stderr(&o)
}

#[test]
fn broken_packs_are_located_errors() {
    let cases = [
        ("syntax", "pack.yaml:7:1"),
        (
            "unknown-field",
            "pack.yaml:8:5: rules[0]: unknown field `confidance`",
        ),
        (
            "wrong-type",
            "pack.yaml:7:17: rules[0].confidence: invalid type",
        ),
        ("duplicate-id", "pack.yaml:8:9: duplicate rule id `same`"),
        ("bad-regex", "pack.yaml:7:5: invalid regex"),
    ];
    for (case, expected) in cases {
        let err = pack_error(case);
        assert!(
            err.contains(expected),
            "{case}: expected {expected:?} in\n{err}"
        );
        // A labelled snippet of the YAML source is shown.
        assert!(err.contains("│"), "{case}: no snippet in\n{err}");
    }
}

#[test]
fn failing_examples_are_reported_by_check_rules() {
    let o = mtlint(&[
        "check-rules",
        "--no-builtin",
        "--rules",
        "tests/fixtures/bad/failing-example",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("example should fire but does not"), "{err}");
    assert!(err.contains("example should not fire but does"), "{err}");
    assert!(err.contains("pack.yaml:9:"), "{err}");
    let ok = mtlint(&[
        "check-rules",
        "--no-builtin",
        "--rules",
        "tests/fixtures/packs",
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
}

#[test]
fn rules_and_explain() {
    let o = mtlint(&["rules", "--no-builtin", "--rules", "tests/fixtures/packs"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("demo/coalition-of-wishes") && out.contains("1 packs, 5 rules"),
        "{out}"
    );
    let o = mtlint(&[
        "explain",
        "--no-builtin",
        "--rules",
        "tests/fixtures/packs",
        "reflection-group",
    ]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&o));
    let o = mtlint(&[
        "explain",
        "--no-builtin",
        "--rules",
        "tests/fixtures/packs",
        "nope",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn missing_rules_dir_is_an_error() {
    let o = mtlint(&[
        "check",
        "--rules",
        "no/such/dir",
        "tests/fixtures/small.txt",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/dir"));
}

#[test]
fn builtin_packs_work_from_any_directory() {
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(["rules"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(Path::new(env!("CARGO_BIN_EXE_mtlint")).exists());
}

#[test]
fn output_file_replaces_stdout_for_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["pretty", "short", "json", "lsp", "sarif", "github", "html"] {
        let file = dir.path().join(format!("out.{format}"));
        let to_file = check(&[
            "--format",
            format,
            "--output",
            file.to_str().unwrap(),
            "tests/fixtures/small.txt",
        ]);
        assert_eq!(to_file.status.code(), Some(1), "{format}: {to_file:?}");
        assert_eq!(stdout(&to_file), "", "{format}");
        let written = std::fs::read_to_string(&file).unwrap();
        let to_stdout = check(&["--format", format, "tests/fixtures/small.txt"]);
        match format {
            // Timings and the HTML report's random script nonce differ between runs.
            "pretty" => assert_eq!(
                without_timing(&written),
                without_timing(&stdout(&to_stdout))
            ),
            "html" => {
                assert!(written.starts_with("<!DOCTYPE html>"));
                assert!(written.contains("<mark id=\"f0-0\""), "{written}");
            }
            _ => assert_eq!(written, stdout(&to_stdout), "{format}"),
        }
    }
    // Only the output file is left in the directory: no temporary files.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 7);
    // `-` is stdout.
    let dash = check(&["--format", "short", "-o", "-", "tests/fixtures/small.txt"]);
    let plain = check(&["--format", "short", "tests/fixtures/small.txt"]);
    assert_eq!(stdout(&dash), stdout(&plain));
    assert!(!Path::new("-").exists());
}

#[cfg(unix)]
#[test]
fn output_file_keeps_permissions_and_reports_errors() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.json");
    let run = |path: &str| {
        check(&[
            "--format",
            "json",
            "--output",
            path,
            "tests/fixtures/small.txt",
        ])
    };
    assert_eq!(run(file.to_str().unwrap()).status.code(), Some(1));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    // A new file gets the permissions of any new file.
    let reference = dir.path().join("reference");
    std::fs::File::create(&reference).unwrap();
    assert_eq!(mode(&file), mode(&reference));
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::write(&file, "old").unwrap();
    assert_eq!(run(file.to_str().unwrap()).status.code(), Some(1));
    assert_eq!(mode(&file), 0o600);
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .starts_with("{\"version\":1"));
    let missing = dir.path().join("no/such/dir/report.json");
    let o = run(missing.to_str().unwrap());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no/such/dir/report.json"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn shell_completions_cover_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = mtlint(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        for sub in [
            "check",
            "check-rules",
            "explain",
            "eval",
            "lsp",
            "min-confidence",
        ] {
            assert!(script.contains(sub), "{shell} completion lacks {sub}");
        }
    }
    let o = mtlint(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("possible values"), "{}", stderr(&o));
}
