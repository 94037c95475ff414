//! Numbers written the continental way: decimal commas, a space before `%`.

use super::{candidate, char_at, char_before, is_space, run_end, run_start, NoParams};
use crate::engine::detectors::{parse_params, Detector};
use crate::engine::Candidate;

/// `decimal-comma`: "2,5 times" → "2.5 times" (not "2,500").
pub struct DecimalComma;

impl DecimalComma {
    /// Builds the detector (no parameters).
    pub fn build(params: &serde_yaml::Value) -> Result<Self, String> {
        let _: NoParams = parse_params(params)?;
        Ok(DecimalComma)
    }
}

impl Detector for DecimalComma {
    fn find(&self, text: &str, rule: usize, out: &mut Vec<Candidate>) {
        let digit = |c: char| c.is_ascii_digit();
        let bytes = text.as_bytes();
        for c in memchr::memchr_iter(b',', bytes) {
            // Digits on both sides, or no number (digits are ASCII: the bytes next
            // to the comma are whole characters).
            if c == 0
                || !bytes[c - 1].is_ascii_digit()
                || !bytes.get(c + 1).is_some_and(u8::is_ascii_digit)
            {
                continue;
            }
            let start = run_start(text, c, digit);
            let end = run_end(text, c + 1, digit);
            let (int, frac) = (&text[start..c], &text[c + 1..end]);
            // Thousands separators group three digits; lists ("1,2,3") and other
            // groupings ("1,00,000") have more commas or points around the number.
            let grouped = |ch: Option<char>| {
                ch.is_some_and(|ch| matches!(ch, ',' | '.') || ch.is_alphanumeric() || ch == '_')
            };
            if grouped(char_before(text, start)) {
                continue;
            }
            // A point after the number may end the sentence, but "2,5.1" is a version.
            let after = char_at(text, end);
            let sentence_end = after == Some('.') && !char_at(text, end + 1).is_some_and(digit);
            let continues =
                after.is_some_and(|ch| matches!(ch, ',' | '.' | '_') || ch.is_ascii_digit());
            if continues && !sentence_end {
                continue;
            }
            let decimal = frac.len() <= 2 || (int == "0" && frac.len() == 3);
            if !decimal || int.len() > 1 && int.starts_with('0') {
                continue;
            }
            out.push(candidate(rule, start, end, format!("{int}.{frac}")));
        }
    }
}

/// `percent-space`: "22 %" → "22%".
pub struct PercentSpace;

impl PercentSpace {
    /// Builds the detector (no parameters).
    pub fn build(params: &serde_yaml::Value) -> Result<Self, String> {
        let _: NoParams = parse_params(params)?;
        Ok(PercentSpace)
    }
}

impl Detector for PercentSpace {
    fn find(&self, text: &str, rule: usize, out: &mut Vec<Candidate>) {
        for p in memchr::memchr_iter(b'%', text.as_bytes()) {
            let space = run_start(text, p, is_space);
            if space == p || !char_before(text, space).is_some_and(|c| c.is_ascii_digit()) {
                continue;
            }
            // "x % 3" is arithmetic, not a percentage.
            let after = text[p + 1..].trim_start_matches(is_space);
            if after.starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let number = run_start(text, space, |c| c.is_ascii_digit() || c == '.' || c == ',');
            out.push(candidate(
                rule,
                number,
                p + 1,
                format!("{}%", &text[number..space]),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::detectors::punctuation::testing::{run, yaml};

    #[test]
    fn decimal_comma() {
        let d = DecimalComma::build(&yaml("{}")).unwrap();
        assert_eq!(
            run(&d, "almost 2,5 times, 0,125 and 12,75%."),
            [
                ("2,5".into(), "2.5".into()),
                ("0,125".into(), "0.125".into()),
                ("12,75".into(), "12.75".into()),
            ]
        );
        for clean in [
            "2,500 people and 1,000,000 euros",
            "items 1,2,3 and 1,00,000 rupees",
            "In 2019, 5 people; x2,5 and 3.1,4",
            "version 2,5.1",
        ] {
            assert_eq!(run(&d, clean), [], "{clean}");
        }
    }

    #[test]
    fn percent_space() {
        let d = PercentSpace::build(&yaml("{}")).unwrap();
        assert_eq!(
            run(&d, "rose 22 % and 3,5\u{a0}% (or 1.5 %)."),
            [
                ("22 %".into(), "22%".into()),
                ("3,5\u{a0}%".into(), "3,5%".into()),
                ("1.5 %".into(), "1.5%".into()),
            ]
        );
        assert_eq!(run(&d, "22% and x % 3 and 10 % 3"), []);
    }
}
