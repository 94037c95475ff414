//! Regexes validated when packs load but compiled on first use, and the literal
//! prefixes that let the engine run a pattern only where it can match.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use regex_automata::meta::Regex;
use regex_automata::Input;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};
use serde::{Deserialize, Serialize};

use super::ascii_classes;
use super::hir_codec;
use super::model::{borrowed, PackedList, Text};
use super::precompiled;
use super::window_dfa::WindowDfa;

/// A regex compiled on first use (most rule regexes never run on a given text).
///
/// It is a `regex-automata` meta regex rather than a `regex::Regex`, so a search
/// can be anchored and limited to a span while look-arounds still see the text
/// around it.
pub struct LazyRegex {
    /// The pattern (borrowed from the binary for the precompiled packs).
    source: Text,
    case_insensitive: bool,
    /// Entry of the built-in DFA table ([`precompiled::window_dfa`]), set by
    /// `build.rs` for the built-in rules.
    dfa: Option<u32>,
    /// Whether the pattern may match across a line break ([`crosses_lines`]),
    /// precomputed by `build.rs` for the built-in rules.
    crosses: Option<bool>,
    /// The pattern as [`LazyRegex::parse_for_compile`] parses it, encoded by
    /// `build.rs` for the built-in rules ([`hir_codec`]): rebuilding the tree
    /// costs a fraction of parsing the pattern again.
    encoded_hir: Option<EncodedHir>,
    /// What is built on first use, boxed: most regexes of a rule set never run,
    /// and a small rule loads faster.
    built: OnceLock<Box<Built>>,
}

/// An encoded [`Hir`] ([`hir_codec`]), stored as bytes and read in place from
/// the binary.
#[derive(Debug, Clone)]
struct EncodedHir(Cow<'static, [u8]>);

impl Serialize for EncodedHir {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de: 'static> Deserialize<'de> for EncodedHir {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Bytes;
        impl<'de: 'static> serde::de::Visitor<'de> for Bytes {
            type Value = EncodedHir;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an encoded regex")
            }
            fn visit_borrowed_bytes<E>(self, v: &'static [u8]) -> Result<EncodedHir, E> {
                Ok(EncodedHir(Cow::Borrowed(v)))
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<EncodedHir, E> {
                Ok(EncodedHir(Cow::Owned(v.to_vec())))
            }
        }
        d.deserialize_bytes(Bytes)
    }
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
    /// Bytes the precompiled DFA was asked to scan in windows so far
    /// ([`LazyRegex::windows_want_finder`]).
    window_work: AtomicU64,
    /// Bytes of long windows searched with the small form so far
    /// ([`LazyRegex::long_windows_want_finder`]).
    small_work: AtomicU64,
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
            window_work: AtomicU64::new(self.window_work.load(Ordering::Relaxed)),
            small_work: AtomicU64::new(self.small_work.load(Ordering::Relaxed)),
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
                .onepass(false)
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

/// Bytes of windows that a pattern's precompiled DFA scans, over all the texts
/// of a run, before its finder form is compiled for them instead: compiling
/// costs about as much as a dense DFA scanning this much, several times as
/// much a byte as a lazy DFA (measured on English prose).
const FINDER_WORK: u64 = 128 * 1024;

/// Bytes of long windows that the small form searches, over all the texts of
/// a run, before the finder form is compiled for them instead: a few long
/// windows (those of a short article) cost the backtracker less than
/// compiling a lazy DFA, which with its reverse NFA costs one to several
/// times as much as the small form.
const SMALL_WORK: u64 = 16 * 1024;

/// How many times as much a byte a sparse precompiled DFA costs as a dense one.
const SPARSE_COST: u64 = 4;

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
        (
            &self.source,
            self.case_insensitive,
            self.dfa,
            self.crosses,
            &self.encoded_hir,
        )
            .serialize(s)
    }
}

