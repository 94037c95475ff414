//! A trie of spellings (ASCII-lowercased) for finding those that a text has
//! at a given position: a double array built with `yada`, walked here with the
//! text's ASCII case folded on the fly and every index checked, so that the
//! walk needs no copy of the text and no table bytes can make it misbehave.

use std::borrow::Cow;

use yada::builder::DoubleArrayBuilder;
use yada::unit::Unit;
use zerocopy::little_endian::{U32, U64};
use zerocopy::{FromBytes, IntoBytes};

/// Most bytes of spellings in one trie: far from the double array's limit of
/// 2^29 units, which its builder asserts.
const MAX_KEY_BYTES: usize = 1 << 26;

/// A double-array trie mapping spellings to 31-bit values.
pub struct SpellingTrie {
    /// The double array's units (empty for no spellings).
    units: Cow<'static, [U32]>,
}

impl SpellingTrie {
    /// The trie of `keys`: sorted, distinct, non-empty ASCII-lowercased
    /// spellings without NUL, each with a value below 2^31.
    pub fn build(keys: &[(&[u8], u32)]) -> Result<Self, String> {
        let bad = |what: &str| Err(format!("spelling trie: {what}"));
        if keys.is_empty() {
            return Ok(SpellingTrie {
                units: Cow::Owned(Vec::new()),
            });
        }
        if keys.windows(2).any(|w| w[0].0 >= w[1].0) {
            return bad("the spellings are not sorted and distinct");
        }
        if keys
            .iter()
            .any(|(k, v)| k.is_empty() || k.contains(&0) || *v >= 1 << 31)
        {
            return bad("an empty spelling, a NUL or a value of 2^31 or more");
        }
        if keys.iter().map(|(k, _)| k.len()).sum::<usize>() > MAX_KEY_BYTES {
            return bad("too many spellings");
        }
        let bytes = DoubleArrayBuilder::build(keys).ok_or("spelling trie: the build failed")?;
        Self::from_vec(bytes)
    }

    fn from_vec(bytes: Vec<u8>) -> Result<Self, String> {
        let units = <[U32]>::ref_from_bytes(&bytes)
            .map_err(|_| "spelling trie: not whole units".to_string())?
            .to_vec();
        Ok(SpellingTrie {
            units: Cow::Owned(units),
        })
    }

    /// The trie over `bytes` (from [`SpellingTrie::as_bytes`]), used in place.
    pub fn from_bytes(bytes: &'static [u8]) -> Result<Self, String> {
        let units = <[U32]>::ref_from_bytes(bytes)
            .map_err(|_| "spelling trie: not whole units".to_string())?;
        Ok(SpellingTrie {
            units: Cow::Borrowed(units),
        })
    }

    /// The double array's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.units.as_bytes()
    }

    /// Calls `f(end, value)` for every spelling that `text[start..end]` is,
    /// ASCII case folded, shortest first.
    #[inline]
    pub fn prefixes(&self, text: &[u8], start: usize, mut f: impl FnMut(usize, u32)) {
        let units = &self.units[..];
        let Some(root) = units.first() else {
            return;
        };
        let (mut id, mut unit) = (0u32, Unit::from_u32(root.get()));
        let mut end = start;
        while let Some(&b) = text.get(end) {
            end += 1;
            let c = u32::from(FOLD[usize::from(b)]);
            let child = unit.offset() ^ id ^ c;
            let Some(next) = units.get(child as usize) else {
                return;
            };
            let next = Unit::from_u32(next.get());
            if next.label() != c {
                return;
            }
            (id, unit) = (child, next);
            if unit.has_leaf() {
                if let Some(leaf) = units.get((unit.offset() ^ id) as usize) {
                    f(end, Unit::from_u32(leaf.get()).value());
                }
            }
        }
    }
}

/// ASCII lowercase of each byte, but NUL, which would step onto a leaf or an
/// unused unit (whose label is 0), becomes 0xFF, which no spelling (UTF-8) has.
pub(crate) const FOLD: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).to_ascii_lowercase();
        b += 1;
    }
    table[0] = 0xFF;
    table
};

/// The first two bytes (ASCII case folded) that spellings may begin with, as a
/// bit set over byte pairs: a position whose pair is not in it starts none. A
/// spelling of one byte admits its byte followed by any (or by the text's end,
/// read as NUL).
pub struct FirstPairs {
    /// 2^16 bits, little-endian u64 words; empty for no spellings.
    bits: Cow<'static, [U64]>,
}

/// Bytes of a [`FirstPairs`] table.
pub const FIRST_PAIRS_BYTES: usize = (1 << 16) / 8;

