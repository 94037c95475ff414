//! Punctuation and typography carried over from the source language: dashes
//! collapsed into hyphens, spaces before `; : ! ?`, guillemets, decimal commas,
//! a space before `%`, and doubled words.
//!
//! Each check is its own detector (so each is its own rule with its own
//! parameters); all are single byte scans that only look closer at the few
//! places where the trigger character occurs.

use std::collections::HashSet;

use serde::Deserialize;

use super::words::{is_hyphen, Tokens};
use super::{parse_params, Detector};
use crate::engine::Candidate;

/// Spaces that French typography puts before `; : ! ?` and `%`.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// The character before byte offset `i`.
fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// The character at byte offset `i`.
fn char_at(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// Start of the run of characters satisfying `f` that ends at `end`.
fn run_start(text: &str, end: usize, f: impl Fn(char) -> bool) -> usize {
    text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| f(c))
        .last()
        .map_or(end, |(i, _)| i)
}

/// End of the run of characters satisfying `f` that starts at `start`.
fn run_end(text: &str, start: usize, f: impl Fn(char) -> bool) -> usize {
    text[start..]
        .char_indices()
        .find(|&(_, c)| !f(c))
        .map_or(text.len(), |(i, _)| start + i)
}

/// Whether the word ending at `start` is the first of its sentence.
fn starts_sentence(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '*' | '_')
    });
    before.is_empty()
        || before.ends_with(['.', '!', '?', '…', ':', '\n'])
        || text[before.len()..start].contains("\n\n")
}

fn candidate(rule: usize, start: usize, end: usize, replacement: String) -> Candidate {
    Candidate {
        rule,
        start,
        end,
        suggestions: vec![replacement],
        confidence: None,
    }
}

/// `collapsed-dash`: "the Black Sea-only for the Kremlin" → "the Black Sea – only for …".
pub struct CollapsedDash {
    function_words: HashSet<String>,
    compound_words: HashSet<String>,
    dash: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CollapsedDashParams {
    /// Lowercase words that, joined by a hyphen to a capitalised word, betray a lost dash.
    function_words: Vec<String>,
    /// Function words that also form real compounds ("English-only"): they count
    /// only when the next word is a function word too.
    #[serde(default)]
    compound_words: Vec<String>,
    /// The replacement for the hyphen (default: a spaced en dash).
    #[serde(default = "default_dash")]
    dash: String,
}

fn default_dash() -> String {
    " – ".into()
}

impl CollapsedDash {
    /// Builds the detector from its YAML parameters.
    pub fn build(params: &serde_yaml::Value) -> Result<Self, String> {
        let p: CollapsedDashParams = parse_params(params)?;
        if p.function_words.is_empty() {
            return Err("`function_words` must list at least one word".into());
        }
        let lower = |v: Vec<String>| v.into_iter().map(|w| w.to_lowercase()).collect();
        let function_words: HashSet<String> = lower(p.function_words);
        let compound_words: HashSet<String> = lower(p.compound_words);
        if let Some(w) = compound_words.iter().find(|w| !function_words.contains(*w)) {
            return Err(format!("compound word `{w}` is not in `function_words`"));
        }
        Ok(CollapsedDash {
            function_words,
            compound_words,
            dash: p.dash,
        })
    }
}

impl Detector for CollapsedDash {
    fn find(&self, text: &str, rule: usize, out: &mut Vec<Candidate>) {
        for (h, hyphen) in text.match_indices(['-', '‐']) {
            let left = run_start(text, h, char::is_alphabetic);
            let right = run_end(text, h + hyphen.len(), char::is_alphabetic);
            let (first, second) = (&text[left..h], &text[h + hyphen.len()..right]);
            let mut chars = first.chars();
            let capitalised = chars.next().is_some_and(char::is_uppercase)
                && chars.clone().count() >= 1
                && !chars.any(char::is_uppercase);
            if !capitalised || second.is_empty() || !second.chars().all(char::is_lowercase) {
                continue;
            }
            // Three-part compounds (Stratford-upon-Avon) and words glued to digits or
            // symbols are not collapsed dashes.
            let outer = |c: Option<char>| c.is_some_and(|c| is_hyphen(c) || c.is_alphanumeric());
            if outer(char_before(text, left)) || outer(char_at(text, right)) {
                continue;
            }
            if !self.function_words.contains(second) || starts_sentence(text, left) {
                continue;
            }
            if self.compound_words.contains(second) {
                let next = Tokens::from(text, right).next();
                let next_is_function = next.is_some_and(|t| {
                    t.spaced_before
                        && self
                            .function_words
                            .contains(&text[t.start..t.end].to_lowercase())
                });
                if !next_is_function {
                    continue;
                }
            }
            out.push(candidate(
                rule,
                left,
                right,
                format!("{first}{}{second}", self.dash),
            ));
        }
    }
}

/// `space-before-punctuation`: "He said : no" → "He said: no".
pub struct SpaceBefore {
    marks: Vec<char>,
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
        Ok(SpaceBefore { marks })
    }
}

impl Detector for SpaceBefore {
    fn find(&self, text: &str, rule: usize, out: &mut Vec<Candidate>) {
        for (m, mark) in text.match_indices(&self.marks[..]) {
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

/// `guillemets`: « text » → “text”.
pub struct Guillemets {
    open: String,
    close: String,
    single_open: String,
    single_close: String,
    max_length: usize,
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
        })
    }
}

