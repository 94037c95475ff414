//! The word tokens of a text ([`textscan::words`]), scanned once per text and shared by
//! the detectors that walk every word (casing, title-case), so the text is tokenized once
//! instead of once per detector.

use std::cell::OnceCell;

use super::textscan::{self, Words};

/// Longest text whose tokens are listed: the list takes about 1.4 bytes per
/// byte of prose, so longer texts are scanned on each use and memory stays
/// within a small multiple of the text.
const MAX_LISTED: usize = 16 << 20;

/// The word tokens of one text, scanned on first use.
pub struct TextWords<'t> {
    text: &'t str,
    /// Byte ranges of the tokens; `None` for texts longer than [`MAX_LISTED`]
    /// (scanned on each use).
    spans: OnceCell<Option<Vec<(u32, u32)>>>,
}

impl<'t> TextWords<'t> {
    /// The (not yet scanned) word tokens of `text`.
    pub fn new(text: &'t str) -> TextWords<'t> {
        TextWords {
            text,
            spans: OnceCell::new(),
        }
    }

    /// The text whose words these are.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The tokens as byte ranges, scanning the text on the first call; `None` when the
    /// text is too long for the list.
    pub fn spans(&self) -> Option<&[(u32, u32)]> {
        self.spans
            .get_or_init(|| {
                if self.text.len() > MAX_LISTED {
                    return None;
                }
                let mut spans = Vec::with_capacity(self.text.len() / 6 + 1);
                spans.extend(textscan::words(self.text).map(|(s, e)| (s as u32, e as u32)));
                Some(spans)
            })
            .as_deref()
    }

    /// The tokens in order, as [`textscan::words`] yields them.
    pub fn iter(&self) -> Iter<'_> {
        match self.spans() {
            Some(spans) => Iter::Listed(spans.iter()),
            None => Iter::Scanned(textscan::words(self.text)),
        }
    }
}

/// Iterator over the tokens of [`TextWords`].
pub enum Iter<'a> {
    /// From the list.
    Listed(std::slice::Iter<'a, (u32, u32)>),
    /// From a scan of the text (texts too long for the list).
    Scanned(Words<'a>),
}

impl Iterator for Iter<'_> {
    type Item = (usize, usize);

    #[inline]
    fn next(&mut self) -> Option<(usize, usize)> {
        match self {
            Iter::Listed(spans) => spans.next().map(|&(s, e)| (s as usize, e as usize)),
            Iter::Scanned(words) => words.next(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_tokens_as_the_scan() {
        let t = "Kyiv-based «Élysée» don’t 2025, ÉLAN\u{301}x.";
        let words = TextWords::new(t);
        assert_eq!(
            words.iter().collect::<Vec<_>>(),
            textscan::words(t).collect::<Vec<_>>()
        );
        assert_eq!(
            words.spans().map(<[_]>::len),
            Some(textscan::words(t).count())
        );
    }
}
