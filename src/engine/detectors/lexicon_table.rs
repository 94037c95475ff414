//! The lexicon's hash table as bytes: built by `build.rs` for the embedded
//! lexicons (so loading one costs nothing) and at run time for others. This
//! file is also compiled into the build script, so it uses only `std`.
//!
//! Layout, all little-endian:
//! - entries: 8 bytes per word id, in file order: start offset in the text
//!   (u32), word length (u16), Zipf × 100 (u16);
//! - slots: a power-of-two number of u64, 0 when empty, else
//!   `(low 32 bits of the hash) << 32 | (id + 1)`; a word's first slot is given by
//!   the top bits of its hash, collisions probe linearly;
//! - hot: [`HOT_SLOTS`] pairs of u64 (key, id), the [`HOT_WORDS`] most frequent
//!   words of up to eight bytes keyed by their zero-padded bytes ([`hot_key`]), so
//!   that most tokens of running text are found in a table that stays in cache.

/// Longest word, in bytes, the table holds; longer tokens are never words.
pub const MAX_WORD: usize = 48;

/// Bytes per entry.
pub const ENTRY_BYTES: usize = 8;

/// Slots of the hot table (a power of two).
pub const HOT_SLOTS: usize = 1 << HOT_BITS;
/// log2 of [`HOT_SLOTS`].
pub const HOT_BITS: u32 = 13;
/// How many frequent words the hot table holds.
pub const HOT_WORDS: usize = 3000;

/// The hot-table key of a word of one to eight bytes: its bytes, zero-padded.
#[inline]
pub fn hot_key(word: &[u8]) -> Option<u64> {
    if word.is_empty() || word.len() > 8 {
        return None;
    }
    let mut v = [0u8; 8];
    v[..word.len()].copy_from_slice(word);
    Some(u64::from_le_bytes(v))
}

/// The first hot-table slot of a key.
#[inline]
pub fn hot_slot(key: u64) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - HOT_BITS)) as usize
}

/// A fast hash for short byte strings: eight bytes per multiply, FxHash-style.
#[inline]
pub fn hash(bytes: &[u8]) -> u64 {
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut v = [0u8; 8];
        v.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(v));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut v = [0u8; 8];
        v[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(v));
    }
    finish(h)
}

/// [`hash`] of one to eight bytes from their [`hot_key`] (the bytes, zero-padded).
#[inline]
pub fn hash_short(key: u64, len: usize) -> u64 {
    finish(mix(len as u64, key))
}

/// One step of [`hash`]: eight more bytes.
#[inline]
fn mix(h: u64, v: u64) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    (h.rotate_left(5) ^ v).wrapping_mul(K)
}

/// The last step of [`hash`].
#[inline]
fn finish(h: u64) -> u64 {
    h ^ (h >> 29)
}

/// The first slot of a hash in a table of `1 << bits` slots.
#[inline]
pub fn first_slot(hash: u64, bits: u32) -> usize {
    (hash >> (64 - bits)) as usize
}

/// The tag stored with a word's id (the low half of its hash).
#[inline]
pub fn tag(hash: u64) -> u64 {
    hash & 0xffff_ffff
}

/// The tables of a lexicon text (`word<TAB>zipf×100` per line).
pub struct Tables {
    /// Per word id: start, length, Zipf × 100.
    pub entries: Vec<u8>,
    /// The hash table of all words.
    pub slots: Vec<u8>,
    /// The hash table of the most frequent short words.
    pub hot: Vec<u8>,
}

