//! An exact map from short ASCII words, ignoring case, to `u32` values, keyed by the
//! word's bytes themselves: a token of the text is looked up with one unaligned load, a
//! case fold of sixteen bytes at once, two multiplications and (mostly) one probe. The
//! gazetteer puts it in front of its table, so most tokens of English prose (which are
//! ASCII, short and start no gazetteer form) are rejected without hashing character by
//! character, and those that start a form find its chain without a string comparison.
//! A one-bit filter in front of the table rejects most words that are not keys without
//! probing it. The map is stored as bytes ([`table`]): `build.rs` builds the embedded
//! gazetteer's, which is read in place.

use zerocopy::little_endian::{U128, U32, U64};
use zerocopy::FromBytes;

/// Longest word the map holds, in bytes.
pub const MAX_LEN: usize = 16;

/// Case-folded bytes of an ASCII word of at most [`MAX_LEN`] bytes, little-endian, zero
/// padded (word bytes are never zero, so the key also fixes the length).
pub type Key = u128;

/// An exact map from case-folded short ASCII words to values, read in place from
/// its [`table`] (which `build.rs` writes for the embedded gazetteers).
#[derive(Debug, Clone, Copy)]
pub struct AsciiWords {
    /// Open-addressing table of keys; 0 marks an empty slot.
    keys: &'static [U128],
    values: &'static [U32],
    /// `64 - log2(keys.len())`: the table index is the top bits of the hash.
    shift: u32,
    /// One bit per key, at bits `32..48` of its hash ([`FILTER_BITS`] bits): most words
    /// that are not keys are rejected by one bit test, without probing the table.
    filter: &'static [U64; FILTER_BITS / 64],
}

/// Bytes per slot of a [`table`]: a key and a value.
const SLOT_BYTES: usize = 16 + 4;

/// Size of [`AsciiWords::filter`] in bits (8 KiB: it stays in the L1 cache).
const FILTER_BITS: usize = 1 << 16;

/// Size of [`AsciiWords::filter`] in bytes.
const FILTER_BYTES: usize = FILTER_BITS / 8;

/// The bit of [`AsciiWords::filter`] for the hash `h`.
#[inline(always)]
fn filter_bit(h: u64) -> usize {
    (h >> 32) as usize & (FILTER_BITS - 1)
}

/// Lowercases the ASCII letters of eight bytes at once (every byte below 0x80).
#[inline(always)]
fn fold8(x: u64) -> u64 {
    const LO: u64 = u64::MAX / 0xff;
    // High bit of a byte set when the byte is >= 'A', resp. > 'Z' (no carries: bytes < 0x80).
    let ge_a = x.wrapping_add(LO * (0x80 - u64::from(b'A')));
    let gt_z = x.wrapping_add(LO * (0x7f - u64::from(b'Z')));
    let upper = ge_a & !gt_z & (LO * 0x80);
    x | (upper >> 2)
}

/// [`fold8`] of sixteen bytes.
#[inline(always)]
fn fold(x: u128) -> u128 {
    const LO: u128 = u128::MAX / 0xff;
    // High bit of a byte set when the byte is >= 'A', resp. > 'Z' (no carries: bytes < 0x80).
    let ge_a = x.wrapping_add(LO * (0x80 - u128::from(b'A')));
    let gt_z = x.wrapping_add(LO * (0x7f - u128::from(b'Z')));
    let upper = ge_a & !gt_z & (LO * 0x80);
    x | (upper >> 2)
}

/// `MASKS[n]`: the low `n` bytes of a u128 (a table: a variable shift of a u128 costs
/// several instructions).
static MASKS: [u128; MAX_LEN + 1] = {
    let mut masks = [0; MAX_LEN + 1];
    let mut n = 1;
    while n <= MAX_LEN {
        masks[n] = u128::MAX >> (128 - 8 * n);
        n += 1;
    }
    masks
};

/// The key of the word `bytes[start..end]`, or `None` when it is empty, longer than
/// [`MAX_LEN`] or not ASCII. Always inlined: it runs on every token of a text, and most
/// tokens need nothing else.
#[inline(always)]
pub fn key_at(bytes: &[u8], start: usize, end: usize) -> Option<Key> {
    let len = end - start;
    if len.wrapping_sub(1) >= MAX_LEN {
        return None;
    }
    if len <= 8 {
        // Most words: the same on eight bytes, in half the instructions.
        let x = match bytes.get(start..).and_then(<[u8]>::first_chunk::<8>) {
            Some(chunk) => u64::from_le_bytes(*chunk),
            None => tail(&bytes[start..end]) as u64,
        } & MASKS[len] as u64;
        return (x & (u64::MAX / 0xff * 0x80) == 0).then(|| u128::from(fold8(x)));
    }
    // One load of sixteen bytes, the bytes after the word masked off.
    let x = match bytes.get(start..).and_then(<[u8]>::first_chunk::<16>) {
        Some(chunk) => u128::from_le_bytes(*chunk),
        None => tail(&bytes[start..end]),
    } & MASKS[len];
    (x & (u128::MAX / 0xff * 0x80) == 0).then(|| fold(x))
}

