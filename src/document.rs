//! Documents: the text being linted, its line index and position encodings.

use std::fs;
use std::io::Read;
use std::path::Path;

use thiserror::Error;

use crate::engine::pivot::SpanText;
use crate::formats::InputFormat;

/// An error reading a document; each names the file and, where it applies, the byte offset.
#[derive(Debug, Error)]
pub enum ReadError {
    /// The path could not be read (missing file, permissions, …).
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The path as given by the user.
        path: String,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// The path is a directory where a file was expected.
    #[error("{path}: is a directory, not a file")]
    Directory {
        /// The path as given by the user.
        path: String,
    },
    /// The bytes are not valid UTF-8.
    #[error("{path}: invalid UTF-8 at byte offset {offset} (line {line})")]
    InvalidUtf8 {
        /// The path as given by the user.
        path: String,
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// 1-based line of the first invalid byte.
        line: usize,
    },
    /// The file contains a NUL byte, so it is binary, not text.
    #[error("{path}: binary file (NUL byte at byte offset {offset}), not linted")]
    Binary {
        /// The path as given by the user.
        path: String,
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
}

/// A text document with a line index.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path shown in reports (`-` or the `--stdin-filename` for stdin).
    pub path: String,
    /// The full text.
    pub text: String,
    /// How to find the prose in the text.
    pub format: InputFormat,
    index: LineIndex,
    /// For a document read in parts: the lines around its findings (`text` is then
    /// empty; see [`Document::excerpted`]).
    excerpts: Option<Box<Excerpts>>,
}

impl Document {
    /// Builds a plain-text document from text already in memory.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let index = LineIndex::new(&text);
        Document {
            path: path.into(),
            text,
            format: InputFormat::Text,
            index,
            excerpts: None,
        }
    }

    /// A plain-text document read and linted in parts, of which only the lines around
    /// its findings were kept: `text` is empty, positions and span texts come from
    /// `excerpts`.
    pub fn excerpted(path: impl Into<String>, excerpts: Excerpts) -> Self {
        Document {
            path: path.into(),
            text: String::new(),
            format: InputFormat::Text,
            index: LineIndex::default(),
            excerpts: Some(Box::new(excerpts)),
        }
    }

    /// Whether only excerpts of the text were kept ([`Document::excerpted`]).
    pub fn is_excerpted(&self) -> bool {
        self.excerpts.is_some()
    }

    /// The text of a span (of a finding); empty if an excerpted document lacks it.
    pub fn span_text(&self, start: usize, end: usize) -> &str {
        match &self.excerpts {
            Some(e) => e.span_text(start, end).unwrap_or_default(),
            None => &self.text[start..end],
        }
    }

    /// Whether the text is empty or only white space.
    pub fn is_blank(&self) -> bool {
        match &self.excerpts {
            Some(e) => e.blank,
            None => self.text.trim().is_empty(),
        }
    }

    /// The line holding `offset`: its 0-based number, the offset where it starts and its
    /// text without the line ending.
    pub fn line_at(&self, offset: usize) -> (usize, usize, &str) {
        if let Some(e) = &self.excerpts {
            return e.line_at(offset);
        }
        let line = self.index.line_of(offset);
        let range = self.index.line_range(&self.text, line);
        (line, range.start, &self.text[range])
    }

    /// Sets the input format.
    pub fn with_format(mut self, format: InputFormat) -> Self {
        self.format = format;
        self
    }

    /// Reads a file (or stdin when `path` is `-`) as UTF-8 text; the format follows the extension.
    pub fn read(path: &Path) -> Result<Self, ReadError> {
        let shown = path.display().to_string();
        let bytes = if shown == "-" {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .map_err(|source| ReadError::Io {
                    path: shown.clone(),
                    source,
                })?;
            buf
        } else {
            if path.is_dir() {
                return Err(ReadError::Directory { path: shown });
            }
            fs::read(path).map_err(|source| ReadError::Io {
                path: shown.clone(),
                source,
            })?
        };
        Ok(Self::from_bytes(shown, bytes)?.with_format(InputFormat::from_path(path)))
    }

    /// Validates raw bytes as a text document: UTF-8 and no NUL bytes.
    pub fn from_bytes(path: String, bytes: Vec<u8>) -> Result<Self, ReadError> {
        if let Some(offset) = memchr_nul(&bytes) {
            return Err(ReadError::Binary { path, offset });
        }
        match String::from_utf8(bytes) {
            // A BOM stays in the text so that fixes write the file back unchanged.
            Ok(text) => Ok(Self::new(path, text)),
            Err(err) => {
                let offset = err.utf8_error().valid_up_to();
                let bytes = err.as_bytes();
                let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
                Err(ReadError::InvalidUtf8 { path, offset, line })
            }
        }
    }

    /// The line index of this document.
    pub fn index(&self) -> &LineIndex {
        &self.index
    }

    /// 1-based line and column (in Unicode scalar values) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        if let Some(e) = &self.excerpts {
            let (line, prefix) = e.prefix(offset);
            return (line + 1, prefix.chars().count() + 1);
        }
        self.index.line_col(&self.text, offset)
    }

    /// 0-based LSP position (line, UTF-16 code unit) of a byte offset.
    pub fn lsp_position(&self, offset: usize) -> (u32, u32) {
        if let Some(e) = &self.excerpts {
            let (line, prefix) = e.prefix(offset);
            return (
                line as u32,
                prefix.chars().map(char::len_utf16).sum::<usize>() as u32,
            );
        }
        self.index.utf16_position(&self.text, offset)
    }

    /// Byte offset of a 0-based LSP position (line, UTF-16 code unit), clamped to the text.
    pub fn offset_of_lsp_position(&self, line: u32, character: u32) -> usize {
        self.index.offset_of_utf16(&self.text, line, character)
    }
}

