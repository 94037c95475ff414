//! The built-in packs as `build.rs` parsed and validated them, in postcard form:
//! loading them skips YAML parsing, regex validation and phrase expansion.

use std::sync::OnceLock;

use super::phrase_automaton::PhraseAutomaton;
use super::window_dfa::WindowDfa;
use super::{PackError, RuleSet};

/// The serialized [`RuleSet`] of the built-in packs.
static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin_rules.postcard"));

/// The serialized [`PhraseAutomaton`] of the built-in rules.
static PHRASES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin_phrases.bin"));

/// Data aligned to 8 bytes (`window_dfa::ALIGN`).
#[repr(C, align(8))]
struct Aligned<B: ?Sized>(B);

/// The DFAs of the built-in rules' regexes (`window_dfa::table`), aligned so
/// that dense ones are read in place.
static WINDOW_DFAS: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(
    env!("OUT_DIR"),
    "/builtin_dfas.bin"
)));

/// Entry `index` of the built-in rules' DFA table.
pub fn window_dfa(index: u32) -> Option<WindowDfa> {
    // SAFETY: `build.rs` wrote the table with `window_dfa::table` from
    // `window_dfa::determinize`, compiled with this crate's regex-automata; the
    // test below validates every entry.
    unsafe { WindowDfa::from_trusted_table(&WINDOW_DFAS.0, index) }
}

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
        // SAFETY: `PHRASES` is what `build.rs` wrote with `PhraseAutomaton::to_bytes`
        // from an automaton built by the daachorse linked in (validated by
        // `the_builtin_automaton_passes_validation`).
        .get_or_init(|| unsafe { PhraseAutomaton::from_trusted_bytes(PHRASES) }.ok())
        .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_dfa_is_valid() {
        let table: &'static [u8] = &WINDOW_DFAS.0;
        let count = u32::from_le_bytes(table[..4].try_into().unwrap());
        assert!(count > 100, "{count} DFAs");
        for index in 0..count {
            assert!(
                WindowDfa::from_table(table, index).is_some(),
                "entry {index} of the built-in DFA table is invalid"
            );
        }
    }

    /// The precondition of decoding the built-in automaton unchecked: its bytes
    /// pass the checked decoding, and both decodings are the same automaton.
    #[test]
    fn the_builtin_automaton_passes_validation() {
        let checked = PhraseAutomaton::from_bytes(PHRASES).expect("readable table");
        let trusted = phrase_automaton().expect("built-in automaton");
        assert!(checked.prepare(), "the checked decoding refuses the table");
        assert!(trusted.prepare());
        assert_eq!(checked.to_bytes(), trusted.to_bytes());
        assert_eq!(checked.to_bytes(), PHRASES);
    }
}
