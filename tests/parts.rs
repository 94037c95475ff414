//! Huge files are read and linted in parts: the findings, positions and outputs must be
//! those of the whole text.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use mtlint::document::{Document, NextPart, PartReader, ReadError};
use mtlint::{LintOptions, Linter, RuleSet};

/// The round-trip translations: many findings of many rules, with paragraphs of all
/// lengths, repeated until the text is `min` bytes long. Each copy gets a numbered line,
/// so that findings sit just before and after many part ends.
fn corpus_text(min: usize) -> String {
    let mut docs: Vec<String> = Vec::new();
    for lang in ["ca", "es", "gl", "eo"] {
        let dir = Path::new("corpus/roundtrip").join(lang);
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        docs.extend(paths.iter().map(|p| std::fs::read_to_string(p).unwrap()));
    }
    let mut text = String::new();
    let mut copy = 0;
    while text.len() < min {
        for d in &docs {
            text.push_str(&format!("Copy {copy}.\n"));
            text.push_str(d.trim_end());
            text.push('\n');
        }
        copy += 1;
    }
    text
}

fn builtin_linter() -> Linter {
    Linter::new(RuleSet::builtin().unwrap(), LintOptions::default()).unwrap()
}

fn temp_file(bytes: &[u8]) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(".txt").tempfile().unwrap();
    f.write_all(bytes).unwrap();
    f.flush().unwrap();
    f
}

/// All parts of a file, or its read error.
fn parts(path: &Path, size: usize) -> Result<Vec<String>, ReadError> {
    let mut reader = PartReader::open(path, size)?;
    let mut out = Vec::new();
    loop {
        match reader.next_part()? {
            NextPart::Part(p) => out.push(p),
            NextPart::End => return Ok(out),
            NextPart::NoBoundary => panic!("no place to end a part"),
        }
    }
}

/// Asserts that `report` has the words, pivot and findings of `expected`.
fn assert_same_findings(report: &mtlint::Report, expected: &mtlint::Report, label: &str) {
    assert_eq!(report.words, expected.words, "{label}");
    assert_eq!(report.pivot, expected.pivot, "{label}");
    assert_eq!(
        format!("{:?}", report.findings),
        format!("{:?}", expected.findings),
        "{label}"
    );
}

#[test]
fn parts_end_after_sentences_and_join_to_the_text() {
    let text = corpus_text(300_000);
    let file = temp_file(text.as_bytes());
    let parts = parts(file.path(), 20_000).unwrap();
    assert!(parts.len() > 10, "{} parts", parts.len());
    assert_eq!(parts.concat(), text);
    for p in &parts[..parts.len() - 1] {
        assert!(p.len() >= 20_000);
        assert!(p.ends_with(".\n") || p.ends_with("!\n") || p.ends_with("?\n"));
    }
}

#[test]
fn linting_in_parts_finds_what_the_whole_text_has() {
    let linter = builtin_linter();
    let text = corpus_text(400_000);
    let whole = Document::new("t.txt", text.clone());
    let expected = linter.lint(&whole);
    assert!(expected.findings.len() > 100, "{}", expected.findings.len());
    let file = temp_file(text.as_bytes());
    for size in [17_000, 40_000, 150_000] {
        let mut lint = linter.lint_parts();
        let parts = parts(file.path(), size).unwrap();
        for p in &parts {
            assert!(lint.push(p), "part size {size}: undecidable");
        }
        if lint.needs_counts() {
            for p in &parts {
                lint.count_in(p);
            }
        }
        let (report, excerpts) = lint.finish().expect("decidable");
        assert_eq!(report.language, expected.language);
        assert_eq!(report.language_source, expected.language_source);
        assert_same_findings(&report, &expected, &format!("part size {size}"));
        let doc = Document::excerpted("t.txt", excerpts);
        assert!(!doc.is_blank());
        for f in &report.findings {
            for at in [f.start, f.end] {
                assert_eq!(doc.line_col(at), whole.line_col(at), "offset {at}");
                assert_eq!(doc.lsp_position(at), whole.lsp_position(at));
            }
            assert_eq!(doc.line_at(f.start), whole.line_at(f.start));
            assert_eq!(
                doc.span_text(f.start, f.end),
                whole.span_text(f.start, f.end)
            );
        }
    }
}

