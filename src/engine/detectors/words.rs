//! Splitting prose into word tokens for the word-level detectors.
//!
//! Text is cut at whitespace into chunks; a chunk that looks technical (URL,
//! e-mail, @handle, #hashtag, path, code, abbreviation with inner dots) is one
//! non-plain token, others are trimmed of surrounding punctuation and split at
//! hyphens and dashes. Each token knows whether it starts a sentence and whether
//! only spaces separate it from its neighbours (so a bigram can span them).

/// A word token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
    /// Only letters and inner apostrophes (no digits, symbols or technical chunk).
    pub plain: bool,
    /// First word of a sentence, heading, list item or paragraph.
    pub initial: bool,
    /// Only whitespace separates this token from the previous one.
    pub spaced_before: bool,
    /// Only whitespace separates this token from the next one.
    pub spaced_after: bool,
    /// Part of a hyphenated compound.
    pub hyphenated: bool,
}

/// Iterator over the tokens of a text.
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
    /// Whether the next word starts a sentence.
    boundary: bool,
    /// Whether the last chunk ended on a letter or digit (no trailing punctuation).
    open_end: bool,
    parts: Vec<Token>,
    next_part: usize,
}

/// Abbreviations whose final period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "sen", "rep", "gov", "lt", "col",
    "sgt", "capt", "vs", "no", "fig", "vol", "approx", "inc", "ltd", "co", "corp", "rev", "hon",
    "mt", "ft",
];

impl<'a> Tokens<'a> {
    /// Tokens of `text` from the start.
    pub fn new(text: &'a str) -> Self {
        Tokens::from(text, 0)
    }

    /// Tokens of `text` from byte offset `pos` (a chunk boundary), as if a sentence went on there.
    pub fn from(text: &'a str, pos: usize) -> Self {
        Tokens {
            text,
            pos,
            boundary: pos == 0,
            // Continuing right after a word: the next token may be spaced from it.
            open_end: text[..pos]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric),
            parts: Vec::new(),
            next_part: 0,
        }
    }

    /// Cuts the next chunk into `self.parts`; false at the end of the text.
    fn next_chunk(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        let mut newlines = 0;
        let mut line_start = self.pos == 0;
        // Skip whitespace.
        while self.pos < bytes.len() {
            let b = bytes[self.pos];
            if b == b'\n' {
                newlines += 1;
                line_start = true;
                self.pos += 1;
            } else if b.is_ascii_whitespace() {
                self.pos += 1;
            } else if b >= 0x80 {
                let c = self.text[self.pos..].chars().next().unwrap_or('a');
                if !c.is_whitespace() {
                    break;
                }
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
        if self.pos >= bytes.len() {
            return false;
        }
        if newlines >= 2 {
            self.boundary = true;
            self.open_end = false;
        }
        let start = self.pos;
        while self.pos < bytes.len() {
            let b = bytes[self.pos];
            if b.is_ascii_whitespace() {
                break;
            }
            if b >= 0x80 {
                let c = self.text[self.pos..].chars().next().unwrap_or('a');
                if c.is_whitespace() {
                    break;
                }
                self.pos += c.len_utf8();
            } else {
                self.pos += 1;
            }
        }
        let end = self.pos;
        let chunk = &self.text[start..end];
        self.parts.clear();
        self.next_part = 0;
        let core_start = chunk
            .char_indices()
            .find(|(_, c)| c.is_alphanumeric())
            .map(|(i, _)| i);
        let Some(core_start) = core_start else {
            // Punctuation alone: a bullet or a number sign at a line start opens a sentence.
            if line_start {
                self.boundary = true;
            }
            self.open_end = false;
            return true;
        };
        let core_end = chunk
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphanumeric())
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(chunk.len());
        let core = &chunk[core_start..core_end];
        let initial = self.boundary;
        let spaced_before = core_start == 0 && self.open_end;
        let spaced_after = core_end == chunk.len();
        let lead = &chunk[..core_start];
        if is_technical(core) || lead.ends_with(['#', '@', '$', '/', '\\']) {
            self.parts.push(Token {
                start: start + core_start,
                end: start + core_end,
                plain: false,
                initial,
                spaced_before: false,
                spaced_after: false,
                hyphenated: false,
            });
        } else {
            let mut from = 0;
            let hyphenated = core.contains(is_hyphen);
            for (i, c) in core.char_indices().chain([(core.len(), '-')]) {
                if !is_hyphen(c) {
                    continue;
                }
                let part = &core[from..i];
                if !part.is_empty() {
                    let first = self.parts.is_empty();
                    let last = i == core.len();
                    self.parts.push(Token {
                        start: start + core_start + from,
                        end: start + core_start + i,
                        plain: is_plain(part),
                        initial: initial && first,
                        spaced_before: spaced_before && first,
                        spaced_after: spaced_after && last,
                        hyphenated,
                    });
                }
                from = i + c.len_utf8();
            }
        }
        let tail = chunk[core_end..].trim_end_matches(|c: char| {
            matches!(c, '"' | '\'' | '’' | '”' | '»' | ')' | ']' | '*' | '_')
        });
        self.boundary = match tail.chars().next_back() {
            Some('.') => !is_abbreviation(core),
            Some('!' | '?' | '…' | ':' | ';') => true,
            _ => false,
        };
        self.open_end = spaced_after;
        true
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        loop {
            if let Some(&t) = self.parts.get(self.next_part) {
                self.next_part += 1;
                return Some(t);
            }
            if !self.next_chunk() {
                return None;
            }
        }
    }
}