/// [`key_at`] of a word token (`bytes[start..end]` is a maximal run of letters and
/// digits, as `textscan::words` yields it): ASCII letters and digits are folded by
/// setting bit 5 of every byte, cheaper than [`fold`]. For other bytes the result is
/// not a key of the word.
#[inline(always)]
pub fn token_key_at(bytes: &[u8], start: usize, end: usize) -> Option<Key> {
    const CASE16: u128 = u128::MAX / 0xff * 0x20;
    const HIGH16: u128 = u128::MAX / 0xff * 0x80;
    let len = end - start;
    if len.wrapping_sub(1) >= MAX_LEN {
        return None;
    }
    if len <= 8 {
        return short_token_key_at(bytes, start, end).map(u128::from);
    }
    let x = match bytes.get(start..).and_then(<[u8]>::first_chunk::<16>) {
        Some(chunk) => u128::from_le_bytes(*chunk),
        None => tail(&bytes[start..end]),
    };
    let k = (x | CASE16) & MASKS[len];
    (k & HIGH16 == 0).then_some(k)
}

/// [`token_key_at`] of a token of one to eight bytes, as a u64.
#[inline(always)]
pub fn short_token_key_at(bytes: &[u8], start: usize, end: usize) -> Option<u64> {
    const CASE: u64 = u64::MAX / 0xff * 0x20;
    const HIGH: u64 = u64::MAX / 0xff * 0x80;
    let len = end - start;
    if len.wrapping_sub(1) >= 8 {
        return None;
    }
    let x = match bytes.get(start..).and_then(<[u8]>::first_chunk::<8>) {
        Some(chunk) => u64::from_le_bytes(*chunk),
        None => tail(&bytes[start..end]) as u64,
    };
    let k = (x | CASE) & SHORT_MASKS[len];
    (k & HIGH == 0).then_some(k)
}

/// `SHORT_MASKS[n]`: the low `n` bytes of a u64 (`n` at most 8).
static SHORT_MASKS: [u64; 9] = {
    let mut masks = [0; 9];
    let mut n = 1;
    while n <= 8 {
        masks[n] = u64::MAX >> (64 - 8 * n);
        n += 1;
    }
    masks
};

/// The little-endian u128 of `word` (at most sixteen bytes near the end of a text),
/// zero padded.
#[cold]
fn tail(word: &[u8]) -> u128 {
    let mut buf = [0u8; 16];
    buf[..word.len()].copy_from_slice(word);
    u128::from_le_bytes(buf)
}

/// The key of a whole word (see [`key_at`]).
pub fn key(word: &str) -> Option<Key> {
    key_at(word.as_bytes(), 0, word.len())
}

/// The bytes of the map of `entries` (case-folded keys; a repeated key keeps its first
/// value): the keys of its slots (u128), then their values (u32), then the filter
/// ([`FILTER_BITS`] bits as u64), little-endian.
pub fn table(entries: impl ExactSizeIterator<Item = (Key, u32)>) -> Vec<u8> {
    let size = (entries.len() * 2).next_power_of_two().max(16);
    let shift = 64 - size.trailing_zeros();
    let mut keys = vec![0; size];
    let mut values = vec![0; size];
    let mut filter = vec![0u64; FILTER_BITS / 64];
    for (key, value) in entries {
        let h = hash(key);
        let bit = filter_bit(h);
        filter[bit / 64] |= 1 << (bit % 64);
        let mut slot = (h >> shift) as usize;
        loop {
            if keys[slot] == key {
                break;
            }
            if keys[slot] == 0 {
                keys[slot] = key;
                values[slot] = value;
                break;
            }
            slot = (slot + 1) & (size - 1);
        }
    }
    let mut bytes = Vec::with_capacity(size * SLOT_BYTES + FILTER_BYTES);
    for key in keys {
        bytes.extend_from_slice(&key.to_le_bytes());
    }
    for value in values {
        bytes.extend_from_slice(&value.to_le_bytes());
    }
    for word in filter {
        bytes.extend_from_slice(&word.to_le_bytes());
    }
    bytes
}

