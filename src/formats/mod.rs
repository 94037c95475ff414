//! Input formats: which parts of a document are prose, and where they are in the source.

mod html;
mod markdown;
mod prose;

pub use prose::{Prose, ProseBuilder, SourceSpan};

use std::path::Path;

use serde::{Deserialize, Serialize};

/// The format of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Plain text: everything is prose.
    #[default]
    #[value(alias = "txt")]
    Text,
    /// Markdown (CommonMark with tables, footnotes and front matter).
    #[value(alias = "md")]
    Markdown,
    /// HTML.
    #[value(alias = "htm")]
    Html,
}

impl InputFormat {
    /// The format implied by a file extension (plain text when unknown).
    pub fn from_path(path: &Path) -> InputFormat {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown" | "mdown" | "mkd") => InputFormat::Markdown,
            Some("html" | "htm" | "xhtml") => InputFormat::Html,
            _ => InputFormat::Text,
        }
    }

    /// Extensions of files of this format found when walking directories.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            InputFormat::Text => &["txt"],
            InputFormat::Markdown => &["md", "markdown"],
            InputFormat::Html => &["html", "htm"],
        }
    }

    /// Extracts the prose (and comments) of `source` in this format.
    pub fn extract(self, source: &str) -> Extracted<'_> {
        match self {
            InputFormat::Text => Extracted {
                prose: Prose::identity(source),
                comments: Vec::new(),
            },
            InputFormat::Markdown => markdown::extract(source),
            InputFormat::Html => html::extract(source),
        }
    }
}

/// What a format extracts from a document.
#[derive(Debug, Clone)]
pub struct Extracted<'a> {
    /// The prose, mapped to the source.
    pub prose: Prose<'a>,
    /// Comments (`<!-- … -->`) with their source spans, for suppressions.
    pub comments: Vec<Comment>,
}

/// A comment in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Start of the whole comment (`<!--`) in the source.
    pub start: usize,
    /// End of the whole comment (after `-->`).
    pub end: usize,
    /// The comment's content, trimmed.
    pub text: String,
}

/// Finds `<!-- … -->` comments in a piece of HTML that starts at `offset` in the source.
pub(crate) fn html_comments(html: &str, offset: usize) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = html[from..].find("<!--") {
        let start = from + open;
        let Some(close) = html[start + 4..].find("-->") else {
            break;
        };
        let end = start + 4 + close + 3;
        out.push(Comment {
            start: offset + start,
            end: offset + end,
            text: html[start + 4..end - 3].trim().to_string(),
        });
        from = end;
    }
    out
}
