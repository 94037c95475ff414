#!/usr/bin/env python3
"""Mine candidate calque rules from openly licensed bilingual dictionaries.

For each pivot language (configured in PIVOTS below) the script:

1. reads the pivot's dictionaries: Debian FreeDict packages (dictd format,
   /usr/share/dictd/freedict-XXX-eng.{index,dict.dz}, parsed directly, and the
   reverse eng-XXX ones) and Apertium bilingual dictionaries (compiled
   /usr/share/apertium/<pair>/<dir>.autobil.bin, dumped with `lt-print` from
   lttoolbox-dev and enumerated here);
2. takes multi-word source expressions whose translation is an established
   English word or phrase ("grupo de reflexión" -> "think tank");
3. translates them word by word with the single-word entries of the same
   dictionaries, applying the pivot's word-order rules (Romance: noun-adjective
   -> adjective-noun, "X de Y" -> "Y X" and "X of Y", articles and
   prepositions from a small per-pivot table), giving the literal calque;
4. drops literals that are not calques: equal to the English original, a
   common English bigram (rules/en/data/bigrams.tsv), containing a word that is
   not English (rules/en/data/lexicon.tsv), untranslatable words, proper
   nouns, numerals, sentence-like entries...;
5. writes the survivors to rules/mining/<pivot>-candidates.yaml for review,
   marks the ones that a pack under rules/ has kept (a rule whose `source` is
   the candidate's source expression and whose description says
   "mined from"), merges the reviewer's reasons for the others from
   rules/mining/review.yaml, and prints / records the counts in
   rules/mining/README.md (between the STATS markers).

Requirements: python3.11 with PyYAML; Debian packages listed in each pivot's
config (installed with apt-get when missing, unless --no-install) and
lttoolbox-dev for lt-print.

Usage (from the repository root):
    python3.11 scripts/mine_calques.py [--pivot es --pivot pt ...] [--no-install]
                                       [--stats-only]

Adding a pivot: add an entry to PIVOTS with its dictionaries and a Grammar
(RomanceGrammar takes the per-language function-word tables; a Germanic or
Slavic pivot needs its own Grammar subclass with `literals()`).

Deterministic: the output depends only on the dictionary package versions,
rules/en/data and the packs / review file.
"""

from __future__ import annotations

import argparse
import base64
import collections
import gzip
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
RULES = os.path.join(ROOT, "rules")
MINING = os.path.join(RULES, "mining")
DICTD = "/usr/share/dictd"
APERTIUM = "/usr/share/apertium"

# --------------------------------------------------------------------------
# Dictionary sources
# --------------------------------------------------------------------------


@dataclass
class Source:
    kind: str            # "freedict" | "apertium"
    name: str            # freedict: "spa-eng" / "eng-spa"; apertium: "spa-eng"
    package: str         # Debian package
    reverse: bool = False  # English is the headword side (eng-XXX)
    pair_dir: str = ""   # apertium: directory under /usr/share/apertium

    @property
    def label(self) -> str:
        if self.kind == "freedict":
            return f"FreeDict {self.name}"
        return f"Apertium {self.pair_dir.replace('apertium-', '')} ({self.name})"


def freedict(name: str) -> Source:
    return Source("freedict", name, f"dict-freedict-{name}", reverse=name.startswith("eng-"))


def apertium(pair_dir: str, name: str) -> Source:
    return Source("apertium", name, pair_dir, pair_dir=pair_dir)


# --------------------------------------------------------------------------
# Grammar: word-by-word translation with the pivot's word order
# --------------------------------------------------------------------------

ENGLISH_FUNCTION = {
    "the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "with", "from",
    "and", "or", "without", "under", "over", "between", "as", "against", "than",
    "is", "be", "that", "it", "its", "his", "her", "their", "one", "no", "not",
    "up", "out", "into", "about", "through", "after", "before", "towards", "toward",
    "per", "since", "until", "during", "according", "all", "some", "every",
}