/// Whether `c` joins the parts of a compound (or a collapsed dash).
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '–' | '—')
}

/// Only letters and apostrophes.
fn is_plain(part: &str) -> bool {
    part.chars()
        .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
}

/// URLs, e-mails, paths, code, numbers with separators, dotted abbreviations.
fn is_technical(core: &str) -> bool {
    core.bytes().any(|b| {
        matches!(
            b,
            b'@' | b'_'
                | b'/'
                | b'\\'
                | b'='
                | b'<'
                | b'>'
                | b'{'
                | b'}'
                | b'|'
                | b'~'
                | b'^'
                | b'`'
                | b'*'
                | b'+'
                | b'#'
                | b'$'
                | b'%'
                | b'&'
                | b':'
                | b'.'
                | b'['
                | b']'
        )
    })
}

fn is_abbreviation(core: &str) -> bool {
    let mut chars = core.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // A single letter: an initial ("J. Smith").
        return c.is_uppercase();
    }
    core.len() <= 6 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(core))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, bool, bool)> {
        Tokens::new(text)
            .map(|t| (&text[t.start..t.end], t.plain, t.initial))
            .collect()
    }

    #[test]
    fn splits_and_marks_sentences() {
        let got = words("He said: “Stop.” Then the well-known Mr. Smith left (at 10.30).");
        let expect = [
            ("He", true, true),
            ("said", true, false),
            ("Stop", true, true),
            ("Then", true, true),
            ("the", true, false),
            ("well", true, false),
            ("known", true, false),
            ("Mr", true, false),
            ("Smith", true, false),
            ("left", true, false),
            ("at", true, false),
            ("10.30", false, false),
        ];
        assert_eq!(got, expect);
    }

    #[test]
    fn technical_chunks_are_not_plain() {
        for t in [
            "https://example.com/a",
            "me@example.org",
            "@handle",
            "#hashtag",
            "e.g.",
            "snake_case",
            "/usr/share",
            "$HOME",
        ] {
            let got = words(t);
            assert!(got.iter().all(|w| !w.1), "{t}: {got:?}");
        }
        assert!(!words("21st")[0].1);
        assert_eq!(words("don’t")[0], ("don’t", true, true));
    }

    #[test]
    fn spacing_between_tokens() {
        let text = "Refronting to Crimea, the Sea-only";
        let t: Vec<_> = Tokens::new(text).collect();
        assert!(t[0].spaced_after && t[1].spaced_before);
        assert!(t[1].spaced_after && t[2].spaced_before);
        assert!(!t[2].spaced_after && !t[3].spaced_before);
        assert!(t[4].hyphenated && !t[4].spaced_after && !t[5].spaced_before);
    }

    #[test]
    fn blank_lines_and_bullets_start_sentences() {
        let got = words("end of it\n\nNext para\n- Item one\nwrapped Line");
        assert!(got[3].2 && got[5].2);
        assert!(!got[8].2, "a wrapped line does not start a sentence");
    }
}
