//! Embeds every file under `rules/` into the binary, so `mtlint` works from any
//! directory, and precompiles the built-in packs: they are parsed and validated
//! here with the crate's own loader (a broken pack fails the build, naming its
//! file and line) and stored in postcard form for `rules::precompiled`, with
//! their phrase automaton.

use std::fs;
use std::path::{Path, PathBuf};

#[path = "src/engine/detectors/lexicon_table.rs"]
#[allow(dead_code)]
mod lexicon_table;

#[path = "src/engine/detectors/words.rs"]
#[allow(dead_code)]
mod words;

#[path = "src/engine/detectors/gazetteer_table.rs"]
#[allow(dead_code)]
mod gazetteer_table;

#[path = "src/engine/detectors/ascii_filter.rs"]
#[allow(dead_code)]
mod ascii_filter;

#[path = "src/engine/detectors/textscan.rs"]
#[allow(dead_code)]
mod textscan;

#[path = "src/case.rs"]
#[allow(dead_code)]
mod case;

#[path = "src/diagnostic.rs"]
#[allow(dead_code)]
mod diagnostic;

/// What the pack loader needs of `src/document.rs`.
#[allow(dead_code)]
mod document {
    pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
        while offset > 0 && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    pub struct LineIndex;

    impl LineIndex {
        pub fn new(_: &str) -> Self {
            LineIndex
        }

        /// 1-based line and column (in characters) of a byte offset.
        pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
            let before = &text[..offset];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            (
                before.matches('\n').count() + 1,
                before[line_start..].chars().count() + 1,
            )
        }
    }
}

