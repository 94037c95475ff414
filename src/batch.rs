//! Batch mode (`mtlint check --format jsonl -`): a stream of JSON Lines documents in,
//! one JSON result line per document out, in input order.
//!
//! Each input line is an object with an `id` (string or number, echoed back), a
//! `text`, and optionally a `format` (`text`, `markdown` or `html`) and a `lang`
//! (ISO 639-1: lint as this language instead of detecting it). Other fields are
//! ignored. Blank lines are skipped. A line that is not valid UTF-8 or JSON, or lacks
//! a field, yields an error line (`{"id":…,"line":N,"error":"line N: …"}`) and the
//! stream goes on; see [`crate::output::json`] for the result lines.
//!
//! Memory stays bounded whatever the stream's length: lines are read one at a time
//! into a window of at most [`BatchOptions::window_docs`] documents or
//! [`BatchOptions::window_bytes`] bytes of input (always at least one document, so a
//! single document larger than the window is still linted whole). The window is
//! linted in parallel with rayon, its result lines are written in input order and
//! flushed, and only then is the next window read. Memory is therefore about the
//! window plus its results, plus the compiled linters (one per `lang` seen, at most
//! [`MAX_LINTERS`] kept).

use std::collections::HashMap;
use std::io::{self, BufRead, Write};
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::{Map, Value};

use crate::document::Document;
use crate::engine::{LintOptions, Linter};
use crate::formats::InputFormat;
use crate::output::{json, FileResult};

/// At most this many per-language linters are kept; the cache is cleared when full.
pub const MAX_LINTERS: usize = 16;

/// How a batch run reads and lints.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Format of documents whose line has no `format`.
    pub default_format: InputFormat,
    /// At most this many documents are read ahead and linted together.
    pub window_docs: usize,
    /// A window is closed once its input lines hold this many bytes.
    pub window_bytes: usize,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            default_format: InputFormat::Text,
            window_docs: 4 * rayon::current_num_threads().max(1),
            window_bytes: 8 << 20,
        }
    }
}

/// What a batch run did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BatchStats {
    /// Documents linted.
    pub documents: usize,
    /// Documents with at least one finding.
    pub with_findings: usize,
    /// Lines that yielded an error line.
    pub errors: usize,
}

/// One input line, parsed.
enum Item {
    Doc {
        id: Value,
        document: Document,
        linter: Arc<Linter>,
    },
    Error {
        id: Value,
        line: u64,
        message: String,
    },
}

/// A parsed document line before its linter is chosen.
struct DocLine {
    id: Value,
    text: String,
    format: Option<InputFormat>,
    lang: Option<String>,
}

/// Lints every document of `input` and writes a result line for each to `output`.
///
/// Only I/O errors on `input` or `output` end the run early; bad lines are reported
/// in the output.
pub fn run(
    input: &mut dyn BufRead,
    output: &mut dyn Write,
    linter: Arc<Linter>,
    options: &BatchOptions,
) -> io::Result<BatchStats> {
    let mut linters = LinterCache::new(linter);
    let mut stats = BatchStats::default();
    let mut buf = Vec::new();
    let mut line_no: u64 = 0;
    let mut eof = false;
    while !eof {
        let mut window = Vec::new();
        let mut bytes = 0;
        while window.len() < options.window_docs.max(1) && bytes < options.window_bytes {
            buf.clear();
            if input.read_until(b'\n', &mut buf)? == 0 {
                eof = true;
                break;
            }
            line_no += 1;
            let mut line = trim_line_end(&buf);
            if line_no == 1 {
                line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            bytes += line.len();
            let item = match parse_line(line) {
                Ok(doc) => match linters.get(doc.lang.as_deref()) {
                    Ok(linter) => {
                        let format = doc.format.unwrap_or(options.default_format);
                        Item::Doc {
                            id: doc.id,
                            document: Document::new("-", doc.text).with_format(format),
                            linter,
                        }
                    }
                    Err(message) => Item::Error {
                        id: doc.id,
                        line: line_no,
                        message,
                    },
                },
                Err((id, message)) => Item::Error {
                    id,
                    line: line_no,
                    message,
                },
            };
            window.push(item);
        }
        let lines: Vec<(Vec<u8>, Outcome)> = window.into_par_iter().map(lint_item).collect();
        for (line, outcome) in lines {
            match outcome {
                Outcome::Clean => stats.documents += 1,
                Outcome::Findings => {
                    stats.documents += 1;
                    stats.with_findings += 1;
                }
                Outcome::Error => stats.errors += 1,
            }
            output.write_all(&line)?;
        }
        output.flush()?;
    }
    Ok(stats)
}

enum Outcome {
    Clean,
    Findings,
    Error,
}

fn lint_item(item: Item) -> (Vec<u8>, Outcome) {
    match item {
        Item::Doc {
            id,
            document,
            linter,
        } => {
            let report = linter.lint(&document);
            let outcome = if report.findings.is_empty() {
                Outcome::Clean
            } else {
                Outcome::Findings
            };
            let line = json::record_line(&id, &FileResult { document, report });
            (line, outcome)
        }
        Item::Error { id, line, message } => (
            json::error_line(&id, line, &format!("line {line}: {message}")),
            Outcome::Error,
        ),
    }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Parses one non-blank input line; on error, the `id` when one was found and what is wrong.
fn parse_line(line: &[u8]) -> Result<DocLine, (Value, String)> {
    let text = std::str::from_utf8(line).map_err(|e| {
        (
            Value::Null,
            format!("invalid UTF-8 at byte offset {}", e.valid_up_to()),
        )
    })?;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        // serde_json appends " at line 1 column N"; only the column is useful here.
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        (
            Value::Null,
            format!("invalid JSON at column {}: {message}", e.column()),
        )
    })?;
    let Value::Object(mut object) = value else {
        return Err((
            Value::Null,
            "expected a JSON object with `id` and `text`".into(),
        ));
    };
    let id = match object.remove("id") {
        None | Some(Value::Null) => return Err((Value::Null, "missing `id`".into())),
        Some(id @ (Value::String(_) | Value::Number(_))) => id,
        Some(_) => return Err((Value::Null, "`id` must be a string or a number".into())),
    };
    let text = match object.remove("text") {
        Some(Value::String(t)) => t,
        None | Some(Value::Null) => return Err((id, "missing `text`".into())),
        Some(_) => return Err((id, "`text` must be a string".into())),
    };
    let format = match optional_str(&mut object, "format") {
        Ok(None) => None,
        Ok(Some(f)) => match f.to_ascii_lowercase().as_str() {
            "text" | "txt" | "plain" => Some(InputFormat::Text),
            "markdown" | "md" => Some(InputFormat::Markdown),
            "html" | "htm" => Some(InputFormat::Html),
            _ => {
                return Err((
                    id,
                    format!("unknown `format` {f:?} (expected text, markdown or html)"),
                ))
            }
        },
        Err(message) => return Err((id, message)),
    };
    let lang = match optional_str(&mut object, "lang") {
        Ok(None) => None,
        Ok(Some(l)) if (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_alphabetic()) => {
            Some(l.to_ascii_lowercase())
        }
        Ok(Some(l)) => {
            return Err((
                id,
                format!("`lang` {l:?} is not a language code (ISO 639-1, e.g. \"en\")"),
            ))
        }
        Err(message) => return Err((id, message)),
    };
    Ok(DocLine {
        id,
        text,
        format,
        lang,
    })
}

