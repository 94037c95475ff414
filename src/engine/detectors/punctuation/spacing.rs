//! Spacing and quotation marks: spaces before `; : ! ?` (French typography),
//! spaces inside quotation marks, guillemets.

use serde::Deserialize;

use super::{candidate, char_at, char_before, is_space, may_end_space, run_end, run_start, Finder};
use crate::engine::detectors::{parse_params, Detector};
use crate::engine::Candidate;

/// `space-before-punctuation`: "He said : no" → "He said: no".
pub struct SpaceBefore {
    /// The marks: rare in prose, so a scan for them skips most of the text,
    /// where a scan for a space and a mark stops at every space.
    marks: Finder,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpaceBeforeParams {
    /// The marks that take no space before them in English.
    #[serde(default = "default_marks")]
    marks: String,
}

fn default_marks() -> String {
    ";:!?".into()
}

impl SpaceBefore {
    /// Builds the detector from its YAML parameters.
    pub fn build(params: &serde_yaml::Value) -> Result<Self, String> {
        let p: SpaceBeforeParams = parse_params(params)?;
        let marks: Vec<char> = p.marks.chars().filter(|c| !c.is_whitespace()).collect();
        if marks.is_empty() {
            return Err("`marks` must list at least one punctuation mark".into());
        }
        Ok(SpaceBefore {
            marks: Finder::chars(&marks),
        })
    }
}

impl Detector for SpaceBefore {
    fn find(&self, text: &str, rule: usize, out: &mut Vec<Candidate>) {
        let bytes = text.as_bytes();
        for (m, mark) in self.marks.find_iter(text) {
            // Most marks follow a letter: no space run to look at.
            if m == 0 || !may_end_space(bytes[m - 1]) {
                continue;
            }
            let space = run_start(text, m, is_space);
            if space == m {
                continue;
            }
            // The mark must close a word ("said :", "“oui” :"), not start a line, a
            // ratio ("3 : 1") or an emoticon (" :)", " ;-)", " :D").
            let Some(prev) = char_before(text, space) else {
                continue;
            };
            if !(prev.is_alphanumeric() || matches!(prev, '”' | '’' | '"' | '»' | ')' | ']')) {
                continue;
            }
            let next = char_at(text, m + mark.len());
            let ends = match next {
                None => true,
                Some(c) => c.is_whitespace() || matches!(c, '”' | '»' | '"' | '!' | '?'),
            };
            if !ends {
                continue;
            }
            let after = text[m + mark.len()..].trim_start_matches(is_space);
            if prev.is_ascii_digit() && after.starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let word = run_start(text, space, |c| !c.is_whitespace());
            out.push(candidate(
                rule,
                word,
                m + mark.len(),
                format!("{}{mark}", &text[word..space]),
            ));
        }
    }
}

/// `space-after-opening-quote`: `" We can pay` → `"We can pay` (and `“ We`).
pub struct SpaceAfterQuote {
    quotes: Finder,
}

impl SpaceAfterQuote {
    /// Builds the detector (no parameters).
    pub fn build(params: &serde_yaml::Value) -> Result<Self, String> {
        let _: super::NoParams = parse_params(params)?;
        Ok(SpaceAfterQuote {
            quotes: Finder::chars(&['"', '“']),
        })
    }
}

impl Detector for SpaceAfterQuote {
    fn find(&self, text: &str, rule: usize, out: &mut Vec<Candidate>) {
        for (q, quote) in self.quotes.find_iter(text) {
            // An opening quote: at a line start or after a space or bracket…
            let opens =
                char_before(text, q).is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '['));
            let after = q + quote.len();
            let word = run_end(text, after, |c| c == ' ' || c == '\u{a0}');
            // …followed by spaces, then a word on the same line.
            if !opens || word == after || !char_at(text, word).is_some_and(char::is_alphanumeric) {
                continue;
            }
            // A straight quote opens when an even number of them precede it on its line.
            if quote == "\"" {
                let line = text[..q].rfind('\n').map_or(0, |i| i + 1);
                if !text[line..q].matches('"').count().is_multiple_of(2) {
                    continue;
                }
            }
            let end = run_end(text, word, char::is_alphanumeric);
            out.push(candidate(
                rule,
                q,
                end,
                format!("{quote}{}", &text[word..end]),
            ));
        }
    }
}

