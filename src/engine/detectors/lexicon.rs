//! The word list behind the non-word and untranslated detectors: word forms with
//! Zipf frequencies and word bigrams, indexed straight over the embedded TSV text.
//!
//! Loading builds one open-addressing hash table of word ids (a few milliseconds,
//! no string is copied); the spelling-candidate index and the bigram tables are
//! built on first use, since clean text never needs them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// Longest word, in bytes, that can be looked up; longer tokens are never words.
pub const MAX_WORD: usize = 48;

/// Bound of the letter-set prefilter: words are grouped by length up to this many bytes.
const MAX_CANDIDATE_LEN: usize = 32;

/// A word's place in the lexicon file.
#[derive(Debug, Clone, Copy)]
struct Entry {
    start: u32,
    len: u16,
    /// Zipf frequency × 100.
    zipf: u16,
}

/// Lexicon and bigram file paths.
type CacheKey = (String, Option<String>);

/// A lexicon loaded from `word<TAB>zipf×100` lines, with optional bigrams.
pub struct Lexicon {
    text: &'static str,
    entries: Vec<Entry>,
    /// Word id + 1 per slot (0 = empty); the slot is chosen by the top bits of the hash.
    slots: Vec<u32>,
    shift: u32,
    bigram_text: Option<&'static str>,
    candidates: OnceLock<CandidateIndex>,
    bigrams: OnceLock<Bigrams>,
}

/// Lexicon words grouped by byte length, each with its letter set, for candidate scans.
struct CandidateIndex {
    by_len: Vec<Vec<(u32, u32)>>,
}

/// Bigram log10 counts, sorted both ways for neighbour lookups.
struct Bigrams {
    /// (first, second, log10 count), sorted by (first, second).
    forward: Vec<(u32, u32, f32)>,
    /// (second, first, log10 count), sorted by (second, first).
    backward: Vec<(u32, u32, f32)>,
    /// Smallest log10 count in the table: a bigram absent from it is rarer than this.
    floor: f32,
}

impl Lexicon {
    /// Parses a lexicon (`word<TAB>zipf×100` per line) and, optionally, bigrams
    /// (`w1 w2<TAB>count` per line, both words in the lexicon).
    pub fn parse(text: &'static str, bigrams: Option<&'static str>) -> Result<Lexicon, String> {
        let mut entries = Vec::with_capacity(text.len() / 12);
        let mut at = 0usize;
        for (n, line) in text.split_inclusive('\n').enumerate() {
            let start = at;
            at += line.len();
            let line = line.trim_end_matches(['\n', '\r']);
            if line.is_empty() {
                continue;
            }
            let (word, zipf) = line
                .split_once('\t')
                .ok_or_else(|| format!("lexicon line {}: expected `word<TAB>zipf×100`", n + 1))?;
            let zipf: u16 = zipf
                .trim()
                .parse()
                .map_err(|_| format!("lexicon line {}: bad frequency {zipf:?}", n + 1))?;
            if word.is_empty() || word.len() > MAX_WORD {
                continue;
            }
            let start = u32::try_from(start).map_err(|_| "lexicon is larger than 4 GiB")?;
            entries.push(Entry {
                start,
                len: word.len() as u16,
                zipf,
            });
        }
        let bits = (entries.len() * 3 / 2)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let mut slots = vec![0u32; 1 << bits];
        let shift = 64 - bits;
        let mask = slots.len() - 1;
        for (id, e) in entries.iter().enumerate() {
            let word = &text.as_bytes()[e.start as usize..e.start as usize + e.len as usize];
            let mut i = (hash(word) >> shift) as usize;
            loop {
                match slots[i] {
                    0 => {
                        slots[i] = id as u32 + 1;
                        break;
                    }
                    // A repeated word keeps its first entry.
                    s if entry_bytes(text, entries[s as usize - 1]) == word => break,
                    _ => i = (i + 1) & mask,
                }
            }
        }
        Ok(Lexicon {
            text,
            entries,
            slots,
            shift,
            bigram_text: bigrams,
            candidates: OnceLock::new(),
            bigrams: OnceLock::new(),
        })
    }

