#!/usr/bin/env python3
"""Build the round-trip corpora: English -> pivot -> English with Apertium.

For each source set (SETS) and pivot language, every sentence of
corpus/<set>/source/*.txt is translated into the pivot and back with Apertium;
the round-trip sentence is aligned with its original at the word level, and
each changed region becomes an annotated artefact in a sidecar YAML file.

Output (deterministic for a given set of installed Apertium packages):

    corpus/<set>/<pivot>/<doc>.txt    round-trip text, one paragraph a line
    corpus/<set>/<pivot>/<doc>.yaml   annotation (format: corpus/README.md),
                                      document set `<set>-<pivot>`
    corpus/<set>/STATS.md             counts per pivot (kept, dropped, categories)

Sets: `roundtrip` (corpus/roundtrip/, general news-style texts) and `contrast`
(corpus/contrast/, texts that use, correctly, English words and collocations
that false-friend rules target; see corpus/contrast/README.md).

Usage:
    python3 scripts/roundtrip.py                 # all sets and pivots, write + check
    python3 scripts/roundtrip.py --sets contrast # only some sets
    python3 scripts/roundtrip.py --pivots es,ca  # only some pivots
    python3 scripts/roundtrip.py --check         # only validate existing output

Needs: Python 3.11 (stdlib) + PyYAML, and Apertium with the pairs listed in
PIVOTS (apt-get install apertium apertium-eng-spa apertium-eng-cat
apertium-en-gl apertium-eo-en).
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

# set name -> (directory, what its source texts are, for the provenance)
SETS: dict[str, tuple[Path, str]] = {
    "roundtrip": (
        ROOT / "corpus" / "roundtrip",
        "Original English news-style text written for mtlint",
    ),
    "contrast": (
        ROOT / "corpus" / "contrast",
        "Original English news-style text written for mtlint that uses, "
        "correctly, words and collocations that false-friend rules target",
    ),
}

# pivot code -> (forward mode, backward mode, Debian package with the pair data)
PIVOTS: dict[str, tuple[str, str, str]] = {
    "es": ("eng-spa", "spa-eng", "apertium-eng-spa"),
    "ca": ("eng-cat", "cat-eng", "apertium-eng-cat"),
    "gl": ("en-gl", "gl-en", "apertium-en-gl"),
    "eo": ("en-eo", "eo-en", "apertium-eo-en"),
}
PIVOT_NAMES = {"es": "Spanish", "ca": "Catalan", "gl": "Galician", "eo": "Esperanto"}
ENGINE_PACKAGES = ["apertium", "lttoolbox", "apertium-lex-tools"]

# A sentence is dropped when more than this share of its words changed.
DROP_THRESHOLD = 0.5

CATEGORIES = [
    "casing",
    "punctuation",
    "untranslated",
    "word-order",
    "grammar",
    "word-choice",
    "calque",
]
# Categories an editor spots without knowing the source text.
EASY = {"casing", "punctuation", "untranslated"}

# Function words: articles, determiners, prepositions, auxiliaries and
# modals, pronouns, conjunctions, particles.
FUNCTION_WORDS = set(
    """
    a an the this that these those some any each every no other another such
    all both either neither much many more most few little several own same
    of in on at to for from by with about into onto over under up down out off
    through during before after above below between among against within without
    towards toward upon across along around behind beyond near since until till
    per via than as like despite
    be am is are was were been being have has had having do does did done doing
    will would shall should can could may might must ought
    i me my mine myself you your yours yourself yourselves he him his himself
    she her hers herself it its itself we us our ours ourselves they them their
    theirs themselves one ones who whom whose which what whoever whatever
    there here where when how why whether if then so and or but nor yet because
    although though while not n't 's '
    """.split()
)

TOKEN_RE = re.compile(r"\w+(?:['’-]\w+)*'?|[^\w\s]")
MARK_RE = re.compile(r"[*@#]+(?=\w)")
# `*word`: unknown to the pivot analyser; `@word`: no bilingual entry.
# (`#word` only means an English form could not be generated.)
UNTRANSLATED_RE = re.compile(r"(?<!\w)[*@]+(\w+(?:['’-]\w+)*)")
# Sentence boundary: . ! ? (optionally followed by a closing quote), then
# space, then an opening quote or an upper-case letter or digit.
SENT_RE = re.compile(r"(?<=[.!?])([\"”’]?)\s+(?=[\"“‘]?[A-Z0-9])")


# --------------------------------------------------------------------------
# Text handling


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences (the source texts avoid abbreviations)."""
    out, start = [], 0
    for m in SENT_RE.finditer(paragraph):
        end = m.start() + len(m.group(1))
        out.append(paragraph[start:end])
        start = m.end()
    out.append(paragraph[start:])
    return [s.strip() for s in out if s.strip()]


