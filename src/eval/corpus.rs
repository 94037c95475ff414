//! Annotated corpora: text documents with sidecar YAML annotations of their artefacts.
//!
//! Every `*.yaml` file under a corpus directory is an annotation (anything else
//! there is an error) that names its document, relative to the YAML file:
//!
//! ```yaml
//! document: doc-01.txt
//! set: roundtrip-es
//! provenance: "…"
//! language: en
//! pivot: es              # optional
//! negative: false        # true: clean human text, every finding is a false positive
//! artefacts:
//!   - text: "exact text" # exact and case-sensitive
//!     occurrence: 1      # n-th non-overlapping occurrence, 1-based (default 1)
//!     category: word-choice
//!     original: "the original"
//!     pivot: es          # optional
//!     tier: easy         # optional: easy (default) | hard
//!     note: "…"          # optional
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::error::{yaml_error, FileError};
use super::locate::Locator;
use crate::document::{Document, LineIndex, ReadError};

/// How hard an artefact is to detect: recall is reported on easy spans and on all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// Within reach of phrase and pattern rules.
    #[default]
    Easy,
    /// Needs understanding mtlint does not have yet; kept so recall is honest.
    Hard,
}

/// The annotation file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnnotationFile {
    document: String,
    set: String,
    provenance: String,
    language: String,
    #[serde(default)]
    pivot: Option<String>,
    #[serde(default)]
    negative: bool,
    #[serde(default)]
    artefacts: Vec<ArtefactEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArtefactEntry {
    text: String,
    #[serde(default = "first")]
    occurrence: i64,
    category: String,
    original: String,
    #[serde(default)]
    pivot: Option<String>,
    #[serde(default)]
    tier: Tier,
    #[serde(default)]
    note: Option<String>,
}

fn first() -> i64 {
    1
}

/// One annotated artefact, resolved to a byte span of its document.
#[derive(Debug, Clone)]
pub struct GoldSpan {
    /// Start byte offset in the document.
    pub start: usize,
    /// End byte offset, exclusive.
    pub end: usize,
    /// Artefact category (a free string such as `calque` or `word-order`).
    pub category: String,
    /// The likely original wording.
    pub original: String,
    /// Pivot language that produced it, when known.
    pub pivot: Option<String>,
    /// Detection difficulty.
    pub tier: Tier,
    /// The annotator's note.
    pub note: Option<String>,
    /// 1-based line of the entry in the annotation file.
    pub line: usize,
}

/// A document and its annotation.
#[derive(Debug, Clone)]
pub struct AnnotatedDocument {
    /// The annotation file.
    pub annotation: PathBuf,
    /// The text, with its path as found from the annotation.
    pub document: Document,
    /// Name of the document set (reports group by it).
    pub set: String,
    /// Where the text came from.
    pub provenance: String,
    /// Language of the text (ISO 639-1); the document is linted as this language.
    pub language: String,
    /// Pivot language of a round trip, when known.
    pub pivot: Option<String>,
    /// Clean human text: every finding is a false positive.
    pub negative: bool,
    /// Annotated artefacts, sorted by position, never overlapping.
    pub gold: Vec<GoldSpan>,
}

/// Annotated documents, in path order.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The documents.
    pub documents: Vec<AnnotatedDocument>,
}

/// Loads every annotation under `paths` (directories are walked, files taken as
/// they are), collecting every error rather than stopping at the first.
pub fn load_corpus(paths: &[PathBuf]) -> Result<Corpus, Vec<FileError>> {
    let mut errors = Vec::new();
    let mut documents = Vec::new();
    for file in find_annotations(paths, &mut errors) {
        match load_annotation(&file) {
            Ok(doc) => documents.push(doc),
            Err(e) => errors.extend(e),
        }
    }
    check_sets(&documents, &mut errors);
    if errors.is_empty() {
        Ok(Corpus { documents })
    } else {
        Err(errors)
    }
}

