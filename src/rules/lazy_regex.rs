//! Regexes validated when packs load but compiled on first use, and the literal
//! prefixes that let the engine run a pattern only where it can match.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};

use regex_automata::meta::Regex;
use regex_automata::Input;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};
use serde::{Deserialize, Serialize};

use super::ascii_classes;
use super::precompiled;
use super::window_dfa::WindowDfa;

/// A regex compiled on first use (most rule regexes never run on a given text).
///
/// It is a `regex-automata` meta regex rather than a `regex::Regex`, so a search
/// can be anchored and limited to a span while look-arounds still see the text
/// around it.
pub struct LazyRegex {
    source: String,
    case_insensitive: bool,
    /// Entry of the built-in DFA table ([`precompiled::window_dfa`]), set by
    /// `build.rs` for the built-in rules.
    dfa: Option<u32>,
    /// Whether the pattern may match across a line break ([`crosses_lines`]),
    /// precomputed by `build.rs` for the built-in rules.
    crosses: Option<bool>,
    /// What is built on first use, boxed: most regexes of a rule set never run,
    /// and a small rule loads faster.
    built: OnceLock<Box<Built>>,
}

/// The forms of a [`LazyRegex`] built so far.
#[derive(Default)]
struct Built {
    cell: OnceLock<Option<Regex>>,
    small: OnceLock<Option<Regex>>,
    /// Lazy DFA only, for match/no-match over many short haystacks.
    finder: OnceLock<Option<Regex>>,
    /// Calls of [`LazyRegex::is_match`] so far.
    uses: AtomicU32,
    /// The precompiled DFA, read from the table on first use.
    window: OnceLock<Option<Box<WindowDfa>>>,
    /// The pattern as compiled ([`LazyRegex::parse_for_compile`]), kept for the
    /// other forms.
    parsed: OnceLock<Option<Hir>>,
}

impl Clone for Built {
    fn clone(&self) -> Self {
        Built {
            cell: self.cell.clone(),
            small: self.small.clone(),
            finder: self.finder.clone(),
            uses: AtomicU32::new(self.uses.load(Ordering::Relaxed)),
            window: self.window.clone(),
            parsed: self.parsed.clone(),
        }
    }
}

/// The compiled forms of a pattern (see [`LazyRegex::get`], [`LazyRegex::get_small`]
/// and [`LazyRegex::get_finder`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Form {
    Full,
    Small,
    Finder,
}

impl Form {
    /// The meta regex configuration of the form.
    fn config(self) -> regex_automata::meta::Config {
        match self {
            Form::Full => Regex::config(),
            Form::Small => Regex::config()
                .hybrid(false)
                .dfa(false)
                .auto_prefilter(false),
            Form::Finder => Regex::config()
                .dfa(false)
                .onepass(false)
                .auto_prefilter(false),
        }
    }
}

/// Calls of [`LazyRegex::is_match`] on the small form before the finder form is built.
const FINDER_AFTER_USES: u32 = 32;

/// Shown as what it means: the pattern and its case flag (not its compiled forms
/// or the entry of its precompiled DFA).
impl std::fmt::Debug for LazyRegex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LazyRegex")
            .field("source", &self.source)
            .field("case_insensitive", &self.case_insensitive)
            .finish()
    }
}

/// Stored as the pattern, its case flag and its DFA's entry; compiled on first
/// use after loading.
impl Serialize for LazyRegex {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (&self.source, self.case_insensitive, self.dfa, self.crosses).serialize(s)
    }
}

impl<'de> Deserialize<'de> for LazyRegex {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (source, case_insensitive, dfa, crosses) =
            <(String, bool, Option<u32>, Option<bool>)>::deserialize(d)?;
        let mut regex = LazyRegex::unparsed(source, case_insensitive);
        regex.dfa = dfa;
        regex.crosses = crosses;
        Ok(regex)
    }
}

impl Clone for LazyRegex {
    fn clone(&self) -> Self {
        LazyRegex {
            source: self.source.clone(),
            case_insensitive: self.case_insensitive,
            dfa: self.dfa,
            crosses: self.crosses,
            built: self.built.clone(),
        }
    }
}

