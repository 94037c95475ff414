//! Word characters, and where words start: a phrase that begins with a word
//! character is only reported where a word starts, so it is only sought there.

/// Whether `c` continues a word (so a match next to it is not on a word boundary).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// [`is_word_char`] of each ASCII byte.
const ASCII_WORD: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

/// Calls `f` with the byte offset of every word start in `text`: every word
/// character that does not follow one.
pub fn for_each_word_start(text: &str, mut f: impl FnMut(usize)) {
    let bytes = text.as_bytes();
    let mut in_word = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (word, len) = match ASCII_WORD.get(usize::from(b)) {
            Some(&word) => (word, 1),
            // `i` is on a character boundary: every step is a whole character.
            None => match text.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) => (is_word_char(c), c.len_utf8()),
                None => return,
            },
        };
        if word && !in_word {
            f(i);
        }
        in_word = word;
        i += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Word starts by the definition: a word character whose previous
    /// character (if any) is not one.
    fn word_starts_simply(text: &str) -> Vec<usize> {
        text.char_indices()
            .filter(|&(i, c)| {
                is_word_char(c) && !text[..i].chars().next_back().is_some_and(is_word_char)
            })
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn the_ascii_table_agrees_with_is_word_char() {
        for b in 0..128u8 {
            assert_eq!(ASCII_WORD[b as usize], is_word_char(b as char), "{b}");
        }
    }

    #[test]
    fn word_starts_agree_with_their_definition() {
        let texts = [
            "",
            "a",
            " The coalition-led talks, don't/don’t; L’OPÉRATION\nÉlysée_2 x",
            "naïve café's 3rd—Ωmega ßtraße 東京 tōkyō\u{301}x l'été\r\n\tÀ",
            "__init__ e-mail 42nd \u{0}NUL\u{0}x",
        ];
        for text in texts {
            let mut found = Vec::new();
            for_each_word_start(text, |i| found.push(i));
            assert_eq!(found, word_starts_simply(text), "{text:?}");
        }
    }
}
