//! Loading annotated corpora: every validation error names the file and line.

use std::fs;
use std::path::{Path, PathBuf};

use mtlint::eval::{load_corpus, FileError, Tier};
use tempfile::TempDir;

const TEXT: &str = "The reflection group met.\nThe reflection group left in haste.\n";

const HEADER: &str = "document: doc.txt\nset: tiny\nprovenance: test\nlanguage: en\n";

/// A corpus directory holding `doc.txt` and the given files.
fn dir_with(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("doc.txt"), TEXT).unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

fn errors(dir: &Path) -> Vec<FileError> {
    load_corpus(&[PathBuf::from(dir)]).expect_err("corpus should be rejected")
}

/// Loads `doc.yaml` (HEADER + `body`) and returns its single error.
fn one_error(body: &str) -> FileError {
    let dir = dir_with(&[("doc.yaml", &format!("{HEADER}{body}"))]);
    let mut errs = errors(dir.path());
    assert_eq!(errs.len(), 1, "{errs:?}");
    let e = errs.remove(0);
    assert!(e.file.ends_with("doc.yaml"), "error names the file: {e}");
    assert!(e.to_string().contains("doc.yaml:"), "{e}");
    e
}

#[test]
fn a_valid_annotation_resolves_spans() {
    let body = "pivot: fr\nartefacts:\n  - text: reflection group\n    category: calque\n    original: think tank\n  - text: reflection group\n    occurrence: 2\n    category: calque\n    original: think tank\n    tier: hard\n    note: second\n";
    let dir = dir_with(&[("doc.yaml", &format!("{HEADER}{body}"))]);
    let corpus = load_corpus(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(corpus.documents.len(), 1);
    let doc = &corpus.documents[0];
    assert_eq!(doc.set, "tiny");
    assert_eq!(doc.pivot.as_deref(), Some("fr"));
    assert!(!doc.negative);
    let spans: Vec<(usize, usize, Tier, usize)> = doc
        .gold
        .iter()
        .map(|g| (g.start, g.end, g.tier, g.line))
        .collect();
    assert_eq!(spans, [(4, 20, Tier::Easy, 7), (30, 46, Tier::Hard, 10)]);
    assert_eq!(&doc.document.text[30..46], "reflection group");
    assert_eq!(doc.gold[1].note.as_deref(), Some("second"));
}

#[test]
fn gitignored_files_are_read_and_hidden_ones_skipped() {
    let dir = dir_with(&[
        (".gitignore", "gen/\n"),
        ("gen/doc.yaml", &HEADER.replace("doc.txt", "../doc.txt")),
        (".hidden/doc.yaml", "not: an annotation\n"),
        (
            "extra.txt",
            "A text file without annotation is not evaluated.\n",
        ),
    ]);
    let corpus = load_corpus(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(corpus.documents.len(), 1);
    assert!(corpus.documents[0].annotation.ends_with("gen/doc.yaml"));
}

#[test]
fn text_not_found() {
    let e = one_error(
        "artefacts:\n  - text: Reflection group\n    category: calque\n    original: think tank\n",
    );
    assert!(e.message.contains("\"Reflection group\" not found"), "{e}");
    assert_eq!(e.line(), Some(6));
    assert!(e.help.as_deref().unwrap().contains("case-sensitive"));
}

#[test]
fn occurrence_out_of_range() {
    let e = one_error("artefacts:\n  - text: reflection group\n    occurrence: 3\n    category: calque\n    original: x\n");
    assert!(e.message.contains("occurrence 3"), "{e}");
    assert!(e.message.contains("has 2 (on lines 1, 2)"), "{e}");
    assert_eq!(e.line(), Some(7));
}

#[test]
fn occurrence_zero() {
    let e = one_error(
        "artefacts:\n  - text: met\n    occurrence: 0\n    category: calque\n    original: x\n",
    );
    assert!(e.message.contains("1 or more"), "{e}");
    assert_eq!(e.line(), Some(7));
}

#[test]
fn overlapping_entries() {
    let e = one_error("artefacts:\n  - text: reflection group met\n    category: calque\n    original: z\n  - text: The reflection\n    category: calque\n    original: x\n");
    assert!(
        e.message
            .contains("\"The reflection\" overlaps the entry on line 6 (\"reflection group met\")"),
        "{e}"
    );
    assert_eq!(e.line(), Some(9));
}

#[test]
fn nested_overlap_is_caught() {
    // The third entry lies inside the first, after the second.
    let dir = dir_with(&[(
        "doc.yaml",
        &format!("{HEADER}artefacts:\n  - text: The reflection group met.\n    category: calque\n    original: x\n  - text: reflection\n    category: calque\n    original: y\n  - text: met\n    category: calque\n    original: z\n"),
    )]);
    let errs = errors(dir.path());
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs.iter().any(|e| e.message.contains("\"met\" overlaps")));
}

#[test]
fn duplicate_entries() {
    let e = one_error("artefacts:\n  - text: met\n    category: calque\n    original: x\n  - text: met\n    occurrence: 1\n    category: calque\n    original: x\n");
    assert!(
        e.message.contains("\"met\" duplicates the entry on line 6"),
        "{e}"
    );
    assert_eq!(e.line(), Some(9));
}

#[test]
fn empty_text() {
    let e = one_error("artefacts:\n  - text: \"\"\n    category: calque\n    original: x\n");
    assert!(e.message.contains("empty"), "{e}");
    assert_eq!(e.line(), Some(6));
}

#[test]
fn missing_document() {
    let dir = dir_with(&[("doc.yaml", &HEADER.replace("doc.txt", "nowhere.txt"))]);
    let errs = errors(dir.path());
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].message.contains("document not found"),
        "{}",
        errs[0]
    );
    assert!(errs[0].message.contains("nowhere.txt"));
    assert_eq!(errs[0].line(), Some(1));
}

