//! `pronoun-gender` detector: "his"/"her" referring to a country, city, organisation or
//! thing, the grammatical gender of the source language carried over ("Kyiv and his
//! allies", "the company and her results", "France and her partners") → "its".
//!
//! Two patterns, both requiring a close, unambiguous antecedent:
//! - `<thing> and his/her <noun>`, where the thing is a gazetteer country, city, region,
//!   organisation or acronym (not ambiguous, not a place that is also a given name) or a
//!   determiner with a thing noun ("the company");
//! - `<Entity> <verbs…> his/her <noun>` within one clause: at most a few words between,
//!   none of them punctuation, a capitalised word, a determiner, a personal noun or pronoun
//!   or a clause boundary (a lower confidence).
//!
//! Nothing is reported when the sentence before the antecedent mentions a person (a
//! personal noun or pronoun, or a capitalised word that is not a known non-person name),
//! when the antecedent is a modifier ("the president of France and his wife") or part of a
//! longer name ("George Washington and his army").

use std::collections::HashSet;
use std::sync::Arc;

use serde::Deserialize;

use super::gazetteer::{Gazetteer, Kind};
use super::textscan::{eq_ignore_case, is_sentence_start, words, words_from, FnvBuild};
use super::wordlist::SortedList;
use super::{Detector, TextWords};
use crate::engine::Candidate;

/// Parameters of the `pronoun-gender` detector.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    /// Gazetteer data file.
    gazetteer: String,
    /// Sorted list of words written only capitalised (person names among them).
    propernames: String,
    /// Nouns for things and institutions ("company", "government") after a determiner.
    things: Vec<String>,
    /// Nouns and pronouns for people: their presence vetoes a finding.
    people: Vec<String>,
    /// Gazetteer places that are also given names (Jordan, Georgia, Victoria): never
    /// antecedents.
    #[serde(default)]
    person_like: Vec<String>,
    /// Most words between an entity and the pronoun in the same clause (0 disables).
    #[serde(default = "default_window")]
    window: usize,
    /// Confidence of the clause pattern ("Russia has increased his strikes").
    #[serde(default = "default_clause_confidence")]
    clause_confidence: f32,
}

fn default_window() -> usize {
    5
}
fn default_clause_confidence() -> f32 {
    0.6
}

/// Words that end the search for an antecedent inside a clause.
const CLAUSE_STOPS: &[&str] = &[
    "and", "or", "but", "that", "which", "who", "whom", "whose", "because", "while", "when", "if",
    "as", "than", "where", "after", "before", "since", "although", "though", "until", "unless",
    "whether", "so",
];
/// Determiners and possessives: another noun phrase starts there.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "this", "that", "these", "those", "our", "my", "your",
    "some", "any", "each", "every", "another", "his", "her", "no",
];
/// Prepositions that make the word after them a modifier, not the antecedent.
const PREPOSITIONS: &[&str] = &[
    "of", "from", "for", "with", "in", "at", "by", "to", "on", "about", "between", "among",
    "against", "into", "over", "under", "like", "than", "via", "toward", "towards",
];
/// Words after "her" that show it is an object pronoun ("asked her to").
const AFTER_OBJECT_HER: &[&str] = &[
    "to", "and", "or", "in", "on", "at", "for", "with", "that", "the", "a", "an", "of", "from",
    "by", "as", "if", "when", "about", "up", "out", "down", "off", "back", "away", "again", "into",
    "over", "this", "it", "what", "how", "why", "was", "is", "not", "so", "too",
];

/// The compiled `pronoun-gender` detector.
pub struct PronounGender {
    gazetteer: Arc<Gazetteer>,
    propernames: SortedList,
    things: Vec<String>,
    /// Looked up for every word of a sentence before a candidate antecedent.
    people: FoldedSet,
    person_like: Vec<String>,
    window: usize,
    clause_confidence: f32,
}

/// A set of words looked up ignoring case exactly as [`eq_ignore_case`] compares two
/// words (by their lowercase characters), with one hash lookup.
struct FoldedSet(HashSet<Vec<u8>, FnvBuild>);

/// The lowercase characters of `word`, as [`eq_ignore_case`] compares them.
fn fold(word: &str) -> Vec<u8> {
    word.chars()
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .into_bytes()
}