impl LazyRegex {
    /// Validates `source` (syntax only, cheap) and returns the parsed form.
    pub fn new(source: &str, case_insensitive: bool) -> Result<(LazyRegex, Hir), String> {
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(case_insensitive)
            .build()
            .parse(source)
            .map_err(|e| e.to_string())?;
        Ok((
            LazyRegex::unparsed(source.to_string(), case_insensitive),
            hir,
        ))
    }

    fn unparsed(source: String, case_insensitive: bool) -> LazyRegex {
        LazyRegex {
            source,
            case_insensitive,
            dfa: None,
            crosses: None,
            built: OnceLock::new(),
        }
    }

    /// The forms built so far (none at first).
    fn built(&self) -> &Built {
        self.built.get_or_init(Box::default)
    }

    /// The pattern parsed as it is compiled. ASCII word boundaries and classes
    /// compile several times faster; a pattern that cannot be parsed in ASCII
    /// mode (a non-ASCII character in a class, a class that can match non-ASCII
    /// text) is parsed in Unicode mode with its word classes and boundaries
    /// rewritten as ASCII ones. `None` if it does not parse (it did when loaded).
    pub fn parse_for_compile(&self) -> Option<Hir> {
        let parse = |source: &str, unicode: bool| {
            regex_syntax::ParserBuilder::new()
                .case_insensitive(self.case_insensitive)
                .unicode(unicode)
                .build()
                .parse(source)
                .ok()
        };
        parse(&self.source, false).or_else(|| match ascii_classes::rewrite(&self.source) {
            Some(rewritten) => parse(&rewritten, true),
            None => parse(&self.source, true),
        })
    }

    /// Whether the pattern may match across a line break or depends on the
    /// text's edges ([`crosses_lines`]; parsed now unless `build.rs` said).
    pub fn crosses_lines(&self) -> bool {
        self.crosses
            .unwrap_or_else(|| crosses_lines(&self.source, self.case_insensitive))
    }

    /// Records [`LazyRegex::crosses_lines`] (`build.rs` only).
    pub fn set_crosses_lines(&mut self) {
        self.crosses = Some(crosses_lines(&self.source, self.case_insensitive));
    }

    /// Uses entry `index` of the built-in DFA table (`build.rs` only).
    pub fn set_dfa(&mut self, index: u32) {
        self.dfa = Some(index);
    }

    /// The precompiled DFA, if the regex belongs to a built-in rule that has one.
    fn window_dfa(&self) -> Option<&WindowDfa> {
        let index = self.dfa?;
        self.built()
            .window
            .get_or_init(|| precompiled::window_dfa(index).map(Box::new))
            .as_deref()
    }

    /// Whether `input` may hold a match: false only when the precompiled DFA
    /// says it holds none, so the regex need not be compiled or run on it.
    pub fn may_match(&self, input: &Input<'_>) -> bool {
        self.window_dfa()
            .and_then(|dfa| dfa.is_match(input))
            .unwrap_or(true)
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether the pattern ignores case.
    pub fn is_case_insensitive(&self) -> bool {
        self.case_insensitive
    }

    /// The compiled regex for searching whole texts; `None` if it exceeds the
    /// compiled size limit.
    pub fn get(&self) -> Option<&Regex> {
        self.built()
            .cell
            .get_or_init(|| self.build(Form::Full))
            .as_ref()
    }

    /// The regex compiled for short haystacks (a window around a trigger, the
    /// context of an exception): without lazy DFAs and prefilters it compiles
    /// several times faster, and a bounded backtracker is as fast on a few
    /// hundred bytes.
    pub fn get_small(&self) -> Option<&Regex> {
        self.built()
            .small
            .get_or_init(|| self.build(Form::Small))
            .as_ref()
    }

    /// Compiles the pattern in one form, or takes it from the process-wide cache:
    /// packs share exception and pattern regexes (the Romance packs dozens), and
    /// each distinct one is compiled once per form.
    fn build(&self, form: Form) -> Option<Regex> {
        type Cache = Mutex<HashMap<(String, bool, Form), Option<Regex>>>;
        static CACHE: OnceLock<Cache> = OnceLock::new();
        let cache = CACHE.get_or_init(Cache::default);
        let key = (self.source.clone(), self.case_insensitive, form);
        if let Some(hit) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return hit;
        }
        // Compiled outside the lock: other threads go on compiling other regexes.
        let regex = self.compile(form.config());
        if let Ok(mut c) = cache.lock() {
            c.insert(key, regex.clone());
        }
        regex
    }