/// The annotation files under `paths`, sorted; files given directly are kept.
/// Hidden files are skipped; `.gitignore` is not honoured, because generated
/// sets (fetched at evaluation time) are usually ignored by git.
fn find_annotations(paths: &[PathBuf], errors: &mut Vec<FileError>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        if path.is_file() {
            if path.extension().is_some_and(|e| e == "yaml") {
                out.push(path.clone());
            } else {
                errors.push(FileError::file(
                    shown,
                    "not an annotation: give a corpus directory or a *.yaml annotation file",
                ));
            }
            continue;
        }
        if !path.is_dir() {
            errors.push(FileError::file(shown, "no such file or directory"));
            continue;
        }
        let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(path)
            .standard_filters(false)
            .hidden(true)
            .build()
            .flatten()
            .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
            .map(ignore::DirEntry::into_path)
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        if found.is_empty() {
            errors.push(
                FileError::file(shown, "no annotation files (*.yaml) in this directory").with_help(
                    "each document needs a sidecar YAML annotation; see `mtlint eval --help`",
                ),
            );
        }
        found.sort();
        out.extend(found);
    }
    // A file reached twice (`eval corpus corpus/seed`) counts once.
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.canonicalize().unwrap_or_else(|_| p.clone())));
    out
}

/// Reads and validates one annotation file and its document.
pub fn load_annotation(path: &Path) -> Result<AnnotatedDocument, Vec<FileError>> {
    let file = path.display().to_string();
    let source = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map_err(|e| vec![FileError::file(&file, format!("invalid UTF-8: {e}"))])?,
        Err(e) => return Err(vec![FileError::file(&file, format!("cannot read: {e}"))]),
    };
    let parsed: AnnotationFile = serde_yaml::from_str(&source).map_err(|e| {
        vec![yaml_error(&file, &source, &e).with_help(
            "every *.yaml file under a corpus directory is a document annotation \
             (keys: document, set, provenance, language, pivot, negative, artefacts)",
        )]
    })?;
    let locate = Locator::new(&source);
    let doc_path = path
        .parent()
        .unwrap_or(Path::new(""))
        .join(&parsed.document);
    let document = Document::read(&doc_path).map_err(|e| {
        let message = match &e {
            ReadError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                format!("document not found: {}", doc_path.display())
            }
            _ => format!("document {e}"),
        };
        vec![
            FileError::at(&file, &source, locate.key("document"), message)
                .with_help("`document` is a path relative to the annotation file"),
        ]
    })?;
    let mut errors = Vec::new();
    if parsed.negative && !parsed.artefacts.is_empty() {
        errors.push(FileError::at(
            &file,
            &source,
            locate.key("negative"),
            "a negative document (clean text) cannot list artefacts",
        ));
    }
    let gold = resolve_spans(
        &file,
        &source,
        &locate,
        &document.text,
        parsed.artefacts,
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(AnnotatedDocument {
        annotation: path.to_path_buf(),
        document,
        set: parsed.set,
        provenance: parsed.provenance,
        language: parsed.language,
        pivot: parsed.pivot,
        negative: parsed.negative,
        gold,
    })
}

