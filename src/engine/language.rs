//! Document language: detected with whatlang, or assumed when detection is unsure.

use serde::Serialize;

/// How the document language was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LanguageSource {
    /// Given by the user (`--language`).
    Forced,
    /// Detected with enough confidence.
    Detected,
    /// Detection was unreliable (short text); the default language was assumed.
    Assumed,
}

/// Minimum whatlang confidence to trust a detection.
const MIN_CONFIDENCE: f64 = 0.5;
/// Bytes of text sampled for detection; enough for a stable answer, cheap on huge files.
pub(crate) const SAMPLE_BYTES: usize = 16 * 1024;

/// Decides the language of `text`: `forced` if given, else detection, else `default`.
pub fn decide(text: &str, forced: Option<&str>, default: &str) -> (String, LanguageSource) {
    if let Some(lang) = forced {
        return (lang.to_string(), LanguageSource::Forced);
    }
    match detect(text) {
        Some(code) => (code, LanguageSource::Detected),
        None => (default.to_string(), LanguageSource::Assumed),
    }
}

/// Detects the language of (a sample of) `text` as an ISO 639-1 code, if reliable.
pub fn detect(text: &str) -> Option<String> {
    let sample = sample(text, SAMPLE_BYTES);
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() || info.confidence() < MIN_CONFIDENCE {
        return None;
    }
    Some(iso639_1(info.lang()).to_string())
}

/// The part of `text` that [`detect`] reads.
pub(crate) fn detection_sample(text: &str) -> &str {
    sample(text, SAMPLE_BYTES)
}

/// A prefix of `text` of at most `max` bytes, cut at a char boundary.
fn sample(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    &text[..crate::document::floor_char_boundary(text, max)]
}

/// ISO 639-1 code of a whatlang language (639-3 where there is no 639-1 code).
pub fn iso639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Eng => "en",
        Fra => "fr",
        Spa => "es",
        Deu => "de",
        Ita => "it",
        Por => "pt",
        Rus => "ru",
        Ukr => "uk",
        Cmn => "zh",
        Cat => "ca",
        Nld => "nl",
        Pol => "pl",
        Jpn => "ja",
        Kor => "ko",
        Ara => "ar",
        Tur => "tr",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Fin => "fi",
        Ces => "cs",
        Slk => "sk",
        Ron => "ro",
        Hun => "hu",
        Ell => "el",
        Bul => "bg",
        Heb => "he",
        Hin => "hi",
        Vie => "vi",
        Ind => "id",
        Epo => "eo",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_long_text_and_assumes_on_short() {
        let en = "The ministers arrived in the French capital for the summit, where they discussed security guarantees for Ukraine and the future of the ceasefire.";
        assert_eq!(
            decide(en, None, "en"),
            ("en".into(), LanguageSource::Detected)
        );
        let fr = "Les ministres sont arrivés dans la capitale française pour le sommet, où ils ont discuté des garanties de sécurité pour l'Ukraine.";
        assert_eq!(decide(fr, None, "en").0, "fr");
        assert_eq!(
            decide("kyiv", None, "en"),
            ("en".into(), LanguageSource::Assumed)
        );
        assert_eq!(
            decide(fr, Some("en"), "en"),
            ("en".into(), LanguageSource::Forced)
        );
    }
}
