//! Word scanning shared by the name detectors (casing, title case, pronoun gender):
//! word tokens, sentence starts, identifiers, case shapes. Nothing here allocates.

/// Whether a word at the start of the line after `prev` (the text before a line break)
/// starts a sentence: the last line of `prev` is empty, short or ends with punctuation.
fn starts_after_line(prev: &str) -> bool {
    // The last line's end without trailing white space; its start is looked for only
    // near that end (a long line need not be searched).
    let trimmed = prev.trim_end_matches(|c: char| c != '\n' && c.is_whitespace());
    let Some(last) = trimmed.chars().next_back().filter(|&c| c != '\n') else {
        return true;
    };
    if matches!(
        last,
        '.' | '!' | '?' | ':' | ';' | '"' | '”' | '’' | ')' | '…'
    ) {
        return true;
    }
    let near_end = &trimmed.as_bytes()[trimmed.len().saturating_sub(SHORT_LINE)..];
    trimmed.len() < SHORT_LINE || near_end.contains(&b'\n')
}

/// Whether `c` belongs to a word token (letters and digits).
#[inline]
fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// The char starting at byte `i` of `text` (which must be a char boundary).
#[inline]
fn char_at(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        b as char
    } else {
        text[i..].chars().next().unwrap_or(' ')
    }
}

/// Iterator over word tokens: maximal runs of letters and digits, as byte ranges.
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
}

/// Word tokens of `text` from byte `from` (a char boundary).
pub fn words_from(text: &str, from: usize) -> Words<'_> {
    Words { text, pos: from }
}

/// Word tokens of `text`.
pub fn words(text: &str) -> Words<'_> {
    words_from(text, 0)
}

/// ASCII bytes that belong to words (letters and digits).
static ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    #[inline]
    fn next(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let len = bytes.len();
        let mut pos = self.pos;
        // Skip separators; ASCII bytes decide by table lookup without decoding.
        loop {
            while pos < len && bytes[pos] < 0x80 && !ASCII_WORD[bytes[pos] as usize] {
                pos += 1;
            }
            if pos >= len {
                self.pos = len;
                return None;
            }
            if bytes[pos] < 0x80 {
                break;
            }
            let c = char_at(self.text, pos);
            if is_word(c) {
                break;
            }
            pos += c.len_utf8();
        }
        let start = pos;
        loop {
            while pos < len && bytes[pos] < 0x80 && ASCII_WORD[bytes[pos] as usize] {
                pos += 1;
            }
            if pos >= len || bytes[pos] < 0x80 {
                break;
            }
            let c = char_at(self.text, pos);
            if !is_word(c) {
                break;
            }
            pos += c.len_utf8();
        }
        self.pos = pos;
        Some((start, pos))
    }
}

/// The next word token from `from` that starts with an uppercase letter, found by a
/// byte scan that skips everything else without tokenizing it.
pub fn next_capitalised(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        let upper = if b < 0x80 {
            b.is_ascii_uppercase()
        } else if b >= 0xC0 {
            let c = char_at(text, i);
            if !c.is_uppercase() {
                i += c.len_utf8();
                continue;
            }
            true
        } else {
            false
        };
        if upper {
            let starts_word = text[..i].chars().next_back().is_none_or(|p| !is_word(p));
            if starts_word {
                return words_from(text, i).next();
            }
        }
        i += 1;
        while i < bytes.len() && (bytes[i] & 0xC0) == 0x80 {
            i += 1;
        }
    }
    None
}

/// Characters that may open a sentence before its first word (quotes, brackets, bullets).
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '“'
            | '‘'
            | '\''
            | '('
            | '['
            | '{'
            | '«'
            | '‹'
            | '*'
            | '_'
            | '-'
            | '–'
            | '—'
            | '•'
            | '#'
            | '>'
            | '¿'
            | '¡'
            | '„'
            | '‚'
    )
}

/// Lines shorter than this that end without punctuation are taken as headings, bylines
/// or list items: the next line starts a sentence.
const SHORT_LINE: usize = 50;

