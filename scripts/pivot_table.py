#!/usr/bin/env python3
"""Per-pivot quality table for the README, from `mtlint eval`.

For every pivot language with built-in packs, evaluates those packs alone
(`--select` their names) on the corpus: precision and recall on the round trip
through that pivot (where the corpus has one) and on the seed article (French),
precision over every annotated set (a pack firing on another pivot's round trip
is still right when it overlaps an artefact), and false positives per 1,000
words on the negative set. Then all pivot packs together on the negative set,
and the whole rule set under each pivot mode (`--pivot report-only`, `inferred`,
`annotated`) at several minimum confidences, overall and on the `contrast-*`
sets, to show what the pivot-based confidence adjustment does.

Usage: scripts/pivot_table.py MTLINT_BINARY [README]
Prints the Markdown; with README, also replaces what lies between the
<!-- pivot-table:start --> and <!-- pivot-table:end --> markers.
"""

import json
import re
import subprocess
import sys

START = "<!-- pivot-table:start -->"
END = "<!-- pivot-table:end -->"
PACK_LINE = re.compile(r"^(\S+) \((\d+) rules; English, pivot (\w+)\)")
CODES = {
    "French": "fr", "Spanish": "es", "Portuguese": "pt", "Italian": "it",
    "Catalan": "ca", "Galician": "gl", "German": "de", "Russian": "ru",
    "Chinese": "zh", "Esperanto": "eo",
}


def run(binary, *args):
    # Exit 1 only means a threshold was missed; none is set here.
    p = subprocess.run([binary, *args], capture_output=True, text=True)
    if p.returncode >= 2:
        sys.exit(f"pivot_table: `mtlint {' '.join(args)}` failed:\n{p.stderr}")
    return p.stdout


def packs_by_pivot(binary):
    pivots = {}
    for line in run(binary, "rules").splitlines():
        m = PACK_LINE.match(line)
        if m:
            name, rules, pivot = m.group(1), int(m.group(2)), m.group(3)
            entry = pivots.setdefault(pivot, {"packs": [], "rules": 0})
            entry["packs"].append(name)
            entry["rules"] += rules
    return pivots


def evaluate(binary, *args):
    return json.loads(run(binary, "eval", "corpus", "--format", "json", *args))


def pct(v):
    return "–" if v is None else f"{v * 100:.1f}%"


def set_cell(sets, name):
    s = sets.get(name)
    if s is None:
        return "–", "–"
    return (
        f"{pct(s['precision']) if s['findings'] else '–'} ({s['true_positives']}/{s['findings']})",
        pct(s["recall"]),
    )