/// Finds each entry's span in the text; reports missing text, bad occurrences and overlaps.
fn resolve_spans(
    file: &str,
    source: &str,
    locate: &Locator<'_>,
    text: &str,
    entries: Vec<ArtefactEntry>,
    errors: &mut Vec<FileError>,
) -> Vec<GoldSpan> {
    let source_lines = LineIndex::new(source);
    let text_lines = LineIndex::new(text);
    let mut gold: Vec<GoldSpan> = Vec::new();
    for (i, entry) in entries.into_iter().enumerate() {
        let at = |key: &str| locate.entry_key(i, key);
        let fail = |key: &str, message: String| FileError::at(file, source, at(key), message);
        if entry.text.is_empty() {
            errors.push(fail("text", "artefact text is empty".into()));
            continue;
        }
        if entry.occurrence < 1 {
            let message = format!("occurrence must be 1 or more, not {}", entry.occurrence);
            errors.push(fail("occurrence", message));
            continue;
        }
        let starts: Vec<usize> = text.match_indices(&entry.text).map(|(s, _)| s).collect();
        let n = entry.occurrence as usize;
        let Some(&start) = starts.get(n - 1) else {
            errors.push(if starts.is_empty() {
                let message = format!("text {:?} not found in the document", entry.text);
                fail("text", message).with_help(not_found_help(text, &entry.text))
            } else {
                let mut lines: Vec<String> = starts
                    .iter()
                    .map(|&s| (text_lines.line_of(s) + 1).to_string())
                    .collect();
                lines.dedup();
                let message = format!(
                    "occurrence {n} of {:?} is out of range: the document has {} (on line{} {})",
                    entry.text,
                    starts.len(),
                    if starts.len() == 1 { "" } else { "s" },
                    lines.join(", ")
                );
                fail("occurrence", message)
            });
            continue;
        };
        gold.push(GoldSpan {
            start,
            end: start + entry.text.len(),
            category: entry.category,
            original: entry.original,
            pivot: entry.pivot,
            tier: entry.tier,
            note: entry.note,
            line: source_lines.line_of(locate.entry(i).0) + 1,
        });
    }
    gold.sort_by_key(|g| (g.start, g.end, g.line));
    // Compare each span with the one reaching furthest so far, so a span nested
    // after another inside a long one is caught too.
    let mut widest: Option<&GoldSpan> = None;
    for g in &gold {
        match widest {
            Some(w) if g.start < w.end => {
                let (later, earlier) = if g.line > w.line { (g, w) } else { (w, g) };
                let what = if (g.start, g.end) == (w.start, w.end) {
                    "duplicates"
                } else {
                    "overlaps"
                };
                errors.push(
                    FileError::at(
                        file,
                        source,
                        locate.line_span(later.line),
                        format!(
                            "artefact {:?} {what} the entry on line {} ({:?})",
                            &text[later.start..later.end],
                            earlier.line,
                            &text[earlier.start..earlier.end]
                        ),
                    )
                    .with_help("annotate each region once: merge the entries or shorten one"),
                );
                if g.end > w.end {
                    widest = Some(g);
                }
            }
            _ => widest = Some(g),
        }
    }
    gold
}

/// A hint for text that is not in the document: a case-insensitive or
/// whitespace-normalised match is the usual culprit.
fn not_found_help(text: &str, needle: &str) -> String {
    let lower = text.to_lowercase();
    if lower.contains(&needle.to_lowercase()) {
        return "the text occurs with different capitalisation; `text` is case-sensitive".into();
    }
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    if squeeze(text).contains(&squeeze(needle)) {
        return "the text occurs with different spacing or line breaks; `text` must match exactly"
            .into();
    }
    if needle.contains(['\'', '"']) || text.contains(['’', '“', '”']) {
        return "check straight versus curly quotes and apostrophes; `text` must match exactly"
            .into();
    }
    "copy the text exactly from the document".into()
}

/// Every document of a set must agree on whether the set is negative.
fn check_sets(documents: &[AnnotatedDocument], errors: &mut Vec<FileError>) {
    let mut first: BTreeMap<&str, &AnnotatedDocument> = BTreeMap::new();
    for doc in documents {
        let seen = first.entry(&doc.set).or_insert(doc);
        if seen.negative != doc.negative {
            errors.push(FileError::file(
                doc.annotation.display().to_string(),
                format!(
                    "set `{}` mixes negative and annotated documents: this one says `negative: {}`, {} says `negative: {}`",
                    doc.set,
                    doc.negative,
                    seen.annotation.display(),
                    seen.negative
                ),
            ));
        }
    }
}
