//! The word list behind the non-word and untranslated detectors: word forms with
//! Zipf frequencies and word bigrams, indexed straight over the embedded TSV text.
//!
//! The hash table of word ids over the text is precomputed by `build.rs` for the
//! embedded lexicons (see [`super::lexicon_table`]), so loading one costs
//! nothing; other lexicon files are indexed at load time. The spelling-candidate
//! index and the bigram tables are built on first use: clean text never needs them.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::lexicon_table::{
    self as table, letter_set, CANDIDATE_BUCKETS, CANDIDATE_BYTES, ENTRY_BYTES, MAX_CANDIDATE_LEN,
};

pub use super::lexicon_table::MAX_WORD;

mod precomputed {
    include!(concat!(env!("OUT_DIR"), "/lexicon_tables.rs"));
}

/// A lexicon loaded from `word<TAB>zipf×100` lines.
pub struct Lexicon {
    text: &'static str,
    /// Per word id: start, length and Zipf × 100 (see [`super::lexicon_table`]).
    entries: Cow<'static, [u8]>,
    /// Open-addressing hash table of tagged word ids.
    slots: Cow<'static, [u8]>,
    /// Small table of the most frequent short words, checked first.
    hot: Cow<'static, [u8]>,
    /// ASCII words grouped by first letter and byte length, each with its letter
    /// set and frequency, for candidate scans ([`table::build_candidates`]):
    /// precomputed for the embedded lexicons, else built on first use (clean
    /// text never needs it).
    candidates: OnceLock<Cow<'static, [u8]>>,
}

/// Word bigrams with corpus counts, for ranking candidates by their neighbours.
/// The table is built on first use (clean text never needs it); for the
/// embedded bigram files `build.rs` has built it, so that costs nothing.
pub struct Bigrams {
    lex: Arc<Lexicon>,
    text: &'static str,
    /// The table `build.rs` built for this file, if any.
    built: Option<&'static [u8]>,
    table: OnceLock<BigramTable>,
}

/// Bigram log10 counts, sorted both ways for neighbour lookups (the layout of
/// [`table::build_bigrams`]).
struct BigramTable {
    /// Rows (first, second, log10 count), sorted by (first, second).
    forward: Rows,
    /// Rows (second, first, log10 count), sorted by (second, first).
    backward: Rows,
    /// Smallest log10 count of the table: a bigram absent from it is rarer than this.
    floor: f32,
}

