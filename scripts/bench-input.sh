#!/usr/bin/env bash
# Generate benchmark inputs of English prose in target/bench-input/:
#
#   article-4k.txt   news prose (the first round-trip source articles), 4 KiB
#   1m.txt           1 MiB
#   10m.txt          10 MiB
#   100m.txt         100 MiB
#
# No third-party text is committed: the prose is the repository's own
# round-trip source articles (corpus/roundtrip/source/*.txt) followed by body
# paragraphs of the Debian Developer's Reference (Debian package
# developers-reference, GPL-2+), extracted by scripts/fetch-negative.sh into
# target/bench-input/prose/. The paragraphs are concatenated and repeated
# until each file has its size, cut at a line end (so every file ends with a
# newline and is at most its nominal size, within one paragraph of it).
#
# Idempotent: files that exist are kept; delete target/bench-input/ to
# regenerate. Needs apt-get as root (or sudo) only when developers-reference
# is not installed yet.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/target/bench-input"
PROSE="$OUT/prose"

declare -A SIZES=([article-4k]=4096 [1m]=1048576 [10m]=10485760 [100m]=104857600)
missing=()
for name in article-4k 1m 10m 100m; do
    [ -s "$OUT/$name.txt" ] || missing+=("$name")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "bench-input: all inputs present in $OUT" >&2
    exit 0
fi

mkdir -p "$OUT"
if ! compgen -G "$PROSE/*.txt" >/dev/null; then
    "$ROOT/scripts/fetch-negative.sh" "$PROSE" >&2
fi

for name in "${missing[@]}"; do
    size=${SIZES[$name]}
    tmp="$OUT/.$name.txt.tmp"
    python3 - "$size" "$tmp" "$ROOT"/corpus/roundtrip/source/*.txt "$PROSE"/*.txt <<'EOF'
import sys

size, out, *sources = sys.argv[1:]
size = int(size)
paragraphs = []
for path in sources:
    with open(path, encoding="utf-8") as f:
        paragraphs += [l.rstrip("\n") + "\n" for l in f if l.strip()]
pool = [p.encode("utf-8") for p in paragraphs]
written = 0
with open(out, "wb") as f:
    i = 0
    while True:
        p = pool[i % len(pool)]
        if written + len(p) > size:
            break
        f.write(p)
        written += len(p)
        i += 1
EOF
    mv "$tmp" "$OUT/$name.txt"
    echo "bench-input: $OUT/$name.txt ($(wc -c <"$OUT/$name.txt") bytes)" >&2
done