@dataclass
class RomanceGrammar:
    """Word order of Romance pivots.

    articles: source article -> English ("" drops it: generic articles);
    preps: source preposition (also contracted with an article) -> English;
    genitive: prepositions of the "X de Y" genitive (contracted forms too);
    words: function words and fixed translations that override the
    dictionaries (pronouns, conjunctions, very frequent verbs).
    """

    articles: dict[str, str]
    preps: dict[str, str]
    genitive: set[str]
    words: dict[str, str] = field(default_factory=dict)
    elision: str = ""   # regex of elided articles/prepositions: "l'", "d'", "dell'"
    prenominal: set[str] = field(default_factory=set)  # adjectives before the noun

    def tokens(self, text: str) -> list[str]:
        text = text.lower().replace("’", "'")
        if self.elision:
            text = re.sub(r"\b(" + self.elision + r")'", r"\1' ", text)
        return [t for t in re.split(r"[\s\-]+", text) if t]

    def literals(self, toks, lookup, pos="") -> tuple[list[str], str | None]:
        """Return (literal variants, failure reason). Noun-phrase reordering
        applies to nouns (pos "n" or unknown); other entries are glossed in
        source order."""
        glosses = []
        for t in toks:
            if t in self.articles:
                glosses.append(("art", self.articles[t]))
            elif t in self.preps:
                kind = "gen" if t in self.genitive else "prep"
                glosses.append((kind, self.preps[t]))
            elif t in self.words:
                glosses.append(("fn", self.words[t]))
            else:
                g = lookup(t)
                if g is None:
                    return [], f"no single-word translation for '{t}'"
                glosses.append(("w", g))
        content = [i for i, (k, _) in enumerate(glosses) if k == "w"]
        if not content:
            return [], "only function words"
        flat = " ".join(g for _, g in glosses if g)
        variants = []
        kinds = [k for k, _ in glosses]
        words = [g for _, g in glosses]
        nominal = pos in ("n", "", "?", "s", "nm", "nf")
        # N ADJ / N N-apposition -> modifier head (not after a pre-nominal adjective)
        if kinds == ["w", "w"] and nominal and toks[0] not in self.prenominal:
            variants.append(f"{words[1]} {words[0]}")
        # X de [art] Y -> "Y X" and "X of [the] Y"
        elif nominal and len(kinds) >= 3 and kinds[0] == "w" and kinds[1] == "gen" and kinds[-1] == "w" \
                and all(k in ("art", "w") for k in kinds[2:]):
            tail = [w for k, w in glosses[2:] if k == "w"]
            if len(tail) == 1:
                variants.append(f"{tail[0]} {words[0]}")
            elif len(tail) == 2:  # X de Y ADJ -> "ADJ Y X"
                variants.append(f"{tail[1]} {tail[0]} {words[0]}")
            variants.append(" ".join(g for g in words if g))
        else:
            variants.append(flat)
        out = []
        for v in variants:
            v = re.sub(r"\s+", " ", v).strip()
            if v and v not in out:
                out.append(v)
        return out, None


ES = RomanceGrammar(
    articles={"el": "the", "la": "the", "los": "the", "las": "the", "lo": "the",
              "un": "a", "una": "a", "unos": "some", "unas": "some"},
    preps={"de": "of", "del": "of the", "a": "to", "al": "to the", "en": "in", "con": "with",
           "por": "by", "para": "for", "sin": "without", "sobre": "on", "bajo": "under",
           "entre": "between", "hacia": "towards", "contra": "against", "desde": "from",
           "hasta": "until", "según": "according to", "y": "and", "o": "or"},
    genitive={"de", "del"},
    words={"que": "that", "se": "itself", "su": "its", "sus": "its", "mi": "my",
           "no": "not", "más": "more", "muy": "very", "todo": "all", "toda": "all",
           "hacer": "make", "tener": "have", "dar": "give", "poner": "put", "tomar": "take",
           "echar": "throw", "estar": "be", "ser": "be", "ir": "go", "llevar": "carry"},
    prenominal={"gran", "buen", "buena", "mal", "mala", "primer", "primera", "nuevo", "nueva",
                "mejor", "peor", "último", "última", "otro", "otra", "pleno", "plena", "medio"},
)

