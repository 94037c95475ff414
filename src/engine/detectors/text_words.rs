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
                Some(scan(self.text))
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

/// The tokens of `text` (at most [`MAX_LISTED`] bytes), as [`textscan::words`] yields
/// them: ASCII text is scanned 64 bytes at a time (a bitmap of its letters and digits
/// gives the words), the rest and the words that reach past a block by the scan.
fn scan(text: &str) -> Vec<(u32, u32)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::with_capacity(text.len() / 6 + 1);
    let mut push = |s: usize, e: usize| spans.push((s as u32, e as u32));
    // Invariant: `pos` is not inside a word (a token ends at or before it), or `bits`
    // holds the block's bits without those of the word that was listed across it.
    let mut pos = 0;
    let mut bits = None;
    while pos < bytes.len() {
        let block = bits
            .take()
            .or_else(|| bytes.get(pos..pos + 64).and_then(ascii_word_bits));
        let Some(mut word) = block else {
            // Not a whole ASCII block: one token by the scan.
            match textscan::words_from(text, pos).next() {
                Some((s, e)) => {
                    push(s, e);
                    pos = e;
                }
                None => break,
            }
            continue;
        };
        loop {
            if word == 0 {
                pos += 64;
                break;
            }
            let s = word.trailing_zeros() as usize;
            let e = s + (!(word >> s)).trailing_zeros() as usize;
            if e < 64 {
                push(pos + s, pos + e);
                word &= !((1 << e) - 1);
                continue;
            }
            // The word reaches the end of the block: it ends in the next one when that
            // is ASCII and not one word; else (non-ASCII letters may go on) the scan says.
            match bytes.get(pos + 64..pos + 128).and_then(ascii_word_bits) {
                Some(next) if next != u64::MAX => {
                    let rest = (!next).trailing_zeros() as usize;
                    push(pos + s, pos + 64 + rest);
                    bits = Some(next & !((1 << rest) - 1));
                    pos += 64;
                }
                _ => match textscan::words_from(text, pos + s).next() {
                    Some((s, e)) => {
                        push(s, e);
                        pos = e;
                    }
                    None => pos = bytes.len(),
                },
            }
            break;
        }
    }
    spans
}

/// Bit `i` set when `block[i]` is an ASCII letter or digit; `None` unless the block
/// is 64 ASCII bytes.
#[inline]
fn ascii_word_bits(block: &[u8]) -> Option<u64> {
    crate::rules::ascii_word_bits(block, false)
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
    fn block_scan_finds_the_tokens_of_the_scan() {
        let mut texts = vec![
            String::new(),
            "a".repeat(64),
            "a".repeat(63) + " ",
            " ".repeat(63) + "abc",
            "x".repeat(64) + "é" + &"y".repeat(70),
            "x".repeat(63) + "é" + &"y".repeat(70),
            "0123456789@AZ[`az{/:".repeat(9),
        ];
        let prose = "Kyiv-based «Élysée» don’t 2025, ÉLAN\u{301}x. The allies' \
            NATO-led talks\n\nin new york (US) ended; e-mail: a_b@c.d ŁÓDŹ Straße ";
        let ascii = "Kyiv and NATO-led talks in New York, 2025: a_b c.d x ";
        for shift in 0..70 {
            texts.push("y".repeat(shift) + &ascii.repeat(40));
            texts.push(" ".repeat(shift) + &"z".repeat(130) + " " + &ascii.repeat(3));
            texts.push(format!(
                "{}{}",
                "ab ".repeat(shift / 3) + &" ".repeat(shift % 3),
                prose.repeat(3)
            ));
        }
        for t in &texts {
            let expected: Vec<(u32, u32)> = textscan::words(t)
                .map(|(s, e)| (s as u32, e as u32))
                .collect();
            assert_eq!(scan(t), expected, "{t:?}");
        }
    }

    #[test]
    fn word_bits_of_every_byte() {
        for b in 0u8..0x80 {
            for at in [0, 7, 8, 35, 63] {
                let mut block = [b' '; 64];
                block[at] = b;
                let expected = if b.is_ascii_alphanumeric() {
                    1 << at
                } else {
                    0
                };
                assert_eq!(ascii_word_bits(&block), Some(expected), "{b} at {at}");
            }
        }
        let mut block = [b'a'; 64];
        assert_eq!(ascii_word_bits(&block), Some(u64::MAX));
        block[40] = 0xC3;
        assert_eq!(ascii_word_bits(&block), None);
    }

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
