//! `casing` detector: gazetteer names written with another case ("kyiv", "Cnn", "ukraine",
//! "nato") get their canonical form as the suggestion.
//!
//! Precision first: all-caps text, identifiers (URLs, file names, handles), British-style
//! word acronyms ("Nato"), lowercase two-letter acronyms ("pm", "id") and the sentence-initial
//! capital of a lowercase-initial name ("De Gaulle" at a sentence start) are accepted.
//! Ambiguous names whose lowercase form is a common word (turkey, china, polish) are flagged
//! only in contexts that make them proper nouns ("president of turkey", "polish government").

use std::sync::Arc;

use serde::Deserialize;

use super::gazetteer::{FormMatch, Gazetteer, Kind};
use super::textscan::{
    eq_ignore_case, in_identifier, is_sentence_start, word_case, words, words_from, WordCase,
};
use super::{Convention, Detector, PartEvidence, TextWords};
use crate::case::capitalise_first;
use crate::engine::Candidate;

/// Parameters of the `casing` detector.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    /// Gazetteer data file (embedded path or file on disk).
    gazetteer: String,
    /// Nouns that make an ambiguous lowercase name a proper noun: "<noun> of turkey",
    /// "turkey's <noun>", "polish <noun>".
    #[serde(default)]
    context_nouns: Vec<String>,
    /// Forms never reported (case-insensitive), e.g. words this pack's users write in
    /// lowercase on purpose.
    #[serde(default)]
    allow: Vec<String>,
    /// Lowercase idioms in which a name stays lowercase ("french fr" covers "french
    /// fries", "plaster of paris", "go dutch"); matched as prefixes of the text.
    #[serde(default)]
    idioms: Vec<String>,
    /// Confidence of a lowercase name written as a common word would be ("kyiv").
    #[serde(default = "default_lowercase")]
    lowercase_confidence: f32,
    /// Confidence of other case errors ("Cnn", "Tiktok") and of multi-word names.
    #[serde(default = "default_other")]
    other_confidence: f32,
    /// Confidence of an ambiguous name in a proper-noun context ("president of turkey").
    #[serde(default = "default_ambiguous")]
    ambiguous_confidence: f32,
}

fn default_lowercase() -> f32 {
    0.9
}
fn default_other() -> f32 {
    0.8
}
fn default_ambiguous() -> f32 {
    0.7
}

/// The compiled `casing` detector.
pub struct Casing {
    gazetteer: Arc<Gazetteer>,
    context_nouns: Vec<String>,
    allow: Vec<String>,
    /// The idioms, each with the [`byte_set`] of its bytes.
    idioms: Vec<(String, u64)>,
    lowercase_confidence: f32,
    other_confidence: f32,
    ambiguous_confidence: f32,
}

/// What to do with one gazetteer match.
enum Verdict {
    /// Written correctly (or acceptably): skip past it.
    Accept,
    /// Not this form: try a shorter one.
    Skip,
    /// Report with this suggestion and confidence.
    Flag(String, f32),
    /// Report, unless the document writes the name this way throughout.
    FlagUnlessConvention(String, f32),
}

impl Casing {
    /// Builds the detector from its YAML parameters.
    pub fn build(params: &serde_yaml::Value) -> Result<Casing, String> {
        let p: Params =
            Params::deserialize(params).map_err(|e| format!("bad `casing` params: {e}"))?;
        Ok(Casing {
            gazetteer: Gazetteer::shared(&p.gazetteer)?,
            context_nouns: p.context_nouns.iter().map(|n| n.to_lowercase()).collect(),
            allow: p.allow,
            idioms: p
                .idioms
                .iter()
                .map(|i| {
                    let i = i.to_lowercase();
                    let bytes = byte_set(&i);
                    (i, bytes)
                })
                .collect(),
            lowercase_confidence: p.lowercase_confidence,
            other_confidence: p.other_confidence,
            ambiguous_confidence: p.ambiguous_confidence,
        })
    }

