#!/usr/bin/env bash
# Build the negative set: clean, human-written English prose that mtlint
# should not flag. Installs the Debian package developers-reference (the
# Debian Developer's Reference, GPL-2+) when it is missing, and extracts
# body paragraphs from its reStructuredText sources into
# corpus/negative/generated/ (gitignored), or the directory given as the
# first argument, each with a sidecar YAML (negative: true, artefacts: []).
#
# Idempotent: re-running rewrites the same files. Needs apt-get as root
# (or sudo) only when the package is not installed yet.
set -euo pipefail

PACKAGE=developers-reference
SOURCES=/usr/share/developers-reference/_sources
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/corpus/negative/generated}"

installed() {
    dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q 'install ok installed'
}

if ! installed || ! compgen -G "$SOURCES/*.rst.txt" >/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=()
    elif command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo)
    else
        echo "fetch-negative: $PACKAGE is not installed and apt-get needs root" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    echo "fetch-negative: installing $PACKAGE" >&2
    # Try the cached package lists first; update them only if that fails.
    if ! "${SUDO[@]}" apt-get install -y --no-install-recommends "$PACKAGE" >&2; then
        "${SUDO[@]}" apt-get update >&2
        "${SUDO[@]}" apt-get install -y --no-install-recommends "$PACKAGE" >&2
    fi
fi

PYTHON="$(command -v python3)"
"$PYTHON" "$ROOT/scripts/extract_negative.py" --source "$SOURCES" --out "$OUT"
