//! `Linter::lint_cached` (what the language server runs after each edit) must give
//! exactly the report of `Linter::lint` on the same text, whatever the edits that
//! led to it: random and scripted edits in plain text and Markdown, each step
//! compared with a full lint of the text at that step.

use std::sync::Arc;

use mtlint::engine::LintCache;
use mtlint::formats::InputFormat;
use mtlint::{Document, LintOptions, Linter, Report, RuleSet};

fn linter(options: LintOptions) -> Arc<Linter> {
    Arc::new(Linter::new(RuleSet::builtin().unwrap(), options).unwrap())
}

fn builtin() -> Arc<Linter> {
    use std::sync::OnceLock;
    static LINTER: OnceLock<Arc<Linter>> = OnceLock::new();
    LINTER
        .get_or_init(|| linter(LintOptions::default()))
        .clone()
}

/// Everything a report says, for comparison.
fn summary(r: &Report) -> String {
    format!(
        "{} {:?} words={} pivot={:?}\nunused={:?}\n{:#?}",
        r.language, r.language_source, r.words, r.pivot, r.unused_suppressions, r.findings
    )
}

/// Lints `text` with the cache and in full, and fails on any difference.
fn check(linter: &Linter, cache: &mut LintCache, text: &str, format: InputFormat, step: &str) {
    let doc = Document::new("t", text).with_format(format);
    let cached = summary(&linter.lint_cached(&doc, cache));
    let full = summary(&linter.lint(&doc));
    if cached != full {
        let (c, f): (Vec<_>, Vec<_>) = (cached.lines().collect(), full.lines().collect());
        let first = c.iter().zip(&f).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "cached lint differs from the full lint at {step} (line {first} of the report: \
             cached {:?}, full {:?})\n--- text ---\n{text}",
            c.get(first),
            f.get(first)
        );
    }
}

