//! The gazetteer: proper nouns, acronyms and demonyms with their canonical case and type
//! (`rules/en/data/gazetteer.tsv`), in a compact open-addressing table keyed by the
//! case-folded first word of each form, so a lookup costs one hash of the token and no
//! allocation.
//!
//! File format, one entry a line: `Canonical form<TAB>type<TAB>flags`, types
//! country/city/region/demonym/organisation/acronym/person/other, flags a comma-separated
//! list of `ambiguous` (the lowercase form is also a common word) and `alt=Variant`
//! (another accepted spelling, e.g. `Kiev` for `Kyiv`).

use std::marker::PhantomData;
use std::sync::{Arc, Mutex, OnceLock};

use super::ascii_filter::{self, AsciiWords};
use super::gazetteer_table::{
    self as table, bloom_bit, fold_hash, BLOOM_BITS, ENTRY_BYTES, FOLLOW_ANY, FORM_BYTES, NONE,
};
use super::textscan::eq_ignore_case;
use super::wordlist::SortedList;

mod precomputed {
    include!(concat!(env!("OUT_DIR"), "/gazetteer_tables.rs"));
}

/// The type of a gazetteer entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A country.
    Country,
    /// A city.
    City,
    /// A region, state, province or sea.
    Region,
    /// A demonym or nationality adjective ("Ukrainian").
    Demonym,
    /// An organisation, institution, company or medium.
    Organisation,
    /// An acronym or initialism ("NATO", "CNN").
    Acronym,
    /// A person.
    Person,
    /// Anything else (months, days, religions, events).
    Other,
}

impl Kind {
    /// The kind of a type code (its index in [`table::KINDS`]).
    fn from_code(code: u8) -> Kind {
        [
            Kind::Country,
            Kind::City,
            Kind::Region,
            Kind::Demonym,
            Kind::Organisation,
            Kind::Acronym,
            Kind::Person,
            Kind::Other,
        ]
        .get(usize::from(code))
        .copied()
        .unwrap_or(Kind::Other)
    }

    /// Whether entities of this kind are things, not people (so "its", not "his"/"her").
    pub fn is_thing(self) -> bool {
        matches!(
            self,
            Kind::Country | Kind::City | Kind::Region | Kind::Organisation | Kind::Acronym
        )
    }
}

/// One gazetteer entry.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// Canonical form ("Kyiv").
    pub canonical: &'static str,
    /// Entity type.
    pub kind: Kind,
    /// The lowercase form is also a common word (may, turkey, china).
    pub ambiguous: bool,
    /// Index of the entry's first form in `Gazetteer::forms` (its forms are contiguous).
    first_form: u32,
    /// Number of forms.
    n_forms: u32,
}

/// A spelling of an entry: its canonical form or an `alt=` variant.
#[derive(Debug, Clone)]
struct Form {
    text: &'static str,
    entry: u32,
    /// Byte length of the first word of `text`.
    first_len: u16,
    /// Next form with the same case-folded first word (longer forms first), or `NONE`.
    next: u32,
}

/// A form of an entry found in a text.
#[derive(Debug, Clone, Copy)]
pub struct FormMatch<'g> {
    /// The entry.
    pub entry: Entry,
    /// The gazetteer it belongs to.
    gazetteer: PhantomData<&'g Gazetteer>,
    /// The spelling that matched (canonical or alternative), in its canonical case.
    pub form: &'static str,
    /// End byte offset of the match in the text.
    pub end: usize,
}

/// The loaded gazetteer: its tables are read in place (from the binary for the
/// built-in one), so loading it allocates little.
#[derive(Debug)]
pub struct Gazetteer {
    /// The TSV text the forms point into.
    data: &'static str,
    /// [`ENTRY_BYTES`] per entry (see [`table`]).
    entries: &'static [u8],
    /// [`FORM_BYTES`] per form.
    forms: &'static [u8],
    /// Open-addressing table of chain heads (indices into `forms`) with a fingerprint of
    /// the key's hash, so most probes need no string comparison: two u32s per slot.
    table: &'static [u8],
    /// Per table slot (a u32), what may follow the first word in the slot's forms: bit
    /// `n` for a space and the letter `a + n`, [`FOLLOW_ANY`] for anything else (a
    /// single-word form, a hyphen, a non-ASCII letter), so "the cat" is rejected without
    /// walking the chain.
    follow: &'static [u8],
    /// Case-folded single words of person names ("vladimir", "putin"), sorted.
    person_words: SortedList,
    /// Prefilter: one bit per hash of the first words of forms (a one-hash Bloom filter,
    /// u64 words), so most tokens are rejected without touching the table.
    bloom: &'static [u8],
    /// The table slot of each first word of a form whose case-folded spelling is a
    /// short ASCII word: short ASCII tokens (most of English prose) are looked up here
    /// alone, the others in `bloom` and `table`.
    ascii_first_words: AsciiWords,
}

