#!/usr/bin/env python3
"""German and Russian pivots for scripts/mine_calques.py.

`mine_calques.py` ships Romance grammars only. This module adds a Germanic
grammar (German) and a Slavic one (Russian/Ukrainian pivot `ru`), registers
them in its PIVOTS table, and runs its `main()` unchanged, so candidates,
review marks and statistics come out exactly as for the other pivots:

    python3.11 scripts/mine_calques_de_ru.py                 # de and ru
    python3.11 scripts/mine_calques_de_ru.py --pivot de      # one pivot
    python3.11 scripts/mine_calques_de_ru.py --pivot ru --no-install

German: besides multi-word dictionary entries ("ins Gras beißen"), German
calques are mostly compound nouns written as one word ("Lebensgefahr",
"Handschuh"). For German the miner also splits single-word noun headwords
into two dictionary words (with the linking elements -s-, -es-, -n-, -en-,
-e-), glosses both parts and proposes "MODIFIER HEAD" ("hand shoe") and
"HEAD of MODIFIER" ("danger of life") as literals, subject to the same
filters as multi-word entries (established English original, literal not
equal to it, not a common English bigram, only English words). These
candidates carry `kind: compound`.

Word order: German infinitive phrases put the verb last ("ins Gras
beißen"), so the literal moves it first ("bite into the grass"); articles
and contracted prepositions (im, ins, zum, zur, vom, beim, am) are glossed
from a table; placeholders (etw., jdn., jdm., sich) are dropped.

Russian: Debian has no Russian-English FreeDict package (only
dict-freedict-eng-rus, read in reverse) and no Apertium rus-eng pair, so
Russian mining is small; Russian has no articles and mostly English-like
adjective-noun order, prepositions come from a table.

Deterministic for given dictionary package versions, like the main script.
"""

from __future__ import annotations

import collections
import os
import re
import sys
from dataclasses import dataclass, field

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mine_calques as M  # noqa: E402


# --------------------------------------------------------------------------
# German
# --------------------------------------------------------------------------

DE_PLACEHOLDERS = {
    "etw.", "etw", "etwas", "jdn.", "jdn", "jdm.", "jdm", "jds.", "jds", "jemanden",
    "jemandem", "jemandes", "jmd.", "jmdn.", "jmdm.", "sich", "sb.", "sth.", "…", "...",
}


@dataclass
class GermanGrammar:
    articles: dict[str, str] = field(default_factory=lambda: {
        "der": "the", "die": "the", "das": "the", "den": "the", "dem": "the", "des": "of the",
        "ein": "a", "eine": "a", "einen": "a", "einem": "a", "einer": "a", "eines": "of a"})
    preps: dict[str, str] = field(default_factory=lambda: {
        "in": "in", "im": "in the", "ins": "into the", "an": "at", "am": "at the",
        "ans": "to the", "auf": "on", "aufs": "onto the", "zu": "to", "zum": "to the",
        "zur": "to the", "von": "of", "vom": "from the", "bei": "at", "beim": "at the",
        "mit": "with", "aus": "out of", "nach": "after", "für": "for", "über": "over",
        "unter": "under", "vor": "before", "hinter": "behind", "durch": "through",
        "ohne": "without", "gegen": "against", "um": "around", "wie": "like", "als": "as",
        "und": "and", "oder": "or", "bis": "until", "seit": "since", "zwischen": "between"})
    words: dict[str, str] = field(default_factory=lambda: {
        "nicht": "not", "kein": "no", "keine": "no", "keinen": "no", "keinem": "no",
        "mein": "my", "meine": "my", "dein": "your", "deine": "your", "ist": "is",
        "es": "it", "ich": "I", "du": "you", "wir": "we", "man": "one", "alles": "everything",
        "nur": "only", "noch": "still", "schon": "already", "sehr": "very", "ganz": "quite",
        "machen": "make", "haben": "have", "geben": "give", "nehmen": "take",
        "bringen": "bring", "gehen": "go", "kommen": "come", "stehen": "stand",
        "liegen": "lie", "sein": "be", "werden": "become", "lassen": "let"})

    def tokens(self, text: str) -> list[str]:
        text = text.lower().replace("’", "'")
        text = re.sub(r"\([^)]*\)|\[[^\]]*\]|/[^/]*/", " ", text)
        toks = []
        for t in re.split(r"\s+", text):
            t = t.strip(",;:!?\"'«»„“”")
            if not t or t in DE_PLACEHOLDERS:
                continue
            toks.append(t)
        return toks

    def literals(self, toks, lookup, pos=""):
        glosses = []
        for t in toks:
            if t in self.articles:
                glosses.append(("art", self.articles[t]))
            elif t in self.preps:
                glosses.append(("prep", self.preps[t]))
            elif t in self.words:
                glosses.append(("fn", self.words[t]))
            else:
                g = lookup(t)
                if g is None:
                    return [], f"no single-word translation for '{t}'"
                glosses.append(("w", g))
        if not any(k == "w" for k, _ in glosses):
            return [], "only function words"
        words = [g for _, g in glosses]
        verbal = pos.startswith("v") or (
            len(toks) > 1 and glosses[-1][0] in ("w", "fn") and re.search(r"(?:en|ern|eln)$", toks[-1])
            and glosses[0][0] in ("prep", "art", "w", "fn") and not pos.startswith(("n", "masc", "fem", "neut", "pl", "adj")))
        if verbal and len(words) > 1:
            words = [words[-1]] + words[:-1]   # verb-final infinitive phrase -> verb first
        lit = re.sub(r"\s+", " ", " ".join(w for w in words if w)).strip()
        return ([lit] if lit else []), None


