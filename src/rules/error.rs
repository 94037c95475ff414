//! Errors in YAML files (rule packs, configuration), located in the source.

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

/// An error in a YAML file (rule pack or configuration), with a labelled span.
#[derive(Debug, Error, Diagnostic)]
#[error("{file}:{line}:{column}: {message}")]
#[diagnostic(code(mtlint::yaml))]
pub struct PackError {
    /// Pack file name.
    pub file: String,
    /// 1-based line of the error.
    pub line: usize,
    /// 1-based column of the error.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// The pack source.
    #[source_code]
    pub src: NamedSource<String>,
    /// Where it is wrong.
    #[label("{label}")]
    pub span: SourceSpan,
    /// Label text under the span.
    pub label: String,
    /// How to fix it, when we know.
    #[help]
    pub help: Option<String>,
}

impl PackError {
    /// Builds an error at a byte offset of the pack source.
    pub fn at(
        file: &str,
        source: &str,
        offset: usize,
        len: usize,
        message: impl Into<String>,
    ) -> Self {
        let offset = crate::document::floor_char_boundary(source, offset.min(source.len()));
        let index = crate::document::LineIndex::new(source);
        let (line, column) = index.line_col(source, offset);
        let len = len.min(source.len() - offset);
        let message = message.into();
        PackError {
            file: file.to_string(),
            line,
            column,
            label: short_label(&message),
            message,
            src: NamedSource::new(file, source.to_string()),
            span: (offset, len).into(),
            help: None,
        }
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

fn short_label(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message);
    if first.chars().count() > 60 {
        "here".to_string()
    } else {
        first.to_string()
    }
}

/// Where things are in a pack's YAML text: rule entries and keys inside them.
///
/// serde_yaml reports positions for syntax and type errors only; validation
/// errors found after parsing are located by finding the rule's `id:` line.
pub struct Locator<'a> {
    source: &'a str,
}

impl<'a> Locator<'a> {
    /// A locator over a pack's source text.
    pub fn new(source: &'a str) -> Self {
        Locator { source }
    }

    /// Byte span of the value of the rule's `id:` key, or of the start of the file.
    pub fn rule(&self, id: &str) -> (usize, usize) {
        let mut offset = 0;
        for line in self.source.split_inclusive('\n') {
            let trimmed = line.trim_start().trim_start_matches("- ").trim_start();
            if let Some(rest) = trimmed.strip_prefix("id:") {
                let value = rest.trim().trim_matches(['"', '\'']);
                if value == id {
                    let at = offset + line.find(rest.trim()).unwrap_or(0);
                    return (at, rest.trim().len());
                }
            }
            offset += line.len();
        }
        (0, 0)
    }

    /// Byte span of the first line mentioning `needle` after the rule's `id:` line.
    pub fn in_rule(&self, id: &str, needle: &str) -> (usize, usize) {
        let (start, len) = self.rule(id);
        match self.source[start..].find(needle) {
            Some(i) if !needle.is_empty() => (start + i, needle.len()),
            _ => (start, len),
        }
    }
}