/// Rows of [`table::BIGRAM_ROW`] bytes, read in place.
struct Rows(Cow<'static, [u8]>, std::ops::Range<usize>);

impl Rows {
    fn len(&self) -> usize {
        self.1.len() / table::BIGRAM_ROW
    }

    /// Row `i`: (key, other word, log10 count).
    #[inline]
    fn get(&self, i: usize) -> (u32, u32, f32) {
        let r = &self.0[self.1.start + i * table::BIGRAM_ROW..][..table::BIGRAM_ROW];
        let u = |k: usize| u32::from_le_bytes([r[k], r[k + 1], r[k + 2], r[k + 3]]);
        (u(0), u(4), f32::from_bits(u(8)))
    }

    /// The rows whose key is `key`.
    fn span(&self, key: u32) -> std::ops::Range<usize> {
        let partition = |lo: usize, hi: usize, pred: &dyn Fn(u32) -> bool| {
            let (mut lo, mut hi) = (lo, hi);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if pred(self.get(mid).0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            lo
        };
        let lo = partition(0, self.len(), &|k| k < key);
        let hi = partition(lo, self.len(), &|k| k == key);
        lo..hi
    }
}

impl BigramTable {
    /// Reads the bytes of [`table::build_bigrams`].
    fn new(bytes: Cow<'static, [u8]>) -> BigramTable {
        let u = |k: usize| {
            bytes
                .get(k..k + 4)
                .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        };
        let floor = f32::from_bits(u(0));
        let n = (u(4) as usize).min(bytes.len().saturating_sub(8) / (2 * table::BIGRAM_ROW));
        let mid = 8 + n * table::BIGRAM_ROW;
        let end = mid + n * table::BIGRAM_ROW;
        BigramTable {
            forward: Rows(bytes.clone(), 8..mid),
            backward: Rows(bytes, mid..end),
            floor,
        }
    }
}

impl Lexicon {
    /// Indexes a lexicon text: `word<TAB>zipf×100` per line.
    pub fn parse(text: &'static str) -> Result<Lexicon, String> {
        let t = table::build(text)?;
        Ok(Lexicon::from_tables(
            text,
            t.entries.into(),
            t.slots.into(),
            t.hot.into(),
        ))
    }

    fn from_tables(
        text: &'static str,
        entries: Cow<'static, [u8]>,
        slots: Cow<'static, [u8]>,
        hot: Cow<'static, [u8]>,
    ) -> Lexicon {
        Lexicon {
            text,
            entries,
            slots,
            hot,
            candidates: OnceLock::new(),
        }
    }

    /// The lexicon of the embedded (or on-disk) data file at this path, loaded once
    /// per process.
    pub fn shared(path: &str) -> Result<Arc<Lexicon>, String> {
        static CACHE: OnceLock<Mutex<HashMap<String, Arc<Lexicon>>>> = OnceLock::new();
        let mut cache = CACHE
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(lex) = cache.get(path) {
            return Ok(Arc::clone(lex));
        }
        let text = super::data_file(path)?;
        let built = precomputed::TABLES
            .iter()
            .find(|(p, ..)| *p == path)
            .filter(|_| crate::rules::embedded_data(path).is_some());
        let lex = match built {
            Some((_, entries, slots, hot, candidates)) => {
                let lex = Lexicon::from_tables(
                    text,
                    Cow::Borrowed(entries),
                    Cow::Borrowed(slots),
                    Cow::Borrowed(hot),
                );
                let _ = lex.candidates.set(Cow::Borrowed(candidates));
                lex
            }
            None => Lexicon::parse(text).map_err(|e| format!("`{path}`: {e}"))?,
        };
        let lex = Arc::new(lex);
        cache.insert(path.to_string(), Arc::clone(&lex));
        Ok(lex)
    }

    /// Number of word forms.
    pub fn len(&self) -> usize {
        self.entries.len() / ENTRY_BYTES
    }

    /// Whether the lexicon has no words.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Start, length and Zipf × 100 of a word id.
    #[inline]
    fn entry(&self, id: u32) -> (usize, usize, u16) {
        let e = &self.entries[id as usize * ENTRY_BYTES..][..ENTRY_BYTES];
        (
            u32::from_le_bytes([e[0], e[1], e[2], e[3]]) as usize,
            u16::from_le_bytes([e[4], e[5]]) as usize,
            u16::from_le_bytes([e[6], e[7]]),
        )
    }

    #[inline]
    fn bytes_of(&self, id: u32) -> &'static [u8] {
        let (start, len, _) = self.entry(id);
        &self.text.as_bytes()[start..start + len]
    }

    /// The id of `word` (exact bytes, already lowercase), if it is in the lexicon.
    #[inline]
    pub fn id(&self, word: &[u8]) -> Option<u32> {
        table::lookup(
            self.text.as_bytes(),
            &self.entries,
            &self.slots,
            &self.hot,
            word,
        )
    }

    /// The id of a word of one to eight ASCII letters (any case), given as the
    /// eight bytes at its start (little-endian, see [`super::words::swar::load`])
    /// and its length: lowercasing and keying it cost a few instructions.
    #[inline(always)]
    pub fn id_of_letters(&self, eight: u64, len: usize) -> Option<u32> {
        if !(1..=8).contains(&len) {
            return None;
        }
        // Setting bit 5 lowercases ASCII letters.
        let key = (eight | 0x2020_2020_2020_2020) & (u64::MAX >> (64 - 8 * len));
        table::lookup_short(
            self.text.as_bytes(),
            &self.entries,
            &self.slots,
            &self.hot,
            key,
            len,
        )
    }

    /// The id of a word of ASCII letters in any case (lowercased, hashed and
    /// compared eight letters a step); other bytes give a wrong answer.
    #[inline]
    pub fn id_of_ascii_letters(&self, letters: &[u8]) -> Option<u32> {
        table::lookup_letters(
            self.text.as_bytes(),
            &self.entries,
            &self.slots,
            &self.hot,
            letters,
        )
    }

    /// The id of `token` after lowercasing it and reading `’` as `'`; no allocation
    /// for ASCII tokens.
    pub fn id_folded(&self, token: &str) -> Option<u32> {
        let bytes = token.as_bytes();
        if bytes.iter().all(u8::is_ascii_lowercase) {
            return self.id(bytes);
        }
        let mut buf = [0u8; MAX_WORD];
        match fold_into(token, &mut buf) {
            Some(n) => self.id(&buf[..n]),
            None if token.is_ascii() => None,
            None => {
                let folded = token.to_lowercase().replace('’', "'");
                self.id(folded.as_bytes())
            }
        }
    }

    /// The word with this id.
    pub fn word(&self, id: u32) -> &'static str {
        let (start, len, _) = self.entry(id);
        &self.text[start..start + len]
    }

    /// The Zipf frequency of the word with this id (log10 of its frequency per billion words).
    pub fn zipf(&self, id: u32) -> f32 {
        f32::from(self.entry(id).2) / 100.0
    }

    /// Lexicon words at least `min_zipf` frequent within `max` edits
    /// (Damerau-Levenshtein, adjacent transpositions) of `word` (ASCII lowercase),
    /// as (id, distance).
    ///
    /// Words with the same first letter are scanned (letter-set prefilter, then the
    /// distance); a changed first letter is rare in real errors, so those words
    /// are found only on request (`first_letter_edits`) and only one edit away,
    /// by generating the edits at the start.
    pub fn near(
        &self,
        word: &[u8],
        max: u32,
        min_zipf: f32,
        first_letter_edits: bool,
    ) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        let Some(&first) = word.first() else {
            return out;
        };
        if word.len() > MAX_CANDIDATE_LEN {
            return out;
        }
        let index = self.candidates.get_or_init(|| {
            Cow::Owned(table::build_candidates(self.text.as_bytes(), &self.entries))
        });
        let min_zipf = (min_zipf * 100.0).round().max(0.0) as u16;
        let Some(query) = Query::new(word) else {
            return out;
        };
        let set = letter_set(word);
        let lo = word.len().saturating_sub(max as usize).max(1);
        let hi = (word.len() + max as usize).min(MAX_CANDIDATE_LEN);
        let u32_at = |b: &[u8], i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        let (offsets, candidates) = index.split_at(4 * (CANDIDATE_BUCKETS + 1));
        for len in lo..=hi {
            let b = table::bucket(first, len);
            let (from, to) = (
                u32_at(offsets, 4 * b) as usize,
                u32_at(offsets, 4 * (b + 1)) as usize,
            );
            for c in candidates[from * CANDIDATE_BYTES..to * CANDIDATE_BYTES]
                .chunks_exact(CANDIDATE_BYTES)
            {
                let (id, letters, zipf) =
                    (u32_at(c, 0), u32_at(c, 4), u16::from_le_bytes([c[8], c[9]]));
                // Each edit brings in one letter and takes away one at most.
                if zipf < min_zipf
                    || (set & !letters).count_ones() > max
                    || (letters & !set).count_ones() > max
                {
                    continue;
                }
                if let Some(d) = query.distance(self.bytes_of(id), max) {
                    out.push((id, d));
                }
            }
        }
        if max >= 1 && first_letter_edits {
            let mut edit = Vec::with_capacity(word.len() + 1);
            let mut try_edit = |edit: &[u8]| {
                if edit.first() == Some(&first) {
                    return;
                }
                if let Some(id) = self.id(edit) {
                    if self.entry(id).2 >= min_zipf {
                        out.push((id, 1));
                    }
                }
            };
            try_edit(&word[1..]);
            for c in b'a'..=b'z' {
                edit.clear();
                edit.push(c);
                edit.extend_from_slice(&word[1..]);
                try_edit(&edit);
                edit.clear();
                edit.push(c);
                edit.extend_from_slice(word);
                try_edit(&edit);
            }
            if word.len() >= 2 {
                edit.clear();
                edit.extend_from_slice(&[word[1], word[0]]);
                edit.extend_from_slice(&word[2..]);
                try_edit(&edit);
            }
        }
        out.sort_unstable();
        out.dedup_by_key(|x| x.0);
        out
    }
}

