//! Built-in detectors: Rust code configured by YAML rules (`detector: NAME`, `params: {…}`).
//!
//! A detector finds artefacts that phrase lists cannot enumerate. Each one is
//! built once from its rule's parameters and then run over every document.

use super::Candidate;

pub mod casing;
pub mod gazetteer;
pub mod gender;
mod textscan;
pub mod title_case;
mod wordlist;

/// A detector compiled from its rule's parameters.
pub trait Detector: Send + Sync {
    /// Appends candidates for `rule` (the index of the rule that configured it) found in `text`.
    fn find(&self, text: &str, rule: usize, out: &mut Vec<Candidate>);
}

/// Builds the detector called `name` from its YAML parameters.
pub fn build(name: &str, params: &serde_yaml::Value) -> Result<Box<dyn Detector>, String> {
    Ok(match name {
        "casing" => Box::new(casing::Casing::build(params)?),
        "title-case" => Box::new(title_case::TitleCase::build(params)?),
        "pronoun-gender" => Box::new(gender::PronounGender::build(params)?),
        _ => {
            return Err(format!(
                "unknown detector `{name}` (known: {})",
                KNOWN.join(", ")
            ))
        }
    })
}

/// Names of the built-in detectors.
pub const KNOWN: &[&str] = &["casing", "title-case", "pronoun-gender"];