PT = RomanceGrammar(
    articles={"o": "the", "a": "the", "os": "the", "as": "the", "um": "a", "uma": "a",
              "uns": "some", "umas": "some"},
    preps={"de": "of", "do": "of the", "da": "of the", "dos": "of the", "das": "of the",
           "ao": "to the", "à": "to the", "aos": "to the", "às": "to the",
           "em": "in", "no": "in the", "na": "in the", "nos": "in the", "nas": "in the",
           "com": "with", "por": "by", "pelo": "by the", "pela": "by the", "para": "for",
           "sem": "without", "sobre": "on", "sob": "under", "entre": "between",
           "contra": "against", "desde": "from", "até": "until", "e": "and", "ou": "or"},
    genitive={"de", "do", "da", "dos", "das"},
    words={"que": "that", "se": "itself", "seu": "its", "sua": "its", "não": "not",
           "mais": "more", "muito": "very", "todo": "all", "toda": "all",
           "fazer": "make", "ter": "have", "dar": "give", "pôr": "put", "tomar": "take",
           "estar": "be", "ser": "be", "ir": "go", "levar": "carry"},
    prenominal={"grande", "grão", "bom", "boa", "mau", "má", "primeiro", "primeira", "novo",
                "nova", "melhor", "pior", "último", "última", "outro", "outra", "pleno", "meio"},
)

IT = RomanceGrammar(
    articles={"il": "the", "lo": "the", "la": "the", "i": "the", "gli": "the", "le": "the",
              "l'": "the", "un": "a", "uno": "a", "una": "a", "un'": "a"},
    preps={"di": "of", "del": "of the", "dello": "of the", "della": "of the", "dei": "of the",
           "degli": "of the", "delle": "of the", "dell'": "of the", "d'": "of",
           "a": "to", "al": "to the", "allo": "to the", "alla": "to the", "ai": "to the",
           "agli": "to the", "alle": "to the", "all'": "to the",
           "da": "from", "dal": "from the", "dalla": "from the", "in": "in", "nel": "in the",
           "nella": "in the", "nei": "in the", "con": "with", "per": "for", "senza": "without",
           "su": "on", "sul": "on the", "sulla": "on the", "tra": "between", "fra": "between",
           "contro": "against", "e": "and", "o": "or"},
    genitive={"di", "del", "dello", "della", "dei", "degli", "delle", "dell'", "d'"},
    words={"che": "that", "si": "itself", "suo": "its", "sua": "its", "non": "not",
           "più": "more", "molto": "very", "tutto": "all", "fare": "make", "avere": "have",
           "dare": "give", "mettere": "put", "prendere": "take", "essere": "be",
           "stare": "stay", "andare": "go", "portare": "carry"},
    elision=r"l|un|dell|all|nell|sull|dall|d|c",
    prenominal={"gran", "grande", "buon", "buona", "cattivo", "primo", "prima", "nuovo",
                "nuova", "migliore", "peggiore", "ultimo", "ultima", "altro", "altra", "pieno",
                "mezzo", "bel", "bella"},
)

CA = RomanceGrammar(
    articles={"el": "the", "la": "the", "els": "the", "les": "the", "l'": "the",
              "un": "a", "una": "a", "uns": "some", "unes": "some"},
    preps={"de": "of", "d'": "of", "del": "of the", "dels": "of the", "a": "to", "al": "to the",
           "als": "to the", "en": "in", "amb": "with", "per": "by", "pel": "by the",
           "pels": "by the", "per a": "for", "sense": "without", "sobre": "on", "sota": "under",
           "entre": "between", "contra": "against", "des": "from", "fins": "until",
           "i": "and", "o": "or"},
    genitive={"de", "d'", "del", "dels"},
    words={"que": "that", "es": "itself", "se": "itself", "seu": "its", "seva": "its",
           "no": "not", "més": "more", "molt": "very", "tot": "all", "fer": "make",
           "tenir": "have", "donar": "give", "posar": "put", "prendre": "take",
           "estar": "be", "ser": "be", "anar": "go", "portar": "carry"},
    elision=r"l|d|s|m|t|n",
    prenominal={"gran", "bon", "bona", "mal", "mala", "primer", "primera", "nou", "nova",
                "millor", "pitjor", "últim", "última", "altre", "altra", "ple", "mig"},
)

