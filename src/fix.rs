//! Applying suggestions to text.

use crate::diagnostic::Finding;

/// The findings whose top suggestion [`apply_fixes`] applies: those accepted by
/// `accept` that have a suggestion, in order of position, skipping any that overlaps
/// one chosen before it.
pub fn select_fixes(findings: &[Finding], accept: impl Fn(&Finding) -> bool) -> Vec<&Finding> {
    let mut candidates: Vec<&Finding> = findings
        .iter()
        .filter(|f| !f.suggestions.is_empty() && accept(f))
        .collect();
    candidates.sort_by_key(|f| (f.start, f.end));
    let mut chosen: Vec<&Finding> = Vec::with_capacity(candidates.len());
    for f in candidates {
        if chosen.last().is_none_or(|last| f.start >= last.end) {
            chosen.push(f);
        }
    }
    chosen
}

/// Applies the top suggestion of each finding accepted by `accept`, in order of
/// position, skipping findings that overlap one already applied.
/// Returns the new text and the number of fixes applied.
pub fn apply_fixes(
    text: &str,
    findings: &[Finding],
    accept: impl Fn(&Finding) -> bool,
) -> (String, usize) {
    let chosen = select_fixes(findings, accept);
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for f in &chosen {
        out.push_str(&text[pos..f.start]);
        out.push_str(&f.suggestions[0].replacement);
        pos = f.end;
    }
    out.push_str(&text[pos..]);
    (out, chosen.len())
}

/// Which fixes to apply.
#[derive(Debug, Clone, Copy)]
pub struct FixPolicy {
    /// Also apply fixes marked unsafe.
    pub unsafe_fixes: bool,
    /// Apply only findings with at least this confidence.
    pub min_confidence: f32,
}

impl FixPolicy {
    /// Whether this policy applies the finding's top suggestion.
    pub fn accepts(&self, f: &Finding) -> bool {
        use crate::diagnostic::Applicability::*;
        let allowed = match f.applicability {
            Safe => true,
            Unsafe => self.unsafe_fixes,
            DisplayOnly => false,
        };
        allowed && f.confidence >= self.min_confidence
    }
}

/// Most passes of lint-and-fix before giving up on convergence.
pub const MAX_PASSES: usize = 10;

/// Fixes a text until no more fixes apply: lint, apply, re-lint (fixes can
/// reveal or remove other findings). Returns the text, the number of fixes and
/// whether it converged within [`MAX_PASSES`].
pub fn fix_until_stable(
    text: &str,
    policy: FixPolicy,
    mut lint: impl FnMut(&str) -> Vec<Finding>,
) -> (String, usize, bool) {
    let mut current = text.to_string();
    let mut total = 0;
    for _ in 0..MAX_PASSES {
        let findings = lint(&current);
        let (next, applied) = apply_fixes(&current, &findings, |f| policy.accepts(f));
        if applied == 0 || next == current {
            return (current, total, true);
        }
        total += applied;
        current = next;
    }
    (current, total, false)
}

/// Why a fixed file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file changed on disk since it was read.
    #[error("{0}: changed on disk since it was read; not fixed")]
    Changed(String),
    /// The file is read-only.
    #[error("{0}: read-only; not fixed")]
    ReadOnly(String),
    /// Writing failed.
    #[error("{path}: cannot write fixes: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// Writes `new` to `path` atomically (a temporary file in the same directory,
/// then a rename), keeping permissions, but only if the file still holds `original`.
pub fn write_atomically(
    path: &std::path::Path,
    original: &str,
    new: &str,
) -> Result<(), WriteError> {
    use std::io::Write;
    let shown = path.display().to_string();
    let io = |source| WriteError::Io {
        path: shown.clone(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly(shown));
    }
    let now = std::fs::read(path).map_err(io)?;
    if now != original.as_bytes() {
        return Err(WriteError::Changed(shown));
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".mtlint-fix")
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(new.as_bytes()).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// A unified diff of a fix, for `--diff`.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Category, Severity, Suggestion};

    fn finding(start: usize, end: usize, to: &str, applicability: Applicability) -> Finding {
        Finding {
            rule: "t/r".into(),
            rule_index: 0,
            category: Category::Calque,
            severity: Severity::Warning,
            confidence: 0.9,
            message: String::new(),
            start,
            end,
            suggestions: vec![Suggestion {
                replacement: to.into(),
                confidence: 0.9,
            }],
            pivot: None,
            applicability,
        }
    }

    #[test]
    fn overlapping_fixes_apply_first_only_and_policy_filters() {
        let text = "abcdef";
        let fs = [
            finding(0, 3, "X", Applicability::Safe),
            finding(2, 4, "Y", Applicability::Safe),
            finding(4, 6, "Z", Applicability::Unsafe),
        ];
        let safe = FixPolicy {
            unsafe_fixes: false,
            min_confidence: 0.5,
        };
        assert_eq!(
            apply_fixes(text, &fs, |f| safe.accepts(f)),
            ("Xdef".into(), 1)
        );
        let all = FixPolicy {
            unsafe_fixes: true,
            min_confidence: 0.5,
        };
        assert_eq!(
            apply_fixes(text, &fs, |f| all.accepts(f)),
            ("XdZ".into(), 2)
        );
    }

    #[test]
    fn fixing_converges() {
        // A "linter" that replaces one "aa" per pass.
        let lint = |t: &str| match t.find("aa") {
            Some(i) => vec![finding(i, i + 2, "a", Applicability::Safe)],
            None => vec![],
        };
        let policy = FixPolicy {
            unsafe_fixes: false,
            min_confidence: 0.0,
        };
        let (out, n, ok) = fix_until_stable("aaaa", policy, lint);
        assert_eq!((out.as_str(), n, ok), ("a", 3, true));
    }
}