#[test]
fn repeated_unknown_words_count_over_the_whole_document() {
    // A garbled word once per part is reported in each part alone, but the document
    // repeats it: a term of the document, not a garble.
    let linter = builtin_linter();
    let para = "The committee discussed the budget for the coming year and agreed on most points. ";
    let garbled = "Section 1 says the nitrogena level rose.\n";
    let once = linter.lint(&Document::new("t.txt", format!("{para}{garbled}")));
    let non_word = |r: &mtlint::Report| r.findings.iter().any(|f| f.rule.ends_with("/non-word"));
    assert!(non_word(&once), "{:?}", once.findings);
    let mut text = String::new();
    for _ in 0..24 {
        // One line of about 20 KB per part of 17 KB.
        text.push_str(&para.repeat(240));
        text.push_str(garbled);
    }
    let whole = linter.lint(&Document::new("t.txt", text.clone()));
    assert!(!non_word(&whole));
    let file = temp_file(text.as_bytes());
    let mut lint = linter.lint_parts();
    let parts = parts(file.path(), 17_000).unwrap();
    assert_eq!(parts.len(), 24);
    for p in &parts {
        assert!(lint.push(p));
    }
    if lint.needs_counts() {
        for p in &parts {
            lint.count_in(p);
        }
    }
    let (report, _) = lint.finish().unwrap();
    assert_eq!(
        format!("{:?}", report.findings),
        format!("{:?}", whole.findings)
    );
}

#[test]
fn invalid_utf8_in_a_later_part_names_its_offset_and_line() {
    let text = corpus_text(100_000);
    let mut bytes = text.clone().into_bytes();
    let at = 80_000 + text[80_000..].find(' ').unwrap();
    bytes[at] = 0xFF;
    let whole = Document::from_bytes("x".into(), bytes.clone()).unwrap_err();
    let file = temp_file(&bytes);
    let err = parts(file.path(), 17_000).unwrap_err();
    let line = 1 + text[..at].matches('\n').count();
    match (&err, &whole) {
        (
            ReadError::InvalidUtf8 {
                offset, line: l, ..
            },
            ReadError::InvalidUtf8 {
                offset: wo,
                line: wl,
                ..
            },
        ) => {
            assert_eq!((*offset, *l), (at, line));
            assert_eq!((*wo, *wl), (at, line));
        }
        other => panic!("{other:?}"),
    }
    // A NUL byte anywhere makes it a binary file, as when read whole.
    bytes[95_000] = 0;
    let file = temp_file(&bytes);
    match parts(file.path(), 17_000).unwrap_err() {
        ReadError::Binary { offset, .. } => assert_eq!(offset, 95_000),
        other => panic!("{other:?}"),
    }
}

/// `mtlint check` with the given part size (0: files are read whole).
fn check(format: &str, path: &Path, part_size: usize) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mtlint"));
    cmd.args(["check", "--format", format])
        .arg(path)
        .env("NO_COLOR", "1");
    if part_size > 0 {
        cmd.env("MTLINT_PART_SIZE", part_size.to_string());
    }
    let out = cmd.output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    // The pretty summary ends with the time taken.
    regex::Regex::new(r" in [0-9.]+ ms\.")
        .unwrap()
        .replace_all(&s, " in <time> ms.")
        .into_owned()
}

#[test]
fn every_format_read_in_parts_prints_what_a_whole_read_prints() {
    let text = corpus_text(200_000);
    let file = temp_file(text.as_bytes());
    for format in ["short", "json", "pretty", "github"] {
        let whole = check(format, file.path(), 0);
        assert!(whole.len() > 10_000, "{format}: {whole}");
        assert_eq!(check(format, file.path(), 20_000), whole, "{format}");
    }
}

#[test]
fn a_long_text_linted_on_several_threads_finds_what_one_thread_finds() {
    // Texts of a megabyte or more are linted in parts, in parallel, when the pool has
    // more than one thread.
    let linter = builtin_linter();
    let text = corpus_text(1_100_000);
    let doc = Document::new("t.txt", text.clone());
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| linter.lint(&doc))
    };
    let expected = on(1);
    assert!(expected.findings.len() > 300, "{}", expected.findings.len());
    for threads in [2, 3] {
        assert_same_findings(&on(threads), &expected, &format!("{threads} threads"));
    }
}

#[test]
fn a_text_split_in_memory_is_cut_where_a_file_read_in_parts_is() {
    let text = corpus_text(300_000);
    let file = temp_file(text.as_bytes());
    for size in [20_000, 77_777, 1 << 20] {
        let split = mtlint::document::split_in_parts(&text, size);
        assert_eq!(split.concat(), text);
        assert_eq!(split, parts(file.path(), size).unwrap(), "part size {size}");
    }
    assert!(mtlint::document::split_in_parts("", 10).is_empty());
    assert_eq!(
        mtlint::document::split_in_parts("One.\nTwo.\n three\nfour.\nFive", 1),
        ["One.\n", "Two.\n three\nfour.\n", "Five"]
    );
}
