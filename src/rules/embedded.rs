//! The built-in packs, embedded from `rules/` at compile time by `build.rs`.

use super::PackSource;

mod files {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// The built-in pack sources (YAML files under `rules/`).
pub fn embedded_packs() -> Vec<PackSource> {
    files::FILES
        .iter()
        .filter(|(path, _)| path.ends_with(".yaml") || path.ends_with(".yml"))
        .map(|(path, text)| PackSource {
            file: (*path).to_string(),
            text: (*text).to_string(),
        })
        .collect()
}

/// A data file embedded from `rules/` (e.g. `rules/en/data/lexicon.tsv`).
pub fn embedded_data(path: &str) -> Option<&'static str> {
    files::FILES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
}
