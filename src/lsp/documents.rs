//! Open documents: their text kept in step with the editor's (full and
//! incremental changes, positions in UTF-16), their format, and their last lint.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types::{TextDocumentContentChangeEvent, Url};

use crate::document::Document;
use crate::engine::{Linter, Report};
use crate::formats::InputFormat;

/// A document the editor has open.
pub struct OpenDocument {
    /// The text as the editor has it, with its format.
    pub doc: Document,
    /// The editor's version of the text.
    pub version: i32,
    /// Tells this opening of the URI from earlier ones (a lint started before a
    /// close and reopen must not count for the new document).
    pub generation: u64,
    /// The language id the editor gave.
    pub language_id: String,
    /// The last lint that finished, possibly of an older version.
    pub linted: Option<Linted>,
}

/// A finished lint of a document.
pub struct Linted {
    /// What the linter found.
    pub report: Report,
    /// The linter that found it (its rule set explains the findings).
    pub linter: Arc<Linter>,
    /// Minimum confidence of the fixes that fix-all applies.
    pub fix_min_confidence: f32,
    /// The version linted.
    pub version: i32,
    /// The text linted.
    pub source: Document,
    /// The configuration changed since: lint again even if the text did not.
    pub outdated: bool,
}

impl Linted {
    /// Whether the span `start..end` found by this lint holds the same text in
    /// `doc`, so that a finding of an older version can still be shown.
    pub fn holds(&self, doc: &Document, start: usize, end: usize) -> bool {
        match (self.source.text.get(start..end), doc.text.get(start..end)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
    }
}

impl OpenDocument {
    /// A newly opened document.
    pub fn new(
        uri: &Url,
        text: String,
        version: i32,
        language_id: String,
        format: InputFormat,
    ) -> Self {
        OpenDocument {
            doc: Document::new(display_path(uri), text).with_format(format),
            version,
            generation: 0,
            language_id,
            linted: None,
        }
    }

    /// Whether the last lint is of the current text.
    pub fn is_current(&self) -> bool {
        self.linted
            .as_ref()
            .is_some_and(|l| l.version == self.version && !l.outdated)
    }

    /// Applies the changes of one `didChange`, in order.
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, version: i32) {
        for change in changes {
            self.doc = apply_change(
                std::mem::replace(&mut self.doc, Document::new("", "")),
                change,
            );
        }
        self.version = version;
    }
}

/// Applies one change: the whole text when it has no range, else a splice of the
/// range (positions in UTF-16 code units, clamped to the text).
pub fn apply_change(doc: Document, change: TextDocumentContentChangeEvent) -> Document {
    let format = doc.format;
    let Some(range) = change.range else {
        return Document::new(doc.path, change.text).with_format(format);
    };
    let a = doc.offset_of_lsp_position(range.start.line, range.start.character);
    let b = doc.offset_of_lsp_position(range.end.line, range.end.character);
    let (start, end) = (a.min(b), a.max(b));
    let Document { path, mut text, .. } = doc;
    text.replace_range(start..end, &change.text);
    Document::new(path, text).with_format(format)
}

/// The file path of a `file:` URI, if it is one.
pub fn file_path(uri: &Url) -> Option<PathBuf> {
    if uri.scheme() == "file" {
        uri.to_file_path().ok()
    } else {
        None
    }
}

/// The path shown for a document: its file path, or the URI.
fn display_path(uri: &Url) -> String {
    file_path(uri).map_or_else(|| uri.to_string(), |p| p.display().to_string())
}

/// The format of a document from the editor's language id: known ids first, then
/// the `formats` setting, then the file extension, else plain text.
pub fn format_of(
    language_id: &str,
    uri: &Url,
    formats: &HashMap<String, InputFormat>,
) -> InputFormat {
    match language_id.to_ascii_lowercase().as_str() {
        "markdown" | "md" | "rmd" | "rmarkdown" => InputFormat::Markdown,
        "html" | "htm" | "xhtml" => InputFormat::Html,
        "plaintext" | "text" | "txt" | "plain" => InputFormat::Text,
        other => formats
            .get(other)
            .or_else(|| formats.get(language_id))
            .copied()
            .unwrap_or_else(|| InputFormat::from_path(Path::new(uri.path()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|((sl, sc), (el, ec))| {
                Range::new(Position::new(sl, sc), Position::new(el, ec))
            }),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_changes_count_utf16_units() {
        let uri = Url::parse("file:///t/a.md").unwrap();
        let mut d = OpenDocument::new(
            &uri,
            "😀 é 北京 kyiv\r\nline two\n".into(),
            1,
            "markdown".into(),
            InputFormat::Markdown,
        );
        // 😀 is two units, é and 北京 one each: "kyiv" starts at unit 8.
        d.apply(vec![change(Some(((0, 8), (0, 12))), "Kyiv")], 2);
        assert_eq!(d.doc.text, "😀 é 北京 Kyiv\r\nline two\n");
        // Several changes apply in order, each against the text the previous left.
        d.apply(
            vec![
                change(Some(((1, 0), (1, 4))), "LINE"),
                change(Some(((0, 0), (0, 2))), ""),
                change(Some(((1, 99), (1, 99))), "!"),
            ],
            3,
        );
        assert_eq!(d.doc.text, " é 北京 Kyiv\r\nLINE two!\n");
        assert_eq!(d.version, 3);
        assert_eq!(d.doc.format, InputFormat::Markdown);
        // Insertion at the end of the text, past the last line.
        d.apply(vec![change(Some(((2, 0), (2, 0))), "three")], 4);
        assert_eq!(d.doc.text, " é 北京 Kyiv\r\nLINE two!\nthree");
        d.apply(vec![change(None, "all new")], 5);
        assert_eq!(d.doc.text, "all new");
    }

    #[test]
    fn formats_come_from_language_ids_then_extensions() {
        let md = Url::parse("file:///x/notes.md").unwrap();
        let txt = Url::parse("untitled:Untitled-1").unwrap();
        let none = HashMap::new();
        assert_eq!(format_of("markdown", &txt, &none), InputFormat::Markdown);
        assert_eq!(format_of("plaintext", &md, &none), InputFormat::Text);
        assert_eq!(format_of("gitcommit", &md, &none), InputFormat::Markdown);
        assert_eq!(format_of("gitcommit", &txt, &none), InputFormat::Text);
        let map = HashMap::from([("asciidoc".to_string(), InputFormat::Html)]);
        assert_eq!(format_of("asciidoc", &txt, &map), InputFormat::Html);
    }
}
