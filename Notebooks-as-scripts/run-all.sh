#!/usr/bin/env bash
# Runs the three notebooks in order and fails as soon as one fails (called by .ci/run).
# Builds noaber once (unless NOABER is set) and passes the binary on, so no notebook rebuilds.
# Each notebook's transcript is kept in out/<notebook>.log beside its output folder.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
cd "$ROOT"
if [[ -z "${NOABER:-}" ]]; then
  swift build --product noaber >&2
  NOABER=.build/debug/noaber
fi
[[ "$NOABER" == /* ]] || NOABER="$ROOT/$NOABER"
export NOABER
mkdir -p "$HERE/out"
for notebook in 01-from-exports-to-a-checked-store 02-raadsbrief-figures 03-lerend-netwerk-comparison; do
  echo "== $notebook" >&2
  start=$SECONDS
  if ! "$HERE/$notebook.sh" > "$HERE/out/$notebook.log" 2>&1; then
    echo "FAILED: $notebook (last lines of out/$notebook.log follow)" >&2
    tail -n 30 "$HERE/out/$notebook.log" >&2
    exit 1
  fi
  echo "   ok in $((SECONDS - start)) s; transcript: Notebooks-as-scripts/out/$notebook.log" >&2
done
echo "all notebooks passed" >&2
