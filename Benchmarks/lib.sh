# Shared by the benchmark scripts (sourced, not run). Expects ROOT and WORKDIR to be set.
# Provides: the release binary in $NOABER (built unless SKIP_BUILD=1), `measure` and `rate`.

if [[ ! -x /usr/bin/time ]]; then
    echo "installing GNU time (needed for peak RSS)…" >&2
    apt-get install -y time >/dev/null
fi

cd "$ROOT"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "building release…" >&2
    swift build -c release >&2
fi
NOABER=${NOABER:-"$ROOT/.build/release/noaber"}

# Reads a /usr/bin/time -v report: sets WALL (s), RSS (MB) and CPU (user + system s).
read_time_log() {
    WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$1")
    RSS=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$1")
    CPU=$(awk -F': ' '/(User|System) time \(seconds\)/ {s += $2} END {printf "%.1f", s}' "$1")
}

# Runs "$@" under /usr/bin/time -v with stdout to $OUT (default /dev/null); stops the script on
# failure; sets WALL, RSS and CPU.
measure() {
    local log="$WORKDIR/time.log"
    /usr/bin/time -v -o "$log" "$@" >"${OUT:-/dev/null}" 2>"$WORKDIR/err.log" || {
        echo "failed: $*" >&2; tail -20 "$WORKDIR/err.log" >&2; exit 1; }
    read_time_log "$log"
}

rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }
