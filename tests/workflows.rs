//! Real documents and workflows: Markdown, HTML, configuration, suppressions, fixes.

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn run_in(dir: &Path, args: &[&str]) -> Output {
    let packs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs");
    let mut all = vec![
        "--no-builtin".to_string(),
        "--rules".into(),
        packs.display().to_string(),
    ];
    let (cmd, rest) = args.split_first().unwrap();
    all.insert(0, cmd.to_string());
    all.extend(rest.iter().map(|s| s.to_string()));
    Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(&all)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const MD: &str = "---\ntitle: A reflection group\n---\n# The coalition of wishes\n\nA *Ukrainian* reflection group met in kyiv. See `reflection group` and [the reflection group](https://example.com/reflection-group).\n\n```\nreflection group\n```\n";

#[test]
fn markdown_lints_prose_only_with_source_positions() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), MD).unwrap();
    let o = run_in(dir.path(), &["check", "--format", "short", "a.md"]);
    let text = out(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines
            .iter()
            .map(|l| l.split(' ').next().unwrap())
            .collect::<Vec<_>>(),
        [
            "a.md:4:7:",
            "a.md:6:15:",
            "a.md:6:39:",
            "a.md:6:77:",
            "a.md:"
        ],
        "{text}"
    );
}

#[test]
fn html_lints_text_and_alt_and_decodes_entities() {
    let dir = tempfile::tempdir().unwrap();
    let html = "<html><head><title>News</title><script>var x = 'reflection group';</script></head>\n<body><p>The r&eacute;sum&eacute; of a reflection group &amp; kyiv.</p>\n<img alt=\"Talks in kyiv\" src=\"kyiv.jpg\"><pre>kyiv</pre></body></html>\n";
    fs::write(dir.path().join("a.html"), html).unwrap();
    let o = run_in(dir.path(), &["check", "--format", "json", "a.html"]);
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    let texts: Vec<&str> = diags.iter().map(|d| d["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["reflection group", "kyiv", "kyiv"]);
    for d in diags {
        let (s, e) = (
            d["span"]["start"].as_u64().unwrap() as usize,
            d["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&html[s..e], d["text"].as_str().unwrap());
    }
}

#[test]
fn stdin_filename_sets_format_and_path_and_input_format_overrides() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args([
            "check",
            "--no-builtin",
            "--rules",
            "tests/fixtures/packs",
            "--format",
            "short",
            "--stdin-filename",
            "notes/x.md",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Text `kyiv` and kyiv.")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(
        out(&o).trim(),
        "notes/x.md:1:17: warning[demo/names] “kyiv” is written “Kyiv” (Kyiv)"
    );

    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "Text `kyiv` and kyiv.").unwrap();
    let plain = run_in(dir.path(), &["check", "--format", "short", "a.txt"]);
    assert_eq!(out(&plain).lines().count(), 2);
    let md = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "short",
            "--input-format",
            "markdown",
            "a.txt",
        ],
    );
    assert_eq!(out(&md).lines().count(), 1);
}

#[test]
fn suppression_comments_and_unused_ones() {
    let dir = tempfile::tempdir().unwrap();
    let md = "kyiv one.\n\n<!-- mtlint-disable casing -->\n\nkyiv two.\n\n<!-- mtlint-enable -->\n\nkyiv three.\n\n<!-- mtlint-disable-next-line demo/names -->\nkyiv four.\n\nkyiv five. <!-- mtlint-disable-next-line calque -->\n\nkyiv six.\n";
    fs::write(dir.path().join("s.md"), md).unwrap();
    let o = run_in(dir.path(), &["check", "--format", "short", "s.md"]);
    let text = out(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert!(lines[0].starts_with("s.md:1:1:"));
    assert!(lines[1].starts_with("s.md:9:1:"));
    assert!(lines[2].starts_with("s.md:14:1:"));
    assert!(lines[3].starts_with("s.md:16:1:"));
    assert!(
        lines[4].starts_with("s.md:14:12: warning[mtlint/unused-suppression]"),
        "{text}"
    );
}

#[test]
fn config_file_is_found_walking_up_with_overrides_and_phrases() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("mtlint.yaml"),
        "ignore: [depend-of]\nseverity: {reflection-group: error}\nignore_phrases: [Kyiv Reflection Group Ltd]\nexclude: ['vendor/**']\noverrides:\n  - files: ['drafts/**']\n    ignore: [casing]\n",
    )
    .unwrap();
    fs::create_dir_all(dir.path().join("drafts")).unwrap();
    fs::create_dir_all(dir.path().join("vendor")).unwrap();
    let text = "It depends of kyiv. A reflection group. The Kyiv Reflection Group Ltd.";
    fs::write(dir.path().join("a.txt"), text).unwrap();
    fs::write(dir.path().join("drafts/b.txt"), text).unwrap();
    fs::write(dir.path().join("vendor/c.txt"), text).unwrap();
    let o = run_in(dir.path(), &["check", "--format", "short", "."]);
    let got = out(&o);
    assert_eq!(
        got,
        "./a.txt:1:15: warning[demo/names] “kyiv” is written “Kyiv” (Kyiv)\n\
         ./a.txt:1:23: error[demo/reflection-group] “reflection group” translates French “groupe de réflexion” word for word; English says “think tank” (think tank | policy group)\n\
         ./drafts/b.txt:1:23: error[demo/reflection-group] “reflection group” translates French “groupe de réflexion” word for word; English says “think tank” (think tank | policy group)\n",
    );
    let shown = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(["config", "drafts/b.txt"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let s = out(&shown);
    assert!(
        s.contains("mtlint.yaml") && s.contains("- casing") && s.contains("- depend-of"),
        "{s}"
    );
}

#[test]
fn config_errors_are_located() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("mtlint.yaml"),
        "select: [calque]\nmin_confidance: 0.5\n",
    )
    .unwrap();
    fs::write(dir.path().join("a.txt"), "kyiv").unwrap();
    let o = run_in(dir.path(), &["check", "a.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("mtlint.yaml:2:1: unknown field `min_confidance`"),
        "{}",
        err(&o)
    );
    fs::write(dir.path().join("mtlint.yaml"), "min_confidence: 3\n").unwrap();
    let o = run_in(dir.path(), &["check", "a.txt"]);
    assert!(
        err(&o).contains("mtlint.yaml:1:1: `min_confidence` must be between 0 and 1"),
        "{}",
        err(&o)
    );
    fs::write(
        dir.path().join("mtlint.yaml"),
        "overrides:\n  - files: ['*.txt']\n    sevrity: {}\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["check", "a.txt"]);
    assert!(err(&o).contains("unknown field `sevrity`"), "{}", err(&o));
}

#[test]
fn exclude_and_type_filters() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("gen")).unwrap();
    for f in ["a.txt", "b.md", "c.html", "gen/d.txt"] {
        fs::write(dir.path().join(f), "kyiv").unwrap();
    }
    let o = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "short",
            "--exclude",
            "gen/**",
            "--type",
            "md,html",
            ".",
        ],
    );
    let got = out(&o);
    assert!(got.contains("b.md") && got.contains("c.html"), "{got}");
    assert!(!got.contains("a.txt") && !got.contains("d.txt"), "{got}");
}

