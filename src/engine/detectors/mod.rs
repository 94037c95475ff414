//! Built-in detectors: Rust code configured by YAML rules (`detector: NAME`, `params: {…}`).
//!
//! A detector finds artefacts that phrase lists cannot enumerate. Each one is
//! built once from its rule's parameters and then run over every document.

use std::collections::HashMap;

use serde::de::DeserializeOwned;

use super::Candidate;
pub use text_words::TextWords;

mod ascii_filter;
pub(crate) mod block_bits;
pub mod casing;
pub mod gazetteer;
mod gazetteer_table;
pub mod gender;
pub mod lexicon;
mod lexicon_table;
pub mod morphology;
pub mod nonword;
pub mod punctuation;
mod text_words;
mod textscan;
pub mod title_case;
pub mod untranslated;
mod wordlist;
pub mod words;

/// A detector compiled from its rule's parameters.
pub trait Detector: Send + Sync {
    /// Appends candidates for `rule` (the index of the rule that configured it) found in `text`.
    fn find(&self, text: &str, rule: usize, out: &mut Vec<Candidate>);

    /// [`Detector::find`] on `words.text()`, given its word tokens: the engine scans them
    /// once per text for every detector. Detectors that walk every word override this
    /// (and implement `find` by calling it with `TextWords::new(text)`); the default
    /// ignores the tokens.
    fn find_in(&self, words: &TextWords<'_>, rule: usize, out: &mut Vec<Candidate>) {
        self.find(words.text(), rule, out);
    }

    /// [`Detector::find_in`] on one part of a document linted part by part (see
    /// [`crate::engine::Linter::lint_parts`]). A detector whose findings depend on
    /// evidence from elsewhere in the document records that evidence in `part`, or marks
    /// the part undecidable; the default (a detector that only looks near its matches)
    /// is `find_in`.
    fn find_in_part(
        &self,
        words: &TextWords<'_>,
        rule: usize,
        out: &mut Vec<Candidate>,
        part: &mut PartEvidence,
    ) {
        let _ = part;
        self.find_in(words, rule, out);
    }

    /// For a document linted in parts: decides the `title-case` runs its parts kept
    /// (see [`title_case::TitleCase::decide_runs`]); other detectors keep none.
    fn decide_title_runs(
        &self,
        runs: &mut [title_case::TitleRun],
        wanted: &[&str],
        counts: &[(usize, usize)],
        repeated: &dyn Fn(&str) -> bool,
    ) -> Vec<(usize, Candidate)> {
        let _ = (runs, wanted, counts, repeated);
        Vec::new()
    }

    /// Whether what this detector finds in one line can depend on text outside that
    /// line and the line before it (counts over the whole document, look-behind
    /// further back, neighbouring sentences merged), other than through
    /// [`Detector::stand_in_document`]. Such detectors always run on the whole text;
    /// the others may run line by line (see [`crate::engine::LintCache`]).
    fn document_level(&self) -> bool {
        false
    }

    /// [`Detector::find_in`] on a line (after the line before it), for a detector
    /// that [`checks_document`](Detector::checks_document): without the parts of the
    /// decision that [`Detector::stand_in_document`] makes on the whole document.
    fn find_in_lines(&self, words: &TextWords<'_>, rule: usize, out: &mut Vec<Candidate>) {
        self.find_in(words, rule, out);
    }

    /// Whether a line-local detector's candidates may still be dropped by what the
    /// rest of the document says (see [`Detector::stand_in_document`]).
    fn checks_document(&self) -> bool {
        false
    }

    /// For a detector that [`checks_document`](Detector::checks_document): given the
    /// spans its rule `rule` found line by line (in document order) in `text`, the
    /// whole prose, whether each one stands.
    fn stand_in_document(&self, text: &str, spans: &[(usize, usize)]) -> Vec<bool> {
        let _ = text;
        vec![true; spans.len()]
    }

    /// Extra message placeholders for a finding on `matched`, as (name, value):
    /// `("language", "French")` fills `{language}`. Called only for reported findings.
    fn placeholders(&self, matched: &str) -> Vec<(&'static str, String)> {
        let _ = matched;
        Vec::new()
    }
}