    fn compile(&self, config: regex_automata::meta::Config) -> Option<Regex> {
        let hir = self
            .built()
            .parsed
            .get_or_init(|| self.parse_for_compile())
            .as_ref()?;
        Regex::builder().configure(config).build_from_hir(hir).ok()
    }

    /// The regex compiled to tell whether many short haystacks (windows around
    /// triggers, exception contexts) hold a match: a lazy DFA without prefilters,
    /// which is cheap per search and cheaper to build than [`LazyRegex::get`]. Its
    /// captures are not resolved (use [`LazyRegex::get_small`] on the match).
    pub fn get_finder(&self) -> Option<&Regex> {
        self.built()
            .finder
            .get_or_init(|| self.build(Form::Finder))
            .as_ref()
    }

    /// Whether [`LazyRegex::get_finder`] has been compiled.
    pub fn has_finder(&self) -> bool {
        self.built
            .get()
            .is_some_and(|built| built.finder.get().is_some())
    }

    /// Whether the regex matches `text`, a short context (false if it cannot be
    /// compiled). The first calls use the small form; a regex used often (an
    /// exception checked all over a long text) switches to the finder form.
    pub fn is_match(&self, text: &str) -> bool {
        if let Some(answer) = self
            .window_dfa()
            .and_then(|dfa| dfa.is_match(&Input::new(text)))
        {
            return answer;
        }
        let built = self.built();
        let frequent = built.finder.get().is_some()
            || built.uses.fetch_add(1, Ordering::Relaxed) >= FINDER_AFTER_USES;
        let regex = if frequent {
            self.get_finder()
        } else {
            self.get_small()
        };
        regex.is_some_and(|r| r.is_match(text))
    }
}

/// Whether a regex may match across a line break or depends on where the whole
/// text starts or ends (`^`, `$`, `\A`, `\z` outside multi-line mode): such a
/// pattern cannot be run line by line. Unparsable patterns count as such.
pub fn crosses_lines(source: &str, case_insensitive: bool) -> bool {
    use regex_syntax::hir::{Class, Hir, HirKind, Look};
    fn walk(hir: &Hir) -> bool {
        match hir.kind() {
            HirKind::Empty => false,
            HirKind::Literal(lit) => lit.0.contains(&b'\n'),
            HirKind::Class(Class::Unicode(c)) => c
                .ranges()
                .iter()
                .any(|r| r.start() <= '\n' && '\n' <= r.end()),
            HirKind::Class(Class::Bytes(c)) => c
                .ranges()
                .iter()
                .any(|r| r.start() <= b'\n' && b'\n' <= r.end()),
            HirKind::Look(look) => matches!(look, Look::Start | Look::End),
            HirKind::Repetition(rep) => walk(&rep.sub),
            HirKind::Capture(cap) => walk(&cap.sub),
            HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(walk),
        }
    }
    if !may_cross(source) {
        return false;
    }
    // Without Unicode the classes are ASCII and parsing is fast; whether a class
    // holds a line break is the same either way. Patterns that need Unicode
    // (`\p{…}`) are parsed with it.
    let parse = |unicode: bool| {
        regex_syntax::ParserBuilder::new()
            .unicode(unicode)
            .utf8(unicode)
            .case_insensitive(case_insensitive)
            .build()
            .parse(source)
            .ok()
    };
    parse(false)
        .or_else(|| parse(true))
        .is_none_or(|hir| walk(&hir))
}

