//! Pass/fail thresholds for `mtlint eval`, from flags or a YAML file:
//!
//! ```yaml
//! min-precision: 0.6      # overall, annotated sets (fraction 0–1)
//! min-recall: 0.25        # overall, annotated sets (fraction 0–1)
//! min-suggestion-accuracy: 0.4  # overall: true positives whose top suggestion is the original
//! max-fp-per-kword: 1.5   # findings per 1,000 words on the negative sets
//! sets:                   # optional: limits on some document sets
//!   seed: {min-precision: 0.99, min-recall: 0.5}
//!   roundtrip-*: {min-precision: 0.98}           # the matching sets taken together
//!   seed, roundtrip-*: {min-suggestion-accuracy: 0.42}
//!   negative-*: {max-fp-per-kword: 0.5}
//! ```
//!
//! Each key under `sets` names a set, a group of sets by a pattern (`*`
//! stands for any run of characters), or several names and patterns
//! separated by commas. Its limits apply to the sets it names taken together,
//! their counts pooled as for the overall figures: the `min-` limits to the
//! annotated sets among them, `max-fp-per-kword` to the negative ones. Every
//! name and pattern must match a set of the corpus, and every limit must have
//! sets of its kind to measure ([`Thresholds::check_sets`]), so a renamed or
//! removed set cannot pass unnoticed. A missed limit names the key and the
//! limit.

use std::fmt;
use std::path::Path;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::error::{yaml_error, FileError};
use super::{Evaluation, SetStats};

/// Limits a run must meet; unset limits are not checked.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Thresholds {
    /// Minimum overall precision on annotated sets.
    pub min_precision: Option<f64>,
    /// Minimum overall recall on annotated sets.
    pub min_recall: Option<f64>,
    /// Minimum overall suggestion accuracy (top suggestion restores the original).
    pub min_suggestion_accuracy: Option<f64>,
    /// Maximum findings per 1,000 words on negative sets.
    pub max_fp_per_kword: Option<f64>,
    /// Limits on some sets, in file order.
    #[serde(default, deserialize_with = "set_entries")]
    pub sets: Vec<SetLimits>,
    /// The file the thresholds were read from, to locate errors found later.
    #[serde(skip)]
    pub origin: Option<Origin>,
}

/// The limits of one key under `sets`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SetLimits {
    /// The key: set names and `*` patterns, separated by commas.
    pub key: String,
    /// Its limits (`sets` is always empty).
    pub limits: Limits,
    /// Byte span of the key in the thresholds file, when known.
    pub span: Option<(usize, usize)>,
}

/// The limits one key under `sets` may give.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Limits {
    /// Minimum precision on the annotated sets named.
    pub min_precision: Option<f64>,
    /// Minimum recall on the annotated sets named.
    pub min_recall: Option<f64>,
    /// Minimum suggestion accuracy on the annotated sets named.
    pub min_suggestion_accuracy: Option<f64>,
    /// Maximum findings per 1,000 words on the negative sets named.
    pub max_fp_per_kword: Option<f64>,
}

impl Limits {
    fn any_min(&self) -> bool {
        self.min_precision.is_some()
            || self.min_recall.is_some()
            || self.min_suggestion_accuracy.is_some()
    }

    fn is_empty(&self) -> bool {
        !self.any_min() && self.max_fp_per_kword.is_none()
    }
}

/// A thresholds file's name and text.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    /// The file, as given.
    pub file: String,
    /// Its text.
    pub text: String,
}

/// Reads the `sets` mapping in file order.
fn set_entries<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<SetLimits>, D::Error> {
    struct Entries;
    impl<'de> Visitor<'de> for Entries {
        type Value = Vec<SetLimits>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map from set names or patterns to limits")
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some((key, limits)) = map.next_entry::<String, Limits>()? {
                out.push(SetLimits {
                    key,
                    limits,
                    span: None,
                });
            }
            Ok(out)
        }
    }
    d.deserialize_map(Entries)
}