/// The little-endian u32 at byte `i` of `b`.
fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Whether the rest of `form` after its first word (`rest`) matches `text` from `from`
/// (the end of the first word) ignoring case (one whitespace character of the text stands
/// for a space of the form, straight and curly apostrophes are equal), ending on a word
/// boundary; returns the end offset.
fn match_rest(rest: &str, text: &str, from: usize) -> Option<usize> {
    if rest.is_empty() {
        return Some(from);
    }
    let tail = &text[from..];
    let (rb, tb) = (rest.as_bytes(), tail.as_bytes());
    // ASCII fast path: byte-wise comparison.
    if rest.is_ascii() {
        if tb.len() < rb.len() {
            return None;
        }
        for (i, &f) in rb.iter().enumerate() {
            let t = tb[i];
            let same = f.eq_ignore_ascii_case(&t)
                || (f == b' ' && matches!(t, b'\n' | b'\t' | b'\r'))
                || (f == b'\'' && tail[i..].starts_with('’'));
            if !same {
                return None;
            }
            if f == b'\'' && t != b'\'' {
                // A curly apostrophe is three bytes: fall back to the general path.
                return match_rest_chars(rest, text, from);
            }
        }
        let end = from + rb.len();
        return match text[end..].chars().next() {
            Some(c) if c.is_alphanumeric() => None,
            _ => Some(end),
        };
    }
    match_rest_chars(rest, text, from)
}

fn match_rest_chars(rest: &str, text: &str, from: usize) -> Option<usize> {
    let mut t = text[from..].chars();
    let mut end = from;
    for fc in rest.chars() {
        let tc = t.next()?;
        end += tc.len_utf8();
        let same = fc == tc
            || (fc == ' ' && tc.is_whitespace())
            || (is_apostrophe(fc) && is_apostrophe(tc))
            || (fc.is_alphabetic() && fc.to_lowercase().eq(tc.to_lowercase()));
        if !same {
            return None;
        }
    }
    match t.next() {
        Some(c) if c.is_alphanumeric() => None,
        _ => Some(end),
    }
}

impl Gazetteer {
    /// Parses gazetteer TSV text (the person words are kept for the life of the
    /// process, like the text).
    pub fn parse(data: &'static str) -> Result<Gazetteer, String> {
        let t = table::build(data)?;
        Gazetteer::from_tables(
            data,
            Box::leak(t.bytes.into_boxed_slice()),
            Box::leak(t.person_words.into_boxed_str()),
        )
    }

    /// The gazetteer over `data` from its tables (see [`table`]), read in place.
    fn from_tables(
        data: &'static str,
        bytes: &'static [u8],
        person_words: &'static str,
    ) -> Result<Gazetteer, String> {
        let bad = || "unreadable gazetteer tables".to_string();
        let header = |i: usize| bytes.get(i..i + 4).map(|b| u32_at(b, 0) as usize);
        let (n_entries, n_forms, size) = (
            header(0).ok_or_else(bad)?,
            header(4).ok_or_else(bad)?,
            header(8).ok_or_else(bad)?,
        );
        let mut rest = &bytes[12..];
        let mut take = |len: usize| {
            let part = rest.get(..len).ok_or_else(bad)?;
            rest = &rest[len..];
            Ok::<_, String>(part)
        };
        let entries = take(n_entries * ENTRY_BYTES)?;
        let forms = take(n_forms * FORM_BYTES)?;
        let table = take(size * 8)?;
        let follow = take(size * 4)?;
        let bloom = take(BLOOM_BITS as usize / 8)?;
        let ascii_first_words = AsciiWords::from_table(rest).ok_or_else(bad)?;
        Ok(Gazetteer {
            data,
            entries,
            forms,
            table,
            follow,
            person_words: SortedList::new(person_words),
            bloom,
            ascii_first_words,
        })
    }

    /// Entry `i`.
    fn entry(&self, i: u32) -> Entry {
        let e = &self.entries[i as usize * ENTRY_BYTES..][..ENTRY_BYTES];
        Entry {
            canonical: self.text(u32_at(e, 0), u32_at(e, 4)),
            kind: Kind::from_code(e[8]),
            ambiguous: e[9] != 0,
            first_form: u32_at(e, 10),
            n_forms: u32_at(e, 14),
        }
    }

