//! Output formats: one module per format, all rendering the same [`FileResult`]s.

pub mod github;
pub mod json;
pub mod lsp;
pub mod pretty;
pub mod sarif;
pub mod short;
mod summary;
mod window;

pub use summary::Summary;

use crate::document::Document;
use crate::engine::Report;

/// A linted document and its report.
pub struct FileResult {
    /// The document.
    pub document: Document,
    /// What the linter found.
    pub report: Report,
}

/// Rounds a confidence for output (f32 → a short decimal).
pub fn round_confidence(c: f32) -> f64 {
    (f64::from(c) * 1000.0).round() / 1000.0
}

/// Formats a confidence as a percentage.
pub fn percent(c: f32) -> String {
    format!("{:.0}%", f64::from(c) * 100.0)
}
