#!/usr/bin/env bash
# Import benchmark: noaber import (parse, validate, pseudonymise, store) of N canonical case rows
# against the sqlite3 shell's bare `.import` of the same file, plus a memory-flatness check.
#
# Usage: Benchmarks/import-benchmark.sh [ROWS] [SMALL_ROWS]
#   ROWS        rows of the main run (default 1000000, or $ROWS)
#   SMALL_ROWS  rows of the flatness run compared with ROWS (default ROWS/4, or $SMALL_ROWS)
# Environment: NOABER (binary to time, default .build/release/noaber), WORKDIR (default a fresh
#   mktemp dir, removed at the end unless KEEP=1),
#   VILLAGES (default 100), SKIP_BUILD=1 to reuse .build/release/noaber,
#   REPEAT (default 1): time REPEAT alternating pairs (noaber, then sqlite3) of the main run and
#   report the best and the median of each, since on a shared machine one pair can be off by 30 %.
set -euo pipefail

ROWS=${1:-${ROWS:-1000000}}
SMALL_ROWS=${2:-${SMALL_ROWS:-$((ROWS / 4))}}
VILLAGES=${VILLAGES:-100}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORKDIR=${WORKDIR:-$(mktemp -d /tmp/noaber-bench.XXXXXX)}
mkdir -p "$WORKDIR"
if [[ "${KEEP:-0}" != 1 ]]; then trap 'rm -rf "$WORKDIR"' EXIT; fi

command -v sqlite3 >/dev/null || { echo "sqlite3 shell missing (apt-get install -y sqlite3)" >&2; exit 1; }
source "$ROOT/Benchmarks/lib.sh"   # tools, release build ($NOABER), measure, rate
OUT="$WORKDIR/out.log"              # measure keeps the import's JSON here

# Writes ROWS rows into $WORKDIR/<rows>/ and prints the cases file's path.
synth() {
    local dir="$WORKDIR/$1"
    "$NOABER" synth --villages "$VILLAGES" --rows "$1" --no-tasks --quiet --out "$dir" >/dev/null
    ls "$dir"/cases-canonical*.csv
}

# noaber import of a cases file into a fresh store; sets WALL, RSS.
noaber_import() {
    local file=$1 db="$WORKDIR/store-$2.sqlite"
    rm -f "$db" "$db"-wal "$db"-shm "$db.key"
    "$NOABER" villages import "$(dirname "$file")/villages.csv" --db "$db" >/dev/null
    measure "$NOABER" import "$file" --db "$db" --quiet --format json
    grep -q '"accepted"' "$WORKDIR/out.log" || { echo "import printed no accounting" >&2; exit 1; }
    ACCEPTED=$(grep -o '"accepted" *: *[0-9]*' "$WORKDIR/out.log" | grep -o '[0-9]*$')
}

echo "writing $ROWS rows over $VILLAGES villages…" >&2
BIG=$(synth "$ROWS")
SIZE_MB=$(awk -v b="$(stat -c %s "$BIG")" 'BEGIN { printf "%.0f", b / 1048576 }')

REPEAT=${REPEAT:-1}
SQ_DB="$WORKDIR/fresh.db"
N_WALLS=() S_WALLS=() RATIOS=()
for ((pair = 1; pair <= REPEAT; pair++)); do
    echo "noaber import ($ROWS rows), pair $pair of $REPEAT…" >&2
    noaber_import "$BIG" big
    N_WALL=$WALL N_RSS=$RSS N_CPU=$CPU N_ACCEPTED=$ACCEPTED
    echo "sqlite3 .import ($ROWS rows), pair $pair of $REPEAT…" >&2
    rm -f "$SQ_DB"
    measure sqlite3 "$SQ_DB" -cmd ".mode csv" ".import '$BIG' cases"
    S_WALL=$WALL S_RSS=$RSS
    S_ROWS=$(sqlite3 "$SQ_DB" "SELECT count(*) FROM cases")
    N_WALLS+=("$N_WALL") S_WALLS+=("$S_WALL")
    RATIOS+=("$(awk -v a="$N_WALL" -v b="$S_WALL" 'BEGIN { printf "%.2f", a / b }')")
    [[ "$REPEAT" == 1 ]] || printf 'pair %d: noaber %s s (CPU %s s), sqlite3 %s s: %s×\n' "$pair" "$N_WALL" "$N_CPU" "$S_WALL" "${RATIOS[-1]}" >&2
done
# Best and median of a list of numbers.
best() { printf '%s\n' "$@" | sort -g | head -1; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f\n", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

echo "memory flatness: noaber import ($SMALL_ROWS rows)…" >&2
SMALL=$(synth "$SMALL_ROWS")
noaber_import "$SMALL" small
F_WALL=$WALL F_RSS=$RSS F_CPU=$CPU

printf '\nnoaber import benchmark: %s rows (%s MB), %s villages, %s cores, %s\n' \
    "$ROWS" "$SIZE_MB" "$VILLAGES" "$(nproc)" "$(sqlite3 --version | cut -d' ' -f1)"
printf '%-34s %10s %12s %12s %8s\n' "run" "wall s" "rows/s" "peak RSS MB" "CPU s"
printf '%-34s %10s %12s %12s %8s\n' "noaber import ($N_ACCEPTED accepted)" "$N_WALL" "$(rate "$ROWS" "$N_WALL")" "$N_RSS" "$N_CPU"
printf '%-34s %10s %12s %12s\n' "sqlite3 .import ($S_ROWS rows)" "$S_WALL" "$(rate "$ROWS" "$S_WALL")" "$S_RSS"
printf '%-34s %10s\n' "noaber / sqlite3 wall" "$(awk -v a="$N_WALL" -v b="$S_WALL" 'BEGIN { printf "%.2f×", a / b }')"
if [[ "$REPEAT" != 1 ]]; then
    printf '\n%d alternating pairs (the lines above are the last pair)\n' "$REPEAT"
    printf '%-34s %10s %10s\n' "" "best" "median"
    printf '%-34s %10s %10s\n' "noaber import wall s" "$(best "${N_WALLS[@]}")" "$(median "${N_WALLS[@]}")"
    printf '%-34s %10s %10s\n' "sqlite3 .import wall s" "$(best "${S_WALLS[@]}")" "$(median "${S_WALLS[@]}")"
    printf '%-34s %10s %10s\n' "noaber / sqlite3 per pair" "$(best "${RATIOS[@]}")×" "$(median "${RATIOS[@]}")×"
fi
printf '\nmemory flatness (peak RSS of noaber import)\n'
printf '%-34s %10s %12s %12s %8s\n' "$SMALL_ROWS rows" "$F_WALL" "$(rate "$SMALL_ROWS" "$F_WALL")" "$F_RSS" "$F_CPU"
printf '%-34s %10s %12s %12s\n' "$ROWS rows" "$N_WALL" "$(rate "$ROWS" "$N_WALL")" "$N_RSS"
