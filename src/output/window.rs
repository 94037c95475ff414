//! A window of about 90 columns around a span, so long prose lines stay readable.

use crate::document::Document;

/// Columns shown around a finding.
pub const WIDTH: usize = 90;

/// The visible part of a line around a span.
pub struct Window {
    /// Text shown, with `…` where the line was cut.
    pub text: String,
    /// Span of the finding within `text` (bytes), clipped to the window's line.
    pub span: (usize, usize),
    /// 0-based line of the span start in the document.
    pub line: usize,
    /// 0-based column (Unicode scalars) of the span start in its line.
    pub column: usize,
}

/// Cuts the line holding `start..end` to about [`WIDTH`] columns around the span.
pub fn around(doc: &Document, start: usize, end: usize) -> Window {
    let (_, col1) = doc.line_col(start);
    // The line, with offsets relative to its start.
    let (line, base, text) = doc.line_at(start);
    let start = start.saturating_sub(base).min(text.len());
    let range = 0..text.len();
    let end = end.saturating_sub(base).min(range.end).max(start);
    let span_chars = text[start..end].chars().count();
    // Context on each side: what remains of the width, split evenly.
    let side = WIDTH.saturating_sub(span_chars) / 2;
    let left_start = back_chars(text, range.start, start, side);
    // Whatever the left side did not use goes to the right.
    let left_used = text[left_start..start].chars().count();
    let right_end = forward_chars(
        text,
        end,
        range.end,
        WIDTH.saturating_sub(span_chars + left_used),
    );
    let left_start = snap_to_word(text, range.start, left_start, true);
    let right_end = snap_to_word(text, range.end, right_end, false);
    let mut shown = String::new();
    let prefix = left_start > range.start;
    if prefix {
        shown.push('…');
    }
    let offset = shown.len();
    shown.push_str(&text[left_start..right_end]);
    if right_end < range.end {
        shown.push('…');
    }
    let span = (offset + start - left_start, offset + end - left_start);
    Window {
        text: shown,
        span,
        line,
        column: col1 - 1,
    }
}

/// The offset `n` chars before `from`, not before `floor`.
fn back_chars(text: &str, floor: usize, from: usize, n: usize) -> usize {
    text[floor..from]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(floor, |(i, _)| floor + i)
}

/// The offset `n` chars after `from`, not after `ceil`.
fn forward_chars(text: &str, from: usize, ceil: usize, n: usize) -> usize {
    text[from..ceil]
        .char_indices()
        .nth(n)
        .map_or(ceil, |(i, _)| from + i)
}

/// Moves a cut point to a word boundary (towards the span) so words are not split.
fn snap_to_word(text: &str, limit: usize, at: usize, left: bool) -> usize {
    if at == limit {
        return at;
    }
    if left {
        match text[at..].find(' ') {
            Some(i) if i < 20 => at + i + 1,
            _ => at,
        }
    } else {
        match text[..at].rfind(' ') {
            Some(i) if at - i < 20 => i,
            _ => at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_with_ellipses() {
        let line = "word ".repeat(100) + "TARGET" + &" word".repeat(100);
        let doc = Document::new("t", line.clone());
        let s = line.find("TARGET").unwrap();
        let w = around(&doc, s, s + 6);
        assert!(w.text.starts_with('…') && w.text.ends_with('…'));
        assert!(w.text.chars().count() <= WIDTH + 2, "{}", w.text);
        assert_eq!(&w.text[w.span.0..w.span.1], "TARGET");
        assert_eq!(w.column, s);
    }

    #[test]
    fn short_lines_are_whole() {
        let doc = Document::new("t", "héllo kyiv\nnext");
        let s = doc.text.find("kyiv").unwrap();
        let w = around(&doc, s, s + 4);
        assert_eq!(w.text, "héllo kyiv");
        assert_eq!(w.column, 6);
    }
}
