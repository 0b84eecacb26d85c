#!/usr/bin/env bash
# Builds and runs noaber's libFuzzer targets (see docs/reliability.md, "Fuzzing").
#
#   Fuzz/run.sh build [csv|values|xlsx|all]          compile only
#   Fuzz/run.sh run csv|values|xlsx [seconds] [jobs]  fuzz for `seconds` (default 600)
#   Fuzz/run.sh repro csv|values|xlsx FILE...         run the target once over crash files
#
# Environment: FUZZ_RUNS=N stops after N executions instead of a time limit;
# FUZZ_ARGS adds libFuzzer flags (e.g. "-max_len=4096 -rss_limit_mb=1024").
#
# Each target compiles the needed source files directly with
# `swiftc -sanitize=fuzzer,address -parse-as-library` into one module (module imports between
# noaber's own targets are stripped, which is why the sources are copied first). Findings land
# in Fuzz/.build/findings/<target>/; new inputs in Fuzz/.build/corpus/<target>/ (the committed
# seeds in Fuzz/corpus/<target>/ are only read).
set -euo pipefail
# The Swift runtime's own crash backtracer fights ASan and libFuzzer for the signal: off.
export SWIFT_BACKTRACE=enable=no
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
build="$here/.build"
mkdir -p "$build"

sources_for() {
    case "$1" in
        csv) ls "$root"/Sources/NoaberCSV/*.swift; echo "$here/CSVReaderFuzz.swift" ;;
        values)
            ls "$root"/Sources/NoaberModel/*.swift \
               "$root"/Sources/NoaberImport/Values/*.swift \
               "$root"/Sources/NoaberImport/Validation/*.swift \
               "$root"/Sources/NoaberImport/Profile/*.swift
            echo "$root/Sources/NoaberImport/ImportError.swift"
            echo "$root/Sources/NoaberImport/InputFile.swift"
            echo "$root/Sources/NoaberImport/Privacy/IdentifierDetector.swift"
            echo "$root/Sources/NoaberImport/Privacy/ShownValue.swift"
            echo "$here/ValueParsersFuzz.swift" ;;
        xlsx) ls "$root"/Sources/NoaberXLSX/*.swift; echo "$here/XLSXReaderFuzz.swift" ;;
        *) echo "unknown target '$1' (csv, values or xlsx)" >&2; exit 64 ;;
    esac
}

build_target() {
    local target="$1" src="$build/src-$1"
    rm -rf "$src"; mkdir -p "$src"
    local i=0
    for f in $(sources_for "$target"); do
        i=$((i + 1))
        # One module: drop imports of noaber's own modules; keep file names unique.
        sed -E '/^(@testable )?import Noaber[A-Za-z]*$/d' "$f" > "$src/$i-$(basename "$f")"
    done
    echo "building fuzz-$target …" >&2
    # The xlsx target reaches zlib through the CZlib module map (and links libz).
    local zlib=()
    if [ "$target" = xlsx ]; then zlib=(-I "$root/Sources/CZlib" -lz); fi
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name "Fuzz$target" "${zlib[@]}" \
        "$src"/*.swift -o "$build/fuzz-$target" 2> >(grep -v "ld.gold: warning: Cannot export local symbol" >&2)
}

command="${1:-}"; shift || true
case "$command" in
    build)
        target="${1:-all}"
        if [ "$target" = all ]; then build_target csv; build_target values; build_target xlsx; else build_target "$target"; fi ;;
    run)
        target="${1:?target: csv, values or xlsx}"; seconds="${2:-600}"; jobs="${3:-1}"
        build_target "$target"
        mkdir -p "$build/corpus/$target" "$build/findings/$target"
        limit="-max_total_time=$seconds"
        if [ -n "${FUZZ_RUNS:-}" ]; then limit="-runs=$FUZZ_RUNS"; fi
        cd "$build/findings/$target"
        # -timeout: an input that takes over 10 s is a hang; -max_len bounds an input.
        # shellcheck disable=SC2086
        parallel=""
        if [ "$jobs" -gt 1 ]; then parallel="-jobs=$jobs -workers=$jobs"; fi
        exec "$build/fuzz-$target" $limit -timeout=10 -max_len=2048 -print_final_stats=1 \
            $parallel ${FUZZ_ARGS:-} \
            "$build/corpus/$target" "$here/corpus/$target" ;;
    repro)
        target="${1:?target: csv, values or xlsx}"; shift
        build_target "$target"
        exec "$build/fuzz-$target" "$@" ;;
    *)
        sed -n '2,16p' "$0"; exit 64 ;;
esac
