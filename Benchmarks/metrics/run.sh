#!/usr/bin/env bash
# Benchmark: `noaber metrics all` over 1,000,000 cases, 100 villages and 12 quarters (with 10,000
# Monte Carlo draws) against an independent pandas/numpy script on the same SQLite store.
# See docs/benchmarks-metrics.md. Rerunnable: the store is built once per (seed, rows, villages,
# range) under $CACHE and reused while its stamp matches.
#
# Environment (all optional):
#   CACHE=.build/bench-metrics  ROWS=1000000  VILLAGES=100  SEED=20250101  DRAWS=10000
#   FROM=2022-01-01  TO=2024-12-31  SKIP_BUILD=1 (use the existing release binary)
#   REFERENCE_ARGS="--lifelines" (extra arguments for reference.py)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"

ROWS="${ROWS:-1000000}"
VILLAGES="${VILLAGES:-100}"
SEED="${SEED:-20250101}"
DRAWS="${DRAWS:-10000}"
FROM="${FROM:-2022-01-01}"
TO="${TO:-2024-12-31}"
CACHE="${CACHE:-$repo/.build/bench-metrics}"
REFERENCE_ARGS="${REFERENCE_ARGS:-}"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "run.sh needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }

if [ -z "${SKIP_BUILD:-}" ]; then
    echo "== swift build -c release" >&2
    swift build -c release --product noaber >&2
fi
noaber="$(swift build -c release --show-bin-path)/noaber"

store_dir="$CACHE/store-s$SEED-r$ROWS-v$VILLAGES-$FROM-$TO"
store="$store_dir/noaber.sqlite"
stamp="seed=$SEED rows=$ROWS villages=$VILLAGES from=$FROM to=$TO"
if [ -f "$store" ] && [ "$(cat "$store_dir/stamp" 2>/dev/null)" = "$stamp" ]; then
    echo "== reusing $store ($stamp)" >&2
else
    echo "== building the store ($stamp) under $store_dir" >&2
    rm -rf "$store_dir"
    mkdir -p "$store_dir"
    "$noaber" synth --villages "$VILLAGES" --rows "$ROWS" --from "$FROM" --to "$TO" --seed "$SEED" --out "$store_dir/synth" >&2
    "$noaber" villages import "$store_dir/synth/villages.csv" --db "$store" >&2
    for f in "$store_dir"/synth/cases-*.csv "$store_dir"/synth/tasks-*.csv; do
        start=$(date +%s)
        "$noaber" import "$f" --db "$store" --quiet >&2
        echo "   imported $(basename "$f") in $(( $(date +%s) - start )) s" >&2
    done
    echo "$stamp" > "$store_dir/stamp"
fi

out="$CACHE/run-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"

echo "== noaber metrics all --every quarter ($DRAWS draws)" >&2
$TIME -v -o "$out/noaber.time" "$noaber" metrics all --period "$FROM..$TO" --every quarter --format csv \
    --draws "$DRAWS" --db "$store" > "$out/noaber.csv"

echo "== reference.py (pandas $(python3 -c 'import pandas; print(pandas.__version__)'), numpy)" >&2
$TIME -v -o "$out/reference.time" python3 "$here/reference.py" --db "$store" --from "$FROM" --to "$TO" \
    --draws "$DRAWS" --params "$repo/Datasets/parameters/escalation.json" --out "$out/reference.csv" $REFERENCE_ARGS

python3 "$here/compare.py" --noaber "$out/noaber.csv" --reference "$out/reference.csv" \
    --noaber-time "$out/noaber.time" --reference-time "$out/reference.time" | tee "$out/summary.txt"
echo "(outputs in $out)" >&2
