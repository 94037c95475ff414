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
/// Each group of an original follows a group of the phrase: the first one, in
/// order and not yet taken, with the same number of alternatives. So
/// `assist{ed|s|} at` → `attend{ed|s|}`, and `{arm|arms} {from|for} fire` →
/// `{firearm|firearms}`. An original without groups is the same for every expansion.
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
            let mapping = map_groups(&g, &shape).ok_or_else(|| {
                ExpandError::Mismatch(format!(
                    "original `{o}` has alternation groups of sizes {g:?}, which do not follow the \
                     groups {shape:?} of phrase `{phrase}` in order; each group of the original must \
                     have as many alternatives as a group of the phrase"
                ))
            })?;
            Ok((p, mapping))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::new();
    let mut choice = vec![0; shape.len()];
    loop {
        let text = render(&pieces, &choice);
        let origs = parsed_originals
            .iter()
            .map(|(p, mapping)| {
                let own: Vec<usize> = mapping.iter().map(|&g| choice[g]).collect();
                render(p, &own)
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

/// For each group of an original (sizes `own`), the index of the phrase group it
/// follows: the first unused one, in order, with the same size.
fn map_groups(own: &[usize], phrase: &[usize]) -> Option<Vec<usize>> {
    let mut next = 0;
    own.iter()
        .map(|&size| {
            let at = phrase[next..].iter().position(|&s| s == size)? + next;
            next = at + 1;
            Some(at)
        })
        .collect()
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
    fn original_groups_follow_matching_phrase_groups() {
        let got = expand("{arm|arms} {from|for} fire", &["{firearm|firearms}".into()]).unwrap();
        let pairs: Vec<(&str, &str)> = got
            .iter()
            .map(|(p, o)| (p.as_str(), o[0].as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("arm from fire", "firearm"),
                ("arm for fire", "firearm"),
                ("arms from fire", "firearms"),
                ("arms for fire", "firearms")
            ]
        );
        let got = expand(
            "{each|every} time {bigger|worse}",
            &["{bigger and bigger|worse and worse}".into()],
        )
        .unwrap();
        assert_eq!(
            got[3],
            ("every time worse".into(), vec!["worse and worse".into()])
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
