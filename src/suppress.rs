//! In-document suppressions (`<!-- mtlint-disable RULE -->`, `<!-- mtlint-enable -->`,
//! `<!-- mtlint-disable-next-line RULE -->`) and project-wide ignored phrases.

use crate::diagnostic::Finding;
use crate::document::LineIndex;
use crate::formats::Comment;

/// What a suppression comment says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directive {
    /// Suppress the keys (all rules when empty) from here on.
    Disable(Vec<String>),
    /// End an earlier `Disable` of the keys (all when empty).
    Enable(Vec<String>),
    /// Suppress the keys (all when empty) on the next line.
    DisableNextLine(Vec<String>),
}

/// A suppression comment in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// Source span of the comment.
    pub start: usize,
    /// End of the comment.
    pub end: usize,
    /// What it says.
    pub directive: Directive,
}

/// A suppression that suppressed nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnusedSuppression {
    /// Source span of the comment.
    pub start: usize,
    /// End of the comment.
    pub end: usize,
    /// The comment text.
    pub text: String,
}

/// Parses the comments that are mtlint directives.
pub fn parse(comments: &[Comment]) -> Vec<Suppression> {
    comments
        .iter()
        .filter_map(|c| {
            let mut words = c.text.split_whitespace();
            let verb = words.next()?;
            let keys: Vec<String> = words
                .flat_map(|w| w.split(','))
                .filter(|k| !k.is_empty())
                .map(str::to_string)
                .collect();
            let directive = match verb {
                "mtlint-disable" => Directive::Disable(keys),
                "mtlint-enable" => Directive::Enable(keys),
                "mtlint-disable-next-line" => Directive::DisableNextLine(keys),
                _ => return None,
            };
            Some(Suppression {
                start: c.start,
                end: c.end,
                directive,
            })
        })
        .collect()
}

/// Whether a suppression key names the finding's rule (full or bare id), pack or category.
pub fn key_matches(key: &str, finding: &Finding) -> bool {
    let (pack, bare) = finding.rule.split_once('/').unwrap_or(("", &finding.rule));
    key == finding.rule || key == pack || key == bare || key == finding.category.as_str()
}

fn keys_match(keys: &[String], finding: &Finding) -> bool {
    keys.is_empty() || keys.iter().any(|k| key_matches(k, finding))
}

/// Removes suppressed findings; returns the suppressions that suppressed nothing.
pub fn apply(
    text: &str,
    index: &LineIndex,
    findings: &mut Vec<Finding>,
    suppressions: &[Suppression],
) -> Vec<UnusedSuppression> {
    let mut used = vec![false; suppressions.len()];
    findings.retain(|f| {
        let mut suppressed_by = None;
        for (i, s) in suppressions.iter().enumerate() {
            match &s.directive {
                Directive::Disable(keys) if s.end <= f.start && keys_match(keys, f) => {
                    // Active unless a later enable (before the finding) lifts it.
                    let lifted = suppressions.iter().any(|e| {
                        matches!(&e.directive, Directive::Enable(ek)
                            if e.start >= s.end && e.end <= f.start
                                && (ek.is_empty() || ek.iter().any(|k| key_matches(k, f))))
                    });
                    if !lifted {
                        suppressed_by = Some(i);
                    }
                }
                Directive::DisableNextLine(keys)
                    if keys_match(keys, f)
                        && index.line_of(f.start) == index.line_of(s.end.min(text.len())) + 1 =>
                {
                    suppressed_by = Some(i);
                }
                _ => {}
            }
            if suppressed_by.is_some() {
                break;
            }
        }
        if let Some(i) = suppressed_by {
            used[i] = true;
        }
        suppressed_by.is_none()
    });
    suppressions
        .iter()
        .zip(used)
        .filter(|(s, used)| !used && !matches!(s.directive, Directive::Enable(_)))
        .map(|(s, _)| UnusedSuppression {
            start: s.start,
            end: s.end,
            text: text[s.start..s.end].to_string(),
        })
        .collect()
}

/// Removes findings that lie inside an occurrence of an ignored phrase (exact text).
pub fn drop_ignored_phrases(text: &str, findings: &mut Vec<Finding>, phrases: &[String]) {
    if phrases.is_empty() || findings.is_empty() {
        return;
    }
    let mut spans: Vec<(usize, usize)> = phrases
        .iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| {
            text.match_indices(p.as_str())
                .map(|(i, m)| (i, i + m.len()))
        })
        .collect();
    spans.sort_unstable();
    findings.retain(|f| !spans.iter().any(|&(s, e)| s <= f.start && f.end <= e));
}
