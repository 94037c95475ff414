//! Editor latency of `mtlint lsp`: time from a `didChange` to the
//! `publishDiagnostics` of that version, for a 10 KB and a 1 MB document, with the
//! built-in rule packs. Run with `cargo bench --bench lsp_latency` (release build;
//! not part of `cargo test`). Prints a Markdown table.
//!
//! Measured per size: opening the document; single keystrokes (an insertion in
//! the middle, one at a time), in wall time and in the server's CPU time; a typing burst (30 keystrokes 20 ms apart, timed
//! from the last keystroke to the diagnostics of the last version, with the number
//! of lints it took); and a hover sent while a lint runs.

#[path = "../tests/support/lsp_client.rs"]
mod lsp_client;

use std::time::{Duration, Instant};

use lsp_client::Client;
use serde_json::{json, Value};

/// News prose from the corpus, repeated to `size` bytes (whole lines).
fn document(size: usize) -> String {
    let mut source = String::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/roundtrip/source");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    source.push_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/seed/cnn-roundtrip.txt"
        ))
        .unwrap(),
    );
    for p in paths {
        source.push_str(&std::fs::read_to_string(p).unwrap());
    }
    let mut out = String::with_capacity(size + source.len());
    'fill: loop {
        for line in source.split_inclusive('\n') {
            if out.len() + line.len() > size {
                break 'fill;
            }
            out.push_str(line);
        }
    }
    out
}

/// CPU time (user and system) the process has used so far, in ms, from
/// `/proc/PID/stat` (clock ticks of 10 ms); wall times on a shared machine
/// depend on its load, CPU times much less.
fn cpu_ms(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(vec![], |(_, rest)| rest.split_whitespace().collect());
    // After the command: state is field 3; utime and stime are fields 14 and 15.
    let ticks = |i: usize| {
        fields
            .get(i - 3)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(14) + ticks(15)) * 10.0
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn stats(mut v: Vec<f64>) -> String {
    v.sort_by(f64::total_cmp);
    format!(
        "{:.1} / {:.1} / {:.1}",
        v[0],
        v[v.len() / 2],
        v[v.len() - 1]
    )
}

fn change(c: &mut Client, uri: &str, version: i64, line: u64) {
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{
                "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}},
                "text": "x",
            }],
        }),
    );
}

fn run(size: usize, keystrokes: usize) -> Vec<String> {
    let text = document(size);
    let lines = text.lines().count() as u64;
    let mut c = Client::spawn(env!("CARGO_BIN_EXE_mtlint"), &[]);
    c.timeout = Duration::from_secs(600);
    let started = Instant::now();
    c.request("initialize", json!({"capabilities": {}}));
    c.notify("initialized", json!({}));
    let uri = "untitled:bench.txt";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    let opened = c.diagnostics(uri, Some(1));
    let open_ms = millis(started.elapsed());
    let findings = opened["diagnostics"].as_array().unwrap().len();

    // Single keystrokes, each waited for.
    let mut version = 1;
    let mut single = Vec::new();
    let mut cpu = Vec::new();
    for i in 0..keystrokes {
        version += 1;
        let (t, before) = (Instant::now(), cpu_ms(c.pid()));
        change(&mut c, uri, version, (lines / 2 + i as u64) % lines);
        c.diagnostics(uri, Some(version));
        single.push(millis(t.elapsed()));
        cpu.push(cpu_ms(c.pid()) - before);
    }

    // A typing burst: 30 keystrokes 20 ms apart.
    c.backlog.clear();
    let mut last = Instant::now();
    for _ in 0..30 {
        version += 1;
        last = Instant::now();
        change(&mut c, uri, version, lines / 3);
        std::thread::sleep(Duration::from_millis(20));
    }
    c.diagnostics(uri, Some(version));
    let burst_ms = millis(last.elapsed());
    let published = 1 + c
        .backlog
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .count();

    // A hover right behind a change waits for that change's lint.
    version += 1;
    change(&mut c, uri, version, 0);
    let t = Instant::now();
    let hover: Value = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    let hover_ms = millis(t.elapsed());
    assert!(hover.get("error").is_none(), "{hover}");

    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    c.finish();
    vec![
        format!("{} KB", size / 1000),
        findings.to_string(),
        format!("{open_ms:.1}"),
        stats(single),
        stats(cpu),
        format!("{burst_ms:.1} ({published} publications for 30 changes)"),
        format!("{hover_ms:.1}"),
    ]
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is not supported.
    let rows = [run(10_000, 20), run(1_000_000, 3)];
    println!(
        "| document | findings | open → diagnostics (ms, incl. start-up) | keystroke → diagnostics (ms, min / median / max) | server CPU per keystroke (ms) | typing burst: last keystroke → diagnostics (ms) | hover right after a change (ms) |"
    );
    println!("|---|---|---|---|---|---|---|");
    for r in rows {
        println!("| {} |", r.join(" | "));
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "\n{} cores; load average {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
}
