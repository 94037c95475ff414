//! `doubled-word`: the same word twice in a row.

use std::collections::HashSet;

use serde::Deserialize;

use super::candidate;
use crate::engine::detectors::words::{Token, Tokens};
use crate::engine::detectors::{parse_params, Detector};
use crate::engine::Candidate;

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
        let mut prev: Option<Token> = None;
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
    use crate::engine::detectors::punctuation::testing::{run, yaml};

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
