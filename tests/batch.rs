//! Batch mode: `mtlint check --format jsonl -` over JSON Lines documents on stdin.

#[path = "support/stdin.rs"]
mod stdin;
use std::sync::Arc;
use stdin::mtlint_stdin;

use mtlint::batch::{self, BatchOptions};
use mtlint::rules::{load_dir, load_rule_set};
use mtlint::{LintOptions, Linter};
use serde_json::{json, Value};

const DEMO: &[&str] = &["--no-builtin", "--rules", "tests/fixtures/packs"];

/// Runs batch mode with the demo pack; returns the exit code and the parsed result lines.
fn batch(input: &[u8]) -> (Option<i32>, Vec<Value>) {
    let mut args = vec!["check", "--format", "jsonl"];
    args.extend_from_slice(DEMO);
    args.push("-");
    let o = mtlint_stdin(&args, input);
    let stdout = String::from_utf8(o.stdout).unwrap();
    let lines = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (o.status.code(), lines)
}

fn jsonl(docs: &[Value]) -> Vec<u8> {
    let mut out = Vec::new();
    for d in docs {
        serde_json::to_writer(&mut out, d).unwrap();
        out.push(b'\n');
    }
    out
}

fn rules(v: &Value) -> Vec<&str> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect()
}

const SMALL: &str = include_str!("fixtures/small.txt");

#[test]
fn several_documents() {
    let input = jsonl(&[
        json!({"id": "a", "text": SMALL}),
        json!({"id": 2, "text": "Nothing to see here."}),
        json!({"id": "c", "text": "A reflection group met.", "extra": [1, 2]}),
    ]);
    let (code, out) = batch(&input);
    assert_eq!(code, Some(0), "findings do not fail a batch");
    assert_eq!(out.len(), 3);
    assert_eq!(out[0]["id"], "a");
    assert_eq!(out[1]["id"], 2);
    assert_eq!(out[2]["id"], "c");
    assert_eq!(out[1]["findings"], json!([]));
    assert_eq!(out[1]["words"], 4);
    assert_eq!(out[1]["pivot"], Value::Null);
    assert_eq!(rules(&out[2]), ["demo/reflection-group"]);
    assert_eq!(out[0]["language"], "en");
}

#[test]
fn findings_are_the_json_format_diagnostics() {
    let (_, out) = batch(&jsonl(&[json!({"id": "a", "text": SMALL})]));
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(DEMO);
    args.push("-");
    let o = mtlint_stdin(&args, SMALL.as_bytes());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let file = &v["files"][0];
    assert!(!file["diagnostics"].as_array().unwrap().is_empty());
    assert_eq!(out[0]["findings"], file["diagnostics"]);
    assert_eq!(out[0]["pivot"], file["pivot"]);
}

#[test]
fn malformed_json_line_is_reported_and_the_stream_goes_on() {
    let mut input = jsonl(&[json!({"id": 1, "text": "A reflection group."})]);
    input.extend_from_slice(b"{\"id\": 2, \"text\": \"unterminated\n");
    input.extend_from_slice(b"not json at all\n");
    input.extend_from_slice(&jsonl(&[json!({"id": 4, "text": "A reflection group."})]));
    let (code, out) = batch(&input);
    assert_eq!(code, Some(0));
    assert_eq!(out.len(), 4);
    assert_eq!(out[1]["line"], 2);
    assert_eq!(out[1]["id"], Value::Null);
    let error = out[1]["error"].as_str().unwrap();
    assert!(error.starts_with("line 2: invalid JSON"), "{error}");
    assert!(out[2]["error"].as_str().unwrap().starts_with("line 3: "));
    assert_eq!(out[3]["id"], 4);
    assert_eq!(rules(&out[3]), ["demo/reflection-group"]);
}

#[test]
fn missing_and_mistyped_fields() {
    let input = jsonl(&[
        json!({"text": "no id"}),
        json!({"id": "t"}),
        json!({"id": {"x": 1}, "text": "object id"}),
        json!({"id": "n", "text": 42}),
        json!({"id": "f", "text": "x", "format": "pdf"}),
        json!({"id": "l", "text": "x", "lang": "english"}),
        json!(["id", "text"]),
        json!({"id": "ok", "text": "fine", "format": null, "lang": null}),
    ]);
    let (code, out) = batch(&input);
    assert_eq!(code, Some(0));
    let errors: Vec<(&Value, &str)> = out
        .iter()
        .filter_map(|v| Some((&v["id"], v["error"].as_str()?)))
        .collect();
    assert_eq!(
        errors,
        [
            (&Value::Null, "line 1: missing `id`"),
            (&json!("t"), "line 2: missing `text`"),
            (&Value::Null, "line 3: `id` must be a string or a number"),
            (&json!("n"), "line 4: `text` must be a string"),
            (
                &json!("f"),
                "line 5: unknown `format` \"pdf\" (expected text, markdown or html)"
            ),
            (
                &json!("l"),
                "line 6: `lang` \"english\" is not a language code (ISO 639-1, e.g. \"en\")"
            ),
            (
                &Value::Null,
                "line 7: expected a JSON object with `id` and `text`"
            ),
        ]
    );
    assert_eq!(out[7]["id"], "ok");
    assert_eq!(out[7]["findings"], json!([]));
}

#[test]
fn invalid_utf8_line() {
    let mut input = jsonl(&[json!({"id": 1, "text": "fine"})]);
    input.extend_from_slice(b"{\"id\": 2, \"text\": \"caf\xe9\"}\n");
    input.extend_from_slice(&jsonl(&[json!({"id": 3, "text": "fine"})]));
    let (code, out) = batch(&input);
    assert_eq!(code, Some(0));
    assert_eq!(out.len(), 3);
    assert_eq!(out[1]["line"], 2);
    assert_eq!(out[1]["error"], "line 2: invalid UTF-8 at byte offset 22");
    assert_eq!(out[2]["id"], 3);
}