GL = RomanceGrammar(
    articles={"o": "the", "a": "the", "os": "the", "as": "the", "un": "a", "unha": "a",
              "uns": "some", "unhas": "some"},
    preps={"de": "of", "do": "of the", "da": "of the", "dos": "of the", "das": "of the",
           "ao": "to the", "á": "to the", "aos": "to the", "ás": "to the",
           "en": "in", "no": "in the", "na": "in the", "nos": "in the", "nas": "in the",
           "con": "with", "por": "by", "polo": "by the", "pola": "by the", "para": "for",
           "sen": "without", "sobre": "on", "baixo": "under", "entre": "between",
           "contra": "against", "desde": "from", "ata": "until", "e": "and", "ou": "or"},
    genitive={"de", "do", "da", "dos", "das"},
    words={"que": "that", "se": "itself", "seu": "its", "súa": "its", "non": "not",
           "máis": "more", "moi": "very", "todo": "all", "facer": "make", "ter": "have",
           "dar": "give", "poñer": "put", "tomar": "take", "estar": "be", "ser": "be",
           "ir": "go", "levar": "carry"},
    prenominal={"gran", "grande", "bo", "boa", "mao", "má", "primeiro", "primeira", "novo",
                "nova", "mellor", "peor", "último", "última", "outro", "outra", "pleno", "medio"},
)

FR = RomanceGrammar(
    articles={"le": "the", "la": "the", "les": "the", "l'": "the", "un": "a", "une": "a",
              "des": "some"},
    preps={"de": "of", "d'": "of", "du": "of the", "des": "of the", "à": "to", "au": "to the",
           "aux": "to the", "en": "in", "dans": "in", "avec": "with", "par": "by", "pour": "for",
           "sans": "without", "sur": "on", "sous": "under", "entre": "between",
           "contre": "against", "et": "and", "ou": "or"},
    genitive={"de", "d'", "du", "des"},
    words={"que": "that", "se": "itself", "ne": "", "pas": "not", "plus": "more",
           "très": "very", "tout": "all", "faire": "make", "avoir": "have", "donner": "give",
           "mettre": "put", "prendre": "take", "être": "be", "aller": "go"},
    elision=r"l|d|qu|s|n|j",
    prenominal={"grand", "grande", "bon", "bonne", "mauvais", "premier", "première", "nouveau",
                "nouvelle", "meilleur", "petit", "petite", "vieux", "jeune", "autre", "plein"},
)


@dataclass
class Pivot:
    code: str
    name: str
    sources: list[Source]
    grammar: RomanceGrammar
    # suffix rules to lemmatise inflected tokens inside expressions (plural ->
    # singular, feminine -> masculine): (suffix, replacement, english plural?)
    lemma_rules: list[tuple[str, str, bool]]


ROMANCE_LEMMA = [("s", "", True), ("es", "", True), ("a", "o", False), ("as", "o", True)]

PIVOTS: dict[str, Pivot] = {
    "es": Pivot("es", "Spanish",
                [apertium("apertium-eng-spa", "spa-eng"), freedict("spa-eng"), freedict("eng-spa")],
                ES, ROMANCE_LEMMA + [("ces", "z", True), ("ones", "ón", True)]),
    "pt": Pivot("pt", "Portuguese", [freedict("por-eng"), freedict("eng-por")],
                PT, ROMANCE_LEMMA + [("ões", "ão", True), ("ães", "ão", True), ("ns", "m", True),
                                     ("is", "l", True)]),
    "it": Pivot("it", "Italian", [freedict("ita-eng"), freedict("eng-ita")],
                IT, [("i", "o", True), ("e", "a", True), ("i", "e", True), ("a", "o", False),
                     ("he", "a", True), ("hi", "o", True)]),
    "ca": Pivot("ca", "Catalan", [apertium("apertium-eng-cat", "cat-eng")],
                CA, ROMANCE_LEMMA + [("es", "a", True), ("ns", "", True)]),
    "gl": Pivot("gl", "Galician", [apertium("apertium-en-gl", "gl-en")],
                GL, ROMANCE_LEMMA + [("ns", "n", True), ("is", "l", True), ("óns", "ón", True)]),
    # Not mined by default (other packs' owners may enable them with --pivot):
    "fr": Pivot("fr", "French", [freedict("fra-eng"), freedict("eng-fra")],
                FR, ROMANCE_LEMMA + [("aux", "al", True), ("x", "", True), ("e", "", False)]),
}
DEFAULT_PIVOTS = ["es", "pt", "it", "ca", "gl"]

# --------------------------------------------------------------------------
# Readers
# --------------------------------------------------------------------------

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def b64num(s: str) -> int:
    n = 0
    for ch in s:
        n = n * 64 + B64.index(ch)
    return n


@dataclass
class Entry:
    src: str             # source-language expression
    eng: list[str]       # English translations, best first
    pos: str             # coarse part of speech or ""
    label: str           # dictionary label


