#!/usr/bin/env bash
# Report benchmark: the three reports (`noaber report --audience all`, one metrics computation)
# from a store of N synthetic cases over V villages, for 12 quarters and for one year, with wall
# time, CPU seconds, peak RSS and the size of each HTML file.
#
# Usage: Benchmarks/report-benchmark.sh [ROWS]
#   ROWS        cases in the store (default 1000000, or $ROWS)
# Environment: VILLAGES (default 100), NO_TASKS=1 (no volunteer tasks; by default synth writes
#   about 0.7 per case and they are imported too), DB=path (time an existing store instead of
#   building one), NOABER (binary), WORKDIR, KEEP=1, SKIP_BUILD=1, RUNS (timed runs per report,
#   default 3; the table shows the fastest, the spread is printed too).
# The synthetic data run from 2023-01-01 to 2025-12-31; the 12 quarters are those three years.
set -euo pipefail

ROWS=${1:-${ROWS:-1000000}}
VILLAGES=${VILLAGES:-100}
RUNS=${RUNS:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORKDIR=${WORKDIR:-$(mktemp -d /tmp/noaber-report-bench.XXXXXX)}
mkdir -p "$WORKDIR"
if [[ "${KEEP:-0}" != 1 ]]; then trap 'rm -rf "$WORKDIR"' EXIT; fi
source "$ROOT/Benchmarks/lib.sh"   # tools, release build ($NOABER), measure, rate

if [[ -z "${DB:-}" ]]; then
    DB="$WORKDIR/store.sqlite"
    data="$WORKDIR/data"
    echo "writing $ROWS cases over $VILLAGES villages…" >&2
    tasks_flag=(); [[ "${NO_TASKS:-0}" == 1 ]] && tasks_flag=(--no-tasks)
    "$NOABER" synth --villages "$VILLAGES" --rows "$ROWS" "${tasks_flag[@]}" --quiet --out "$data" >/dev/null
    "$NOABER" villages import "$data/villages.csv" --db "$DB" >/dev/null
    echo "importing…" >&2
    "$NOABER" import "$data"/cases-canonical*.csv --db "$DB" --quiet >/dev/null
    if ls "$data"/tasks*.csv >/dev/null 2>&1; then
        "$NOABER" import "$data"/tasks*.csv --kind tasks --db "$DB" --quiet >/dev/null
    fi
    rm -rf "$data"
fi
CASES=$(sqlite3 "$DB" "SELECT count(*) FROM cases")
TASKS=$(sqlite3 "$DB" "SELECT count(*) FROM volunteer_tasks")
NVILLAGES=$(sqlite3 "$DB" "SELECT count(*) FROM villages")

# Times one report run RUNS times; sets BEST_WALL, its CPU and RSS, SPREAD and the HTML sizes.
time_report() {
    local label=$1; shift
    BEST_WALL="" SPREAD=""
    for ((i = 1; i <= RUNS; i++)); do
        rm -rf "$WORKDIR/out"
        measure "$NOABER" report --db "$DB" --audience all --out "$WORKDIR/out" "$@"
        SPREAD+="$WALL "
        if [[ -z "$BEST_WALL" ]] || awk -v a="$WALL" -v b="$BEST_WALL" 'BEGIN { exit !(a < b) }'; then
            BEST_WALL=$WALL BEST_CPU=$CPU BEST_RSS=$RSS
        fi
    done
    SIZES=""
    for a in raadsbrief lerend-netwerk onderzoek; do
        SIZES+="$a $(awk -v b="$(stat -c %s "$WORKDIR/out/$a/report-$a.html")" 'BEGIN { printf "%.0f KiB", b / 1024 }'), "
    done
    printf '%-28s %8s %8s %10s   runs: %s\n' "$label" "$BEST_WALL" "$BEST_CPU" "$BEST_RSS" "$SPREAD"
    printf '%-28s %s\n' "" "HTML: ${SIZES%, }"
}

printf '\nnoaber report benchmark: %s cases, %s volunteer tasks, %s villages, %s cores, load average %s\n' \
    "$CASES" "$TASKS" "$NVILLAGES" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %8s %8s %10s\n' "report --audience all" "wall s" "CPU s" "peak MB"
time_report "12 quarters 2023–2025" --period 2023-01-01..2025-12-31 --every quarter
time_report "one year (2025)" --period 2025
