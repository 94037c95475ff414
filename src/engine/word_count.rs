//! Counting the words of a text for the report's statistics.

use super::detectors::block_bits::word_bits;
use super::detectors::words::swar;

/// Counts words (runs of letters, digits and apostrophes).
///
/// ASCII text is read 64 bytes at a time from a bitmap of its word bytes (word
/// starts are word bytes not after one); blocks with other characters eight ASCII
/// bytes or one decoded character a step.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(block) = bytes.get(i..).and_then(<[u8]>::first_chunk::<64>) {
            let bits = word_bits(block);
            if bits.non_ascii == 0 {
                let starts = bits.word & !(bits.word << 1 | u64::from(in_word));
                words += starts.count_ones() as usize;
                in_word = bits.word >> 63 != 0;
                i += 64;
                continue;
            }
        }
        // A block with other characters, or the last bytes (a character may reach
        // past the block).
        let end = (i + 64).min(bytes.len());
        while i < end {
            let (n, last, len) = count_at(text, i, in_word);
            words += n;
            in_word = last;
            i += len;
        }
    }
    words
}

/// At `i`: the number of words starting in the next step (eight ASCII bytes or one
/// character), whether the step ends on a word byte, and the step's length.
#[inline]
fn count_at(text: &str, i: usize, in_word: bool) -> (usize, bool, usize) {
    let bytes = text.as_bytes();
    if let Some(eight) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let x = u64::from_le_bytes(*eight);
        if swar::non_ascii(x) == 0 {
            let mask = swar::letters(x) | swar::digits(x) | swar::equal(x, b'\'');
            let starts = mask & !((mask << 8) | u64::from(in_word) << 7);
            return (swar::count(starts), mask >> 63 != 0, 8);
        }
    }
    let b = bytes[i];
    // Other characters are decoded.
    let (word, len) = if b.is_ascii() {
        (b.is_ascii_alphanumeric() || b == b'\'', 1)
    } else {
        let c = text[i..].chars().next().unwrap_or(' ');
        (c.is_alphanumeric() || c == '’', c.len_utf8())
    };
    (usize::from(word && !in_word), word, len)
}

#[cfg(test)]
mod tests {
    use super::count_words;

    /// Words counted a character at a time.
    fn count_simple(text: &str) -> usize {
        let mut words = 0;
        let mut prev = false;
        for c in text.chars() {
            let word = c.is_alphanumeric() || c == '\'' || c == '’';
            words += usize::from(word && !prev);
            prev = word;
        }
        words
    }

    #[test]
    fn counts_words_in_any_script() {
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("It’s 3 o'clock -- in Kyiv."), 5);
        assert_eq!(count_words("Ça coûte 12,50 € à Zürich"), 6);
        assert_eq!(count_words("  «Привет», сказал он  "), 3);
        // Words across the eight-byte steps and next to non-ASCII characters.
        assert_eq!(
            count_words("abcdefgh ijklmnop qrstuvw xyz’s 1234567 Ωmega x"),
            7
        );
        assert_eq!(count_words("aaaaaaaabbbbbbbb"), 1);
        assert_eq!(count_words("a a a a a a a a a a a a"), 12);
        assert_eq!(count_words("éééé aaaaaaaaaa é aaaaaaaaa"), 4);
        // The eight-byte steps agree with a character scan at every offset.
        let text = "Don't stop: it’s 12:30 in Zürich -- «Привет», O'Brien\nsaid; \
                    abcdefghijklmnop x1y2z3 '' ' a'b`c@d[e{f";
        for (i, _) in text.char_indices() {
            let t = &text[i..];
            assert_eq!(count_words(t), count_simple(t), "{t}");
        }
    }

    /// The 64-byte blocks agree with a character scan: words across block edges,
    /// blocks of one word, blocks with and next to other characters, every byte.
    #[test]
    fn blocks_agree_with_a_character_scan() {
        let ascii = "The allies' talks in New York, 2025: don't stop\n\ta_b@c.d x1y2 ";
        let other = "Ça coûte 12,50 € à Zürich; it’s «Привет» O’Brien\u{a0}naïve ";
        let all: String = (0u8..0x80).map(char::from).collect();
        let mut texts = vec![
            String::new(),
            "a".repeat(64),
            "a".repeat(200),
            "'".repeat(130),
            " ".repeat(64) + "x",
            all.repeat(3),
            "é".repeat(100) + &"b".repeat(100),
        ];
        for shift in 0..70 {
            let pad = "y".repeat(shift);
            texts.push(pad.clone() + &ascii.repeat(5));
            texts.push(pad.clone() + " " + &other.repeat(4));
            texts.push(pad.clone() + &ascii.repeat(2) + other + &ascii.repeat(3));
            texts.push(pad + "é" + &"z".repeat(130) + "’" + &all);
        }
        for t in &texts {
            assert_eq!(count_words(t), count_simple(t), "{t:?}");
        }
    }
}
