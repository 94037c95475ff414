//! Documents: the text being linted, its line index and position encodings.

use std::fs;
use std::io::Read;
use std::path::Path;

use thiserror::Error;

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
        }
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
        self.index.line_col(&self.text, offset)
    }

    /// 0-based LSP position (line, UTF-16 code unit) of a byte offset.
    pub fn lsp_position(&self, offset: usize) -> (u32, u32) {
        self.index.utf16_position(&self.text, offset)
    }

    /// Byte offset of a 0-based LSP position (line, UTF-16 code unit), clamped to the text.
    pub fn offset_of_lsp_position(&self, line: u32, character: u32) -> usize {
        self.index.offset_of_utf16(&self.text, line, character)
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