impl Bigrams {
    /// The bigrams of the data file at `path` (`w1 w2<TAB>count` per line) over
    /// the lexicon loaded from `lexicon_path`, shared by the process.
    pub fn shared(lexicon_path: &str, path: &str) -> Result<Arc<Bigrams>, String> {
        type Key = (String, String);
        static CACHE: OnceLock<Mutex<HashMap<Key, Arc<Bigrams>>>> = OnceLock::new();
        let lex = Lexicon::shared(lexicon_path)?;
        let key = (lexicon_path.to_string(), path.to_string());
        let mut cache = CACHE
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(b) = cache.get(&key) {
            return Ok(Arc::clone(b));
        }
        let text = super::data_file(path)?;
        // Check the format now, so that a wrong file is an error at start-up
        // rather than silently useless later.
        if let Some(first) = text.lines().next() {
            table::parse_bigram_line(first)
                .ok_or_else(|| format!("`{path}`: expected `w1 w2<TAB>count` lines"))?;
        }
        let built = precomputed::BIGRAMS
            .iter()
            .find(|(l, b, _)| *l == lexicon_path && *b == path)
            .filter(|_| {
                crate::rules::embedded_data(lexicon_path).is_some()
                    && crate::rules::embedded_data(path).is_some()
            })
            .map(|(.., bytes)| *bytes);
        let bigrams = Arc::new(Bigrams {
            lex,
            text,
            built,
            table: OnceLock::new(),
        });
        cache.insert(key, Arc::clone(&bigrams));
        Ok(bigrams)
    }

