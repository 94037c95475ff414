//! The closing summary line(s): findings per category, files, time.

use std::collections::BTreeMap;
use std::time::Duration;

use super::FileResult;
use crate::diagnostic::Category;

/// Totals over a run.
pub struct Summary {
    /// Findings per category.
    pub per_category: BTreeMap<Category, usize>,
    /// Total findings.
    pub findings: usize,
    /// Files linted.
    pub files: usize,
    /// Files that could not be read.
    pub errors: usize,
    /// Words checked.
    pub words: usize,
}

impl Summary {
    /// Totals of `results`, with `errors` unreadable files.
    pub fn of(results: &[FileResult], errors: usize) -> Summary {
        let mut per_category = BTreeMap::new();
        for f in results.iter().flat_map(|r| &r.report.findings) {
            *per_category.entry(f.category).or_insert(0) += 1;
        }
        Summary {
            findings: per_category.values().sum(),
            per_category,
            files: results.len(),
            errors,
            words: results.iter().map(|r| r.report.words).sum(),
        }
    }

    /// Human-readable summary; `elapsed` is shown when given.
    pub fn render(&self, elapsed: Option<Duration>) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut out = if self.findings == 0 {
            "No artefacts found".to_string()
        } else {
            let cats: Vec<String> = self
                .per_category
                .iter()
                .map(|(c, n)| format!("{n} {}", c.as_str()))
                .collect();
            format!(
                "Found {} ({})",
                plural(self.findings, "artefact", "artefacts"),
                cats.join(", ")
            )
        };
        out.push_str(&format!(
            " in {} ({} words)",
            plural(self.files, "file", "files"),
            self.words
        ));
        if self.errors > 0 {
            out.push_str(&format!(
                "; {} could not be read",
                plural(self.errors, "file", "files")
            ));
        }
        if let Some(t) = elapsed {
            out.push_str(&format!(" in {:.1} ms", t.as_secs_f64() * 1000.0));
        }
        out.push('.');
        out
    }
}