/// A cheap test before parsing: whether `source` holds any construct that may
/// match a line break or the text's edges (whitespace, negated or escaped
/// classes, anchors, the `s` flag). Literals, `.`, `\w`, `\d`, `\b` and
/// positive classes of printable characters cannot.
fn may_cross(source: &str) -> bool {
    const SIGNS: &[&str] = &[
        "\\s", "^", "$", "\\n", "\\A", "\\z", "\\W", "\\D", "\\p", "\\P", "\\x", "\\u", "\\U",
        "\\0", "\\r", "\\v", "\\f", "\\N", "\\H", "\\V", "\\R", "\\S", "\n", "\r",
    ];
    if SIGNS.iter().any(|sign| source.contains(sign)) {
        return true;
    }
    // Flag groups that turn on `s` (`.` matches a line break): `(?s)`, `(?is:`.
    source.match_indices("(?").any(|(i, _)| {
        source[i + 2..]
            .chars()
            .take_while(|c| "imsuxUR-".contains(*c))
            .any(|c| c == 's')
    })
}

/// Names of the capture groups of a parsed regex.
pub fn capture_names(hir: &Hir, out: &mut Vec<String>) {
    match hir.kind() {
        HirKind::Capture(c) => {
            if let Some(name) = &c.name {
                out.push(name.to_string());
            }
            capture_names(&c.sub, out);
        }
        HirKind::Concat(hs) | HirKind::Alternation(hs) => {
            for h in hs {
                capture_names(h, out);
            }
        }
        HirKind::Repetition(r) => capture_names(&r.sub, out),
        _ => {}
    }
}

/// Shortest trigger worth an automaton entry; shorter prefixes hit too often.
const MIN_TRIGGER: usize = 3;
/// Most triggers per pattern.
const MAX_TRIGGERS: usize = 64;

/// Literals that every match of a pattern contains, for the phrase automaton to find.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Triggers {
    /// Lowercase literals; every match contains one of them.
    pub literals: Vec<String>,
    /// Most bytes a match may start before the literal it contains (0: every
    /// match starts with one), at most [`WINDOW`].
    pub lookbehind: usize,
    /// Longest match in bytes, at most [`WINDOW`].
    pub max_len: usize,
}

/// Longest stretch around a trigger that a pattern match may cover: unbounded
/// repetitions (`\w+`, `\s*`) are assumed to stay within it.
pub const WINDOW: usize = 1024;

/// The literals that let the engine run `pattern` only where it can match: the
/// prefixes of every match when they are few and long enough, else the best set
/// of literals one part of the pattern starts with; `None` means the pattern
/// must be run over the whole text.
/// `parsed` is the pattern as [`LazyRegex::new`] parsed it, whose longest match
/// bounds the window searched around a trigger.
pub fn triggers(pattern: &str, parsed: &Hir) -> Option<Triggers> {
    // Extract from the case-sensitive form and lowercase: the automaton folds case.
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(false)
        .build()
        .parse(pattern)
        .ok()?;
    let mut t = hir_triggers(&hir)?;
    t.max_len = parsed
        .properties()
        .maximum_len()
        .map_or(WINDOW, |n| n.min(WINDOW));
    Some(t)
}

fn hir_triggers(hir: &Hir) -> Option<Triggers> {
    if let Some(literals) = prefix_literals(hir) {
        return Some(Triggers {
            literals,
            lookbehind: 0,
            max_len: WINDOW,
        });
    }
    let mut hir = hir;
    while let HirKind::Capture(c) = hir.kind() {
        hir = &c.sub;
    }
    match hir.kind() {
        HirKind::Concat(parts) => inner_triggers(parts),
        // Every match is a match of one branch: the union of the branches' triggers.
        HirKind::Alternation(branches) => {
            let mut all = Triggers {
                literals: Vec::new(),
                lookbehind: 0,
                max_len: WINDOW,
            };
            for branch in branches {
                let t = hir_triggers(branch)?;
                all.literals.extend(t.literals);
                all.lookbehind = all.lookbehind.max(t.lookbehind);
            }
            all.literals.sort();
            all.literals.dedup();
            (all.literals.len() <= MAX_TRIGGERS).then_some(all)
        }
        _ => None,
    }
}