def package_version(pkg: str) -> str:
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg],
                             capture_output=True, text=True, check=True).stdout
        return out.strip()
    except (subprocess.CalledProcessError, FileNotFoundError):
        return "?"


def ensure_installed(sources: list[Source], install: bool) -> None:
    missing = []
    for s in sources:
        if s.kind == "freedict":
            if not os.path.exists(f"{DICTD}/freedict-{s.name}.index"):
                missing.append(s.package)
        elif not os.path.exists(f"{APERTIUM}/{s.pair_dir}/{s.name}.autobil.bin"):
            missing.append(s.package)
    if any(s.kind == "apertium" for s in sources) and not shutil.which("lt-print"):
        missing.append("lttoolbox-dev")
    if not missing:
        return
    if not install:
        sys.exit(f"error: missing packages {missing}; install them or drop --no-install")
    print(f"installing {' '.join(sorted(set(missing)))}", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "install", "-y", "-qq", *sorted(set(missing))], check=True, env=env)


def freedict_header(name: str) -> dict[str, str]:
    info = {"edition": "?", "licence": "?", "headwords": "?"}
    with gzip.open(f"{DICTD}/freedict-{name}.dict.dz", "rt", encoding="utf-8") as f:
        head = f.read(6000)
    m = re.search(r"Edition:\s*(\S+)", head)
    if m:
        info["edition"] = m.group(1)
    m = re.search(r"Size:\s*(\d+)", head)
    if m:
        info["headwords"] = m.group(1)
    m = re.search(r"Availability:\s*(.*?)\n\s*\n(?:\S|\s*Published)", head, re.S)
    avail = " ".join(m.group(1).split()) if m else ""
    if "General Public License" in avail:
        v = re.search(r"version\s*(\d)|ver\.\s*(\d[.\d]*)", avail)
        later = "later" in avail
        info["licence"] = f"GPL-{(v.group(1) or v.group(2)).split('.')[0]}{'+' if later else ''}" \
            if v else "GPL"
    elif "Creative Commons" in avail or "CC-BY" in avail:
        info["licence"] = "CC-BY-SA" if "Share" in avail or "SA" in avail else "CC-BY"
    return info


