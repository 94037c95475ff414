//! Prose extracted from a marked-up document, mapped back to source byte offsets.

use std::borrow::Cow;

/// One piece of prose and where it came from in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    /// Start in the prose text.
    prose: usize,
    /// Length in the prose text.
    prose_len: usize,
    /// Start in the source.
    source: usize,
    /// Length in the source.
    source_len: usize,
    /// The prose bytes equal the source bytes (so offsets inside map one to one).
    verbatim: bool,
}

/// The text to lint and a map from its offsets to the source's.
#[derive(Debug, Clone)]
pub struct Prose<'a> {
    /// The text the linter sees.
    pub text: Cow<'a, str>,
    /// `None`: the text is the source itself (plain text).
    segments: Option<Vec<Segment>>,
}

/// A span of prose mapped to the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceSpan {
    /// Start byte offset in the source.
    pub start: usize,
    /// End byte offset in the source (exclusive).
    pub end: usize,
    /// The source bytes equal the prose bytes, so replacing them keeps markup intact.
    pub exact: bool,
}

impl<'a> Prose<'a> {
    /// Plain text: the prose is the source.
    pub fn identity(text: &'a str) -> Self {
        Prose {
            text: Cow::Borrowed(text),
            segments: None,
        }
    }

    /// Maps a prose span to the source.
    pub fn to_source(&self, start: usize, end: usize) -> SourceSpan {
        let Some(segments) = &self.segments else {
            return SourceSpan {
                start,
                end,
                exact: true,
            };
        };
        if segments.is_empty() {
            return SourceSpan {
                start: 0,
                end: 0,
                exact: false,
            };
        }
        let find = |offset: usize| segments.partition_point(|s| s.prose <= offset).max(1) - 1;
        let first = find(start);
        let last = find(end.saturating_sub(1).max(start));
        let seg_start = segments[first];
        let seg_end = segments[last];
        let source_start = if seg_start.verbatim {
            seg_start.source + (start - seg_start.prose).min(seg_start.source_len)
        } else {
            seg_start.source
        };
        let source_end = if seg_end.verbatim {
            seg_end.source + (end - seg_end.prose).min(seg_end.source_len)
        } else {
            seg_end.source + seg_end.source_len
        };
        let exact = segments[first..=last].iter().all(|s| s.verbatim)
            && segments[first..=last]
                .windows(2)
                .all(|w| w[0].source + w[0].source_len == w[1].source);
        SourceSpan {
            start: source_start,
            end: source_end.max(source_start),
            exact,
        }
    }
}

/// Builds a [`Prose`] piece by piece.
#[derive(Debug, Default)]
pub struct ProseBuilder {
    text: String,
    segments: Vec<Segment>,
    /// Source offset where the last piece ended (separators map there).
    cursor: usize,
}

impl ProseBuilder {
    /// Appends text that appears unchanged in the source at `source`.
    pub fn verbatim(&mut self, text: &str, source: usize) {
        self.push(text, source, text.len(), true);
    }

    /// Appends text that stands for `source_len` source bytes at `source`
    /// (decoded entities, escapes, line breaks).
    pub fn mapped(&mut self, text: &str, source: usize, source_len: usize) {
        self.push(text, source, source_len, false);
    }

    /// Appends a separator that is not in the source (between blocks).
    pub fn separator(&mut self, text: &str) {
        if self.text.is_empty() || self.text.ends_with(text) {
            return;
        }
        let at = self.cursor;
        self.push(text, at, 0, false);
    }

    fn push(&mut self, text: &str, source: usize, source_len: usize, verbatim: bool) {
        if text.is_empty() {
            return;
        }
        self.segments.push(Segment {
            prose: self.text.len(),
            prose_len: text.len(),
            source,
            source_len,
            verbatim,
        });
        self.text.push_str(text);
        self.cursor = source + source_len;
    }

    /// The prose so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Finishes the prose.
    pub fn finish(self) -> Prose<'static> {
        Prose {
            text: Cow::Owned(self.text),
            segments: Some(self.segments),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_verbatim_and_mapped_pieces() {
        // Source: "a <b>kyiv</b> &amp; b"
        let mut b = ProseBuilder::default();
        b.verbatim("a ", 0);
        b.verbatim("kyiv", 5);
        b.verbatim(" ", 13);
        b.mapped("&", 14, 5);
        b.verbatim(" b", 19);
        let p = b.finish();
        assert_eq!(p.text, "a kyiv & b");
        assert_eq!(
            p.to_source(2, 6),
            SourceSpan {
                start: 5,
                end: 9,
                exact: true
            }
        );
        // Across the markup: mapped, but not exact.
        assert_eq!(
            p.to_source(0, 6),
            SourceSpan {
                start: 0,
                end: 9,
                exact: false
            }
        );
        assert_eq!(
            p.to_source(7, 8),
            SourceSpan {
                start: 14,
                end: 19,
                exact: false
            }
        );
        assert_eq!(
            p.to_source(9, 10),
            SourceSpan {
                start: 20,
                end: 21,
                exact: true
            }
        );
    }
}