    /// The lexicon of the embedded (or on-disk) data files at these paths, loaded once per process.
    pub fn shared(lexicon: &str, bigrams: Option<&str>) -> Result<Arc<Lexicon>, String> {
        static CACHE: OnceLock<Mutex<HashMap<CacheKey, Arc<Lexicon>>>> = OnceLock::new();
        let key = (lexicon.to_string(), bigrams.map(str::to_string));
        let cache = CACHE.get_or_init(Default::default);
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(lex) = cache.get(&key) {
            return Ok(Arc::clone(lex));
        }
        let text = super::data_file(lexicon)?;
        let bigram_text = bigrams.map(super::data_file).transpose()?;
        let lex = Arc::new(Lexicon::parse(text, bigram_text)?);
        if let Some(first) = bigram_text.and_then(|b| b.lines().next()) {
            // The table is parsed on first use; check its format now so that a wrong
            // file is an error at start-up rather than silently useless.
            parse_bigram_line(first).ok_or_else(|| {
                format!(
                    "bigram file `{}`: expected `w1 w2<TAB>count` lines",
                    bigrams.unwrap_or("")
                )
            })?;
        }
        cache.insert(key, Arc::clone(&lex));
        Ok(lex)
    }

    /// Number of word forms.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the lexicon has no words.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The id of `word` (exact bytes, already lowercase), if it is in the lexicon.
    pub fn id(&self, word: &[u8]) -> Option<u32> {
        if word.is_empty() || word.len() > MAX_WORD {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = (hash(word) >> self.shift) as usize;
        loop {
            match self.slots[i] {
                0 => return None,
                s => {
                    let id = s - 1;
                    if entry_bytes(self.text, self.entries[id as usize]) == word {
                        return Some(id);
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// The id of `token` after lowercasing it and reading `’` as `'`; no allocation
    /// for ASCII tokens.
    pub fn id_folded(&self, token: &str) -> Option<u32> {
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
        let e = self.entries[id as usize];
        &self.text[e.start as usize..e.start as usize + e.len as usize]
    }

    /// The Zipf frequency of the word with this id (log10 of its frequency per billion words).
    pub fn zipf(&self, id: u32) -> f32 {
        f32::from(self.entries[id as usize].zipf) / 100.0
    }

    /// Lexicon words within `max` edits (Damerau-Levenshtein, adjacent transpositions)
    /// of `word` (ASCII lowercase), as (id, distance).
    pub fn near(&self, word: &[u8], max: u32) -> Vec<(u32, u32)> {
        let index = self.candidates.get_or_init(|| self.candidate_index());
        let mut out = Vec::new();
        let set = letter_set(word);
        let lo = word.len().saturating_sub(max as usize).max(1);
        let hi = (word.len() + max as usize).min(MAX_CANDIDATE_LEN);
        for len in lo..=hi {
            for &(id, letters) in &index.by_len[len] {
                if (letters ^ set).count_ones() > 2 * max {
                    continue;
                }
                let e = self.entries[id as usize];
                if let Some(d) = distance(word, entry_bytes(self.text, e), max) {
                    out.push((id, d));
                }
            }
        }
        out
    }

    /// log10 of the corpus count of the bigram `a b`, if it is in the table.
    pub fn bigram(&self, a: u32, b: u32) -> Option<f32> {
        let t = self.bigram_table()?;
        let range = span(&t.forward, a);
        let row = &t.forward[range];
        row.binary_search_by_key(&b, |x| x.1).ok().map(|i| row[i].2)
    }

    /// Words seen right before `b`, with log10 bigram counts.
    pub fn before(&self, b: u32) -> impl Iterator<Item = (u32, f32)> + '_ {
        let rows = self
            .bigram_table()
            .map_or(&[][..], |t| &t.backward[span(&t.backward, b)]);
        rows.iter().map(|&(_, a, c)| (a, c))
    }

    /// Words seen right after `a`, with log10 bigram counts.
    pub fn after(&self, a: u32) -> impl Iterator<Item = (u32, f32)> + '_ {
        let rows = self
            .bigram_table()
            .map_or(&[][..], |t| &t.forward[span(&t.forward, a)]);
        rows.iter().map(|&(_, b, c)| (b, c))
    }

    /// The smallest log10 count of the bigram table (0 without bigrams).
    pub fn bigram_floor(&self) -> f32 {
        self.bigram_table().map_or(0.0, |t| t.floor)
    }

    fn bigram_table(&self) -> Option<&Bigrams> {
        let text = self.bigram_text?;
        Some(self.bigrams.get_or_init(|| {
            self.parse_bigrams(text)
                .unwrap_or_else(|_| Bigrams::empty())
        }))
    }

    fn parse_bigrams(&self, text: &str) -> Result<Bigrams, String> {
        let mut forward = Vec::with_capacity(text.len() / 20);
        let mut floor = f32::INFINITY;
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() {
                continue;
            }
            let (a, b, count) = parse_bigram_line(line)
                .ok_or_else(|| format!("bigram line {}: expected `w1 w2<TAB>count`", n + 1))?;
            // Bigrams of words missing from the lexicon cannot help rank candidates.
            let (Some(a), Some(b)) = (self.id(a.as_bytes()), self.id(b.as_bytes())) else {
                continue;
            };
            let c = count.max(1.0).log10() as f32;
            floor = floor.min(c);
            forward.push((a, b, c));
        }
        forward.sort_unstable_by_key(|x| (x.0, x.1));
        let mut backward: Vec<_> = forward.iter().map(|&(a, b, c)| (b, a, c)).collect();
        backward.sort_unstable_by_key(|x| (x.0, x.1));
        Ok(Bigrams {
            forward,
            backward,
            floor: if floor.is_finite() { floor } else { 0.0 },
        })
    }

    fn candidate_index(&self) -> CandidateIndex {
        let mut by_len = vec![Vec::new(); MAX_CANDIDATE_LEN + 1];
        for (id, e) in self.entries.iter().enumerate() {
            let word = entry_bytes(self.text, *e);
            if word.len() <= MAX_CANDIDATE_LEN && word.is_ascii() {
                by_len[word.len()].push((id as u32, letter_set(word)));
            }
        }
        CandidateIndex { by_len }
    }
}

impl Bigrams {
    fn empty() -> Bigrams {
        Bigrams {
            forward: Vec::new(),
            backward: Vec::new(),
            floor: 0.0,
        }
    }
}

/// Splits a `w1 w2<TAB>count` line.
fn parse_bigram_line(line: &str) -> Option<(&str, &str, f64)> {
    let (pair, count) = line.split_once('\t')?;
    let (a, b) = pair.split_once(' ')?;
    Some((a, b, count.trim().parse().ok()?))
}

/// The rows of a table sorted by its first column whose first column is `key`.
fn span(rows: &[(u32, u32, f32)], key: u32) -> std::ops::Range<usize> {
    let lo = rows.partition_point(|r| r.0 < key);
    let hi = lo + rows[lo..].partition_point(|r| r.0 == key);
    lo..hi
}

fn entry_bytes(text: &str, e: Entry) -> &[u8] {
    &text.as_bytes()[e.start as usize..e.start as usize + e.len as usize]
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

/// A fast hash for short byte strings: eight bytes per multiply, FxHash-style.
fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes(c.try_into().expect("chunks of eight"));
        h = (h.rotate_left(5) ^ v).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
    }
    h ^ (h >> 32)
}

/// The set of letters (a–z, plus one bit for anything else) in `word`, as bits.
fn letter_set(word: &[u8]) -> u32 {
    word.iter().fold(0, |set, &b| {
        set | match b {
            b'a'..=b'z' => 1 << (b - b'a'),
            _ => 1 << 26,
        }
    })
}

/// Optimal-string-alignment distance (Damerau-Levenshtein with adjacent
/// transpositions) between `a` and `b`, if it is at most `max`.
pub fn distance(a: &[u8], b: &[u8], max: u32) -> Option<u32> {
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

    fn small() -> Lexicon {
        Lexicon::parse(
            "a\t736\ncat\t450\ncats\t400\ndon't\t600\nthe\t773\nto\t760\nreferring\t435\n",
            Some("referring to\t303100928\nthe cat\t1000000\n"),
        )
        .unwrap()
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
    fn finds_near_words() {
        let lex = small();
        let near: Vec<_> = lex
            .near(b"cta", 1)
            .into_iter()
            .map(|(id, d)| (lex.word(id), d))
            .collect();
        assert_eq!(near, [("cat", 1)]);
        assert_eq!(distance(b"refronting", b"referring", 4), Some(4));
        assert_eq!(distance(b"refronting", b"referring", 3), None);
        assert_eq!(distance(b"teh", b"the", 1), Some(1));
    }

    #[test]
    fn bigrams_both_ways() {
        let lex = small();
        let (r, to) = (lex.id(b"referring").unwrap(), lex.id(b"to").unwrap());
        assert!(lex.bigram(r, to).unwrap() > 8.0);
        assert!(lex.bigram(to, r).is_none());
        assert_eq!(lex.before(to).map(|x| x.0).collect::<Vec<_>>(), [r]);
        assert_eq!(lex.after(r).map(|x| x.0).collect::<Vec<_>>(), [to]);
        assert!((lex.bigram_floor() - 6.0).abs() < 1e-6);
    }

    #[test]
    fn bad_lines_are_errors() {
        assert!(Lexicon::parse("cat 450\n", None).is_err());
        assert!(Lexicon::parse("cat\tmany\n", None).is_err());
        let lex = Lexicon::parse("cat\t450\n", None).unwrap();
        assert!(lex.parse_bigrams("cat\n").is_err());
    }
}
