//! The gazetteer's tables as bytes: built by `build.rs` for the embedded
//! gazetteers (so loading one only copies fixed-width integers) and at run time
//! for others. This file is also compiled into the build script, so it uses only
//! `std` (and [`super::textscan`] and [`super::ascii_filter`], compiled there too).
//!
//! Layout, all little-endian: the number of entries, of forms and of table slots
//! (u32 each); per entry [`ENTRY_BYTES`]: start and length of the canonical form
//! in the text (u32, u32), kind (u8, index in [`KINDS`]), ambiguous (u8), first
//! form (u32), number of forms (u32); per form [`FORM_BYTES`]: start and length
//! in the text (u32, u32), entry (u32), byte length of the first word (u16), next
//! form of the chain (u32); per slot: chain head and fingerprint (u32, u32); per
//! slot the `follow` bits (u32); then the prefilter ([`BLOOM_BITS`] bits as u64);
//! then the map of the short ASCII first words of the chains to their slots
//! ([`ascii_filter::table`]).

use super::ascii_filter;
use super::textscan::eq_ignore_case;

/// Entry types, in the order of their codes.
pub const KINDS: [&str; 8] = [
    "country",
    "city",
    "region",
    "demonym",
    "organisation",
    "acronym",
    "person",
    "other",
];

/// Index of the `person` type in [`KINDS`].
const PERSON: u8 = 6;

/// Bytes per entry.
pub const ENTRY_BYTES: usize = 18;
/// Bytes per form.
pub const FORM_BYTES: usize = 18;

/// No form (end of a chain, empty slot).
pub const NONE: u32 = u32::MAX;
/// See `Gazetteer::follow`.
pub const FOLLOW_ANY: u32 = 1 << 31;

/// Bits of the prefilter: 2^16 bits (8 KiB, stays in L1 cache).
pub const BLOOM_BITS: u64 = 1 << 16;

/// The prefilter bit of a first word's hash.
pub fn bloom_bit(hash: u64) -> usize {
    ((hash >> 40) % BLOOM_BITS) as usize
}

/// The `follow` bit of what comes after a form's first word (`rest` is the remainder).
pub fn follow_bit(rest: &[u8]) -> u32 {
    match rest {
        [b' ', c, ..] if c.is_ascii_alphabetic() => 1 << ((c | 0x20) - b'a'),
        _ => FOLLOW_ANY,
    }
}

/// FNV-1a over the lowercase characters of `word` (ASCII fast path).
pub fn fold_hash(word: &str) -> u64 {
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

/// Byte length of the first word of a form.
pub fn first_word_len(form: &str) -> usize {
    form.find(|c: char| !c.is_alphanumeric())
        .unwrap_or(form.len())
}

/// The [`ascii_filter::table`] from the case-folded first word of each chain head of
/// `table` (the chain's forms share it, ignoring case) that is a short ASCII word, to
/// its slot; `first_word` gives the first word of a form.
fn ascii_first_words<'d>(table: &[(u32, u32)], first_word: impl Fn(u32) -> &'d str) -> Vec<u8> {
    let mut entries = Vec::new();
    for (slot, &(head, _)) in table.iter().enumerate() {
        if head == NONE {
            continue;
        }
        let first = first_word(head);
        let key = match ascii_filter::key(first) {
            Some(key) => Some(key),
            // A non-ASCII word may fold to an ASCII one (the Kelvin sign to "k").
            None if !first.is_ascii() => ascii_filter::key(&first.to_lowercase()),
            None => None,
        };
        if let Some(key) = key {
            entries.push((key, slot as u32));
        }
    }
    ascii_filter::table(entries.into_iter())
}

/// The tables of a gazetteer text.
pub struct Tables {
    /// Entries, forms, chain table, follow bits and prefilter (see the module).
    pub bytes: Vec<u8>,
    /// Case-folded single words of person names ("vladimir", "putin"): sorted,
    /// distinct, one a line.
    pub person_words: String,
}

/// A form while the tables are built: (start, length, entry, first word length, next).
type Form = (u32, u32, u32, u16, u32);