#[test]
fn blank_lines_crlf_and_a_missing_final_newline() {
    let input =
        b"\n   \n{\"id\":1,\"text\":\"A reflection group.\"}\r\n\r\n\t\n{\"id\":2,\"text\":\"x\"}\n{bad";
    let (code, out) = batch(input);
    assert_eq!(code, Some(0));
    assert_eq!(out.len(), 3, "{out:?}");
    assert_eq!(out[0]["id"], 1);
    assert_eq!(out[1]["id"], 2);
    // Line numbers count the blank lines too.
    assert_eq!(out[2]["line"], 7);
    let (code, out) = batch(b"\n\n");
    assert_eq!((code, out.len()), (Some(0), 0));
}

#[test]
fn output_order_is_input_order() {
    // Documents of very different sizes, so that parallel workers finish out of order.
    let docs: Vec<Value> = (0..300)
        .map(|i| {
            let n = if i % 7 == 0 { 2000 } else { 1 };
            json!({"id": i, "text": "The coalition of wishes met. ".repeat(n)})
        })
        .collect();
    let (code, out) = batch(&jsonl(&docs));
    assert_eq!(code, Some(0));
    let ids: Vec<u64> = out.iter().map(|v| v["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, (0..300).collect::<Vec<_>>());
    assert_eq!(out[7]["findings"].as_array().unwrap().len(), 2000);
}

#[test]
fn large_document() {
    // About 2 MB in one line, with one finding every tenth sentence.
    let chunk = format!(
        "A Ukrainian reflection group met. {}",
        "The weather was fine on Tuesday in the capital. ".repeat(9)
    );
    let text = chunk.repeat(4_000);
    let input = jsonl(&[
        json!({"id": "big", "text": text}),
        json!({"id": "after", "text": "x"}),
    ]);
    let (code, out) = batch(&input);
    assert_eq!(code, Some(0));
    assert_eq!(out.len(), 2);
    assert_eq!(out[0]["words"], 4_000 * (5 + 9 * 9));
    let findings = out[0]["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 4_000);
    assert_eq!(findings[3_999]["span"]["start"], 3_999 * chunk.len() + 12);
    assert_eq!(out[1]["id"], "after");
}

#[test]
fn format_and_lang_fields() {
    let input = jsonl(&[
        json!({"id": 1, "text": "<p>A reflection group</p><code>reflection group</code>", "format": "html"}),
        json!({"id": 2, "text": "A reflection group `reflection group`", "format": "markdown"}),
        json!({"id": 3, "text": "A reflection group met.", "lang": "fr"}),
        json!({"id": 4, "text": "A reflection group met.", "lang": "en"}),
    ]);
    let (_, out) = batch(&input);
    assert_eq!(rules(&out[0]), ["demo/reflection-group"]);
    assert_eq!(out[0]["findings"][0]["span"]["start"], 5);
    assert_eq!(rules(&out[1]), ["demo/reflection-group"]);
    // The demo pack is for English: nothing applies to a document in French.
    assert_eq!(out[2]["language"], "fr");
    assert_eq!(rules(&out[2]), Vec::<&str>::new());
    assert_eq!(out[3]["language"], "en");
    assert_eq!(rules(&out[3]), ["demo/reflection-group"]);
}

#[test]
fn usage_errors() {
    let mut args = vec!["check", "--format", "jsonl"];
    args.extend_from_slice(DEMO);
    let with = |extra: &[&str]| {
        let mut a = args.clone();
        a.extend_from_slice(extra);
        mtlint_stdin(&a, b"")
    };
    let o = with(&["tests/fixtures/small.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("give `-` as the only path"));
    let o = with(&["--fix", "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("does not apply fixes"));
    // No path at all reads stdin too.
    let o = with(&[]);
    assert_eq!((o.status.code(), o.stdout.len()), (Some(0), 0));
}

/// The library entry point gives the same lines whatever the read-ahead window.
#[test]
fn window_size_does_not_change_the_output() {
    let sources = load_dir(std::path::Path::new("tests/fixtures/packs")).unwrap();
    let linter =
        Arc::new(Linter::new(load_rule_set(&sources).unwrap(), LintOptions::default()).unwrap());
    let mut input = jsonl(
        &(0..50)
            .map(|i| json!({"id": i, "text": "A reflection group. ".repeat(i % 5 + 1)}))
            .collect::<Vec<_>>(),
    );
    input.extend_from_slice(b"oops\n");
    let run = |window_docs: usize, window_bytes: usize| {
        let mut out = Vec::new();
        let options = BatchOptions {
            window_docs,
            window_bytes,
            ..Default::default()
        };
        let stats = batch::run(&mut &input[..], &mut out, linter.clone(), &options).unwrap();
        (out, stats)
    };
    let (one, stats) = run(1, 1);
    assert_eq!(
        (stats.documents, stats.with_findings, stats.errors),
        (50, 50, 1)
    );
    assert_eq!(run(7, 100), (one.clone(), stats.clone()));
    assert_eq!(run(1000, 1 << 20), (one, stats));
}

#[test]
fn output_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.jsonl");
    let path_str = path.to_str().unwrap();
    let mut args = vec!["check", "--format", "jsonl", "--output", path_str];
    args.extend_from_slice(DEMO);
    args.push("-");
    let input = jsonl(&[
        json!({"id": 1, "text": "A reflection group."}),
        json!({"id": 2}),
    ]);
    let o = mtlint_stdin(&args, &input);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    let written = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<Value> = written
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(rules(&lines[0]), ["demo/reflection-group"]);
    assert_eq!(lines[1]["error"], "line 2: missing `text`");
}