/// Lowercase literals that every match of `hir` starts with, if there are few and
/// long enough ones.
fn prefix_literals(hir: &Hir) -> Option<Vec<String>> {
    let mut extractor = Extractor::new();
    extractor
        .kind(ExtractKind::Prefix)
        .limit_class(MAX_TRIGGERS / 2)
        .limit_total(MAX_TRIGGERS * 8);
    let seq = extractor.extract(hir);
    let literals = seq.literals()?;
    if literals.is_empty() || literals.len() > MAX_TRIGGERS {
        return None;
    }
    let mut out: Vec<String> = Vec::with_capacity(literals.len());
    for lit in literals {
        let s = std::str::from_utf8(lit.as_bytes()).ok()?.to_lowercase();
        // A single non-ASCII character (`«`, `，`) is rare enough in English.
        let trimmed = s.trim();
        let long_enough =
            trimmed.len() >= MIN_TRIGGER || (trimmed.len() >= 2 && !trimmed.is_ascii());
        if !long_enough {
            return None;
        }
        out.push(s);
    }
    // A literal of only the most frequent words occurs every few words of
    // prose: searching around each occurrence costs more than one pass.
    if out.iter().any(|l| is_frequent(l)) {
        return None;
    }
    out.sort();
    out.dedup();
    Some(out)
}

/// Words so frequent in English that a trigger made only of them (`on the `,
/// `his `) hits every few words.
const FREQUENT_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
    "he", "her", "his", "i", "in", "is", "it", "its", "of", "on", "or", "s", "she", "that", "the",
    "their", "they", "this", "to", "was", "we", "were", "with", "you",
];

/// Whether every word of a lowercase literal is one of [`FREQUENT_WORDS`] or a
/// single ASCII letter (the tail of a word, as in `n the `). A literal without
/// words is frequent when it is ASCII (`, `, `. `); non-ASCII punctuation (`«`,
/// `，`, `。`) is rare in English.
fn is_frequent(literal: &str) -> bool {
    let mut words = literal
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    if words.peek().is_none() {
        return literal.is_ascii();
    }
    words.all(|w| (w.len() == 1 && w.is_ascii()) || FREQUENT_WORDS.contains(&w))
}