def read_freedict(src: Source) -> list[Entry]:
    with gzip.open(f"{DICTD}/freedict-{src.name}.dict.dz", "rb") as f:
        data = f.read()
    entries = []
    with open(f"{DICTD}/freedict-{src.name}.index", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3 or parts[0].startswith("00database"):
                continue
            off, ln = b64num(parts[1]), b64num(parts[2])
            text = data[off:off + ln].decode("utf-8", "replace")
            lines = [l.strip() for l in text.strip().split("\n") if l.strip()]
            if not lines:
                continue
            head = lines[0]
            pos = ""
            m = re.search(r"<([^>]*)>", head)
            if m:
                pos = m.group(1).split(",")[0].strip()
            hw = re.sub(r"/[^/]*/|<[^>]*>", "", head).strip()
            senses = []
            for l in lines[1:]:
                l = re.sub(r"^\d+\.\s*", "", l)
                l = re.sub(r"\([^)]*\)|\[[^\]]*\]|<[^>]*>", "", l)
                for t in l.split(","):
                    t = re.sub(r"^to\s+", "", t.strip().replace("\u2010", "-"))
                    if t and t not in senses:
                        senses.append(t)
            if not hw or not senses:
                continue
            if src.reverse:
                for t in senses:   # English headword, source translations
                    entries.append(Entry(t, [hw], pos, src.label))
            else:
                entries.append(Entry(hw, senses, pos, src.label))
    return entries


def read_att(text: str):
    trans = collections.defaultdict(list)
    finals = set()
    for line in text.split("\n"):
        if line == "--":
            break  # the first section is the bilingual dictionary proper
        p = line.split("\t")
        if len(p) >= 4:
            trans[int(p[0])].append((int(p[1]), p[2], p[3]))
        elif p and p[0].strip():
            finals.add(int(p[0]))
    return trans, finals


def enumerate_att(trans, finals, limit=5_000_000):
    """All input:output paths of an acyclic dump; states with self-loops
    (wildcards) and cycles are skipped, and so are digits (number grammars)."""
    loopy = {s for s, ts in trans.items() if any(d == s for d, _, _ in ts)}
    out = []
    stack = [(0, "", "", (0,))]
    steps = 0
    while stack and steps < limit:
        steps += 1
        s, i, o, path = stack.pop()
        if s in finals:
            out.append((i, o))
        for d, a, b in trans.get(s, ()):
            if d in loopy or d in path or a.isdigit() or b.isdigit():
                continue
            a = "" if a in ("ε", "@0@") else a
            b = "" if b in ("ε", "@0@") else b
            stack.append((d, i + a, o + b, path + (d,)))
    return out


TAG_RE = re.compile(r"<([^>]+)>")


def read_apertium(src: Source) -> list[Entry]:
    path = f"{APERTIUM}/{src.pair_dir}/{src.name}.autobil.bin"
    text = subprocess.run(["lt-print", path], capture_output=True, text=True, check=True).stdout
    trans, finals = read_att(text.replace("@_SPACE_@", " "))
    by_src: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    for i, o in enumerate_att(trans, finals):
        mi, mo = TAG_RE.search(i), TAG_RE.search(o)
        if not mi:
            continue
        lemma = i[:mi.start()].replace("#", "").strip()
        pos = mi.group(1)
        eng = (o[:mo.start()] if mo else o).replace("#", "").strip()
        if lemma and eng and eng not in by_src[(lemma, pos)]:
            by_src[(lemma, pos)].append(eng)
    return [Entry(l, sorted(e), p, src.label) for (l, p), e in sorted(by_src.items())]


# --------------------------------------------------------------------------
# English data
# --------------------------------------------------------------------------


def load_english():
    lex = {}
    with open(os.path.join(RULES, "en", "data", "lexicon.tsv"), encoding="utf-8") as f:
        for line in f:
            w, z = line.rstrip("\n").split("\t")
            lex[w] = int(z)
    bigrams = {}
    with open(os.path.join(RULES, "en", "data", "bigrams.tsv"), encoding="utf-8") as f:
        for line in f:
            b, c = line.rstrip("\n").split("\t")
            bigrams[b] = int(c)
    return lex, bigrams


def pluralise(w: str) -> str:
    if re.search(r"(s|x|z|ch|sh)$", w):
        return w + "es"
    if re.search(r"[^aeiou]y$", w):
        return w[:-1] + "ies"
    return w + "s"


# --------------------------------------------------------------------------
# Mining
# --------------------------------------------------------------------------

SKIP_POS = {"np", "num", "det", "prn", "ij", "cnjcoo", "cnjsub", "cnjadv", "rel", "itg",
            "sent", "lpar", "rpar", "guio", "apos", "cm", "percent", "web", "file", "mon",
            "ref", "acr", "abbr", "al", "top", "cog", "ant", "org"}


WORD_POS = {"n", "adj", "vblex", "adv", "pr", "", "?", "s", "v", "vt", "vi", "a"}


def norm(s: str) -> str:
    return unicodedata.normalize("NFC", s.strip().lower().replace("’", "'"))


def mine(pivot: Pivot, lex, bigrams):
    entries: list[Entry] = []
    versions = {}
    for s in pivot.sources:
        versions[s.label] = package_version(s.package)
        entries += read_freedict(s) if s.kind == "freedict" else read_apertium(s)

    def zipf(w):
        return lex.get(w, 0)

    # single-word lexicon: source word -> English words (best first)
    single: dict[str, list[tuple[int, str]]] = collections.defaultdict(list)
    for e in entries:
        src = norm(e.src)
        if " " in src or "-" in src or e.pos in SKIP_POS:
            continue
        for rank, t in enumerate(e.eng if e.label.startswith("FreeDict") else sorted(e.eng, key=lambda t: -zipf(norm(t)))):
            t = norm(t)
            if " " in t or not re.fullmatch(r"[a-z][a-z'-]*", t) or t not in lex:
                continue
            # prefer: dictionary order, then frequency
            single[src].append((rank * 100 - zipf(t) + (0 if e.pos in WORD_POS else 50), t))
    best = {w: sorted(c)[0][1] for w, c in single.items()}

    def lookup(tok: str):
        if tok in best:
            return best[tok]
        for suf, rep, plural in pivot.lemma_rules:
            if tok.endswith(suf) and len(tok) > len(suf) + 2:
                lemma = tok[: -len(suf)] + rep
                if lemma in best:
                    return pluralise(best[lemma]) if plural else best[lemma]
        return None

    def established(eng: str) -> bool:
        ws = eng.split()
        if not 1 <= len(ws) <= 4 or any(w not in lex for w in ws):
            return False
        if len(ws) == 1:
            return zipf(ws[0]) >= 250
        return all(f"{a} {b}" in bigrams for a, b in zip(ws, ws[1:]))

    def common_english(lit: str) -> bool:
        ws = lit.split()
        if len(ws) == 2:
            return lit in bigrams
        # longer literals: judged common only when made of function words and
        # frequent bigrams throughout ("out of the")
        return all(w in ENGLISH_FUNCTION for w in ws)

    seen = set()
    candidates = []
    dropped = collections.Counter()
    examples = collections.defaultdict(list)

    def drop(reason, e, extra=""):
        dropped[reason] += 1
        if len(examples[reason]) < 3:
            examples[reason].append(f"{e.src} → {e.eng[0]}{extra}")

    multi = [e for e in entries if " " in norm(e.src).replace("-", " ")]
    for e in sorted(multi, key=lambda e: (norm(e.src), e.label)):
        src = norm(e.src)
        if e.pos in SKIP_POS or src[:1] != e.src.strip()[:1].lower() and e.src.strip()[:1].isupper():
            drop("proper noun, numeral or closed-class entry", e)
            continue
        toks = pivot.grammar.tokens(src)
        if len(toks) > 5:
            drop("source longer than 5 words (sentence or definition)", e)
            continue
        engs = [norm(t) for t in e.eng if t.strip()]
        engs = [t for t in engs if established(t)]
        if not engs:
            drop("English side not an established word or phrase", e)
            continue
        lits, why = pivot.grammar.literals(toks, lookup, e.pos)
        if why:
            drop("a word has no single-word translation", e)
            continue
        lits = [l for l in lits if l not in engs]
        if not lits:
            drop("literal equals the English original (not a calque)", e)
            continue
        if any(all(w in l.split() for w in eng.split()) and len(eng.split()) > 1 for l in lits for eng in engs[:1]):
            drop("literal only reorders the English original", e)
            continue
        if any(w not in lex for l in lits for w in l.split()):
            drop("literal contains a word that is not English", e)
            continue
        if all(common_english(l) for l in lits):
            drop("literal is itself common English (bigram list)", e, f" ({lits[0]})")
            continue
        key = (src, lits[0])
        if key in seen:
            drop("duplicate (same expression in another dictionary)", e)
            continue
        seen.add(key)
        candidates.append({
            "source": src,
            "literal": lits[0],
            **({"alternatives": lits[1:]} if len(lits) > 1 else {}),
            "english": engs[0],
            **({"english_alternatives": engs[1:4]} if len(engs) > 1 else {}),
            "pos": e.pos or "?",
            "dictionary": f"{e.label} {versions[e.label]}",
        })
    return candidates, dropped, examples, versions, len(multi)


# --------------------------------------------------------------------------
# Cross-reference with the packs and the review file
# --------------------------------------------------------------------------


def kept_rules(code: str) -> dict[str, str]:
    """source expression -> pack/rule id, for rules marked as mined."""
    kept = {}
    for d in sorted(os.listdir(RULES)):
        if not d.startswith(code + "-"):
            continue
        for root, _, files in os.walk(os.path.join(RULES, d)):
            for fn in sorted(files):
                if not fn.endswith(".yaml"):
                    continue
                with open(os.path.join(root, fn), encoding="utf-8") as f:
                    doc = yaml.safe_load(f)
                if not isinstance(doc, dict) or "rules" not in doc:
                    continue
                name = doc.get("pack", {}).get("name", fn)
                for r in doc["rules"]:
                    if "mined from" not in str(r.get("description", "")):
                        continue
                    srcs = [norm(s) for s in re.split(r"\s*/\s*", str(r.get("source", "")))]
                    for s in srcs:
                        kept[s] = f"{name}/{r['id']}"
                    for m in re.finditer(r"mined from [^:]+:\s*([^\n;]+?)\s*→", str(r["description"])):
                        kept[norm(m.group(1).strip('"“” '))] = f"{name}/{r['id']}"
    return kept


def load_review() -> dict:
    path = os.path.join(MINING, "review.yaml")
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pivot", action="append", choices=sorted(PIVOTS),
                    help="pivot(s) to mine (default: %s)" % " ".join(DEFAULT_PIVOTS))
    ap.add_argument("--no-install", action="store_true", help="do not apt-get missing packages")
    ap.add_argument("--stats-only", action="store_true",
                    help="recount kept/review from the existing candidate files")
    args = ap.parse_args()
    pivots = args.pivot or DEFAULT_PIVOTS
    os.makedirs(MINING, exist_ok=True)
    review = load_review()
    lex, bigrams = load_english()
    stats_lines = []
    for code in pivots:
        pivot = PIVOTS[code]
        out_path = os.path.join(MINING, f"{code}-candidates.yaml")
        if args.stats_only:
            with open(out_path, encoding="utf-8") as f:
                doc = yaml.safe_load(f)
            cands = doc["candidates"]
            dropped = collections.Counter(doc["mining"]["dropped"])
            n_multi = doc["mining"]["multiword_entries"]
            versions = doc["dictionaries"]
            examples = {}
        else:
            ensure_installed(pivot.sources, not args.no_install)
            cands, dropped, examples, versions, n_multi = mine(pivot, lex, bigrams)
        kept = kept_rules(code)
        rev = {norm(k): v for k, v in (review.get(code) or {}).items()}
        cur = collections.Counter()
        for c in cands:
            c.pop("status", None)
            if c["source"] in kept:
                c["status"] = f"kept: {kept[c['source']]}"
                cur["kept in a pack"] += 1
            elif c["source"] in rev:
                c["status"] = f"dropped: {rev[c['source']]}"
                cur[f"dropped: {rev[c['source']]}"] += 1
            else:
                c["status"] = "not kept: not selected in review"
                cur["not kept: not selected in review"] += 1
        doc = {
            "pivot": code,
            "language": pivot.name,
            "generated_by": "scripts/mine_calques.py",
            "dictionaries": versions,
            "mining": {
                "multiword_entries": n_multi,
                "candidates": len(cands),
                "dropped": dict(sorted(dropped.items(), key=lambda kv: (-kv[1], kv[0]))),
                **({"dropped_examples": {k: v for k, v in sorted(examples.items())}} if examples else {}),
            },
            "review": dict(sorted(cur.items(), key=lambda kv: (-kv[1], kv[0]))),
            "candidates": cands,
        }
        with open(out_path, "w", encoding="utf-8") as f:
            f.write(f"# Candidate calques mined for pivot {code} ({pivot.name}); generated by\n"
                    "# scripts/mine_calques.py - review file, not a rule pack.\n")
            yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False, width=100)
        line = (f"{code}: {n_multi} multi-word entries -> {len(cands)} candidates; "
                f"kept {cur['kept in a pack']}; mining drops: "
                + ", ".join(f"{k} {v}" for k, v in sorted(dropped.items(), key=lambda kv: -kv[1])))
        print(line)
        if cur:
            print("   review: " + ", ".join(f"{k} {v}" for k, v in sorted(cur.items(), key=lambda kv: -kv[1])))
        stats_lines.append((code, pivot.name, versions, n_multi, len(cands), cur, dropped))
    write_readme_stats(stats_lines)
    return 0