impl Thresholds {
    /// Reads a thresholds file.
    pub fn load(path: &Path) -> Result<Thresholds, FileError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| FileError::file(&file, format!("cannot read thresholds: {e}")))?;
        Thresholds::parse(&file, &text)
    }

    /// Parses and checks the text of a thresholds file (the set names are
    /// checked against a corpus by [`Thresholds::check_sets`]).
    pub fn parse(file: &str, text: &str) -> Result<Thresholds, FileError> {
        let mut t: Thresholds = if text.trim().is_empty() {
            Thresholds::default()
        } else {
            serde_yaml::from_str(text).map_err(|e| yaml_error(file, text, &e))?
        };
        let error =
            |span: (usize, usize), message: String| FileError::at(file, text, span, message);
        let overall = Limits {
            min_precision: t.min_precision,
            min_recall: t.min_recall,
            min_suggestion_accuracy: t.min_suggestion_accuracy,
            max_fp_per_kword: t.max_fp_per_kword,
        };
        check_ranges(&overall, "", |key| top_level_key(text, key))
            .map_err(|(span, m)| error(span, m))?;

        let sets_at = top_level_key(text, "sets").0;
        let mut seen: Vec<Vec<&str>> = Vec::new();
        for entry in &mut t.sets {
            let span = key_span(text, sets_at, &entry.key);
            entry.span = Some(span);
            let names = entry.names();
            if names.iter().any(|n| n.is_empty()) {
                return Err(error(
                    span,
                    format!("sets: `{}` has an empty set name", entry.key),
                ));
            }
            let mut sorted = names.clone();
            sorted.sort_unstable();
            if seen.contains(&sorted) {
                return Err(error(span, format!("sets: `{}` is given twice", entry.key)));
            }
            seen.push(sorted);
            if entry.limits.is_empty() {
                return Err(error(span, format!("sets: `{}` gives no limit", entry.key))
                    .with_help(
                    "give min-precision, min-recall, min-suggestion-accuracy or max-fp-per-kword",
                ));
            }
            let prefix = format!("sets: `{}`: ", entry.key);
            check_ranges(&entry.limits, &prefix, |key| {
                text[span.0..]
                    .find(&format!("{key}:"))
                    .map_or(span, |at| (span.0 + at, key.len()))
            })
            .map_err(|(span, m)| error(span, m))?;
        }
        t.origin = Some(Origin {
            file: file.to_string(),
            text: text.to_string(),
        });
        Ok(t)
    }

    /// These thresholds with each overall limit set in `overrides` replaced.
    pub fn overridden_by(self, overrides: &Thresholds) -> Thresholds {
        Thresholds {
            min_precision: overrides.min_precision.or(self.min_precision),
            min_recall: overrides.min_recall.or(self.min_recall),
            min_suggestion_accuracy: overrides
                .min_suggestion_accuracy
                .or(self.min_suggestion_accuracy),
            max_fp_per_kword: overrides.max_fp_per_kword.or(self.max_fp_per_kword),
            sets: self.sets,
            origin: self.origin,
        }
    }

    /// Whether any limit is set.
    pub fn is_empty(&self) -> bool {
        self.min_precision.is_none()
            && self.min_recall.is_none()
            && self.min_suggestion_accuracy.is_none()
            && self.max_fp_per_kword.is_none()
            && self.sets.is_empty()
    }

    /// Checks the `sets` keys against the sets of a corpus, given as `(name,
    /// negative)`: every name and pattern must match a set, and each limit
    /// needs sets of its kind among those named (annotated sets for the `min-`
    /// limits, negative sets for `max-fp-per-kword`; checked once all of a
    /// key's names match).
    pub fn check_sets(&self, sets: &[(&str, bool)]) -> Vec<FileError> {
        let mut errors = Vec::new();
        let known = || {
            let mut names: Vec<&str> = sets.iter().map(|(n, _)| *n).collect();
            names.sort_unstable();
            names.dedup();
            format!("the corpus has the sets {}", names.join(", "))
        };
        for entry in &self.sets {
            let error = |message: String| match (&self.origin, entry.span) {
                (Some(o), Some(span)) => FileError::at(&o.file, &o.text, span, message),
                (Some(o), None) => FileError::file(&o.file, message),
                (None, _) => FileError::file("thresholds", message),
            };
            let before = errors.len();
            for name in entry.names() {
                if !sets.iter().any(|(set, _)| matches(name, set)) {
                    let what = if name.contains('*') { "pattern" } else { "set" };
                    errors.push(
                        error(format!(
                            "sets: {what} `{name}` matches no set of the corpus"
                        ))
                        .with_help(known()),
                    );
                }
            }
            if errors.len() > before {
                continue;
            }
            let named = |negative: bool| {
                sets.iter()
                    .any(|&(set, n)| n == negative && entry.matches(set))
            };
            if entry.limits.any_min() && !named(false) {
                errors.push(error(format!(
                    "sets: `{}` names no annotated set to measure its min- limits on",
                    entry.key
                )));
            }
            if entry.limits.max_fp_per_kword.is_some() && !named(true) {
                errors.push(error(format!(
                    "sets: `{}` names no negative set to measure max-fp-per-kword on",
                    entry.key
                )));
            }
        }
        errors
    }

    /// The limits `eval` misses, as messages; empty when it passes. A limit that
    /// cannot be checked (no annotated or no negative documents, no findings to
    /// measure precision on, a `sets` key that names no set) fails, so a
    /// missing set cannot pass unnoticed.
    pub fn check(&self, eval: &Evaluation) -> Vec<String> {
        let mut failures = Vec::new();
        let overall = Limits {
            min_precision: self.min_precision,
            min_recall: self.min_recall,
            min_suggestion_accuracy: self.min_suggestion_accuracy,
            max_fp_per_kword: self.max_fp_per_kword,
        };
        check_limits(
            &mut failures,
            &overall,
            "overall",
            "negative sets",
            "--",
            eval.overall.as_ref(),
            eval.negative.as_ref(),
        );
        for entry in &self.sets {
            let members: Vec<&SetStats> = eval
                .sets
                .iter()
                .filter(|s| entry.matches(&s.name))
                .collect();
            if members.is_empty() {
                failures.push(format!("sets: `{}` names no evaluated set", entry.key));
                continue;
            }
            let single = members.len() == 1 && !entry.key.contains([',', '*']);
            let label = if single {
                format!("set {}:", entry.key)
            } else {
                let names: Vec<&str> = members.iter().map(|s| s.name.as_str()).collect();
                format!("sets {} ({}):", entry.key, names.join(", "))
            };
            let pool =
                |negative: bool| SetStats::pool(&entry.key, negative, members.iter().copied());
            check_limits(
                &mut failures,
                &entry.limits,
                &label,
                &format!("{label} negative documents"),
                "",
                pool(false).as_ref(),
                pool(true).as_ref(),
            );
        }
        failures
    }
}

