//! The YAML schema of rule packs, as serde types (see `rules/README.md`).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostic::{Applicability, Category, Severity};

/// A rule pack file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    /// Pack header.
    pub pack: PackHeader,
    /// The rules.
    #[serde(default)]
    pub rules: Vec<RuleSpec>,
}

/// The header of a pack: what it is, what text it applies to, defaults.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackHeader {
    /// Unique pack name; rule ids are shown as `name/id`.
    pub name: String,
    /// One-line description.
    #[serde(default)]
    pub description: String,
    /// ISO 639-1 code of the language of the text the pack applies to.
    pub language: String,
    /// ISO 639-1 code of the source language whose translation produces these artefacts.
    #[serde(default)]
    pub pivot: Option<String>,
    /// Defaults for the pack's rules.
    #[serde(default)]
    pub defaults: RuleDefaults,
}

/// Per-pack defaults for rule fields.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDefaults {
    /// Default category.
    pub category: Option<Category>,
    /// Default severity.
    pub severity: Option<Severity>,
    /// Default confidence.
    pub confidence: Option<f32>,
    /// Default fix applicability.
    pub fix: Option<Applicability>,
}

/// One rule as written in YAML; exactly one of `phrases`, `pattern`, `detector` is set.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Rule id, unique in the pack.
    pub id: String,
    /// Category (default from the pack).
    pub category: Option<Category>,
    /// Severity (default from the pack, else warning).
    pub severity: Option<Severity>,
    /// Confidence 0–1 (default from the pack, else 0.8).
    pub confidence: Option<f32>,
    /// Fix applicability (default from the pack, else safe).
    pub fix: Option<Applicability>,
    /// The pivot-language expression this rule's artefact comes from.
    pub source: Option<String>,
    /// Message template with `{match}`, `{original}`, `{source}`, `{pivot}`.
    pub message: Option<String>,
    /// Longer explanation for `mtlint explain`.
    pub description: Option<String>,
    /// Absolute URL of a page documenting the rule (editors link the rule id to it).
    pub url: Option<String>,
    /// Literal phrases and their originals.
    pub phrases: Option<Phrases>,
    /// Regex pattern.
    pub pattern: Option<String>,
    /// Replacement templates for `pattern`.
    pub replacement: Option<OneOrMany>,
    /// Match `pattern` case-sensitively.
    #[serde(default)]
    pub case_sensitive: bool,
    /// Copy the case of the match onto suggestions (default true).
    pub preserve_case: Option<bool>,
    /// Name of a built-in detector.
    pub detector: Option<String>,
    /// Detector parameters.
    #[serde(default)]
    pub params: Option<serde_yaml::Value>,
    /// Contexts that veto a match.
    #[serde(default)]
    pub exceptions: Vec<Exception>,
    /// Examples checked by the test suite.
    #[serde(default)]
    pub examples: Vec<Example>,
}

/// Phrases: a map from phrase to original(s), or a list of phrases that are their own original.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Phrases {
    /// `phrase: original` or `phrase: [original, …]`.
    Map(BTreeMap<String, OneOrMany>),
    /// `[Phrase, …]`: each phrase is its own original (casing rules).
    List(Vec<String>),
}

/// A string or a list of strings.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// A single string.
    One(String),
    /// Several strings, best first.
    Many(Vec<String>),
}

impl OneOrMany {
    /// The strings, best first.
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

/// A context that vetoes a match.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    /// Regex tested on the text just before the match.
    pub before: Option<String>,
    /// Regex tested on the text just after the match.
    pub after: Option<String>,
    /// Phrase that, when it contains the match, vetoes it.
    pub within: Option<String>,
}

/// An example: text where the rule fires (with the fixed text) or must stay quiet.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Text where the rule must fire.
    pub fires: Option<String>,
    /// Expected text after applying the top suggestion of every finding of this rule.
    pub fixed: Option<String>,
    /// Text where the rule must not fire.
    pub clean: Option<String>,
}
