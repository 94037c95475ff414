//! Loading and validating packs: YAML → [`RuleSet`], with located errors.

use std::collections::HashSet;

use regex::Regex;

use super::lazy_regex::{capture_names, triggers, LazyRegex};

use super::error::{Locator, PackError};
use super::expand::expand;
use super::model::{
    ExceptionCheck, Matcher, Pack, PhraseEntry, Rule, RuleDocs, RuleExample, RuleSet,
};
use super::schema::{Example, OneOrMany, PackFile, Phrases, RuleSpec};
use crate::diagnostic::{Applicability, Category, Severity};

/// The text of a pack and the file it came from.
#[derive(Debug, Clone)]
pub struct PackSource {
    /// File name shown in errors.
    pub file: String,
    /// YAML text.
    pub text: String,
}

/// Parses and validates packs into one rule set, collecting every error.
pub fn load_rule_set(sources: &[PackSource]) -> Result<RuleSet, Vec<PackError>> {
    extend_rule_set(RuleSet::default(), sources)
}

/// Parses and validates packs and adds them to `set` (e.g. user packs to the
/// built-in ones), collecting every error.
pub fn extend_rule_set(
    mut set: RuleSet,
    sources: &[PackSource],
) -> Result<RuleSet, Vec<PackError>> {
    let mut errors = Vec::new();
    let mut pack_names: HashSet<String> = set.packs.iter().map(|p| p.name.clone()).collect();
    for source in sources {
        let parsed: PackFile = match serde_yaml::from_str(&source.text) {
            Ok(p) => p,
            Err(e) => {
                let offset = e.location().map_or(0, |l| l.index());
                let message = e.to_string();
                // serde_yaml appends " at line X column Y"; we show our own location.
                let message = match message.find(" at line ") {
                    Some(i) => message[..i].to_string(),
                    None => message,
                };
                errors.push(PackError::at(
                    &source.file,
                    &source.text,
                    offset,
                    1,
                    message,
                ));
                continue;
            }
        };
        let loc = Locator::new(&source.text);
        let err = |span: (usize, usize), msg: String| {
            PackError::at(&source.file, &source.text, span.0, span.1, msg)
        };
        if !pack_names.insert(parsed.pack.name.clone()) {
            let at = source.text.find(&parsed.pack.name).unwrap_or(0);
            errors.push(err(
                (at, parsed.pack.name.len()),
                format!("duplicate pack name `{}`", parsed.pack.name),
            ));
            continue;
        }
        let pack_index = set.packs.len();
        let header = &parsed.pack;
        set.packs.push(Pack {
            name: header.name.clone(),
            description: header.description.clone(),
            language: header.language.clone(),
            pivot: header.pivot.clone(),
            file: source.file.clone(),
        });
        let mut ids = HashSet::new();
        for spec in parsed.rules {
            if !ids.insert(spec.id.clone()) {
                let first = loc.rule(&spec.id);
                // Point at the second occurrence.
                let second = source.text[first.0 + first.1..]
                    .find(&spec.id)
                    .map_or(first, |i| (first.0 + first.1 + i, spec.id.len()));
                errors.push(err(second, format!("duplicate rule id `{}`", spec.id)));
                continue;
            }
            match compile_rule(spec, pack_index, &parsed.pack, &loc) {
                Ok(rule) => set.rules.push(rule),
                Err((span, msg)) => errors.push(err(span, msg)),
            }
        }
    }
    if errors.is_empty() {
        Ok(set)
    } else {
        Err(errors)
    }
}

type Located = ((usize, usize), String);

