//! Code actions: a quick fix per suggestion (the top one preferred), "ignore this
//! rule in this document" for formats with suppression comments, removal of unused
//! suppressions, and a fix-all for the document.

use std::collections::{BTreeSet, HashMap};

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, Range, TextEdit, Url,
    WorkspaceEdit,
};

use super::diagnostics::{
    data_of, diagnostics_where, range_of, DiagnosticData, Utf16Positions, UNUSED_SUPPRESSION,
};
use super::documents::{Linted, OpenDocument};
use crate::document::Document;
use crate::fix::FixPolicy;
use crate::formats::InputFormat;

/// Kind of the fix-all action.
pub const FIX_ALL: &str = "source.fixAll.mtlint";

/// The actions for `range` of a document; `context` holds the client's diagnostics
/// for the range (see [`diagnostics_for`]).
pub fn actions(
    uri: &Url,
    open: &OpenDocument,
    linted: &Linted,
    range: Range,
    context: &[Diagnostic],
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    let doc = &open.doc;
    let wants = |kind: &CodeActionKind| {
        only.is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let diagnostics = diagnostics_for(doc, linted, range, context);
    let mut out = Vec::new();
    if wants(&CodeActionKind::QUICKFIX) {
        let mut rules = BTreeSet::new();
        for d in &diagnostics {
            let Some(data) = data_of(d) else { continue };
            for (i, s) in data.suggestions.iter().enumerate() {
                let title = if data.rule == UNUSED_SUPPRESSION {
                    "Remove the unused suppression".to_string()
                } else {
                    format!("Replace with “{}”", s.replacement)
                };
                out.push(action(
                    title,
                    CodeActionKind::QUICKFIX,
                    uri,
                    vec![TextEdit::new(d.range, s.replacement.clone())],
                    vec![d.clone()],
                    i == 0,
                ));
            }
            if data.rule != UNUSED_SUPPRESSION {
                rules.insert(data.rule);
            }
        }
        if doc.format != InputFormat::Text {
            for rule in rules {
                out.push(action(
                    format!("Ignore {rule} in this document"),
                    CodeActionKind::QUICKFIX,
                    uri,
                    vec![disable_comment(doc, &rule)],
                    Vec::new(),
                    false,
                ));
            }
        }
    }
    // Fix-all needs a lint of the current text: it edits the whole document.
    if wants(&CodeActionKind::new(FIX_ALL)) && open.is_current() {
        if let Some(fix_all) = fix_all(uri, doc, linted) {
            out.push(fix_all);
        }
    }
    out
}

/// The diagnostics to offer fixes for, those overlapping `range` first.
///
/// A client diagnostic is taken as it is when its range still holds its text;
/// otherwise (an older text, or a client that sent the range back in another
/// encoding, as Neovim 0.7 does) the server's current diagnostic with the same
/// code and text on the same line replaces it. Without client diagnostics of
/// ours, the server's own diagnostics overlapping `range` are used.
fn diagnostics_for(
    doc: &Document,
    linted: &Linted,
    range: Range,
    context: &[Diagnostic],
) -> Vec<Diagnostic> {
    let ours: Vec<(&Diagnostic, DiagnosticData)> = context
        .iter()
        .filter_map(|d| Some((d, data_of(d)?)))
        .collect();
    // The server's diagnostics on the lines concerned.
    let index = doc.index();
    let mut lines: Vec<u32> = (range.start.line..=range.end.line).collect();
    lines.extend(ours.iter().map(|(d, _)| d.range.start.line));
    let spans: Vec<std::ops::Range<usize>> = lines
        .iter()
        .filter(|&&l| (l as usize) < index.line_count())
        .map(|&l| index.line_range(&doc.text, l as usize))
        .collect();
    let current = diagnostics_where(doc, linted.linter.rules(), &linted.report, |s, e| {
        spans.iter().any(|l| s <= l.end && l.start <= e) && linted.holds(doc, s, e)
    });
    let mut chosen: Vec<Diagnostic> = Vec::new();
    for (d, data) in &ours {
        let fresh = if text_at(doc, d.range) == data.text {
            Some((*d).clone())
        } else {
            current
                .iter()
                .find(|c| {
                    c.code == d.code
                        && c.range.start.line == d.range.start.line
                        && data_of(c).is_some_and(|cd| cd.text == data.text)
                        && !chosen.contains(c)
                })
                .cloned()
        };
        chosen.extend(fresh.filter(|f| !chosen.contains(f)));
    }
    if ours.is_empty() {
        chosen = current
            .into_iter()
            .filter(|d| overlaps(d.range, range))
            .collect();
    }
    chosen.sort_by_key(|d| !overlaps(d.range, range));
    chosen
}

fn overlaps(a: Range, b: Range) -> bool {
    let key = |p: lsp_types::Position| (p.line, p.character);
    key(a.start) <= key(b.end) && key(b.start) <= key(a.end)
}

/// The fix-all action: the top suggestion of every finding whose fix is safe and
/// confident enough (as `mtlint check --fix`), without overlaps.
fn fix_all(uri: &Url, doc: &Document, linted: &Linted) -> Option<CodeActionOrCommand> {
    let policy = FixPolicy {
        unsafe_fixes: false,
        min_confidence: linted.fix_min_confidence,
    };
    let mut edits = Vec::new();
    let mut positions = Utf16Positions::new(doc);
    let mut pos = 0;
    let mut findings: Vec<_> = linted.report.findings.iter().collect();
    findings.sort_by_key(|f| (f.start, f.end));
    for f in findings {
        let Some(top) = f.suggestions.first() else {
            continue;
        };
        if !policy.accepts(f) || f.start < pos {
            continue;
        }
        pos = f.end;
        edits.push(TextEdit::new(
            positions.range(f.start, f.end),
            top.replacement.clone(),
        ));
    }
    if edits.is_empty() {
        return None;
    }
    let n = edits.len();
    Some(action(
        format!(
            "Fix all mtlint artefacts ({n} safe fix{})",
            if n == 1 { "" } else { "es" }
        ),
        CodeActionKind::new(FIX_ALL),
        uri,
        edits,
        Vec::new(),
        false,
    ))
}

/// An edit inserting `<!-- mtlint-disable RULE -->` at the top of a document, after
/// a byte-order mark, Markdown front matter or an HTML doctype.
fn disable_comment(doc: &Document, rule: &str) -> TextEdit {
    let text = &doc.text;
    let mut at = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[at..];
    let first_line_end = |s: &str| s.find('\n').map_or(s.len(), |i| i + 1);
    let fence = rest.lines().next().map(str::trim_end);
    if doc.format == InputFormat::Markdown && matches!(fence, Some("---" | "+++")) {
        let fence = fence.unwrap_or_default();
        let mut offset = first_line_end(rest);
        for line in rest[offset..].split_inclusive('\n') {
            offset += line.len();
            let l = line.trim_end();
            if l == fence || (fence == "---" && l == "...") {
                at += offset;
                break;
            }
        }
    } else if doc.format == InputFormat::Html
        && rest
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("<!doctype")
    {
        at += first_line_end(rest);
    }
    // Front matter closed on the last line, without a newline.
    let newline = if at > 0 && !text[..at].ends_with(['\n', '\u{feff}']) {
        "\n"
    } else {
        ""
    };
    let range = range_of(doc, at, at);
    TextEdit::new(range, format!("{newline}<!-- mtlint-disable {rule} -->\n"))
}

fn text_at(doc: &Document, range: Range) -> &str {
    let s = doc.offset_of_lsp_position(range.start.line, range.start.character);
    let e = doc.offset_of_lsp_position(range.end.line, range.end.character);
    doc.text.get(s.min(e)..e.max(s)).unwrap_or_default()
}

fn action(
    title: String,
    kind: CodeActionKind,
    uri: &Url,
    edits: Vec<TextEdit>,
    diagnostics: Vec<Diagnostic>,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }),
        command: None,
        is_preferred: preferred.then_some(true),
        disabled: None,
        data: None,
    })
}
