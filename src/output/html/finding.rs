//! What the report says about one finding: the attributes of its highlight, its
//! plain-text tooltip and its entry in the sidebar.

use std::fmt::Write;

use super::escape::Esc;
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::output::{percent, round_confidence};
use crate::rules::language_name;

/// Element id of the highlight of finding `index` of document `doc`.
pub fn finding_id(doc: usize, index: usize) -> String {
    format!("f{doc}-{index}")
}

/// Attributes of a finding's `<mark>`: id, classes, the data the filters and the
/// script read, keyboard focus, the sidebar details as its description and the
/// tooltip as a `title` (what a browser shows without the script).
pub fn mark_attributes(doc: usize, index: usize, f: &Finding, empty: bool) -> String {
    format!(
        r#"id="{}" class="finding cat-{} sev-{}{}" tabindex="0" {} aria-describedby="d{doc}-{index}" title="{}""#,
        finding_id(doc, index),
        f.category.as_str(),
        f.severity.as_str(),
        if empty { " empty" } else { "" },
        data_attributes(f),
        Esc(&tooltip(f))
    )
}

/// `data-category`, `data-severity` and `data-confidence`, which the filters use.
fn data_attributes(f: &Finding) -> String {
    format!(
        r#"data-category="{}" data-severity="{}" data-confidence="{}""#,
        f.category.as_str(),
        f.severity.as_str(),
        round_confidence(f.confidence)
    )
}

/// The likely originals with their confidence: “a” 95%, “b” 60%.
fn originals(f: &Finding) -> Option<String> {
    if f.suggestions.is_empty() {
        return None;
    }
    let list: Vec<String> = f
        .suggestions
        .iter()
        .map(|s| format!("“{}” {}", s.replacement, percent(s.confidence)))
        .collect();
    Some(list.join(", "))
}

/// Category, severity, confidence, rule id and pivot, separated by dots.
fn facts(f: &Finding) -> String {
    let mut facts = vec![
        f.category.as_str().to_string(),
        f.severity.as_str().to_string(),
        format!("confidence {}", percent(f.confidence)),
        f.rule.clone(),
    ];
    if let Some(p) = &f.pivot {
        facts.push(format!("via {}", language_name(p)));
    }
    facts.join(" · ")
}

/// The tooltip as plain text, one fact per line.
pub fn tooltip(f: &Finding) -> String {
    let mut tip = f.message.clone();
    if let Some(o) = originals(f) {
        tip.push_str("\nLikely original: ");
        tip.push_str(&o);
    }
    tip.push('\n');
    tip.push_str(&facts(f));
    tip
}

/// The sidebar entry of a finding: a link to its highlight and its details
/// (message, likely originals, facts), which the script also shows as the tooltip.
pub fn list_item(doc: usize, index: usize, document: &Document, f: &Finding) -> String {
    let (line, column) = document.line_col(f.start);
    let matched = document.text.get(f.start..f.end).unwrap_or_default();
    let id = finding_id(doc, index);
    let mut html = format!(
        r##"<li class="item cat-{}" id="l{doc}-{index}" {}><a href="#{id}" data-finding="{id}"><span class="loc">{line}:{column}</span> <q class="match">{}</q>"##,
        f.category.as_str(),
        data_attributes(f),
        Esc(matched)
    );
    if let Some(s) = f.suggestions.first() {
        let _ = write!(
            html,
            r#" → <q class="original">{}</q>"#,
            Esc(&s.replacement)
        );
    }
    let _ = write!(
        html,
        r#"</a><div class="details" id="d{doc}-{index}"><p class="msg">{}</p>"#,
        Esc(&f.message)
    );
    if let Some(o) = originals(f) {
        let _ = write!(html, r#"<p class="orig">Likely original: {}</p>"#, Esc(&o));
    }
    let _ = write!(html, r#"<p class="meta">{}</p></div></li>"#, Esc(&facts(f)));
    html
}
