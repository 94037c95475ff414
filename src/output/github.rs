//! `github` format: GitHub Actions workflow commands, one per finding, which the
//! runner turns into annotations on the pull request:
//!
//! ```text
//! ::warning file=doc.txt,line=1,col=5,endLine=1,endColumn=24,title=mtlint (pack/rule)::message
//! ```
//!
//! Levels: `error`, `warning`, `notice` (info and hint); suppression comments
//! that suppress nothing are warnings titled `mtlint (mtlint/unused-suppression)`.
//! Lines and columns are 1-based, columns in Unicode scalar values, `endColumn`
//! exclusive. Property values escape `%`, `\r`, `\n`, `:` and `,`; the message
//! escapes `%`, `\r`, `\n`.

use std::io::{self, Write};

use super::FileResult;
use crate::diagnostic::Severity;
use crate::lsp::diagnostics::UNUSED_SUPPRESSION;

/// Writes one workflow command per finding.
pub fn render(out: &mut dyn Write, results: &[FileResult]) -> io::Result<()> {
    for r in results {
        let annotations = r
            .report
            .findings
            .iter()
            .map(|f| {
                let level = match f.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info | Severity::Hint => "notice",
                };
                (
                    level,
                    f.start,
                    f.end,
                    f.rule.as_str(),
                    f.message_with_original(),
                )
            })
            .chain(r.report.unused_suppressions.iter().map(|u| {
                let message = format!("`{}` suppresses nothing; remove it", u.text);
                ("warning", u.start, u.end, UNUSED_SUPPRESSION, message)
            }));
        for (level, start, end, rule, message) in annotations {
            let (line, col) = r.document.line_col(start);
            let (end_line, end_col) = r.document.line_col(end);
            writeln!(
                out,
                "::{level} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
                escape_property(&r.document.path),
                escape_property(&format!("mtlint ({rule})")),
                escape_data(&message),
            )?;
        }
        if let Some(p) = &r.report.pivot {
            writeln!(
                out,
                "::notice file={},title={}::{}",
                escape_property(&r.document.path),
                escape_property("mtlint (pivot)"),
                escape_data(&super::pivot_note(p)),
            )?;
        }
    }
    Ok(())
}

/// Escapes a command's message (`%`, `\r`, `\n`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property value (as [`escape_data`], plus `:` and `,`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("C:\\a,b%\n.txt"), "C%3A\\a%2Cb%25%0A.txt");
    }
}
