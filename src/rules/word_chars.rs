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
/// character that does not follow one. ASCII text is read 64 bytes at a time
/// from a bitmap of its word bytes; other text a character at a time.
pub fn for_each_word_start(text: &str, mut f: impl FnMut(usize)) {
    let bytes = text.as_bytes();
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(block) = bytes.get(i..i + 64) {
            if let Some(word) = ascii_word_bits(block, true) {
                let mut starts = word & !(word << 1 | u64::from(in_word));
                while starts != 0 {
                    f(i + starts.trailing_zeros() as usize);
                    starts &= starts - 1;
                }
                in_word = word >> 63 != 0;
                i += 64;
                continue;
            }
        }
        // A character at a time to the first character boundary 64 bytes on
        // (or the end): `i` is on a character boundary at every step.
        let end = (i + 64).min(bytes.len());
        while i < end {
            let (word, len) = match ASCII_WORD.get(usize::from(bytes[i])) {
                Some(&word) => (word, 1),
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
}

/// Bit `k` set when `block[k]` is an ASCII letter or digit, or `_` when
/// `underscore` (the word bytes of [`is_word_char`]); `None` unless the block is
/// 64 ASCII bytes.
#[inline]
pub fn ascii_word_bits(block: &[u8], underscore: bool) -> Option<u64> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = LO * 0x80;
    // Bytes >= c get their high bit set (no carries between bytes below 0x80).
    let ge = |x: u64, c: u8| x.wrapping_add(LO * u64::from(0x80 - c)) & HI;
    let mut bits = 0u64;
    let mut high = 0u64;
    for (k, chunk) in block.chunks_exact(8).enumerate() {
        let mut b = [0u8; 8];
        b.copy_from_slice(chunk);
        let x = u64::from_le_bytes(b);
        high |= x;
        let x = x & !HI;
        let digit = ge(x, b'0') & !ge(x, b'9' + 1);
        let folded = x | (LO * 0x20);
        let letter = ge(folded, b'a') & !ge(folded, b'z' + 1);
        let mut word = digit | letter;
        if underscore {
            word |= ge(x, b'_') & !ge(x, b'_' + 1);
        }
        // The high bit of each byte, gathered into the low byte: bit 7 of byte j to bit j.
        let byte_bits = (word >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        bits |= byte_bits << (8 * k);
    }
    (high & HI == 0).then_some(bits)
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

    /// Long texts, read in 64-byte blocks: words across block edges, every ASCII
    /// byte at every offset, and non-ASCII characters at and across block edges.
    #[test]
    fn word_starts_of_long_texts_agree_with_their_definition() {
        let ascii: String = (0u8..128).map(char::from).collect();
        let mut texts = vec![ascii.repeat(3)];
        for shift in 0..70 {
            let pad = "x".repeat(shift);
            texts.push(format!("{pad} {}", "word_12 ab-cd e".repeat(12)));
            texts.push(format!("{pad}é{}Ω東 {}", "a".repeat(63), "b c ".repeat(40)));
            texts.push(format!(
                "{pad}{}",
                "naïve café’s l'été — Élysée_2 ".repeat(8)
            ));
        }
        for text in &texts {
            let mut found = Vec::new();
            for_each_word_start(text, |i| found.push(i));
            assert_eq!(found, word_starts_simply(text), "{text:?}");
        }
    }

    #[test]
    fn ascii_word_bits_agree_with_is_word_char() {
        for offset in 0..64 {
            for b in 0..128u8 {
                let mut block = [b' '; 64];
                block[offset] = b;
                let bits = ascii_word_bits(&block, true).unwrap();
                assert_eq!(bits >> offset & 1 == 1, is_word_char(char::from(b)), "{b}");
                assert_eq!(bits & !(1 << offset), 0);
                let alnum = ascii_word_bits(&block, false).unwrap();
                assert_eq!(alnum >> offset & 1 == 1, b.is_ascii_alphanumeric(), "{b}");
            }
        }
        let mut block = [b'a'; 64];
        block[9] = 0xc3;
        assert_eq!(ascii_word_bits(&block, true), None);
    }
}
