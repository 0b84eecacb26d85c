# Shared setup of the notebooks: sourced (not run) by each of them, so the three read the same
# binary, the same bundled data and write to the same kind of output folder.
# Expects NOTEBOOK_FILE to be the notebook's own path (set it to "${BASH_SOURCE[0]}").

NOTEBOOK="$(basename "$NOTEBOOK_FILE" .sh)"
HERE="$(cd "$(dirname "$NOTEBOOK_FILE")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
cd "$ROOT"                                   # the bundled Datasets/ are addressed from the root

if [[ -z "${NOABER:-}" ]]; then
  swift build --product noaber >&2          # incremental: a no-op when nothing changed
  NOABER=.build/debug/noaber
fi
[[ "$NOABER" == /* ]] || NOABER="$ROOT/$NOABER"
[[ -x "$NOABER" ]] || { echo "error: no noaber binary at $NOABER" >&2; exit 66; }
LANG_OPT=(--lang "${NOABER_LANG:-en}")

OUT="${HERE#"$ROOT"/}/out/$NOTEBOOK"      # relative to the root, so printed paths stay short
rm -rf "$OUT" && mkdir -p "$OUT"
# Every noaber command reads the store from NOABER_DB unless --db is given. The pseudonymisation
# key is created beside it (store.sqlite.key): in real use it lives outside the store, and one
# key is shared by all stores of a municipality so a resident links across exports.
export NOABER_DB="$OUT/store.sqlite"

# `show` prints a command before running it, so the output reads like a notebook transcript.
show() { printf '\n$ noaber %s\n' "${*:2}"; "$@"; }
step() { printf '\n\n=== %s ===\n' "$*"; }


# Imports the villages and every export of Datasets/exports/manifest.csv (with its kind, village,
# profile and as-of date) quietly into the notebook's store; the text accounting goes to
# "$OUT/import-accounting.txt".
import_bundled_exports() {
  "$NOABER" villages import Datasets/villages.csv "${LANG_OPT[@]}" > "$OUT/import-accounting.txt"
  manifest=Datasets/exports/manifest.csv
  IFS=, read -r -a header < <(head -n 1 "$manifest" | tr -d '\r')
  col() { local i; for i in "${!header[@]}"; do [[ "${header[$i]}" == "$1" ]] && { echo "$i"; return; }; done
          echo "error: manifest has no column '$1'" >&2; exit 65; }
  c_file=$(col file); c_kind=$(col kind); c_village=$(col village); c_profile=$(col profile); c_asof=$(col as_of)
  while IFS= read -r line; do
    line="${line%$'\r'}"; [[ -z "$line" ]] && continue
    IFS=, read -r -a f <<< "$line"
    args=("Datasets/${f[$c_file]}" --kind "${f[$c_kind]}" --village "${f[$c_village]}"
          --as-of "${f[$c_asof]}" --quiet "${LANG_OPT[@]}")
    [[ -n "${f[$c_profile]:-}" ]] && args+=(--profile "Datasets/${f[$c_profile]}")
    "$NOABER" import "${args[@]}" >> "$OUT/import-accounting.txt"
  done < <(tail -n +2 "$manifest")
}

# Whether `noaber report` exists in this build. The report command is newer than the metrics
# command; the report steps below run only when `noaber report --help` exits 0 AND its help
# mentions --audience (an older build answers `report --help` with the top-level help and exit
# status 0, so the exit status alone would be misleading). Everything else runs on any build.
report_available() {
  local help
  help=$("$NOABER" report --help 2>/dev/null) || return 1
  grep -q -- '--audience' <<< "$help"
}

