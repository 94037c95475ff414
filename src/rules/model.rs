//! The validated form of rule packs, shared by the YAML loader and the packs
//! precompiled by `build.rs`.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::lazy_regex::{LazyRegex, Triggers};
use crate::diagnostic::{Applicability, Category, Severity};

/// A loaded pack: its header, with the rules stored in the [`RuleSet`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pack {
    /// Unique pack name.
    pub name: String,
    /// One-line description.
    pub description: String,
    /// Language of the text the pack applies to (ISO 639-1).
    pub language: String,
    /// Source language whose translation produces these artefacts.
    pub pivot: Option<String>,
    /// File the pack was loaded from (`rules/…` for embedded packs).
    pub file: String,
}

/// A phrase (one expansion of a YAML entry) and its originals, best first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PhraseEntry {
    /// The literal phrase, matched case-insensitively on word boundaries.
    pub phrase: String,
    /// Likely originals, best first.
    pub originals: Vec<String>,
}

/// How a rule finds matches.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Matcher {
    /// Literal phrases (shared: rule sets are cloned per configuration).
    Phrases(Arc<[PhraseEntry]>),
    /// A regex with replacement templates.
    Pattern {
        /// The regex, compiled on first use.
        regex: LazyRegex,
        /// Literals every match contains (`None`: run on the whole text).
        triggers: Option<Triggers>,
        /// Replacement templates (`$name`), best first.
        replacements: Vec<String>,
    },
    /// A built-in detector configured by parameters.
    Detector {
        /// Detector name.
        name: String,
        /// Its parameters from YAML.
        #[serde(with = "yaml_value")]
        params: serde_yaml::Value,
    },
}

/// A context that vetoes a match.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum ExceptionCheck {
    /// Regex on the text before the match.
    Before(LazyRegex),
    /// Regex on the text after the match.
    After(LazyRegex),
    /// Lowercase phrase that must not contain the match.
    Within(String),
}

/// A rule example, checked by `mtlint check-rules` and the test suite.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum RuleExample {
    /// The rule fires on `text`; applying its top suggestions gives `fixed`.
    Fires {
        /// Input text.
        text: String,
        /// Expected text after fixes, when the rule suggests originals.
        fixed: Option<String>,
    },
    /// The rule does not fire on this text.
    Clean(String),
}

/// A validated rule.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rule {
    /// Full id, `pack/rule`.
    pub id: String,
    /// Index of the pack in [`RuleSet::packs`].
    pub pack: usize,
    /// Category.
    pub category: Category,
    /// Severity.
    pub severity: Severity,
    /// Confidence that a match is an artefact.
    pub confidence: f32,
    /// May `--fix` apply the top suggestion?
    pub applicability: Applicability,
    /// Pivot-language expression.
    pub source: Option<String>,
    /// Message template.
    pub message: Option<String>,
    /// Longer explanation.
    pub description: Option<String>,
    /// Absolute URL of a page documenting the rule, if the pack gives one.
    pub url: Option<String>,
    /// Copy the case of the match onto suggestions.
    pub preserve_case: bool,
    /// How matches are found.
    pub matcher: Matcher,
    /// Vetoing contexts.
    pub exceptions: Vec<ExceptionCheck>,
    /// Examples.
    pub examples: Vec<RuleExample>,
}

/// All loaded packs and their rules.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RuleSet {
    /// Packs in load order.
    pub packs: Vec<Pack>,
    /// Rules of all packs.
    pub rules: Vec<Rule>,
    /// How many leading rules are the unchanged built-in ones, whose phrases the
    /// precompiled phrase automaton holds (0: build it from the rules).
    #[serde(skip)]
    pub precompiled_rules: usize,
}

/// Detector parameters stored as YAML text: the compact binary form of the
/// precompiled packs cannot hold a self-describing value.
mod yaml_value {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(value: &serde_yaml::Value, s: S) -> Result<S::Ok, S::Error> {
        let text = match value {
            serde_yaml::Value::Null => String::new(),
            v => serde_yaml::to_string(v).map_err(serde::ser::Error::custom)?,
        };
        text.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<serde_yaml::Value, D::Error> {
        let text = String::deserialize(d)?;
        if text.is_empty() {
            return Ok(serde_yaml::Value::Null);
        }
        serde_yaml::from_str(&text).map_err(serde::de::Error::custom)
    }
}
