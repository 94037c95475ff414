//! The built-in packs as `build.rs` parsed and validated them, in postcard form:
//! loading them skips YAML parsing, regex validation and phrase expansion.

use super::{PackError, RuleSet};

/// The serialized [`RuleSet`] of the built-in packs.
static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin_rules.postcard"));

/// Decodes the built-in rule set.
pub fn rule_set() -> Result<RuleSet, PackError> {
    postcard::from_bytes(BYTES).map_err(|e| {
        PackError::at(
            "rules/",
            "",
            0,
            0,
            format!("the precompiled built-in packs cannot be read: {e}"),
        )
    })
}
