//! `pretty` format: miette graphical reports, one per finding, then a summary.

use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::window::{self, Window};
use super::{percent, FileResult};
use crate::diagnostic::{Finding, Severity};
use crate::rules::language_name;

/// Options of the pretty printer.
pub struct PrettyOptions {
    /// Use ANSI colours.
    pub color: bool,
    /// Terminal width for wrapping messages.
    pub width: usize,
}

/// The window of text shown for one finding, with its real line and column.
struct WindowSource {
    name: String,
    window: Window,
}

impl SourceCode for WindowSource {
    fn read_span<'a>(
        &'a self,
        _span: &SourceSpan,
        _before: usize,
        _after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // The whole window is one line; report the document's own line and column.
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.window.text.as_bytes(),
            (0, self.window.text.len()).into(),
            self.window.line,
            self.window.column,
            1,
        )))
    }
}

/// One finding as a miette diagnostic.
struct FindingReport<'a> {
    finding: &'a Finding,
    source: WindowSource,
    label: String,
    help: Option<String>,
}

impl fmt::Debug for FindingReport<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for FindingReport<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for FindingReport<'_> {}

impl Diagnostic for FindingReport<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info | Severity::Hint => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (s, e) = self.source.window.span;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(self.label.clone()), (s, e - s)),
        )))
    }
}

fn report_of<'a>(r: &'a FileResult, f: &'a Finding) -> FindingReport<'a> {
    let window = window::around(&r.document, f.start, f.end);
    let label = match f.suggestions.first() {
        Some(s) => format!("likely original: “{}”", s.replacement),
        None => f.category.as_str().to_string(),
    };
    let mut help = Vec::new();
    if !f.suggestions.is_empty() {
        let list: Vec<String> = f
            .suggestions
            .iter()
            .map(|s| format!("“{}”", s.replacement))
            .collect();
        help.push(format!("replace with {}", list.join(" or ")));
    }
    let mut facts = vec![format!("{} {}", f.category.as_str(), percent(f.confidence))];
    if let Some(p) = &f.pivot {
        facts.push(format!("via {}", language_name(p)));
    }
    help.push(format!("({})", facts.join(", ")));
    FindingReport {
        finding: f,
        source: WindowSource {
            name: r.document.path.clone(),
            window,
        },
        label,
        help: Some(help.join(" ")),
    }
}

/// Writes a graphical report per finding.
pub fn render(out: &mut dyn Write, results: &[FileResult], opts: &PrettyOptions) -> io::Result<()> {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_context_lines(0);
    for r in results {
        for f in &r.report.findings {
            let report = report_of(r, f);
            let mut text = String::new();
            handler
                .render_report(&mut text, &report)
                .map_err(|_| io::Error::other("rendering a report failed"))?;
            writeln!(out, "{text}")?;
        }
        for u in &r.report.unused_suppressions {
            let (line, col) = r.document.line_col(u.start);
            writeln!(
                out,
                "warning: {}:{}:{}: `{}` suppresses nothing; remove it\n",
                r.document.path, line, col, u.text
            )?;
        }
    }
    Ok(())
}
