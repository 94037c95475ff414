//! `short` format: one line per finding, `path:line:col: severity[rule] message (suggestion)`,
//! then per file the likely pivot, `path: note: likely translated via French (9 artefacts)`.

use std::io::{self, Write};

use super::FileResult;

/// Writes one line per finding.
pub fn render(out: &mut dyn Write, results: &[FileResult]) -> io::Result<()> {
    for r in results {
        for f in &r.report.findings {
            let (line, col) = r.document.line_col(f.start);
            write!(
                out,
                "{}:{}:{}: {}[{}] {}",
                r.document.path,
                line,
                col,
                f.severity.as_str(),
                f.rule,
                f.message
            )?;
            if !f.suggestions.is_empty() {
                let s: Vec<&str> = f
                    .suggestions
                    .iter()
                    .map(|s| s.replacement.as_str())
                    .collect();
                write!(out, " ({})", s.join(" | "))?;
            }
            writeln!(out)?;
        }
        for u in &r.report.unused_suppressions {
            let (line, col) = r.document.line_col(u.start);
            writeln!(
                out,
                "{}:{}:{}: warning[mtlint/unused-suppression] `{}` suppresses nothing",
                r.document.path, line, col, u.text
            )?;
        }
        if let Some(p) = &r.report.pivot {
            writeln!(
                out,
                "{}: note: likely translated via {} ({} artefact{})",
                r.document.path,
                crate::rules::language_name(&p.language),
                p.evidence,
                if p.evidence == 1 { "" } else { "s" }
            )?;
        }
    }
    Ok(())
}
