#!/usr/bin/env python3
"""Generate rules/en/data/propernames.tsv: words English writes only capitalised.

Requirements (Debian):
    apt-get install wamerican wbritish

Usage (from the repository root):
    python3 scripts/gen_propernames.py [--out rules/en/data/propernames.tsv]

Source: the SCOWL word lists of Debian's wamerican and wbritish packages
(/usr/share/dict/american-english, /usr/share/dict/british-english; SCOWL's
permissive licence, see rules/SOURCES.md). Those lists write proper nouns
capitalised ("Vladimir", "Emmanuel", "Crimea") and common words in
lowercase ("turkey", "will").

Kept: single words of letters only, capitalised (first letter upper, the
rest lower), at least three letters, whose lowercase form is not itself in
either list (so "John", "Smith", "Will" and "Turkey" are left out: they are
also common words). Possessives ("Putin's") are dropped.

Output: one lowercase word a line, no header, sorted by UTF-8 bytes, so the
file can be binary-searched in place. Used by the title-case detector to keep
names capitalised inside a run of headline capitals.

Deterministic: the output depends only on the wamerican/wbritish versions.
"""

import argparse
import subprocess

DICT_FILES = ["/usr/share/dict/american-english", "/usr/share/dict/british-english"]


def package_version(name):
    try:
        return subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", name],
            capture_output=True, text=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="rules/en/data/propernames.tsv")
    args = parser.parse_args()
    words = set()
    for path in DICT_FILES:
        with open(path, encoding="utf-8") as f:
            for line in f:
                w = line.strip()
                if w and not w.endswith("'s"):
                    words.add(w)
    lower = {w for w in words if w[:1].islower()}
    names = sorted(
        {
            w.lower()
            for w in words
            if len(w) >= 3
            and w.isalpha()
            and w[0].isupper()
            and w[1:].islower()
            and w.lower() not in lower
        },
        key=lambda w: w.encode("utf-8"),
    )
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        for w in names:
            out.write(w + "\n")
    print(
        f"wamerican {package_version('wamerican')}, wbritish {package_version('wbritish')}: "
        f"{len(names)} proper names -> {args.out}"
    )


if __name__ == "__main__":
    main()
