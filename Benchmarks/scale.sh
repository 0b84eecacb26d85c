#!/usr/bin/env bash
# Scale benchmark (load and scale): synthesises N cases over 100 villages for each N,
# imports them into a fresh store, then runs the metrics and the three reports on that store over
# the synthetic data's 12 quarters (2023-2025), each under /usr/bin/time -v (wall seconds, peak
# RSS), and prints one table. Cases only (--no-tasks), so the store grows with cases alone.
#
# Usage: Benchmarks/scale.sh [N...]          # default: 1000000 10000000
# Environment: WORKDIR (default a fresh mktemp dir, removed at the end unless KEEP=1),
#   VILLAGES (default 100), SKIP_BUILD=1 to reuse .build/release/noaber, NOABER (binary to use),
#   STEP_TIMEOUT (seconds per metrics/report run, default 0 = none; a run that hits it is shown
#   as "timeout" with the peak RSS it had reached), RESIDENTS=population to cap each village's
#   residents at its inhabitants (`synth --residents-within-population`; by default residents
#   grow with the rows, about 0.4 per case, a stress test for what grows with residents).
# Needs a few GB of free disk for 10M (CSV ≈ 1.3 GB plus a store of about the same size).
set -euo pipefail

SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(1000000 10000000)
VILLAGES=${VILLAGES:-100}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORKDIR=${WORKDIR:-$(mktemp -d /tmp/noaber-scale.XXXXXX)}
mkdir -p "$WORKDIR"
if [[ "${KEEP:-0}" != 1 ]]; then trap 'rm -rf "$WORKDIR"' EXIT; fi

source "$ROOT/Benchmarks/lib.sh"   # tools, release build ($NOABER), measure, rate

# measure, but a metrics or report run that fails or exceeds STEP_TIMEOUT is recorded, not fatal.
measure_step() {
    local log="$WORKDIR/time.log"
    if /usr/bin/time -v -o "$log" timeout "${STEP_TIMEOUT:-0}" "$@" >/dev/null 2>"$WORKDIR/err.log"; then
        read_time_log "$log"
    else
        WALL="fail"; grep -q "status 124" "$log" && WALL="timeout"
        tail -5 "$WORKDIR/err.log" >&2
        RSS=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$log")
    fi
}

mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.0f", b / 1048576 }'; }

ROWS_OUT=()
for N in "${SIZES[@]}"; do
    dir="$WORKDIR/$N"
    echo "[$N] synthesising…" >&2
    CAP=(); [[ "${RESIDENTS:-}" == population ]] && CAP=(--residents-within-population)
    "$NOABER" synth --villages "$VILLAGES" --rows "$N" --no-tasks "${CAP[@]}" --quiet --out "$dir" >/dev/null
    csv=$(ls "$dir"/cases-canonical*.csv)
    db="$dir/store.sqlite"
    "$NOABER" villages import "$dir/villages.csv" --db "$db" >/dev/null
    echo "[$N] importing…" >&2
    OUT="$dir/import.json" measure "$NOABER" import "$csv" --db "$db" --quiet --format json
    I_WALL=$WALL I_RSS=$RSS
    grep -q '"accepted"' "$dir/import.json" || { echo "import printed no accounting" >&2; exit 1; }
    sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null 2>&1 || true
    STORE_MB=$(mb "$db")
    echo "[$N] metrics…" >&2
    measure_step "$NOABER" metrics all --db "$db" --period 2023-01-01..2025-12-31 --every quarter --format csv
    M_WALL=$WALL M_RSS=$RSS
    echo "[$N] report…" >&2
    measure_step "$NOABER" report --db "$db" --audience all --period 2023-01-01..2025-12-31 --every quarter --out "$dir/report"
    R_WALL=$WALL R_RSS=$RSS
    ROWS_OUT+=("$(printf '%-10s %8s %8s %8s %10s %8s | %8s %8s | %8s %8s' "$N" "$(mb "$csv")" "$STORE_MB" \
        "$I_WALL" "$(rate "$N" "$I_WALL")" "$I_RSS" "$M_WALL" "$M_RSS" "$R_WALL" "$R_RSS")")
    echo "[$N] ${ROWS_OUT[-1]}" >&2
    rm -f "$csv"
    [[ "${KEEP:-0}" == 1 ]] || rm -rf "$dir"
done

printf '\nnoaber scale benchmark: %s villages, %s cores, %s\n' "$VILLAGES" "$(nproc)" "$(sqlite3 --version 2>/dev/null | cut -d' ' -f1)"
printf '%-10s %8s %8s %8s %10s %8s | %8s %8s | %8s %8s\n' "cases" "CSV MB" "store MB" "import s" "rows/s" "RSS MB" \
    "metrics s" "RSS MB" "report s" "RSS MB"
for row in "${ROWS_OUT[@]}"; do echo "$row"; done