fn corpus(path: &str) -> String {
    std::fs::read_to_string(format!("{}/corpus/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Committed corpus texts of every kind (machine-translated news, clean prose,
/// other languages); the negative set is fetched only for evaluation.
fn corpus_texts() -> Vec<String> {
    let mut texts = vec![corpus("seed/cnn-roundtrip.txt")];
    for dir in [
        "roundtrip/source",
        "roundtrip/es",
        "contrast/source",
        "contrast/eo",
    ] {
        let full = format!("{}/corpus/{dir}", env!("CARGO_MANIFEST_DIR"));
        let mut paths: Vec<_> = std::fs::read_dir(full)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        texts.extend(
            paths
                .iter()
                .take(8)
                .map(|p| std::fs::read_to_string(p).unwrap()),
        );
    }
    texts
}

/// A small deterministic generator (xorshift), so that failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// A char boundary of `text`.
    fn boundary(&mut self, text: &str) -> usize {
        let mut i = self.below(text.len() + 1);
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

/// Text inserted by the random edits: words that rules and detectors react to,
/// line and paragraph breaks, markup.
const SNIPPETS: &[&str] = &[
    "x",
    " ",
    "\n",
    "\n\n",
    "kyiv",
    " kyiv ",
    "the coalition of wishes",
    "reflection group",
    " , ",
    "said :",
    "50 %",
    "3,5",
    "the the",
    "Witkoff Told Fox News That Peace Deal Will Center On Security",
    "He said that she",
    " her ",
    "Paris",
    "paris",
    "teh",
    "recieve",
    "«Bonjour»",
    "Les ministres sont arrivés dans la capitale pour le sommet.",
    "Minister of Foreign Affairs",
    "Easter truce",
    "*",
    "**",
    "`",
    "# ",
    "- ",
    "> ",
    "[link](https://kyiv.example)",
    "<!-- mtlint-disable -->",
    "<!-- mtlint-enable -->",
    "<!-- mtlint-disable-next-line -->\n",
    "```\n",
    "Kyiv-based",
    "new\nyork",
    "the united\nstates",
    " in\nkyiv ",
    "said.\nkyiv",
    "To me is 25 years old",
    "\nNothing terrible!",
    "two days before\n.",
    ",\nnot so?",
    ".",
    "—",
    "’",
];

/// Applies one random edit to `text`; returns what it did.
fn edit(rng: &mut Rng, text: &mut String) -> String {
    let at = rng.boundary(text);
    match rng.below(10) {
        // Insert a snippet.
        0..=3 => {
            let s = SNIPPETS[rng.below(SNIPPETS.len())];
            text.insert_str(at, s);
            format!("insert {s:?} at {at}")
        }
        // Delete a short range.
        4 | 5 => {
            let mut end = (at + 1 + rng.below(12)).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let gone = text[at..end].to_string();
            text.replace_range(at..end, "");
            format!("delete {gone:?} at {at}")
        }
        // Split a paragraph, or merge two lines.
        6 => {
            text.insert_str(at, "\n\n");
            format!("split at {at}")
        }
        7 => match text[at..].find('\n') {
            Some(i) => {
                text.replace_range(at + i..at + i + 1, " ");
                format!("merge lines at {}", at + i)
            }
            None => "nothing".into(),
        },
        // Duplicate or move a line.
        8 => {
            let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
            let line = text[start..end].to_string();
            let to = rng.boundary(text);
            let to = text[..to].rfind('\n').map_or(0, |i| i + 1);
            text.insert_str(to, &line);
            format!("copy line {start}..{end} to {to}")
        }
        // Replace a word with one from elsewhere in the text.
        _ => {
            let end = text[at..]
                .find(|c: char| !c.is_alphanumeric())
                .map_or(text.len(), |i| at + i);
            let from = rng.boundary(text);
            let mut to = (from + 1 + rng.below(20)).min(text.len());
            while !text.is_char_boundary(to) {
                to += 1;
            }
            let with = text[from..to].to_string();
            text.replace_range(at..end, &with);
            format!("replace {at}..{end} with {with:?}")
        }
    }
}

/// Random edits on `text`, each followed by a cached and a full lint.
fn random_edits(linter: &Linter, mut text: String, format: InputFormat, seed: u64, steps: usize) {
    let mut rng = Rng(seed);
    let mut cache = LintCache::new();
    check(linter, &mut cache, &text, format, "open");
    let mut log = Vec::new();
    for step in 0..steps {
        // Mostly single edits (keystrokes); sometimes several before one lint (a burst).
        for _ in 0..1 + rng.below(4) / 3 * 3 {
            log.push(edit(&mut rng, &mut text));
        }
        let what = format!(
            "step {step} of seed {seed} after {:?}",
            &log[log.len().saturating_sub(4)..]
        );
        check(linter, &mut cache, &text, format, &what);
    }
}

/// A Markdown document made of corpus prose with every kind of block around it.
fn markdown() -> String {
    let prose = corpus("seed/cnn-roundtrip.txt");
    let mut md = String::from("---\ntitle: kyiv notes\n---\n\n# The kyiv summit\n\n");
    for (i, line) in prose.lines().take(40).enumerate() {
        match i % 9 {
            0 => md.push_str(&format!("## {line}\n\n")),
            1 => md.push_str(&format!("- {line}\n- the coalition of wishes\n\n")),
            2 => md.push_str(&format!("> {line}\n\n")),
            3 => md.push_str(&format!("```\nkyiv code {line}\n```\n\n")),
            4 => md.push_str(&format!(
                "<!-- mtlint-disable-next-line -->\n{line} with `kyiv` and *reflection* **group**\n\n"
            )),
            5 => md.push_str(&format!("| a | b |\n|---|---|\n| {line} | kyiv |\n\n")),
            6 => md.push_str(&format!("{line}\nwrapped on a second line, see [kyiv](https://kyiv.example).\n\n")),
            _ => md.push_str(&format!("{line}\n\n")),
        }
    }
    md
}

#[test]
fn cached_lint_equals_full_lint_on_corpus_texts() {
    let linter = builtin();
    // One cache for all of them: lines of one text are reused in the next.
    let mut cache = LintCache::new();
    for (i, text) in corpus_texts().iter().enumerate() {
        check(
            &linter,
            &mut cache,
            text,
            InputFormat::Text,
            &format!("text {i}"),
        );
        check(
            &linter,
            &mut cache,
            text,
            InputFormat::Markdown,
            &format!("text {i} as Markdown"),
        );
    }
    // All of them in one document, then with its halves swapped.
    let all = corpus_texts().join("\n");
    check(&linter, &mut cache, &all, InputFormat::Text, "all texts");
    let mid = all[..all.len() / 2].rfind('\n').unwrap() + 1;
    let swapped = format!("{}{}", &all[mid..], &all[..mid]);
    check(
        &linter,
        &mut cache,
        &swapped,
        InputFormat::Text,
        "halves swapped",
    );
}

#[test]
fn random_edits_in_plain_text_keep_the_cached_lint_exact() {
    let linter = builtin();
    let text = corpus("seed/cnn-roundtrip.txt");
    for seed in [1, 2, 3] {
        random_edits(&linter, text.clone(), InputFormat::Text, seed, 120);
    }
    // Technical prose without blank lines, and news with paragraphs.
    let texts = corpus_texts();
    random_edits(&linter, texts[1..4].join("\n\n"), InputFormat::Text, 4, 120);
    random_edits(
        &linter,
        texts[texts.len() - 3..].join(""),
        InputFormat::Text,
        5,
        120,
    );
}

#[test]
fn random_edits_in_markdown_keep_the_cached_lint_exact() {
    let linter = builtin();
    for seed in [11, 12, 13] {
        random_edits(&linter, markdown(), InputFormat::Markdown, seed, 120);
    }
    random_edits(&linter, markdown(), InputFormat::Html, 14, 60);
}

#[test]
fn scripted_edits_keep_the_cached_lint_exact() {
    let linter = builtin();
    let mut cache = LintCache::new();
    let base = corpus("seed/cnn-roundtrip.txt");
    let mut text = base.clone();
    let mut steps: Vec<(&str, String)> = Vec::new();
    // Type a sentence with findings one character at a time in the middle.
    let mid = text[..text.len() / 2].rfind('\n').unwrap() + 1;
    let typed = "The kyiv reflection group said : the the plan , worth 50 % .\n";
    for (i, _) in typed.char_indices().skip(1) {
        text.insert(mid + i - 1, typed[i - 1..].chars().next().unwrap());
        check(
            &linter,
            &mut cache,
            &text,
            InputFormat::Text,
            &format!("typing {i}"),
        );
    }
    steps.push(("typed", text.clone()));
    // Split the line inside a finding, then join it again.
    let at = text.find("reflection group").unwrap() + "reflection".len();
    text.insert(at, '\n');
    steps.push(("split inside a finding", text.clone()));
    text.remove(at);
    steps.push(("joined", text.clone()));
    // Repeat a lowercase name until it reads as the document's convention, and back.
    for n in 1..=5 {
        text.push_str("the kyiv office\n");
        steps.push(("lowercase name repeated", format!("{n}")));
        check(
            &linter,
            &mut cache,
            &text,
            InputFormat::Text,
            &format!("kyiv {n}"),
        );
    }
    // The same unknown word in several lines, which makes it a term of the document.
    for n in 1..=4 {
        text.insert_str(0, "The frobnicator works.\n");
        check(
            &linter,
            &mut cache,
            &text,
            InputFormat::Text,
            &format!("term {n}"),
        );
    }
    // Another language at the start: detection changes, every line is linted again.
    let french = "Les ministres des Affaires étrangères et de la Défense sont arrivés dans la capitale française pour le sommet de la coalition, où ils ont discuté des garanties de sécurité pour l'Ukraine et de l'avenir du cessez-le-feu.\n".repeat(200);
    text.insert_str(0, &french);
    check(
        &linter,
        &mut cache,
        &text,
        InputFormat::Text,
        "French first",
    );
    text.replace_range(..french.len(), "");
    check(
        &linter,
        &mut cache,
        &text,
        InputFormat::Text,
        "French removed",
    );
    for (what, t) in steps {
        if t.len() > 100 {
            check(&linter, &mut cache, &t, InputFormat::Text, what);
        }
    }
    // Names across a line break, and a line whose start is a sentence start or not
    // depending on how the line before ends.
    let mid = text[..text.len() / 3].rfind('\n').unwrap() + 1;
    for (i, piece) in [
        "Officials met in new\nyork and the united\nstates said so.\n",
        "The talks in the kyiv\npost office went on\n",
        "kyiv answered first\n",
    ]
    .iter()
    .enumerate()
    {
        text.insert_str(mid, piece);
        check(
            &linter,
            &mut cache,
            &text,
            InputFormat::Text,
            &format!("piece {i}"),
        );
    }
    let end = text[mid..].find("went on").unwrap() + mid + "went on".len();
    text.insert(end, '.');
    check(
        &linter,
        &mut cache,
        &text,
        InputFormat::Text,
        "sentence ended",
    );
    text.remove(end);
    check(
        &linter,
        &mut cache,
        &text,
        InputFormat::Text,
        "sentence open again",
    );
    // Patterns that may match across a line break or at the start of the text.
    for piece in [
        "Nothing terrible!\n",
        "three years before\n\n, they said\n",
        "It works, \n\n not so?\n",
        "\nTo me is 30 years.\n",
    ] {
        text.insert_str(mid, piece);
        check(&linter, &mut cache, &text, InputFormat::Text, piece);
        text.insert_str(0, piece);
        check(&linter, &mut cache, &text, InputFormat::Text, piece);
    }
    // Everything deleted, then the text back.
    check(&linter, &mut cache, "", InputFormat::Text, "empty");
    check(&linter, &mut cache, &base, InputFormat::Text, "back");
}

#[test]
fn cached_lint_honours_the_linter_options() {
    let options = LintOptions {
        min_confidence: 0.6,
        ignore_phrases: vec!["Easter truce".into(), "kyiv".into()],
        ..LintOptions::default()
    };
    let linter = linter(options);
    random_edits(
        &linter,
        corpus("seed/cnn-roundtrip.txt"),
        InputFormat::Text,
        21,
        40,
    );
    let forced = linter_with_language("fr");
    random_edits(
        &forced,
        corpus("seed/cnn-roundtrip.txt"),
        InputFormat::Text,
        22,
        20,
    );
}

fn linter_with_language(language: &str) -> Arc<Linter> {
    linter(LintOptions {
        language: Some(language.into()),
        ..LintOptions::default()
    })
}