/// `guillemets`: « text » → “text”.
pub struct Guillemets {
    open: String,
    close: String,
    single_open: String,
    single_close: String,
    max_length: usize,
    marks: Finder,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GuillemetsParams {
    #[serde(default = "default_open")]
    open: String,
    #[serde(default = "default_close")]
    close: String,
    #[serde(default = "default_single_open")]
    single_open: String,
    #[serde(default = "default_single_close")]
    single_close: String,
    /// Longest quotation (bytes) reported as one span; longer ones report each mark.
    #[serde(default = "default_max_length")]
    max_length: usize,
}

fn default_open() -> String {
    "“".into()
}
fn default_close() -> String {
    "”".into()
}
fn default_single_open() -> String {
    "‘".into()
}
fn default_single_close() -> String {
    "’".into()
}
fn default_max_length() -> usize {
    300
}

impl Guillemets {
    /// Builds the detector from its YAML parameters.
    pub fn build(params: &serde_yaml::Value) -> Result<Self, String> {
        let p: GuillemetsParams = parse_params(params)?;
        Ok(Guillemets {
            open: p.open,
            close: p.close,
            single_open: p.single_open,
            single_close: p.single_close,
            max_length: p.max_length,
            marks: Finder::chars(&['«', '»', '‹', '›']),
        })
    }
}

impl Detector for Guillemets {
    fn find(&self, text: &str, rule: usize, out: &mut Vec<Candidate>) {
        let mut done = 0;
        for (i, g) in self.marks.find_iter(text) {
            if i < done {
                continue;
            }
            let double = matches!(g, "«" | "»");
            let (open, close) = if double {
                (&self.open, &self.close)
            } else {
                (&self.single_open, &self.single_close)
            };
            // « … » (French) or » … « (German): the partner is the other mark.
            let partner = match g {
                "«" => '»',
                "»" => '«',
                "‹" => '›',
                _ => '‹',
            };
            let rest = &text[i + g.len()..];
            let limit = crate::document::floor_char_boundary(rest, self.max_length.min(rest.len()));
            let paired = rest[..limit]
                .find(partner)
                .filter(|&j| !rest[..j].contains("\n\n"));
            match paired {
                Some(j) => {
                    let inner = rest[..j].trim_matches(is_space);
                    let end = i + g.len() + j + partner.len_utf8();
                    out.push(candidate(rule, i, end, format!("{open}{inner}{close}")));
                    done = end;
                }
                None => {
                    // A lone mark: opening if a word follows it.
                    let opens = rest
                        .trim_start_matches(is_space)
                        .starts_with(char::is_alphanumeric);
                    let end = i + g.len() + (rest.len() - rest.trim_start_matches(is_space).len());
                    let (start, end, with) = if opens {
                        (i, end, open.clone())
                    } else {
                        (run_start(text, i, is_space), i + g.len(), close.clone())
                    };
                    out.push(candidate(rule, start, end, with));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::detectors::punctuation::testing::{run, yaml};

    #[test]
    fn space_before_punctuation() {
        let d = SpaceBefore::build(&yaml("{}")).unwrap();
        assert_eq!(
            run(&d, "He said : no ! Really ? Yes ; fine"),
            [
                ("said :".into(), "said:".into()),
                ("no !".into(), "no!".into()),
                ("Really ?".into(), "Really?".into()),
                ("Yes ;".into(), "Yes;".into()),
            ]
        );
        assert_eq!(run(&d, "« oui\u{202f}»\u{a0}?")[0].1, "»?");
        for clean in [
            "Nice :) and ;-) and :D",
            "a ratio of 3 : 1 at 10 : 30",
            ": a line that starts with a colon",
            "Time: 10:30; see http://example.com?a=1",
            "| :--- | ---: |",
        ] {
            assert_eq!(run(&d, clean), [], "{clean}");
        }
    }

    #[test]
    fn space_after_opening_quote() {
        let d = SpaceAfterQuote::build(&yaml("{}")).unwrap();
        assert_eq!(
            run(&d, "winter. \" We can pay now,\" said. “ It works”"),
            [
                ("\" We".into(), "\"We".into()),
                ("“ It".into(), "“It".into())
            ]
        );
        for clean in [
            "He said \"We can\" and \"they \" left",
            "a 5\" screen and 6 \" 7",
            "\"quoted\" text",
        ] {
            assert_eq!(run(&d, clean), [], "{clean}");
        }
    }

    #[test]
    fn guillemets() {
        let d = Guillemets::build(&yaml("{}")).unwrap();
        assert_eq!(
            run(&d, "the « coalition of wishes » met"),
            [(
                "« coalition of wishes »".into(),
                "“coalition of wishes”".into()
            )]
        );
        assert_eq!(run(&d, "»Ja«")[0].1, "“Ja”");
        assert_eq!(run(&d, "a ‹ b › c")[0].1, "‘b’");
        assert_eq!(run(&d, "he said « yes")[0], ("« ".into(), "“".into()));
        assert_eq!(run(&d, "plain “quotes” here"), []);
    }
}
