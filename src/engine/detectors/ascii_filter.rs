//! A cheap prefilter for ASCII words: a two-probe Bloom filter keyed by a hash that folds
//! case eight bytes at a time. The gazetteer puts it in front of its table, so most
//! tokens of English prose (which are ASCII and start no gazetteer form) are rejected for
//! a few instructions, without the per-character case-folding hash of the table.

/// Bits of the filter: 2^16 (8 KiB, stays in L1 cache).
const BITS: usize = 1 << 16;

/// A set of case-folded ASCII words that answers "maybe" or "certainly not".
#[derive(Debug, Clone)]
pub struct AsciiFilter {
    bits: Vec<u64>,
}

/// Lowercases the ASCII letters of eight bytes at once (every byte below 0x80).
#[inline]
fn fold8(x: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    // High bit of a byte set when the byte is >= 'A', resp. > 'Z' (no carries: bytes < 0x80).
    let ge_a = x.wrapping_add(LO * (0x80 - u64::from(b'A')));
    let gt_z = x.wrapping_add(LO * (0x7f - u64::from(b'Z')));
    let upper = ge_a & !gt_z & (LO * 0x80);
    x | (upper >> 2)
}

/// Hash of an ASCII word ignoring case.
#[inline]
fn hash(word: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = (word.len() as u64).wrapping_mul(K);
    let mut chunks = word.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ fold8(x)).wrapping_mul(K).rotate_left(31);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut x = 0u64;
        for (i, &b) in rest.iter().enumerate() {
            x |= u64::from(b) << (8 * i);
        }
        h = (h ^ fold8(x)).wrapping_mul(K).rotate_left(31);
    }
    h ^ (h >> 29)
}

/// The two filter bits of a hash.
#[inline]
fn bits_of(h: u64) -> [usize; 2] {
    [(h as usize) % BITS, ((h >> 32) as usize) % BITS]
}

impl AsciiFilter {
    /// The filter of `words`: each is case-folded, and those whose lowercase form is not
    /// ASCII are left out (no ASCII word equals them ignoring case).
    pub fn new<'w>(words: impl Iterator<Item = &'w str>) -> AsciiFilter {
        let mut bits = vec![0u64; BITS / 64];
        for w in words {
            let lower;
            let w = if w.is_ascii() {
                w
            } else {
                lower = w.to_lowercase();
                if !lower.is_ascii() {
                    continue;
                }
                lower.as_str()
            };
            for b in bits_of(hash(w.as_bytes())) {
                bits[b / 64] |= 1 << (b % 64);
            }
        }
        AsciiFilter { bits }
    }

    /// Whether the ASCII word `word` may be in the set ignoring case; `false` is certain.
    #[inline]
    pub fn may_contain(&self, word: &[u8]) -> bool {
        bits_of(hash(word))
            .iter()
            .all(|&b| self.bits[b / 64] & (1 << (b % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_rejects_others() {
        let f = AsciiFilter::new(["Kyiv", "NATO", "new", "Élysée", "K\u{212a}"].into_iter());
        for w in ["kyiv", "KYIV", "Kyiv", "nato", "Nato", "NEW", "New"] {
            assert!(f.may_contain(w.as_bytes()), "{w}");
        }
        // "Élysée" has no ASCII spelling; the Kelvin sign lowercases to ASCII "k".
        assert!(f.may_contain(b"kk"));
        for w in ["kyi", "kyivv", "the", "of", "natoo", "@[`{", "KYIW"] {
            assert!(!f.may_contain(w.as_bytes()), "{w}");
        }
        assert_eq!(
            fold8(u64::from_le_bytes(*b"AZaz@[`{")),
            u64::from_le_bytes(*b"azaz@[`{")
        );
        let long = "Abcdefghijklmnopq";
        assert_eq!(hash(long.as_bytes()), hash(long.to_lowercase().as_bytes()));
    }
}
