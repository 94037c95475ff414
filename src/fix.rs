//! Applying suggestions to text.

use crate::diagnostic::Finding;

/// Applies the top suggestion of each finding accepted by `accept`, in order of
/// position, skipping findings that overlap one already applied.
/// Returns the new text and the number of fixes applied.
pub fn apply_fixes(
    text: &str,
    findings: &[Finding],
    accept: impl Fn(&Finding) -> bool,
) -> (String, usize) {
    let mut chosen: Vec<&Finding> = findings
        .iter()
        .filter(|f| !f.suggestions.is_empty() && accept(f))
        .collect();
    chosen.sort_by_key(|f| (f.start, f.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    let mut applied = 0;
    for f in chosen {
        if f.start < pos {
            continue;
        }
        out.push_str(&text[pos..f.start]);
        out.push_str(&f.suggestions[0].replacement);
        pos = f.end;
        applied += 1;
    }
    out.push_str(&text[pos..]);
    (out, applied)
}
