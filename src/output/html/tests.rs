//! Structural tests of the HTML report: escaping of hostile text, highlights, the
//! fixed view and the no-script fallbacks. The page is read back with html5gum,
//! the tokenizer a browser-compatible parser would use.

use html5gum::emitters::default::DefaultEmitter;
use html5gum::Tokenizer;

/// Tokens without source spans.
type Token = html5gum::Token<()>;
type StartTag = html5gum::StartTag<()>;

use super::render;
use crate::diagnostic::{Applicability, Category, Finding, Severity, Suggestion};
use crate::document::Document;
use crate::engine::pivot::PivotGuess;
use crate::engine::{LanguageSource, Report};
use crate::fix::{apply_fixes, FixPolicy};
use crate::output::FileResult;

const POLICY: FixPolicy = FixPolicy {
    unsafe_fixes: false,
    min_confidence: 0.8,
};

fn finding(text: &str, needle: &str, message: &str, to: &[&str], category: Category) -> Finding {
    let start = text.find(needle).expect("needle in text");
    Finding {
        rule: "pack/<rule>".into(),
        rule_index: 0,
        category,
        severity: Severity::Warning,
        confidence: 0.9,
        message: message.into(),
        start,
        end: start + needle.len(),
        suggestions: to
            .iter()
            .map(|r| Suggestion {
                replacement: (*r).into(),
                confidence: 0.9,
            })
            .collect(),
        pivot: Some("fr".into()),
        applicability: Applicability::Safe,
    }
}

fn result(path: &str, text: &str, findings: Vec<Finding>) -> FileResult {
    FileResult {
        document: Document::new(path, text),
        report: Report {
            language: "en".into(),
            language_source: LanguageSource::Detected,
            findings,
            words: 12,
            unused_suppressions: Vec::new(),
            pivot: Some(PivotGuess {
                language: "fr".into(),
                evidence: 2,
                confidence: 0.9,
            }),
        },
    }
}

fn page(results: &[FileResult]) -> String {
    let mut out = Vec::new();
    render(&mut out, results, &vec![POLICY; results.len()]).unwrap();
    String::from_utf8(out).unwrap()
}

fn tokens(html: &str) -> Vec<Token> {
    let mut emitter = DefaultEmitter::<()>::default();
    // Script and style content is raw text, as in a browser.
    emitter.naively_switch_states(true);
    Tokenizer::new_with_emitter(html, emitter)
        .flatten()
        .collect()
}

