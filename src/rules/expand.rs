//! `{a|b|c}` alternations in phrases: one phrase per combination of alternatives.

/// A phrase split into literal text and alternation groups.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    Group(Vec<String>),
}

/// Why a phrase could not be expanded.
#[derive(Debug, Clone, PartialEq)]
pub enum ExpandError {
    /// A `{` without its `}` or a stray `}`.
    Unbalanced,
    /// The original has a different number of groups or alternatives than the phrase.
    Mismatch(String),
}

impl std::fmt::Display for ExpandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExpandError::Unbalanced => write!(f, "unbalanced `{{` `}}` in phrase"),
            ExpandError::Mismatch(m) => f.write_str(m),
        }
    }
}

fn parse(s: &str) -> Result<Vec<Piece>, ExpandError> {
    let mut pieces = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find(['{', '}']) {
        if rest.as_bytes()[open] == b'}' {
            return Err(ExpandError::Unbalanced);
        }
        let close = rest[open..].find('}').ok_or(ExpandError::Unbalanced)? + open;
        if rest[open + 1..close].contains('{') {
            return Err(ExpandError::Unbalanced);
        }
        if open > 0 {
            pieces.push(Piece::Text(rest[..open].to_string()));
        }
        pieces.push(Piece::Group(
            rest[open + 1..close]
                .split('|')
                .map(str::to_string)
                .collect(),
        ));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest.to_string()));
    }
    Ok(pieces)
}

fn groups(pieces: &[Piece]) -> Vec<usize> {
    pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Group(g) => Some(g.len()),
            Piece::Text(_) => None,
        })
        .collect()
}

fn render(pieces: &[Piece], choice: &[usize]) -> String {
    let mut out = String::new();
    let mut g = 0;
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Group(alts) => {
                out.push_str(&alts[choice[g]]);
                g += 1;
            }
        }
    }
    // Empty alternatives can leave doubled or edge spaces ("assist{ed|} at").
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Expands a phrase and its originals into (phrase, originals) pairs.
///
/// Each original either has no groups (the same for every expansion) or the same
/// groups as the phrase, whose alternatives follow the phrase's choice.
pub fn expand(
    phrase: &str,
    originals: &[String],
) -> Result<Vec<(String, Vec<String>)>, ExpandError> {
    let pieces = parse(phrase)?;
    let shape = groups(&pieces);
    let parsed_originals = originals
        .iter()
        .map(|o| {
            let p = parse(o)?;
            let g = groups(&p);
            if !g.is_empty() && g != shape {
                return Err(ExpandError::Mismatch(format!(
                    "original `{o}` has alternation groups {g:?} but phrase `{phrase}` has {shape:?}; \
                     give the original no groups or the same groups"
                )));
            }
            Ok((p, g.is_empty()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::new();
    let mut choice = vec![0; shape.len()];
    loop {
        let text = render(&pieces, &choice);
        let origs = parsed_originals
            .iter()
            .map(|(p, constant)| {
                if *constant {
                    render(p, &[])
                } else {
                    render(p, &choice)
                }
            })
            .collect();
        out.push((text, origs));
        // Odometer increment over the groups.
        let mut i = shape.len();
        loop {
            if i == 0 {
                return Ok(out);
            }
            i -= 1;
            choice[i] += 1;
            if choice[i] < shape[i] {
                break;
            }
            choice[i] = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_aligned_groups() {
        let got = expand("assist{ed|s|} at", &["attend{ed|s|}".into()]).unwrap();
        assert_eq!(
            got,
            vec![
                ("assisted at".into(), vec!["attended".into()]),
                ("assists at".into(), vec!["attends".into()]),
                ("assist at".into(), vec!["attend".into()]),
            ]
        );
    }

    #[test]
    fn constant_original_and_no_groups() {
        let got = expand("a {b|c} d", &["x".into()]).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[1], ("a c d".into(), vec!["x".into()]));
        assert_eq!(
            expand("plain", &[]).unwrap(),
            vec![("plain".into(), vec![])]
        );
    }

    #[test]
    fn rejects_mismatch_and_unbalanced() {
        assert!(matches!(
            expand("a{b|c}", &["x{y|z|w}".into()]),
            Err(ExpandError::Mismatch(_))
        ));
        assert_eq!(expand("a{b", &[]), Err(ExpandError::Unbalanced));
        assert_eq!(expand("a}b", &[]), Err(ExpandError::Unbalanced));
    }
}