def write_readme_stats(stats) -> None:
    path = os.path.join(MINING, "README.md")
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as f:
        text = f.read()
    begin, end = "<!-- STATS BEGIN -->", "<!-- STATS END -->"
    if begin not in text:
        return
    old = text.split(begin, 1)[1].split(end, 1)[0]
    blocks = {}
    for m in re.finditer(r"<!-- pivot (\w+) -->\n(.*?)(?=<!-- pivot |\Z)", old, re.S):
        blocks[m.group(1)] = m.group(2).rstrip() + "\n"
    for code, name, versions, n_multi, n_c, cur, dropped in stats:
        lines = [f"### {code} ({name})", "",
                 "Dictionaries: " + "; ".join(f"{k} {v}" for k, v in versions.items()), "",
                 f"- multi-word entries read: {n_multi}",
                 f"- dropped while mining: {sum(dropped.values())}"]
        for k, v in sorted(dropped.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  - {k}: {v}")
        lines.append(f"- candidates written: {n_c}")
        for k, v in sorted(cur.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  - {k}: {v}")
        blocks[code] = "\n".join(lines) + "\n"
    body = "\n" + "\n".join(f"<!-- pivot {c} -->\n{blocks[c]}" for c in sorted(blocks)) + "\n"
    text = text.split(begin, 1)[0] + begin + body + end + text.split(end, 1)[1]
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    sys.exit(main())
