//! The built-in packs as `build.rs` parsed and validated them, in postcard form:
//! loading them skips YAML parsing, regex validation and phrase expansion.

use std::sync::OnceLock;

use super::phrase_automaton::PhraseAutomaton;
use super::{PackError, RuleSet};

/// The serialized [`RuleSet`] of the built-in packs.
static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin_rules.postcard"));

/// The serialized [`PhraseAutomaton`] of the built-in rules.
static PHRASES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin_phrases.bin"));

/// Decodes the built-in rule set.
pub fn rule_set() -> Result<RuleSet, PackError> {
    let set: Result<RuleSet, _> = postcard::from_bytes(BYTES);
    set.map(|mut set| {
        set.precompiled_rules = set.rules.len();
        set
    })
    .map_err(|e| {
        PackError::at(
            "rules/",
            "",
            0,
            0,
            format!("the precompiled built-in packs cannot be read: {e}"),
        )
    })
}

/// The built-in phrase automaton, decoded on first use; `None` if it cannot be
/// read (the engine then builds one from the rules).
pub fn phrase_automaton() -> Option<&'static PhraseAutomaton> {
    static AUTOMATON: OnceLock<Option<PhraseAutomaton>> = OnceLock::new();
    AUTOMATON
        .get_or_init(|| PhraseAutomaton::from_bytes(PHRASES).ok())
        .as_ref()
}