    /// Bigrams from `text` over `lex`, parsed on first use.
    pub fn new(lex: Arc<Lexicon>, text: &'static str) -> Bigrams {
        Bigrams {
            lex,
            text,
            built: None,
            table: OnceLock::new(),
        }
    }

    /// log10 of the corpus count of the bigram `a b`, if it is in the table.
    pub fn count(&self, a: u32, b: u32) -> Option<f32> {
        let t = &self.table().forward;
        let row = t.span(a);
        // Rows of one key are sorted by the other word.
        let (mut lo, mut hi) = (row.start, row.end);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let (_, other, count) = t.get(mid);
            match other.cmp(&b) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(count),
            }
        }
        None
    }

    /// Words seen right before `b`, with log10 bigram counts.
    pub fn before(&self, b: u32) -> impl Iterator<Item = (u32, f32)> + '_ {
        let t = &self.table().backward;
        t.span(b).map(move |i| {
            let (_, a, c) = t.get(i);
            (a, c)
        })
    }

    /// Words seen right after `a`, with log10 bigram counts.
    pub fn after(&self, a: u32) -> impl Iterator<Item = (u32, f32)> + '_ {
        let t = &self.table().forward;
        t.span(a).map(move |i| {
            let (_, b, c) = t.get(i);
            (b, c)
        })
    }

    /// The smallest log10 count of the table.
    pub fn floor(&self) -> f32 {
        self.table().floor
    }

    fn table(&self) -> &BigramTable {
        self.table.get_or_init(|| {
            BigramTable::new(match self.built {
                Some(bytes) => Cow::Borrowed(bytes),
                None => Cow::Owned(table::build_bigrams(self.text, |w| self.lex.id(w))),
            })
        })
    }
}

/// Lowercases an ASCII token (reading `’` as `'`) into `buf`; `None` when the token
/// has other non-ASCII characters or is too long.
pub fn fold_into(token: &str, buf: &mut [u8; MAX_WORD]) -> Option<usize> {
    let bytes = token.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let out = if b < 0x80 {
            i += 1;
            b.to_ascii_lowercase()
        } else if bytes[i..].starts_with("’".as_bytes()) {
            i += 3;
            b'\''
        } else {
            return None;
        };
        *buf.get_mut(n)? = out;
        n += 1;
    }
    Some(n)
}

/// A word prepared for computing its distance to many others: Hyyrö's
/// bit-parallel optimal-string-alignment distance, one machine word per column.
pub struct Query<'a> {
    word: &'a [u8],
    /// Per byte value: the positions where it occurs in `word`, as bits.
    peq: [u64; 256],
}

