#!/usr/bin/env bash
# Effect benchmark: `noaber effect` on AREAS areas × QUARTERS quarters of a synthetic outcome series
# (`noaber synth --outcomes`: every other area with an ondersteuner starting in one of eight staggered
# quarters, the rest comparison areas), with wall time, CPU seconds and peak RSS of the import and of
# each effect run (did, did with yearly periods, its for one village, csv output).
#
# Usage: Benchmarks/effect-benchmark.sh
# Environment: AREAS (default 1000), QUARTERS (default 40), RUNS (timed runs each, default 5; the
#   table shows the fastest and the spread), NOABER (binary), WORKDIR, KEEP=1, SKIP_BUILD=1.
# The goal (issue "Effect evidence"): 1,000 areas × 40 quarters in under a second.
set -euo pipefail

AREAS=${AREAS:-1000}
QUARTERS=${QUARTERS:-40}
RUNS=${RUNS:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORKDIR=${WORKDIR:-$(mktemp -d /tmp/noaber-effect-bench.XXXXXX)}
mkdir -p "$WORKDIR"
if [[ "${KEEP:-0}" != 1 ]]; then trap 'rm -rf "$WORKDIR"' EXIT; fi
source "$ROOT/Benchmarks/lib.sh"   # tools, release build ($NOABER), measure, rate

# CPU seconds with three decimals (lib.sh rounds to one, too coarse here).
cpu3() { awk -F': ' '/(User|System) time \(seconds\)/ {s += $2} END {printf "%.2f", s}' "$WORKDIR/time.log"; }

DB="$WORKDIR/store.sqlite"
data="$WORKDIR/data"
echo "writing $AREAS areas × $QUARTERS quarters…" >&2
"$NOABER" synth --outcomes --villages "$AREAS" --quarters "$QUARTERS" --out "$data" >/dev/null
"$NOABER" villages import "$data/villages.csv" --db "$DB" >/dev/null
measure "$NOABER" outcomes import "$data/outcomes-huisartsconsulten.csv" --as-of 2025-02-01 --db "$DB"
ROWS=$(sqlite3 "$DB" "SELECT count(*) FROM outcomes")
printf 'machine: %s cores, load %s; %s\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(date -u +%Y-%m-%d)"
printf '%-40s %8s %8s %10s\n' "job" "wall s" "CPU s" "peak MB"
printf '%-40s %8s %8s %10s   (%s rows, %s rows/s)\n' "outcomes import" "$WALL" "$(cpu3)" "$RSS" "$ROWS" "$(rate "$ROWS" "$WALL")"

time_effect() {
    local label=$1; shift
    local best="" spread="" best_cpu="" best_rss=""
    for ((i = 1; i <= RUNS; i++)); do
        measure "$NOABER" effect --db "$DB" --measure huisartsconsulten "$@"
        spread+="$WALL "
        if [[ -z "$best" ]] || awk -v a="$WALL" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$WALL best_cpu=$(cpu3) best_rss=$RSS
        fi
    done
    printf '%-40s %8s %8s %10s   runs: %s\n' "$label" "$best" "$best_cpu" "$best_rss" "$spread"
}

time_effect "effect did, quarters (table)"
time_effect "effect did, quarters (csv)" --format csv
time_effect "effect did, years" --every year
first=$(sqlite3 "$DB" "SELECT village FROM villages WHERE ondersteuner_start IS NOT NULL ORDER BY village LIMIT 1")
time_effect "effect its, one village ($first)" --method its --village "$first"
echo "(store: $(du -h "$DB" | cut -f1); first lines of the table:)" >&2
"$NOABER" effect --db "$DB" --measure huisartsconsulten 2>/dev/null | sed -n '1,8p' >&2
