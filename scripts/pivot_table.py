#!/usr/bin/env python3
"""Per-pivot quality table for the README, from `mtlint eval`.

For every pivot language with built-in packs, evaluates those packs alone
(`--select` their names) on the corpus: precision and recall on the round trip
through that pivot (where the corpus has one) and on the seed article (French),
precision over every annotated set (a pack firing on another pivot's round trip
is still right when it overlaps an artefact), and false positives per 1,000
words on the negative set. Then all pivot packs together on the negative set,
and the whole rule set under each pivot mode (`--pivot report-only`, `inferred`,
`annotated`), to show what the pivot-based confidence adjustment does.

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
    out += [
        "",
        "Whole rule set under each pivot mode (`mtlint eval --pivot MODE`), overall on the "
        "annotated sets and on the seed article with `--min-confidence 0.6`:",
        "",
        "| pivot mode | findings | precision | recall | pivot accuracy | seed ≥ 0.6: findings "
        "| precision | recall |",
        "|:---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for mode in ["report-only", "inferred", "annotated"]:
        o = evaluate(binary, "--pivot", mode)["overall"]
        s = next(
            x for x in evaluate(binary, "--pivot", mode, "--min-confidence", "0.6")["sets"]
            if x["set"] == "seed"
        )
        out.append(
            f"| `{mode}` | {o['findings']} | {pct(o['precision'])} | {pct(o['recall'])} "
            f"| {pct(o['pivot_accuracy'])} | {s['findings']} | {pct(s['precision'])} "
            f"| {pct(s['recall'])} |"
        )
    return "\n".join(out) + "\n"


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