/// Whether the word starting at `start` begins a sentence (or a heading, list item, line
/// after a short line, text after a colon). Hard-wrapped prose continues across a line
/// break when the previous line is long and ends inside the sentence.
pub fn is_sentence_start(text: &str, start: usize) -> bool {
    let before = &text[..start];
    for (i, c) in before.char_indices().rev() {
        if c == '\n' {
            return starts_after_line(&before[..i]);
        }
        if c.is_whitespace() || is_opener(c) {
            continue;
        }
        return matches!(c, '.' | '!' | '?' | ':' | '…' | '|');
    }
    true
}

/// Whether the token `start..end` is part of an identifier, URL, path, e-mail address,
/// file name, hashtag or handle rather than running text.
pub fn in_identifier(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    if let Some(p) = before {
        if matches!(p, '@' | '#' | '_' | '$' | '`' | '<') {
            return true;
        }
        if matches!(p, '.' | '/' | '\\' | ':' | '=' | '~') {
            let pp = text[..start - p.len_utf8()].chars().next_back();
            if pp.is_some_and(is_word) {
                return true;
            }
        }
    }
    if let Some(n) = text[end..].chars().next() {
        if matches!(n, '_' | '@' | '`' | '(' | '>' | '$') {
            return true;
        }
        if matches!(n, '.' | '/' | '\\' | ':' | '=') {
            let nn = text[end + n.len_utf8()..].chars().next();
            if nn.is_some_and(is_word) {
                return true;
            }
        }
    }
    false
}

/// Case shape of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordCase {
    /// No uppercase letter.
    Lower,
    /// First letter uppercase, the rest lowercase ("Kyiv").
    Capitalised,
    /// Every letter uppercase, two letters or more ("NATO").
    Upper,
    /// Anything else ("iPhone", "McDonald", "AfD").
    Mixed,
}

/// The case shape of a word (letters only are considered).
pub fn word_case(word: &str) -> WordCase {
    let mut letters = 0usize;
    let mut upper = 0usize;
    let mut first_upper = false;
    let mut later_upper = false;
    for c in word.chars() {
        if !c.is_alphabetic() {
            continue;
        }
        let u = c.is_uppercase();
        if letters == 0 {
            first_upper = u;
        } else if u {
            later_upper = true;
        }
        letters += 1;
        upper += usize::from(u);
    }
    if upper == 0 {
        WordCase::Lower
    } else if letters >= 2 && upper == letters {
        WordCase::Upper
    } else if first_upper && !later_upper {
        WordCase::Capitalised
    } else {
        WordCase::Mixed
    }
}

/// Whether `a` and `b` are the same word ignoring case (ASCII fast path).
pub fn eq_ignore_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// FNV-1a, for small hash sets and maps of words (SipHash is slow on short keys and
/// these keys come from rule files and the document, not from an attacker who gains
/// anything by collisions).
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Builds [`Fnv`] hashers.
pub type FnvBuild = std::hash::BuildHasherDefault<Fnv>;

/// A set of words looked up ignoring case (stored lowercase).
#[derive(Debug, Default, Clone)]
pub struct WordSet {
    words: std::collections::HashSet<Box<str>, FnvBuild>,
    max_len: usize,
}

impl WordSet {
    /// The set of `words`, lowercased.
    pub fn new<S: AsRef<str>>(words: &[S]) -> WordSet {
        let words: std::collections::HashSet<Box<str>, FnvBuild> = words
            .iter()
            .map(|w| w.as_ref().to_lowercase().into_boxed_str())
            .collect();
        let max_len = words.iter().map(|w| w.len()).max().unwrap_or(0);
        WordSet { words, max_len }
    }