/// Builds the tables of a lexicon text (`word<TAB>zipf×100` per line).
pub fn build(text: &str) -> Result<Tables, String> {
    let bytes = text.as_bytes();
    if u32::try_from(bytes.len()).is_err() {
        return Err("lexicon is larger than 4 GiB".into());
    }
    let mut entries = Vec::with_capacity(bytes.len() / 12 * ENTRY_BYTES);
    let mut hashes = Vec::with_capacity(bytes.len() / 12);
    let mut pos = 0;
    let mut line_no = 0;
    while pos < bytes.len() {
        line_no += 1;
        let end = bytes[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| pos + i);
        let start = pos;
        let line = &bytes[pos..end];
        pos = end + 1;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let bad = || format!("line {line_no}: expected `word<TAB>zipf×100`");
        let tab = line.iter().position(|&b| b == b'\t').ok_or_else(bad)?;
        let digits = &line[tab + 1..];
        if digits.is_empty() || digits.len() > 4 || !digits.iter().all(u8::is_ascii_digit) {
            return Err(bad());
        }
        let zipf = digits
            .iter()
            .fold(0u16, |n, &d| n * 10 + u16::from(d - b'0'));
        if tab == 0 || tab > MAX_WORD {
            continue;
        }
        entries.extend_from_slice(&(start as u32).to_le_bytes());
        entries.extend_from_slice(&(tab as u16).to_le_bytes());
        entries.extend_from_slice(&zipf.to_le_bytes());
        hashes.push(hash(&line[..tab]));
    }
    let bits = slot_bits(hashes.len());
    let mask = (1usize << bits) - 1;
    let mut slots = vec![0u64; 1 << bits];
    let word = |id: usize| {
        let e = &entries[id * ENTRY_BYTES..];
        let start = u32::from_le_bytes([e[0], e[1], e[2], e[3]]) as usize;
        let len = u16::from_le_bytes([e[4], e[5]]) as usize;
        &bytes[start..start + len]
    };
    for (id, &h) in hashes.iter().enumerate() {
        let mut i = first_slot(h, bits);
        loop {
            let s = slots[i];
            if s == 0 {
                slots[i] = tag(h) << 32 | (id as u64 + 1);
                break;
            }
            // A repeated word keeps its first entry.
            if s >> 32 == tag(h) && word((s & 0xffff_ffff) as usize - 1) == word(id) {
                break;
            }
            i = (i + 1) & mask;
        }
    }
    let slots = slots.iter().flat_map(|s| s.to_le_bytes()).collect();
    // The most frequent short words, most frequent first (ties by id).
    let zipf = |id: usize| u16::from_le_bytes([entries[id * 8 + 6], entries[id * 8 + 7]]);
    let mut frequent: Vec<usize> = (0..hashes.len())
        .filter(|&id| hot_key(word(id)).is_some())
        .collect();
    frequent.sort_by_key(|&id| (std::cmp::Reverse(zipf(id)), id));
    let mut hot = vec![0u64; 2 * HOT_SLOTS];
    for &id in frequent.iter().take(HOT_WORDS) {
        let key = hot_key(word(id)).unwrap_or(0);
        let mut i = hot_slot(key);
        while hot[2 * i] != 0 && hot[2 * i] != key {
            i = (i + 1) & (HOT_SLOTS - 1);
        }
        if hot[2 * i] == 0 {
            hot[2 * i] = key;
            hot[2 * i + 1] = id as u64;
        }
    }
    let hot = hot.iter().flat_map(|s| s.to_le_bytes()).collect();
    Ok(Tables {
        entries,
        slots,
        hot,
    })
}

/// log2 of the slot count for `n` words: at most two thirds full.
pub fn slot_bits(n: usize) -> u32 {
    (n * 3 / 2 + 1).next_power_of_two().trailing_zeros().max(4)
}

/// The id of `word` (exact bytes) in a lexicon's tables over its `text`: the hot
/// table first, then the hash table of all words.
#[inline]
pub fn lookup(text: &[u8], entries: &[u8], slots: &[u8], hot: &[u8], word: &[u8]) -> Option<u32> {
    if word.is_empty() || word.len() > MAX_WORD {
        return None;
    }
    if let Some(key) = hot_key(word) {
        return lookup_short(text, entries, slots, hot, key, word.len());
    }
    find_slot(text, entries, slots, hash(word), word)
}

/// [`lookup`] of a word of one to eight bytes given as its [`hot_key`] and length
/// (callers that read words eight bytes at a time have the key already).
#[inline(always)]
pub fn lookup_short(
    text: &[u8],
    entries: &[u8],
    slots: &[u8],
    hot: &[u8],
    key: u64,
    len: usize,
) -> Option<u32> {
    let mut i = hot_slot(key);
    loop {
        let slot = &hot[16 * i..][..16];
        let k = u64::from_le_bytes(slot[..8].try_into().ok()?);
        if k == key {
            return Some(u64::from_le_bytes(slot[8..].try_into().ok()?) as u32);
        }
        if k == 0 {
            break;
        }
        i = (i + 1) & (HOT_SLOTS - 1);
    }
    find_short(text, entries, slots, hash_short(key, len), key, len)
}

/// The low `len` (1 to 8) bytes of a little-endian word.
#[inline]
fn low_bytes(len: usize) -> u64 {
    u64::MAX >> (64 - 8 * len.clamp(1, 8))
}

/// The `len` (1 to 8) bytes of `text` at `start`, zero-padded to a little-endian
/// word (a [`hot_key`]); zero when they lie outside `text`.
#[inline]
fn padded_at(text: &[u8], start: usize, len: usize) -> u64 {
    if let Some(eight) = text.get(start..).and_then(|t| t.first_chunk::<8>()) {
        return u64::from_le_bytes(*eight) & low_bytes(len);
    }
    text.get(start..start + len).and_then(hot_key).unwrap_or(0)
}