/// Multiplier of [`hash`].
const K: u64 = 0x9e37_79b9_7f4a_7c15;

/// The hash of a key: the table slot is its top bits, the filter bit bits `32..48`.
#[inline(always)]
fn hash(key: Key) -> u64 {
    let (lo, hi) = (key as u64, (key >> 64) as u64);
    (lo ^ hi.rotate_left(29).wrapping_mul(K)).wrapping_mul(K)
}

/// [`hash`] of a key of at most eight bytes (`key` as a u64): one multiplication.
#[inline(always)]
fn hash_short(key: u64) -> u64 {
    key.wrapping_mul(K)
}

impl AsciiWords {
    /// The map stored in `bytes` by [`table`]; `None` if they cannot be one.
    pub fn from_table(bytes: &'static [u8]) -> Option<AsciiWords> {
        let slots = bytes.len().checked_sub(FILTER_BYTES)?;
        let size = slots / SLOT_BYTES;
        if size < 16 || !size.is_power_of_two() || slots != size * SLOT_BYTES {
            return None;
        }
        let (keys, rest) = bytes.split_at(size * 16);
        let (values, filter) = rest.split_at(size * 4);
        Some(AsciiWords {
            keys: <[U128]>::ref_from_bytes(keys).ok()?,
            values: <[U32]>::ref_from_bytes(values).ok()?,
            shift: 64 - size.trailing_zeros(),
            filter: <[U64; FILTER_BITS / 64]>::ref_from_bytes(filter).ok()?,
        })
    }

    /// The map of `entries` (see [`table`]), kept for the life of the process.
    #[cfg(test)]
    pub fn new(entries: impl ExactSizeIterator<Item = (Key, u32)>) -> AsciiWords {
        AsciiWords::from_table(Box::leak(table(entries).into_boxed_slice()))
            .expect("a table is a map")
    }

    /// Whether the map may hold `key`: `false` is certain (one bit of the filter).
    #[inline(always)]
    pub fn may_hold(&self, key: Key) -> bool {
        let bit = filter_bit(hash(key));
        self.filter[bit / 64].get() & (1 << (bit % 64)) != 0
    }

    /// [`AsciiWords::may_hold`] of a key of at most eight bytes (`key` as a u64).
    #[inline(always)]
    pub fn may_hold_short(&self, key: u64) -> bool {
        let bit = filter_bit(hash_short(key));
        self.filter[bit / 64].get() & (1 << (bit % 64)) != 0
    }