    /// Whether `word` (any case) is in the set; no allocation for ASCII words.
    pub fn contains(&self, word: &str) -> bool {
        if word.len() > self.max_len {
            return false;
        }
        let mut buf = [0u8; 64];
        if word.is_ascii() && word.len() <= buf.len() {
            for (b, w) in buf.iter_mut().zip(word.bytes()) {
                *b = w.to_ascii_lowercase();
            }
            std::str::from_utf8(&buf[..word.len()]).is_ok_and(|w| self.words.contains(w))
        } else {
            self.words.contains(word.to_lowercase().as_str())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_on_punctuation_and_keep_accents() {
        let t = "Kyiv-based «Élysée» don’t 2025";
        let w: Vec<&str> = words(t).map(|(s, e)| &t[s..e]).collect();
        assert_eq!(w, ["Kyiv", "based", "Élysée", "don", "t", "2025"]);
    }

    #[test]
    fn sentence_starts() {
        let t = "He left. “Kyiv said so: Ukraine wins";
        assert!(is_sentence_start(t, 0));
        assert!(is_sentence_start(t, t.find("Kyiv").unwrap()));
        assert!(is_sentence_start(t, t.find("Ukraine").unwrap()));
        assert!(!is_sentence_start(t, t.find("said").unwrap()));
        let wrapped = "This is a long line of hard-wrapped prose that goes on and on\nUkraine";
        assert!(!is_sentence_start(
            wrapped,
            wrapped.find("Ukraine").unwrap()
        ));
        let heading = "Cnn\n–\nUS Secretary";
        assert!(is_sentence_start(heading, heading.find("US").unwrap()));
    }

    /// [`is_sentence_start`] reading the whole line before a line break.
    fn is_sentence_start_simple(text: &str, start: usize) -> bool {
        let before = &text[..start];
        for (i, c) in before.char_indices().rev() {
            if c == '\n' {
                let line = before[..i].rsplit('\n').next().unwrap_or("").trim_end();
                return match line.chars().next_back() {
                    None => true,
                    Some(last) => {
                        line.len() < SHORT_LINE
                            || matches!(
                                last,
                                '.' | '!' | '?' | ':' | ';' | '"' | '”' | '’' | ')' | '…'
                            )
                    }
                };
            }
            if c.is_whitespace() || is_opener(c) {
                continue;
            }
            return matches!(c, '.' | '!' | '?' | ':' | '…' | '|');
        }
        true
    }

    #[test]
    fn sentence_starts_after_line_breaks() {
        let long = "This is a long line of hard-wrapped prose that goes on";
        let mut texts = vec![
            format!("{long} and on\nUkraine"),
            "\nKyiv\n \t\nNATO".to_string(),
        ];
        for n in 44..56 {
            for end in ["", " ", "\t ", ".", "”", "é", " \r", "\u{2003}"] {
                let line = "x".repeat(n);
                texts.push(format!(
                    "{line}{end}\nKyiv\n{end}{line}\n  (Paris) said\r\nNATO"
                ));
                texts.push(format!("a\n{line}{end}\n\nKyiv \n  \n{long}\n“Rome"));
            }
        }
        for t in &texts {
            for (s, _) in words(t) {
                assert_eq!(
                    is_sentence_start(t, s),
                    is_sentence_start_simple(t, s),
                    "{t:?} at {s}"
                );
            }
        }
    }

    #[test]
    fn identifiers() {
        let t = "see cnn.com, @nato, #ukraine, kyiv_post, file.pdf and kyiv.";
        let at = |w: &str| t.find(w).unwrap();
        assert!(in_identifier(t, at("cnn"), at("cnn") + 3));
        assert!(in_identifier(t, at("nato"), at("nato") + 4));
        assert!(in_identifier(t, at("ukraine"), at("ukraine") + 7));
        assert!(in_identifier(t, at("kyiv_"), at("kyiv_") + 4));
        assert!(in_identifier(t, at("pdf"), at("pdf") + 3));
        let k = t.rfind("kyiv").unwrap();
        assert!(!in_identifier(t, k, k + 4));
    }

    #[test]
    fn case_shapes() {
        assert_eq!(word_case("kyiv"), WordCase::Lower);
        assert_eq!(word_case("Kyiv"), WordCase::Capitalised);
        assert_eq!(word_case("NATO"), WordCase::Upper);
        assert_eq!(word_case("AfD"), WordCase::Mixed);
        assert_eq!(word_case("I"), WordCase::Capitalised);
        assert_eq!(word_case("Élysée"), WordCase::Capitalised);
    }
}
