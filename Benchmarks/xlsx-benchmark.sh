#!/usr/bin/env bash
# Workbook benchmark: `noaber import` of a canonical case export as .xlsx against the same rows as
# CSV (wall time, peak RSS), at 100,000 and 1,000,000 rows by default.
#
# Usage: Benchmarks/xlsx-benchmark.sh [ROWS...]        (default: 100000 1000000)
# Environment: NOABER (binary, default .build/release/noaber), SKIP_BUILD=1 to reuse it, WORKDIR
#   (default a fresh mktemp dir, removed at the end unless KEEP=1), VILLAGES (default 100),
#   REPEAT (default 3): alternating pairs (CSV, then xlsx) per size; best and median are reported.
# The workbook is written by Benchmarks/csv_to_xlsx.py (Python 3, standard library only): shared
# strings, serial dates with date formats, numbers, booleans, deflated, as Excel stores a sheet.
set -euo pipefail

SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(100000 1000000)
VILLAGES=${VILLAGES:-100}
REPEAT=${REPEAT:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORKDIR=${WORKDIR:-$(mktemp -d /tmp/noaber-xlsx-bench.XXXXXX)}
mkdir -p "$WORKDIR"
if [[ "${KEEP:-0}" != 1 ]]; then trap 'rm -rf "$WORKDIR"' EXIT; fi
source "$ROOT/Benchmarks/lib.sh"   # tools, release build ($NOABER), measure, rate
OUT="$WORKDIR/out.log"

# noaber import of FILE into a fresh store; sets WALL, RSS, CPU and ACCEPTED.
import_once() {
    local file=$1 db="$WORKDIR/store.sqlite"
    rm -f "$db" "$db"-wal "$db"-shm "$db.key"
    "$NOABER" villages import "$VILLAGES_CSV" --db "$db" >/dev/null
    measure "$NOABER" import "$file" --db "$db" --quiet --format json --as-of 2026-01-01
    ACCEPTED=$(grep -o '"accepted" *: *[0-9]*' "$OUT" | grep -o '[0-9]*$')
}
best() { printf '%s\n' "$@" | sort -g | head -1; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f\n", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

RESULTS=()
for rows in "${SIZES[@]}"; do
    dir="$WORKDIR/$rows"
    echo "writing $rows rows over $VILLAGES villages…" >&2
    "$NOABER" synth --villages "$VILLAGES" --rows "$rows" --no-tasks --quiet --out "$dir" >/dev/null
    CSV=$(ls "$dir"/cases-canonical*.csv)
    VILLAGES_CSV="$dir/villages.csv"
    XLSX="$dir/cases.xlsx"
    echo "converting to $XLSX…" >&2
    python3 "$ROOT/Benchmarks/csv_to_xlsx.py" "$CSV" "$XLSX"
    C_WALLS=() X_WALLS=() RATIOS=() C_RSS=() X_RSS=()
    for ((pair = 1; pair <= REPEAT; pair++)); do
        import_once "$CSV"; C_WALLS+=("$WALL"); C_RSS+=("$RSS"); CA=$ACCEPTED
        import_once "$XLSX"; X_WALLS+=("$WALL"); X_RSS+=("$RSS"); XA=$ACCEPTED
        [[ "$CA" == "$XA" ]] || { echo "accepted differ: CSV $CA, xlsx $XA" >&2; exit 1; }
        RATIOS+=("$(awk -v a="${X_WALLS[-1]}" -v b="${C_WALLS[-1]}" 'BEGIN { printf "%.2f", a / b }')")
        echo "pair $pair: CSV ${C_WALLS[-1]} s ${C_RSS[-1]} MB, xlsx ${X_WALLS[-1]} s ${X_RSS[-1]} MB: ${RATIOS[-1]}×" >&2
    done
    RESULTS+=("$(printf '%-10s %8s %10s %10s %10s %10s %12s %12s' "$rows" "$CA" \
        "$(best "${C_WALLS[@]}")" "$(median "${C_WALLS[@]}")" "$(best "${X_WALLS[@]}")" "$(median "${X_WALLS[@]}")" \
        "$(median "${RATIOS[@]}")×" "$(best "${C_RSS[@]}")/$(best "${X_RSS[@]}")")")
    printf '  sizes: CSV %s MB, xlsx %s MB\n' "$(du -m "$CSV" | cut -f1)" "$(du -m "$XLSX" | cut -f1)" >&2
done

printf '\nnoaber import, CSV vs xlsx: %s villages, %s cores, %s alternating pairs per size\n' "$VILLAGES" "$(nproc)" "$REPEAT"
printf '%-10s %8s %10s %10s %10s %10s %12s %12s\n' "rows" "accepted" "CSV best" "CSV med" "xlsx best" "xlsx med" "xlsx/CSV med" "RSS MB C/x"
printf '%s\n' "${RESULTS[@]}"
