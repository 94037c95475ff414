//! Copying the case of matched text onto a suggestion.

/// The case shape of a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseShape {
    /// No uppercase letters (or no letters at all).
    Lower,
    /// First letter uppercase, others as they come ("Coalition of wishes").
    Capitalised,
    /// Every word starts uppercase and there are several words ("Coalition Of Wishes").
    Title,
    /// All letters uppercase, at least two of them ("COALITION").
    Upper,
}

/// Classifies the case of `text`.
pub fn shape(text: &str) -> CaseShape {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase()) {
        return CaseShape::Upper;
    }
    match letters.first() {
        Some(c) if c.is_uppercase() => {
            let words: Vec<&str> = text.split_whitespace().collect();
            let title = words.len() > 1
                && words.iter().all(|w| {
                    w.chars()
                        .find(|c| c.is_alphabetic())
                        .is_none_or(char::is_uppercase)
                });
            if title {
                CaseShape::Title
            } else {
                CaseShape::Capitalised
            }
        }
        _ => CaseShape::Lower,
    }
}

/// Applies the case shape of `matched` to `replacement`.
///
/// A lowercase match leaves the replacement as written, so originals that
/// contain proper nouns keep them.
pub fn preserve(matched: &str, replacement: &str) -> String {
    match shape(matched) {
        CaseShape::Lower => replacement.to_string(),
        CaseShape::Upper => replacement.to_uppercase(),
        CaseShape::Capitalised => capitalise_first(replacement),
        CaseShape::Title => replacement
            .split(' ')
            .map(capitalise_first)
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// Uppercases the first letter of `s`.
pub fn capitalise_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Lowercases the first letter of `s`.
pub fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_case_shapes() {
        assert_eq!(
            preserve("coalition of wishes", "coalition of the willing"),
            "coalition of the willing"
        );
        assert_eq!(
            preserve("Coalition of wishes", "coalition of the willing"),
            "Coalition of the willing"
        );
        assert_eq!(
            preserve("COALITION OF WISHES", "coalition of the willing"),
            "COALITION OF THE WILLING"
        );
        assert_eq!(
            preserve("Coalition Of Wishes", "coalition of the willing"),
            "Coalition Of The Willing"
        );
        assert_eq!(preserve("reflection group", "Think Tank"), "Think Tank");
        assert_eq!(
            preserve("Éventuellement", "éventuellement"),
            "Éventuellement"
        );
        assert_eq!(preserve("", "x"), "x");
    }

    #[test]
    fn single_capital_letter_is_capitalised_not_upper() {
        assert_eq!(shape("I"), CaseShape::Capitalised);
        assert_eq!(shape("A reflection"), CaseShape::Capitalised);
        assert_eq!(shape("NATO"), CaseShape::Upper);
    }
}
