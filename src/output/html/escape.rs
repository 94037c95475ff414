//! HTML escaping: every piece of document text, message, rule id and path goes
//! through [`Esc`] on its way into the report.

use std::fmt;

/// Displays a string with `& < > " '` replaced by character references, so it
/// is inert both as element text and inside a quoted attribute value.
pub struct Esc<'a>(pub &'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        let mut last = 0;
        for (i, b) in s.bytes().enumerate() {
            let reference = match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#39;",
                _ => continue,
            };
            f.write_str(&s[last..i])?;
            f.write_str(reference)?;
            last = i + 1;
        }
        f.write_str(&s[last..])
    }
}

#[cfg(test)]
mod tests {
    use super::Esc;

    #[test]
    fn escapes_markup_and_quotes_and_keeps_the_rest() {
        assert_eq!(
            Esc(r#"</mark><script>alert("x")</script> it's & ]]> “é”"#).to_string(),
            "&lt;/mark&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; it&#39;s &amp; ]]&gt; “é”"
        );
        assert_eq!(Esc("").to_string(), "");
        assert_eq!(Esc("plain").to_string(), "plain");
    }
}
