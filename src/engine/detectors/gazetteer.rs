//! The gazetteer: proper nouns, acronyms and demonyms with their canonical case and type
//! (`rules/en/data/gazetteer.tsv`), in a compact open-addressing table keyed by the
//! case-folded first word of each form, so a lookup costs one hash of the token and no
//! allocation.
//!
//! File format, one entry a line: `Canonical form<TAB>type<TAB>flags`, types
//! country/city/region/demonym/organisation/acronym/person/other, flags a comma-separated
//! list of `ambiguous` (the lowercase form is also a common word) and `alt=Variant`
//! (another accepted spelling, e.g. `Kiev` for `Kyiv`).

use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock};

use super::textscan::eq_ignore_case;

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
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "country" => Kind::Country,
            "city" => Kind::City,
            "region" => Kind::Region,
            "demonym" => Kind::Demonym,
            "organisation" => Kind::Organisation,
            "acronym" => Kind::Acronym,
            "person" => Kind::Person,
            "other" => Kind::Other,
            _ => return None,
        })
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
#[derive(Debug, Clone)]
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

const NONE: u32 = u32::MAX;
/// See `Gazetteer::follow`.
const FOLLOW_ANY: u32 = 1 << 31;

/// The `follow` bit of what comes after a form's first word (`rest` is the remainder).
fn follow_bit(rest: &[u8]) -> u32 {
    match rest {
        [b' ', c, ..] if c.is_ascii_alphabetic() => 1 << ((c | 0x20) - b'a'),
        _ => FOLLOW_ANY,
    }
}

/// A form of an entry found in a text.
#[derive(Debug, Clone, Copy)]
pub struct FormMatch<'g> {
    /// The entry.
    pub entry: &'g Entry,
    /// The spelling that matched (canonical or alternative), in its canonical case.
    pub form: &'static str,
    /// End byte offset of the match in the text.
    pub end: usize,
}

/// The loaded gazetteer.
#[derive(Debug)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    forms: Vec<Form>,
    /// Open-addressing table of chain heads (indices into `forms`) with a fingerprint of
    /// the key's hash, so most probes need no string comparison.
    table: Vec<(u32, u32)>,
    /// Per table slot, what may follow the first word in the slot's forms: bit `n` for a
    /// space and the letter `a + n`, [`FOLLOW_ANY`] for anything else (a single-word form,
    /// a hyphen, a non-ASCII letter), so "the cat" is rejected without walking the chain.
    follow: Vec<u32>,
    /// Case-folded single words of person names ("vladimir", "putin").
    person_words: HashSet<Box<str>>,
    /// Prefilter: one bit per hash of the first words of forms (a one-hash Bloom filter),
    /// so most tokens are rejected without touching the table.
    bloom: Vec<u64>,
}

/// Bits of the prefilter: 2^16 bits (8 KiB, stays in L1 cache).
const BLOOM_BITS: u64 = 1 << 16;

/// The prefilter bit of a first word's hash.
fn bloom_bit(hash: u64) -> usize {
    ((hash >> 40) % BLOOM_BITS) as usize
}

/// FNV-1a over the lowercase characters of `word` (ASCII fast path).
fn fold_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |x: u32| h = (h ^ u64::from(x)).wrapping_mul(0x0000_0100_0000_01b3);
    if word.is_ascii() {
        for b in word.bytes() {
            mix(u32::from(b.to_ascii_lowercase()));
        }
    } else {
        for c in word.chars().flat_map(char::to_lowercase) {
            mix(c as u32);
        }
    }
    h
}

