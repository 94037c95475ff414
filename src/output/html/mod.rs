//! `html` format: one self-contained page (inline CSS and script, no network
//! requests) for reading a run's findings in a browser, offline or printed.
//!
//! - A summary: findings per category and per document as inline SVG bar charts,
//!   and per document its language, likely pivot language and word count.
//! - Each document's source text with every finding in a `<mark>` coloured by
//!   category; its `title` and the sidebar entry it is described by hold the
//!   message, the likely originals with their confidence, the rule id and the pivot.
//! - A side-by-side view of the text with fixes applied ([`crate::fix::select_fixes`],
//!   the choice `--fix` makes in one pass), toggled by a checkbox (CSS, no script).
//! - A sidebar listing the findings, linked to their highlights.
//!
//! The script (`report.js`) adds a positioned tooltip on hover and focus, `j`/`n`
//! and `k`/`p` to move between findings, and filters by category, severity and
//! minimum confidence. Without it the page still reads: highlights, `title`
//! tooltips, the list and its links all work. All text from documents, rules and
//! paths is escaped ([`escape::Esc`]), and a Content-Security-Policy lets only the
//! report's own script and style apply and forbids every request.

mod chart;
mod escape;
mod finding;
mod palette;
mod text;

use std::collections::hash_map::RandomState;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::hash::{BuildHasher, Hasher};
use std::io::{self, Write};

use super::{percent, FileResult};
use crate::diagnostic::{Category, Severity};
use crate::engine::LanguageSource;
use crate::fix::{select_fixes, FixPolicy};
use crate::rules::language_name;
use chart::{bar_chart, Bar, Segment};
use escape::Esc;

const CSS: &str = include_str!("report.css");
const JS: &str = include_str!("report.js");
/// Most documents in the per-document chart.
const CHART_DOCUMENTS: usize = 20;

/// Writes one HTML page for all results; `fixes[i]` chooses the fixes shown for
/// `results[i]`.
pub fn render(out: &mut dyn Write, results: &[FileResult], fixes: &[FixPolicy]) -> io::Result<()> {
    let nonce = nonce();
    let mut html = String::with_capacity(64 * 1024);
    let title = match results {
        [one] => format!("mtlint report: {}", one.document.path),
        _ => format!("mtlint report: {} documents", results.len()),
    };
    let _ = write!(
        html,
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; base-uri 'none'; form-action 'none'">
<meta name="generator" content="mtlint {}">
<title>{}</title>
<style nonce="{nonce}">
{}{CSS}</style>
</head>
<body>
<a class="skip" href="#documents">Skip to the documents</a>
"##,
        env!("CARGO_PKG_VERSION"),
        Esc(&title),
        palette::category_css()
    );
    summary(&mut html, results);
    html.push_str("<div class=\"layout\">\n");
    sidebar(&mut html, results);
    html.push_str("<main id=\"documents\">\n");
    for (d, r) in results.iter().enumerate() {
        let policy = fixes.get(d).copied().unwrap_or(FixPolicy {
            unsafe_fixes: false,
            min_confidence: 0.8,
        });
        document(&mut html, d, r, policy);
    }
    let _ = write!(
        html,
        r#"</main>
</div>
<div id="tip" role="tooltip" hidden></div>
<script nonce="{nonce}">
{JS}</script>
</body>
</html>
"#
    );
    out.write_all(html.as_bytes())
}

