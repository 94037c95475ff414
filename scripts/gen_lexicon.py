#!/usr/bin/env python3
"""Generate rules/en/data/lexicon.tsv: English word forms with Zipf frequencies.

Requirements (python3.11):
    pip install wordfreq==3.1.1

Usage (from the repository root):
    python3.11 scripts/gen_lexicon.py [--min-zipf 1.5] [--out rules/en/data/lexicon.tsv]

Source: wordfreq's "large" English list (code Apache-2.0, data CC BY-SA 4.0;
see rules/SOURCES.md). wordfreq's lists are already case-folded, so every
entry is lowercase.

Output format: one line per word form, no header,
    word<TAB>round(zipf * 100)
sorted by the UTF-8 bytes of the word. A Zipf value is log10 of the
frequency per billion words: 7.0 ("the") down to 1.0 (about once per
100 million words, the floor of the "large" list).

Kept forms: letters and internal apostrophes only (don't, o'clock,
women's); no hyphens, digits or other punctuation; no leading or trailing
apostrophe. Letters are ASCII a-z plus the accented Latin lowercase letters
of Latin-1 (café, naïve, résumé), and a form must contain at least one a-z
letter (this drops lone "é", "à"). Forms below --min-zipf are dropped: the
tail below 1.5 is mostly typos, handles and foreign fragments.

Note: wordfreq counts real-world text, so frequent misspellings (recieve,
definately, teh) are present with Zipf values around 2.3-3.0. Membership in
this file means "seen often enough", not "correctly spelled".

Deterministic: the output depends only on the wordfreq version.
"""

import argparse
import importlib.metadata
import os
import re
import sys

import wordfreq

WORD_RE = re.compile(r"[a-zà-öø-ÿ]+(?:'[a-zà-öø-ÿ]+)*")
ASCII_LETTER_RE = re.compile(r"[a-z]")

# Large enough to take the whole "large" English list (about 320k entries).
TOP_N = 1_000_000


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.join(here, "..", "rules", "en", "data", "lexicon.tsv")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-zipf", type=float, default=1.5,
                    help="drop forms whose Zipf frequency is below this (default 1.5)")
    ap.add_argument("--out", default=default_out)
    args = ap.parse_args()

    words = wordfreq.top_n_list("en", TOP_N, wordlist="large")
    seen = set()
    rows = []
    rejected_shape = 0
    rejected_freq = 0
    for w in words:
        if w in seen:
            continue
        seen.add(w)
        if not WORD_RE.fullmatch(w) or not ASCII_LETTER_RE.search(w):
            rejected_shape += 1
            continue
        z = wordfreq.zipf_frequency(w, "en", wordlist="large")
        if z < args.min_zipf:
            rejected_freq += 1
            continue
        rows.append((w, int(round(z * 100))))

    rows.sort(key=lambda r: r[0].encode("utf-8"))
    out = os.path.normpath(args.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for w, z in rows:
            f.write(f"{w}\t{z}\n")

    n_apos = sum(1 for w, _ in rows if "'" in w)
    n_non_ascii = sum(1 for w, _ in rows if not w.isascii())
    print(f"wordfreq {importlib.metadata.version('wordfreq')}, wordlist 'large', min zipf {args.min_zipf}")
    print(f"source forms: {len(seen)}; rejected by shape: {rejected_shape}; "
          f"below zipf {args.min_zipf}: {rejected_freq}")
    print(f"wrote {len(rows)} forms ({n_apos} with apostrophes, {n_non_ascii} with accented letters) "
          f"to {out} ({os.path.getsize(out)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
