#!/usr/bin/env python3
"""Generate rules/en/data/bigrams.tsv: frequent English word bigrams with counts.

Requirements (python3.11):
    pip install symspellpy==6.10.1
and rules/en/data/lexicon.tsv must exist (python3.11 scripts/gen_lexicon.py).

Usage (from the repository root):
    python3.11 scripts/gen_bigrams.py [--max-lines 250000] [--lexicon PATH] [--out PATH]

Source: frequency_bigramdictionary_en_243_342.txt shipped inside the
symspellpy package (MIT; the SymSpell project states its English frequency
dictionaries were built from Google Books Ngram data, CC BY 3.0, checked
against spell-checker word lists; see rules/SOURCES.md).

Output format: one line per bigram, no header,
    w1 w2<TAB>count
lowercase, both words present in lexicon.tsv, sorted by the UTF-8 bytes of
"w1 w2". count is the corpus count given by the source file (Google Books
bigram counts, as distributed by SymSpell). When more than --max-lines
bigrams qualify, the most frequent ones are kept (ties broken by the bigram).

Used to rank spelling candidates by their neighbour: "Refronting to" ->
candidates "referring", "refronting"... -> "referring to" is frequent.

Deterministic: the output depends only on the symspellpy version and on
lexicon.tsv.
"""

import argparse
import importlib.metadata
import importlib.resources
import os
import re
import sys

SOURCE_FILE = "frequency_bigramdictionary_en_243_342.txt"
WORD_RE = re.compile(r"[a-z]+(?:'[a-z]+)*")


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    data_dir = os.path.join(here, "..", "rules", "en", "data")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lexicon", default=os.path.join(data_dir, "lexicon.tsv"))
    ap.add_argument("--out", default=os.path.join(data_dir, "bigrams.tsv"))
    ap.add_argument("--max-lines", type=int, default=250_000)
    args = ap.parse_args()

    lexicon_path = os.path.normpath(args.lexicon)
    if not os.path.exists(lexicon_path):
        print(f"error: {lexicon_path} is missing; run scripts/gen_lexicon.py first",
              file=sys.stderr)
        return 1
    with open(lexicon_path, encoding="utf-8") as f:
        lexicon = {line.split("\t", 1)[0] for line in f if line.strip()}

    src = importlib.resources.files("symspellpy").joinpath(SOURCE_FILE)
    counts: dict[str, int] = {}
    n_src = n_bad = n_oov = 0
    with src.open("r", encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            n_src += 1
            if len(parts) != 3 or not parts[2].isdigit():
                n_bad += 1
                continue
            w1, w2 = parts[0].lower(), parts[1].lower()
            if not (WORD_RE.fullmatch(w1) and WORD_RE.fullmatch(w2)):
                n_bad += 1
                continue
            if w1 not in lexicon or w2 not in lexicon:
                n_oov += 1
                continue
            key = f"{w1} {w2}"
            # Lowercasing may merge entries: add their counts.
            counts[key] = counts.get(key, 0) + int(parts[2])

    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].encode("utf-8")))
    n_cut = max(0, len(rows) - args.max_lines)
    rows = rows[: args.max_lines]
    rows.sort(key=lambda kv: kv[0].encode("utf-8"))

    out = os.path.normpath(args.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for key, c in rows:
            f.write(f"{key}\t{c}\n")

    print(f"symspellpy {importlib.metadata.version('symspellpy')}: {SOURCE_FILE}: {n_src} lines")
    print(f"dropped: {n_bad} malformed, {n_oov} with a word not in the lexicon "
          f"({len(lexicon)} forms), {n_cut} over --max-lines {args.max_lines}")
    print(f"wrote {len(rows)} bigrams to {out} ({os.path.getsize(out)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