#[test]
fn fix_writes_atomically_keeps_markup_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let md = "# Notes\n\nA reflection group met in kyiv; a *reflection* group too.\n\nIt depends of `code` luck.\n";
    let path = dir.path().join("a.md");
    fs::write(&path, md).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    }
    let diff = run_in(dir.path(), &["check", "--diff", "a.md"]);
    assert!(
        out(&diff).contains("+A think tank met in Kyiv; a *reflection* group too."),
        "{}",
        out(&diff)
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        md,
        "--diff must not write"
    );

    let o = run_in(dir.path(), &["check", "--fix", "--format", "short", "a.md"]);
    let fixed = fs::read_to_string(&path).unwrap();
    // The match across emphasis is reported but not rewritten.
    assert_eq!(fixed, "# Notes\n\nA think tank met in Kyiv; a *reflection* group too.\n\nIt depends on `code` luck.\n");
    assert!(
        out(&o).contains("a.md:3:30"),
        "remaining finding is reported: {}",
        out(&o)
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }
    let again = run_in(dir.path(), &["check", "--fix", "a.md"]);
    assert_eq!(fs::read_to_string(&path).unwrap(), fixed);
    assert!(err(&again).is_empty(), "{}", err(&again));
    // No temporary files left behind.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn unsafe_fixes_and_confidence_threshold() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    fs::write(&path, "A reflection group met.").unwrap();
    run_in(
        dir.path(),
        &["check", "--fix", "--fix-min-confidence", "0.9", "a.txt"],
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "A reflection group met.",
        "0.85 < 0.9"
    );
    run_in(dir.path(), &["check", "--fix", "a.txt"]);
    assert_eq!(fs::read_to_string(&path).unwrap(), "A think tank met.");
}