/// [`find_slot`] of a word of one to eight bytes given as its [`hot_key`]:
/// candidates are compared as one word, without a byte loop. Out of line: most
/// lookups of running text end in the hot table.
#[inline(never)]
fn find_short(
    text: &[u8],
    entries: &[u8],
    slots: &[u8],
    h: u64,
    key: u64,
    len: usize,
) -> Option<u32> {
    probe(entries, slots, h, |start, elen| {
        elen == len && padded_at(text, start, len) == key
    })
}

/// Setting bit 5 of each byte lowercases ASCII letters.
const CASE: u64 = 0x2020_2020_2020_2020;

/// [`lookup`] of a word of ASCII letters in any case, lowercased on the way.
/// Bytes other than ASCII letters give a wrong answer, never a panic.
#[inline]
pub fn lookup_letters(
    text: &[u8],
    entries: &[u8],
    slots: &[u8],
    hot: &[u8],
    letters: &[u8],
) -> Option<u32> {
    let len = letters.len();
    if len == 0 || len > MAX_WORD {
        return None;
    }
    if len > 8 {
        return lookup_long_letters(text, entries, slots, letters);
    }
    let key = letters
        .iter()
        .rev()
        .fold(0u64, |v, &b| v << 8 | u64::from(b | 0x20));
    lookup_short(text, entries, slots, hot, key, len)
}

/// [`lookup_letters`] of nine to [`MAX_WORD`] letters: eight letters per step
/// are lowercased (one OR), hashed and kept for the comparison, in one pass.
#[inline(never)]
fn lookup_long_letters(text: &[u8], entries: &[u8], slots: &[u8], letters: &[u8]) -> Option<u32> {
    let len = letters.len();
    let mut folded = [0u8; MAX_WORD];
    let mut h = len as u64;
    let mut chunks = letters.chunks_exact(8);
    let mut k = 0;
    for (c, out) in (&mut chunks).zip(folded.chunks_exact_mut(8)) {
        let v = u64::from_le_bytes(*c.first_chunk::<8>()?) | CASE;
        out.copy_from_slice(&v.to_le_bytes());
        h = mix(h, v);
        k += 8;
    }
    let rest = chunks.remainder().len();
    if rest > 0 {
        // The last eight letters, shifted down to the `rest` not hashed yet.
        let last = u64::from_le_bytes(*letters.get(len.checked_sub(8)?..)?.first_chunk::<8>()?);
        let v = (last >> (8 * (8 - rest)) | CASE) & low_bytes(rest);
        folded.get_mut(k..k + 8)?.copy_from_slice(&v.to_le_bytes());
        h = mix(h, v);
    }
    find_slot(text, entries, slots, finish(h), folded.get(..len)?)
}

/// The id of `word`, whose hash is `h`, in the hash table of all words.
#[inline]
fn find_slot(text: &[u8], entries: &[u8], slots: &[u8], h: u64, word: &[u8]) -> Option<u32> {
    probe(entries, slots, h, |start, len| {
        text.get(start..start + len) == Some(word)
    })
}

/// The probe of the hash table of all words for a hash `h`: the id of the first
/// entry with the hash's tag that `matches` (given the entry's start in the
/// text and its length) accepts. Generic, so that each caller's comparison is
/// inlined into the loop.
#[inline(always)]
fn probe(
    entries: &[u8],
    slots: &[u8],
    h: u64,
    mut matches: impl FnMut(usize, usize) -> bool,
) -> Option<u32> {
    let bits = (slots.len() / 8).trailing_zeros();
    let mask = (1usize << bits) - 1;
    let mut i = first_slot(h, bits);
    loop {
        let s = u64::from_le_bytes(*slots.get(i * 8..)?.first_chunk::<8>()?);
        if s == 0 {
            return None;
        }
        if s >> 32 == tag(h) {
            let id = (s & 0xffff_ffff) as u32 - 1;
            let e = entries
                .get(id as usize * ENTRY_BYTES..)?
                .first_chunk::<ENTRY_BYTES>()?;
            let start = u32::from_le_bytes([e[0], e[1], e[2], e[3]]) as usize;
            let len = u16::from_le_bytes([e[4], e[5]]) as usize;
            if matches(start, len) {
                return Some(id);
            }
        }
        i = (i + 1) & mask;
    }
}

/// Bytes per bigram row: two word ids (u32) and the log10 count (f32 bits).
pub const BIGRAM_ROW: usize = 12;

/// Splits a `w1 w2<TAB>count` line.
pub fn parse_bigram_line(line: &str) -> Option<(&str, &str, f64)> {
    let (pair, count) = line.split_once('\t')?;
    let (a, b) = pair.split_once(' ')?;
    Some((a, b, count.trim().parse().ok()?))
}

