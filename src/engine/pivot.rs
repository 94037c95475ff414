//! Pivot inference: after linting, the likely language a document was translated through,
//! from its findings. Calques, false friends and grammar calques carry their pack's pivot
//! (other categories do not count it: a casing slip says little about the source), untranslated
//! fragments the language they are written in, and French typography (a space before
//! `; : ! ?`, guillemets) points to French.
//!
//! Once the pivot is clear, [`adjust_false_friends`] raises the confidence of that pivot's
//! ambiguous false friends and lowers the other pivots' ones. A false friend is the pivot's
//! own when the pivot's rules matched its span, even if a related pack's identical rule won
//! the overlap (the Romance packs share many rules).

use std::collections::HashMap;

use crate::diagnostic::{Category, Finding};

/// For findings whose exact span the rules of several pivots matched (by start and end
/// byte), those pivots: the evidence is split between them.
pub type SharedPivots = HashMap<(usize, usize), Vec<String>>;

/// The text findings' spans index: a whole text, or excerpts of it around the findings
/// (see [`crate::document::Excerpts`]).
pub trait SpanText {
    /// The text of `start..end`, if it is there.
    fn span_text(&self, start: usize, end: usize) -> Option<&str>;
}

impl SpanText for str {
    fn span_text(&self, start: usize, end: usize) -> Option<&str> {
        self.get(start..end)
    }
}

impl SpanText for String {
    fn span_text(&self, start: usize, end: usize) -> Option<&str> {
        self.get(start..end)
    }
}

/// Whether findings of this category carry their pack's pivot as evidence.
pub fn carries_pivot(category: Category) -> bool {
    matches!(
        category,
        Category::Calque | Category::FalseFriend | Category::Grammar | Category::Untranslated
    )
}

/// The likely pivot language of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct PivotGuess {
    /// ISO 639-1 code of the pivot language.
    pub language: String,
    /// Number of findings that point to it.
    pub evidence: usize,
    /// How sure the guess is (0–1): its share of the pivot evidence, discounted when there
    /// is little of it.
    pub confidence: f32,
}

/// How a lint run uses the pivot language of a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum PivotMode {
    /// Infer the pivot from the findings and, once it is clear, adjust the confidence of
    /// ambiguous false friends to it (the default).
    #[default]
    Infer,
    /// The pivot is known (configured with `pivot:`): report it and adjust to it.
    Known(String),
    /// Infer and report the pivot, but leave confidences as the rules give them.
    ReportOnly,
}

impl PivotMode {
    /// The mode for a `pivot:` setting: `auto` infers, `report-only` infers without
    /// adjusting, an ISO 639-1 code is a known pivot.
    pub fn from_setting(value: &str) -> Result<PivotMode, String> {
        match value {
            "auto" => Ok(PivotMode::Infer),
            "report-only" => Ok(PivotMode::ReportOnly),
            code if code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase()) => {
                Ok(PivotMode::Known(code.to_string()))
            }
            other => Err(format!(
                "pivot `{other}` is not `auto`, `report-only` or an ISO 639-1 code such as `fr`"
            )),
        }
    }

    /// Whether false-friend confidences may move with the pivot.
    pub fn adjusts(&self) -> bool {
        *self != PivotMode::ReportOnly
    }
}

/// The pivot of a document under `mode`, with ambiguous false friends adjusted to it.
/// `text` is what the findings' spans index.
pub fn resolve(
    findings: &mut [Finding],
    text: &(impl SpanText + ?Sized),
    shared: &SharedPivots,
    mode: &PivotMode,
) -> Option<PivotGuess> {
    let guess = match mode {
        PivotMode::Known(language) => Some(PivotGuess {
            language: language.clone(),
            evidence: findings
                .iter()
                .filter(|f| votes(f, text, shared).iter().any(|(l, _)| l == language))
                .count(),
            confidence: 1.0,
        }),
        PivotMode::Infer | PivotMode::ReportOnly => infer(findings, text, shared),
    };
    if let (Some(g), true) = (&guess, mode.adjusts()) {
        adjust_false_friends(findings, g, shared);
    }
    guess
}

/// Fewest findings that must point to a language before it is reported.
pub const MIN_EVIDENCE: usize = 2;
/// Smallest share of the pivot evidence the leading language needs.
const MIN_SHARE: f32 = 0.5;
/// Weight of a typography hint relative to a calque or false friend.
const TYPOGRAPHY_WEIGHT: f32 = 0.5;

/// The pivots a finding points to, each with the weight of that evidence: the pack's pivot,
/// or every pivot whose rules matched the same span, sharing the weight.
fn votes(
    f: &Finding,
    text: &(impl SpanText + ?Sized),
    shared: &SharedPivots,
) -> Vec<(String, f32)> {
    if let (Some(p), true) = (&f.pivot, carries_pivot(f.category)) {
        return match shared.get(&(f.start, f.end)) {
            Some(all) if all.contains(p) => {
                let weight = f.confidence / all.len() as f32;
                all.iter().map(|l| (l.clone(), weight)).collect()
            }
            _ => vec![(p.clone(), f.confidence)],
        };
    }
    vote_from_text(f, text).into_iter().collect()
}