    /// Form `i`.
    fn form(&self, i: u32) -> Form {
        let f = &self.forms[i as usize * FORM_BYTES..][..FORM_BYTES];
        Form {
            text: self.text(u32_at(f, 0), u32_at(f, 4)),
            entry: u32_at(f, 8),
            first_len: u16::from_le_bytes([f[12], f[13]]),
            next: u32_at(f, 14),
        }
    }

    /// The text at `start..start + len` of the data.
    fn text(&self, start: u32, len: u32) -> &'static str {
        &self.data[start as usize..(start + len) as usize]
    }

    /// (chain head, fingerprint) of table slot `slot`.
    fn slot(&self, slot: usize) -> (u32, u32) {
        (
            u32_at(self.table, 8 * slot),
            u32_at(self.table, 8 * slot + 4),
        )
    }

    /// The gazetteer at `path`: an embedded data file (`rules/en/data/gazetteer.tsv`) or a
    /// file on disk, loaded once per process and shared by every detector that names it.
    pub fn shared(path: &str) -> Result<Arc<Gazetteer>, String> {
        type Loaded = Vec<(String, Arc<Gazetteer>)>;
        static CACHE: OnceLock<Mutex<Loaded>> = OnceLock::new();
        let cache = CACHE.get_or_init(|| Mutex::new(Vec::new()));
        let mut cache = cache
            .lock()
            .map_err(|_| "gazetteer cache poisoned".to_string())?;
        if let Some((_, g)) = cache.iter().find(|(p, _)| p == path) {
            return Ok(Arc::clone(g));
        }
        let data: &'static str = match crate::rules::embedded_data(path) {
            Some(d) => d,
            None => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| format!("cannot read gazetteer `{path}`: {e}"))?;
                // Loaded once per path for the life of the process.
                Box::leak(text.into_boxed_str())
            }
        };
        let built = precomputed::TABLES
            .iter()
            .find(|(p, ..)| *p == path)
            .filter(|_| crate::rules::embedded_data(path).is_some());
        let g = match built {
            Some((_, bytes, person_words)) => Gazetteer::from_tables(data, bytes, person_words)
                .map_err(|e| format!("{path}: {e}"))?,
            None => Gazetteer::parse(data).map_err(|e| format!("{path}: {e}"))?,
        };
        let g = Arc::new(g);
        cache.push((path.to_string(), Arc::clone(&g)));
        Ok(g)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len() / ENTRY_BYTES
    }

    /// Whether the gazetteer has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Head of the chain of forms whose first word is `word` (ignoring case).
    fn chain(&self, word: &str) -> u32 {
        self.chain_slot(word).map_or(NONE, |slot| self.slot(slot).0)
    }

    /// The table slot of the chain of `word`, if any.
    fn chain_slot(&self, word: &str) -> Option<usize> {
        match ascii_filter::key(word) {
            Some(key) => self.ascii_first_words.get(key).map(|slot| slot as usize),
            None => self.table_slot(word),
        }
    }

    /// [`Gazetteer::chain_slot`] from the hash table alone.
    fn table_slot(&self, word: &str) -> Option<usize> {
        if word.is_empty() {
            return None;
        }
        let hash = fold_hash(word);
        let bit = bloom_bit(hash);
        if self.bloom[bit / 8] & (1 << (bit % 8)) == 0 {
            return None;
        }
        let mask = self.table.len() / 8 - 1;
        let fp = (hash >> 32) as u32;
        let mut slot = hash as usize & mask;
        loop {
            let (head, hfp) = self.slot(slot);
            if head == NONE {
                return None;
            }
            if hfp == fp {
                let h = self.form(head);
                if eq_ignore_case(&h.text[..h.first_len as usize], word) {
                    return Some(slot);
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Whether any form starts with the word `word` (ignoring case).
    pub fn starts_any(&self, word: &str) -> bool {
        self.chain(word) != NONE
    }

    /// Forms that match `text` at `start`, where `start..word_end` is a word token; longest
    /// first.
    #[inline(always)]
    pub fn matches_at<'g, 't>(
        &'g self,
        text: &'t str,
        start: usize,
        word_end: usize,
    ) -> MatchesAt<'g, 't> {
        // Inlined: most tokens end here, after one probe of `ascii_first_words`.
        let slot = match ascii_filter::key_at(text.as_bytes(), start, word_end) {
            Some(key) => self.ascii_first_words.get(key).map(|slot| slot as usize),
            None => self.table_slot(&text[start..word_end]),
        };
        let next = match slot {
            None => NONE,
            Some(slot) => self.chain_head(text, word_end, slot),
        };
        MatchesAt {
            gazetteer: self,
            text,
            word_end,
            next,
        }
    }

    /// Whether a form may start with the word token `start..end` of `bytes` (as
    /// `textscan::words` yields it): `false` is certain, so that a scan may skip the
    /// token without [`Gazetteer::matches_at`]. One bit test for short ASCII tokens.
    #[inline(always)]
    pub fn may_start_at(&self, bytes: &[u8], start: usize, end: usize) -> bool {
        if end - start <= 8 {
            // Most tokens: a key of eight bytes and a hash of one multiplication.
            return match ascii_filter::short_token_key_at(bytes, start, end) {
                Some(key) => self.ascii_first_words.may_hold_short(key),
                None => true,
            };
        }
        match ascii_filter::token_key_at(bytes, start, end) {
            Some(key) => self.ascii_first_words.may_hold(key),
            None => true,
        }
    }

    /// The head of the chain in `slot` when what follows the first word at `word_end`
    /// may continue one of its forms, else `NONE`.
    fn chain_head(&self, text: &str, word_end: usize, slot: usize) -> u32 {
        let follow = u32_at(self.follow, 4 * slot);
        let here = match text.as_bytes()[word_end..] {
            [b' ' | b'\n' | b'\t' | b'\r', c, ..] if c.is_ascii_alphabetic() => {
                1 << ((c | 0x20) - b'a')
            }
            _ => FOLLOW_ANY,
        };
        // FOLLOW_ANY in the chain: walk it; else the text's follower must be listed.
        if follow & FOLLOW_ANY != 0 || follow & here != 0 {
            self.slot(slot).0
        } else {
            NONE
        }
    }

    /// The longest form matching at `start` (a word token `start..word_end`).
    pub fn longest_at(&self, text: &str, start: usize, word_end: usize) -> Option<FormMatch<'_>> {
        self.matches_at(text, start, word_end).next()
    }

    /// Whether `word` is one of the words of a person's name in the gazetteer.
    pub fn is_person_word(&self, word: &str) -> bool {
        if word.len() < 3 || word.len() > 40 {
            return false;
        }
        let mut buf = [0u8; 40];
        if word.is_ascii() {
            for (b, w) in buf.iter_mut().zip(word.bytes()) {
                *b = w.to_ascii_lowercase();
            }
            let lower = std::str::from_utf8(&buf[..word.len()]).unwrap_or("");
            self.person_words.get(lower).is_some()
        } else {
            self.person_words.get(&word.to_lowercase()).is_some()
        }
    }

    /// All forms of the entry (canonical first) — for checking a match against every
    /// accepted spelling.
    pub fn forms_of<'g>(&'g self, entry: Entry) -> impl Iterator<Item = &'static str> + 'g {
        let first = entry.first_form;
        (first..first + entry.n_forms).map(|i| self.form(i).text)
    }
}

/// Iterator over the forms matching at one position, longest first.
pub struct MatchesAt<'g, 't> {
    gazetteer: &'g Gazetteer,
    text: &'t str,
    word_end: usize,
    next: u32,
}

impl<'g> Iterator for MatchesAt<'g, '_> {
    type Item = FormMatch<'g>;

    #[inline(always)]
    fn next(&mut self) -> Option<FormMatch<'g>> {
        // Inlined: most chains are empty.
        if self.next == NONE {
            return None;
        }
        self.walk()
    }
}