#[test]
fn unknown_top_level_field() {
    let e = one_error("negativ: true\n");
    assert!(e.message.contains("unknown field `negativ`"), "{e}");
    assert_eq!(e.line(), Some(5));
}

#[test]
fn unknown_artefact_field() {
    let e = one_error("artefacts:\n  - text: met\n    category: calque\n    orginal: x\n");
    assert!(e.message.contains("unknown field `orginal`"), "{e}");
    assert_eq!(e.line(), Some(8));
}

#[test]
fn missing_required_field() {
    let dir = dir_with(&[(
        "doc.yaml",
        "document: doc.txt\nprovenance: test\nlanguage: en\n",
    )]);
    let errs = errors(dir.path());
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].message.contains("missing field `set`"),
        "{}",
        errs[0]
    );
}

#[test]
fn invalid_tier() {
    let e = one_error(
        "artefacts:\n  - text: met\n    category: calque\n    original: x\n    tier: medium\n",
    );
    assert!(e.message.contains("unknown variant `medium`"), "{e}");
    assert_eq!(e.line(), Some(9));
}

#[test]
fn a_yaml_file_that_is_not_an_annotation() {
    let dir = dir_with(&[
        ("doc.yaml", HEADER),
        ("notes.yaml", "todo: annotate more\n"),
    ]);
    let errs = errors(dir.path());
    assert_eq!(errs.len(), 1);
    assert!(errs[0].file.ends_with("notes.yaml"));
    assert!(errs[0].help.as_deref().unwrap().contains("every *.yaml"));
}

#[test]
fn negative_document_with_artefacts() {
    let e = one_error(
        "negative: true\nartefacts:\n  - text: met\n    category: calque\n    original: x\n",
    );
    assert!(e.message.contains("negative document"), "{e}");
    assert_eq!(e.line(), Some(5));
}

#[test]
fn a_set_mixing_negative_and_annotated_documents() {
    let dir = dir_with(&[
        ("a.yaml", HEADER),
        ("b.yaml", &format!("{HEADER}negative: true\n")),
    ]);
    let errs = errors(dir.path());
    assert_eq!(errs.len(), 1);
    assert!(errs[0].file.ends_with("b.yaml"));
    assert!(
        errs[0].message.contains("mixes negative and annotated"),
        "{}",
        errs[0]
    );
}

#[test]
fn directories_without_annotations_and_missing_paths() {
    let empty = TempDir::new().unwrap();
    let errs =
        load_corpus(&[empty.path().to_path_buf(), empty.path().join("missing")]).unwrap_err();
    assert_eq!(errs.len(), 2);
    assert!(errs[0].message.contains("no annotation files"));
    assert!(errs[1].message.contains("no such file or directory"));
}

#[test]
fn every_error_of_every_file_is_reported() {
    let dir = dir_with(&[
        (
            "a.yaml",
            &format!("{HEADER}artefacts:\n  - text: absent\n    category: calque\n    original: x\n  - text: met\n    occurrence: 5\n    category: calque\n    original: x\n"),
        ),
        ("b.yaml", &HEADER.replace("doc.txt", "gone.txt")),
    ]);
    let errs = errors(dir.path());
    let lines: Vec<(bool, Option<usize>)> = errs
        .iter()
        .map(|e| (e.file.ends_with("a.yaml"), e.line()))
        .collect();
    assert_eq!(lines, [(true, Some(6)), (true, Some(10)), (false, Some(1))]);
}

#[test]
fn paths_reached_twice_count_once_and_text_files_are_refused() {
    let dir = dir_with(&[("sub/doc.yaml", &HEADER.replace("doc.txt", "../doc.txt"))]);
    let root = dir.path().to_path_buf();
    let corpus = load_corpus(&[root.clone(), root.join("sub"), root.join("sub/doc.yaml")]).unwrap();
    assert_eq!(corpus.documents.len(), 1);
    let errs = load_corpus(&[root.join("doc.txt")]).unwrap_err();
    assert!(errs[0].message.contains("not an annotation"), "{}", errs[0]);
}

#[test]
fn entries_are_located_in_unindented_lists_and_after_comments() {
    let e = one_error("artefacts:\n# first\n- text: met\n  category: calque\n  original: x\n\n- text: absent\n  category: calque\n  original: y\n");
    assert!(e.message.contains("\"absent\" not found"), "{e}");
    assert_eq!(e.line(), Some(11));
}
