//! Times a full lint and a cached lint after a one-character edit (what the language
//! server does on a keystroke) of a text file, with the built-in rules.
//!
//! ```sh
//! cargo run --release --example cached_lint_speed -- FILE [text|md|html] [KEYSTROKES]
//! ```
//! With KEYSTROKES, also runs that many more keystrokes (for a profiler).
#![allow(clippy::print_stdout)]

use std::time::{Duration, Instant};

use mtlint::engine::LintCache;
use mtlint::formats::InputFormat;
use mtlint::{Document, LintOptions, Linter, RuleSet};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a text file");
    let format = match args.next().as_deref() {
        Some("md") => InputFormat::Markdown,
        Some("html") => InputFormat::Html,
        _ => InputFormat::Text,
    };
    let more: usize = args.next().map_or(0, |n| n.parse().expect("a number"));
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let linter = Linter::new(RuleSet::builtin().unwrap(), LintOptions::default()).unwrap();
    let doc = |t: &str| Document::new("t", t).with_format(format);
    let best = |f: &mut dyn FnMut()| {
        let mut best = Duration::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            f();
            best = best.min(t.elapsed());
        }
        best.as_secs_f64() * 1000.0
    };
    let d = doc(&text);
    // (Skipped when profiling keystrokes.)
    let full = if more > 0 {
        0.0
    } else {
        best(&mut || {
            linter.lint(&d);
        })
    };
    let mut cache = LintCache::new();
    let t = Instant::now();
    let n = linter.lint_cached(&d, &mut cache).findings.len();
    let open = t.elapsed().as_secs_f64() * 1000.0;
    // Keystrokes in the middle, each a new line text.
    let mid = text[..text.len() / 2].rfind('\n').map_or(0, |i| i + 1);
    let mut edited = text.clone();
    let keystroke = best(&mut || {
        edited.insert(mid, 'x');
        linter.lint_cached(&doc(&edited), &mut cache);
    });
    for _ in 0..more {
        edited.insert(mid, 'x');
        linter.lint_cached(&doc(&edited), &mut cache);
    }
    println!(
        "{} bytes, {n} findings: full lint {full:.2} ms, cached lint from empty {open:.2} ms, keystroke {keystroke:.2} ms",
        text.len()
    );
}