/// The pack loader of `src/rules/`.
#[allow(dead_code)]
mod rules {
    #[path = "../src/rules/ascii_classes.rs"]
    pub mod ascii_classes;
    #[path = "../src/rules/error.rs"]
    pub mod error;
    #[path = "../src/rules/expand.rs"]
    pub mod expand;
    #[path = "../src/rules/hir_codec.rs"]
    pub mod hir_codec;
    #[path = "../src/rules/lazy_regex.rs"]
    pub mod lazy_regex;
    #[path = "../src/rules/load.rs"]
    pub mod load;
    #[path = "../src/rules/model.rs"]
    pub mod model;
    #[path = "../src/rules/phrase_automaton.rs"]
    pub mod phrase_automaton;
    #[path = "../src/rules/schema.rs"]
    pub mod schema;
    #[path = "../src/rules/spelling_trie.rs"]
    pub mod spelling_trie;
    #[path = "../src/rules/window_dfa.rs"]
    pub mod window_dfa;
    #[path = "../src/rules/word_chars.rs"]
    pub mod word_chars;
    /// The build script writes the tables that the library reads from here.
    pub mod precompiled {
        pub fn window_dfa(_: u32) -> Option<super::window_dfa::WindowDfa> {
            None
        }
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("read rules/")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            // Mined candidate rules await review; they are not packs.
            if path.file_name().is_some_and(|n| n == "mining") {
                continue;
            }
            collect(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml" | "tsv")
        ) {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(&rules, &mut files);
    let mut code =
        String::from("/// Files under `rules/`: (path relative to the repo, contents).\n");
    code.push_str("pub static FILES: &[(&str, &str)] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let rel = relative(&root, path);
        code.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded_rules.rs");
    fs::write(out, code).unwrap();
    let mut set = load_packs(&root, &files);
    let detectors = DetectorFiles::of(&set);
    write_lexicon_tables(&root, &files, &detectors);
    write_name_words(&root, &detectors);
    write_gazetteer_tables(&root, &files);
    write_precompiled_packs(&mut set);
}

/// Data files the built-in detectors name, whose tables are precomputed here.
struct DetectorFiles {
    /// (lexicon, bigrams) of the `non-word` detectors.
    bigrams: Vec<(String, String)>,
    /// `names` files of the `non-word` detectors.
    names: Vec<String>,
}

impl DetectorFiles {
    fn of(set: &rules::model::RuleSet) -> DetectorFiles {
        let mut files = DetectorFiles {
            bigrams: Vec::new(),
            names: Vec::new(),
        };
        for rule in &set.rules {
            let rules::model::Matcher::Detector { name, params } = &rule.matcher else {
                continue;
            };
            if name != "non-word" {
                continue;
            }
            let text = |key: &str| params.get(key).and_then(|v| v.as_str()).map(String::from);
            if let (Some(lexicon), Some(bigrams)) = (text("lexicon"), text("bigrams")) {
                files.bigrams.push((lexicon, bigrams));
            }
            if let Some(names) = params.get("names").and_then(|v| v.as_sequence()) {
                files
                    .names
                    .extend(names.iter().filter_map(|n| n.as_str()).map(String::from));
            }
        }
        files.bigrams.sort();
        files.bigrams.dedup();
        files.names.sort();
        files.names.dedup();
        files
    }
}

/// The words of the names files of the `non-word` detectors (see
/// `words::name_words`), so that building the detector needs no tokenizing.
fn write_name_words(root: &Path, detectors: &DetectorFiles) {
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let mut code = String::from(
        "/// Precomputed name words: (path relative to the repo, words, line starts).\n\
         pub static NAME_WORDS: &[(&str, &str, &[u8])] = &[\n",
    );
    for rel in &detectors.names {
        let path = root.join(rel);
        // Files outside `rules/` are not embedded: the detector reads them at run time.
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let file = out_dir.join(format!("{}.names", rel.replace('/', "_")));
        let starts_file = out_dir.join(format!("{}.starts", rel.replace('/', "_")));
        let names = words::name_words(&text);
        let starts: Vec<u8> = words::line_starts(&names)
            .into_iter()
            .flat_map(u32::to_le_bytes)
            .collect();
        fs::write(&file, names).unwrap();
        fs::write(&starts_file, starts).unwrap();
        code.push_str(&format!(
            "    ({rel:?}, include_str!({:?}), include_bytes!({:?})),\n",
            file.display().to_string(),
            starts_file.display().to_string()
        ));
    }
    code.push_str("];\n");
    fs::write(out_dir.join("name_words.rs"), code).unwrap();
}

/// Precomputes the tables of the embedded gazetteers (`gazetteer*.tsv`), so that
/// loading one at run time only copies fixed-width integers.
fn write_gazetteer_tables(root: &Path, files: &[PathBuf]) {
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let mut code = String::from(
        "/// Precomputed gazetteers: (path relative to the repo, tables, person words).\n\
         pub static TABLES: &[(&str, &[u8], &str)] = &[\n",
    );
    for (path, rel, text) in data_files(root, files, "gazetteer") {
        let tables =
            gazetteer_table::build(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let stem = rel.replace('/', "_");
        let (bytes, words) = (
            out_dir.join(format!("{stem}.tables")),
            out_dir.join(format!("{stem}.persons")),
        );
        fs::write(&bytes, &tables.bytes).unwrap();
        fs::write(&words, &tables.person_words).unwrap();
        code.push_str(&format!(
            "    ({rel:?}, include_bytes!({:?}), include_str!({:?})),\n",
            bytes.display().to_string(),
            words.display().to_string()
        ));
    }
    code.push_str("];\n");
    fs::write(out_dir.join("gazetteer_tables.rs"), code).unwrap();
}

/// The path relative to the repository (with `/`) of a file under `root`.
fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

/// The embedded data files `PREFIX*.tsv`: (path, path relative to the repo, text).
fn data_files<'a>(
    root: &'a Path,
    files: &'a [PathBuf],
    prefix: &'a str,
) -> impl Iterator<Item = (&'a PathBuf, String, String)> + 'a {
    files.iter().filter_map(move |path| {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        (name.starts_with(prefix) && name.ends_with(".tsv")).then(|| {
            let text =
                fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, relative(root, path), text)
        })
    })
}

/// Loads the built-in packs (`*.yaml`) with the crate's loader.
fn load_packs(root: &Path, files: &[PathBuf]) -> rules::model::RuleSet {
    let sources: Vec<rules::load::PackSource> = files
        .iter()
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .map(|path| rules::load::PackSource {
            file: relative(root, path),
            text: fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        })
        .collect();
    match rules::load::load_rule_set(&sources) {
        Ok(set) => set,
        Err(errors) => {
            for e in &errors {
                println!("cargo:warning={e}");
            }
            let all: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("built-in rule packs are invalid:\n{}", all.join("\n"));
        }
    }
}

/// Writes the rule set in postcard form, with its phrase automaton and the DFAs
/// of its regexes.
fn write_precompiled_packs(set: &mut rules::model::RuleSet) {
    write_window_dfas(set);
    let bytes = postcard::to_allocvec(set).expect("rule set serializes");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    fs::write(out_dir.join("builtin_rules.postcard"), bytes).unwrap();
    let phrases = rules::phrase_automaton::PhraseAutomaton::build(&set.rules, 0..set.rules.len())
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|a| a.to_bytes())
        .unwrap_or_default();
    fs::write(out_dir.join("builtin_phrases.bin"), phrases).unwrap();
}

/// Determinizes every distinct regex of the rules (patterns and exceptions),
/// writes the table of DFAs and points each regex at its entry.
fn write_window_dfas(set: &mut rules::model::RuleSet) {
    use rules::model::{ExceptionCheck, Matcher};
    let mut entries: std::collections::HashMap<(String, bool), Option<u32>> = Default::default();
    let mut dfas = Vec::new();
    for rule in &mut set.rules {
        let mut regexes: Vec<&mut rules::lazy_regex::LazyRegex> = Vec::new();
        if let Matcher::Pattern { regex, .. } = &mut rule.matcher {
            regexes.push(regex);
        }
        for e in &mut rule.exceptions {
            if let ExceptionCheck::Before(r) | ExceptionCheck::After(r) = e {
                regexes.push(r);
            }
        }
        for regex in regexes {
            regex.set_crosses_lines();
            regex.set_encoded_hir();
            let key = (regex.as_str().to_string(), regex.is_case_insensitive());
            let entry = *entries.entry(key).or_insert_with(|| {
                let dfa = regex
                    .parse_for_compile()
                    .and_then(|hir| rules::window_dfa::determinize(&hir))?;
                dfas.push(dfa);
                Some(dfas.len() as u32 - 1)
            });
            if let Some(index) = entry {
                regex.set_dfa(index);
            }
        }
    }
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    fs::write(
        out_dir.join("builtin_dfas.bin"),
        rules::window_dfa::table(&dfas),
    )
    .unwrap();
}

/// Precomputes the hash tables of the embedded lexicons (`lexicon*.tsv`), so that
/// loading one at run time costs nothing, and the bigram tables of the
/// `non-word` detectors over them.
fn write_lexicon_tables(root: &Path, files: &[PathBuf], detectors: &DetectorFiles) {
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let mut code = String::from(
        "/// A precomputed lexicon: (path relative to the repo, entries, slots, hot,\n\
         /// candidate index).\n\
         pub type Table = (\n\
             &'static str,\n\
             &'static [u8],\n\
             &'static [u8],\n\
             &'static [u8],\n\
             &'static [u8],\n\
         );\n\
         /// Precomputed lexicon tables.\n\
         pub static TABLES: &[Table] = &[\n",
    );
    let mut bigram_code = String::from(
        "/// Precomputed bigram tables: (lexicon path, bigram path, table).\n\
         pub static BIGRAMS: &[(&str, &str, &[u8])] = &[\n",
    );
    for (path, rel, text) in data_files(root, files, "lexicon") {
        let tables =
            lexicon_table::build(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let stem = rel.replace('/', "_");
        code.push_str(&format!("    ({rel:?}"));
        let candidates = lexicon_table::build_candidates(text.as_bytes(), &tables.entries);
        for (ext, bytes) in [
            ("entries", &tables.entries),
            ("slots", &tables.slots),
            ("hot", &tables.hot),
            ("candidates", &candidates),
        ] {
            let file = out_dir.join(format!("{stem}.{ext}"));
            fs::write(&file, bytes).unwrap();
            code.push_str(&format!(
                ", include_bytes!({:?})",
                file.display().to_string()
            ));
        }
        code.push_str("),\n");
        for (lexicon, bigrams) in &detectors.bigrams {
            if *lexicon != rel {
                continue;
            }
            let Ok(bigram_text) = fs::read_to_string(root.join(bigrams)) else {
                continue;
            };
            let id = |w: &[u8]| {
                lexicon_table::lookup(
                    text.as_bytes(),
                    &tables.entries,
                    &tables.slots,
                    &tables.hot,
                    w,
                )
            };
            let file = out_dir.join(format!("{}.bigrams", bigrams.replace('/', "_")));
            fs::write(&file, lexicon_table::build_bigrams(&bigram_text, id)).unwrap();
            bigram_code.push_str(&format!(
                "    ({lexicon:?}, {bigrams:?}, include_bytes!({:?})),\n",
                file.display().to_string()
            ));
        }
    }
    code.push_str("];\n");
    code.push_str(&bigram_code);
    code.push_str("];\n");
    fs::write(out_dir.join("lexicon_tables.rs"), code).unwrap();
}
