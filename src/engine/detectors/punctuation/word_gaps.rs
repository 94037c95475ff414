//! The gaps between whitespace-separated chunks of a text, read 64 bytes at a time
//! from bitmaps of the whitespace and the ASCII letters, with the lengths of the
//! ASCII letter runs on either side of each gap.

use crate::engine::detectors::block_bits::letter_space_bits;

/// A gap: the whitespace between two chunks (the start of the chunk before it is
/// [`WordGaps::chunk_before`], worked out only for the few gaps that need it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Gap {
    /// Start of the gap.
    pub gap: usize,
    /// Start of the chunk after the gap.
    pub next: usize,
    /// Number of ASCII letters right before the gap.
    pub letters_before: usize,
    /// Number of ASCII letters from the start of the chunk after the gap.
    pub letters_after: usize,
}

/// The bitmaps of a 64-byte block: bit `i` is byte `i` of the block (none past
/// the end of the text).
#[derive(Clone, Copy, Default)]
struct BlockBits {
    /// Whitespace (`char::is_whitespace`): every byte of a whitespace character.
    space: u64,
    /// ASCII letters.
    letters: u64,
    /// Bytes that may go on a word after its ASCII letters: apostrophes and the
    /// bytes of non-ASCII characters.
    goes_on: u64,
    /// Bytes of non-ASCII characters.
    non_ascii: u64,
}

/// The bitmaps of the block at `at`.
#[inline]
fn block_bits(text: &str, at: usize) -> BlockBits {
    let bytes = text.as_bytes();
    let bits = match bytes.get(at..).and_then(<[u8]>::first_chunk::<64>) {
        Some(block) => letter_space_bits(block),
        None => {
            // Zero padding past the end is neither.
            let mut block = [0u8; 64];
            let rest = bytes.get(at..).unwrap_or_default();
            block[..rest.len()].copy_from_slice(rest);
            letter_space_bits(&block)
        }
    };
    let mut space = bits.spaces;
    if bits.non_ascii != 0 {
        space |= other_spaces(text, at);
    }
    BlockBits {
        space,
        letters: bits.letters,
        goes_on: bits.apostrophes | bits.non_ascii,
        non_ascii: bits.non_ascii,
    }
}

/// Bit `i` set when byte `at + i` belongs to a non-ASCII whitespace character
/// (one that may start up to three bytes before the block).
#[cold]
fn other_spaces(text: &str, at: usize) -> u64 {
    let bytes = text.as_bytes();
    let end = bytes.len().min(at + 64);
    let mut bits = 0;
    let from = at.saturating_sub(3).min(end);
    for (lead, _) in (from..).zip(&bytes[from..end]).filter(|(_, &b)| b >= 0xC0) {
        let Some(c) = text.get(lead..).and_then(|t| t.chars().next()) else {
            continue;
        };
        if c.is_whitespace() {
            for i in lead.max(at)..(lead + c.len_utf8()).min(end) {
                bits |= 1 << (i - at);
            }
        }
    }
    bits
}

/// Iterator over the [`Gap`]s of a text, in order: each maximal run of whitespace
/// with a chunk before it and one after it.
pub(super) struct WordGaps<'a> {
    text: &'a str,
    /// Start of the current block.
    base: usize,
    /// Leave out the gaps between letter runs of different lengths
    /// ([`unequal_runs`]).
    skip_unequal: bool,
    /// ASCII letters of the block before the current one.
    prev_letters: u64,
    /// Whitespace of the block before the current one.
    prev_space: u64,
    cur: BlockBits,
    /// The bitmaps of the block after the current one.
    after: BlockBits,
    /// The gap ends (starts of chunks) in the current block not yet given.
    ends: u64,
    /// Whether the byte before the current block is whitespace.
    carry: bool,
    /// Start of the whitespace run that reaches the start of the current block.
    carried_gap: usize,
}

impl<'a> WordGaps<'a> {
    /// The gaps of `text` (the scan the detector's is tested against).
    #[cfg(test)]
    pub(super) fn new(text: &'a str) -> Self {
        WordGaps::with(text, false)
    }

    /// Every gap left, with the start of the chunk before it.
    #[cfg(test)]
    pub(super) fn with_chunks(mut self) -> Vec<(usize, Gap)> {
        let mut gaps = Vec::new();
        while let Some(gap) = self.next() {
            gaps.push((self.chunk_before(gap.gap), gap));
        }
        gaps
    }

    /// The gaps of `text` but those that [`unequal_runs`] and [`beside_punctuation`]
    /// find: none of them follows a repeated word.
    pub(super) fn filtered(text: &'a str) -> Self {
        WordGaps::with(text, true)
    }

    fn with(text: &'a str, skip_unequal: bool) -> Self {
        let mut gaps = WordGaps {
            text,
            base: 0,
            skip_unequal,
            prev_letters: 0,
            prev_space: 0,
            cur: block_bits(text, 0),
            after: block_bits(text, 64),
            ends: 0,
            carry: false,
            carried_gap: 0,
        };
        gaps.ends = gaps.block_ends();
        gaps
    }