/// Whole lines of a text around its findings, for a document whose text was not kept
/// (read in parts: see [`crate::engine::PartLint`]).
#[derive(Debug, Clone, Default)]
pub struct Excerpts {
    /// The lines, by their start offset.
    lines: Vec<ExcerptLine>,
    /// Whether the whole text is empty or white space.
    pub blank: bool,
    /// The texts of spans over several lines: (start, end, text).
    multi: Vec<(usize, usize, String)>,
}

#[derive(Debug, Clone)]
struct ExcerptLine {
    /// 0-based line number.
    line: usize,
    /// Byte offset of the line start in the text.
    start: usize,
    /// The line with its line ending (`\n`), if it has one.
    text: String,
}

impl Excerpts {
    /// Excerpts of a text that is empty or white space if `blank`.
    pub fn new(blank: bool) -> Self {
        Excerpts {
            lines: Vec::new(),
            blank,
            multi: Vec::new(),
        }
    }

    /// Records the text of a span that runs over several lines.
    pub fn push_multiline_span(&mut self, start: usize, end: usize, text: &str) {
        self.multi.push((start, end, text.to_string()));
    }

    /// Adds line `line` (0-based), which starts at byte `start` of the text and reads
    /// `text` (with its line ending, if any). Lines come in order; a line added again
    /// keeps its longer text.
    pub fn push_line(&mut self, line: usize, start: usize, text: &str) {
        match self.lines.binary_search_by_key(&line, |l| l.line) {
            Ok(i) => {
                if text.len() > self.lines[i].text.len() {
                    self.lines[i].text = text.to_string();
                }
            }
            Err(i) => self.lines.insert(
                i,
                ExcerptLine {
                    line,
                    start,
                    text: text.to_string(),
                },
            ),
        }
    }

    /// Keeps only the lines that hold some byte of `start..=end` for one of `spans`
    /// (sorted by start).
    pub fn retain_spans(&mut self, spans: &[(usize, usize)]) {
        let mut keep = vec![false; self.lines.len()];
        for &(start, end) in spans {
            let first = self.index_of(start);
            let last = self.index_of(end);
            for k in keep.iter_mut().take(last + 1).skip(first) {
                *k = true;
            }
        }
        let mut i = 0;
        self.lines.retain(|_| {
            i += 1;
            keep[i - 1]
        });
    }

