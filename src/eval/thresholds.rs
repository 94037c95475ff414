//! Pass/fail thresholds for `mtlint eval`, from flags or a YAML file:
//!
//! ```yaml
//! min-precision: 0.6      # overall, annotated sets (fraction 0–1)
//! min-recall: 0.25        # overall, annotated sets (fraction 0–1)
//! min-suggestion-accuracy: 0.4  # overall: true positives whose top suggestion is the original
//! max-fp-per-kword: 1.5   # findings per 1,000 words on the negative sets
//! ```

use std::path::Path;

use serde::Deserialize;

use super::error::{yaml_error, FileError};
use super::Evaluation;

/// Limits a run must meet; unset limits are not checked.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Thresholds {
    /// Minimum overall precision on annotated sets.
    pub min_precision: Option<f64>,
    /// Minimum overall recall on annotated sets.
    pub min_recall: Option<f64>,
    /// Minimum overall suggestion accuracy (top suggestion restores the original).
    pub min_suggestion_accuracy: Option<f64>,
    /// Maximum findings per 1,000 words on negative sets.
    pub max_fp_per_kword: Option<f64>,
}

impl Thresholds {
    /// Reads a thresholds file.
    pub fn load(path: &Path) -> Result<Thresholds, FileError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| FileError::file(&file, format!("cannot read thresholds: {e}")))?;
        Thresholds::parse(&file, &text)
    }

    /// Parses and checks the text of a thresholds file.
    pub fn parse(file: &str, text: &str) -> Result<Thresholds, FileError> {
        let t: Thresholds = if text.trim().is_empty() {
            Thresholds::default()
        } else {
            serde_yaml::from_str(text).map_err(|e| yaml_error(file, text, &e))?
        };
        let locate = |key: &str| {
            text.find(&format!("{key}:"))
                .map_or((0, 0), |at| (at, key.len()))
        };
        for (key, value, max) in [
            ("min-precision", t.min_precision, Some(1.0)),
            ("min-recall", t.min_recall, Some(1.0)),
            (
                "min-suggestion-accuracy",
                t.min_suggestion_accuracy,
                Some(1.0),
            ),
            ("max-fp-per-kword", t.max_fp_per_kword, None),
        ] {
            if let Some(problem) = value.and_then(|v| out_of_range(v, max)) {
                return Err(FileError::at(
                    file,
                    text,
                    locate(key),
                    format!("{key} {problem}"),
                ));
            }
        }
        Ok(t)
    }

    /// These thresholds with each limit set in `overrides` replaced.
    pub fn overridden_by(self, overrides: &Thresholds) -> Thresholds {
        Thresholds {
            min_precision: overrides.min_precision.or(self.min_precision),
            min_recall: overrides.min_recall.or(self.min_recall),
            min_suggestion_accuracy: overrides
                .min_suggestion_accuracy
                .or(self.min_suggestion_accuracy),
            max_fp_per_kword: overrides.max_fp_per_kword.or(self.max_fp_per_kword),
        }
    }

    /// Whether any limit is set.
    pub fn is_empty(&self) -> bool {
        *self == Thresholds::default()
    }

    /// The limits `eval` misses, as messages; empty when it passes. A limit that
    /// cannot be checked (no annotated or no negative documents, no findings to
    /// measure precision on) fails, so a missing set cannot pass unnoticed.
    pub fn check(&self, eval: &Evaluation) -> Vec<String> {
        let mut failures = Vec::new();
        let overall = eval.overall.as_ref().map(|s| s.metrics());
        let mut at_least =
            |name: &str, key: &str, limit: Option<f64>, value: Option<Option<f64>>| {
                let Some(limit) = limit else { return };
                match value {
                    None => failures.push(format!(
                        "{key} {limit}: no annotated (non-negative) documents to measure {name} on"
                    )),
                    Some(None) => failures.push(format!(
                        "{key} {limit}: {name} is undefined (no findings or no gold spans)"
                    )),
                    Some(Some(v)) if v < limit => failures.push(format!(
                        "overall {name} {} is below {key} {}",
                        pct(v),
                        pct(limit)
                    )),
                    Some(Some(_)) => {}
                }
            };
        at_least(
            "precision",
            "--min-precision",
            self.min_precision,
            overall.as_ref().map(|m| m.precision),
        );
        at_least(
            "recall",
            "--min-recall",
            self.min_recall,
            overall.as_ref().map(|m| m.recall),
        );
        at_least(
            "suggestion accuracy",
            "--min-suggestion-accuracy",
            self.min_suggestion_accuracy,
            overall.as_ref().map(|m| m.suggestion_accuracy),
        );
        if let Some(limit) = self.max_fp_per_kword {
            match eval.negative.as_ref().map(|s| s.metrics().findings_per_kword) {
                None => failures.push(format!(
                    "--max-fp-per-kword {limit}: no negative documents to measure false positives on"
                )),
                Some(None) => failures.push(format!(
                    "--max-fp-per-kword {limit}: the negative documents have no words"
                )),
                Some(Some(v)) if v > limit => failures.push(format!(
                    "negative sets have {v:.2} findings per 1,000 words, above --max-fp-per-kword {limit}"
                )),
                Some(Some(_)) => {}
            }
        }
        failures
    }
}

fn out_of_range(v: f64, max: Option<f64>) -> Option<String> {
    if !v.is_finite() || v < 0.0 {
        Some(format!("must be a number of 0 or more, not {v}"))
    } else if max.is_some_and(|m| v > m) {
        Some(format!("is a fraction between 0 and 1, not {v}"))
    } else {
        None
    }
}

/// Parses a fraction 0–1 given on the command line.
pub fn parse_fraction(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    out_of_range(v, Some(1.0)).map_or(Ok(v), Err)
}

/// Parses a non-negative rate given on the command line.
pub fn parse_rate(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    out_of_range(v, None).map_or(Ok(v), Err)
}

fn pct(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}
