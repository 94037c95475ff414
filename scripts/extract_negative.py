#!/usr/bin/env python3
"""Extract clean English prose from the Debian Developer's Reference.

Reads the reStructuredText sources that the Debian package
`developers-reference` installs (/usr/share/developers-reference/_sources)
and writes plain prose paragraphs, one a line, to
corpus/negative/generated/*.txt, each with a sidecar YAML annotation
(`negative: true`, no artefacts). Used by scripts/fetch-negative.sh.

What is kept: unindented body paragraphs. What is left out: titles,
directives and their bodies (code blocks, notes, tables of contents),
comments, literal blocks, indented blocks, lists, tables, field lists, and
every sentence that holds code, a file name, a command, an option, a URL,
an e-mail address or an unresolved substitution. Inline markup is rendered
as Sphinx shows it as text: ``stable`` becomes stable, :ref:`label` becomes
the title of the section it points to, `text <url>`__ becomes text.

Standard library only; deterministic; removes its previous output first.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

PACKAGE = "developers-reference"
LICENCE = "GPL-2+ (GNU General Public License, version 2 or later)"
TITLE = "Debian Developer's Reference"
DEFAULT_SOURCE = Path("/usr/share/developers-reference/_sources")

UNDERLINE_RE = re.compile(r"^([=\-*~^\"#+`'.:_])\1{3,}\s*$")
LABEL_RE = re.compile(r"^\.\. _([^:]+):\s*$")
LIST_RE = re.compile(r"^(\s*)([-*+•]|#\.|\d+[.)]|\(\d+\)|[a-zA-Z][.)])\s+")
# A literal kept as plain text: words, spaces, an inner hyphen or apostrophe.
PLAIN_LITERAL_RE = re.compile(r"^[A-Za-z][A-Za-z' ]*(?:-[A-Za-z]+)*$")
SENTENCE_RE = re.compile(r"(?<=[.!?])([\"”’)]?)\s+(?=[\"“(]?[A-Z])")
MIN_PARAGRAPH_WORDS = 12
MIN_DOC_WORDS = 600


class Drop(Exception):
    """This sentence cannot be rendered as clean prose."""


def package_version(pkg: str) -> str:
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", pkg],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            check=True,
        ).stdout.decode()
        return out.strip() or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


# --------------------------------------------------------------------------
# Block structure


def is_title(block: list[str]) -> str | None:
    """The title text when the block is a section title, else None."""
    lines = [l.rstrip() for l in block]
    if len(lines) == 2 and UNDERLINE_RE.match(lines[1]) and lines[0].strip():
        return lines[0].strip()
    if len(lines) == 3 and UNDERLINE_RE.match(lines[0]) and UNDERLINE_RE.match(lines[2]):
        return lines[1].strip()
    return None


def blocks(text: str) -> list[list[str]]:
    """Blocks of lines separated by blank lines."""
    out, cur = [], []
    for line in text.splitlines():
        if line.strip():
            cur.append(line.rstrip())
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def labels_and_titles(sources: list[Path]) -> dict[str, str]:
    """Map each `.. _label:` to the title of the section that follows it."""
    labels: dict[str, str] = {}
    for path in sources:
        pending: list[str] = []
        for block in blocks(path.read_text(encoding="utf-8")):
            title = is_title(block)
            if title is not None:
                for name in pending:
                    labels[name.lower()] = plain_title(title)
                pending = []
                continue
            names = [m.group(1) for l in block if (m := LABEL_RE.match(l))]
            if names and len(names) == len(block):
                pending += names
            else:
                pending = []
    return labels


def plain_title(title: str) -> str:
    title = re.sub(r"``([^`]+)``", r"\1", title)
    return re.sub(r"\s+", " ", title).strip()


# --------------------------------------------------------------------------
# Inline markup


def render_inline(sentence: str, labels: dict[str, str]) -> str:
    """Render the inline markup of one sentence, or raise Drop."""
    s = sentence

    def literal(m: re.Match) -> str:
        content = m.group(1)
        if not PLAIN_LITERAL_RE.match(content):
            raise Drop(content)
        return content

    def ref(m: re.Match) -> str:
        content = m.group(1)
        explicit = re.match(r"^(.*?)\s*<([^>]+)>$", content, re.S)
        if explicit:
            return explicit.group(1)
        title = labels.get(content.strip().lower())
        if title is None or not re.fullmatch(r"[A-Za-z0-9 ,'()-]+", title):
            raise Drop(content)
        return title

    s = re.sub(r"``(.+?)``", literal, s)
    s = re.sub(r":ref:`([^`]+)`", ref, s)
    if re.search(r":[a-z]+:`", s):  # any other role (:file:, :manpage:, ...)
        raise Drop("role")
    s = re.sub(r"`([^`<]+?)\s*<[^>`]+>`__?", r"\1", s)  # hyperlink with target
    s = re.sub(r"`([^`]+)`__?", r"\1", s)  # named hyperlink reference
    s = re.sub(r"\s*\[(?:#[\w-]*|\d+|\*)\]_", "", s)  # footnote reference
    if "`" in s or re.search(r"\|[\w-]+\|", s):
        raise Drop("markup")
    s = re.sub(r"\*\*([^*]+)\*\*", r"\1", s)
    s = re.sub(r"(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])", r"\1", s)
    s = s.replace("\\ ", "").replace("\\", "")
    if re.search(r"https?://|ftp://|www\.|\S@\S|[<>{}\[\]=_$/\\#]|\s--?\w", s):
        raise Drop("code")
    if re.search(r"\b[a-z0-9-]{2,}\.[a-z]{2,}\b|\w\.(?:com|org|net)\b|(?<!\w)\.\w", s):
        raise Drop("host or file name")
    if "*" in s:
        raise Drop("markup")
    return s


def split_sentences(paragraph: str) -> list[str]:
    pieces, start = [], 0
    for m in SENTENCE_RE.finditer(paragraph):
        pieces.append(paragraph[start : m.start() + len(m.group(1))])
        start = m.end()
    pieces.append(paragraph[start:])
    out: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if out and re.search(r"\b(?:e\.g|i\.e|cf|vs)\.$", out[-1]):
            out[-1] += " " + piece  # not the end of a sentence
        else:
            out.append(piece)
    return out


def paragraph_prose(block: list[str], labels: dict[str, str]) -> str | None:
    """The prose of a body paragraph block, or None when it is not prose."""
    if any(l.startswith((" ", "\t")) for l in block):
        return None  # definition list, block quote, literal block, ...
    first = block[0]
    if (
        first.startswith("..")
        or LIST_RE.match(first)
        or first.startswith(("|", "+-", "+=", ":", ">>>", "$ ", "# "))
        or UNDERLINE_RE.match(first)
        or any(UNDERLINE_RE.match(l) for l in block)
    ):
        return None
    text = re.sub(r"\s+", " ", " ".join(block)).strip()
    if text.endswith("::"):
        # Introduces a literal block: the last sentence refers to code.
        text = text[:-2].rstrip()
        text = " ".join(split_sentences(text)[:-1])
    kept = []
    for sentence in split_sentences(text):
        try:
            s = render_inline(sentence, labels).strip()
        except Drop:
            continue
        s = re.sub(r"\s+", " ", s)
        s = re.sub(r"\s+([,.;:!?])(?=\s|$)", r"\1", s)
        s = re.sub(r"\(\s*\)", "", s).strip()
        if not re.match(r"^[\"“(]?[A-Z0-9]", s) or not re.search(r"[.!?][\"”’)]?$", s):
            continue  # a fragment, or a sentence that leads into a list
        if len(s.split()) < 4:
            continue
        if s.count("(") != s.count(")") or s.count('"') % 2 or s.count("“") != s.count("”"):
            continue  # its other half was in a sentence left out
        kept.append(s)
    prose = " ".join(kept)
    if len(prose.split()) < MIN_PARAGRAPH_WORDS:
        return None
    return prose


def extract_file(path: Path, labels: dict[str, str]) -> list[tuple[str, list[str]]]:
    """(section title, prose paragraphs) for each top-level section of a file."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    in_directive = False
    text = path.read_text(encoding="utf-8")
    # Directive and comment bodies are the indented lines after `.. `; they are
    # dropped by the indentation test in paragraph_prose, except the first
    # block of a directive, which starts with `..`.
    for block in blocks(text):
        if block[0].startswith(".."):
            in_directive = True
            continue
        if in_directive and block[0].startswith((" ", "\t")):
            continue
        in_directive = False
        title = is_title(block)
        if title is not None:
            sections.append((plain_title(title), []))
            continue
        prose = paragraph_prose(block, labels)
        if prose:
            sections[-1][1].append(prose)
    return [(t, ps) for t, ps in sections if ps]