    fn is_context_noun(&self, word: &str) -> bool {
        self.context_nouns.iter().any(|n| eq_ignore_case(n, word))
    }

    /// Whether the text around an ambiguous lowercase name makes it a proper noun.
    fn proper_noun_context(&self, text: &str, start: usize, end: usize, kind: Kind) -> bool {
        match kind {
            Kind::Demonym => {
                // "polish government"
                let mut next = words_from(text, end);
                next.next().is_some_and(|(s, e)| {
                    text[end..s].chars().all(|c| c == ' ') && self.is_context_noun(&text[s..e])
                })
            }
            Kind::Country | Kind::City | Kind::Region => {
                // "president of turkey"
                let before = text[..start].trim_end_matches(' ');
                let of = before.len() >= 3 && before.ends_with("of") && {
                    let rest = before[..before.len() - 2].trim_end_matches(' ');
                    rest.len() < before.len() - 2
                        && rest
                            .rsplit(|c: char| !c.is_alphanumeric())
                            .next()
                            .is_some_and(|w| self.is_context_noun(w))
                };
                // "turkey's president"
                let after = &text[end..];
                let rest = after.strip_prefix("'s ").or(after.strip_prefix("’s "));
                let poss = rest.is_some_and(|rest| {
                    words_from(text, text.len() - rest.len())
                        .next()
                        .is_some_and(|(s, e)| {
                            s == text.len() - rest.len() && self.is_context_noun(&text[s..e])
                        })
                });
                of || poss
            }
            _ => false,
        }
    }

    /// Whether the name at `start` (written `written`) is part of one of the idioms.
    fn in_idiom(&self, text: &str, start: usize, written: &str) -> bool {
        if !written.chars().all(|c| !c.is_uppercase()) {
            return false;
        }
        let bytes = byte_set(written);
        self.idioms.iter().any(|(idiom, idiom_bytes)| {
            // An idiom lacking one of the bytes of `written` cannot contain it.
            bytes & !idiom_bytes == 0
                && occurrences_in(idiom, written).any(|k| {
                    let Some(from) = start.checked_sub(k) else {
                        return false;
                    };
                    let to = from + idiom.len();
                    text.is_char_boundary(from)
                        && to <= text.len()
                        && text.is_char_boundary(to)
                        && eq_ignore_case(&text[from..to], idiom)
                        && (from == 0 || !text[..from].ends_with(char::is_alphanumeric))
                })
        })
    }

