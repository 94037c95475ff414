//! Rule packs: loading YAML packs into a validated [`RuleSet`].

mod check;
mod embedded;
mod error;
mod expand;
mod explain;
mod lazy_regex;
mod load;
pub mod schema;

pub use check::check_examples;
pub use embedded::{embedded_data, embedded_packs};
pub use error::{Locator, PackError};
pub use expand::{expand, ExpandError};
pub use explain::explanation;
pub use lazy_regex::{LazyRegex, Triggers, WINDOW};
pub use load::{load_dir, load_rule_set, PackSource};

use crate::diagnostic::{Applicability, Category, Severity};

/// A loaded pack: its header, with the rules stored in the [`RuleSet`].
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone)]
pub struct PhraseEntry {
    /// The literal phrase, matched case-insensitively on word boundaries.
    pub phrase: String,
    /// Likely originals, best first.
    pub originals: Vec<String>,
}

/// How a rule finds matches.
#[derive(Debug, Clone)]
pub enum Matcher {
    /// Literal phrases.
    Phrases(Vec<PhraseEntry>),
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
        params: serde_yaml::Value,
    },
}

/// A context that vetoes a match.
#[derive(Debug, Clone)]
pub enum ExceptionCheck {
    /// Regex on the text before the match.
    Before(LazyRegex),
    /// Regex on the text after the match.
    After(LazyRegex),
    /// Lowercase phrase that must not contain the match.
    Within(String),
}

/// A rule example, checked by `mtlint check-rules` and the test suite.
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    /// Packs in load order.
    pub packs: Vec<Pack>,
    /// Rules of all packs.
    pub rules: Vec<Rule>,
}

impl RuleSet {
    /// The built-in packs, embedded at compile time.
    pub fn builtin() -> Result<RuleSet, Vec<PackError>> {
        load_rule_set(&embedded_packs())
    }

    /// Finds a rule by full id (`pack/rule`) or by its bare id when that is unique.
    pub fn find(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id).or_else(|| {
            let mut it = self
                .rules
                .iter()
                .filter(|r| r.id.rsplit('/').next() == Some(id));
            match (it.next(), it.next()) {
                (Some(r), None) => Some(r),
                _ => None,
            }
        })
    }

    /// The pack of a rule.
    pub fn pack_of(&self, rule: &Rule) -> &Pack {
        &self.packs[rule.pack]
    }
}

/// English name of an ISO 639-1 language code, for messages.
pub fn language_name(code: &str) -> &str {
    match code {
        "en" => "English",
        "fr" => "French",
        "es" => "Spanish",
        "de" => "German",
        "it" => "Italian",
        "pt" => "Portuguese",
        "ru" => "Russian",
        "uk" => "Ukrainian",
        "zh" => "Chinese",
        "ca" => "Catalan",
        "gl" => "Galician",
        "nl" => "Dutch",
        "pl" => "Polish",
        "ja" => "Japanese",
        "ko" => "Korean",
        "ar" => "Arabic",
        "tr" => "Turkish",
        _ => code,
    }
}