# --------------------------------------------------------------------------
# Output


def q(s: str) -> str:
    """A double-quoted YAML scalar (JSON string syntax is valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def write_doc(out: Path, name: str, paragraphs: list[str], chapter: str,
              sections: list[str], version: str) -> int:
    (out / f"{name}.txt").write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    provenance = (
        f"Human-written English prose from the {TITLE} (Debian package "
        f"{PACKAGE} {version}, file {chapter}.rst.txt, sections: "
        f"{'; '.join(sections)}), licence {LICENCE}. Extracted by "
        f"scripts/extract_negative.py: body paragraphs only; titles, code, "
        f"commands, lists, tables and sentences with code, file names, URLs "
        f"or unresolved markup left out; inline markup rendered as text."
    )
    yaml_text = "\n".join(
        [
            f"document: {name}.txt",
            f"set: negative-{PACKAGE}",
            f"provenance: {q(provenance)}",
            "language: en",
            "negative: true",
            "artefacts: []",
        ]
    )
    (out / f"{name}.yaml").write_text(yaml_text + "\n", encoding="utf-8")
    return sum(len(p.split()) for p in paragraphs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--min-words", type=int, default=20000,
                    help="fail when fewer words are extracted")
    args = ap.parse_args()

    # index.rst.txt holds only the table of contents and the licence notice.
    sources = sorted(p for p in args.source.glob("*.rst.txt")
                     if p.name != "index.rst.txt")
    if not sources:
        print(f"no *.rst.txt under {args.source}; is {PACKAGE} installed?",
              file=sys.stderr)
        return 1
    version = package_version(PACKAGE)
    labels = labels_and_titles(sources)

    args.out.mkdir(parents=True, exist_ok=True)
    for old in list(args.out.glob("*.txt")) + list(args.out.glob("*.yaml")):
        old.unlink()

    total, docs = 0, 0
    for path in sources:
        chapter = path.name.removesuffix(".rst.txt")
        # Top-level sections are grouped into documents of about 1,500 words
        # or more; a short remainder joins the document before it.
        groups: list[tuple[list[str], list[str]]] = []
        group: list[str] = []
        titles: list[str] = []
        for title, paragraphs in extract_file(path, labels):
            group += paragraphs
            titles.append(title or "introduction")
            if sum(len(p.split()) for p in group) >= 1500:
                groups.append((group, titles))
                group, titles = [], []
        if group:
            if groups and sum(len(p.split()) for p in group) < MIN_DOC_WORDS:
                groups[-1][0].extend(group)
                groups[-1][1].extend(titles)
            else:
                groups.append((group, titles))
        for part, (paragraphs, section_titles) in enumerate(groups, 1):
            name = f"{PACKAGE}-{chapter}-{part:02d}"
            total += write_doc(args.out, name, paragraphs, chapter,
                               section_titles, version)
            docs += 1
    print(f"{PACKAGE} {version}: {docs} documents, {total} words -> {args.out}")
    if total < args.min_words:
        print(f"only {total} words, fewer than {args.min_words}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
