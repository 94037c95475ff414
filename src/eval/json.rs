//! The evaluation as one JSON document.
//!
//! ```json
//! {
//!   "version": 1,
//!   "sets": [ METRICS, … ],        // one per document set, sorted by name
//!   "overall": METRICS | null,     // annotated (non-negative) sets together
//!   "negative": METRICS | null,    // negative sets together
//!   "misses": [ … ],               // with `--show misses` (see `show::Miss`)
//!   "false_positives": [ … ]       // with `--show false-positives` (see `show::FalsePositive`)
//! }
//! ```
//!
//! METRICS holds `set`, `negative`, the counts (`documents`, `words`, `gold`,
//! `gold_easy`, `findings`, `true_positives`, `true_positives_easy`,
//! `suggestion_correct`, `restored`, `pivot_known`, `pivot_correct`), the ratios
//! (`precision`, `recall`, `recall_easy`, `f1`, `suggestion_accuracy`, `restore_rate`,
//! `pivot_accuracy`: fractions 0–1,
//! `null` when undefined; `findings_per_kword`), and breakdowns: `categories`
//! (`category`, `gold`, `caught`, `recall`, `suggestion_accuracy`, `findings`,
//! `correct`, `precision`), `packs` (`pack`, `findings`, `true_positives`, `precision`,
//! `recall`) and `rules` (`rule`, `findings`, `true_positives`, `precision`,
//! most findings first).

use std::io::{self, Write};

use serde::Serialize;

use super::show::{FalsePositive, Miss};
use super::stats::Metrics;
use super::Evaluation;

/// Version of the JSON shape; bumped on incompatible changes.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Wire<'a> {
    version: u32,
    sets: Vec<Metrics>,
    overall: Option<Metrics>,
    negative: Option<Metrics>,
    #[serde(skip_serializing_if = "Option::is_none")]
    misses: Option<&'a [Miss]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    false_positives: Option<&'a [FalsePositive]>,
}

/// Writes the evaluation (and the misses / false positives, when given) as pretty JSON.
pub fn render(
    out: &mut dyn Write,
    eval: &Evaluation,
    misses: Option<&[Miss]>,
    false_positives: Option<&[FalsePositive]>,
) -> io::Result<()> {
    let wire = Wire {
        version: VERSION,
        sets: eval.sets.iter().map(|s| s.metrics()).collect(),
        overall: eval.overall.as_ref().map(|s| s.metrics()),
        negative: eval.negative.as_ref().map(|s| s.metrics()),
        misses,
        false_positives,
    };
    serde_json::to_writer_pretty(&mut *out, &wire)?;
    writeln!(out)
}