DE_LEMMA = [("en", "", False), ("n", "", False), ("e", "", False), ("er", "", False),
            ("es", "", False), ("em", "", False), ("s", "", False), ("st", "en", False),
            ("t", "en", False), ("te", "en", False), ("ten", "en", False)]

LINKERS = ["", "s", "es", "n", "en", "e", "er"]
NOUN_POS = {"masc", "fem", "neut", "n", "noun"}


def compound_candidates(entries, lex, bigrams, versions, label_prefix="FreeDict deu-eng"):
    """Two-part German compounds whose glosses give a literal calque."""
    zipf = lambda w: lex.get(w, 0)  # noqa: E731
    single = collections.defaultdict(list)
    for e in entries:
        src = M.norm(e.src)
        if " " in src or "-" in src:
            continue
        for rank, t in enumerate(e.eng):
            t = M.norm(t)
            if " " in t or not re.fullmatch(r"[a-z][a-z'-]*", t) or t not in lex:
                continue
            single[src].append((rank * 100 - zipf(t), t))
    best = {w: sorted(c)[0][1] for w, c in single.items()}

    def gloss(part):
        if len(part) < 3:
            return None
        return best.get(part)

    def established(eng):
        ws = eng.split()
        if not 1 <= len(ws) <= 3 or any(w not in lex for w in ws):
            return False
        if len(ws) == 1:
            return zipf(ws[0]) >= 250
        return all(f"{a} {b}" in bigrams for a, b in zip(ws, ws[1:]))

    out, dropped, examples, seen = [], collections.Counter(), collections.defaultdict(list), set()

    def drop(reason, src, eng, extra=""):
        dropped["compound: " + reason] += 1
        if len(examples["compound: " + reason]) < 3:
            examples["compound: " + reason].append(f"{src} → {eng}{extra}")

    for e in sorted(entries, key=lambda e: (M.norm(e.src), e.label)):
        if not e.label.startswith(label_prefix) or e.pos not in NOUN_POS or e.pos == "pl":
            continue
        src = M.norm(e.src)
        if " " in src or "-" in src or len(src) < 7 or not src.isalpha() or src in seen:
            continue
        engs = [M.norm(t) for t in e.eng if t.strip() and not re.match(r"(?i)(synonyms?|see|note):", t.strip())]
        engs = [t for t in engs if established(t)]
        if not engs:
            continue
        split = None
        for i in range(len(src) - 3, 2, -1):      # longest head first
            head = src[i:]
            h = gloss(head)
            if h is None:
                continue
            for link in LINKERS:
                left = src[:i]
                if link and not left.endswith(link):
                    continue
                mod = left[: len(left) - len(link)] if link else left
                m = gloss(mod)
                if m is not None:
                    split = (mod, head, m, h)
                    break
            if split:
                break
        if not split:
            continue
        seen.add(src)
        mod, head, m, h = split
        lits = [f"{m} {h}", f"{h} of {m}"]
        if any(l in engs for l in lits) or m == h:
            drop("literal equals the English original (not a calque)", src, engs[0])
            continue
        eng0 = engs[0]
        if set(eng0.split()) >= {m, h} or eng0 in (m, h):
            drop("literal only reorders or repeats the English original", src, eng0)
            continue
        if f"{m} {h}" in bigrams:
            drop("literal is itself common English (bigram list)", src, eng0, f" ({m} {h})")
            continue
        out.append({
            "source": src,
            "literal": lits[0],
            "alternatives": lits[1:],
            "english": eng0,
            **({"english_alternatives": engs[1:4]} if len(engs) > 1 else {}),
            "pos": e.pos,
            "kind": "compound",
            "split": f"{mod} + {head}",
            "dictionary": f"{e.label} {versions.get(e.label, '')}".strip(),
        })
    return out, dropped, examples


