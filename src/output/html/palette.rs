//! Category colours of the report. Highlights are light backgrounds under dark
//! text; accents (underlines, bars) are darker. The tests hold them to WCAG AA:
//! 4.5:1 for text on a highlight, 3:1 for an accent on white.

use crate::diagnostic::Category;

/// Text colour of the report (on white and on every highlight).
pub const TEXT: &str = "#1a1a1a";

/// A category's colours as `#rrggbb`.
pub struct Colors {
    /// Background of a highlight.
    pub highlight: &'static str,
    /// Underline of a highlight and fill of chart bars.
    pub accent: &'static str,
}

/// The colours of a category.
pub fn colors(category: Category) -> Colors {
    let (highlight, accent) = match category {
        Category::Calque => ("#ffd8a8", "#c2410c"),
        Category::FalseFriend => ("#ffc9c9", "#c92a2a"),
        Category::NonWord => ("#e5dbff", "#6741d9"),
        Category::Casing => ("#a5d8ff", "#1864ab"),
        Category::TitleCase => ("#99e9f2", "#0b7285"),
        Category::PronounGender => ("#fcc2d7", "#a61e4d"),
        Category::Punctuation => ("#d8f5a2", "#4d7c0f"),
        Category::Untranslated => ("#ffec99", "#a16207"),
        Category::Grammar => ("#b2f2bb", "#2b8a3e"),
        Category::Style => ("#dee2e6", "#495057"),
    };
    Colors { highlight, accent }
}

/// CSS for the palette: the text colour as `--text`, and for each category a rule
/// `.cat-NAME` that sets `--hl` (highlight) and `--accent`.
pub fn category_css() -> String {
    let mut css = format!(":root {{ --text: {TEXT}; }}\n");
    for c in Category::ALL {
        let Colors { highlight, accent } = colors(c);
        css.push_str(&format!(
            ".cat-{} {{ --hl: {highlight}; --accent: {accent}; }}\n",
            c.as_str()
        ));
    }
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2 relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn contrast_meets_wcag_aa() {
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        for c in Category::ALL {
            let Colors { highlight, accent } = colors(c);
            let text = contrast(TEXT, highlight);
            assert!(text >= 4.5, "{}: text on highlight {text:.2}", c.as_str());
            let bar = contrast(accent, "#ffffff");
            assert!(bar >= 3.0, "{}: accent on white {bar:.2}", c.as_str());
        }
    }
}