/// The pivot a finding without a pack pivot points to, from the text it matched.
fn vote_from_text(f: &Finding, text: &(impl SpanText + ?Sized)) -> Option<(String, f32)> {
    let matched = text.span_text(f.start, f.end)?;
    match f.category {
        Category::Untranslated => {
            let info = whatlang::detect(matched)?;
            let code = super::language::iso639_1(info.lang());
            (code != "en").then(|| (code.to_string(), f.confidence * 0.8))
        }
        Category::Punctuation if french_typography(matched) => {
            Some(("fr".to_string(), f.confidence * TYPOGRAPHY_WEIGHT))
        }
        _ => None,
    }
}

/// Guillemets, or a space (or no-break space) right before `; : ! ?`.
fn french_typography(s: &str) -> bool {
    if s.contains(['«', '»']) {
        return true;
    }
    let mut prev = 'x';
    for c in s.chars() {
        if matches!(c, ';' | ':' | '!' | '?') && matches!(prev, ' ' | '\u{a0}' | '\u{202f}') {
            return true;
        }
        prev = c;
    }
    false
}

/// Infers the pivot of a document from its findings (`text` is what their spans index).
pub fn infer(
    findings: &[Finding],
    text: &(impl SpanText + ?Sized),
    shared: &SharedPivots,
) -> Option<PivotGuess> {
    // (language, count, weight), in first-seen order; few languages, so a Vec.
    let mut tally: Vec<(String, usize, f32)> = Vec::new();
    for f in findings {
        for (lang, weight) in votes(f, text, shared) {
            match tally.iter_mut().find(|(l, _, _)| *l == lang) {
                Some(t) => {
                    t.1 += 1;
                    t.2 += weight;
                }
                None => tally.push((lang, 1, weight)),
            }
        }
    }
    let total: f32 = tally.iter().map(|t| t.2).sum();
    // Highest weight wins; ties go to more findings, then the smaller code (deterministic).
    tally.sort_by(|a, b| b.2.total_cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
    let (language, evidence, weight) = tally.into_iter().next()?;
    let share = if total > 0.0 { weight / total } else { 0.0 };
    if evidence < MIN_EVIDENCE || share < MIN_SHARE {
        return None;
    }
    // Two findings alone are thin evidence; ten or more are plenty.
    let amount = 1.0 - (-(evidence as f32) / 3.0).exp();
    Some(PivotGuess {
        language,
        evidence,
        confidence: (share * amount).clamp(0.0, 1.0),
    })
}

/// Rule confidence below which a false friend counts as ambiguous (it may be the right
/// word), so the document's pivot decides.
pub const AMBIGUOUS_BELOW: f32 = 0.8;
/// Pivot confidence from which [`adjust_false_friends`] acts.
pub const CLEAR_PIVOT: f32 = 0.6;
/// Factor for an ambiguous false friend of the document's pivot.
pub const RAISE: f32 = 1.15;
/// Factor for an ambiguous false friend of another pivot.
const LOWER: f32 = 0.75;

/// Once the pivot is clear, scales the confidence of ambiguous false friends: up for the
/// pivot's own (its pack's, or matched by its pack too, per `shared`), down for other
/// pivots'. Deterministic; returns how many changed.
pub fn adjust_false_friends(
    findings: &mut [Finding],
    pivot: &PivotGuess,
    shared: &SharedPivots,
) -> usize {
    if pivot.confidence < CLEAR_PIVOT {
        return 0;
    }
    let mut changed = 0;
    for f in findings.iter_mut() {
        if f.category != Category::FalseFriend || f.confidence >= AMBIGUOUS_BELOW {
            continue;
        }
        let Some(p) = &f.pivot else { continue };
        let own = *p == pivot.language
            || shared
                .get(&(f.start, f.end))
                .is_some_and(|all| all.contains(&pivot.language));
        let factor = if own { RAISE } else { LOWER };
        let old = f.confidence;
        f.confidence = (old * factor).min(AMBIGUOUS_BELOW);
        let scale = if old > 0.0 { f.confidence / old } else { 1.0 };
        for s in &mut f.suggestions {
            s.confidence = (s.confidence * scale).min(1.0);
        }
        changed += usize::from(f.confidence != old);
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Severity};

    fn f(category: Category, pivot: Option<&str>, start: usize, end: usize) -> Finding {
        Finding {
            rule: "p/r".into(),
            rule_index: 0,
            category,
            severity: Severity::Warning,
            confidence: 0.7,
            message: String::new(),
            start,
            end,
            suggestions: vec![],
            pivot: pivot.map(str::to_string),
            applicability: Applicability::Safe,
        }
    }

    #[test]
    fn majority_pivot_with_enough_evidence() {
        let text = "x";
        let findings = vec![
            f(Category::Calque, Some("fr"), 0, 1),
            f(Category::FalseFriend, Some("fr"), 0, 1),
            f(Category::Calque, Some("fr"), 0, 1),
            f(Category::Calque, Some("es"), 0, 1),
            f(Category::Casing, None, 0, 1),
        ];
        let g = infer(&findings, text, &SharedPivots::new()).unwrap();
        assert_eq!((g.language.as_str(), g.evidence), ("fr", 3));
        assert!(g.confidence > 0.4 && g.confidence < 0.8, "{}", g.confidence);
        assert_eq!(infer(&findings[3..], text, &SharedPivots::new()), None);
    }

    #[test]
    fn shared_rules_split_their_evidence() {
        // Two findings that Spanish, Catalan and Galician rules all matched say little
        // about which of them it was; one Spanish-only calque then decides nothing alone.
        let findings = vec![
            f(Category::Grammar, Some("ca"), 0, 3),
            f(Category::Grammar, Some("ca"), 4, 7),
            f(Category::Calque, Some("es"), 8, 9),
        ];
        let mut shared = SharedPivots::new();
        for span in [(0, 3), (4, 7)] {
            shared.insert(span, vec!["es".into(), "ca".into(), "gl".into()]);
        }
        let g = infer(&findings, "", &shared).unwrap();
        assert_eq!((g.language.as_str(), g.evidence), ("es", 3));
        assert!(g.confidence < 0.5, "{}", g.confidence);
        // Without the shared matches, Catalan would win.
        let g = infer(&findings, "", &SharedPivots::new()).unwrap();
        assert_eq!(g.language, "ca");
    }

    #[test]
    fn typography_and_untranslated_text_count() {
        let text = "Il faut dire ; « oui » mais la situation est très compliquée aujourd'hui";
        let findings = vec![
            f(Category::Punctuation, None, 11, 14),
            f(Category::Punctuation, None, 15, 24),
            f(Category::Untranslated, None, 29, text.len()),
        ];
        let g = infer(&findings, text, &SharedPivots::new()).unwrap();
        assert_eq!((g.language.as_str(), g.evidence), ("fr", 3));
    }

    #[test]
    fn clear_pivot_moves_ambiguous_false_friends() {
        let mut findings = vec![
            f(Category::FalseFriend, Some("fr"), 0, 1),
            f(Category::FalseFriend, Some("es"), 0, 1),
            f(Category::Calque, Some("es"), 0, 1),
        ];
        let pivot = PivotGuess {
            language: "fr".into(),
            evidence: 9,
            confidence: 0.9,
        };
        assert_eq!(
            adjust_false_friends(&mut findings, &pivot, &SharedPivots::new()),
            2
        );
        assert!(findings[0].confidence > 0.7 && findings[1].confidence < 0.7);
        assert_eq!(findings[2].confidence, 0.7);

        // A known pivot acts with full confidence; report-only leaves findings alone.
        let mut findings = vec![
            f(Category::FalseFriend, Some("de"), 0, 3),
            f(Category::FalseFriend, Some("fr"), 4, 7),
        ];
        let g = resolve(
            &mut findings,
            "",
            &SharedPivots::new(),
            &PivotMode::Known("de".into()),
        )
        .unwrap();
        assert_eq!(
            (g.language.as_str(), g.evidence, g.confidence),
            ("de", 1, 1.0)
        );
        assert!(findings[0].confidence > 0.7 && findings[1].confidence < 0.7);
        let mut findings = vec![
            f(Category::FalseFriend, Some("de"), 0, 3),
            f(Category::FalseFriend, Some("de"), 4, 7),
        ];
        let g = resolve(
            &mut findings,
            "",
            &SharedPivots::new(),
            &PivotMode::ReportOnly,
        )
        .unwrap();
        assert_eq!(g.language, "de");
        assert!(findings.iter().all(|f| f.confidence == 0.7));
    }

    #[test]
    fn a_rule_the_pivot_shares_counts_as_its_own() {
        // The Spanish and Catalan packs both have the rule; the Catalan one won the overlap
        // (same span and confidence: the pack name decides). In a Spanish document it is
        // still a Spanish false friend, so it goes up, not down.
        let mut findings = vec![
            f(Category::FalseFriend, Some("ca"), 0, 3),
            f(Category::FalseFriend, Some("ca"), 4, 7),
        ];
        let mut shared = SharedPivots::new();
        shared.insert((0, 3), vec!["ca".into(), "es".into(), "gl".into()]);
        let pivot = PivotGuess {
            language: "es".into(),
            evidence: 9,
            confidence: 0.9,
        };
        assert_eq!(adjust_false_friends(&mut findings, &pivot, &shared), 2);
        assert!(findings[0].confidence > 0.7, "{}", findings[0].confidence);
        assert!(findings[1].confidence < 0.7, "{}", findings[1].confidence);
    }
}