impl Detector for Guillemets {
    fn find(&self, text: &str, rule: usize, out: &mut Vec<Candidate>) {
        let mut done = 0;
        for (i, g) in text.match_indices(['«', '»', '‹', '›']) {
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

/// `decimal-comma`: "2,5 times" → "2.5 times" (not "2,500").
pub struct DecimalComma;

impl DecimalComma {
    /// Builds the detector (no parameters).
    pub fn build(params: &serde_yaml::Value) -> Result<Self, String> {
        let _: NoParams = parse_params(params)?;
        Ok(DecimalComma)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoParams {}

impl Detector for DecimalComma {
    fn find(&self, text: &str, rule: usize, out: &mut Vec<Candidate>) {
        let digit = |c: char| c.is_ascii_digit();
        for (c, _) in text.match_indices(',') {
            let start = run_start(text, c, digit);
            let end = run_end(text, c + 1, digit);
            let (int, frac) = (&text[start..c], &text[c + 1..end]);
            if int.is_empty() || frac.is_empty() {
                continue;
            }
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
        for (p, _) in text.match_indices('%') {
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

/// `doubled-word`: "the the" → "the" (not "had had", "that that").
pub struct DoubledWord {
    allow: HashSet<String>,
    across_lines: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DoubledWordParams {
    /// Words whose doubling is grammatical or idiomatic.
    #[serde(default)]
    allow: Vec<String>,
    /// Also report a word repeated across a line break (off: lists and code
    /// repeat words at line starts).
    #[serde(default)]
    across_lines: bool,
}

impl DoubledWord {
    /// Builds the detector from its YAML parameters.
    pub fn build(params: &serde_yaml::Value) -> Result<Self, String> {
        let p: DoubledWordParams = parse_params(params)?;
        Ok(DoubledWord {
            allow: p.allow.into_iter().map(|w| w.to_lowercase()).collect(),
            across_lines: p.across_lines,
        })
    }
}

impl Detector for DoubledWord {
    fn find(&self, text: &str, rule: usize, out: &mut Vec<Candidate>) {
        let mut prev: Option<super::words::Token> = None;
        for tok in Tokens::new(text) {
            if let Some(p) = prev {
                let (a, b) = (&text[p.start..p.end], &text[tok.start..tok.end]);
                let doubled = p.plain
                    && tok.plain
                    && p.spaced_after
                    && tok.spaced_before
                    && !p.hyphenated
                    && !tok.hyphenated
                    && a.len() == b.len()
                    && a.eq_ignore_ascii_case(b)
                    && (self.across_lines || !text[p.end..tok.start].contains('\n'))
                    // "Duran Duran", "Bora Bora": a capitalised second word is a name.
                    && b.chars().all(|c| !c.is_uppercase())
                    && !self.allow.contains(&b.to_lowercase());
                if doubled {
                    out.push(candidate(rule, p.start, tok.end, a.to_string()));
                }
            }
            prev = Some(tok);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(d: &dyn Detector, text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        d.find(text, 0, &mut out);
        out.into_iter()
            .map(|c| (text[c.start..c.end].to_string(), c.suggestions[0].clone()))
            .collect()
    }

    fn yaml(s: &str) -> serde_yaml::Value {
        serde_yaml::from_str(s).unwrap()
    }

    #[test]
    fn collapsed_dash() {
        let d = CollapsedDash::build(&yaml(
            "function_words: [only, and, but, for, which, the, to]\ncompound_words: [only]",
        ))
        .unwrap();
        assert_eq!(
            run(&d, "in the Black Sea-only for the Kremlin to announce"),
            [("Sea-only".into(), "Sea – only".into())]
        );
        assert_eq!(
            run(&d, "talks with Kyiv-and the allies"),
            [("Kyiv-and".into(), "Kyiv – and".into())]
        );
        for clean in [
            "pro-Russian, full-scale, so-called, Russia-Ukraine, high-level, 30-day, well-known",
            "an English-only school in Stratford-upon-Avon",
            "Made-in-China goods and the So-Called Five",
            "Anti-war protests. Built-in tools.",
            "COVID-19 and F-35 jets",
        ] {
            assert_eq!(run(&d, clean), [], "{clean}");
        }
        assert!(CollapsedDash::build(&yaml("function_words: []")).is_err());
        assert!(CollapsedDash::build(&yaml("function_words: [a]\ncompound_words: [b]")).is_err());
    }

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

    #[test]
    fn doubled_words() {
        let d = DoubledWord::build(&yaml("allow: [had, that]")).unwrap();
        assert_eq!(
            run(&d, "The the summit was in in Paris."),
            [
                ("The the".into(), "The".into()),
                ("in in".into(), "in".into())
            ]
        );
        for clean in [
            "He had had enough; he said that that was fine.",
            "Duran Duran played in Bora Bora.",
            "It was in. In the end, well-well.",
            "a 10 10 grid",
            "run make\nmake install",
        ] {
            assert_eq!(run(&d, clean), [], "{clean}");
        }
        assert!(DoubledWord::build(&yaml("allow: 3")).is_err());
    }
}
