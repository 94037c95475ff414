//! Horizontal bar charts as inline SVG, drawn by mtlint (no chart library).
//! A bar is one or more segments (stacked), each with its own colour and tooltip.

use std::fmt::Write;

use super::escape::Esc;

/// One coloured part of a bar.
pub struct Segment {
    /// How many findings it stands for.
    pub value: usize,
    /// CSS colour of the segment.
    pub color: String,
    /// What it counts (shown as its tooltip, with the value).
    pub name: String,
}

/// A labelled bar.
pub struct Bar {
    /// Text left of the bar.
    pub label: String,
    /// Its segments, left to right.
    pub segments: Vec<Segment>,
}

impl Bar {
    fn total(&self) -> usize {
        self.segments.iter().map(|s| s.value).sum()
    }
}

const WIDTH: usize = 460;
const LABEL: usize = 170;
const ROW: usize = 20;
const BAR_HEIGHT: usize = 14;
/// Longest label shown in full (longer ones keep their end, e.g. a file name).
const MAX_LABEL_CHARS: usize = 24;

/// An SVG bar chart titled `title`, with the value written after each bar.
pub fn bar_chart(title: &str, bars: &[Bar]) -> String {
    let max = bars.iter().map(Bar::total).max().unwrap_or(0).max(1);
    let span = WIDTH - LABEL - 40;
    let height = bars.len().max(1) * ROW + 4;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" aria-label="{}"><title>{}</title>"#,
        Esc(title),
        Esc(title)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = i * ROW + 2;
        let text_y = y + BAR_HEIGHT - 3;
        let _ = write!(
            svg,
            r#"<g><title>{}: {}</title><text x="{}" y="{text_y}" text-anchor="end">{}</text>"#,
            Esc(&bar.label),
            bar.total(),
            LABEL - 8,
            Esc(&shorten(&bar.label))
        );
        let mut x = LABEL;
        for s in bar.segments.iter().filter(|s| s.value > 0) {
            let w = (s.value * span).div_ceil(max).max(2);
            let _ = write!(
                svg,
                r#"<rect x="{x}" y="{y}" width="{w}" height="{BAR_HEIGHT}" fill="{}"><title>{}: {}</title></rect>"#,
                Esc(&s.color),
                Esc(&s.name),
                s.value
            );
            x += w;
        }
        let _ = write!(
            svg,
            r#"<text x="{}" y="{text_y}">{}</text></g>"#,
            x + 6,
            bar.total()
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A label cut to its last [`MAX_LABEL_CHARS`] characters, with an ellipsis.
fn shorten(label: &str) -> String {
    let n = label.chars().count();
    if n <= MAX_LABEL_CHARS {
        return label.to_string();
    }
    let tail: String = label.chars().skip(n - (MAX_LABEL_CHARS - 1)).collect();
    format!("…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_labels_are_escaped() {
        let seg = |value, name: &str| Segment {
            value,
            color: "#000".into(),
            name: name.into(),
        };
        let svg = bar_chart(
            "Findings <per> category",
            &[
                Bar {
                    label: "a<b>".into(),
                    segments: vec![seg(4, "x"), seg(0, "never drawn")],
                },
                Bar {
                    label: "some/very/long/directory/name/file.txt".into(),
                    segments: vec![seg(1, "y"), seg(1, "z")],
                },
            ],
        );
        assert!(
            svg.contains(r#"aria-label="Findings &lt;per&gt; category""#),
            "{svg}"
        );
        assert!(svg.contains(">a&lt;b&gt;</text>"), "{svg}");
        assert!(svg.contains(">…directory/name/file.txt</text>"), "{svg}");
        assert!(!svg.contains("never drawn"));
        // The largest bar spans the whole width; the others in proportion.
        assert!(svg.contains(r#"width="250""#), "{svg}");
        assert_eq!(svg.matches(r#"width="63""#).count(), 2, "{svg}");
        assert_eq!(svg.matches("<rect").count(), 3);
    }
}