fn name(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn attr(tag: &StartTag, key: &str) -> Option<String> {
    tag.attributes
        .iter()
        .find(|(k, _)| name(k) == key)
        .map(|(_, v)| name(v))
}

/// The text inside each element named `element` whose class list contains `class`
/// (any, when `class` is empty), as the browser decodes it (nested markup dropped).
fn texts_of(tokens: &[Token], element: &str, class: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside: Option<(String, usize)> = None;
    for t in tokens {
        match t {
            Token::StartTag(tag) => match &mut inside {
                Some((_, depth)) if name(&tag.name) == element => *depth += 1,
                Some(_) => {}
                None if name(&tag.name) == element
                    && (class.is_empty()
                        || attr(tag, "class")
                            .is_some_and(|c| c.split(' ').any(|c| c == class))) =>
                {
                    inside = Some((String::new(), 1));
                }
                None => {}
            },
            Token::EndTag(tag) if name(&tag.name) == element => {
                if let Some((text, depth)) = &mut inside {
                    *depth -= 1;
                    if *depth == 0 {
                        out.push(std::mem::take(text));
                        inside = None;
                    }
                }
            }
            Token::String(s) => {
                if let Some((text, _)) = &mut inside {
                    text.push_str(&name(s));
                }
            }
            _ => {}
        }
    }
    out
}

const HOSTILE: &str = "Intro </mark><script>window.mtlintPwned = 1</script> tail.\n\
    Quotes \"'<>& and <img src=x onerror=\"window.mtlintPwned = 2\"> here ]]> end.\n\
    A <!-- comment --> and &amp; an entity, &lt;b&gt;.\n";

fn hostile_results() -> Vec<FileResult> {
    let text = HOSTILE;
    let evil =
        "</mark><script>window.mtlintPwned = 3</script>\"'<>& <img src=x onerror=alert(4)> ]]>";
    let findings = vec![
        finding(text, "</mark><script>", evil, &[evil], Category::Calque),
        finding(text, "\"'<>&", "quotes", &["“ok”"], Category::Punctuation),
        finding(text, "onerror", evil, &[], Category::FalseFriend),
        finding(
            text,
            "]]>",
            "cdata end",
            &["<![CDATA[", "]]>x"],
            Category::Style,
        ),
        finding(text, "&amp;", "entity", &["&"], Category::Grammar),
    ];
    vec![result("<script>alert('path')</script>.txt", text, findings)]
}

#[test]
fn hostile_text_messages_and_paths_stay_text() {
    let results = hostile_results();
    let html = page(&results);
    let tokens = tokens(&html);
    let mut scripts = Vec::new();
    let mut csp = None;
    for t in &tokens {
        if let Token::StartTag(tag) = t {
            let tag_name = name(&tag.name);
            assert!(
                !matches!(
                    tag_name.as_str(),
                    "img" | "iframe" | "object" | "embed" | "base"
                ),
                "unexpected <{tag_name}>"
            );
            for k in tag.attributes.keys() {
                assert!(
                    !name(k).starts_with("on"),
                    "event handler attribute {}",
                    name(k)
                );
            }
            if tag_name == "script" {
                scripts.push(attr(tag, "nonce").expect("our script has a nonce"));
            }
            if attr(tag, "http-equiv").as_deref() == Some("Content-Security-Policy") {
                csp = attr(tag, "content");
            }
        }
        assert!(
            !matches!(t, Token::Comment(_)),
            "a comment reached the page"
        );
    }
    assert_eq!(scripts.len(), 1, "only the report's own script");
    let csp = csp.expect("a Content-Security-Policy");
    assert!(
        csp.contains(&format!("script-src 'nonce-{}'", scripts[0])),
        "{csp}"
    );
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    assert!(!html.contains("window.mtlintPwned = 1</script>"));

    // The text reads exactly as the document, highlights and all.
    let f = &results[0].report.findings;
    let panes = texts_of(&tokens, "pre", "text");
    assert_eq!(panes[0], HOSTILE);
    assert_eq!(panes[1], apply_fixes(HOSTILE, f, |f| POLICY.accepts(f)).0);
    let marks = texts_of(&tokens, "mark", "finding");
    let matched: Vec<&str> = f.iter().map(|f| f.text(HOSTILE)).collect();
    assert_eq!(marks, matched);
    // Messages and originals in the sidebar are text too.
    let messages = texts_of(&tokens, "p", "msg");
    assert_eq!(messages[0], f[0].message);
    let originals = texts_of(&tokens, "p", "orig");
    assert!(originals[0].contains(&f[0].message), "{originals:?}");
    let headings = texts_of(&tokens, "h2", "");
    assert!(headings.contains(&results[0].document.path), "{headings:?}");
}

#[test]
fn highlights_carry_the_tooltip_and_link_to_their_details() {
    let text = "The coalition of wishes met in kyiv.\nA reflection group said so.\n";
    let findings = vec![
        finding(
            text,
            "coalition of wishes",
            "“coalition of wishes” looks like a word-for-word translation",
            &["coalition of the willing", "willing coalition"],
            Category::Calque,
        ),
        finding(
            text,
            "kyiv",
            "“kyiv” is written “Kyiv”",
            &["Kyiv"],
            Category::Casing,
        ),
        Finding {
            applicability: Applicability::DisplayOnly,
            ..finding(
                text,
                "reflection group",
                "no fix",
                &["think tank"],
                Category::Calque,
            )
        },
        // A zero-width finding (something missing) still gets a visible mark.
        Finding {
            end: text.find(" said").unwrap(),
            ..finding(text, " said", "missing", &[], Category::Punctuation)
        },
    ];
    let results = vec![result("a.txt", text, findings)];
    let html = page(&results);
    let tokens = tokens(&html);
    let marks: Vec<&StartTag> = tokens
        .iter()
        .filter_map(|t| match t {
            Token::StartTag(tag) if name(&tag.name) == "mark" => Some(tag),
            _ => None,
        })
        .collect();
    assert_eq!(marks.len(), 4);
    assert!(attr(marks[3], "class").unwrap().ends_with(" empty"));
    let first = marks[0];
    assert_eq!(attr(first, "id").as_deref(), Some("f0-0"));
    assert_eq!(attr(first, "tabindex").as_deref(), Some("0"));
    assert_eq!(attr(first, "aria-describedby").as_deref(), Some("d0-0"));
    assert_eq!(attr(first, "data-category").as_deref(), Some("calque"));
    assert_eq!(attr(first, "data-confidence").as_deref(), Some("0.9"));
    assert_eq!(
        attr(first, "title").unwrap(),
        "“coalition of wishes” looks like a word-for-word translation\n\
         Likely original: “coalition of the willing” 90%, “willing coalition” 90%\n\
         calque · warning · confidence 90% · pack/<rule> · via French"
    );
    assert!(html.contains(r#"<li class="item cat-calque" id="l0-0""#));
    assert!(html.contains(r##"<a href="#f0-0" data-finding="f0-0">"##));
    assert!(html.contains(r#"<div class="details" id="d0-0">"#));
    // Only the safe fixes are applied, each marked as an insertion.
    let panes = texts_of(&tokens, "pre", "text");
    assert_eq!(
        panes[1],
        "The coalition of the willing met in Kyiv.\nA reflection group said so.\n"
    );
    assert_eq!(
        texts_of(&tokens, "ins", ""),
        ["coalition of the willing", "Kyiv"]
    );
    assert!(html.contains("Show the text with 2 fixes applied side by side"));
    // Summary: both charts, the pivot and the words.
    assert_eq!(html.matches("<svg class=\"chart\"").count(), 2);
    assert!(html.contains("French (2 artefacts, confidence 90%)"));
    assert!(html.contains("4 findings in 1 document; 12 words checked."));
    assert_eq!(html.matches(r#"<pre class="text" lang="en">"#).count(), 2);
    assert!(html.contains(r#"<input type="checkbox" name="category" value="casing" checked>"#));
}

#[test]
fn a_clean_document_has_no_charts_or_filters() {
    let results = vec![result("clean.txt", "Nothing to see.\n", Vec::new())];
    let html = page(&results);
    assert!(html.contains("0 findings in 1 document"));
    assert!(html.contains("No findings."));
    assert!(!html.contains("<svg"));
    assert!(!html.contains("id=\"filters\""));
    let tokens = tokens(&html);
    assert_eq!(texts_of(&tokens, "pre", "text")[0], "Nothing to see.\n");
}

#[test]
fn the_document_chart_shows_the_documents_with_most_findings() {
    let text = "The coalition of wishes met.\n";
    let results: Vec<FileResult> = (0..25)
        .map(|i| {
            let f = finding(text, "coalition of wishes", "m", &["x"], Category::Calque);
            result(&format!("doc{i}.txt"), text, vec![f; i % 3])
        })
        .collect();
    let html = page(&results);
    assert!(html.contains(
        "<figcaption>Findings per document, by category (the 20 of 25 with most findings)</figcaption>"
    ));
    let charts: Vec<&str> = html.split("<svg").skip(1).collect();
    assert_eq!(charts.len(), 2);
    // 20 bars; the documents with two findings (8 of them) come first.
    assert_eq!(charts[1].matches("<g>").count(), 20);
    assert!(charts[1].contains("<title>doc2.txt: 2</title>"));
    let first_zero = charts[1].find(": 0</title>").unwrap();
    assert!(charts[1].rfind(": 2</title>").unwrap() < first_zero);
    // Every document is still in the table and the text.
    assert_eq!(html.matches("<section class=\"doc\"").count(), 25);
}