    fn judge(&self, text: &str, start: usize, m: &FormMatch) -> Verdict {
        let written = &text[start..m.end];
        if self.gazetteer.forms_of(m.entry).any(|f| f == written) {
            return Verdict::Accept;
        }
        let shape = word_case(written);
        if shape == WordCase::Upper {
            // Headlines and shouting: every name is in capitals there.
            return Verdict::Accept;
        }
        if in_identifier(text, start, m.end)
            || self.allow.iter().any(|a| a == written)
            || is_mention(text, start, m.end)
            || self.in_idiom(text, start, written)
        {
            return Verdict::Accept;
        }
        let sentence_start = is_sentence_start(text, start);
        // Among spellings that differ only in case, the canonical one is the suggestion.
        let form = if eq_ignore_case(m.entry.canonical, written) {
            m.entry.canonical
        } else {
            m.form
        };
        let lower_initial = form.starts_with(char::is_lowercase);
        let expected = if sentence_start && lower_initial {
            capitalise_first(form)
        } else {
            form.to_string()
        };
        if written == expected {
            return Verdict::Accept;
        }
        if m.form.contains(' ') {
            return self.judge_multiword(text, start, m, sentence_start, expected);
        }
        let letters = form.chars().filter(|c| c.is_alphabetic()).count();
        match shape {
            WordCase::Lower => {
                if m.entry.ambiguous {
                    if self.proper_noun_context(text, start, m.end, m.entry.kind) {
                        Verdict::Flag(expected, self.ambiguous_confidence)
                    } else {
                        Verdict::Accept
                    }
                } else if m.entry.kind == Kind::Acronym
                    && letters <= 2
                    && !form.contains(|c: char| c.is_ascii_digit())
                    && !after_the(text, start, m.end)
                {
                    // pm, id, ok, tv: too often ordinary words or units, unless "the eu".
                    Verdict::Accept
                } else if in_lowercase_compound(text, m.end) {
                    // "nvidia-driver", "ukraine-war-map": package names and slugs.
                    Verdict::Accept
                } else if form.chars().any(char::is_uppercase) {
                    Verdict::FlagUnlessConvention(expected, self.lowercase_confidence)
                } else {
                    Verdict::Accept
                }
            }
            WordCase::Capitalised => {
                if m.entry.ambiguous || letters <= 2 {
                    // "Us", "Who", "May" at sentence starts and in titles; "Un", "Ok".
                    return Verdict::Accept;
                }
                if m.entry.kind == Kind::Acronym || form.chars().all(|c| !c.is_lowercase()) {
                    // "Cnn" is wrong; "Nato", "Nasa", "Unesco" are British house style for
                    // acronyms read as words.
                    let vowels = form
                        .chars()
                        .filter(|c| matches!(c, 'A' | 'E' | 'I' | 'O' | 'U'))
                        .count();
                    if letters <= 3 || vowels == 0 {
                        Verdict::Flag(expected, self.other_confidence)
                    } else {
                        Verdict::Accept
                    }
                } else {
                    Verdict::Flag(expected, self.other_confidence)
                }
            }
            // "MeP", "eID", "CBs": identifiers and technical terms; translation does not
            // produce these shapes.
            WordCase::Mixed | WordCase::Upper => Verdict::Accept,
        }
    }

    fn judge_multiword(
        &self,
        text: &str,
        start: usize,
        m: &FormMatch,
        sentence_start: bool,
        expected: String,
    ) -> Verdict {
        if m.entry.ambiguous {
            return Verdict::Skip;
        }
        // "Kyiv post-war" is not "Kyiv Post".
        let mut after = text[m.end..].chars();
        if matches!(after.next(), Some('-' | '‐'))
            && after.next().is_some_and(char::is_alphanumeric)
        {
            return Verdict::Skip;
        }
        let tokens = words(&text[start..m.end]);
        let mut capitalised_later = false;
        let mut has_name_word = false;
        let mut first = true;
        for (s, e) in tokens {
            let w = &text[start + s..start + e];
            if w.chars().any(char::is_uppercase) && !(first && sentence_start) {
                capitalised_later = true;
            }
            first = false;
            // A word that is a name on its own ("york" in "new york") marks the phrase.
            if let Some(single) = self.gazetteer.longest_at(w, 0, w.len()) {
                if single.end == w.len()
                    && !single.entry.ambiguous
                    && single.entry.kind != Kind::Other
                {
                    has_name_word = true;
                }
            }
        }
        if capitalised_later || has_name_word || m.entry.kind == Kind::Country {
            Verdict::Flag(expected, self.other_confidence)
        } else {
            // "white house", "security council": common words in lowercase.
            Verdict::Skip
        }
    }
}

/// The set of the bytes of `s`, each byte as bit `byte % 64`.
fn byte_set(s: &str) -> u64 {
    s.bytes().fold(0, |set, b| set | 1 << (b % 64))
}

/// Byte offsets of the non-overlapping occurrences of `needle` (not empty) in `hay`, left
/// to right, as `str::match_indices` finds them; a plain byte loop, since the idioms are a
/// few bytes long and building a substring searcher for each would cost more than the search.
fn occurrences_in<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let mut k = 0;
    std::iter::from_fn(move || {
        while !n.is_empty() && k + n.len() <= h.len() {
            let at = k;
            if h[at] == n[0] && h[at..at + n.len()] == *n {
                k += n.len();
                return Some(at);
            }
            k += 1;
        }
        None
    })
}