fn compile_rule(
    spec: RuleSpec,
    pack: usize,
    header: &super::schema::PackHeader,
    loc: &Locator,
) -> Result<Rule, Located> {
    // Locating the rule in the source is only needed for an error.
    let fail = |msg: String| (loc.rule(&spec.id), msg);
    if spec.id.is_empty()
        || !spec
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(fail(format!(
            "rule id `{}` must be lowercase letters, digits and `-`",
            spec.id
        )));
    }
    let defaults = &header.defaults;
    let confidence = spec.confidence.or(defaults.confidence).unwrap_or(0.8);
    if !(0.0..=1.0).contains(&confidence) {
        return Err(fail(format!("confidence {confidence} is outside 0..1")));
    }
    let kinds = [
        spec.phrases.is_some(),
        spec.pattern.is_some(),
        spec.detector.is_some(),
    ];
    if kinds.iter().filter(|&&k| k).count() != 1 {
        return Err(fail(format!(
            "rule `{}` needs exactly one of `phrases`, `pattern` or `detector`",
            spec.id
        )));
    }
    if spec.replacement.is_some() && spec.pattern.is_none() {
        return Err(fail("`replacement` is only allowed with `pattern`".into()));
    }
    let matcher = if let Some(phrases) = &spec.phrases {
        compile_phrases(phrases).map_err(|m| (loc.in_rule(&spec.id, "phrases"), m))?
    } else if let Some(pattern) = &spec.pattern {
        let (regex, hir) = LazyRegex::new(pattern, !spec.case_sensitive).map_err(|e| {
            (
                loc.in_rule(&spec.id, "pattern"),
                format!("invalid regex: {}", one_line(&e)),
            )
        })?;
        let replacements = spec
            .replacement
            .as_ref()
            .map(OneOrMany::to_vec)
            .unwrap_or_default();
        for r in &replacements {
            check_template(&hir, r).map_err(|m| (loc.in_rule(&spec.id, "replacement"), m))?;
        }
        Matcher::Pattern {
            triggers: triggers(pattern, &hir).map(Box::new),
            regex: Box::new(regex),
            replacements,
        }
    } else {
        let name = spec.detector.clone().unwrap_or_default();
        Matcher::Detector {
            name,
            params: Box::new(spec.params.clone().unwrap_or(serde_yaml::Value::Null)),
        }
    };
    let exceptions = spec
        .exceptions
        .iter()
        .map(|e| compile_exception(e).map_err(|m| (loc.in_rule(&spec.id, "exceptions"), m)))
        .collect::<Result<Vec<_>, _>>()?;
    let examples = spec
        .examples
        .iter()
        .map(|e| compile_example(e).map_err(|m| (loc.in_rule(&spec.id, "examples"), m)))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(url) = &spec.url {
        check_url(url).map_err(|m| (loc.in_rule(&spec.id, "url"), m))?;
    }
    let category = spec.category.or(defaults.category).ok_or_else(|| {
        fail(format!(
            "rule `{}` has no category and the pack sets no default",
            spec.id
        ))
    })?;
    Ok(Rule {
        id: format!("{}/{}", header.name, spec.id).into(),
        pack,
        category,
        severity: spec
            .severity
            .or(defaults.severity)
            .unwrap_or(Severity::Warning),
        confidence,
        applicability: spec.fix.or(defaults.fix).unwrap_or(Applicability::Safe),
        message: spec.message.map(Into::into),
        preserve_case: spec.preserve_case.unwrap_or(category != Category::Casing),
        matcher,
        exceptions,
        docs: RuleDocs {
            source: spec.source,
            description: spec.description,
            url: spec.url,
            examples,
        }
        .into(),
    })
}

/// A rule's `url` must be absolute (`https://…`), since editors open it as a link.
fn check_url(url: &str) -> Result<(), String> {
    match url::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => Ok(()),
        Ok(u) => Err(format!(
            "url `{url}` has scheme `{}`; use an http(s) URL",
            u.scheme()
        )),
        Err(e) => Err(format!("url `{url}` is not an absolute URL: {e}")),
    }
}

fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn compile_phrases(phrases: &Phrases) -> Result<Matcher, String> {
    let raw: Vec<(String, Vec<String>)> = match phrases {
        Phrases::Map(map) => map.iter().map(|(k, v)| (k.clone(), v.to_vec())).collect(),
        Phrases::List(list) => list.iter().map(|p| (p.clone(), vec![p.clone()])).collect(),
    };
    if raw.is_empty() {
        return Err("`phrases` is empty".into());
    }
    let mut entries = Vec::new();
    for (phrase, originals) in raw {
        let expanded =
            expand(&phrase, &originals).map_err(|e| format!("phrase `{phrase}`: {e}"))?;
        for (text, originals) in expanded {
            if !text.chars().any(char::is_alphanumeric) {
                return Err(format!(
                    "phrase `{phrase}` expands to `{text}`, which has no letters"
                ));
            }
            entries.push(PhraseEntry {
                phrase: text,
                originals,
            });
        }
    }
    Ok(Matcher::Phrases(entries.into()))
}

/// Checks that every `$name` in a template names a capture group of the regex.
fn check_template(hir: &regex_syntax::hir::Hir, template: &str) -> Result<(), String> {
    let mut names = Vec::new();
    capture_names(hir, &mut names);
    let groups = hir.properties().explicit_captures_len();
    let reference = Regex::new(r"\$\{?([A-Za-z_][A-Za-z0-9_]*|[0-9]+)\}?").unwrap();
    for cap in reference.captures_iter(template) {
        let name = &cap[1];
        let known =
            names.iter().any(|n| n == name) || name.parse::<usize>().is_ok_and(|n| n <= groups);
        if !known {
            return Err(format!(
                "replacement `{template}` refers to `${name}`, which is not a capture group of the pattern"
            ));
        }
    }
    Ok(())
}

fn compile_exception(e: &super::schema::Exception) -> Result<ExceptionCheck, String> {
    let regex = |s: &str| {
        LazyRegex::new(s, true)
            .map(|(r, _)| r)
            .map_err(|e| format!("invalid exception regex: {}", one_line(&e)))
    };
    match (&e.before, &e.after, &e.within) {
        (Some(b), None, None) => Ok(ExceptionCheck::Before(regex(b)?)),
        (None, Some(a), None) => Ok(ExceptionCheck::After(regex(a)?)),
        (None, None, Some(w)) => Ok(ExceptionCheck::Within(w.to_lowercase())),
        _ => Err("each exception needs exactly one of `before`, `after`, `within`".into()),
    }
}

fn compile_example(e: &Example) -> Result<RuleExample, String> {
    match (&e.fires, &e.fixed, &e.clean) {
        (Some(text), fixed, None) => Ok(RuleExample::Fires {
            text: text.clone(),
            fixed: fixed.clone(),
        }),
        (None, None, Some(text)) => Ok(RuleExample::Clean(text.clone())),
        _ => Err("each example is either `fires` (with optional `fixed`) or `clean`".into()),
    }
}