/// The bigram table of a `w1 w2<TAB>count` text over a lexicon (`id` looks a
/// word up), as bytes: the smallest log10 count (f32), the number of rows
/// (u32), then the rows `(first, second, log10 count)` sorted by (first,
/// second), then the same rows as `(second, first, log10 count)` sorted by
/// (second, first); all little-endian. Lines that do not parse or name unknown
/// words are skipped.
pub fn build_bigrams(text: &str, id: impl Fn(&[u8]) -> Option<u32>) -> Vec<u8> {
    let mut forward: Vec<(u32, u32, f32)> = Vec::with_capacity(text.len() / 20);
    let mut floor = f32::INFINITY;
    // The file is sorted, so the first word repeats: look it up once per run.
    let mut last: (&str, Option<u32>) = ("", None);
    for line in text.lines() {
        let Some((a, b, count)) = parse_bigram_line(line) else {
            continue;
        };
        if a != last.0 {
            last = (a, id(a.as_bytes()));
        }
        let (Some(a), Some(b)) = (last.1, id(b.as_bytes())) else {
            continue;
        };
        let c = count.max(1.0).log10() as f32;
        floor = floor.min(c);
        forward.push((a, b, c));
    }
    forward.sort_unstable_by_key(|x| (x.0, x.1));
    let mut backward: Vec<_> = forward.iter().map(|&(a, b, c)| (b, a, c)).collect();
    backward.sort_unstable_by_key(|x| (x.0, x.1));
    let floor = if floor.is_finite() { floor } else { 0.0 };
    let mut out = Vec::with_capacity(8 + 2 * BIGRAM_ROW * forward.len());
    out.extend_from_slice(&floor.to_bits().to_le_bytes());
    out.extend_from_slice(&(forward.len() as u32).to_le_bytes());
    for (x, y, c) in forward.into_iter().chain(backward) {
        out.extend_from_slice(&x.to_le_bytes());
        out.extend_from_slice(&y.to_le_bytes());
        out.extend_from_slice(&c.to_bits().to_le_bytes());
    }
    out
}

/// Bound of the letter-set prefilter of candidate scans: words are grouped by
/// length up to this many bytes.
pub const MAX_CANDIDATE_LEN: usize = 32;

/// Buckets of the candidate index: 27 first letters (a–z, other) × lengths.
pub const CANDIDATE_BUCKETS: usize = 27 * (MAX_CANDIDATE_LEN + 1);

/// Bytes per candidate: word id (u32), letter set (u32), Zipf × 100 (u16).
pub const CANDIDATE_BYTES: usize = 10;

/// Bucket of the candidate index for a word's first byte and length.
#[inline]
pub fn bucket(first: u8, len: usize) -> usize {
    let first = if first.is_ascii_lowercase() {
        usize::from(first - b'a')
    } else {
        26
    };
    first * (MAX_CANDIDATE_LEN + 1) + len
}

/// The set of letters (a–z, plus one bit for anything else) in `word`, as bits.
pub fn letter_set(word: &[u8]) -> u32 {
    word.iter().fold(0, |set, &b| {
        set | match b {
            b'a'..=b'z' => 1 << (b - b'a'),
            _ => 1 << 26,
        }
    })
}

/// The candidate index of a lexicon: its ASCII words of up to
/// [`MAX_CANDIDATE_LEN`] bytes grouped by first letter and length ([`bucket`]),
/// in id order within a bucket. Layout, little-endian: [`CANDIDATE_BUCKETS`] + 1
/// offsets (u32, in candidates), then the candidates.
pub fn build_candidates(text: &[u8], entries: &[u8]) -> Vec<u8> {
    let mut buckets: Vec<Vec<(u32, u32, u16)>> = vec![Vec::new(); CANDIDATE_BUCKETS];
    for (id, e) in entries.chunks_exact(ENTRY_BYTES).enumerate() {
        let start = u32::from_le_bytes([e[0], e[1], e[2], e[3]]) as usize;
        let len = u16::from_le_bytes([e[4], e[5]]) as usize;
        let word = &text[start..start + len];
        if (1..=MAX_CANDIDATE_LEN).contains(&word.len()) && word.is_ascii() {
            let zipf = u16::from_le_bytes([e[6], e[7]]);
            buckets[bucket(word[0], word.len())].push((id as u32, letter_set(word), zipf));
        }
    }
    let total: usize = buckets.iter().map(Vec::len).sum();
    let mut out = Vec::with_capacity(4 * (CANDIDATE_BUCKETS + 1) + CANDIDATE_BYTES * total);
    let mut offset = 0u32;
    for b in &buckets {
        out.extend_from_slice(&offset.to_le_bytes());
        offset += b.len() as u32;
    }
    out.extend_from_slice(&offset.to_le_bytes());
    for &(id, letters, zipf) in buckets.iter().flatten() {
        out.extend_from_slice(&id.to_le_bytes());
        out.extend_from_slice(&letters.to_le_bytes());
        out.extend_from_slice(&zipf.to_le_bytes());
    }
    out
}
