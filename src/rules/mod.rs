//! Rule packs: loading YAML packs into a validated [`RuleSet`].

mod ascii_classes;
mod check;
mod dir;
mod embedded;
mod error;
mod expand;
mod explain;
mod hir_codec;
mod lazy_regex;
mod load;
mod model;
pub mod phrase_automaton;
mod precompiled;
pub mod schema;
mod spelling_trie;
mod window_dfa;
mod word_chars;

pub use check::check_examples;
pub use dir::load_dir;
pub use embedded::{embedded_data, embedded_packs};
pub use error::{Locator, PackError};
pub use expand::{expand, ExpandError};
pub use explain::explanation;
pub use lazy_regex::{LazyRegex, Triggers, WINDOW};
pub use load::{extend_rule_set, load_rule_set, PackSource};
pub use model::{
    ExceptionCheck, Matcher, Pack, Packed, PackedList, PhraseEntry, Rule, RuleDocs, RuleExample,
    RuleSet,
};
pub use word_chars::{ascii_word_bits, for_each_word_start, is_word_char};

impl RuleSet {
    /// The built-in packs, parsed and validated when mtlint was built.
    pub fn builtin() -> Result<RuleSet, Vec<PackError>> {
        precompiled::rule_set().map_err(|e| vec![e])
    }

    /// The precompiled automaton of the built-in phrases, shared by every linter.
    pub fn builtin_phrases() -> Option<&'static phrase_automaton::PhraseAutomaton> {
        precompiled::phrase_automaton()
    }

    /// Starts decoding the built-in phrase automaton (used for long texts) on
    /// another thread, so that it overlaps with reading the input; the first
    /// long text then finds it ready (or waits for the rest of the decoding).
    pub fn preload_builtin_phrases() {
        // Without a thread (a sandbox may forbid them) it is decoded on first use.
        let _ = std::thread::Builder::new()
            .name("preload".into())
            .spawn(|| {
                if let Some(phrases) = precompiled::phrase_automaton() {
                    phrases.prepare();
                }
            });
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
        "eo" => "Esperanto",
        "nl" => "Dutch",
        "pl" => "Polish",
        "ja" => "Japanese",
        "ko" => "Korean",
        "ar" => "Arabic",
        "tr" => "Turkish",
        _ => code,
    }
}