impl<'a> Query<'a> {
    /// Prepares `word` (at most 64 bytes).
    pub fn new(word: &'a [u8]) -> Option<Query<'a>> {
        if word.is_empty() || word.len() > 64 {
            return None;
        }
        let mut peq = [0u64; 256];
        for (i, &b) in word.iter().enumerate() {
            peq[b as usize] |= 1 << i;
        }
        Some(Query { word, peq })
    }

    /// The optimal-string-alignment distance (Damerau-Levenshtein with adjacent
    /// transpositions) to `other`, if it is at most `max`.
    pub fn distance(&self, other: &[u8], max: u32) -> Option<u32> {
        let m = self.word.len();
        if m.abs_diff(other.len()) > max as usize {
            return None;
        }
        let last = 1u64 << (m - 1);
        let (mut vp, mut vn, mut d0, mut pm_prev) = (!0u64, 0u64, 0u64, 0u64);
        let mut dist = m as u32;
        for (j, &c) in other.iter().enumerate() {
            let pm = self.peq[c as usize];
            let tr = ((!d0 & pm) << 1) & pm_prev;
            d0 = (((pm & vp).wrapping_add(vp)) ^ vp) | pm | vn | tr;
            let hp = vn | !(d0 | vp);
            let hn = vp & d0;
            if hp & last != 0 {
                dist += 1;
            } else if hn & last != 0 {
                dist -= 1;
            }
            let hp = (hp << 1) | 1;
            let hn = hn << 1;
            vp = hn | !(d0 | hp);
            vn = hp & d0;
            pm_prev = pm;
            // Each remaining character lowers the distance by one at most.
            let left = (other.len() - j - 1) as u32;
            if dist > max + left {
                return None;
            }
        }
        (dist <= max).then_some(dist)
    }
}

/// Optimal-string-alignment distance (Damerau-Levenshtein with adjacent
/// transpositions) between `a` and `b`, if it is at most `max`.
pub fn distance(a: &[u8], b: &[u8], max: u32) -> Option<u32> {
    if let Some(q) = Query::new(a) {
        return q.distance(b, max);
    }
    distance_table(a, b, max)
}

/// [`distance`] by the textbook dynamic programme, for words of over 64 bytes.
fn distance_table(a: &[u8], b: &[u8], max: u32) -> Option<u32> {
    if a.len().abs_diff(b.len()) > max as usize {
        return None;
    }
    if a.len() > MAX_WORD || b.len() > MAX_WORD {
        return None;
    }
    let w = b.len() + 1;
    let mut prev2 = [0u32; MAX_WORD + 1];
    let mut prev: [u32; MAX_WORD + 1] = std::array::from_fn(|j| j as u32);
    let mut cur = [0u32; MAX_WORD + 1];
    for i in 1..=a.len() {
        cur[0] = i as u32;
        let mut row_min = cur[0];
        for j in 1..w {
            let cost = u32::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
        prev2[..w].copy_from_slice(&prev[..w]);
        prev[..w].copy_from_slice(&cur[..w]);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Arc<Lexicon> {
        Arc::new(
            Lexicon::parse(
                "a\t736\ncat\t450\ncats\t400\ndon't\t600\nthe\t773\nto\t760\nreferring\t435\n",
            )
            .unwrap(),
        )
    }

    #[test]
    fn looks_up_words_with_folding() {
        let lex = small();
        assert!(lex.id(b"cat").is_some());
        assert!(lex.id(b"Cat").is_none());
        assert!(lex.id_folded("Cat").is_some());
        assert!(lex.id_folded("DON’T").is_some());
        assert!(lex.id_folded("dog").is_none());
        assert!(lex.id_folded("").is_none());
        let id = lex.id(b"the").unwrap();
        assert_eq!(lex.word(id), "the");
        assert!((lex.zipf(id) - 7.73).abs() < 1e-6);
    }

    #[test]
    fn letters_by_eight_bytes_agree_with_folded_lookups() {
        let lex = Lexicon::shared("rules/en/data/lexicon.tsv").unwrap();
        let text = "The Cat sat ON the mat referring Zzyzx xylophones aCcOrDiNg a I \
                    internationalization Refronting qwertyuiop";
        let bytes = text.as_bytes();
        for (start, end) in super::super::words::LetterRuns::new(bytes) {
            let word = &text[start..end];
            let eight = super::super::words::swar::load(bytes, start);
            let expect = if word.len() <= 8 {
                lex.id_folded(word)
            } else {
                None
            };
            assert_eq!(lex.id_of_letters(eight, word.len()), expect, "{word}");
            assert_eq!(
                lex.id_of_ascii_letters(word.as_bytes()),
                lex.id_folded(word),
                "{word}"
            );
        }
        // Every length up to the longest word, in mixed case, known and not.
        let long = "Internationalization Counterrevolutionaries PNEUMONOULTRAMICROSCOPICSILICOVOLCANOCONIOSIS \
                    antidisestablishmentarianism Incomprehensibilities characteristically QwertyuiopAsdfghjkl";
        for word in long.split_whitespace() {
            for end in 1..=word.len() {
                for start in 0..end {
                    let w = &word[start..end];
                    assert_eq!(
                        lex.id_of_ascii_letters(w.as_bytes()),
                        lex.id_folded(w),
                        "{w}"
                    );
                }
            }
        }
        assert_eq!(lex.id_of_ascii_letters(b""), None);
        assert_eq!(lex.id_of_ascii_letters(&[b'a'; MAX_WORD + 1]), None);
        // Lexicon words near the end of the text (no eight bytes after them).
        let tiny = Lexicon::parse("zed\t100\nab\t200").unwrap();
        assert!(tiny.id_of_ascii_letters(b"AB").is_some());
        assert!(tiny.id_of_ascii_letters(b"Zed").is_some());
        assert!(tiny.id_of_ascii_letters(b"abc").is_none());
        for word in ["a", "ab", "abcdefgh", "internat"] {
            let key = table::hot_key(word.as_bytes()).unwrap();
            assert_eq!(
                table::hash_short(key, word.len()),
                table::hash(word.as_bytes())
            );
        }
    }

    #[test]
    fn finds_near_words() {
        let lex = small();
        let near: Vec<_> = lex
            .near(b"cta", 1, 0.0, true)
            .into_iter()
            .map(|(id, d)| (lex.word(id), d))
            .collect();
        assert_eq!(near, [("cat", 1)]);
        // A changed first letter is found one edit away only.
        let near: Vec<_> = lex
            .near(b"xat", 2, 0.0, true)
            .into_iter()
            .map(|(id, d)| (lex.word(id), d))
            .collect();
        assert_eq!(near, [("cat", 1)]);
        assert!(lex.near(b"cta", 1, 4.6, true).is_empty());
        assert!(lex.near(b"xat", 2, 0.0, false).is_empty());
        assert_eq!(distance(b"refronting", b"referring", 4), Some(4));
        assert_eq!(distance(b"refronting", b"referring", 3), None);
        assert_eq!(distance(b"teh", b"the", 1), Some(1));
    }

    #[test]
    fn bit_parallel_distance_agrees_with_the_table() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..20_000 {
            let len_a = 1 + next(12) as usize;
            let len_b = 1 + next(12) as usize;
            let a: Vec<u8> = (0..len_a).map(|_| b'a' + next(4) as u8).collect();
            let b: Vec<u8> = (0..len_b).map(|_| b'a' + next(4) as u8).collect();
            for max in 0..4 {
                assert_eq!(
                    Query::new(&a).unwrap().distance(&b, max),
                    distance_table(&a, &b, max),
                    "{:?} {:?} {max}",
                    String::from_utf8_lossy(&a),
                    String::from_utf8_lossy(&b)
                );
            }
        }
    }

    #[test]
    fn bigrams_both_ways() {
        let lex = small();
        let bigrams = Bigrams::new(
            Arc::clone(&lex),
            "referring to\t303100928\nthe cat\t1000000\nthe dog\t5\nbad line\n",
        );
        let (r, to) = (lex.id(b"referring").unwrap(), lex.id(b"to").unwrap());
        assert!(bigrams.count(r, to).unwrap() > 8.0);
        assert!(bigrams.count(to, r).is_none());
        assert_eq!(bigrams.before(to).map(|x| x.0).collect::<Vec<_>>(), [r]);
        assert_eq!(bigrams.after(r).map(|x| x.0).collect::<Vec<_>>(), [to]);
        assert!((bigrams.floor() - 6.0).abs() < 1e-6);
    }

    #[test]
    fn bad_lines_are_errors() {
        assert!(Lexicon::parse("cat 450\n").is_err());
        assert!(Lexicon::parse("cat\tmany\n").is_err());
        assert!(Lexicon::parse("cat\t450\r\n\ndog\t300").is_ok());
        let wrong = Bigrams::shared("rules/en/data/lexicon.tsv", "rules/en/data/lexicon.tsv");
        assert!(wrong.err().unwrap().contains("w1 w2"));
    }
}
