//! Bitmaps of the byte classes of 64-byte blocks (bit `i` for byte `i`), for the
//! word scans: sixteen bytes per instruction with SSE2 on x86-64 (part of its
//! baseline), a byte at a time elsewhere.

/// Bitmaps of the letters, whitespace and other characters of a block.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LetterSpaceBits {
    /// ASCII letters.
    pub letters: u64,
    /// ASCII whitespace (`u8::is_ascii_whitespace` and the vertical tab).
    pub spaces: u64,
    /// ASCII apostrophes.
    pub apostrophes: u64,
    /// Bytes of non-ASCII characters.
    pub non_ascii: u64,
}

/// Bitmaps of the word bytes of a block.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordBits {
    /// ASCII letters, digits and apostrophes.
    pub word: u64,
    /// Bytes of non-ASCII characters.
    pub non_ascii: u64,
}

/// The letters, whitespace and non-ASCII bytes of `block`.
#[inline]
pub fn letter_space_bits(block: &[u8; 64]) -> LetterSpaceBits {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    // SAFETY: the build enables SSE2 (`target_feature = "sse2"`, part of the
    // x86-64 baseline), so every CPU that runs this code has it.
    return unsafe { sse2::letter_space_bits(block) };
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    return simple::letter_space_bits(block);
}

/// The word bytes and non-ASCII bytes of `block`.
#[inline]
pub fn word_bits(block: &[u8; 64]) -> WordBits {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    // SAFETY: as in `letter_space_bits`.
    return unsafe { sse2::word_bits(block) };
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    return simple::word_bits(block);
}

/// Byte at a time: the definition the SSE2 version is tested against.
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
mod simple {
    use super::{LetterSpaceBits, WordBits};

    /// Bit `i` set when `class(block[i])`.
    fn bits(block: &[u8; 64], class: impl Fn(u8) -> bool) -> u64 {
        (0..64)
            .filter(|&i| class(block[i]))
            .map(|i| 1u64 << i)
            .sum()
    }

    pub fn letter_space_bits(block: &[u8; 64]) -> LetterSpaceBits {
        LetterSpaceBits {
            letters: bits(block, |b| b.is_ascii_alphabetic()),
            spaces: bits(block, |b| b.is_ascii_whitespace() || b == 0x0b),
            apostrophes: bits(block, |b| b == b'\''),
            non_ascii: bits(block, |b| !b.is_ascii()),
        }
    }

    pub fn word_bits(block: &[u8; 64]) -> WordBits {
        WordBits {
            word: bits(block, |b| b.is_ascii_alphanumeric() || b == b'\''),
            non_ascii: bits(block, |b| !b.is_ascii()),
        }
    }
}

/// SSE2 (in every x86-64 CPU): byte classes by signed comparisons after an offset
/// that moves the class's range to the bottom of the signed bytes.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use super::{LetterSpaceBits, WordBits};
    use std::arch::x86_64::{
        __m128i, _mm_add_epi8, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8, _mm_set_epi64x,
    };

    /// The sixteen bytes of `block` at `16 * k`.
    #[inline]
    #[target_feature(enable = "sse2")]
    fn lane(block: &[u8; 64], k: usize) -> __m128i {
        let half = |at: usize| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&block[at..at + 8]);
            i64::from_le_bytes(b)
        };
        _mm_set_epi64x(half(16 * k + 8), half(16 * k))
    }

    /// Bytes of `x` in `lo..lo + n` (`lo + n` at most 0x80): adding `0x80 - lo`
    /// maps the range to the `n` smallest signed bytes, every other byte above them.
    #[inline]
    #[target_feature(enable = "sse2")]
    fn in_range(x: __m128i, lo: u8, n: u8) -> __m128i {
        let offset = _mm_set1_epi8(0x80u8.wrapping_sub(lo) as i8);
        let limit = _mm_set1_epi8(0x80u8.wrapping_add(n) as i8);
        _mm_cmplt_epi8(_mm_add_epi8(x, offset), limit)
    }

    /// ASCII letters: setting bit 5 lowercases them and maps no other byte to `a..=z`.
    #[inline]
    #[target_feature(enable = "sse2")]
    fn letters(x: __m128i) -> __m128i {
        in_range(_mm_or_si128(x, _mm_set1_epi8(0x20)), b'a', 26)
    }

    /// Bit `i` of the mask of lane `k` at bit `16 * k + i`.
    #[inline]
    #[target_feature(enable = "sse2")]
    fn bits(mask: __m128i, k: usize) -> u64 {
        u64::from(_mm_movemask_epi8(mask) as u16) << (16 * k)
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    pub fn letter_space_bits(block: &[u8; 64]) -> LetterSpaceBits {
        let mut out = LetterSpaceBits::default();
        for k in 0..4 {
            let x = lane(block, k);
            let spaces = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x20)), in_range(x, 9, 5));
            out.letters |= bits(letters(x), k);
            out.spaces |= bits(spaces, k);
            out.apostrophes |= bits(_mm_cmpeq_epi8(x, _mm_set1_epi8(b'\'' as i8)), k);
            out.non_ascii |= bits(x, k);
        }
        out
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    pub fn word_bits(block: &[u8; 64]) -> WordBits {
        let mut out = WordBits::default();
        for k in 0..4 {
            let x = lane(block, k);
            let apostrophes = _mm_cmpeq_epi8(x, _mm_set1_epi8(b'\'' as i8));
            let word = _mm_or_si128(_mm_or_si128(letters(x), in_range(x, b'0', 10)), apostrophes);
            out.word |= bits(word, k);
            out.non_ascii |= bits(x, k);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The precondition of the SSE2 path: the CPU running it has SSE2.
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    #[test]
    fn the_cpu_has_sse2() {
        assert!(std::arch::is_x86_feature_detected!("sse2"));
    }

    /// Every byte value at every position of a block, among varied neighbours.
    #[test]
    fn bitmaps_match_the_byte_tests() {
        let text = "Don't stop: it’s 12:30 in Zürich -- «Привет», O'Brien\nsaid;\t\r\x0b\x0c \
                    abcdefghijklmnop x1y2z3 '' ' a'b`c@d[e{f/0:9 AZaz@[`{";
        let mut blocks: Vec<[u8; 64]> = text
            .as_bytes()
            .windows(64)
            .map(|w| w.try_into().unwrap_or([0; 64]))
            .collect();
        for b in 0..=255u8 {
            for at in [0, 7, 8, 15, 16, 31, 33, 48, 63] {
                let mut block = [b'a'; 64];
                block[at] = b;
                blocks.push(block);
                block = [b; 64];
                block[at] = b' ';
                blocks.push(block);
            }
        }
        for block in &blocks {
            assert_eq!(letter_space_bits(block), simple::letter_space_bits(block));
            assert_eq!(word_bits(block), simple::word_bits(block));
        }
    }
}