/// Whether a short lowercase acronym reads as a name: "the eu", "the uk", followed by a
/// space or punctuation (not "the un-American").
fn after_the(text: &str, start: usize, end: usize) -> bool {
    let before = &text[..start];
    let the = before.ends_with("the ") || before.ends_with("The ");
    let next = text[end..].chars().next();
    the && next.is_none_or(|c| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | ')'))
}

/// Whether the word is quoted as a word ('arabic', `paris`): a mention, not a use.
fn is_mention(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    matches!(
        (before, after),
        (Some('\'' | '‘'), Some('\'' | '’')) | (Some('"'), Some('"')) | (Some('`'), Some('`'))
    )
}

/// Whether a lowercase name at `..end` is the first part of a lowercase hyphenated
/// identifier ("nvidia-driver"); English compounds ("kyiv-based") are not.
fn in_lowercase_compound(text: &str, end: usize) -> bool {
    const COMPOUND_TAILS: &[&str] = &[
        "based",
        "led",
        "backed",
        "born",
        "style",
        "made",
        "controlled",
        "held",
        "run",
        "friendly",
        "bound",
        "wide",
        "centric",
        "owned",
        "funded",
        "allied",
        "aligned",
    ];
    let Some(rest) = text[end..].strip_prefix('-') else {
        return false;
    };
    let tail_end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    let tail = &rest[..tail_end];
    !tail.is_empty()
        && tail.chars().all(|c| c.is_lowercase() || c.is_ascii_digit())
        && !COMPOUND_TAILS.contains(&tail)
}

/// Whether the document writes this name in lowercase on purpose: at least three lowercase
/// occurrences and more of them than of the accepted spellings ("cairo" the library in a
/// README). Translation slips are the exception in a document, not its convention.
fn lowercase_by_convention<'f>(
    text: &str,
    written: &str,
    forms: impl Iterator<Item = &'f str>,
) -> bool {
    let lower = count_word(text, written, usize::MAX);
    if lower < 3 {
        return false;
    }
    let correct: usize = forms.map(|f| count_word(text, f, lower)).sum();
    lower > correct
}

/// Occurrences of `word` (exact case, on word boundaries) in `text`, counting up to `cap`.
pub(crate) fn count_word(text: &str, word: &str, cap: usize) -> usize {
    let mut n = 0;
    for (i, _) in text.match_indices(word) {
        if crate::engine::on_word_boundaries(text, i, i + word.len()) {
            n += 1;
            if n >= cap {
                break;
            }
        }
    }
    n
}

impl Detector for Casing {
    // What a name's case is judged by lies in its line and the line before (whether
    // it starts a sentence), except the document's convention for lowercase names,
    // checked on the whole document.
    fn checks_document(&self) -> bool {
        true
    }

    fn stand_in_document(&self, text: &str, spans: &[(usize, usize)]) -> Vec<bool> {
        // Per-document decisions of `lowercase_by_convention`, by written form, as in
        // `find_in`.
        let mut convention: Vec<(&str, bool)> = Vec::new();
        let mut stands = |start: usize, end: usize| {
            let Some((s, e)) = words_from(text, start).next() else {
                return true;
            };
            if s != start {
                return true;
            }
            for m in self.gazetteer.matches_at(text, start, e) {
                match self.judge(text, start, &m) {
                    Verdict::Skip => continue,
                    Verdict::FlagUnlessConvention(..) if m.end == end => {
                        let written = &text[start..end];
                        let skip = match convention.iter().find(|(w, _)| *w == written) {
                            Some(&(_, skip)) => skip,
                            None => {
                                let forms = self.gazetteer.forms_of(m.entry);
                                let skip = lowercase_by_convention(text, written, forms);
                                convention.push((written, skip));
                                skip
                            }
                        };
                        return !skip;
                    }
                    _ => return true,
                }
            }
            true
        };
        spans.iter().map(|&(s, e)| stands(s, e)).collect()
    }

