//! Errors in annotation and threshold files, located in their YAML for the person editing them.

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

use crate::document::{floor_char_boundary, LineIndex};

/// An error in a corpus annotation (or a thresholds file), naming the file and,
/// where it can be found, the line.
#[derive(Debug, Error, Diagnostic)]
#[error("{}: {message}", self.location())]
#[diagnostic(code(mtlint::corpus))]
pub struct FileError {
    /// The file at fault, as given or found by the directory walk.
    pub file: String,
    /// 1-based line and column of the error, when it is located.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
    /// The file's text, when it could be read.
    #[source_code]
    pub src: Option<NamedSource<String>>,
    /// Where it is wrong.
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    /// Label text under the span.
    pub label: String,
    /// How to fix it, when we know.
    #[help]
    pub help: Option<String>,
}

impl FileError {
    /// An error about a whole file or directory (unreadable, missing, …).
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        FileError {
            file: file.into(),
            position: None,
            message: message.into(),
            src: None,
            span: None,
            label: String::new(),
            help: None,
        }
    }

    /// An error at a byte span of the file's `source` text.
    pub fn at(file: &str, source: &str, span: (usize, usize), message: impl Into<String>) -> Self {
        let offset = floor_char_boundary(source, span.0.min(source.len()));
        let len = span.1.min(source.len() - offset);
        let position = LineIndex::new(source).line_col(source, offset);
        let message = message.into();
        FileError {
            file: file.to_string(),
            position: Some(position),
            label: short_label(&message),
            message,
            src: Some(NamedSource::new(file, source.to_string())),
            span: Some((offset, len).into()),
            help: None,
        }
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `file:line:column`, or just `file` when the error is not located.
    pub fn location(&self) -> String {
        match self.position {
            Some((line, column)) => format!("{}:{line}:{column}", self.file),
            None => self.file.clone(),
        }
    }

    /// 1-based line of the error, when located.
    pub fn line(&self) -> Option<usize> {
        self.position.map(|(line, _)| line)
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

/// Turns a YAML parse error into a located error.
pub fn yaml_error(file: &str, source: &str, err: &serde_yaml::Error) -> FileError {
    match err.location() {
        Some(loc) => {
            // The position is shown separately; drop serde_yaml's own suffix.
            let message = err.to_string();
            let suffix = format!(" at line {} column {}", loc.line(), loc.column());
            let message = message
                .strip_suffix(&suffix)
                .unwrap_or(&message)
                .to_string();
            FileError::at(file, source, (loc.index(), 1), message)
        }
        None => FileError::file(file, err.to_string()),
    }
}