@dataclass
class Tok:
    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"


def tokenize(s: str) -> list[Tok]:
    return [Tok(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(s)]


def gaps(s: str, toks: list[Tok]) -> list[str]:
    """The text between each token and the one before it."""
    return [s[toks[k - 1].end : t.start] if k else "" for k, t in enumerate(toks)]


def words(toks: list[Tok]) -> list[str]:
    return [t.text for t in toks if t.is_word]


# --------------------------------------------------------------------------
# Apertium


CACHE: Path | None = None  # --cache: keep raw Apertium output (development)


def run_apertium(mode: str, sentences: list[str]) -> list[str]:
    """Translate sentences in one call, one sentence per blank-line block."""
    if any("\n" in s for s in sentences):
        raise ValueError("sentences must not contain newlines")
    text = "\n\n".join(sentences) + "\n"
    key = hashlib.sha256(f"{mode}\0{text}".encode()).hexdigest()[:20]
    if CACHE and (CACHE / key).is_file():
        out = (CACHE / key).read_text(encoding="utf-8")
    else:
        proc = subprocess.run(
            ["apertium", mode],
            input=text.encode("utf-8"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            check=True,
        )
        out = proc.stdout.decode("utf-8")
        if CACHE:
            CACHE.mkdir(parents=True, exist_ok=True)
            (CACHE / key).write_text(out, encoding="utf-8")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", out.strip("\n"))]
    if len(blocks) != len(sentences):
        raise RuntimeError(
            f"apertium {mode}: {len(sentences)} sentences in, {len(blocks)} out"
        )
    return [re.sub(r"\s+", " ", b) for b in blocks]


def strip_marks(s: str) -> str:
    """Remove Apertium's *unknown, @untranslated and #ungenerated marks."""
    return MARK_RE.sub("", s)


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
# Alignment


@dataclass
class Region:
    i1: int  # original token range
    i2: int
    j1: int  # round-trip token range
    j2: int
    reordered: bool = False


def same_words(a: list[Tok], b: list[Tok]) -> bool:
    wa = sorted(w.lower() for w in words(a))
    wb = sorted(w.lower() for w in words(b))
    return bool(wa) and wa == wb


def align(
    orig: list[Tok], rt: list[Tok], orig_gaps: list[str], rt_gaps: list[str]
) -> tuple[list[Region], int]:
    """Changed regions between the token lists, and the count of unchanged words.

    `*_gaps[k]` is the whitespace before token k."""
    sm = difflib.SequenceMatcher(
        None, [t.text for t in orig], [t.text for t in rt], autojunk=False
    )
    regions: list[Region] = []
    kept_words = 0
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            kept_words += sum(1 for t in orig[i1:i2] if t.is_word)
        else:
            regions.append(Region(i1, i2, j1, j2))

    # Word order: neighbouring regions that together only move words around.
    merged: list[Region] = []
    k = 0
    while k < len(regions):
        r = regions[k]
        if same_words(orig[r.i1 : r.i2], rt[r.j1 : r.j2]):
            merged.append(Region(r.i1, r.i2, r.j1, r.j2, True))
            k += 1
            continue
        last = None
        for n in range(k + 1, min(k + 4, len(regions))):
            s = regions[n]
            if s.i1 - regions[n - 1].i2 > 4:
                break
            if same_words(orig[r.i1 : s.i2], rt[r.j1 : s.j2]):
                last = n
                break
        if last is None:
            merged.append(r)
            k += 1
        else:
            s = regions[last]
            merged.append(Region(r.i1, s.i2, r.j1, s.j2, True))
            k = last + 1

    # Regions separated by a single token, or by two function words, are one
    # change for an editor ("reparations of road" for "road repairs").
    joined: list[Region] = []
    for r in merged:
        if joined and not r.reordered and not joined[-1].reordered:
            p = joined[-1]
            gap = orig[p.i2 : r.i1]
            if len(gap) <= 1 or (
                len(gap) == 2 and all(t.text.lower() in FUNCTION_WORDS for t in gap)
            ):
                joined[-1] = Region(p.i1, r.i2, p.j1, r.j2)
                continue
        joined.append(r)
    merged = joined

    # Insertions and deletions: take in a neighbouring word (on both sides,
    # which are equal there) so that neither `text` nor `original` is empty.
    for r in merged:
        if r.i1 < r.i2 and r.j1 < r.j2:
            continue
        if r.j1 > 0 and r.i1 > 0 and rt[r.j1 - 1].is_word:
            r.i1 -= 1
            r.j1 -= 1
        elif r.j2 < len(rt) and r.i2 < len(orig) and rt[r.j2].is_word:
            r.i2 += 1
            r.j2 += 1
        elif r.j1 > 0 and r.i1 > 0:
            r.i1 -= 1
            r.j1 -= 1
        elif r.j2 < len(rt) and r.i2 < len(orig):
            r.i2 += 1
            r.j2 += 1

    # Merge regions that now overlap or share a token on either side.
    out: list[Region] = []
    for r in merged:
        if out and (r.i1 < out[-1].i2 or r.j1 < out[-1].j2):
            p = out[-1]
            out[-1] = Region(p.i1, max(p.i2, r.i2), p.j1, max(p.j2, r.j2))
        else:
            out.append(r)

    # Spacing changed between two unchanged tokens (`" We` for `"We`).
    used = {j for r in out for j in range(r.j1, r.j2)}
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "equal":
            continue
        for d in range(1, i2 - i1):
            i, j = i1 + d, j1 + d
            if {j - 1, j} & used:
                continue
            if orig_gaps[i] != rt_gaps[j]:
                out.append(Region(i - 1, i + 1, j - 1, j + 1))
                used |= {j - 1, j}
    out.sort(key=lambda r: r.j1)
    return out, kept_words


def same_stem(a: str, b: str) -> bool:
    """Crude stemming: a long shared prefix ("suffer-ed", "suffer-ing")."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= min(len(a), len(b)) - 2


def categorize(o: list[Tok], r: list[Tok], unknown: set[str], reordered: bool) -> str:
    ot, rtt = [t.text for t in o], [t.text for t in r]
    ow, rw = words(o), words(r)
    if ot == rtt:
        return "punctuation"  # only the spacing changed
    if [t.lower() for t in ot] == [t.lower() for t in rtt]:
        return "casing"
    if ow == rw:
        return "punctuation"
    if [w.lower() for w in ow] == [w.lower() for w in rw]:
        return "casing"
    removed = Counter(w.lower() for w in ow)
    added = Counter(w.lower() for w in rw)
    removed, added = removed - added, added - removed
    if any(w in unknown for w in added):
        return "untranslated"
    if reordered or (not removed and not added):
        return "word-order"
    content_o = [w.lower() for w in ow if w.lower() not in FUNCTION_WORDS]
    content_r = [w.lower() for w in rw if w.lower() not in FUNCTION_WORDS]
    if content_o != content_r and sorted(content_o) == sorted(content_r):
        return "calque"  # "flag of corner" for "corner flag"
    # Inflection only ("suffered" for "were suffering"): pair off content
    # words that share a stem before looking at what else changed.
    rem, add = list(removed.elements()), list(added.elements())
    for w in list(rem):
        if w in FUNCTION_WORDS:
            continue
        for v in add:
            if v not in FUNCTION_WORDS and same_stem(w, v):
                rem.remove(w)
                add.remove(v)
                break
    if all(w in FUNCTION_WORDS for w in rem + add):
        return "grammar"
    if sum(removed.values()) <= 1 and sum(added.values()) <= 1:
        return "word-choice"
    return "calque"


# --------------------------------------------------------------------------
# Documents


@dataclass
class Artefact:
    start: int  # character offsets in the output document
    end: int
    text: str
    original: str
    category: str
    occurrence: int = 0


@dataclass
class DocResult:
    name: str
    text: str
    artefacts: list[Artefact] = field(default_factory=list)
    sentences: int = 0
    dropped: int = 0


def nth_occurrence(haystack: str, needle: str, n: int) -> int:
    """Start of the n-th (1-based) non-overlapping occurrence, or -1."""
    pos = -1
    for _ in range(n):
        pos = haystack.find(needle, pos + len(needle) if pos >= 0 else 0)
        if pos < 0:
            return -1
    return pos


def occurrence_of(doc: str, text: str, start: int) -> int:
    """1-based occurrence number of `text` at `start`, or 0 if unreachable.

    The occurrence must be the same whether occurrences are counted
    overlapping or not, so that readers of either convention agree."""
    n, pos = 0, doc.find(text)
    while 0 <= pos < start:
        n += 1
        pos = doc.find(text, pos + len(text))
    if pos != start:
        return 0
    overlapping = sum(1 for k in range(start) if doc.startswith(text, k))
    return n + 1 if overlapping == n else 0


def build_document(
    name: str,
    paragraphs: list[list[str]],
    translated: dict[str, tuple[str, set[str]]],
) -> DocResult:
    res = DocResult(name, "")
    out_pars: list[str] = []
    pending: list[tuple[int, str, list[Tok], list[Tok], list[Region], set[str]]] = []
    offset = 0
    kept_orig: list[str] = []
    for par in paragraphs:
        kept: list[str] = []
        for sent in par:
            res.sentences += 1
            rt_sent, unknown = translated[sent]
            o, r = tokenize(sent), tokenize(rt_sent)
            regions, kept_words = align(o, r, gaps(sent, o), gaps(rt_sent, r))
            n_words = max(len(words(o)), len(words(r)), 1)
            if 1 - kept_words / n_words > DROP_THRESHOLD:
                res.dropped += 1
                continue
            sent_off = offset + sum(len(k) + 1 for k in kept)
            kept.append(rt_sent)
            kept_orig.append(sent)
            pending.append((sent_off, sent, o, r, regions, unknown))
        if kept:
            p = " ".join(kept)
            out_pars.append(p)
            offset += len(p) + 1
    res.text = "\n".join(out_pars) + "\n"

    for sent_off, sent, o, r, regions, unknown in pending:
        for reg in regions:
            ot, rt = o[reg.i1 : reg.i2], r[reg.j1 : reg.j2]
            if not ot or not rt:
                continue  # a one-token sentence with nothing to expand into
            start = sent_off + rt[0].start
            end = sent_off + rt[-1].end
            text = res.text[start:end]
            original = sent[ot[0].start : ot[-1].end]
            untranslated = unknown - {w.lower() for w in words(o)}
            cat = categorize(ot, rt, untranslated, reg.reordered)
            res.artefacts.append(Artefact(start, end, text, original, cat))
    for a in res.artefacts:
        a.occurrence = occurrence_of(res.text, a.text, a.start)
    unreachable = [a for a in res.artefacts if a.occurrence == 0]
    if unreachable:
        print(f"{name}: dropping {len(unreachable)} unreachable spans", file=sys.stderr)
    res.artefacts = [a for a in res.artefacts if a.occurrence > 0]

    # Self-check: putting every `original` back in place must give the kept
    # source sentences again (whitespace aside).
    rebuilt, pos = [], 0
    for a in sorted(res.artefacts, key=lambda a: a.start):
        assert a.start >= pos, f"{name}: overlapping artefacts at {a.start}"
        rebuilt += [res.text[pos : a.start], a.original]
        pos = a.end
    rebuilt.append(res.text[pos:])
    squeeze = lambda t: re.sub(r"\s+", "", t)  # noqa: E731
    if squeeze("".join(rebuilt)) != squeeze("".join(kept_orig)):
        raise AssertionError(f"{name}: annotations do not rebuild the source text")
    return res


def q(s: str) -> str:
    """A double-quoted YAML scalar (JSON string syntax is valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def write_yaml(
    path: Path, doc: DocResult, set_name: str, pivot: str, provenance: str
) -> None:
    lines = [
        f"document: {doc.name}.txt",
        f"set: {set_name}",
        f"provenance: {q(provenance)}",
        "language: en",
        f"pivot: {pivot}",
        "negative: false",
    ]
    if not doc.artefacts:
        lines.append("artefacts: []")
    else:
        lines.append("artefacts:")
        for a in doc.artefacts:
            lines += [
                f"  - text: {q(a.text)}",
                f"    occurrence: {a.occurrence}",
                f"    category: {a.category}",
                f"    original: {q(a.original)}",
                f"    pivot: {pivot}",
                f"    tier: {'easy' if a.category in EASY else 'hard'}",
            ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------
# Validation


def check_annotation(yaml_path: Path) -> list[str]:
    """Problems with one annotation file (empty when it is valid)."""
    errors: list[str] = []
    data = yaml.safe_load(yaml_path.read_text(encoding="utf-8"))
    required = {"document", "set", "provenance", "language", "negative", "artefacts"}
    missing = required - set(data)
    if missing:
        return [f"{yaml_path}: missing keys {sorted(missing)}"]
    doc_path = yaml_path.parent / data["document"]
    if not doc_path.is_file():
        return [f"{yaml_path}: document {doc_path} not found"]
    raw = doc_path.read_bytes()
    doc = raw.decode("utf-8")
    if data["negative"] and data["artefacts"]:
        errors.append(f"{yaml_path}: negative document with artefacts")
    spans: list[tuple[int, int, str]] = []
    for k, a in enumerate(data["artefacts"] or []):
        where = f"{yaml_path}: artefact {k + 1} ({a.get('text')!r})"
        text, occ = a.get("text"), a.get("occurrence", 1)
        if not isinstance(text, str) or not text:
            errors.append(f"{where}: empty text")
            continue
        if not isinstance(a.get("original"), str) or not a["original"]:
            errors.append(f"{where}: empty original")
        if a.get("category") not in CATEGORIES:
            errors.append(f"{where}: unknown category {a.get('category')!r}")
        if a.get("tier", "easy") not in ("easy", "hard"):
            errors.append(f"{where}: bad tier {a.get('tier')!r}")
        needle = text.encode("utf-8")
        count = raw.count(needle)
        if not isinstance(occ, int) or occ < 1 or count < occ:
            errors.append(f"{where}: occurrence {occ} but {count} in document")
            continue
        pos = -1
        for _ in range(occ):  # byte span of the n-th non-overlapping occurrence
            pos = raw.find(needle, pos + len(needle) if pos >= 0 else 0)
        spans.append((pos, pos + len(needle), text))
    spans.sort()
    for (s1, e1, t1), (s2, e2, t2) in zip(spans, spans[1:]):
        if s2 < e1:
            errors.append(f"{yaml_path}: overlapping spans {t1!r}@{s1} and {t2!r}@{s2}")
    del doc
    return errors


def check_all(dirs: list[Path]) -> int:
    errors, n = [], 0
    for d in dirs:
        for y in sorted(d.glob("*.yaml")):
            n += 1
            errors += check_annotation(y)
    for e in errors:
        print(e, file=sys.stderr)
    print(f"checked {n} annotation files: {len(errors)} problems")
    return 1 if errors else 0


# --------------------------------------------------------------------------
# Main


def load_sources(base: Path) -> list[tuple[str, list[list[str]]]]:
    docs = []
    for f in sorted((base / "source").glob("*.txt")):
        pars = [
            split_sentences(line.strip())
            for line in f.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        docs.append((f.stem, pars))
    return docs


def roundtrip_pivot(
    set_name: str, pivot: str, docs: list[tuple[str, list[list[str]]]]
) -> dict:
    base, described = SETS[set_name]
    fwd, back, pkg = PIVOTS[pivot]
    sentences = sorted({s for _, pars in docs for par in pars for s in par})
    mid = [strip_marks(s) for s in run_apertium(fwd, sentences)]
    back_marked = run_apertium(back, mid)
    translated = {
        s: (strip_marks(b), {w.lower() for w in UNTRANSLATED_RE.findall(b)})
        for s, b in zip(sentences, back_marked)
    }

    versions = {p: package_version(p) for p in ENGINE_PACKAGES + [pkg]}
    ver_text = ", ".join(f"{p} {v}" for p, v in versions.items())
    out_dir = base / pivot
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in list(out_dir.glob("*.txt")) + list(out_dir.glob("*.yaml")):
        old.unlink()

    results = [build_document(name, pars, translated) for name, pars in docs]
    total = sum(r.sentences for r in results)
    dropped = sum(r.dropped for r in results)
    for r in results:
        provenance = (
            f"{described} "
            f"(corpus/{set_name}/source/{r.name}.txt, same licence as mtlint), "
            f"machine-translated English -> {PIVOT_NAMES[pivot]} -> English, "
            f"one sentence at a time, by scripts/roundtrip.py: "
            f"`apertium {fwd}`, Apertium marks removed, then `apertium {back}` "
            f"(Debian bookworm packages: {ver_text}). Artefacts come from an "
            f"automatic word-level alignment with the original (difflib), "
            f"categories from a heuristic. Sentences where more than half of "
            f"the words changed were dropped: {r.dropped} of {r.sentences} in "
            f"this document, {dropped} of {total} in the set."
        )
        (out_dir / f"{r.name}.txt").write_text(r.text, encoding="utf-8")
        write_yaml(out_dir / f"{r.name}.yaml", r, f"{set_name}-{pivot}", pivot, provenance)

    cats = Counter(a.category for r in results for a in r.artefacts)
    return {
        "pivot": pivot,
        "modes": f"{fwd} / {back}",
        "versions": ver_text,
        "sentences": total,
        "kept": total - dropped,
        "dropped": dropped,
        "words": sum(len(words(tokenize(r.text))) for r in results),
        "artefacts": sum(cats.values()),
        "categories": cats,
    }


def write_stats(base: Path, stats: list[dict]) -> None:
    lines = [
        "# Round-trip corpus statistics" if base.name == "roundtrip"
        else f"# Round-trip corpus statistics: `{base.name}` set",
        "",
        "Generated by `scripts/roundtrip.py`; do not edit by hand.",
        "",
        "| pivot | modes | sentences | kept | dropped | words | artefacts | "
        + " | ".join(CATEGORIES)
        + " |",
        "| --- " * (7 + len(CATEGORIES)) + "|",
    ]
    for s in stats:
        lines.append(
            f"| {s['pivot']} | {s['modes']} | {s['sentences']} | {s['kept']} | "
            f"{s['dropped']} | {s['words']} | {s['artefacts']} | "
            + " | ".join(str(s["categories"].get(c, 0)) for c in CATEGORIES)
            + " |"
        )
    lines += ["", "Package versions:", ""]
    lines += [f"- {s['pivot']}: {s['versions']}" for s in stats]
    (base / "STATS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated")
    ap.add_argument("--pivots", default=",".join(PIVOTS), help="comma-separated")
    ap.add_argument("--check", action="store_true", help="only validate output")
    ap.add_argument("--cache", type=Path, help="directory to cache Apertium output")
    args = ap.parse_args()
    global CACHE
    CACHE = args.cache
    sets = [s for s in args.sets.split(",") if s]
    for s in sets:
        if s not in SETS:
            ap.error(f"unknown set {s!r}; known: {', '.join(SETS)}")
    pivots = [p for p in args.pivots.split(",") if p]
    for p in pivots:
        if p not in PIVOTS:
            ap.error(f"unknown pivot {p!r}; known: {', '.join(PIVOTS)}")
    if not args.check:
        for set_name in sets:
            base = SETS[set_name][0]
            docs = load_sources(base)
            stats = []
            for p in pivots:
                s = roundtrip_pivot(set_name, p, docs)
                stats.append(s)
                print(
                    f"{set_name}-{p}: {s['kept']} sentences kept, "
                    f"{s['dropped']} dropped, {s['artefacts']} artefacts "
                    + ", ".join(f"{c} {s['categories'].get(c, 0)}" for c in CATEGORIES)
                )
            if set(pivots) == set(PIVOTS):
                write_stats(base, stats)
    return check_all([SETS[s][0] / p for s in sets for p in pivots])


if __name__ == "__main__":
    sys.exit(main())
