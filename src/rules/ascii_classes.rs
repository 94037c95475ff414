//! Rewrites a pattern so that its word classes, digit classes and word
//! boundaries are ASCII while its literals stay Unicode.
//!
//! Most rule patterns compile in ASCII mode, where `\w`, `\d` and `\b` are ASCII.
//! A pattern that also holds a non-ASCII literal inside a class (`[\w’-]`) or a
//! class that may match non-ASCII text (`[^,]`, `.`) must compile in Unicode
//! mode, where `\w` is a class of some 770 ranges that every repetition copies:
//! such patterns cost ten times as much to compile. Rewritten, they keep the
//! meaning every other pattern has (ASCII words) and compile as fast.

use regex_syntax::ast::{self, AssertionKind, Ast, ClassPerlKind, ClassSetItem};

/// `pattern` with `\w`, `\W`, `\d`, `\D` written as ASCII classes and word
/// boundaries as ASCII assertions; `None` if it does not parse or holds none.
pub fn rewrite(pattern: &str) -> Option<String> {
    let parsed = ast::parse::Parser::new().parse(pattern).ok()?;
    let edits = ast::visit(
        &parsed,
        Edits {
            pattern,
            edits: Vec::new(),
        },
    )
    .ok()?
    .edits;
    if edits.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(pattern.len() + 16 * edits.len());
    let mut at = 0;
    for (start, end, text) in edits {
        out.push_str(&pattern[at..start]);
        out.push_str(&text);
        at = end;
    }
    out.push_str(&pattern[at..]);
    Some(out)
}

/// Replacements as (start, end, text), in pattern order (the visitor walks the
/// pattern left to right and no two replaced nodes nest).
struct Edits<'p> {
    pattern: &'p str,
    edits: Vec<(usize, usize, String)>,
}

impl<'p> ast::Visitor for Edits<'p> {
    type Output = Edits<'p>;
    type Err = ();

    fn finish(self) -> Result<Edits<'p>, ()> {
        Ok(self)
    }

    fn visit_pre(&mut self, node: &Ast) -> Result<(), ()> {
        match node {
            Ast::ClassPerl(class) => {
                if let Some(text) = ascii_class(class, false) {
                    self.push(&class.span, text.to_string());
                }
            }
            Ast::Assertion(assertion) => {
                let word = !matches!(
                    assertion.kind,
                    AssertionKind::StartLine
                        | AssertionKind::EndLine
                        | AssertionKind::StartText
                        | AssertionKind::EndText
                );
                if word {
                    let span = &assertion.span;
                    let original = &self.pattern[span.start.offset..span.end.offset];
                    let text = format!("(?-u:{original})");
                    self.push(span, text);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn visit_class_set_item_pre(&mut self, item: &ClassSetItem) -> Result<(), ()> {
        if let ClassSetItem::Perl(class) = item {
            if let Some(text) = ascii_class(class, true) {
                self.push(&class.span, text.to_string());
            }
        }
        Ok(())
    }
}

/// The ASCII class written for a Perl class, on its own or (`bracketed`) inside
/// a bracketed class; `None` for `\s`, kept Unicode: it is small and also takes
/// the no-break space.
fn ascii_class(class: &ast::ClassPerl, bracketed: bool) -> Option<&'static str> {
    Some(match (&class.kind, class.negated, bracketed) {
        (ClassPerlKind::Word, false, false) => "[[:word:]]",
        (ClassPerlKind::Word, true, false) => "[^[:word:]]",
        (ClassPerlKind::Digit, false, false) => "[0-9]",
        (ClassPerlKind::Digit, true, false) => "[^0-9]",
        (ClassPerlKind::Word, false, true) => "[:word:]",
        (ClassPerlKind::Word, true, true) => "[:^word:]",
        (ClassPerlKind::Digit, false, true) => "0-9",
        (ClassPerlKind::Digit, true, true) => "[:^digit:]",
        (ClassPerlKind::Space, ..) => return None,
    })
}

impl Edits<'_> {
    fn push(&mut self, span: &ast::Span, text: String) {
        self.edits.push((span.start.offset, span.end.offset, text));
    }
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    #[test]
    fn perl_classes_and_boundaries_become_ascii() {
        assert_eq!(
            rewrite(r"\b(?P<m>(?: [\w'’-]+){0,5}) \d+\W\B").unwrap(),
            r"(?-u:\b)(?P<m>(?: [[:word:]'’-]+){0,5}) [0-9]+[^[:word:]](?-u:\B)"
        );
        assert_eq!(rewrite(r"[^\d\W,]").unwrap(), r"[^0-9[:^word:],]");
        assert_eq!(rewrite(r"^\s+[’']s$"), None, "nothing to rewrite");
        assert_eq!(rewrite("(unclosed"), None);
    }

    #[test]
    fn rewritten_patterns_keep_unicode_literals_and_match_ascii_words() {
        let source = rewrite(r"(?i)\bcafé [\w’]+\b").unwrap();
        let re = regex::Regex::new(&source).unwrap();
        assert!(re.is_match("CAFÉ don’t"));
        assert!(!re.is_match("café ñ"), "ASCII words only: {source}");
    }
}