    fn find(&self, text: &str, rule: usize, out: &mut Vec<Candidate>) {
        self.find_in(&TextWords::new(text), rule, out);
    }

    fn find_in(&self, words: &TextWords<'_>, rule: usize, out: &mut Vec<Candidate>) {
        self.scan(words, rule, out, None, true);
    }

    fn find_in_part(
        &self,
        words: &TextWords<'_>,
        rule: usize,
        out: &mut Vec<Candidate>,
        part: &mut PartEvidence,
    ) {
        self.scan(words, rule, out, Some(part), true);
    }

    fn find_in_lines(&self, words: &TextWords<'_>, rule: usize, out: &mut Vec<Candidate>) {
        self.scan(words, rule, out, None, false);
    }
}

impl Casing {
    /// [`Detector::find_in`]; in a part of a document (`part`), a name whose report
    /// depends on how the whole document writes it makes the part undecidable;
    /// without `check_convention`, lowercase names are reported even where the text
    /// writes them so by convention (the check is then
    /// [`Detector::stand_in_document`]'s).
    fn scan(
        &self,
        words: &TextWords<'_>,
        rule: usize,
        out: &mut Vec<Candidate>,
        part: Option<&mut PartEvidence>,
        check_convention: bool,
    ) {
        let text = words.text();
        match words.spans() {
            Some(spans) => {
                // Only the tokens that may start a form: a bit test skips the others.
                let bytes = text.as_bytes();
                let tokens = spans
                    .iter()
                    .map(|&(s, e)| (s as usize, e as usize))
                    .filter(|&(s, e)| self.gazetteer.may_start_at(bytes, s, e));
                self.scan_tokens(text, tokens, rule, out, part, check_convention);
            }
            None => self.scan_tokens(text, words.iter(), rule, out, part, check_convention),
        }
    }