/// A fresh random token for the Content-Security-Policy: only the `<script>` and
/// `<style>` carrying it apply, so markup that reached the page some other way cannot.
fn nonce() -> String {
    let part = || RandomState::new().build_hasher().finish();
    format!("{:016x}{:016x}", part(), part())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The header: totals, the two charts and a table of documents.
fn summary(html: &mut String, results: &[FileResult]) {
    let mut per_category: BTreeMap<Category, usize> = BTreeMap::new();
    for f in results.iter().flat_map(|r| &r.report.findings) {
        *per_category.entry(f.category).or_default() += 1;
    }
    let findings: usize = per_category.values().sum();
    let words: usize = results.iter().map(|r| r.report.words).sum();
    let _ = write!(
        html,
        r#"<header class="summary" aria-labelledby="summary-h">
<h1 id="summary-h">mtlint report</h1>
<p class="totals">{} in {}; {} checked.</p>
"#,
        plural(findings, "finding", "findings"),
        plural(results.len(), "document", "documents"),
        plural(words, "word", "words")
    );
    if findings > 0 {
        let by_category: Vec<Bar> = per_category
            .iter()
            .map(|(c, n)| Bar {
                label: c.as_str().to_string(),
                segments: vec![segment(*c, *n)],
            })
            .collect();
        // Documents with the most findings first; a long run shows only the top ones.
        let mut ranked: Vec<&FileResult> = results.iter().collect();
        ranked.sort_by_key(|r| std::cmp::Reverse(r.report.findings.len()));
        let by_document: Vec<Bar> = ranked
            .iter()
            .take(CHART_DOCUMENTS)
            .map(|r| {
                let mut counts: BTreeMap<Category, usize> = BTreeMap::new();
                for f in &r.report.findings {
                    *counts.entry(f.category).or_default() += 1;
                }
                Bar {
                    label: r.document.path.clone(),
                    segments: counts.into_iter().map(|(c, n)| segment(c, n)).collect(),
                }
            })
            .collect();
        let documents_caption = if results.len() > CHART_DOCUMENTS {
            format!(
                "Findings per document, by category (the {CHART_DOCUMENTS} of {} with most findings)",
                results.len()
            )
        } else {
            "Findings per document, by category".to_string()
        };
        let _ = write!(
            html,
            r#"<div class="charts">
<figure><figcaption>Findings per category</figcaption>{}</figure>
<figure><figcaption>{}</figcaption>{}</figure>
</div>
"#,
            bar_chart("Findings per category", &by_category),
            Esc(&documents_caption),
            bar_chart(&documents_caption, &by_document)
        );
    }
    html.push_str(
        "<table class=\"docs\"><thead><tr><th scope=\"col\">Document</th><th scope=\"col\">Language</th>\
         <th scope=\"col\">Likely translated via</th><th scope=\"col\">Words</th>\
         <th scope=\"col\">Findings</th></tr></thead><tbody>\n",
    );
    for (d, r) in results.iter().enumerate() {
        let _ = writeln!(
            html,
            r##"<tr><td><a href="#doc-{d}">{}</a></td><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td></tr>"##,
            Esc(&r.document.path),
            Esc(&language(r)),
            Esc(&pivot(r)),
            r.report.words,
            r.report.findings.len()
        );
    }
    html.push_str("</tbody></table>\n</header>\n");
}

fn segment(category: Category, value: usize) -> Segment {
    Segment {
        value,
        color: palette::colors(category).accent.to_string(),
        name: category.as_str().to_string(),
    }
}

/// "English", "English (assumed)" or "English (set)".
fn language(r: &FileResult) -> String {
    let name = language_name(&r.report.language);
    match r.report.language_source {
        LanguageSource::Detected => name.to_string(),
        LanguageSource::Assumed => format!("{name} (assumed: detection unreliable)"),
        LanguageSource::Forced => format!("{name} (set)"),
    }
}

/// "French (16 artefacts, confidence 99%)" or a dash when the evidence is too thin.
fn pivot(r: &FileResult) -> String {
    match &r.report.pivot {
        Some(p) => format!(
            "{} ({}, confidence {})",
            language_name(&p.language),
            plural(p.evidence, "artefact", "artefacts"),
            percent(p.confidence)
        ),
        None => "—".to_string(),
    }
}

/// Filters (shown by the script), key help and the list of findings per document.
fn sidebar(html: &mut String, results: &[FileResult]) {
    html.push_str("<nav id=\"sidebar\" aria-label=\"Findings\">\n<h2>Findings</h2>\n");
    let mut categories: BTreeMap<Category, usize> = BTreeMap::new();
    let mut severities: BTreeMap<Severity, usize> = BTreeMap::new();
    for f in results.iter().flat_map(|r| &r.report.findings) {
        *categories.entry(f.category).or_default() += 1;
        *severities.entry(f.severity).or_default() += 1;
    }
    if !categories.is_empty() {
        html.push_str("<form id=\"filters\" hidden><fieldset><legend>Category</legend>\n");
        for (c, n) in &categories {
            let _ = writeln!(
                html,
                r#"<label><input type="checkbox" name="category" value="{0}" checked> <span class="swatch cat-{0}"></span>{0} ({n})</label>"#,
                c.as_str()
            );
        }
        html.push_str("</fieldset><fieldset><legend>Severity</legend>\n");
        for (s, n) in severities.iter().rev() {
            let _ = writeln!(
                html,
                r#"<label><input type="checkbox" name="severity" value="{0}" checked> {0} ({n})</label>"#,
                s.as_str()
            );
        }
        html.push_str(
            "</fieldset><label class=\"range\">Minimum confidence \
             <input type=\"range\" id=\"min-confidence\" min=\"0\" max=\"100\" step=\"5\" value=\"0\"> \
             <output for=\"min-confidence\" id=\"min-confidence-value\">0%</output></label>\n\
             <p id=\"shown\" aria-live=\"polite\"></p></form>\n\
             <p class=\"keys\" hidden>Keys: <kbd>j</kbd> or <kbd>n</kbd> next finding, \
             <kbd>k</kbd> or <kbd>p</kbd> previous, <kbd>Esc</kbd> hides the tooltip.</p>\n",
        );
    }
    for (d, r) in results.iter().enumerate() {
        let _ = writeln!(
            html,
            r##"<h3><a href="#doc-{d}">{}</a> ({})</h3>"##,
            Esc(&r.document.path),
            r.report.findings.len()
        );
        if r.report.findings.is_empty() {
            html.push_str("<p class=\"none\">No findings.</p>\n");
            continue;
        }
        html.push_str("<ol class=\"findings\">\n");
        for (i, f) in r.report.findings.iter().enumerate() {
            html.push_str(&finding::list_item(d, i, &r.document, f));
            html.push('\n');
        }
        html.push_str("</ol>\n");
    }
    html.push_str("</nav>\n");
}

/// One document: facts, the fixed-text toggle and the text panes.
fn document(html: &mut String, d: usize, r: &FileResult, policy: FixPolicy) {
    let findings = &r.report.findings;
    let chosen = select_fixes(findings, |f| policy.accepts(f));
    let _ = write!(
        html,
        r#"<section class="doc" id="doc-{d}" aria-labelledby="doc-{d}-h">
<h2 id="doc-{d}-h">{}</h2>
<p class="doc-meta">Language: {} · Likely translated via: {} · {} · {}</p>
"#,
        Esc(&r.document.path),
        Esc(&language(r)),
        Esc(&pivot(r)),
        plural(r.report.words, "word", "words"),
        plural(findings.len(), "finding", "findings")
    );
    for u in &r.report.unused_suppressions {
        let (line, column) = r.document.line_col(u.start);
        let _ = writeln!(
            html,
            r#"<p class="unused">{line}:{column}: <code>{}</code> suppresses nothing; remove it.</p>"#,
            Esc(&u.text)
        );
    }
    let which = format!(
        "{} fixes with confidence ≥ {}",
        if policy.unsafe_fixes {
            "safe and unsafe"
        } else {
            "safe"
        },
        percent(policy.min_confidence)
    );
    // The text's own language, for screen readers and hyphenation.
    let lang = Esc(&r.report.language);
    let _ = write!(
        html,
        r#"<label class="toggle"><input type="checkbox" class="sbs"> Show the text with {} applied side by side ({which})</label>
<div class="panes">
<div class="pane original"><h3 class="pane-h">Original</h3><pre class="text" lang="{lang}">{}</pre></div>
<div class="pane fixed"><h3 class="pane-h">With {} applied</h3><pre class="text" lang="{lang}">{}</pre></div>
</div>
</section>
"#,
        plural(chosen.len(), "fix", "fixes"),
        text::highlighted(d, &r.document.text, findings),
        plural(chosen.len(), "fix", "fixes"),
        text::fixed(d, &r.document.text, findings, &chosen)
    );
}

#[cfg(test)]
mod tests;