    fn index_of(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|l| l.start <= offset)
            .saturating_sub(1)
    }

    /// The line number of `offset` and the text of its line before it.
    fn prefix(&self, offset: usize) -> (usize, &str) {
        let Some(l) = self.lines.get(self.index_of(offset)) else {
            return (0, "");
        };
        let at = offset.saturating_sub(l.start).min(l.text.len());
        (l.line, &l.text[..floor_char_boundary(&l.text, at)])
    }

    fn line_at(&self, offset: usize) -> (usize, usize, &str) {
        let Some(l) = self.lines.get(self.index_of(offset)) else {
            return (0, 0, "");
        };
        let mut text = l.text.as_str();
        if let Some(t) = text.strip_suffix('\n') {
            text = t.strip_suffix('\r').unwrap_or(t);
        }
        (l.line, l.start, text)
    }
}

impl SpanText for Excerpts {
    fn span_text(&self, start: usize, end: usize) -> Option<&str> {
        let l = self.lines.get(self.index_of(start))?;
        match l
            .text
            .get(start.checked_sub(l.start)?..end.checked_sub(l.start)?)
        {
            Some(t) => Some(t),
            // A span over several lines.
            None => self
                .multi
                .iter()
                .find(|(s, e, _)| *s == start && *e == end)
                .map(|(_, _, t)| t.as_str()),
        }
    }
}

/// The byte offsets where lines start, for offset ↔ line/column conversion.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text` (after each `\n`; `\r\n` counts as one line end).
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// Number of lines (a trailing newline starts an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line containing a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Byte range of a 0-based line, without its line ending (`\n` or `\r\n`).
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).map_or(text.len(), |&s| s - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' && end < text.len() {
            end -= 1;
        }
        start..end
    }

    /// 1-based line and 1-based column in Unicode scalar values.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let prefix = &text[self.starts[line]..offset];
        let col = if prefix.is_ascii() {
            prefix.len()
        } else {
            prefix.chars().count()
        };
        (line + 1, col + 1)
    }

    /// 0-based line and UTF-16 code unit column, as LSP positions count them.
    pub fn utf16_position(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let prefix = &text[self.starts[line]..offset];
        let col = if prefix.is_ascii() {
            prefix.len()
        } else {
            prefix.chars().map(char::len_utf16).sum()
        };
        (line as u32, col as u32)
    }

    /// Byte offset of an LSP position; positions past a line's end clamp to the end.
    pub fn offset_of_utf16(&self, text: &str, line: u32, character: u32) -> usize {
        let line = line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let range = self.line_range(text, line);
        let mut units = 0u32;
        for (i, c) in text[range.clone()].char_indices() {
            if units >= character {
                return range.start + i;
            }
            units += c.len_utf16() as u32;
        }
        range.end
    }
}

/// The largest char boundary at or before `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

/// Files larger than this (in bytes) are read and linted in parts where the result is
/// the same (plain text, see [`crate::engine::PartLint`]): memory then stays bounded by
/// the part size, not the file size.
pub const READ_IN_PARTS_ABOVE: u64 = 32 << 20;
/// Size a part of a file read in parts reaches before it ends at the next line end
/// after a sentence end.
pub const PART_SIZE: usize = 4 << 20;
/// A part that finds no place to end within this many times [`PART_SIZE`] (of a given
/// part size) gives up: the file is read whole.
const MAX_PART_FACTOR: usize = 4;

/// The end of a part of `bytes` at or after `from`: just after a `\n` that follows
/// `.`, `!` or `?` and precedes a byte that is not ASCII white space (so no match of
/// the lint rules crosses it, and it is a char boundary).
pub fn part_end(bytes: &[u8], from: usize) -> Option<usize> {
    let last = bytes.len().checked_sub(1)?;
    let from = from.max(2).min(last);
    memchr::memchr_iter(b'\n', &bytes[from..last])
        .map(|i| from + i)
        .find(|&i| {
            matches!(bytes[i - 1], b'.' | b'!' | b'?') && !bytes[i + 1].is_ascii_whitespace()
        })
        .map(|i| i + 1)
}

/// `text` cut into parts of at least `part_size` bytes where [`part_end`] allows
/// (the last part may be shorter, and a part without such a place runs to the end).
pub fn split_in_parts(text: &str, part_size: usize) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let end = part_end(rest.as_bytes(), part_size.max(1)).unwrap_or(rest.len());
        let (part, tail) = rest.split_at(end);
        parts.push(part);
        rest = tail;
    }
    parts
}