impl FoldedSet {
    fn new(words: &[String]) -> FoldedSet {
        FoldedSet(words.iter().map(|w| fold(w)).collect())
    }

    /// Whether some word of the set equals `word` ignoring case.
    fn contains(&self, word: &str) -> bool {
        let mut buf = [0u8; 32];
        match buf.get_mut(..word.len()) {
            // ASCII words fold without allocating.
            Some(lower) if word.is_ascii() => {
                lower.copy_from_slice(word.as_bytes());
                lower.make_ascii_lowercase();
                self.0.contains(&*lower)
            }
            _ => self.0.contains(&fold(word)),
        }
    }
}

/// Whether `word` is in `list` (ASCII words, as all the lists above) ignoring case.
fn has(list: &[&str], word: &str) -> bool {
    if word.is_ascii() {
        // What `eq_ignore_case` does for two ASCII words, without the call per entry.
        list.iter().any(|w| w.eq_ignore_ascii_case(word))
    } else {
        list.iter().any(|w| eq_ignore_case(w, word))
    }
}

fn has_owned(list: &[String], word: &str) -> bool {
    list.iter().any(|w| eq_ignore_case(w, word))
}

/// The word token ending at or before `end` (skipping separators), as a byte range.
fn word_before(text: &str, end: usize) -> Option<(usize, usize)> {
    let head = &text[..end];
    let e = head.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    if e == 0 {
        return None;
    }
    let s = head[..e]
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    Some((s, e))
}

impl PronounGender {
    /// Builds the detector from its YAML parameters.
    pub fn build(params: &serde_yaml::Value) -> Result<PronounGender, String> {
        let p: Params =
            Params::deserialize(params).map_err(|e| format!("bad `pronoun-gender` params: {e}"))?;
        Ok(PronounGender {
            gazetteer: Gazetteer::shared(&p.gazetteer)?,
            propernames: SortedList::open(&p.propernames)?,
            things: p.things,
            people: FoldedSet::new(&p.people),
            person_like: p.person_like,
            window: p.window,
            clause_confidence: p.clause_confidence,
        })
    }

    /// A non-person gazetteer entity spanning exactly `start..end`, written in one of its
    /// forms or in lowercase.
    fn entity_ending_at(&self, text: &str, end: usize) -> Option<usize> {
        // Try starts up to four words back, longest first.
        let mut starts = Vec::with_capacity(4);
        let mut at = end;
        for _ in 0..4 {
            let Some((s, _)) = word_before(text, at) else {
                break;
            };
            starts.push(s);
            if text[..s].ends_with(['\n', '.', ',', ';', ':']) {
                break;
            }
            at = s;
        }
        for &s in starts.iter().rev() {
            let first_end = s + text[s..]
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(text.len() - s);
            let found = self
                .gazetteer
                .matches_at(text, s, first_end)
                .find(|m| m.end == end);
            if let Some(m) = found {
                let written = &text[s..end];
                let ok_case = written.chars().all(|c| !c.is_uppercase())
                    || self.gazetteer.forms_of(m.entry).any(|f| f == written);
                if m.entry.kind.is_thing()
                    && !m.entry.ambiguous
                    && ok_case
                    && !has_owned(&self.person_like, m.entry.canonical)
                {
                    return Some(s);
                }
                return None;
            }
        }
        None
    }

    /// "the company": a determiner and a thing noun ending at `end`; returns its start.
    fn thing_phrase_ending_at(&self, text: &str, end: usize) -> Option<usize> {
        let (ns, ne) = word_before(text, end)?;
        if ne != end || !has_owned(&self.things, &text[ns..ne]) {
            return None;
        }
        let (ds, de) = word_before(text, ns)?;
        let det = &text[ds..de];
        (text[de..ns].chars().all(|c| c == ' ')
            && matches!(
                det,
                "the" | "The" | "this" | "This" | "that" | "each" | "every"
            ))
        .then_some(ds)
    }

