//! `collapsed-dash`: a spaced dash that became a hyphen between a proper noun
//! and a function word.

use std::collections::HashSet;

use serde::Deserialize;

use super::{candidate, char_at, char_before, run_end, run_start, starts_sentence, Finder};
use crate::engine::detectors::words::{is_hyphen, Tokens};
use crate::engine::detectors::{parse_params, Detector};
use crate::engine::Candidate;

/// `collapsed-dash`: "the Black Sea-only for the Kremlin" → "the Black Sea – only for …".
pub struct CollapsedDash {
    function_words: HashSet<String>,
    compound_words: HashSet<String>,
    dash: String,
    hyphens: Finder,
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
            hyphens: Finder::chars(&['-', '‐']),
        })
    }
}

impl Detector for CollapsedDash {
    fn find(&self, text: &str, rule: usize, out: &mut Vec<Candidate>) {
        for (h, hyphen) in self.hyphens.find_iter(text) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::detectors::punctuation::testing::{run, yaml};

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
}