/// For a pattern that is a sequence of parts, the prefix literals of the part with
/// the longest shortest literal (then the fewest), and how far before it a match
/// may start.
fn inner_triggers(parts: &[Hir]) -> Option<Triggers> {
    let mut best: Option<(usize, Triggers)> = None;
    let mut before = 0usize;
    for part in parts {
        // A part that is itself a sequence or a choice (`\b(?:the drop|a drop)…`
        // parses as a word boundary then an alternation) has triggers of its own.
        let found = match prefix_literals(part) {
            Some(literals) => Some((literals, 0)),
            None if matches!(
                part.kind(),
                HirKind::Concat(_) | HirKind::Alternation(_) | HirKind::Capture(_)
            ) =>
            {
                hir_triggers(part).map(|t| (t.literals, t.lookbehind))
            }
            None => None,
        };
        if let Some((literals, inner)) = found {
            let shortest = literals.iter().map(|l| l.trim().len()).min().unwrap_or(0);
            let better = best.as_ref().is_none_or(|(s, t)| {
                shortest > *s || (shortest == *s && literals.len() < t.literals.len())
            });
            if better {
                let lookbehind = before.saturating_add(inner).min(WINDOW);
                best = Some((
                    shortest,
                    Triggers {
                        literals,
                        lookbehind,
                        max_len: WINDOW,
                    },
                ));
            }
        }
        let len = part.properties().maximum_len().unwrap_or(WINDOW);
        before = before.saturating_add(len).min(WINDOW);
    }
    best.map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(pattern: &str) -> Option<Triggers> {
        triggers(pattern, &LazyRegex::new(pattern, true).unwrap().1)
    }

    #[test]
    fn triggers_of_common_shapes() {
        let t = of(r"\b(?P<verb>depend(?:s|ed|ing)?) of\b").unwrap();
        assert!(
            t.lookbehind == 0 && t.literals.iter().all(|s| s.starts_with("depend")),
            "{t:?}"
        );
        let t = of(r"\b(?:assist|assisted) (?:to|at)\b").unwrap();
        assert!(t.literals.iter().all(|s| s.starts_with("assist")), "{t:?}");
        assert_eq!(of(r"\w+ of"), None);
        assert_eq!(of(r"\bof\b"), None, "too short");
    }

    #[test]
    fn frequent_words_are_not_triggers() {
        let t = of(r"\b(?:on )?the (?P<d>\d{1,2}) of (?P<m>May|June)\b").unwrap();
        assert_eq!(t.literals, ["june", "may"]);
        assert_eq!(of(r"\b(?:his|her) \w+ (?:was|has)\b"), None);
    }

    #[test]
    fn shared_compiles_keep_the_case_flag_and_form() {
        let folded = LazyRegex::new("shared-cache-probe", true).unwrap().0;
        let exact = LazyRegex::new("shared-cache-probe", false).unwrap().0;
        assert!(folded.get_small().unwrap().is_match("SHARED-CACHE-PROBE"));
        assert!(!exact.get_small().unwrap().is_match("SHARED-CACHE-PROBE"));
        assert!(exact.get().unwrap().is_match("a shared-cache-probe"));
        let again = LazyRegex::new("shared-cache-probe", true).unwrap().0;
        assert!(again.get_finder().unwrap().is_match("Shared-Cache-Probe"));
    }

    #[test]
    fn non_ascii_punctuation_triggers() {
        let t = of(r"(?P<a>[A-Za-z0-9)])！").expect("triggered by the fullwidth mark");
        assert_eq!(t.literals, vec!["！".to_string()]);
        assert_eq!(t.lookbehind, 1);
        let t = of(r"«(?P<q>[^»\n]{1,200})»").expect("triggered by the guillemet");
        assert_eq!(t.literals, vec!["«".to_string()]);
        assert!(
            of(r", (?:that|which) ").is_none(),
            "ASCII punctuation is frequent"
        );
    }

    #[test]
    fn inner_triggers_with_lookbehind() {
        // 3 × 12 × 3 prefixes are too many: the nouns are the triggers.
        let t = of(r"\b(?P<s>I|we|you) (?P<v>have|had|has|get|got|want|need|see|saw|like|love|hate) (?P<n>question|problem|issue)\b").unwrap();
        assert_eq!(t.literals, ["issue", "problem", "question"]);
        assert_eq!(t.lookbehind, "you have ".len());
        assert!((17..WINDOW).contains(&t.max_len), "{t:?}");
        let t = of(r"(?P<pre>the|[A-Z]\w+'s) last (?P<n>summit|meeting)\b").unwrap();
        assert_eq!(t.literals, ["meeting", "summit"]);
        assert_eq!(t.lookbehind, WINDOW, "unbounded part before the literal");
        let t = of(r"\bthe (?:last )?drop of water|\ba (?:big )?drop that").unwrap();
        assert_eq!(
            t.literals,
            [
                "a big drop that",
                "a drop that",
                "the drop of water",
                "the last drop of water"
            ]
        );
    }

    #[test]
    fn nested_and_class_triggers() {
        // The shared `\b` makes the pattern a sequence whose second part is the choice.
        let t = of(r"\bthe (?:last )?drop (?:of water )?that (?:made|makes) the vase overflow\b|\bthe drop that overflowed the (?:vase|glass)\b").unwrap();
        assert!(t.literals.iter().all(|l| l.contains("drop ")), "{t:?}");
        assert!(t.lookbehind <= "the last ".len(), "{t:?}");
        let t = of(r"\p{L}*[ĉĝĥĵŝŭĈĜĤĴŜŬ]\p{L}*").expect("a class of a dozen letters");
        assert_eq!(t.literals, ["ĉ", "ĝ", "ĥ", "ĵ", "ŝ", "ŭ"]);
        assert_eq!(t.lookbehind, WINDOW);
        assert_eq!(
            of(r"\bthe (?P<p>his|her|their|its)\b"),
            None,
            "frequent words only"
        );
    }

    #[test]
    fn lazy_compile_and_names() {
        let (re, hir) = LazyRegex::new(r"(?P<a>x)(?P<b>y)?", true).unwrap();
        let mut names = Vec::new();
        capture_names(&hir, &mut names);
        assert_eq!(names, ["a", "b"]);
        assert!(re.is_match("XY"));
        assert!(LazyRegex::new("(unclosed", false).is_err());
    }
}
