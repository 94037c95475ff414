//! Word formation: whether a word missing from the lexicon is still a regular
//! English formation of known words ("relicensing", "maintainership",
//! "backport", "bugginess"), so that technical coinages are not flagged.

use super::lexicon::Lexicon;

/// Affixes and thresholds of the analysis.
#[derive(Debug, Clone)]
pub struct Morphology {
    /// Prefixes such as `re`, `un`, `sub`, longest first.
    pub prefixes: Vec<String>,
    /// Suffixes such as `ing`, `ship`, `able`, longest first.
    pub suffixes: Vec<String>,
    /// A stem (or compound part) must be at least this frequent (Zipf).
    pub min_stem_zipf: f32,
    /// Accept compounds of two known words (`backport`, `fakeroot`).
    pub compounds: bool,
}

/// Shortest stem considered.
const MIN_PART: usize = 3;
/// Shortest part of a compound, unless very common.
const MIN_COMPOUND_PART: usize = 4;
/// A three-letter compound part must be at least this frequent (Zipf).
const COMMON_SHORT_PART_ZIPF: f32 = 5.0;

impl Morphology {
    /// Sorts the affixes longest first, so the longest match is tried first.
    pub fn new(
        mut prefixes: Vec<String>,
        mut suffixes: Vec<String>,
        min_stem_zipf: f32,
        compounds: bool,
    ) -> Self {
        for list in [&mut prefixes, &mut suffixes] {
            for a in list.iter_mut() {
                *a = a.to_lowercase();
            }
            list.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
            list.dedup();
        }
        Morphology {
            prefixes,
            suffixes,
            min_stem_zipf,
            compounds,
        }
    }

    /// Whether `word` (lowercase ASCII) is a prefixed, suffixed or compound form of
    /// known words.
    pub fn analyses(&self, lex: &Lexicon, word: &str) -> bool {
        self.derived(lex, word, 2) || self.compounds && self.compound(lex, word)
    }

    /// A known word frequent enough to carry a prefix or be part of a compound.
    fn stem(&self, lex: &Lexicon, stem: &str) -> bool {
        stem.len() >= MIN_PART
            && lex
                .id(stem.as_bytes())
                .is_some_and(|id| lex.zipf(id) >= self.min_stem_zipf)
    }

    /// Any known word: suffixes are regular enough to inflect rare words too
    /// (`kludge` → `kludges`, `chroot` → `chrooted`).
    fn base(&self, lex: &Lexicon, stem: &str) -> bool {
        stem.len() >= MIN_PART && lex.id(stem.as_bytes()).is_some()
            || self.compounds && self.compound(lex, stem)
    }

    /// Known stem plus affixes, peeling at most `depth` affixes.
    fn derived(&self, lex: &Lexicon, word: &str, depth: u32) -> bool {
        if depth == 0 {
            return false;
        }
        for suffix in &self.suffixes {
            let Some(stem) = word.strip_suffix(suffix.as_str()) else {
                continue;
            };
            if stem.len() < MIN_PART {
                continue;
            }
            // taking → tak(e), bugginess → bugg(y), stopping → stop(p).
            let bytes = stem.as_bytes();
            let last = bytes[bytes.len() - 1];
            let with_e = format!("{stem}e");
            let y_for_i = (last == b'i').then(|| format!("{}y", &stem[..stem.len() - 1]));
            let undoubled = (bytes.len() >= 2 && last == bytes[bytes.len() - 2])
                .then(|| &stem[..stem.len() - 1]);
            let forms = [
                Some(stem),
                Some(with_e.as_str()),
                y_for_i.as_deref(),
                undoubled,
            ];
            if forms
                .into_iter()
                .flatten()
                .any(|f| self.base(lex, f) || self.derived(lex, f, depth - 1))
            {
                return true;
            }
        }
        for prefix in &self.prefixes {
            if let Some(rest) = word.strip_prefix(prefix.as_str()) {
                if rest.len() > MIN_PART
                    && (self.stem(lex, rest) || self.derived(lex, rest, depth - 1))
                {
                    return true;
                }
            }
        }
        false
    }

    /// Two known words written as one (`backport`, `manpages`), the second maybe
    /// plural. Parts have four letters or more, or three and are very common:
    /// rarer short parts would explain garbles away (`min` + `sit`).
    fn compound(&self, lex: &Lexicon, word: &str) -> bool {
        // Three-letter parts only when very common (man + pages, not min + sit).
        let part = |w: &str| {
            w.len() >= MIN_COMPOUND_PART && self.stem(lex, w)
                || w.len() == MIN_PART
                    && lex
                        .id(w.as_bytes())
                        .is_some_and(|id| lex.zipf(id) >= COMMON_SHORT_PART_ZIPF)
        };
        (MIN_PART..=word.len().saturating_sub(MIN_PART)).any(|i| {
            word.is_char_boundary(i)
                && part(&word[..i])
                && (part(&word[i..]) || word[i..].strip_suffix('s').is_some_and(part))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn analyses_formations() {
        let lex = Lexicon::parse(
            "ball\t500\nfake\t465\nroot\t441\nmin\t450\nsit\t450\nbuggy\t330\ninstall\t414\nkludge\t160\nlicense\t452\nmaintainer\t300\nport\t470\nstop\t500\ntar\t363\nfront\t528\n",
        )
        .unwrap();
        let m = Morphology::new(
            strings(&["re", "un", "sub", "back"]),
            strings(&["ing", "able", "ship", "ness", "s", "ed"]),
            3.0,
            true,
        );
        for w in [
            "relicensing",
            "uninstallable",
            "maintainership",
            "bugginess",
            "stopped",
            "fakeroot",
            "fakeroots",
            "sublicense",
            "kludges",
            "backporting",
        ] {
            assert!(m.analyses(&lex, w), "{w}");
        }
        for w in [
            "refrnting",
            "xqzball",
            "ta",
            "reing",
            "rekludge",
            "minsiters",
        ] {
            assert!(!m.analyses(&lex, w), "{w}");
        }
    }
}