def table(binary):
    pivots = packs_by_pivot(binary)
    out = [
        "| pivot | packs | rules | own round trip: precision (TP/findings) | recall | "
        "seed: precision | recall | all annotated sets: findings | precision | "
        "negative set: findings | per 1k words |",
        "|:---|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    all_packs = []
    for pivot, entry in sorted(pivots.items(), key=lambda kv: CODES.get(kv[0], kv[0])):
        code = CODES.get(pivot, pivot)
        all_packs += entry["packs"]
        d = evaluate(binary, "--select", ",".join(entry["packs"]))
        sets = {s["set"]: s for s in d["sets"]}
        own_p, own_r = set_cell(sets, f"roundtrip-{code}")
        seed_p, seed_r = set_cell(sets, "seed")
        o, n = d["overall"], d["negative"] or {}
        out.append(
            f"| {pivot} (`{code}`) | {', '.join(p.split('-en-')[1] for p in entry['packs'])} "
            f"| {entry['rules']} | {own_p} | {own_r} | {seed_p} | {seed_r} "
            f"| {o['findings']} | {pct(o['precision']) if o['findings'] else '–'} "
            f"| {n.get('findings', '–')} | {n.get('findings_per_kword', '–')} |"
        )
    d = evaluate(binary, "--select", ",".join(all_packs))
    n = d["negative"] or {}
    o = d["overall"]
    out.append(
        f"| **all pivots** | {len(all_packs)} packs | "
        f"**{sum(e['rules'] for e in pivots.values())}** | | | | "
        f"| **{o['findings']}** | **{pct(o['precision'])}** "
        f"| **{n.get('findings', '–')}** | **{n.get('findings_per_kword', '–')}** |"
    )
    out += ["", *mode_tables(binary)]
    return "\n".join(out) + "\n"


MODES = ["report-only", "inferred", "annotated"]
# `None`: the default (0, every finding is reported, so the modes cannot differ).
MIN_CONFIDENCES = [None, "0.5", "0.6"]


def pooled(sets):
    """Precision, recall and pivot accuracy over several sets' counts."""
    tp = sum(s["true_positives"] for s in sets)
    findings = sum(s["findings"] for s in sets)
    gold = sum(s["gold"] for s in sets)
    known = sum(s["pivot_known"] for s in sets)
    return {
        "findings": findings,
        "precision": tp / findings if findings else None,
        "recall": tp / gold if gold else None,
        "pivot_accuracy": sum(s["pivot_correct"] for s in sets) / known if known else None,
        "cell": f"{tp}/{findings}",
    }


def mode_tables(binary):
    """The whole rule set under each pivot mode, at several minimum confidences: overall,
    on the contrast sets (correct uses of words that false-friend rules target) and on
    the seed article; then each contrast set at the highest minimum confidence."""
    out = [
        "Whole rule set under each pivot mode (`mtlint eval --pivot MODE`): on all "
        "annotated sets, on the `contrast-*` sets (correct English uses of words that "
        "false-friend rules target, round-tripped) and on the seed article:",
        "",
        "| min-confidence | pivot mode | all annotated: findings | precision | recall "
        "| pivot accuracy | contrast: findings | precision | recall | pivot accuracy "
        "| seed: findings | precision | recall |",
        "|:---|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    per_set = {}
    for mc in MIN_CONFIDENCES:
        for mode in MODES:
            args = ["--pivot", mode] + (["--min-confidence", mc] if mc else [])
            d = evaluate(binary, *args)
            o = d["overall"]
            contrast = [x for x in d["sets"] if x["set"].startswith("contrast-")]
            c = pooled(contrast)
            s = next(x for x in d["sets"] if x["set"] == "seed")
            out.append(
                f"| {mc or 'default (0)'} | `{mode}` | {o['findings']} | {pct(o['precision'])} "
                f"| {pct(o['recall'])} | {pct(o['pivot_accuracy'])} | {c['findings']} "
                f"| {pct(c['precision'])} | {pct(c['recall'])} | {pct(c['pivot_accuracy'])} "
                f"| {s['findings']} | {pct(s['precision'])} | {pct(s['recall'])} |"
            )
            if mc == MIN_CONFIDENCES[-1]:
                per_set[mode] = {x["set"]: x for x in contrast}
    names = sorted(per_set[MODES[0]])
    out += [
        "",
        f"Each contrast set at `--min-confidence {MIN_CONFIDENCES[-1]}`, precision "
        "(TP/findings):",
        "",
        "| pivot mode | " + " | ".join(f"`{n}`" for n in names) + " |",
        "|:---|" + "---:|" * len(names),
    ]
    for mode in MODES:
        cells = []
        for n in names:
            x = per_set[mode][n]
            cells.append(f"{pct(x['precision'])} ({x['true_positives']}/{x['findings']})")
        out.append(f"| `{mode}` | " + " | ".join(cells) + " |")
    return out


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    text = table(sys.argv[1])
    print(text, end="")
    if len(sys.argv) == 3:
        path = sys.argv[2]
        readme = open(path, encoding="utf-8").read()
        if START not in readme or END not in readme:
            sys.exit(f"pivot_table: {path} has no {START} … {END} markers")
        head, rest = readme.split(START, 1)
        _, tail = rest.split(END, 1)
        note = "<!-- generated by scripts/pivot_table.py from `mtlint eval`; do not edit by hand -->"
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"{head}{START}\n{note}\n\n{text}\n{END}{tail}")


if __name__ == "__main__":
    main()