impl SetLimits {
    /// The names and patterns of the key.
    pub fn names(&self) -> Vec<&str> {
        self.key.split(',').map(str::trim).collect()
    }

    /// Whether the key names `set`.
    pub fn matches(&self, set: &str) -> bool {
        self.names().iter().any(|name| matches(name, set))
    }
}

/// Whether `name` matches `set`, `*` in it standing for any run of characters.
fn matches(name: &str, set: &str) -> bool {
    let mut parts = name.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = set.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

/// Pushes a message for each limit of `limits` that `annotated` (for the
/// `min-` limits) or `negative` (for `max-fp-per-kword`) misses. `label` and
/// `negative_label` start the messages; `dashes` prefixes the limit names
/// (`--` for the overall limits, which flags can give too).
fn check_limits(
    failures: &mut Vec<String>,
    limits: &Limits,
    label: &str,
    negative_label: &str,
    dashes: &str,
    annotated: Option<&SetStats>,
    negative: Option<&SetStats>,
) {
    let metrics = annotated.map(|s| s.metrics());
    let inside = if label == "overall" {
        String::new()
    } else {
        format!(" in {}", label.trim_end_matches(':'))
    };
    let mut at_least = |name: &str, key: &str, limit: Option<f64>, value: Option<Option<f64>>| {
        let Some(limit) = limit else { return };
        let key = format!("{dashes}{key}");
        match value {
            None => failures.push(format!(
                "{key} {limit}: no annotated (non-negative) documents{inside} to measure {name} on"
            )),
            Some(None) => failures.push(format!(
                "{key} {limit}: {name}{inside} is undefined (no findings or no gold spans)"
            )),
            Some(Some(v)) if v < limit => failures.push(format!(
                "{label} {name} {} is below {key} {}",
                pct(v),
                pct(limit)
            )),
            Some(Some(_)) => {}
        }
    };
    at_least(
        "precision",
        "min-precision",
        limits.min_precision,
        metrics.as_ref().map(|m| m.precision),
    );
    at_least(
        "recall",
        "min-recall",
        limits.min_recall,
        metrics.as_ref().map(|m| m.recall),
    );
    at_least(
        "suggestion accuracy",
        "min-suggestion-accuracy",
        limits.min_suggestion_accuracy,
        metrics.as_ref().map(|m| m.suggestion_accuracy),
    );
    if let Some(limit) = limits.max_fp_per_kword {
        let key = format!("{dashes}max-fp-per-kword");
        match negative.map(|s| s.metrics().findings_per_kword) {
            None => failures.push(format!(
                "{key} {limit}: no negative documents{inside} to measure false positives on"
            )),
            Some(None) => failures.push(format!(
                "{key} {limit}: the negative documents{inside} have no words"
            )),
            Some(Some(v)) if v > limit => failures.push(format!(
                "{negative_label} have {v:.2} findings per 1,000 words, above {key} {limit}"
            )),
            Some(Some(_)) => {}
        }
    }
}

/// Checks that each limit of `limits` is in range; `locate` finds a key's
/// span for the error, whose message starts with `prefix`.
fn check_ranges(
    limits: &Limits,
    prefix: &str,
    locate: impl Fn(&str) -> (usize, usize),
) -> Result<(), ((usize, usize), String)> {
    for (key, value, max) in [
        ("min-precision", limits.min_precision, Some(1.0)),
        ("min-recall", limits.min_recall, Some(1.0)),
        (
            "min-suggestion-accuracy",
            limits.min_suggestion_accuracy,
            Some(1.0),
        ),
        ("max-fp-per-kword", limits.max_fp_per_kword, None),
    ] {
        if let Some(problem) = value.and_then(|v| out_of_range(v, max)) {
            return Err((locate(key), format!("{prefix}{key} {problem}")));
        }
    }
    Ok(())
}

/// The span of a top-level `key:` (at the start of a line), or of the file's start.
fn top_level_key(text: &str, key: &str) -> (usize, usize) {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
        {
            return (at, key.len());
        }
        at += line.len();
    }
    (0, 0)
}