#[test]
fn fix_refuses_read_only_and_invalid_files() {
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro.txt");
    fs::write(&ro, "kyiv").unwrap();
    let mut perms = fs::metadata(&ro).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&ro, perms).unwrap();
    let bad = dir.path().join("bad.txt");
    fs::write(&bad, b"kyiv \xff").unwrap();
    let o = run_in(dir.path(), &["check", "--fix", "ro.txt", "bad.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("ro.txt: read-only; not fixed"),
        "{}",
        err(&o)
    );
    assert!(err(&o).contains("bad.txt: invalid UTF-8"), "{}", err(&o));
    assert_eq!(fs::read_to_string(&ro).unwrap(), "kyiv");
    assert_eq!(fs::read(&bad).unwrap(), b"kyiv \xff");
}

#[test]
fn write_refuses_a_file_changed_since_it_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    fs::write(&path, "changed meanwhile").unwrap();
    let e = mtlint::fix::write_atomically(&path, "original", "fixed").unwrap_err();
    assert!(e.to_string().contains("changed on disk since it was read"));
    assert_eq!(fs::read_to_string(&path).unwrap(), "changed meanwhile");
}

#[test]
fn parallel_output_order_is_stable() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        fs::write(
            dir.path().join(format!("f{i:02}.txt")),
            "kyiv ".repeat(i + 1),
        )
        .unwrap();
    }
    let first = out(&run_in(dir.path(), &["check", "--format", "short", "."]));
    for _ in 0..3 {
        assert_eq!(
            out(&run_in(dir.path(), &["check", "--format", "short", "."])),
            first
        );
    }
    let files: Vec<&str> = first
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
}

#[test]
fn configured_pivot_moves_ambiguous_false_friends() {
    // fr-en-false-friends/last-latest is ambiguous (confidence 0.35): a known French
    // pivot raises it over a 0.38 minimum, a known German pivot lowers it.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.txt"),
        "He said that Putin's last meeting with Witkoff was productive.\n",
    )
    .unwrap();
    let check = |config: &str| {
        fs::write(dir.path().join("mtlint.yaml"), config).unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_mtlint"))
            .args([
                "check",
                "--format",
                "json",
                "--select",
                "last-latest",
                "a.txt",
            ])
            .current_dir(dir.path())
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
        (o.status.code(), err(&o), v)
    };
    let confidence = |v: &serde_json::Value| v["files"][0]["diagnostics"][0]["confidence"].as_f64();

    let (_, _, v) = check("pivot: fr\n");
    assert!(confidence(&v).unwrap() > 0.39, "{v}");
    assert_eq!(v["files"][0]["pivot"]["language"], "fr");
    let (_, _, v) = check("pivot: de\n");
    assert!(confidence(&v).unwrap() < 0.3, "{v}");
    let (_, _, v) = check("pivot: report-only\n");
    assert!((confidence(&v).unwrap() - 0.35).abs() < 1e-6, "{v}");

    let (_, _, v) = check("pivot: fr\nmin_confidence: 0.38\n");
    assert!(confidence(&v).is_some(), "raised over the minimum: {v}");
    let (_, _, v) = check("pivot: report-only\nmin_confidence: 0.38\n");
    assert_eq!(confidence(&v), None, "{v}");

    let (code, stderr, _) = check("language: en\npivot: French\n");
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains(
            "mtlint.yaml:2:1: pivot `French` is not `auto`, `report-only` or an ISO 639-1 code"
        ),
        "{stderr}"
    );
}