    /// Whether the antecedent starting at `start` is a modifier or part of a longer name.
    fn is_modifier(&self, text: &str, start: usize) -> bool {
        let Some((s, e)) = word_before(text, start) else {
            return false;
        };
        let gap = &text[e..start];
        if gap.contains(['.', '!', '?', ';', ':', ',', '\n', '(', '“', '"']) {
            return false;
        }
        let w = &text[s..e];
        if has(PREPOSITIONS, w) || gap.contains(['\'', '’']) {
            return true;
        }
        // "George Washington", "of New York" handled above; "St Louis".
        w.starts_with(char::is_uppercase) && !is_sentence_start(text, s)
    }

    /// Whether the sentence before `until` (from its start) mentions a person.
    fn mentions_person(&self, text: &str, until: usize) -> bool {
        let from = sentence_start(text, until);
        for (s, e) in words_from(&text[..until], from) {
            let w = &text[s..e];
            if self.people.contains(w) {
                return true;
            }
            if !w.starts_with(char::is_uppercase) {
                continue;
            }
            // Places, organisations, demonyms, months: not people.
            let thing = self
                .gazetteer
                .matches_at(text, s, e)
                .any(|m| m.entry.kind != Kind::Person)
                || self.inside_known_name(text, s);
            if thing {
                continue;
            }
            if self.gazetteer.is_person_word(w) || self.propernames.contains_folded(w) {
                return true;
            }
            // An unexplained capitalised word mid-sentence may be a person's name.
            if !is_sentence_start(text, s) && w.chars().any(char::is_lowercase) {
                return true;
            }
        }
        false
    }

    /// Whether the capitalised word at `s` continues a gazetteer name that starts one or
    /// two words earlier ("Fox News": "News").
    fn inside_known_name(&self, text: &str, s: usize) -> bool {
        let mut at = s;
        for _ in 0..3 {
            let Some((ps, pe)) = word_before(text, at) else {
                return false;
            };
            if self
                .gazetteer
                .matches_at(text, ps, pe)
                .any(|m| m.end > s && m.entry.kind != Kind::Person)
            {
                return true;
            }
            at = ps;
        }
        false
    }

    /// The clause pattern: an entity within `window` words before the pronoun at `p`.
    fn clause_antecedent(&self, text: &str, p: usize) -> Option<usize> {
        let mut at = p;
        for _ in 0..=self.window {
            let (s, e) = word_before(text, at)?;
            let gap = &text[e..at];
            if !gap.chars().all(|c| c == ' ') {
                return None;
            }
            let w = &text[s..e];
            if w.starts_with(char::is_uppercase) {
                let start = self.entity_ending_at(text, e)?;
                let subject = match word_before(text, start) {
                    None => true,
                    Some((bs, be)) => {
                        let gap = &text[be..start];
                        gap.contains([',', ';', ':', '.', '!', '?', '\n'])
                            || has(&["and", "but", "while", "as", "that"], &text[bs..be])
                    }
                };
                return (subject || is_sentence_start(text, start)).then_some(start);
            }
            if self.people.contains(w)
                || has(DETERMINERS, w)
                || has(CLAUSE_STOPS, w)
                || w.chars().any(|c| c.is_ascii_digit())
            {
                return None;
            }
            at = s;
        }
        None
    }
}

/// Byte offsets of "his " and "her " in `text`, in order: a substring search, so the
/// words of the text need not be walked.
fn pronouns(text: &str) -> impl Iterator<Item = usize> + '_ {
    let his = memchr::memmem::find_iter(text.as_bytes(), b"his ");
    let her = memchr::memmem::find_iter(text.as_bytes(), b"her ");
    let mut found: Vec<usize> = his.chain(her).collect();
    found.sort_unstable();
    found.into_iter()
}

/// Start of the sentence containing `at` (after the last . ! ? ; or paragraph break,
/// looking back at most 600 bytes).
fn sentence_start(text: &str, at: usize) -> usize {
    let lo = crate::document::floor_char_boundary(text, at.saturating_sub(600));
    text[lo..at]
        .rfind(['.', '!', '?', ';'])
        .map_or(lo, |i| lo + i + 1)
}

impl Detector for PronounGender {
    fn document_level(&self) -> bool {
        true
    }

    fn find(&self, text: &str, rule: usize, out: &mut Vec<Candidate>) {
        self.find_in(&TextWords::new(text), rule, out);
    }