# --------------------------------------------------------------------------
# Russian
# --------------------------------------------------------------------------


@dataclass
class RussianGrammar:
    preps: dict[str, str] = field(default_factory=lambda: {
        "в": "in", "во": "in", "на": "on", "с": "with", "со": "with", "к": "to", "ко": "to",
        "о": "about", "об": "about", "от": "from", "до": "until", "из": "from", "за": "behind",
        "по": "on", "для": "for", "без": "without", "у": "at", "под": "under", "над": "over",
        "при": "at", "через": "through", "и": "and", "или": "or", "как": "like"})
    words: dict[str, str] = field(default_factory=lambda: {
        "не": "not", "нет": "no", "это": "this", "себя": "oneself", "свой": "one's",
        "своё": "one's", "своя": "one's", "свои": "one's", "быть": "be", "есть": "is"})

    def tokens(self, text: str) -> list[str]:
        text = text.lower().replace("ё", "е")
        return [t.strip(",;:!?\"'«»") for t in re.split(r"[\s]+", text) if t.strip(",;:!?\"'«»")]

    def literals(self, toks, lookup, pos=""):
        glosses = []
        for t in toks:
            if t in self.preps:
                glosses.append(("prep", self.preps[t]))
            elif t in self.words:
                glosses.append(("fn", self.words[t]))
            else:
                g = lookup(t)
                if g is None:
                    return [], f"no single-word translation for '{t}'"
                glosses.append(("w", g))
        if not any(k == "w" for k, _ in glosses):
            return [], "only function words"
        lit = " ".join(g for _, g in glosses if g)
        return [lit], None


RU_LEMMA = [(suf, rep, False) for suf, rep in [
    ("ого", "ый"), ("его", "ий"), ("ому", "ый"), ("ему", "ий"), ("ой", "ый"), ("ая", "ый"),
    ("ое", "ый"), ("ые", "ый"), ("ую", "ый"), ("ых", "ый"), ("ым", "ый"), ("ая", "ой"),
    ("ее", "ий"), ("яя", "ий"), ("ие", "ий"), ("а", ""), ("у", ""), ("ом", ""), ("е", ""),
    ("ы", ""), ("и", ""), ("ов", ""), ("ам", ""), ("ами", ""), ("ах", ""), ("ю", "я"),
    ("ей", "ь"), ("ть", "ть"), ("ться", "ть")]]


# --------------------------------------------------------------------------
# Registration
# --------------------------------------------------------------------------

M.PIVOTS["de"] = M.Pivot("de", "German", [M.freedict("deu-eng")], GermanGrammar(), DE_LEMMA)
M.PIVOTS["ru"] = M.Pivot("ru", "Russian", [M.freedict("eng-rus")], RussianGrammar(), RU_LEMMA)