/// What the detectors of one part of a document (linted part by part) know of evidence
/// that spans the whole document.
#[derive(Debug, Default)]
pub struct PartEvidence {
    /// A finding of the part depends on the rest of the document in a way not recorded
    /// here: the document must be linted whole.
    pub undecidable: bool,
    /// Occurrences in the part of the words a rule counts, by (rule, word).
    pub counts: HashMap<(usize, String), usize>,
    /// Candidates kept only if their word occurs at most `max` times in the document.
    pub limited: Vec<RepeatLimited>,
    /// Candidates dropped if the document writes their name so by convention.
    pub conventions: Vec<Convention>,
    /// Runs of headline capitals, decided once the document's evidence is counted.
    pub title_runs: Vec<title_case::TitleRun>,
}

/// A lowercase name (by rule and span in its part) that is reported unless the whole
/// document writes it so by convention (see `casing`): decided once the occurrences of
/// `written` and of `forms` in the whole document are counted.
#[derive(Debug, Clone)]
pub struct Convention {
    /// Rule index.
    pub rule: usize,
    /// Start of the candidate in its part.
    pub start: usize,
    /// End of the candidate in its part.
    pub end: usize,
    /// The name as written.
    pub written: String,
    /// Its accepted spellings.
    pub forms: Vec<String>,
}

/// Whether a document in which `written` occurs `lower` times and each of `forms` the
/// counted number of times writes the name in lowercase on purpose (see `casing`).
pub fn lowercase_by_convention(lower: usize, forms: impl Iterator<Item = usize>) -> bool {
    if lower < 3 {
        return false;
    }
    let correct: usize = forms.map(|n| n.min(lower)).sum();
    lower > correct
}

/// A candidate (by rule and span in its part) that holds only while its word is rare
/// in the whole document.
#[derive(Debug, Clone)]
pub struct RepeatLimited {
    /// Rule index.
    pub rule: usize,
    /// Start of the candidate in its part.
    pub start: usize,
    /// End of the candidate in its part.
    pub end: usize,
    /// The counted word (a key of [`PartEvidence::counts`] with `rule`).
    pub word: String,
    /// Most occurrences in the document for the candidate to hold.
    pub max: usize,
}

/// Builds the detector called `name` from its YAML parameters.
pub fn build(name: &str, params: &serde_yaml::Value) -> Result<Box<dyn Detector>, String> {
    Ok(match name {
        "casing" => Box::new(casing::Casing::build(params)?),
        "title-case" => Box::new(title_case::TitleCase::build(params)?),
        "pronoun-gender" => Box::new(gender::PronounGender::build(params)?),
        "non-word" => Box::new(nonword::NonWord::build(params)?),
        "collapsed-dash" => Box::new(punctuation::CollapsedDash::build(params)?),
        "space-before-punctuation" => Box::new(punctuation::SpaceBefore::build(params)?),
        "space-after-opening-quote" => Box::new(punctuation::SpaceAfterQuote::build(params)?),
        "guillemets" => Box::new(punctuation::Guillemets::build(params)?),
        "decimal-comma" => Box::new(punctuation::DecimalComma::build(params)?),
        "percent-space" => Box::new(punctuation::PercentSpace::build(params)?),
        "doubled-word" => Box::new(punctuation::DoubledWord::build(params)?),
        "untranslated" => Box::new(untranslated::Untranslated::build(params)?),
        _ => {
            return Err(format!(
                "unknown detector `{name}` (known: {})",
                KNOWN.join(", ")
            ))
        }
    })
}

/// Names of the built-in detectors.
pub const KNOWN: &[&str] = &[
    "casing",
    "title-case",
    "pronoun-gender",
    "non-word",
    "collapsed-dash",
    "space-before-punctuation",
    "space-after-opening-quote",
    "guillemets",
    "decimal-comma",
    "percent-space",
    "doubled-word",
    "untranslated",
];

/// Reads a detector's YAML parameters into its typed form, in place (without a copy of
/// the value); missing `params` reads as `{}`.
pub(crate) fn parse_params<T: DeserializeOwned>(params: &serde_yaml::Value) -> Result<T, String> {
    let read = match params {
        serde_yaml::Value::Null => T::deserialize(&serde_yaml::Value::Mapping(Default::default())),
        v => T::deserialize(v),
    };
    read.map_err(|e| format!("bad `params`: {e}"))
}

/// An embedded data file (`rules/…`), or a file on disk kept for the life of the process.
pub(crate) fn data_file(path: &str) -> Result<&'static str, String> {
    if let Some(text) = crate::rules::embedded_data(path) {
        return Ok(text);
    }
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Box::leak(text.into_boxed_str())),
        Err(e) => Err(format!(
            "data file `{path}` is neither embedded nor readable: {e}"
        )),
    }
}