/// The pattern is borrowed from the precompiled packs, which live as long as the
/// program: hence `'de: 'static`.
impl<'de: 'static> Deserialize<'de> for LazyRegex {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// The stored fields, in the order [`LazyRegex::serialize`] writes them.
        #[derive(Deserialize)]
        #[serde(bound(deserialize = "'de: 'static"))]
        struct Stored {
            #[serde(deserialize_with = "borrowed::text")]
            source: Text,
            case_insensitive: bool,
            dfa: Option<u32>,
            crosses: Option<bool>,
            encoded_hir: Option<EncodedHir>,
        }
        let stored = Stored::deserialize(d)?;
        let mut regex = LazyRegex::unparsed(stored.source, stored.case_insensitive);
        regex.dfa = stored.dfa;
        regex.crosses = stored.crosses;
        regex.encoded_hir = stored.encoded_hir;
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
            encoded_hir: self.encoded_hir.clone(),
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
            LazyRegex::unparsed(source.to_string().into(), case_insensitive),
            hir,
        ))
    }

    fn unparsed(source: Text, case_insensitive: bool) -> LazyRegex {
        LazyRegex {
            source,
            case_insensitive,
            dfa: None,
            crosses: None,
            encoded_hir: None,
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
    /// rewritten as ASCII ones. A built-in regex decodes the tree `build.rs`
    /// parsed so. `None` if it does not parse (it did when loaded).
    pub fn parse_for_compile(&self) -> Option<Hir> {
        if let Some(encoded) = &self.encoded_hir {
            return hir_codec::decode(&encoded.0);
        }
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

    /// Records the pattern as [`LazyRegex::parse_for_compile`] parses it
    /// (`build.rs` only).
    pub fn set_encoded_hir(&mut self) {
        self.encoded_hir = self.parse_for_compile().map(|hir| {
            let mut bytes = Vec::new();
            hir_codec::encode(&hir, &mut bytes);
            EncodedHir(Cow::Owned(bytes))
        });
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

    /// Whether windows around triggers that would cost the precompiled DFA
    /// `work` bytes are better searched with [`LazyRegex::get_finder`]: when
    /// the pattern has no precompiled DFA, when the finder is compiled already,
    /// or once its windows have cost [`FINDER_WORK`] in all (`work` included;
    /// the bytes of a sparse DFA count [`SPARSE_COST`] times).
    pub fn windows_want_finder(&self, work: u64) -> bool {
        let Some(dfa) = self.window_dfa() else {
            return true;
        };
        let work = if dfa.is_sparse() {
            work * SPARSE_COST
        } else {
            work
        };
        let built = self.built();
        built.finder.get().is_some()
            || built.window_work.fetch_add(work, Ordering::Relaxed) + work >= FINDER_WORK
    }

    /// Whether windows too long for the small form alone, `work` bytes of them,
    /// are better searched behind [`LazyRegex::get_finder`]: when the finder is
    /// compiled already, or once such windows have cost [`SMALL_WORK`] in all
    /// (`work` included).
    pub fn long_windows_want_finder(&self, work: u64) -> bool {
        let built = self.built();
        built.finder.get().is_some()
            || built.small_work.fetch_add(work, Ordering::Relaxed) + work >= SMALL_WORK
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
    /// each distinct one is compiled once per form. A thread that wants a form
    /// another thread is compiling waits for it rather than compiling it again
    /// (threads linting the files of a directory meet the same patterns).
    fn build(&self, form: Form) -> Option<Regex> {
        type Slot = Arc<OnceLock<Option<Regex>>>;
        type Cache = Mutex<HashMap<(String, bool, Form), Slot>>;
        static CACHE: OnceLock<Cache> = OnceLock::new();
        let cache = CACHE.get_or_init(Cache::default);
        let key = (self.source.to_string(), self.case_insensitive, form);
        let slot = match cache.lock() {
            Ok(mut c) => Arc::clone(c.entry(key).or_default()),
            Err(_) => Slot::default(),
        };
        // Compiled outside the map's lock: other regexes go on compiling.
        slot.get_or_init(|| self.compile(form.config())).clone()
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
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Triggers {
    /// Lowercase literals; every match contains one of them (decoded on first use:
    /// the precompiled phrase automaton holds those of the built-in rules).
    pub literals: PackedList<String>,
    /// Most bytes a match may start before the literal it contains (0: every
    /// match starts with one), at most [`WINDOW`].
    pub lookbehind: usize,
    /// Longest match in bytes, at most [`WINDOW`].
    pub max_len: usize,
    /// Every literal ends in an ASCII word character and is followed by a word
    /// boundary in every match: an occurrence followed by an ASCII word
    /// character (`aj` in `major`) holds no match.
    pub word_end: bool,
}

impl Triggers {
    /// Whether an occurrence of a literal ending at `end` in `text` may belong
    /// to a match (see [`Triggers::word_end`]).
    pub fn may_end_at(&self, text: &[u8], end: usize) -> bool {
        !self.word_end
            || text
                .get(end)
                .is_none_or(|&b| !(b.is_ascii_alphanumeric() || b == b'_'))
    }
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
///
/// Literals of three bytes or more are sought first; a pattern without any
/// may still be triggered by rare two-byte ones ([`is_rare_pair`]).
pub fn triggers(pattern: &str, parsed: &Hir) -> Option<Triggers> {
    let hir = trigger_hir(pattern)?;
    let t = hir_triggers(&hir, true, Length::Long)
        .or_else(|| hir_triggers(&hir, true, Length::RarePairs))?;
    Some(Triggers {
        literals: t.literals.into(),
        lookbehind: t.lookbehind,
        word_end: t.word_end,
        max_len: parsed
            .properties()
            .maximum_len()
            .map_or(WINDOW, |n| n.min(WINDOW)),
    })
}

/// Trigger literals being chosen, how far before the literal a match may
/// start, and whether a word boundary follows each ([`Triggers::word_end`]).
struct Found {
    literals: Vec<String>,
    lookbehind: usize,
    word_end: bool,
}

/// Which trigger literals are long enough.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Length {
    /// [`MIN_TRIGGER`] bytes at least (two for non-ASCII text).
    Long,
    /// Also two-byte literals that are rare in prose ([`is_rare_pair`]); sets
    /// of too many literals are cut to their first bytes to find such pairs.
    RarePairs,
}

/// The pattern parsed for its triggers: case-sensitive (the literals are
/// lowercased, and the automaton folds case), with ASCII classes when the
/// regex is compiled with them ([`LazyRegex::parse_for_compile`] tries that
/// first, whatever its case flag): `\d` is then `[0-9]`, few enough digits to
/// extend a literal over, and the parts before a literal are shorter.
fn trigger_hir(pattern: &str) -> Option<Hir> {
    let parse = |unicode: bool, case_insensitive: bool| {
        regex_syntax::ParserBuilder::new()
            .unicode(unicode)
            .case_insensitive(case_insensitive)
            .build()
            .parse(pattern)
            .ok()
    };
    parse(false, true)
        .and(parse(false, false))
        .or_else(|| parse(true, false))
}

/// The trigger literals of `hir`; with `extend`, those of a part of a sequence
/// are extended over the parts that follow it ([`extended_literals`]).
fn hir_triggers(hir: &Hir, extend: bool, length: Length) -> Option<Found> {
    if let Some((literals, _)) = prefix_literals(hir, length) {
        return Some(Found {
            literals,
            lookbehind: 0,
            word_end: false,
        });
    }
    let mut hir = hir;
    while let HirKind::Capture(c) = hir.kind() {
        hir = &c.sub;
    }
    match hir.kind() {
        HirKind::Concat(parts) => inner_triggers(parts, extend, length),
        // Extended literals of many branches may be too many in all.
        HirKind::Alternation(branches) => union_triggers(branches, extend, length).or_else(|| {
            extend
                .then(|| union_triggers(branches, false, length))
                .flatten()
        }),
        _ => None,
    }
}

/// Every match is a match of one branch: the union of the branches' triggers,
/// if they all have some and there are not too many.
fn union_triggers(branches: &[Hir], extend: bool, length: Length) -> Option<Found> {
    let mut all = Found {
        literals: Vec::new(),
        lookbehind: 0,
        word_end: true,
    };
    for branch in branches {
        let t = hir_triggers(branch, extend, length)?;
        all.literals.extend(t.literals);
        all.lookbehind = all.lookbehind.max(t.lookbehind);
        all.word_end &= t.word_end;
    }
    all.literals.sort();
    all.literals.dedup();
    (all.literals.len() <= MAX_TRIGGERS).then_some(all)
}

/// Lowercase literals that every match of `hir` starts with, if there are few and
/// long enough ones, and whether each is a whole match of `hir` (exact).
fn prefix_literals(hir: &Hir, length: Length) -> Option<(Vec<String>, bool)> {
    let mut extractor = Extractor::new();
    extractor
        .kind(ExtractKind::Prefix)
        .limit_class(MAX_TRIGGERS / 2)
        .limit_total(MAX_TRIGGERS * 8);
    let mut seq = extractor.extract(hir);
    // Too many literals may share few rare first bytes (`,0 million`,
    // `,25 km`, … all start with `,` and a digit).
    if length == Length::RarePairs {
        for keep in [3, 2] {
            if seq.len().is_some_and(|n| n > MAX_TRIGGERS) {
                seq.keep_first_bytes(keep);
                seq.dedup();
            }
        }
    }
    let literals = seq.literals()?;
    if literals.is_empty() || literals.len() > MAX_TRIGGERS {
        return None;
    }
    let exact = literals.iter().all(|l| l.is_exact());
    let mut out: Vec<String> = Vec::with_capacity(literals.len());
    for lit in literals {
        let s = std::str::from_utf8(lit.as_bytes()).ok()?.to_lowercase();
        // A single non-ASCII character (`«`, `，`) is rare enough in English.
        let trimmed = s.trim();
        let rare_pair = length == Length::RarePairs && is_rare_pair(trimmed);
        let long_enough = rare_pair
            || trimmed.len() >= MIN_TRIGGER
            || (trimmed.len() >= 2 && !trimmed.is_ascii());
        // A literal of only the most frequent words occurs every few words of
        // prose: searching around each occurrence costs more than one pass.
        if !long_enough || (!rare_pair && is_frequent(&s)) {
            return None;
        }
        out.push(s);
    }
    out.sort();
    out.dedup();
    Some((out, exact))
}

/// The rarest letters of English prose (under 0.2% of letters each).
const RARE_LETTERS: &[u8] = b"jqxz";

/// Whether a two-byte ASCII literal is rare in prose though short: it holds
/// one of [`RARE_LETTERS`] (`aj`, `zh`), or is a digit right after a
/// punctuation mark other than a space (`,5` of a decimal comma, `$5`).
fn is_rare_pair(literal: &str) -> bool {
    let &[a, b] = literal.as_bytes() else {
        return false;
    };
    let rare_letter = [a, b]
        .iter()
        .any(|c| RARE_LETTERS.contains(&c.to_ascii_lowercase()));
    rare_letter || (a.is_ascii_punctuation() && b.is_ascii_digit())
}

/// Whether `hir` is a word boundary (or the end of a word), after which an
/// ASCII word character cannot follow a word character.
fn is_word_end(hir: &Hir) -> bool {
    use regex_syntax::hir::Look;
    matches!(
        hir.kind(),
        HirKind::Look(
            Look::WordAscii
                | Look::WordUnicode
                | Look::WordEndAscii
                | Look::WordEndUnicode
                | Look::WordEndHalfAscii
                | Look::WordEndHalfUnicode
        )
    )
}

/// Words so frequent in English that a trigger made only of them (`on the `,
/// `his `) hits every few words.
const FREQUENT_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
    "he", "her", "his", "i", "in", "is", "it", "its", "of", "on", "or", "s", "she", "that", "the",
    "their", "they", "this", "to", "was", "we", "were", "with", "you",
];

/// Possessive determiners among [`FREQUENT_WORDS`]: English hardly ever puts
/// one right after `the`, so `the his` is rare however frequent its words.
const POSSESSIVES: &[&str] = &["her", "his", "its", "their"];

/// Whether every word of a lowercase literal is one of [`FREQUENT_WORDS`] or a
/// single ASCII letter (the tail of a word, as in `n the `), unless the literal
/// holds `the` before a possessive ([`POSSESSIVES`]). A literal without words
/// is frequent when it is ASCII (`, `, `. `); non-ASCII punctuation (`«`, `，`,
/// `。`) is rare in English.
fn is_frequent(literal: &str) -> bool {
    let words: Vec<&str> = literal
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return literal.is_ascii();
    }
    let rare_pair = words
        .windows(2)
        .any(|pair| pair[0] == "the" && POSSESSIVES.contains(&pair[1]));
    !rare_pair
        && words
            .iter()
            .all(|w| (w.len() == 1 && w.is_ascii()) || FREQUENT_WORDS.contains(w))
}

/// For a pattern that is a sequence of parts, the literals that the matches of
/// one part start with, extended over the parts that follow it while they stay
/// few ([`extended_literals`]), and how far before that part a match may start.
/// The part chosen has the best [`Rank`]ed literals.
fn inner_triggers(parts: &[Hir], extend: bool, length: Length) -> Option<Found> {
    let mut best: Option<(Rank, Found)> = None;
    let mut before = 0usize;
    for (i, part) in parts.iter().enumerate() {
        // A part that is itself a sequence or a choice (`\b(?:the drop|a drop)…`
        // parses as a word boundary then an alternation) has triggers of its own.
        let literals = if extend {
            extended_literals(&parts[i..], length)
        } else {
            prefix_literals(part, length).map(|(literals, _)| (literals, false))
        };
        let found = match literals {
            Some((literals, word_end)) => Some((literals, 0, word_end)),
            None if matches!(
                part.kind(),
                HirKind::Concat(_) | HirKind::Alternation(_) | HirKind::Capture(_)
            ) =>
            {
                hir_triggers(part, extend, length).map(|t| (t.literals, t.lookbehind, t.word_end))
            }
            None => None,
        };
        if let Some((literals, inner, word_end)) = found {
            let rank = Rank::of(&literals);
            if best.as_ref().is_none_or(|(r, _)| rank > *r) {
                let lookbehind = before.saturating_add(inner).min(WINDOW);
                best = Some((
                    rank,
                    Found {
                        literals,
                        lookbehind,
                        word_end,
                    },
                ));
            }
        }
        let len = part.properties().maximum_len().unwrap_or(WINDOW);
        before = before.saturating_add(len).min(WINDOW);
    }
    best.map(|(_, t)| t)
}

/// How rare a set of trigger literals is likely to be, compared in this order:
/// whether every literal spans two words (`me 1`, `last summit`: word pairs
/// are far rarer than words; not `s people`), the length of the shortest (trimmed), then
/// fewer literals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    word_pairs: bool,
    shortest: usize,
    fewer: std::cmp::Reverse<usize>,
}

impl Rank {
    fn of(literals: &[String]) -> Rank {
        // A leading single letter is the tail of a word (`s people`).
        let words = |l: &str| {
            let mut words = l.split(|c: char| !c.is_alphanumeric()).peekable();
            words.next_if(|w| w.chars().count() == 1);
            words.filter(|w| !w.is_empty()).count()
        };
        Rank {
            word_pairs: literals.iter().all(|l| words(l) >= 2),
            shortest: literals.iter().map(|l| l.trim().len()).min().unwrap_or(0),
            fewer: std::cmp::Reverse(literals.len()),
        }
    }
}

/// The prefix literals ([`prefix_literals`]) of the longest run of `parts`, from
/// the first, that has usable ones: `the last ` then `summit|meeting` gives
/// `the last summit`, `the last meeting`, which occur far less often than
/// either part's literals, so fewer windows are searched. A run longer than
/// one part is kept only with ASCII literals: the automaton folds ASCII case
/// only, and the case variants of a non-ASCII literal are those of the whole
/// literal. Also whether a word boundary follows each literal: when the
/// literals are whole matches of the run, and the run ends with a word
/// boundary or is followed by one, after a literal's last word character.
fn extended_literals(parts: &[Hir], length: Length) -> Option<(Vec<String>, bool)> {
    let word_end = |end: usize, (literals, exact): (Vec<String>, bool)| {
        let bounded = exact
            && (is_word_end(&parts[end - 1]) || parts.get(end).is_some_and(is_word_end))
            && literals.iter().all(|l| {
                l.as_bytes()
                    .last()
                    .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
            });
        (literals, bounded)
    };
    (2..=parts.len())
        .rev()
        .find_map(|end| {
            prefix_literals(&Hir::concat(parts[..end].to_vec()), length)
                .filter(|(literals, _)| literals.iter().all(|l| l.is_ascii()))
                .map(|found| word_end(end, found))
        })
        .or_else(|| {
            let first = parts.first()?;
            prefix_literals(first, length).map(|found| word_end(1, found))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{ExceptionCheck, Matcher};

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
    fn ascii_digits_extend_literals() {
        // As compiled, `\d` is `[0-9]`: `me 0` … `me 9` are the triggers.
        let t = of(r"(?:^|[.!?])\s*(?:To me|Me) (?:is |are |)(?P<n>\d{1,3}) years\b").unwrap();
        assert!(t.literals.contains(&"me 7".to_string()), "{t:?}");
        assert!(t.literals.contains(&"to me is 1".to_string()), "{t:?}");
        // `\p{L}` needs Unicode: the Unicode digits are too many.
        let t = of(r"\p{Lu}\p{L}* (?:is |)(?P<n>\d{1,3}) years\b").unwrap();
        assert_eq!(t.literals[..], [" years"]);
    }

    #[test]
    fn frequent_words_are_not_triggers() {
        // `the ` is frequent; ` of ` extended over the month is not.
        let t = of(r"\b(?:on )?the (?P<d>\d{1,2}) of (?P<m>May|June)\b").unwrap();
        assert_eq!(t.literals[..], [" of june", " of may"]);
        assert_eq!(t.lookbehind, "on the ".len() + 2, "two ASCII digits");
        // Unicode digits are too many to extend `the ` over.
        let t = of(r"(?P<n>\w+): the (?P<d>\d{1,2}) of (?P<m>May|June)\b").unwrap();
        assert_eq!(t.literals[..], [" of june", " of may"]);
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
        assert_eq!(t.literals[..], vec!["！".to_string()]);
        assert_eq!(t.lookbehind, 1);
        let t = of(r"«(?P<q>[^»\n]{1,200})»").expect("triggered by the guillemet");
        assert_eq!(t.literals[..], vec!["«".to_string()]);
        assert!(
            of(r", (?:that|which) ").is_none(),
            "ASCII punctuation is frequent"
        );
    }

    #[test]
    fn inner_triggers_with_lookbehind() {
        // 3 × 12 × 3 prefixes are too many, and `I have ` is frequent: the
        // verbs extended over the nouns are the triggers.
        let t = of(r"\b(?P<s>I|we|you) (?P<v>have|had|has|get|got|want|need|see|saw|like|love|hate) (?P<n>question|problem|issue)\b").unwrap();
        assert_eq!(t.literals.len(), 12 * 3);
        assert!(t.literals.contains(&" saw issue".to_string()), "{t:?}");
        assert_eq!(t.lookbehind, "you".len());
        assert!((17..WINDOW).contains(&t.max_len), "{t:?}");
        let t = of(r"(?P<pre>the|[A-Z]\w+'s) last (?P<n>summit|meeting)\b").unwrap();
        assert_eq!(t.literals[..], [" last meeting", " last summit"]);
        assert_eq!(t.lookbehind, WINDOW, "unbounded part before the literal");
        let t = of(r"\bthe (?:last )?drop of water|\ba (?:big )?drop that").unwrap();
        assert_eq!(
            t.literals[..],
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
        assert_eq!(t.literals[..], ["ĉ", "ĝ", "ĥ", "ĵ", "ŝ", "ŭ"]);
        assert_eq!(t.lookbehind, WINDOW);
        let t = of(r"\bthe (?P<p>his|her|their|its)\b").expect("`the his` is rare");
        assert_eq!(
            t.literals[..],
            ["the her", "the his", "the its", "the their"]
        );
        assert_eq!(t.lookbehind, 0);
        assert_eq!(
            of(r"\b(?:on|in) (?P<p>his|her)\b"),
            None,
            "frequent words only"
        );
    }

    #[test]
    fn extended_literals_stop_where_they_would_be_too_many() {
        let t = of(r#"(?P<b>^|[.!?"“]\s*)Where,? where(?P<p>[.!])"#).unwrap();
        assert_eq!(
            t.literals[..],
            [
                "where where!",
                "where where.",
                "where, where!",
                "where, where."
            ]
        );
        assert_eq!(t.lookbehind, WINDOW);
        // 4 × 3 literals, not 4 × 3 × 20: the nouns are not appended.
        let t = of(r"\b(?P<n>\d+|two|a few) (?P<u>thousand|million|billion|hundred)s (?P<w>people|dollars|euros|roubles|residents|soldiers|workers|tons|tonnes|years|copies|units|inhabitants|refugees|troops|visitors|miles|acres|pages|votes)\b").unwrap();
        assert_eq!(
            t.literals[..],
            [" billions ", " hundreds ", " millions ", " thousands "]
        );
        // Extended, the branches would have more literals than allowed in all.
        let nouns = "(?:apple|bread|cheese|dough|egg|flour|grape|honey|ice)";
        let pattern =
            format!(r"\b(?:red|blue|green|pink|gray|white|black|brown) {nouns}|\bbig {nouns}");
        let t = of(&pattern).unwrap();
        assert!(t.literals.contains(&"red ".to_string()), "{t:?}");
        // A literal extended over non-ASCII text is refused: its case variants
        // would be those of the whole literal.
        // ` said to élysée officials` would be longest.
        let t = of(r"(?P<who>\w+) said (?:to )?Élysée officials\b").unwrap();
        assert_eq!(t.literals[..], ["élysée officials"]);
    }

    /// Every match of a pattern contains one of its trigger literals (as the
    /// phrase automaton finds it: ASCII case folded, in one of its variants)
    /// at most `lookbehind` bytes after its start, and ends at most `max_len`
    /// bytes after that literal.
    #[test]
    fn every_match_holds_a_trigger_in_its_window() {
        let patterns = [
            r#"(?P<b>^|[.!?"“]\s*)Where,? where(?P<p>[.!])"#,
            r"\b(?P<pre>the|its|[A-Z]\w+[’']s) last (?P<n>summit|meeting|poll)\b",
            r"\b(?P<n>\d+|two|a few) (?P<u>thousand|million)s (?P<w>people|tons)\b",
            r"\b(?P<s>I|we|you) (?P<v>have|had|saw) (?P<n>question|problem|issue)\b",
            r"\bthe (?P<p>his|her|their|its)\b",
            r"\b(?:on )?the (?P<d>\d{1,2}) of (?P<m>May|June)\b",
            r"(?P<who>\w+) said (?:to )?Élysée officials\b",
            r"\b(?P<x>co-operation|well-known) (?:of|between) (?:the )?(?P<y>\w+)",
            r"(?-u:\b)[A-Za-z]{2,}(?:aj|oj)n?(?-u:\b)",
            r"\b(?P<a>\d{1,3}),(?P<b>\d{1,2}) (?P<u>million|percent|per cent|km)\b",
            r"\b(?P<w>\w+) ajn\b",
        ];
        let text = "Where, where!\n\"Where where. Où? « where, where! »\n\
            THE LAST SUMMIT; Putin’s last poll, Merkel's last meeting — its last summit.\n\
            ٣ thousands people, 5 thousands people and two millions tons, a few thousands\npeople.\n\
            We saw issue, you had Problem; I have question-marks.\n\
            The his, THE HER and the their-ish; the its.\n\
            On the 3 of June, the 12 of MAY, the ١٢ of May; the 4 of mayday.\n\
            She said to Élysée officials, and he said Élysée OFFICIALS.\n\
            The well-known co-operation of the partners, Co-Operation between us-and-them.\n\
            Major projects: KONSERVADAJ groups, fervojaj-workers, la trajnojn\nand Taj’s ajnoj.\n\
            Ĝi ajn, ĉu ajn, 3,5 million, 1,500 people, 12,25 PER CENT\n and 7,1 km; 2,5 kilometres.";
        let folded = text.to_ascii_lowercase();
        for pattern in patterns {
            let (regex, hir) = LazyRegex::new(pattern, true).unwrap();
            let t = triggers(pattern, &hir).expect(pattern);
            let spellings: Vec<String> = t
                .literals
                .iter()
                .flat_map(|l| crate::rules::phrase_automaton::variants(l))
                .map(|v| v.to_ascii_lowercase())
                .collect();
            let mut matches = 0;
            for m in regex.get().unwrap().find_iter(text) {
                matches += 1;
                let held = spellings.iter().any(|s| {
                    folded.match_indices(s.as_str()).any(|(at, _)| {
                        t.may_end_at(folded.as_bytes(), at + s.len())
                            && (m.start()..=m.start() + t.lookbehind).contains(&at)
                            && at < m.end()
                            && m.end() <= at + t.max_len
                    })
                });
                assert!(held, "{pattern}: {:?} ({t:?})", &text[m.range()]);
            }
            assert!(matches >= 2, "{pattern}: {matches} matches");
        }
    }

    #[test]
    fn rare_pairs_trigger_patterns_without_longer_literals() {
        // Suffixes followed by a word boundary: `aj` in `major` is dismissed.
        let t = of(r"(?-u:\b)[A-Za-z]{2,}(?:aj|oj)n?(?-u:\b)").unwrap();
        assert_eq!(t.literals[..], ["aj", "ajn", "oj", "ojn"]);
        assert!(t.word_end && t.lookbehind == WINDOW, "{t:?}");
        assert!(!t.may_end_at(b"major", 3) && t.may_end_at(b"fervojaj", 8));
        assert!(
            t.may_end_at("ajé".as_bytes(), 2),
            "a Unicode \\b may follow"
        );
        assert!(t.may_end_at(b"aj-aj", 2) && t.may_end_at(b"aj aj", 2));
        // A digit after a comma, the first two bytes of too many literals.
        let t = of(r"\b(?P<a>\d{1,3}),(?P<b>\d{1,2}) (?P<u>million|km|kg)\b").unwrap();
        assert_eq!(t.literals.len(), 10, "{t:?}");
        assert!(
            t.literals.contains(&",7".to_string()) && !t.word_end,
            "{t:?}"
        );
        assert_eq!(t.lookbehind, 3);
        // Longer literals come first; frequent pairs never trigger.
        let t = of(r"\b(?:jo|qi) cat\b").unwrap();
        assert_eq!(t.literals[..], ["jo cat", "qi cat"]);
        assert_eq!(of(r"\b\w+(?:ed|es)\b"), None);
        assert!(is_rare_pair("$5") && is_rare_pair("zh") && !is_rare_pair("5,"));
        assert!(!is_rare_pair("ed") && !is_rare_pair("j"));
    }

    /// `build.rs` encodes each built-in regex as parsed for compiling; decoded,
    /// it is the tree that parsing the pattern at run time gives.
    #[test]
    fn encoded_builtin_regexes_decode_to_their_parse() {
        let set = crate::rules::RuleSet::builtin().unwrap();
        let mut regexes: Vec<&LazyRegex> = Vec::new();
        for rule in &set.rules {
            if let Matcher::Pattern { regex, .. } = &rule.matcher {
                regexes.push(regex);
            }
            for e in &rule.exceptions {
                if let ExceptionCheck::Before(r) | ExceptionCheck::After(r) = e {
                    regexes.push(r);
                }
            }
        }
        assert!(regexes.len() > 100);
        for re in regexes {
            assert!(re.encoded_hir.is_some(), "{re:?} not encoded");
            let fresh = LazyRegex::unparsed(re.source.clone(), re.case_insensitive);
            let parsed = fresh.parse_for_compile();
            assert!(parsed.is_some(), "{re:?}");
            assert_eq!(re.parse_for_compile(), parsed, "{re:?}");
        }
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