/// Builds the tables of gazetteer TSV text.
pub fn build(data: &str) -> Result<Tables, String> {
    let offset = |s: &str| (s.as_ptr() as usize - data.as_ptr() as usize) as u32;
    let mut entries: Vec<(u32, u32, u8, u8, u32, u32)> = Vec::with_capacity(data.len() / 18);
    let mut forms: Vec<Form> = Vec::with_capacity(data.len() / 16);
    let mut person_words = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let canonical = cols.next().unwrap_or("");
        let kind = cols
            .next()
            .and_then(|k| KINDS.iter().position(|&x| x == k))
            .ok_or_else(|| format!("gazetteer line {}: missing or unknown type", n + 1))?
            as u8;
        let flags = cols.next().unwrap_or("");
        if canonical.is_empty() || first_word_len(canonical) == 0 {
            return Err(format!("gazetteer line {}: bad canonical form", n + 1));
        }
        let entry = entries.len() as u32;
        let first_form = forms.len() as u32;
        let mut ambiguous = false;
        let mut push = |text: &str| {
            let first = first_word_len(text);
            if first > 0 {
                forms.push((
                    offset(text),
                    text.len() as u32,
                    entry,
                    first.min(u16::MAX as usize) as u16,
                    NONE,
                ));
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
        if kind == PERSON {
            for w in canonical.split(|c: char| !c.is_alphanumeric()) {
                if w.len() > 2 && w.starts_with(char::is_uppercase) {
                    person_words.push(w.to_lowercase());
                }
            }
        }
        entries.push((
            offset(canonical),
            canonical.len() as u32,
            kind,
            u8::from(ambiguous),
            first_form,
            forms.len() as u32 - first_form,
        ));
    }
    let text = |f: &Form| &data[f.0 as usize..(f.0 + f.1) as usize];
    let key = |f: &Form| &data[f.0 as usize..f.0 as usize + f.3 as usize];
    // Chains run from the longest form to the shortest, so the first match is the longest.
    let mut order: Vec<u32> = (0..forms.len() as u32).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(forms[i as usize].1));
    let size = (forms.len() * 2).next_power_of_two().max(16);
    let mut table = vec![(NONE, 0u32); size];
    let mut tails = vec![NONE; size];
    let mut follow = vec![0u32; size];
    for &fi in &order {
        let f = forms[fi as usize];
        let k = key(&f);
        let hash = fold_hash(k);
        let fp = (hash >> 32) as u32;
        let mut slot = hash as usize & (size - 1);
        let bit = follow_bit(&text(&f).as_bytes()[f.3 as usize..]);
        loop {
            let (head, hfp) = table[slot];
            if head == NONE {
                table[slot] = (fi, fp);
                tails[slot] = fi;
                follow[slot] |= bit;
                break;
            }
            if hfp == fp && eq_ignore_case(key(&forms[head as usize]), k) {
                let tail = tails[slot];
                forms[tail as usize].4 = fi;
                tails[slot] = fi;
                follow[slot] |= bit;
                break;
            }
            slot = (slot + 1) & (size - 1);
        }
    }
    let mut bloom = vec![0u64; (BLOOM_BITS / 64) as usize];
    for f in &forms {
        let bit = bloom_bit(fold_hash(key(f)));
        bloom[bit / 64] |= 1 << (bit % 64);
    }
    let mut bytes = Vec::with_capacity(
        12 + entries.len() * ENTRY_BYTES + forms.len() * FORM_BYTES + size * 12 + bloom.len() * 8,
    );
    for n in [entries.len(), forms.len(), size] {
        bytes.extend_from_slice(&(n as u32).to_le_bytes());
    }
    for &(start, len, kind, ambiguous, first_form, n_forms) in &entries {
        bytes.extend_from_slice(&start.to_le_bytes());
        bytes.extend_from_slice(&len.to_le_bytes());
        bytes.extend_from_slice(&[kind, ambiguous]);
        bytes.extend_from_slice(&first_form.to_le_bytes());
        bytes.extend_from_slice(&n_forms.to_le_bytes());
    }
    for &(start, len, entry, first_len, next) in &forms {
        bytes.extend_from_slice(&start.to_le_bytes());
        bytes.extend_from_slice(&len.to_le_bytes());
        bytes.extend_from_slice(&entry.to_le_bytes());
        bytes.extend_from_slice(&first_len.to_le_bytes());
        bytes.extend_from_slice(&next.to_le_bytes());
    }
    for &(head, fp) in &table {
        bytes.extend_from_slice(&head.to_le_bytes());
        bytes.extend_from_slice(&fp.to_le_bytes());
    }
    for f in &follow {
        bytes.extend_from_slice(&f.to_le_bytes());
    }
    for b in &bloom {
        bytes.extend_from_slice(&b.to_le_bytes());
    }
    bytes.extend(ascii_first_words(&table, |fi| {
        let f = &forms[fi as usize];
        &data[f.0 as usize..f.0 as usize + f.3 as usize]
    }));
    person_words.sort_unstable();
    person_words.dedup();
    Ok(Tables {
        bytes,
        person_words: person_words.join("\n"),
    })
}