    fn find_in(&self, tokens: &TextWords<'_>, rule: usize, out: &mut Vec<Candidate>) {
        let text = tokens.text();
        for p in pronouns(text) {
            // Not preceded by a word character (so also the start of a token).
            if text[..p]
                .chars()
                .next_back()
                .is_some_and(crate::engine::is_word_char)
            {
                continue;
            }
            let pronoun = &text[p..p + 3];
            // The possessed noun: a lowercase word right after the pronoun.
            let Some((ns, ne)) = words(&text[p + 4..])
                .next()
                .map(|(s, e)| (p + 4 + s, p + 4 + e))
            else {
                continue;
            };
            let noun = &text[ns..ne];
            if ns != p + 4 || !noun.chars().all(|c| c.is_lowercase()) {
                continue;
            }
            if pronoun == "her" && has(AFTER_OBJECT_HER, noun) {
                continue;
            }
            let (antecedent, confidence) = if let Some(before) = text[..p].strip_suffix(" and ") {
                let end = before.len();
                match self
                    .entity_ending_at(text, end)
                    .or_else(|| self.thing_phrase_ending_at(text, end))
                {
                    Some(a) => (a, None),
                    None => continue,
                }
            } else if self.window > 0 {
                match self.clause_antecedent(text, p) {
                    Some(a) => (a, Some(self.clause_confidence)),
                    None => continue,
                }
            } else {
                continue;
            };
            if self.is_modifier(text, antecedent) || self.mentions_person(text, antecedent) {
                continue;
            }
            out.push(Candidate {
                rule,
                start: p,
                end: ne,
                suggestions: vec![format!("its {noun}")],
                confidence,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pronoun positions as tokens: "his"/"her" followed by a space and preceded
    /// by no word character.
    fn pronoun_tokens(text: &str) -> Vec<usize> {
        words(text)
            .filter(|&(s, e)| {
                e - s == 3 && matches!(text.as_bytes().get(s..e + 1), Some(b"his " | b"her "))
            })
            .map(|(s, _)| s)
            .filter(|&s| {
                !text[..s]
                    .chars()
                    .next_back()
                    .is_some_and(crate::engine::is_word_char)
            })
            .collect()
    }

    #[test]
    fn folded_set_compares_as_eq_ignore_case() {
        let list: Vec<String> = ["he", "Spokesman", "Ökonom", "K\u{212a}", "straße", "ΣΟΦΊΑ"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        let set = FoldedSet::new(&list);
        for w in [
            "he",
            "HE",
            "He",
            "hE",
            "her",
            "h",
            "spokesman",
            "SPOKESMAN",
            "ökonom",
            "ÖKONOM",
            "kk",
            "KK",
            "Kk",
            "straße",
            "STRASSE",
            "σοφία",
            "ΣΟΦΊΑ",
            "",
        ] {
            assert_eq!(set.contains(w), has_owned(&list, w), "{w}");
        }
        let long = "a".repeat(40);
        let set = FoldedSet::new(&[long.to_uppercase()]);
        assert!(set.contains(&long) && !set.contains(&long[1..]));
    }

    #[test]
    fn word_lists_are_ascii() {
        for list in [CLAUSE_STOPS, DETERMINERS, PREPOSITIONS, AFTER_OBJECT_HER] {
            assert!(list.iter().all(|w| w.is_ascii()));
            for w in [
                "the", "THE", "The", "tHe", "th", "thee", "é", "\u{212a}", "over",
            ] {
                let slow = list.iter().any(|x| eq_ignore_case(x, w));
                assert_eq!(has(list, w), slow, "{w}");
            }
        }
    }

    #[test]
    fn pronouns_are_the_tokens() {
        let text = "his army; this her\nher  hers éhis his\u{301} his_ _his ’his \
            (her staff) Kyiv and his allies. HIS her-her hisher his\ther her";
        let found: Vec<usize> = pronouns(text)
            .filter(|&p| {
                !text[..p]
                    .chars()
                    .next_back()
                    .is_some_and(crate::engine::is_word_char)
            })
            .collect();
        assert_eq!(found, pronoun_tokens(text));
        assert_eq!(found.len(), 7);
    }
}
