//! Output formats: one module per format, all rendering the same [`FileResult`]s.

pub mod github;
pub mod html;
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

/// The document-level pivot note: "likely translated via French: 9 artefacts".
pub fn pivot_note(guess: &crate::engine::pivot::PivotGuess) -> String {
    format!(
        "likely translated via {}: {} {}",
        crate::rules::language_name(&guess.language),
        guess.evidence,
        if guess.evidence == 1 {
            "artefact"
        } else {
            "artefacts"
        }
    )
}

/// Formats a confidence as a percentage.
pub fn percent(c: f32) -> String {
    format!("{:.0}%", f64::from(c) * 100.0)
}