    /// The value of `key`, if the map holds it.
    #[inline(always)]
    pub fn get(&self, key: Key) -> Option<u32> {
        let h = hash(key);
        let bit = filter_bit(h);
        if self.filter[bit / 64].get() & (1 << (bit % 64)) == 0 {
            return None;
        }
        let mask = self.keys.len() - 1;
        let mut slot = (h >> self.shift) as usize;
        loop {
            let k = self.keys[slot].get();
            if k == key {
                return Some(self.values[slot].get());
            }
            if k == 0 {
                return None;
            }
            slot = (slot + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_and_fix_the_length() {
        assert_eq!(key("Kyiv"), key("kYIV"));
        assert_eq!(key("ABCDEFGH"), key("abcdefgh"));
        assert_eq!(key("ABCDEFGHI"), key("abcdefghi"));
        assert_eq!(key("Kyiv"), Some(u128::from(u32::from_le_bytes(*b"kyiv"))));
        assert_eq!(
            key("Abcdefghijklmnop"),
            Some(u128::from_le_bytes(*b"abcdefghijklmnop"))
        );
        assert_eq!(key("Abcdefghijklmnop"), key("abcdefghijklmnoP"));
        assert_ne!(key("kyiv"), key("kyivs"));
        assert_ne!(key("abcdefgh"), key("abcdefghi"));
        assert_eq!(key("Élysée"), None);
        assert_eq!(key("abcdefghijklmnopq"), None);
        assert_eq!(key(""), None);
        assert_eq!(key("@[`{"), Some(u128::from(u32::from_le_bytes(*b"@[`{"))));
        // A word inside a text: the bytes after it do not count, near the end or not.
        let t = b"Kyiv-based NATO";
        assert_eq!(key_at(t, 0, 4), key("kyiv"));
        assert_eq!(key_at(t, 11, 15), key("nato"));
        assert_eq!(key_at(t, 5, 15), key("BASED nato"));
        assert_eq!(key_at("é kyiv".as_bytes(), 0, 2), None);
        assert_eq!(key_at(t, 5, 10), key("BASED"));
    }

    #[test]
    fn finds_exactly_the_words_it_holds() {
        let words = ["kyiv", "nato", "new", "a", "abcdefghijklmnop", "abcdefgh"];
        let map = AsciiWords::new(
            words
                .iter()
                .enumerate()
                .map(|(i, w)| (key(w).unwrap(), i as u32)),
        );
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.get(key(&w.to_uppercase()).unwrap()), Some(i as u32));
        }
        for w in [
            "kyi",
            "kyivv",
            "the",
            "of",
            "natoo",
            "b",
            "abcdefghijklmno",
            "abcdefg",
        ] {
            assert_eq!(map.get(key(w).unwrap()), None, "{w}");
        }
        // A table read back is the same map; bytes that cannot be one are refused.
        let bytes: &'static [u8] =
            Box::leak(table(words.iter().map(|w| (key(w).unwrap(), 7))).into());
        assert_eq!(
            AsciiWords::from_table(bytes)
                .unwrap()
                .get(key("NATO").unwrap()),
            Some(7)
        );
        for bad in [
            &bytes[..0],
            &bytes[..bytes.len() - 1],
            &bytes[..bytes.len() / 2],
        ] {
            assert!(AsciiWords::from_table(bad).is_none());
        }
        // Many words: probing crosses the end of the table.
        let many: Vec<String> = (0..1000).map(|i| format!("w{i}")).collect();
        let map = AsciiWords::new(
            many.iter()
                .enumerate()
                .map(|(i, w)| (key(w).unwrap(), i as u32)),
        );
        for (i, w) in many.iter().enumerate() {
            assert_eq!(map.get(key(w).unwrap()), Some(i as u32));
            assert_eq!(map.get(key(&format!("x{i}")).unwrap()), None);
        }
    }

    #[test]
    fn filter_never_rejects_a_key() {
        // The filter in front of the table agrees with a plain map, for keys and others.
        let text = "Kyiv-based NATO talks in New York; don't O'Neill e-mail 2025 \n\
            ÉLYSÉE l'Europe The the THE x X abcdefghijklmnop ABCDEFGHIJKLMNOPQ";
        let mut words: Vec<String> = (0..3000).map(|i| format!("k{i}w")).collect();
        words.extend(text.split([' ', '-', '\'', ';', '\n']).map(str::to_string));
        let keys: Vec<(Key, u32)> = words
            .iter()
            .step_by(2)
            .filter_map(|w| key(w))
            .enumerate()
            .map(|(i, k)| (k, i as u32))
            .collect();
        let plain: std::collections::HashMap<Key, u32> = keys.iter().rev().copied().collect();
        let map = AsciiWords::new(keys.iter().copied());
        let mut rejected = 0;
        for w in &words {
            for w in [w.clone(), w.to_uppercase(), w.to_lowercase()] {
                if let Some(k) = key(&w) {
                    assert_eq!(map.get(k), plain.get(&k).copied(), "{w}");
                    if let Ok(short) = u64::try_from(k) {
                        assert_eq!(map.may_hold_short(short), map.may_hold(k));
                    }
                    let bit = filter_bit(hash(k));
                    rejected += usize::from(map.filter[bit / 64].get() & (1 << (bit % 64)) == 0);
                }
            }
        }
        // The filter does reject most of the words that are not keys.
        assert!(rejected > words.len(), "{rejected}");
    }

    #[test]
    fn token_keys_are_the_keys_of_tokens() {
        let text = "Kyiv-based NATO talks in New York; don't O’Neill e-mail 2025 x9Z \n\
            ÉLYSÉE l'Europe The the THE x X abcdefghijklmnop ABCDEFGHIJKLMNOPQ Abcdefgh \
            abcdefghi ABCDEFGHIJKLMNOP zZ09aAzZ0 Straße naïve ab cdefghijklmnopqrstu";
        for shift in 0..20 {
            // Every token near the end of a text too (the loads there are padded).
            let t = format!("{}{}", " ".repeat(shift), &text[..text.len() - shift]);
            let bytes = t.as_bytes();
            for (s, e) in super::super::textscan::words(&t) {
                let key = key_at(bytes, s, e);
                assert_eq!(token_key_at(bytes, s, e), key, "{:?}", &t[s..e]);
                let short = short_token_key_at(bytes, s, e);
                assert_eq!(short.map(u128::from), key.filter(|_| e - s <= 8));
                if let Some(k) = short {
                    assert_eq!(hash_short(k), hash(u128::from(k)));
                }
            }
        }
    }
}
