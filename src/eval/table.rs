//! A small table model rendered as aligned plain text or as a Markdown table.

use std::io::{self, Write};

/// A table with a title, a header row and right-aligned numeric columns.
pub struct Table {
    /// Shown above the table.
    pub title: String,
    /// Column headers.
    pub headers: Vec<&'static str>,
    /// Whether each column is numeric (right-aligned).
    pub numeric: Vec<bool>,
    /// Cells, one vector per row.
    pub rows: Vec<Vec<String>>,
    /// Index of a row to emphasise (the aggregate), if any.
    pub total_row: Option<usize>,
}

impl Table {
    /// A table whose first column is text and the others numbers.
    pub fn new(title: impl Into<String>, headers: Vec<&'static str>) -> Table {
        let numeric = (0..headers.len()).map(|i| i > 0).collect();
        Table {
            title: title.into(),
            headers,
            numeric,
            rows: Vec::new(),
            total_row: None,
        }
    }

    /// Marks column `i` as text (left-aligned).
    pub fn text_column(mut self, i: usize) -> Table {
        self.numeric[i] = false;
        self
    }

    /// Writes the table as plain text with columns padded to line up.
    pub fn write_text(&self, out: &mut dyn Write) -> io::Result<()> {
        let widths: Vec<usize> = (0..self.headers.len())
            .map(|i| {
                self.rows
                    .iter()
                    .map(|r| r[i].chars().count())
                    .chain([self.headers[i].chars().count()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        writeln!(out, "{}", self.title)?;
        let line = |cells: &[&str]| -> String {
            let mut s = String::new();
            for (i, cell) in cells.iter().enumerate() {
                let pad = widths[i].saturating_sub(cell.chars().count());
                if i > 0 {
                    s.push_str("  ");
                }
                if self.numeric[i] {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(cell);
                } else {
                    s.push_str(cell);
                    s.push_str(&" ".repeat(pad));
                }
            }
            s.trim_end().to_string()
        };
        writeln!(out, "  {}", line(&self.headers))?;
        let rule: usize = widths.iter().sum::<usize>() + 2 * (widths.len().saturating_sub(1));
        for (n, row) in self.rows.iter().enumerate() {
            if Some(n) == self.total_row {
                writeln!(out, "  {}", "─".repeat(rule))?;
            }
            let cells: Vec<&str> = row.iter().map(String::as_str).collect();
            writeln!(out, "  {}", line(&cells))?;
        }
        Ok(())
    }

    /// Writes the table as GitHub-flavoured Markdown under a `###` heading.
    pub fn write_markdown(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "### {}\n", self.title)?;
        writeln!(out, "| {} |", self.headers.join(" | "))?;
        let aligns: Vec<&str> = self
            .numeric
            .iter()
            .map(|&n| if n { "---:" } else { ":---" })
            .collect();
        writeln!(out, "|{}|", aligns.join("|"))?;
        for (n, row) in self.rows.iter().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .map(|c| {
                    let c = c.replace('|', "\\|");
                    if Some(n) == self.total_row && !c.is_empty() {
                        format!("**{c}**")
                    } else {
                        c
                    }
                })
                .collect();
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
        Ok(())
    }
}