fn first_word_len(form: &str) -> usize {
    form.find(|c: char| !c.is_alphanumeric())
        .unwrap_or(form.len())
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
    /// Parses gazetteer TSV text.
    pub fn parse(data: &'static str) -> Result<Gazetteer, String> {
        let mut entries = Vec::with_capacity(data.len() / 18);
        let mut forms: Vec<Form> = Vec::with_capacity(data.len() / 16);
        let mut person_words = HashSet::new();
        for (n, line) in data.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let canonical = cols.next().unwrap_or("");
            let kind = cols
                .next()
                .and_then(Kind::parse)
                .ok_or_else(|| format!("gazetteer line {}: missing or unknown type", n + 1))?;
            let flags = cols.next().unwrap_or("");
            if canonical.is_empty() || first_word_len(canonical) == 0 {
                return Err(format!("gazetteer line {}: bad canonical form", n + 1));
            }
            let entry = entries.len() as u32;
            let first_form = forms.len() as u32;
            let mut ambiguous = false;
            let mut push = |text: &'static str| {
                let first = first_word_len(text);
                if first > 0 {
                    forms.push(Form {
                        text,
                        entry,
                        first_len: first.min(u16::MAX as usize) as u16,
                        next: NONE,
                    });
                }
            };
            push(canonical);
            for flag in flags.split(',').map(str::trim) {
                if flag == "ambiguous" {
                    ambiguous = true;
                } else if let Some(alt) = flag.strip_prefix("alt=") {
                    push(alt);
                }
            }
            if kind == Kind::Person {
                for w in canonical.split(|c: char| !c.is_alphanumeric()) {
                    if w.len() > 2 && w.starts_with(char::is_uppercase) {
                        person_words.insert(w.to_lowercase().into_boxed_str());
                    }
                }
            }
            entries.push(Entry {
                canonical,
                kind,
                ambiguous,
                first_form,
                n_forms: forms.len() as u32 - first_form,
            });
        }
        // Chains run from the longest form to the shortest, so the first match is the longest.
        let mut order: Vec<u32> = (0..forms.len() as u32).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(forms[i as usize].text.len()));
        let size = (forms.len() * 2).next_power_of_two().max(16);
        let mut table = vec![(NONE, 0u32); size];
        let mut tails = vec![NONE; size];
        let mut follow = vec![0u32; size];
        for &fi in &order {
            let f = &forms[fi as usize];
            let key = &f.text[..f.first_len as usize];
            let hash = fold_hash(key);
            let fp = (hash >> 32) as u32;
            let mut slot = hash as usize & (size - 1);
            loop {
                let (head, hfp) = table[slot];
                let bit = follow_bit(&f.text.as_bytes()[f.first_len as usize..]);
                if head == NONE {
                    table[slot] = (fi, fp);
                    tails[slot] = fi;
                    follow[slot] |= bit;
                    break;
                }
                let h = &forms[head as usize];
                if hfp == fp && eq_ignore_case(&h.text[..h.first_len as usize], key) {
                    let tail = tails[slot];
                    forms[tail as usize].next = fi;
                    tails[slot] = fi;
                    follow[slot] |= bit;
                    break;
                }
                slot = (slot + 1) & (size - 1);
            }
        }
        let mut bloom = vec![0u64; (BLOOM_BITS / 64) as usize];
        for f in &forms {
            let bit = bloom_bit(fold_hash(&f.text[..f.first_len as usize]));
            bloom[bit / 64] |= 1 << (bit % 64);
        }
        Ok(Gazetteer {
            entries,
            forms,
            table,
            follow,
            person_words,
            bloom,
        })
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
        let g = Arc::new(Gazetteer::parse(data).map_err(|e| format!("{path}: {e}"))?);
        cache.push((path.to_string(), Arc::clone(&g)));
        Ok(g)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the gazetteer has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Head of the chain of forms whose first word is `word` (ignoring case).
    fn chain(&self, word: &str) -> u32 {
        self.chain_slot(word)
            .map_or(NONE, |slot| self.table[slot].0)
    }

    /// The table slot of the chain of `word`, if any.
    fn chain_slot(&self, word: &str) -> Option<usize> {
        if word.is_empty() {
            return None;
        }
        let hash = fold_hash(word);
        let bit = bloom_bit(hash);
        if self.bloom[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        let mask = self.table.len() - 1;
        let fp = (hash >> 32) as u32;
        let mut slot = hash as usize & mask;
        loop {
            let (head, hfp) = self.table[slot];
            if head == NONE {
                return None;
            }
            if hfp == fp {
                let h = &self.forms[head as usize];
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
    pub fn matches_at<'g, 't>(
        &'g self,
        text: &'t str,
        start: usize,
        word_end: usize,
    ) -> MatchesAt<'g, 't> {
        let next = match self.chain_slot(&text[start..word_end]) {
            None => NONE,
            Some(slot) => {
                let follow = self.follow[slot];
                let here = match text.as_bytes()[word_end..] {
                    [b' ' | b'\n' | b'\t' | b'\r', c, ..] if c.is_ascii_alphabetic() => {
                        1 << ((c | 0x20) - b'a')
                    }
                    _ => FOLLOW_ANY,
                };
                // FOLLOW_ANY in the chain: walk it; else the text's follower must be listed.
                if follow & FOLLOW_ANY != 0 || follow & here != 0 {
                    self.table[slot].0
                } else {
                    NONE
                }
            }
        };
        MatchesAt {
            gazetteer: self,
            text,
            word_end,
            next,
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
            self.person_words.contains(lower)
        } else {
            self.person_words.contains(word.to_lowercase().as_str())
        }
    }

    /// All forms of the entry (canonical first) — for checking a match against every
    /// accepted spelling.
    pub fn forms_of<'g>(&'g self, entry: &Entry) -> impl Iterator<Item = &'static str> + 'g {
        let first = entry.first_form as usize;
        self.forms[first..first + entry.n_forms as usize]
            .iter()
            .map(|f| f.text)
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

    fn next(&mut self) -> Option<FormMatch<'g>> {
        while self.next != NONE {
            let f = &self.gazetteer.forms[self.next as usize];
            self.next = f.next;
            let rest = &f.text[f.first_len as usize..];
            if let Some(end) = match_rest(rest, self.text, self.word_end) {
                return Some(FormMatch {
                    entry: &self.gazetteer.entries[f.entry as usize],
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
    fn builtin_gazetteer_loads() {
        let g = Gazetteer::shared("rules/en/data/gazetteer.tsv").unwrap();
        assert!(g.len() > 3000);
        let t = "kyiv";
        assert_eq!(g.longest_at(t, 0, 4).unwrap().entry.canonical, "Kyiv");
    }
}
