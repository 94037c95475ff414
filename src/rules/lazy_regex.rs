//! Regexes validated when packs load but compiled on first use, and the literal
//! prefixes that let the engine run a pattern only where it can match.

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

/// A regex compiled on first use (most rule regexes never run on a given text).
#[derive(Debug)]
pub struct LazyRegex {
    source: String,
    case_insensitive: bool,
    cell: OnceLock<Option<Regex>>,
}

impl Clone for LazyRegex {
    fn clone(&self) -> Self {
        LazyRegex {
            source: self.source.clone(),
            case_insensitive: self.case_insensitive,
            cell: self.cell.clone(),
        }
    }
}

impl LazyRegex {
    /// Validates `source` (syntax only, cheap) and returns the parsed form.
    pub fn new(source: &str, case_insensitive: bool) -> Result<(LazyRegex, Hir), String> {
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(case_insensitive)
            .build()
            .parse(source)
            .map_err(|e| e.to_string())?;
        Ok((
            LazyRegex {
                source: source.to_string(),
                case_insensitive,
                cell: OnceLock::new(),
            },
            hir,
        ))
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The compiled regex; `None` if it exceeds the compiled size limit.
    pub fn get(&self) -> Option<&Regex> {
        self.cell
            .get_or_init(|| {
                // ASCII word boundaries and classes compile several times faster;
                // patterns that need Unicode classes fall back to them.
                let build = |unicode: bool| {
                    RegexBuilder::new(&self.source)
                        .case_insensitive(self.case_insensitive)
                        .unicode(unicode)
                        .build()
                };
                build(false).or_else(|_| build(true)).ok()
            })
            .as_ref()
    }

    /// Whether the regex matches `text` (false if it cannot be compiled).
    pub fn is_match(&self, text: &str) -> bool {
        self.get().is_some_and(|r| r.is_match(text))
    }
}

/// Names of the capture groups of a parsed regex.
pub fn capture_names(hir: &Hir, out: &mut Vec<String>) {
    match hir.kind() {
        HirKind::Capture(c) => {
            if let Some(name) = &c.name {
                out.push(name.to_string());
            }
            capture_names(&c.sub, out);
        }
        HirKind::Concat(hs) | HirKind::Alternation(hs) => {
            for h in hs {
                capture_names(h, out);
            }
        }
        HirKind::Repetition(r) => capture_names(&r.sub, out),
        _ => {}
    }
}

/// Shortest trigger worth an automaton entry; shorter prefixes hit too often.
const MIN_TRIGGER: usize = 3;
/// Most triggers per pattern.
const MAX_TRIGGERS: usize = 64;

/// Lowercase literals that every match of `pattern` starts with, if there are few
/// and long enough ones; `None` means the pattern must be run over the whole text.
pub fn prefix_triggers(pattern: &str) -> Option<Vec<String>> {
    // Extract from the case-sensitive form and lowercase: the automaton folds case.
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(false)
        .build()
        .parse(pattern)
        .ok()?;
    let mut extractor = Extractor::new();
    extractor
        .kind(ExtractKind::Prefix)
        .limit_total(MAX_TRIGGERS * 8);
    let seq = extractor.extract(&hir);
    let literals = seq.literals()?;
    if literals.is_empty() || literals.len() > MAX_TRIGGERS {
        return None;
    }
    let mut out: Vec<String> = Vec::with_capacity(literals.len());
    for lit in literals {
        let s = std::str::from_utf8(lit.as_bytes()).ok()?.to_lowercase();
        if s.trim().len() < MIN_TRIGGER {
            return None;
        }
        out.push(s);
    }
    out.sort();
    out.dedup();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers_of_common_shapes() {
        let t = prefix_triggers(r"\b(?P<verb>depend(?:s|ed|ing)?) of\b").unwrap();
        assert!(
            !t.is_empty() && t.iter().all(|s| s.starts_with("depend")),
            "{t:?}"
        );
        let t = prefix_triggers(r"\b(?:assist|assisted) (?:to|at)\b").unwrap();
        assert!(t.iter().all(|s| s.starts_with("assist")), "{t:?}");
        assert_eq!(prefix_triggers(r"\w+ of"), None);
        assert_eq!(prefix_triggers(r"\bof\b"), None, "too short");
    }

    #[test]
    fn lazy_compile_and_names() {
        let (re, hir) = LazyRegex::new(r"(?P<a>x)(?P<b>y)?", true).unwrap();
        let mut names = Vec::new();
        capture_names(&hir, &mut names);
        assert_eq!(names, ["a", "b"]);
        assert!(re.is_match("XY"));
        assert!(LazyRegex::new("(unclosed", false).is_err());
    }
}