/// The span of the mapping key `key` after byte `from` (the `sets:` line):
/// the first line that starts with it, possibly quoted, followed by a colon;
/// else its first occurrence; else `from`.
fn key_span(text: &str, from: usize, key: &str) -> (usize, usize) {
    let mut at = from;
    for line in text[from..].split_inclusive('\n') {
        let body = line.trim_start();
        let indent = line.len() - body.len();
        for quote in ["", "'", "\""] {
            let is_key = body
                .strip_prefix(quote)
                .and_then(|b| b.strip_prefix(key))
                .and_then(|b| b.strip_prefix(quote))
                .is_some_and(|b| b.trim_start().starts_with(':'));
            if is_key {
                return (at + indent, key.len() + 2 * quote.len());
            }
        }
        at += line.len();
    }
    text[from..]
        .find(key)
        .map_or((from, 0), |i| (from + i, key.len()))
}

fn out_of_range(v: f64, max: Option<f64>) -> Option<String> {
    if !v.is_finite() || v < 0.0 {
        Some(format!("must be a number of 0 or more, not {v}"))
    } else if max.is_some_and(|m| v > m) {
        Some(format!("is a fraction between 0 and 1, not {v}"))
    } else {
        None
    }
}

/// Parses a fraction 0–1 given on the command line.
pub fn parse_fraction(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    out_of_range(v, Some(1.0)).map_or(Ok(v), Err)
}