impl<'g> MatchesAt<'g, '_> {
    /// The next form of the chain that matches the text.
    fn walk(&mut self) -> Option<FormMatch<'g>> {
        while self.next != NONE {
            let f = self.gazetteer.form(self.next);
            self.next = f.next;
            let rest = &f.text[f.first_len as usize..];
            if let Some(end) = match_rest(rest, self.text, self.word_end) {
                return Some(FormMatch {
                    entry: self.gazetteer.entry(f.entry),
                    gazetteer: PhantomData,
                    form: f.text,
                    end,
                });
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATA: &str = "CNN\tacronym\t\nFox News\torganisation\t\nKyiv\tcity\talt=Kiev\n\
New York\tcity\t\nNew York Times\torganisation\t\nTurkey\tcountry\tambiguous,alt=Türkiye\n\
Vladimir Putin\tperson\t\nÉlysée\torganisation\talt=Elysee\n";

    #[test]
    fn longest_form_first_and_case_insensitive() {
        let g = Gazetteer::parse(DATA).unwrap();
        assert_eq!(g.len(), 8);
        let t = "the new york times said";
        let m = g.longest_at(t, 4, 7).unwrap();
        assert_eq!((m.form, m.end), ("New York Times", 18));
        let t = "in New York, kiev and ÉLYSÉE";
        assert_eq!(g.longest_at(t, 3, 6).unwrap().form, "New York");
        let k = t.find("kiev").unwrap();
        let m = g.longest_at(t, k, k + 4).unwrap();
        assert_eq!((m.form, m.entry.canonical), ("Kiev", "Kyiv"));
        let e = t.find("ÉLYSÉE").unwrap();
        assert_eq!(g.longest_at(t, e, t.len()).unwrap().form, "Élysée");
        assert!(g.longest_at("Kyivan", 0, 6).is_none());
        assert!(g.longest_at("foxes", 0, 5).is_none());
    }

    #[test]
    fn forms_and_person_words() {
        let g = Gazetteer::parse(DATA).unwrap();
        let m = g.longest_at("turkey", 0, 6).unwrap();
        assert!(m.entry.ambiguous);
        assert_eq!(
            g.forms_of(m.entry).collect::<Vec<_>>(),
            ["Turkey", "Türkiye"]
        );
        assert!(g.is_person_word("Putin") && g.is_person_word("VLADIMIR"));
        assert!(!g.is_person_word("Kyiv"));
    }

    #[test]
    fn ascii_first_words_agree_with_the_table() {
        let g = Gazetteer::shared("rules/en/data/gazetteer.tsv").unwrap();
        let text = "the New YORK times said kyiv, ÉLYSÉE and Türkiye; al-shabaab nato-led \
            KIEV's x Abcdefghijklmnop abcdefghijklmnopq united STATES o’neill 2025 k \u{212a}";
        let mut words: Vec<String> = super::super::textscan::words(text)
            .map(|(s, e)| text[s..e].to_string())
            .collect();
        for i in 0..(g.forms.len() / FORM_BYTES) as u32 {
            let f = g.form(i);
            let first = &f.text[..f.first_len as usize];
            words.extend([
                first.to_string(),
                first.to_uppercase(),
                first.to_lowercase(),
            ]);
            words.push(format!("{first}s"));
        }
        let mut found = 0;
        for w in &words {
            let slot = g.table_slot(w);
            assert_eq!(g.chain_slot(w), slot, "{w}");
            found += usize::from(slot.is_some());
        }
        assert!(found > words.len() / 2);
    }

    #[test]
    fn may_start_at_keeps_every_token_that_starts_a_form() {
        let g = Gazetteer::shared("rules/en/data/gazetteer.tsv").unwrap();
        let mut text = String::from(
            "the New YORK times said kyiv, ÉLYSÉE and Türkiye; al-shabaab nato-led \
             KIEV's x Abcdefghijklmnop abcdefghijklmnopq united STATES o’neill 2025 k \u{212a}\n\
             Fox news and cnn; the white house in new york.",
        );
        for i in 0..(g.forms.len() / FORM_BYTES) as u32 {
            let f = g.form(i);
            text.push(' ');
            text.push_str(f.text);
            text.push_str(&format!(
                " {}s {}\n",
                f.text.to_lowercase(),
                f.text.to_uppercase()
            ));
        }
        let bytes = text.as_bytes();
        let (mut kept, mut all) = (0, 0);
        for (s, e) in super::super::textscan::words(&text) {
            all += 1;
            let may = g.may_start_at(bytes, s, e);
            kept += usize::from(may);
            if g.matches_at(&text, s, e).next().is_some() {
                assert!(may, "{:?}", &text[s..e]);
            }
        }
        assert!(kept < all, "{kept} of {all}");
    }

    #[test]
    fn truncated_tables_are_refused() {
        let t = table::build(DATA).unwrap();
        let bytes: &'static [u8] = Box::leak(t.bytes.into_boxed_slice());
        assert!(Gazetteer::from_tables(DATA, bytes, "").is_ok());
        for len in [0, 11, 12, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                Gazetteer::from_tables(DATA, &bytes[..len], "").is_err(),
                "{len}"
            );
        }
    }

    #[test]
    fn builtin_gazetteer_loads() {
        let g = Gazetteer::shared("rules/en/data/gazetteer.tsv").unwrap();
        assert!(g.len() > 3000);
        let t = "kyiv";
        assert_eq!(g.longest_at(t, 0, 4).unwrap().entry.canonical, "Kyiv");
    }
}
