//! HTML: prose of text nodes and `alt`/`title` attributes; script, style, code and
//! pre are skipped. Entities are decoded for matching; positions stay in the source.

use html5gum::emitters::default::DefaultEmitter;
use html5gum::{Token, Tokenizer};

use super::prose::ProseBuilder;
use super::{Comment, Extracted};

/// Elements whose content is not prose.
const SKIPPED: &[&str] = &[
    "script", "style", "code", "pre", "template", "svg", "math", "textarea",
];

/// Elements that end a run of prose (block-level or line-breaking).
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "dd",
    "dt",
    "td",
    "th",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "main",
    "figure",
    "figcaption",
    "title",
    "hr",
    "body",
    "head",
    "html",
    "caption",
    "option",
    "label",
    "button",
    "form",
    "details",
    "summary",
    "address",
];

/// Attributes whose values are prose.
const PROSE_ATTRIBUTES: &[&str] = &["alt", "title"];

/// Extracts the prose of an HTML document.
pub fn extract(source: &str) -> Extracted<'_> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Script and style content is raw text, not markup.
    emitter.naively_switch_states(true);
    let mut prose = ProseBuilder::default();
    let mut comments = Vec::new();
    let mut skipping: Vec<String> = Vec::new();
    for token in Tokenizer::new_with_emitter(source, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if BLOCKS.contains(&name.as_str()) {
                    prose.separator("\n\n");
                }
                if skipping.is_empty() {
                    for (attr, value) in &tag.attributes {
                        if PROSE_ATTRIBUTES.contains(&&*String::from_utf8_lossy(attr)) {
                            let Some((start, end)) =
                                attribute_value(source, value.span.start, value.span.end)
                            else {
                                continue;
                            };
                            prose.separator("\n\n");
                            push_decoded(&mut prose, source, start, end, &value.value);
                            prose.separator("\n\n");
                        }
                    }
                }
                if SKIPPED.contains(&name.as_str()) && !tag.self_closing {
                    skipping.push(name);
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if let Some(pos) = skipping.iter().rposition(|s| *s == name) {
                    skipping.truncate(pos);
                }
                if BLOCKS.contains(&name.as_str()) {
                    prose.separator("\n\n");
                }
            }
            Token::String(text) if skipping.is_empty() => {
                push_decoded(
                    &mut prose,
                    source,
                    text.span.start,
                    text.span.end,
                    &text.value,
                );
            }
            Token::Comment(c) => comments.push(Comment {
                start: c.span.start,
                end: c.span.end,
                text: String::from_utf8_lossy(&c.value).trim().to_string(),
            }),
            _ => {}
        }
    }
    Extracted {
        prose: prose.finish(),
        comments,
    }
}

/// The value part of an attribute whose source is `source[start..end]` (`name="value"`).
fn attribute_value(source: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let raw = source.get(start..end)?;
    let eq = raw.find('=')?;
    let after = &raw[eq + 1..];
    let lead = after.len() - after.trim_start().len();
    let mut vstart = start + eq + 1 + lead;
    let mut vend = end;
    if let Some(q) = source[vstart..end]
        .chars()
        .next()
        .filter(|c| *c == '"' || *c == '\'')
    {
        vstart += 1;
        if source[..vend].ends_with(q) && vend > vstart {
            vend -= 1;
        }
    }
    Some((vstart, vend))
}

/// Appends decoded text whose source is `source[start..end]`, aligning the two so
/// that text between entities maps one to one.
fn push_decoded(prose: &mut ProseBuilder, source: &str, start: usize, end: usize, decoded: &[u8]) {
    let decoded = String::from_utf8_lossy(decoded);
    let Some(raw) = source.get(start..end) else {
        return;
    };
    if raw == decoded {
        prose.verbatim(raw, start);
        return;
    }
    // Walk the source; each `&…;` entity maps to the decoded characters between the
    // verbatim runs around it.
    let mut s = 0; // in raw
    let mut d = 0; // in decoded
    while s < raw.len() {
        let next_amp = raw[s..].find('&').map_or(raw.len(), |i| s + i);
        let run = &raw[s..next_amp];
        if !decoded[d..].starts_with(run) {
            break;
        }
        prose.verbatim(run, start + s);
        s = next_amp;
        d += run.len();
        if s >= raw.len() {
            return;
        }
        // The entity ends at `;` (or where the decoded text resumes matching the source).
        let entity_end = raw[s..]
            .char_indices()
            .take(40)
            .find(|&(_, c)| c == ';' || c.is_whitespace())
            .map_or(raw.len(), |(i, c)| s + i + usize::from(c == ';'));
        let after = &raw[entity_end..];
        let resume = after.find('&').map_or(after, |i| &after[..i]);
        let decoded_end = if resume.is_empty() {
            decoded
                .len()
                .min(d + decoded[d..].chars().next().map_or(0, char::len_utf8))
        } else {
            match decoded[d..].find(resume) {
                Some(i) => d + i,
                None => break,
            }
        };
        prose.mapped(&decoded[d..decoded_end], start + s, entity_end - s);
        s = entity_end;
        d = decoded_end;
    }
    if s < raw.len() || d < decoded.len() {
        // Could not align the rest: map it as one piece.
        prose.mapped(&decoded[d..], start + s, raw.len() - s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_nodes_and_attributes_are_prose() {
        let html = r#"<html><head><title>The kyiv summit</title><style>p { color: red } /* kyiv */</style>
<script>var kyiv = "reflection group";</script></head>
<body><p>A Ukrainian <em>reflection</em> group met in kyiv.</p>
<img src="kyiv.png" alt="Talks in kyiv"><pre>kyiv pre</pre><p>See <code>kyiv</code>.</p></body></html>"#;
        let e = extract(html);
        let p = &e.prose.text;
        assert!(
            p.contains("A Ukrainian reflection group met in kyiv."),
            "{p}"
        );
        assert!(p.contains("Talks in kyiv"), "{p}");
        assert!(
            !p.contains("color") && !p.contains("var ") && !p.contains("pre") && !p.contains("png"),
            "{p}"
        );
        for (i, _) in p.match_indices("kyiv") {
            let s = e.prose.to_source(i, i + 4);
            assert_eq!(&html[s.start..s.end], "kyiv");
            assert!(s.exact);
        }
    }

    #[test]
    fn entities_are_decoded_but_positions_stay_in_the_source() {
        let html = "<p>Caf&eacute; talks in kyiv &amp; the &Eacute;lys&eacute;e &mdash; done</p>";
        let e = extract(html);
        let p = &e.prose.text;
        assert!(p.contains("Café talks in kyiv & the Élysée — done"), "{p}");
        let at = p.find("kyiv").unwrap();
        let s = e.prose.to_source(at, at + 4);
        assert_eq!(&html[s.start..s.end], "kyiv");
        let at = p.find("Élysée").unwrap();
        let s = e.prose.to_source(at, at + "Élysée".len());
        assert_eq!(&html[s.start..s.end], "&Eacute;lys&eacute;e");
        assert!(!s.exact);
    }

    #[test]
    fn comments_are_collected() {
        let e = extract("<p>a</p><!-- mtlint-disable-next-line casing --><p>kyiv</p>");
        assert_eq!(e.comments.len(), 1);
        assert_eq!(e.comments[0].text, "mtlint-disable-next-line casing");
    }
}
