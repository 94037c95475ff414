//! Word boundaries and exception contexts around a match.

use crate::document::floor_char_boundary;
use crate::rules::ExceptionCheck;

/// Bytes of context given to `before`/`after` exception regexes.
const CONTEXT_BYTES: usize = 80;

pub use crate::rules::is_word_char;

/// Whether `start..end` in `text` starts and ends on word boundaries.
pub fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let edge_ok = |outer: Option<char>, inner: Option<char>| match (outer, inner) {
        (Some(o), Some(i)) => !(is_word_char(o) && is_word_char(i)),
        _ => true,
    };
    edge_ok(before, first) && edge_ok(after, last)
}

/// Text on the same line before `start`, at most [`CONTEXT_BYTES`] bytes.
pub fn before(text: &str, start: usize) -> &str {
    let from = floor_char_boundary(text, start.saturating_sub(CONTEXT_BYTES));
    let window = &text[from..start];
    match window.rfind('\n') {
        Some(i) => &window[i + 1..],
        None => window,
    }
}

/// Text on the same line after `end`, at most [`CONTEXT_BYTES`] bytes.
pub fn after(text: &str, end: usize) -> &str {
    let to = floor_char_boundary(text, (end + CONTEXT_BYTES).min(text.len()));
    let window = &text[end..to];
    match window.find('\n') {
        Some(i) => &window[..i],
        None => window,
    }
}

/// Whether any exception vetoes the match `start..end`.
pub fn vetoed(text: &str, start: usize, end: usize, exceptions: &[ExceptionCheck]) -> bool {
    exceptions.iter().any(|e| match e {
        ExceptionCheck::Before(re) => re.is_match(before(text, start)),
        ExceptionCheck::After(re) => re.is_match(after(text, end)),
        ExceptionCheck::Within(phrase) => within(text, start, end, phrase),
    })
}

/// Whether two exception lists are the same checks (the same regexes with the
/// same case flags, the same phrases, in the same order): they then veto the
/// same matches. Packs that share a phrase often share its exceptions too.
pub fn same_exceptions(a: &[ExceptionCheck], b: &[ExceptionCheck]) -> bool {
    std::ptr::eq(a, b)
        || a.len() == b.len()
            && a.iter().zip(b).all(|pair| match pair {
                (ExceptionCheck::Before(x), ExceptionCheck::Before(y))
                | (ExceptionCheck::After(x), ExceptionCheck::After(y)) => {
                    x.is_case_insensitive() == y.is_case_insensitive() && x.as_str() == y.as_str()
                }
                (ExceptionCheck::Within(x), ExceptionCheck::Within(y)) => x == y,
                _ => false,
            })
}

/// The exception verdicts given for one span, so that the rules of several
/// packs that match the same span with the same exceptions check them once.
#[derive(Default)]
pub struct VetoMemo<'r> {
    /// The span the verdicts are for.
    span: (usize, usize),
    /// Exception lists checked on that span, with their verdicts.
    verdicts: Vec<(&'r [ExceptionCheck], bool)>,
}

impl<'r> VetoMemo<'r> {
    /// Like [`vetoed`], reusing the verdict of an equal exception list checked
    /// on the same span.
    pub fn vetoed(
        &mut self,
        text: &str,
        start: usize,
        end: usize,
        exceptions: &'r [ExceptionCheck],
    ) -> bool {
        if exceptions.is_empty() {
            return false;
        }
        if self.span != (start, end) {
            self.span = (start, end);
            self.verdicts.clear();
        }
        if let Some(&(_, verdict)) = self
            .verdicts
            .iter()
            .find(|(seen, _)| same_exceptions(seen, exceptions))
        {
            return verdict;
        }
        let verdict = vetoed(text, start, end, exceptions);
        self.verdicts.push((exceptions, verdict));
        verdict
    }
}

/// Whether an occurrence of `phrase` (lowercase) in `text` covers `start..end`.
fn within(text: &str, start: usize, end: usize, phrase: &str) -> bool {
    let lo = floor_char_boundary(text, start.saturating_sub(phrase.len()));
    let hi = floor_char_boundary(text, (end + phrase.len()).min(text.len()));
    let hi = (hi..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    let window = text[lo..hi].to_lowercase();
    if window.len() != hi - lo {
        // Lowercasing changed byte lengths (rare scripts): compare without offsets.
        return window.contains(phrase);
    }
    window.match_indices(phrase).any(|(i, _)| {
        let (s, e) = (lo + i, lo + i + phrase.len());
        s <= start && end <= e
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        let t = "the coalitions, coalition-led";
        assert!(!on_word_boundaries(t, 4, 13)); // "coalition" inside "coalitions"
        assert!(on_word_boundaries(t, 4, 14));
        assert!(on_word_boundaries(t, 16, 25)); // before a hyphen
    }

    #[test]
    fn contexts_stay_on_the_line() {
        let t = "first line\nthe match here\nnext";
        let s = t.find("match").unwrap();
        assert_eq!(before(t, s), "the ");
        assert_eq!(after(t, s + 5), " here");
    }

    #[test]
    fn within_phrase() {
        let t = "Questions and answers were published.";
        assert!(within(t, 0, 9, "questions and answers"));
        assert!(!within(t, 0, 9, "answers and questions"));
    }

    #[test]
    fn memo_agrees_with_checking_each_list() {
        let set = crate::rules::RuleSet::builtin().unwrap();
        let lists: Vec<&[ExceptionCheck]> = set
            .rules
            .iter()
            .map(|r| r.exceptions.as_slice())
            .filter(|e| !e.is_empty())
            .collect();
        // Some lists are shared by several packs' rules.
        assert!(lists
            .iter()
            .enumerate()
            .any(|(i, a)| lists[i + 1..].iter().any(|b| same_exceptions(a, b))));
        let text = "The Ministry of Defence said on Monday that the army's \
                    well-known plan — «coordinated» by Señor Pérez — was\n\
                    approved. SHE SAID the coalition-led office had made the \
                    state of the art decision in the country, not in Zürich.";
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for (k, &s) in bounds.iter().enumerate().step_by(5) {
            for &e in bounds[k + 1..].iter().take(12).step_by(6) {
                spans.push((s, e));
            }
        }
        let mut memo = VetoMemo::default();
        for &(s, e) in &spans {
            // Lists in an order that revisits equal ones on the same span.
            for list in lists.iter().chain(lists.iter().rev()) {
                assert_eq!(
                    memo.vetoed(text, s, e, list),
                    vetoed(text, s, e, list),
                    "span {s}..{e}"
                );
            }
        }
    }
}