impl FirstPairs {
    /// The pairs that `keys` (ASCII-lowercased, non-empty) begin with.
    pub fn build<'k>(keys: impl IntoIterator<Item = &'k [u8]>) -> Self {
        let mut bits = vec![0u64; FIRST_PAIRS_BYTES / 8];
        let mut any = false;
        for key in keys {
            let Some(&first) = key.first() else {
                continue;
            };
            any = true;
            let seconds = match key.get(1) {
                Some(&second) => second..=second,
                None => 0..=255,
            };
            for second in seconds {
                let pair = pair(FOLD[usize::from(first)], FOLD[usize::from(second)]);
                bits[pair / 64] |= 1 << (pair % 64);
            }
        }
        let bits = if any {
            bits.into_iter().map(U64::new).collect()
        } else {
            Vec::new()
        };
        FirstPairs {
            bits: Cow::Owned(bits),
        }
    }

    /// The set over `bytes` (from [`FirstPairs::as_bytes`]), used in place.
    pub fn from_bytes(bytes: &'static [u8]) -> Result<Self, String> {
        match <[U64]>::ref_from_bytes(bytes) {
            Ok(bits) if bits.is_empty() || bits.len() * 8 == FIRST_PAIRS_BYTES => Ok(FirstPairs {
                bits: Cow::Borrowed(bits),
            }),
            _ => Err("first pairs: not a table of 2^16 bits".into()),
        }
    }

    /// The set's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.bits.as_bytes()
    }

    /// Calls `f(start)` for every position of `text` whose first two bytes
    /// (the second read as NUL past the end) are in the set.
    #[inline]
    pub fn for_each_start(&self, text: &[u8], mut f: impl FnMut(usize)) {
        let bits = &self.bits[..];
        if bits.is_empty() {
            return;
        }
        let mut second = FOLD[usize::from(text.first().copied().unwrap_or(0))];
        for start in 0..text.len() {
            let first = second;
            second = FOLD[usize::from(text.get(start + 1).copied().unwrap_or(0))];
            let pair = pair(first, second);
            if bits
                .get(pair / 64)
                .is_some_and(|w| w.get() >> (pair % 64) & 1 == 1)
            {
                f(start);
            }
        }
    }
}

/// The bit of a pair of folded bytes.
fn pair(first: u8, second: u8) -> usize {
    usize::from(first) << 8 | usize::from(second)
}

#[cfg(test)]
mod tests {
    use super::{FirstPairs, SpellingTrie};

    fn trie(keys: &[&str]) -> SpellingTrie {
        let mut keys: Vec<(&[u8], u32)> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_bytes(), i as u32))
            .collect();
        keys.sort_unstable();
        SpellingTrie::build(&keys).unwrap()
    }

    /// What `prefixes` finds, by comparing every key with the folded text.
    fn prefixes_simply(keys: &[&str], text: &[u8], start: usize) -> Vec<(usize, u32)> {
        let mut out: Vec<(usize, u32)> = keys
            .iter()
            .enumerate()
            .filter(|(_, k)| {
                text.get(start..start + k.len())
                    .is_some_and(|t| t.to_ascii_lowercase() == k.as_bytes())
            })
            .map(|(i, k)| (start + k.len(), i as u32))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn the_walk_finds_every_key_the_text_starts_with() {
        let keys = [
            "a",
            "an",
            "and",
            "l’été",
            "élysée",
            "don't",
            "don’t",
            "e-mail",
            "the\nend",
            "ωmega",
            "a b",
            "a bc",
        ];
        let t = trie(&keys);
        let text =
            "An And-a Bc L’ÉTÉ élysée ÉLYSÉE DON'T don’t E-Mail the\nEnd ωmega a\u{0}b \u{0}";
        let bytes = text.as_bytes();
        for start in 0..=bytes.len() + 1 {
            let mut found = Vec::new();
            t.prefixes(bytes, start, |end, v| found.push((end, v)));
            assert_eq!(found, prefixes_simply(&keys, bytes, start), "at {start}");
        }
    }

    #[test]
    fn bad_key_sets_are_refused_and_an_empty_one_finds_nothing() {
        assert!(SpellingTrie::build(&[(b"b", 0), (b"a", 1)]).is_err());
        assert!(SpellingTrie::build(&[(b"a\0", 0)]).is_err());
        assert!(SpellingTrie::build(&[(b"", 0)]).is_err());
        let empty = SpellingTrie::build(&[]).unwrap();
        assert!(empty.as_bytes().is_empty());
        empty.prefixes(b"abc", 0, |_, _| panic!("a hit in an empty trie"));
    }

    #[test]
    fn any_table_bytes_are_walked_without_panicking() {
        let t = trie(&["abc", "abd", "b"]);
        let mut bytes = t.as_bytes().to_vec();
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = b.wrapping_mul(31).wrapping_add(i as u8);
        }
        let garbage = SpellingTrie::from_bytes(Box::leak(bytes.into_boxed_slice())).unwrap();
        for start in 0..8 {
            garbage.prefixes(b"abcdb\xff\x00z", start, |_, _| {});
        }
        assert!(SpellingTrie::from_bytes(b"abc").is_err());
    }

    #[test]
    fn first_pairs_admit_every_start_of_a_key() {
        let keys = ["ab", "-led", "x", "Éa"];
        let lowered: Vec<Vec<u8>> = keys
            .iter()
            .map(|k| k.as_bytes().to_ascii_lowercase())
            .collect();
        let pairs = FirstPairs::build(lowered.iter().map(|k| &k[..]));
        let text = "AB-LED xÉa ab\u{0}X-l a";
        let mut starts = Vec::new();
        pairs.for_each_start(text.as_bytes(), |i| starts.push(i));
        let expected: Vec<usize> = (0..text.len())
            .filter(|&i| {
                lowered.iter().any(|k| {
                    let t = text.as_bytes()[i..].to_ascii_lowercase();
                    t.starts_with(k) || (k.len() > 1 && t.starts_with(&k[..2]))
                }) || text.as_bytes()[i].eq_ignore_ascii_case(&b'x')
            })
            .collect();
        assert_eq!(starts, expected);
        let copy = FirstPairs::from_bytes(Box::leak(pairs.as_bytes().to_vec().into_boxed_slice()));
        assert!(copy.is_ok());
        assert!(FirstPairs::from_bytes(b"12345678").is_err());
        FirstPairs::build([]).for_each_start(b"ab", |_| panic!("no pairs"));
    }
}
