//! A document's text as HTML: the original with every finding in a `<mark>`, and
//! the text with fixes applied, each replacement in an `<ins>`.

use std::collections::HashMap;
use std::fmt::Write;

use super::escape::Esc;
use super::finding::{finding_id, mark_attributes};
use crate::diagnostic::Finding;

/// The source text with each finding highlighted. Findings are sorted and do not
/// overlap (see [`crate::engine::Report`]); should one overlap its predecessor
/// anyway, its highlight starts where the previous one ends.
pub fn highlighted(doc: usize, text: &str, findings: &[Finding]) -> String {
    let mut html = String::with_capacity(text.len() * 2);
    let mut pos = 0;
    for (i, f) in findings.iter().enumerate() {
        let start = f.start.max(pos);
        let end = f.end.max(start);
        let (Some(before), Some(inside)) = (text.get(pos..start), text.get(start..end)) else {
            continue;
        };
        let _ = write!(
            html,
            "{}<mark {}>{}</mark>",
            Esc(before),
            mark_attributes(doc, i, f, inside.is_empty()),
            Esc(inside)
        );
        pos = end;
    }
    let _ = write!(html, "{}", Esc(&text[pos..]));
    html
}

/// The text with the top suggestion of each of `fixes` applied (as chosen by
/// [`crate::fix::select_fixes`]); each replacement is an `<ins>` naming what it
/// replaced and the finding it fixes.
pub fn fixed(doc: usize, text: &str, findings: &[Finding], fixes: &[&Finding]) -> String {
    let index_of: HashMap<*const Finding, usize> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| (f as *const Finding, i))
        .collect();
    let mut html = String::with_capacity(text.len() * 2);
    let mut pos = 0;
    for f in fixes {
        let index = index_of
            .get(&(*f as *const Finding))
            .copied()
            .unwrap_or_default();
        let _ = write!(
            html,
            r##"{}<ins title="was “{}”" data-fixes="{}">{}</ins>"##,
            Esc(&text[pos..f.start]),
            Esc(&text[f.start..f.end]),
            finding_id(doc, index),
            Esc(&f.suggestions[0].replacement)
        );
        pos = f.end;
    }
    let _ = write!(html, "{}", Esc(&text[pos..]));
    html
}
