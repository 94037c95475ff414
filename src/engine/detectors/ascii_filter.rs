//! An exact map from short ASCII words, ignoring case, to `u32` values, keyed by the
//! word's bytes themselves: a token of the text is looked up with one unaligned load, a
//! case fold of sixteen bytes at once, two multiplications and (mostly) one probe. The
//! gazetteer puts it in front of its table, so most tokens of English prose (which are
//! ASCII, short and start no gazetteer form) are rejected without hashing character by
//! character, and those that start a form find its chain without a string comparison.

/// Longest word the map holds, in bytes.
pub const MAX_LEN: usize = 16;

/// Case-folded bytes of an ASCII word of at most [`MAX_LEN`] bytes, little-endian, zero
/// padded (word bytes are never zero, so the key also fixes the length).
pub type Key = u128;

/// An exact map from case-folded short ASCII words to values.
#[derive(Debug, Clone)]
pub struct AsciiWords {
    /// Open-addressing table of keys; 0 marks an empty slot.
    keys: Vec<Key>,
    values: Vec<u32>,
    /// `64 - log2(keys.len())`: the table index is the top bits of the hash.
    shift: u32,
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

impl AsciiWords {
    /// The map of `entries` (case-folded keys; a repeated key keeps its first value).
    pub fn new(entries: impl ExactSizeIterator<Item = (Key, u32)>) -> AsciiWords {
        let size = (entries.len() * 2).next_power_of_two().max(16);
        let mut map = AsciiWords {
            keys: vec![0; size],
            values: vec![0; size],
            shift: 64 - size.trailing_zeros(),
        };
        for (key, value) in entries {
            let mut slot = map.home(key);
            loop {
                if map.keys[slot] == key {
                    break;
                }
                if map.keys[slot] == 0 {
                    map.keys[slot] = key;
                    map.values[slot] = value;
                    break;
                }
                slot = (slot + 1) & (size - 1);
            }
        }
        map
    }

    /// The first slot to probe for `key`.
    #[inline(always)]
    fn home(&self, key: Key) -> usize {
        const K: u64 = 0x9e37_79b9_7f4a_7c15;
        let (lo, hi) = (key as u64, (key >> 64) as u64);
        let h = (lo ^ hi.rotate_left(29).wrapping_mul(K)).wrapping_mul(K);
        (h >> self.shift) as usize
    }

    /// The value of `key`, if the map holds it.
    #[inline(always)]
    pub fn get(&self, key: Key) -> Option<u32> {
        let mask = self.keys.len() - 1;
        let mut slot = self.home(key);
        loop {
            let k = self.keys[slot];
            if k == key {
                return Some(self.values[slot]);
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
}