    /// [`Casing::scan`] over `tokens`, the word tokens of `text` in order (or those of
    /// them that may start a gazetteer form).
    fn scan_tokens(
        &self,
        text: &str,
        tokens: impl Iterator<Item = (usize, usize)>,
        rule: usize,
        out: &mut Vec<Candidate>,
        mut part: Option<&mut PartEvidence>,
        check_convention: bool,
    ) {
        let mut resume = 0;
        // Per-document decisions of `lowercase_by_convention`, by written form.
        let mut convention: Vec<(&str, bool)> = Vec::new();
        for (start, end) in tokens {
            if start < resume {
                continue;
            }
            for m in self.gazetteer.matches_at(text, start, end) {
                let (suggestion, confidence) = match self.judge(text, start, &m) {
                    Verdict::Skip => continue,
                    Verdict::Accept => {
                        resume = m.end;
                        break;
                    }
                    Verdict::Flag(suggestion, confidence) => (suggestion, confidence),
                    Verdict::FlagUnlessConvention(suggestion, confidence) => {
                        let written = &text[start..m.end];
                        if let Some(part) = part.as_deref_mut() {
                            // The whole document's counts decide: report for now, and
                            // let the document drop it (see `PartEvidence::conventions`).
                            part.conventions.push(Convention {
                                rule,
                                start,
                                end: m.end,
                                written: written.to_string(),
                                forms: self
                                    .gazetteer
                                    .forms_of(m.entry)
                                    .map(str::to_string)
                                    .collect(),
                            });
                        } else if check_convention {
                            let skip = match convention.iter().find(|(w, _)| *w == written) {
                                Some(&(_, skip)) => skip,
                                None => {
                                    let forms = self.gazetteer.forms_of(m.entry);
                                    let skip = lowercase_by_convention(text, written, forms);
                                    convention.push((written, skip));
                                    skip
                                }
                            };
                            if skip {
                                resume = m.end;
                                break;
                            }
                        }
                        (suggestion, confidence)
                    }
                };
                resume = m.end;
                out.push(Candidate {
                    rule,
                    start,
                    end: m.end,
                    suggestions: vec![suggestion],
                    confidence: Some(confidence),
                });
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detector() -> Casing {
        let params: serde_yaml::Value = serde_yaml::from_str(
            "gazetteer: rules/en/data/gazetteer.tsv\ncontext_nouns: [president, government, capital]",
        )
        .unwrap();
        Casing::build(&params).unwrap()
    }

    fn found(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        detector().find(text, 0, &mut out);
        out.into_iter()
            .map(|c| (text[c.start..c.end].to_string(), c.suggestions[0].clone()))
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn wrong_case_gets_canonical_form() {
        assert_eq!(
            found("Cnn\n–\nThe allies and kyiv met; ukraine and nato agreed with Fox news."),
            pairs(&[
                ("Cnn", "CNN"),
                ("kyiv", "Kyiv"),
                ("ukraine", "Ukraine"),
                ("nato", "NATO"),
                ("Fox news", "Fox News")
            ])
        );
    }

    #[test]
    fn accepted_spellings() {
        assert!(
            found("KYIV AND NATO. Nato and Nasa (British style). The Elysee and Kiev.").is_empty()
        );
        assert!(found("Visit cnn.com, follow @nato or #ukraine; open kyiv.pdf.").is_empty());
        assert!(found("It is 3 pm; the white house on the corner; my id card.").is_empty());
        assert!(found("Ok. The MeP and eID modules; Un jour.").is_empty());
        assert!(found("Install nvidia-driver or ukraine-map-2.").is_empty());
        assert_eq!(found("a kyiv-based group").len(), 1);
        // A document that writes the name in lowercase throughout means it.
        assert!(found("cairo draws; cairo prints; link with cairo.").is_empty());
        assert_eq!(found("Cairo draws; cairo prints.").len(), 1);
    }

    #[test]
    fn ambiguous_words_need_context() {
        assert!(found("We ate turkey from fine china. You may polish it in march.").is_empty());
        assert_eq!(
            found("He met the president of turkey in the capital of china."),
            pairs(&[("turkey", "Turkey"), ("china", "China")])
        );
        assert_eq!(
            found("the polish government"),
            pairs(&[("polish", "Polish")])
        );
    }

    #[test]
    fn lowercase_initial_names_at_sentence_start() {
        assert!(found("Al-Shabaab left. He saw al-Shabaab.").is_empty());
        assert_eq!(
            found("He saw Al-shabaab."),
            pairs(&[("Al-shabaab", "al-Shabaab")])
        );
    }

    #[test]
    fn skipping_tokens_finds_what_every_token_finds() {
        let d = detector();
        let prose = "Cnn\n–\nThe allies and kyiv met; ukraine and nato agreed with Fox news.\n\
            He saw Al-shabaab in new york, the president of turkey’s capital and the polish \
            government. KYIV AND NATO. kiev’s élysée, ÉLYSÉE and türkiye; O’Neill, o'neill \
            \u{212a}yiv nato-led nvidia-driver 'paris' the eu, the uk. New\nYork Abcdefghijklmnopq";
        for t in [
            prose.to_string(),
            prose.to_lowercase(),
            prose.to_uppercase(),
        ] {
            let words = TextWords::new(&t);
            let (mut fast, mut simple) = (Vec::new(), Vec::new());
            d.scan(&words, 0, &mut fast, None, true);
            d.scan_tokens(&t, words_from(&t, 0), 0, &mut simple, None, true);
            let spans = |c: &[Candidate]| -> Vec<(usize, usize, Vec<String>)> {
                c.iter()
                    .map(|c| (c.start, c.end, c.suggestions.clone()))
                    .collect()
            };
            assert_eq!(spans(&fast), spans(&simple), "{t}");
            assert!(t.starts_with("CNN") || !fast.is_empty());
        }
    }

    #[test]
    fn multiword_names() {
        assert_eq!(found("in new york"), pairs(&[("new york", "New York")]));
        assert!(found("a Kyiv post-war plan").is_empty());
    }
}