    /// The gap ends of the current block to give.
    #[inline]
    fn block_ends(&self) -> u64 {
        let ends = chunk_starts(self.cur.space, self.carry, self.text.len() - self.base);
        if self.skip_unequal {
            ends & !unequal_runs(&self.cur) & !beside_punctuation(&self.cur)
        } else {
            ends
        }
    }

    /// Moves to the next block; false past the end of the text.
    #[inline]
    fn advance(&mut self) -> bool {
        let space = self.cur.space;
        // The run of whitespace at the top of the block starts in it, unless the
        // whole block is whitespace that goes on from the block before.
        let top = space.leading_ones() as usize;
        if top < 64 || !self.carry {
            self.carried_gap = self.base + 64 - top;
        }
        self.carry = space >> 63 == 1;
        self.prev_letters = self.cur.letters;
        self.prev_space = space;
        self.base += 64;
        if self.base >= self.text.len() {
            return false;
        }
        self.cur = self.after;
        self.after = block_bits(self.text, self.base + 64);
        self.ends = self.block_ends();
        true
    }

    /// The start of the chunk that ends at `gap`, the start of the gap just given
    /// (valid until the next one is asked for): after the last whitespace before it.
    #[inline]
    pub(super) fn chunk_before(&self, gap: usize) -> usize {
        if gap > self.base {
            let space = self.cur.space & ((1 << (gap - self.base)) - 1);
            if space != 0 {
                return self.base + 64 - space.leading_zeros() as usize;
            }
        }
        if gap >= self.base && self.prev_space != 0 {
            return self.base - self.prev_space.leading_zeros() as usize;
        }
        let text = self.text.get(..gap).unwrap_or_default();
        text.char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    /// Number of ASCII letters right before `at` (counted a byte at a time when
    /// they reach past the block before the current one).
    #[inline]
    fn letters_before(&self, at: usize) -> usize {
        if at > self.base {
            let k = at - self.base;
            let run = (!(self.cur.letters << (64 - k))).leading_zeros() as usize;
            if run < k {
                return run;
            }
            // The block before the first is zero: runs end at the start of the text.
            let more = (!self.prev_letters).leading_zeros() as usize;
            if more < 64 || self.base == 0 {
                return k + more;
            }
        } else if at + 64 > self.base {
            let k = at + 64 - self.base;
            let run = (!(self.prev_letters << (64 - k))).leading_zeros() as usize;
            if run < k || self.base == 0 {
                return run;
            }
        }
        let bytes = self.text.as_bytes();
        bytes[..at]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphabetic())
            .count()
    }

    /// Number of ASCII letters from `at` in the current block on (counted a byte
    /// at a time when they reach past the next block).
    #[inline]
    fn letters_from(&self, at: usize) -> usize {
        let i = at - self.base;
        let run = (!(self.cur.letters >> i)).trailing_zeros() as usize;
        if run < 64 - i {
            return run;
        }
        let more = (!self.after.letters).trailing_zeros() as usize;
        if more < 64 {
            return run + more;
        }
        self.text.as_bytes()[at..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count()
    }
}

/// The chunk starts of a block with whitespace bits `space`: bytes other than
/// whitespace right after whitespace (`carry`: the byte before the block is),
/// within the `len` bytes left in the text.
#[inline]
fn chunk_starts(space: u64, carry: bool, len: usize) -> u64 {
    let valid = if len >= 64 { u64::MAX } else { (1 << len) - 1 };
    !space & (space << 1 | u64::from(carry)) & valid
}

/// The gap ends of a block next to an ASCII byte other than a letter or whitespace:
/// at the gap's end, or right before a gap of one byte (two bytes before its end).
/// A repeated word neither starts nor ends there.
#[inline]
fn beside_punctuation(bits: &BlockBits) -> u64 {
    let other = !(bits.letters | bits.non_ascii | bits.space);
    other | other << 2
}

/// Longest letter run [`unequal_runs`] measures.
const MAX_RUN: u32 = 10;

/// The gap ends of a block that follow no repeated word for certain: after a single
/// whitespace byte between two runs of ASCII letters inside the block, of different
/// lengths (at most [`MAX_RUN`]), the first after another byte of the block and the
/// second before an ASCII byte other than the apostrophe (or the end of the text).
/// A repeat of such words would be a run of as many letters.
#[inline]
fn unequal_runs(bits: &BlockBits) -> u64 {
    let letters = bits.letters;
    // Starts of runs after another byte of the block, not reaching its end.
    let top_run = if letters >> 63 == 1 {
        u64::MAX << (64 - letters.leading_ones())
    } else {
        0
    };
    let starts = letters & !(letters << 1) & !top_run & !1;
    // Bytes a run may end before (as the run after a gap).
    let clean = !bits.goes_on;
    let mut acc = RunAcc {
        run: letters,
        ..RunAcc::default()
    };
    // Written out, one step per length: the constant shifts need no loop counter.
    let step = |acc: &mut RunAcc, k| acc.step(k, starts, letters, clean);
    const _: () = assert!(MAX_RUN == 10);
    step(&mut acc, 1);
    step(&mut acc, 2);
    step(&mut acc, 3);
    step(&mut acc, 4);
    step(&mut acc, 5);
    step(&mut acc, 6);
    step(&mut acc, 7);
    step(&mut acc, 8);
    step(&mut acc, 9);
    step(&mut acc, 10);
    acc.after & acc.before & !acc.equal
}

/// The run lengths [`unequal_runs`] has measured, as bitmaps of gap ends.
#[derive(Default)]
struct RunAcc {
    /// Bit `i`: `k` letters from byte `i` on (after `k - 1` steps).
    run: u64,
    /// Gap ends before a run of a measured length, ending cleanly.
    after: u64,
    /// Gap ends after a run of a measured length (the gap one byte).
    before: u64,
    /// Gap ends with runs of the same measured length on both sides.
    equal: u64,
}

impl RunAcc {
    /// Takes in the runs of exactly `k` letters.
    #[inline(always)]
    fn step(&mut self, k: u32, starts: u64, letters: u64, clean: u64) {
        let shifted = letters >> k;
        // Runs of exactly `k` letters (a run not reaching the end of the block ends
        // inside it).
        let exact = starts & self.run & !shifted;
        // As the run after a gap (starting at its end), and as the run before a
        // gap of one byte (at the gap's end, two bytes after the run's last letter).
        let a = exact & (clean >> k);
        let b = exact << (k + 1);
        self.after |= a;
        self.before |= b;
        self.equal |= a & b;
        self.run &= shifted;
    }
}

impl Iterator for WordGaps<'_> {
    type Item = Gap;