/// Parses a non-negative rate given on the command line.
pub fn parse_rate(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    out_of_range(v, None).map_or(Ok(v), Err)
}

fn pct(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A set with `tp` of `findings` correct out of `gold` spans, half of the
    /// true positives (rounded down) with a correct top suggestion, over 1,000 words.
    fn set(name: &str, negative: bool, findings: usize, tp: usize, gold: usize) -> SetStats {
        let mut s = SetStats::new(name, negative);
        s.counts.documents = 1;
        s.counts.words = 1000;
        s.counts.findings = findings;
        s.counts.true_positives = tp;
        s.counts.suggestion_correct = tp / 2;
        s.counts.gold = gold;
        s
    }

    fn evaluation(sets: Vec<SetStats>) -> Evaluation {
        Evaluation::from_sets(sets)
    }

    /// seed: 100% precision, 50% recall; roundtrip-es 90% / 10%;
    /// roundtrip-ca 100% / 20% (pooled: 95%, 15%); negative-docs 2 per 1,000 words.
    fn corpus() -> Evaluation {
        evaluation(vec![
            set("negative-docs", true, 2, 0, 0),
            set("roundtrip-ca", false, 20, 20, 100),
            set("roundtrip-es", false, 10, 9, 90),
            set("seed", false, 10, 10, 20),
        ])
    }

    const SETS: &[(&str, bool)] = &[
        ("seed", false),
        ("roundtrip-es", false),
        ("roundtrip-ca", false),
        ("negative-docs", true),
    ];

    const FILE: &str = "\
min-precision: 0.9
sets:
  seed: {min-precision: 0.99, min-recall: 0.5}
  roundtrip-*:
    min-precision: 0.95
  'seed, roundtrip-es': {min-suggestion-accuracy: 0.4}
  negative-*: {max-fp-per-kword: 2.5}
";

    #[test]
    fn matches_names_and_patterns() {
        assert!(matches("seed", "seed"));
        assert!(!matches("seed", "seeds"));
        assert!(matches("roundtrip-*", "roundtrip-es"));
        assert!(!matches("roundtrip-*", "contrast-es"));
        assert!(matches("*-es", "contrast-es"));
        assert!(matches("*", "seed"));
        assert!(matches("r*-*s", "roundtrip-es"));
        assert!(!matches("r*-*s", "roundtrip-ca"));
        assert!(!matches("a*a", "a"));
        let entry = SetLimits {
            key: "seed, contrast-*".into(),
            ..SetLimits::default()
        };
        assert_eq!(entry.names(), ["seed", "contrast-*"]);
        assert!(entry.matches("contrast-gl") && entry.matches("seed"));
        assert!(!entry.matches("roundtrip-gl"));
    }

    #[test]
    fn parses_set_limits_in_file_order() {
        let t = Thresholds::parse("t.yaml", FILE).unwrap();
        assert_eq!(t.min_precision, Some(0.9));
        let keys: Vec<&str> = t.sets.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(
            keys,
            ["seed", "roundtrip-*", "seed, roundtrip-es", "negative-*"]
        );
        assert_eq!(t.sets[0].limits.min_recall, Some(0.5));
        assert_eq!(t.sets[1].limits.min_precision, Some(0.95));
        assert_eq!(t.sets[2].limits.min_suggestion_accuracy, Some(0.4));
        assert_eq!(t.sets[3].limits.max_fp_per_kword, Some(2.5));
        // Keys are located on their lines, quotes included.
        let line = |i: usize| FILE[..t.sets[i].span.unwrap().0].matches('\n').count() + 1;
        assert_eq!((line(0), line(1), line(2), line(3)), (3, 4, 6, 7));
        assert_eq!(t.sets[2].span.unwrap().1, "'seed, roundtrip-es'".len());
        assert!(!t.is_empty());
        // Flags replace the overall limits and keep the sets.
        let flags = Thresholds {
            min_precision: Some(0.5),
            ..Thresholds::default()
        };
        let o = t.overridden_by(&flags);
        assert_eq!((o.min_precision, o.sets.len()), (Some(0.5), 4));
        assert!(Thresholds::parse("t.yaml", "sets:\n").unwrap().is_empty());
    }

    #[test]
    fn set_limit_errors_are_located() {
        let err = |text: &str| {
            let e = Thresholds::parse("t.yaml", text).unwrap_err();
            (e.line(), e.to_string())
        };
        let (line, m) = err("min-recall: 0.1\nsets:\n  seed: {min-recall: 0.5}\n  roundtrip-es:\n    min-precison: 0.9\n");
        assert_eq!(line, Some(5), "{m}");
        assert!(m.contains("unknown field `min-precison`"), "{m}");
        let (line, m) = err("sets:\n  seed: {min-recall: 0.5}\n  roundtrip-es: {min-recall: 9}\n");
        assert_eq!(line, Some(3), "{m}");
        assert!(
            m.contains("sets: `roundtrip-es`: min-recall is a fraction between 0 and 1, not 9"),
            "{m}"
        );
        let (line, m) = err("sets:\n  seed: {}\n");
        assert_eq!(line, Some(2));
        assert!(m.contains("`seed` gives no limit"), "{m}");
        let (line, m) = err("sets:\n  seed: {min-recall: 0.5}\n  ' seed ': {min-recall: 0.4}\n");
        assert_eq!(line, Some(3));
        assert!(m.contains("given twice"), "{m}");
        let (line, m) = err("sets:\n  seed,: {min-recall: 0.5}\n");
        assert_eq!(line, Some(2));
        assert!(m.contains("empty set name"), "{m}");
        let (_, m) = err("sets: [seed]\n");
        assert!(
            m.contains("a map from set names or patterns to limits"),
            "{m}"
        );
        // Top-level keys are found at the start of a line, not in comments.
        let (line, m) = err("# min-recall: is overall\nmin-recall: 2\n");
        assert_eq!(line, Some(2), "{m}");
    }

    #[test]
    fn set_names_must_match_the_corpus() {
        let t = Thresholds::parse("t.yaml", FILE).unwrap();
        assert!(t.check_sets(SETS).is_empty());
        let t = Thresholds::parse(
            "t.yaml",
            "sets:\n  seed: {min-recall: 0.5}\n  seed, roundtrip-gl: {min-recall: 0.1}\n  contrast-*: {min-recall: 0.1}\n  negative-*: {min-recall: 0.1}\n  seed: {max-fp-per-kword: 1}\n",
        );
        // `seed` twice is an error already.
        assert!(t.is_err());
        let t = Thresholds::parse(
            "t.yaml",
            "sets:\n  seed: {min-recall: 0.5}\n  seed, roundtrip-gl: {min-recall: 0.1}\n  contrast-*: {min-recall: 0.1}\n  negative-*: {min-recall: 0.1}\n  roundtrip-*: {max-fp-per-kword: 1}\n",
        )
        .unwrap();
        let errors: Vec<(Option<usize>, String)> = t
            .check_sets(SETS)
            .iter()
            .map(|e| (e.line(), e.to_string()))
            .collect();
        assert_eq!(
            errors,
            [
                (
                    Some(3),
                    "t.yaml:3:3: sets: set `roundtrip-gl` matches no set of the corpus".into()
                ),
                (
                    Some(4),
                    "t.yaml:4:3: sets: pattern `contrast-*` matches no set of the corpus".into()
                ),
                (
                    Some(5),
                    "t.yaml:5:3: sets: `negative-*` names no annotated set to measure its min- limits on".into()
                ),
                (
                    Some(6),
                    "t.yaml:6:3: sets: `roundtrip-*` names no negative set to measure max-fp-per-kword on".into()
                ),
            ]
        );
        let help = t.check_sets(SETS)[0].help.clone().unwrap();
        assert_eq!(
            help,
            "the corpus has the sets negative-docs, roundtrip-ca, roundtrip-es, seed"
        );
    }

    #[test]
    fn set_limits_pass_and_fail() {
        let eval = corpus();
        let t = Thresholds::parse("t.yaml", FILE).unwrap();
        assert_eq!(t.check(&eval), Vec::<String>::new());

        // Each set on its own: seed misses precision only.
        let t = Thresholds::parse(
            "t.yaml",
            "sets:\n  seed: {min-precision: 1, min-recall: 0.5}\n  roundtrip-es: {min-precision: 0.95, min-recall: 0.1}\n",
        )
        .unwrap();
        assert_eq!(
            t.check(&eval),
            ["set roundtrip-es: precision 90.0% is below min-precision 95.0%"]
        );

        // A pattern pools its sets: 29 of 30 findings, 29 of 190 gold spans.
        let pooled = |limits: &str| {
            Thresholds::parse("t.yaml", &format!("sets:\n  roundtrip-*: {{{limits}}}\n"))
                .unwrap()
                .check(&eval)
        };
        assert!(pooled("min-precision: 0.96, min-recall: 0.15").is_empty());
        assert_eq!(
            pooled("min-precision: 0.97, min-recall: 0.16"),
            [
                "sets roundtrip-* (roundtrip-ca, roundtrip-es): precision 96.7% is below min-precision 97.0%",
                "sets roundtrip-* (roundtrip-ca, roundtrip-es): recall 15.3% is below min-recall 16.0%",
            ]
        );
        // Suggestion accuracy of seed and roundtrip-es together: (5 + 4) / 19.
        let t = Thresholds::parse(
            "t.yaml",
            "sets:\n  seed, roundtrip-es: {min-suggestion-accuracy: 0.48}\n",
        )
        .unwrap();
        assert_eq!(
            t.check(&eval),
            ["sets seed, roundtrip-es (roundtrip-es, seed): suggestion accuracy 47.4% is below min-suggestion-accuracy 48.0%"]
        );
        // Negative sets by name.
        let t = Thresholds::parse(
            "t.yaml",
            "sets:\n  negative-docs: {max-fp-per-kword: 1.5}\n",
        )
        .unwrap();
        assert_eq!(
            t.check(&eval),
            ["set negative-docs: negative documents have 2.00 findings per 1,000 words, above max-fp-per-kword 1.5"]
        );
        // A key that names nothing fails the check too (when check_sets was skipped).
        let t = Thresholds::parse("t.yaml", "sets:\n  contrast-*: {min-recall: 0.1}\n").unwrap();
        assert_eq!(
            t.check(&eval),
            ["sets: `contrast-*` names no evaluated set"]
        );
        // Overall limits keep their messages.
        let t = Thresholds {
            min_precision: Some(0.99),
            ..Thresholds::default()
        };
        assert_eq!(
            t.check(&eval),
            ["overall precision 97.5% is below --min-precision 99.0%"]
        );
    }
}