/// What [`PartReader::next_part`] read.
#[derive(Debug)]
pub enum NextPart {
    /// The next part of the text.
    Part(String),
    /// The end of the file.
    End,
    /// No place to end a part was found in time: read the file whole.
    NoBoundary,
}

/// Reads a UTF-8 text file in parts that end at a line end after `.`, `!` or `?`
/// followed by a line that does not start with white space, so no match of the lint
/// rules crosses them. Errors are those of [`Document::read`], with offsets and lines
/// counted over the whole file.
pub struct PartReader {
    path: String,
    file: fs::File,
    part_size: usize,
    buf: Vec<u8>,
    eof: bool,
    /// Byte offset and 0-based line of the start of `buf`.
    offset: usize,
    line: usize,
}

impl PartReader {
    /// Opens `path` (not stdin) to read in parts of about `part_size` bytes.
    pub fn open(path: &Path, part_size: usize) -> Result<PartReader, ReadError> {
        let shown = path.display().to_string();
        if path.is_dir() {
            return Err(ReadError::Directory { path: shown });
        }
        let file = fs::File::open(path).map_err(|source| ReadError::Io {
            path: shown.clone(),
            source,
        })?;
        Ok(PartReader {
            path: shown,
            file,
            part_size: part_size.max(1),
            buf: Vec::new(),
            eof: false,
            offset: 0,
            line: 0,
        })
    }

    /// Reads until `buf` holds at least `len` bytes or the file ends.
    fn fill(&mut self, len: usize) -> Result<(), ReadError> {
        while !self.eof && self.buf.len() < len {
            let have = self.buf.len();
            self.buf.resize(len.max(have + 64 * 1024), 0);
            let n = loop {
                match self.file.read(&mut self.buf[have..]) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(source) => {
                        return Err(ReadError::Io {
                            path: self.path.clone(),
                            source,
                        })
                    }
                }
            };
            self.buf.truncate(have + n);
            self.eof = n == 0;
        }
        Ok(())
    }

    /// The next part, validated as [`Document::from_bytes`] validates a whole file.
    pub fn next_part(&mut self) -> Result<NextPart, ReadError> {
        let mut want = self.part_size;
        let end = loop {
            self.fill(want + 1)?;
            if self.buf.is_empty() {
                return Ok(NextPart::End);
            }
            if let Some(end) = part_end(&self.buf, self.part_size.min(self.buf.len())) {
                break end;
            }
            if self.eof {
                break self.buf.len();
            }
            if want >= self.part_size * MAX_PART_FACTOR {
                return Ok(NextPart::NoBoundary);
            }
            want += self.part_size;
        };
        let rest = self.buf.split_off(end);
        let bytes = std::mem::replace(&mut self.buf, rest);
        if let Some(i) = memchr_nul(&bytes) {
            return Err(ReadError::Binary {
                path: self.path.clone(),
                offset: self.offset + i,
            });
        }
        match String::from_utf8(bytes) {
            Ok(text) => {
                self.offset += text.len();
                self.line += text.bytes().filter(|&b| b == b'\n').count();
                Ok(NextPart::Part(text))
            }
            Err(err) => {
                // A whole-file read reports a NUL byte anywhere before invalid UTF-8.
                let valid = err.utf8_error().valid_up_to();
                let bytes = err.as_bytes();
                let consumed = self.offset + bytes.len();
                if let Some(offset) = self.find_nul(consumed)? {
                    return Err(ReadError::Binary {
                        path: self.path.clone(),
                        offset,
                    });
                }
                let line = 1 + self.line + bytes[..valid].iter().filter(|&&b| b == b'\n').count();
                Err(ReadError::InvalidUtf8 {
                    path: self.path.clone(),
                    offset: self.offset + valid,
                    line,
                })
            }
        }
    }

    /// The offset of the first NUL byte in the rest of the file (which starts at byte
    /// `offset` with what is buffered).
    fn find_nul(&mut self, mut offset: usize) -> Result<Option<usize>, ReadError> {
        loop {
            if let Some(i) = memchr_nul(&self.buf) {
                return Ok(Some(offset + i));
            }
            offset += self.buf.len();
            self.buf.clear();
            if self.eof {
                return Ok(None);
            }
            self.fill(self.part_size)?;
        }
    }
}
