//! Filling in message templates.

use crate::diagnostic::Category;
use crate::rules::{language_name, Pack, Rule};

/// The message of a finding: the rule's template or a default for its category.
/// `extra` holds placeholders supplied by a detector (`{language}`).
pub fn render(
    rule: &Rule,
    pack: &Pack,
    matched: &str,
    original: Option<&str>,
    extra: &[(&str, String)],
) -> String {
    let template = rule
        .message
        .as_deref()
        .unwrap_or(match (rule.category, original) {
        (_, None) => default_without_original(rule.category),
        (Category::Calque, _) => {
            "“{match}” looks like a word-for-word translation; the likely original is “{original}”"
        }
        (Category::FalseFriend, _) => {
            "“{match}” looks like a false friend; the likely original is “{original}”"
        }
        (Category::Casing, _) => "“{match}” is written “{original}”",
        (Category::NonWord, _) => {
            "“{match}” is not an English word; did the original say “{original}”?"
        }
        _ => "“{match}” looks like a translation artefact; the likely original is “{original}”",
    });
    let pivot = pack
        .pivot
        .as_deref()
        .map(language_name)
        .unwrap_or("the source language");
    let mut out = String::with_capacity(template.len() + matched.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let (value, len) = if tail.starts_with("{match}") {
            (Some(matched), 7)
        } else if tail.starts_with("{original}") {
            (Some(original.unwrap_or("?")), 10)
        } else if tail.starts_with("{source}") {
            (Some(rule.docs.source.as_deref().unwrap_or("?")), 8)
        } else if tail.starts_with("{pivot}") {
            (Some(pivot), 7)
        } else if let Some((name, value)) = extra.iter().find(|(name, _)| {
            tail[1..].starts_with(name) && tail[1 + name.len()..].starts_with('}')
        }) {
            (Some(value.as_str()), name.len() + 2)
        } else {
            (None, 1)
        };
        out.push_str(value.unwrap_or("{"));
        rest = &tail[len..];
    }
    out.push_str(rest);
    out
}

fn default_without_original(category: Category) -> &'static str {
    match category {
        Category::Untranslated => "“{match}” seems to be left untranslated",
        Category::NonWord => "“{match}” is not an English word",
        _ => "“{match}” looks like a translation artefact",
    }
}