_read_freedict = M.read_freedict
SENSE_NOISE = re.compile(r"(?i)^(?:synonyms?|see|note|\"|/)|[{}]|\bsb\.|\bsth\.|…")


def read_freedict(src):
    """FreeDict deu-eng (from DING) lists synonyms, cross-references, notes
    and usage examples among the senses; keep real translations only, and
    drop multi-word headwords without a part of speech (inflected forms and
    example sentences)."""
    entries = _read_freedict(src)
    if src.name != "deu-eng":
        return entries
    out = []
    for e in entries:
        engs = [t for t in e.eng if not SENSE_NOISE.search(t.strip())]
        if not engs:
            continue
        if " " in e.src.strip() and not e.pos:
            continue
        out.append(M.Entry(e.src, engs, e.pos, e.label))
    return out


M.read_freedict = read_freedict
_mine = M.mine


def common_literal(lit, lex, bigrams):
    """A literal of three or more words whose every adjacent pair is a common
    English bigram reads as ordinary English ("out of the way")."""
    ws = lit.split()
    return len(ws) >= 3 and all(f"{a} {b}" in bigrams for a, b in zip(ws, ws[1:]))


def mine(pivot, lex, bigrams):
    cands, dropped, examples, versions, n_multi = _mine(pivot, lex, bigrams)
    if pivot.code in ("de", "ru"):
        kept = []
        for c in cands:
            if len(c["literal"].split()) < 2:
                dropped["single-word literal (placeholder phrase such as 'etw. säen')"] += 1
                continue
            if c["pos"] in ("pl",):
                dropped["plural form of another entry"] += 1
                continue
            if common_literal(c["literal"], lex, bigrams):
                dropped["literal is itself common English (every bigram common)"] += 1
                continue
            ws = c["literal"].split()
            content = [w for w in ws if w not in M.ENGLISH_FUNCTION]
            if len(content) < 2 or len(set(ws)) < len(ws):
                dropped["literal has fewer than two distinct content words"] += 1
                continue
            kept.append(c)
        cands = kept
    if pivot.code == "de":
        entries = []
        for s in pivot.sources:
            if s.kind == "freedict" and not s.reverse:
                entries += M.read_freedict(s)
        comp, cdrop, cex = compound_candidates(entries, lex, bigrams, versions)
        have = {c["source"] for c in cands}
        comp = [c for c in comp if c["source"] not in have]
        cands = cands + comp
        dropped.update(cdrop)
        for k, v in cex.items():
            examples[k] = v
        # FreeDict deu-eng (DING, ~500,000 headwords) yields tens of thousands
        # of candidates, mostly mis-glossed; rank them by how everyday their
        # words are (a calque of everyday words is both likelier in MT output
        # and safer to match) and write the top REVIEW_CAP for review.
        def rank(c):
            ws = [w for w in c["literal"].split() if w not in M.ENGLISH_FUNCTION]
            return (-min(lex.get(w, 0) for w in ws), c["source"])
        cands.sort(key=rank)
        if len(cands) > REVIEW_CAP:
            # candidates a pack already keeps stay in the file whatever their rank
            reviewed = set(M.kept_rules(pivot.code))
            top = cands[:REVIEW_CAP]
            extra = [c for c in cands[REVIEW_CAP:] if c["source"] in reviewed]
            dropped[f"ranked below the top {REVIEW_CAP} (word frequency) for review"] += \
                len(cands) - REVIEW_CAP - len(extra)
            cands = top + extra
    return cands, dropped, examples, versions, n_multi


REVIEW_CAP = 3000


M.mine = mine


if __name__ == "__main__":
    if not any(a == "--pivot" or a.startswith("--pivot=") for a in sys.argv[1:]) \
            and "--stats-only" not in sys.argv[1:]:
        sys.argv[1:1] = ["--pivot", "de", "--pivot", "ru"]
    sys.exit(M.main())
