//! Embeds every file under `rules/` into the binary, so `mtlint` works from any directory.

use std::fs;
use std::path::{Path, PathBuf};

#[path = "src/engine/detectors/lexicon_table.rs"]
#[allow(dead_code)]
mod lexicon_table;

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
        let rel = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        code.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded_rules.rs");
    fs::write(out, code).unwrap();
    write_lexicon_tables(&root, &files);
}

/// Precomputes the hash tables of the embedded lexicons (`lexicon*.tsv`), so that
/// loading one at run time costs nothing.
fn write_lexicon_tables(root: &Path, files: &[PathBuf]) {
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let mut code = String::from(
        "/// A precomputed lexicon: (path relative to the repo, entries, slots, hot).\n\
         pub type Table = (&'static str, &'static [u8], &'static [u8], &'static [u8]);\n\
         /// Precomputed lexicon tables.\n\
         pub static TABLES: &[Table] = &[\n",
    );
    for path in files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !(name.starts_with("lexicon") && name.ends_with(".tsv")) {
            continue;
        }
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = fs::read_to_string(path).unwrap();
        let tables =
            lexicon_table::build(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let stem = rel.replace('/', "_");
        code.push_str(&format!("    ({rel:?}"));
        for (ext, bytes) in [
            ("entries", &tables.entries),
            ("slots", &tables.slots),
            ("hot", &tables.hot),
        ] {
            let file = out_dir.join(format!("{stem}.{ext}"));
            fs::write(&file, bytes).unwrap();
            code.push_str(&format!(
                ", include_bytes!({:?})",
                file.display().to_string()
            ));
        }
        code.push_str("),\n");
    }
    code.push_str("];\n");
    fs::write(out_dir.join("lexicon_tables.rs"), code).unwrap();
}