/// An optional string field (`null` counts as absent).
fn optional_str(object: &mut Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match object.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(format!("`{key}` must be a string")),
    }
}

/// The base linter and one linter per `lang`, compiled on first use.
struct LinterCache {
    base: Arc<Linter>,
    by_language: HashMap<String, Arc<Linter>>,
}

impl LinterCache {
    fn new(base: Arc<Linter>) -> Self {
        LinterCache {
            base,
            by_language: HashMap::new(),
        }
    }

    /// The linter for documents in `lang` (the base linter when `None`).
    fn get(&mut self, lang: Option<&str>) -> Result<Arc<Linter>, String> {
        let Some(lang) = lang else {
            return Ok(self.base.clone());
        };
        if self.base.options().language.as_deref() == Some(lang) {
            return Ok(self.base.clone());
        }
        if let Some(l) = self.by_language.get(lang) {
            return Ok(l.clone());
        }
        if self.by_language.len() >= MAX_LINTERS {
            self.by_language.clear();
        }
        let options = LintOptions {
            language: Some(lang.to_string()),
            ..self.base.options().clone()
        };
        let linter = Linter::new(self.base.rules().clone(), options)
            .map(Arc::new)
            .map_err(|e| format!("cannot build a linter for `lang` {lang:?}: {e}"))?;
        self.by_language.insert(lang.to_string(), linter.clone());
        Ok(linter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(line: &[u8]) -> String {
        match parse_line(line) {
            Ok(_) => panic!("expected an error"),
            Err((_, m)) => m,
        }
    }

    #[test]
    fn parses_fields() {
        let d = parse_line(br#"{"id":7,"text":"Hi","format":"md","lang":"EN","x":1}"#)
            .ok()
            .unwrap();
        assert_eq!(d.id, Value::from(7));
        assert_eq!(d.text, "Hi");
        assert_eq!(d.format, Some(InputFormat::Markdown));
        assert_eq!(d.lang.as_deref(), Some("en"));
    }

    #[test]
    fn reports_bad_lines() {
        assert_eq!(
            err(b"{\"id\":1,\"text\":\"\xff\"}"),
            "invalid UTF-8 at byte offset 16"
        );
        assert!(err(b"{\"id\":1,").starts_with("invalid JSON at column 8: "));
        assert_eq!(err(b"[1]"), "expected a JSON object with `id` and `text`");
        assert_eq!(err(br#"{"text":"a"}"#), "missing `id`");
        assert_eq!(
            err(br#"{"id":[1],"text":"a"}"#),
            "`id` must be a string or a number"
        );
        assert_eq!(err(br#"{"id":"a"}"#), "missing `text`");
        assert_eq!(err(br#"{"id":"a","text":3}"#), "`text` must be a string");
        assert!(err(br#"{"id":"a","text":"","format":"pdf"}"#).starts_with("unknown `format`"));
        assert!(err(br#"{"id":"a","text":"","lang":"english"}"#).contains("not a language code"));
        assert_eq!(
            err(br#"{"id":"a","text":"","lang":1}"#),
            "`lang` must be a string"
        );
    }

    #[test]
    fn trims_line_ends() {
        assert_eq!(trim_line_end(b"a\r\n"), b"a");
        assert_eq!(trim_line_end(b"a\n"), b"a");
        assert_eq!(trim_line_end(b"a"), b"a");
    }
}