    #[inline]
    fn next(&mut self) -> Option<Gap> {
        loop {
            while self.ends != 0 {
                let i = self.ends.trailing_zeros() as usize;
                self.ends &= self.ends - 1;
                let next = self.base + i;
                let others = !self.cur.space & ((1 << i) - 1);
                let gap = if others != 0 {
                    self.base + 64 - others.leading_zeros() as usize
                } else {
                    self.carried_gap
                };
                // Only whitespace at the very start of the text has no chunk before it.
                if gap > 0 {
                    return Some(Gap {
                        gap,
                        next,
                        letters_before: self.letters_before(gap),
                        letters_after: self.letters_from(next),
                    });
                }
            }
            if !self.advance() {
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The gaps found a character at a time, with the starts of their chunks.
    fn simple_gaps(text: &str) -> Vec<(usize, Gap)> {
        let bytes = text.as_bytes();
        let mut gaps = Vec::new();
        let mut chunk = 0;
        let mut gap = None;
        for (i, c) in text.char_indices() {
            if c.is_whitespace() {
                gap.get_or_insert(i);
            } else if let Some(g) = gap.take() {
                if g > chunk {
                    let letters = |r: &mut dyn Iterator<Item = &u8>| {
                        r.take_while(|b| b.is_ascii_alphabetic()).count()
                    };
                    let gap = Gap {
                        gap: g,
                        next: i,
                        letters_before: letters(&mut bytes[..g].iter().rev()),
                        letters_after: letters(&mut bytes[i..].iter()),
                    };
                    gaps.push((chunk, gap));
                }
                chunk = i;
            }
        }
        gaps
    }

    #[test]
    fn gaps_match_a_character_scan() {
        let prose = "Kyiv-based «Élysée» don’t 2025, the the\u{a0}the ÉLAN\u{301}x. The allies' \
            NATO-led talks\n\nin new york (US) ended;\u{2003} e-mail: a_b@c.d ŁÓDŹ Straße \r\n\t";
        let mut texts = vec![
            String::new(),
            " ".repeat(200),
            "a".repeat(64),
            "a".repeat(200),
            "a ".repeat(100),
            " a".repeat(100),
            "x".repeat(63) + " " + &"y".repeat(70) + " z",
            " ".repeat(63) + "abc" + &" ".repeat(130) + "d\u{3000}e\u{85}f",
            "\u{a0}".repeat(40) + "x" + &"\u{2003}".repeat(30) + "y",
            "ab\0cd\u{7}ef gh\u{b}ij\u{c}kl\u{1c}mn".to_string(),
        ];
        for shift in 0..70 {
            texts.push("y".repeat(shift) + " " + &prose.repeat(3));
            texts.push(" ".repeat(shift) + &"z".repeat(130) + " q " + prose);
            texts.push("é".repeat(shift / 2) + &" ".repeat(shift % 5) + &prose.repeat(2));
        }
        for t in &texts {
            assert_eq!(WordGaps::new(t).with_chunks(), simple_gaps(t), "{t:?}");
        }
    }
}
