//! Markdown: prose of paragraphs, headings, list items, table cells and emphasis;
//! code, URLs, link destinations, HTML markup and front matter are skipped.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::prose::ProseBuilder;
use super::{html_comments, Comment, Extracted};

/// Extracts the prose of a Markdown document.
pub fn extract(source: &str) -> Extracted<'_> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut prose = ProseBuilder::default();
    let mut comments: Vec<Comment> = Vec::new();
    // Depth inside elements whose text is not prose (code blocks, front matter, autolinks).
    let mut skip = 0usize;
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock => skip += 1,
                Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                } => skip += 1,
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::TableCell
                | Tag::BlockQuote(_)
                | Tag::FootnoteDefinition(_) => prose.separator("\n\n"),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock => {
                    skip = skip.saturating_sub(1)
                }
                // Only autolinks (written `<…>`) incremented `skip`.
                TagEnd::Link if source[range.clone()].starts_with('<') && skip > 0 => skip -= 1,
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition => prose.separator("\n\n"),
                _ => {}
            },
            Event::Text(text) if skip == 0 => {
                if source.get(range.clone()) == Some(&*text) {
                    prose.verbatim(&text, range.start);
                } else {
                    prose.mapped(&text, range.start, range.len());
                }
            }
            // Inline code stands in the sentence as a neutral token.
            Event::Code(_) if skip == 0 => prose.mapped(" ", range.start, range.len()),
            Event::SoftBreak if skip == 0 => prose.mapped(" ", range.start, range.len()),
            Event::HardBreak if skip == 0 => prose.mapped("\n", range.start, range.len()),
            Event::Html(html) | Event::InlineHtml(html) => {
                comments.extend(html_comments(&html, range.start));
            }
            _ => {}
        }
    }
    Extracted {
        prose: prose.finish(),
        comments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose_of(md: &str) -> String {
        extract(md).prose.text.into_owned()
    }

    #[test]
    fn skips_code_front_matter_links_and_html() {
        let md = "---\ntitle: kyiv\n---\n# The kyiv summit\n\nSee `kyiv` and [the kyiv page](https://kyiv.example/kyiv) or <https://kyiv.example>.\n\n```\nkyiv code\n```\n\n<div class=\"kyiv\">\n</div>\n\n| a | b |\n|---|---|\n| kyiv cell | x |\n";
        let p = prose_of(md);
        assert!(!p.contains("title"), "{p}");
        assert!(!p.contains("code"), "{p}");
        assert!(!p.contains("https"), "{p}");
        assert!(!p.contains("class"), "{p}");
        assert_eq!(p.matches("kyiv").count(), 3, "{p}"); // heading, link text, table cell
    }

    #[test]
    fn offsets_map_back_and_emphasis_joins_words() {
        let md = "A *reflection* **group** met in kyiv.\nNext line.";
        let e = extract(md);
        let p = &e.prose.text;
        assert!(
            p.contains("A reflection group met in kyiv. Next line."),
            "{p}"
        );
        let at = p.find("kyiv").unwrap();
        let s = e.prose.to_source(at, at + 4);
        assert_eq!(&md[s.start..s.end], "kyiv");
        assert!(s.exact);
        let at = p.find("reflection group").unwrap();
        let s = e.prose.to_source(at, at + "reflection group".len());
        assert_eq!(&md[s.start..s.end], "reflection* **group");
        assert!(!s.exact, "a fix across markup would break it");
    }

    #[test]
    fn collects_comments() {
        let md = "<!-- mtlint-disable casing -->\nkyiv\n\nText <!-- mtlint-enable --> more.";
        let e = extract(md);
        let texts: Vec<&str> = e.comments.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["mtlint-disable casing", "mtlint-enable"]);
        assert_eq!(
            &md[e.comments[0].start..e.comments[0].end],
            "<!-- mtlint-disable casing -->"
        );
    }
}
