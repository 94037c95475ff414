//! Findings: what a rule reports about a span of text, and the suggestions it makes.

use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A hint, shown only by editors.
    Hint,
    /// Worth a look.
    Info,
    /// Probably an artefact.
    Warning,
    /// Almost certainly an artefact.
    Error,
}

impl Severity {
    /// Lowercase name as used in YAML and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The kind of machine-translation artefact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// An idiom or compound translated word for word.
    Calque,
    /// A word that looks like the source word but means something else.
    FalseFriend,
    /// A token that is not a word of the language.
    NonWord,
    /// A proper noun or acronym with the wrong case.
    Casing,
    /// Headline-style capitalisation inside a sentence.
    TitleCase,
    /// Grammatical gender of the source carried over into pronouns.
    PronounGender,
    /// Punctuation or typography lost or changed in transit.
    Punctuation,
    /// Text left in the source language.
    Untranslated,
    /// Grammar calques (prepositions, articles, tenses).
    Grammar,
    /// Style issues typical of machine translation.
    Style,
}

impl Category {
    /// All categories, in display order.
    pub const ALL: [Category; 10] = [
        Category::Calque,
        Category::FalseFriend,
        Category::NonWord,
        Category::Casing,
        Category::TitleCase,
        Category::PronounGender,
        Category::Punctuation,
        Category::Untranslated,
        Category::Grammar,
        Category::Style,
    ];

    /// Kebab-case name as used in YAML and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Calque => "calque",
            Category::FalseFriend => "false-friend",
            Category::NonWord => "non-word",
            Category::Casing => "casing",
            Category::TitleCase => "title-case",
            Category::PronounGender => "pronoun-gender",
            Category::Punctuation => "punctuation",
            Category::Untranslated => "untranslated",
            Category::Grammar => "grammar",
            Category::Style => "style",
        }
    }

    /// Parses a kebab-case category name.
    pub fn parse(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// How safe it is to apply a rule's top suggestion without review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown to the reader, never applied automatically.
    DisplayOnly,
    /// Applied only with `--unsafe-fixes`.
    Unsafe,
    /// Applied by `--fix`.
    Safe,
}

impl Applicability {
    /// Kebab-case name as used in YAML and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// A proposed replacement for a finding's span.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The text to put in place of the span.
    pub replacement: String,
    /// How likely this is the original wording (0–1).
    pub confidence: f32,
}

/// One artefact found in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Rule id as `pack/rule`.
    pub rule: String,
    /// Index of the rule in its rule set.
    pub rule_index: usize,
    /// Artefact category.
    pub category: Category,
    /// Severity.
    pub severity: Severity,
    /// Confidence that this is a real artefact (0–1).
    pub confidence: f32,
    /// Human-readable message with placeholders filled in.
    pub message: String,
    /// Start byte offset (UTF-8) in the document.
    pub start: usize,
    /// End byte offset, exclusive.
    pub end: usize,
    /// Likely originals, best first.
    pub suggestions: Vec<Suggestion>,
    /// Language whose translation produces this artefact (ISO 639-1), if known.
    pub pivot: Option<String>,
    /// May the top suggestion be applied automatically?
    pub applicability: Applicability,
}

impl Finding {
    /// The matched text in `text`.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// The message, ending with the likely original when the message does not name it
    /// already (what editors and CI annotations show on one line).
    pub fn message_with_original(&self) -> String {
        match self.suggestions.first() {
            Some(top) if !self.message.contains(&format!("“{}”", top.replacement)) => {
                format!("{} (likely original: “{}”)", self.message, top.replacement)
            }
            _ => self.message.clone(),
        }
    }

    /// Whether two findings share at least one byte.
    pub fn overlaps(&self, other: &Finding) -> bool {
        self.start < other.end && other.start < self.end
    }
}
