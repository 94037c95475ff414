//! Hover over a finding: its message, its likely originals, and the rule's
//! explanation and examples (the text of `mtlint explain`).

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::diagnostics::range_of;
use super::documents::{Linted, OpenDocument};
use crate::output::percent;
use crate::rules::explanation;

/// The hover at a byte offset of a linted document, if a finding covers it.
pub fn hover(open: &OpenDocument, linted: &Linted, offset: usize, markdown: bool) -> Option<Hover> {
    // Findings of an older version count where their text is unchanged.
    let mut valid = linted
        .report
        .findings
        .iter()
        .filter(|f| linted.holds(&open.doc, f.start, f.end));
    let f = valid
        .clone()
        .find(|f| f.start <= offset && offset < f.end)
        .or_else(|| valid.find(|f| f.end == offset))?;
    let rules = linted.linter.rules();
    let explained = rules
        .rules
        .get(f.rule_index)
        .filter(|r| r.id == f.rule)
        .map(|r| explanation(rules, r))
        .unwrap_or_default();
    let originals: Vec<String> = f
        .suggestions
        .iter()
        .map(|s| format!("“{}”", s.replacement))
        .collect();
    let facts = format!(
        "{} · {} · {} confidence",
        f.rule,
        f.category.as_str(),
        percent(f.confidence)
    );
    let value = if markdown {
        let mut s = format!("**mtlint** `{}`\n\n{}\n", facts, f.message);
        if !originals.is_empty() {
            s += &format!("\nLikely original: {}\n", originals.join(" or "));
        }
        s + &format!("\n```text\n{}```\n", explained)
    } else {
        let mut s = format!("mtlint {facts}\n\n{}\n", f.message);
        if !originals.is_empty() {
            s += &format!("\nLikely original: {}\n", originals.join(" or "));
        }
        s + "\n" + &explained
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: if markdown {
                MarkupKind::Markdown
            } else {
                MarkupKind::PlainText
            },
            value,
        }),
        range: Some(range_of(&open.doc, f.start, f.end)),
    })
}
