#!/usr/bin/env bash
# ============================================================================================
#  Notebook 01 — From raw exports to a checked store
# ============================================================================================
#
#  Question: can we trust what is in the store? Six villages each sent two CSV exports, in three
#  dialects (noaber's canonical CSV, Dutch Excel in Windows-1252, and a UTF-8-with-BOM export
#  with Excel serial dates). Before anyone computes a figure we want to know, per file: how many
#  rows were read, how many were accepted, which rows were rejected and why — and we want to see
#  the importer's safety nets work: a dry run, a strict import, a re-import that changes nothing,
#  and the guard that refuses a column holding a resident's name.
#
#  Run it from anywhere:   Notebooks-as-scripts/01-from-exports-to-a-checked-store.sh
#  Everything it writes goes to Notebooks-as-scripts/out/01-from-exports-to-a-checked-store/,
#  including its own fresh SQLite store; nothing else on disk is touched.
#
#  Set NOABER=/path/to/noaber to use a binary you built (e.g. NOABER=.build/release/noaber);
#  otherwise the notebook runs `swift build` once and uses .build/debug/noaber.
#  Set NOABER_LANG=nl for Dutch output (default here: en, so the output matches these notes).
# ============================================================================================
set -euo pipefail

# --- Step 0. Setup: find the repository, the binary, and a fresh output folder ---------------
#
# The notebook uses the public command-line interface, not the Swift API: every command below
# can be copied into a terminal or another script, and it gives the same numbers the reports do.

NOTEBOOK_FILE="${BASH_SOURCE[0]}"
source "$(dirname "$NOTEBOOK_FILE")/lib/setup.sh"   # binary, paths, fresh $OUT, show/step

# --- Step 1. The villages: population facts every rate is divided by -----------------------
#
# Reach and volunteer load are per 1,000 inhabitants, so the villages file comes first. It is
# noaber's canonical villages CSV (code, name, municipality, inhabitants, inhabitants 75+, paid
# hours per week, cost per year). Look for: 6 read = 6 accepted, and in the list the municipality
# column — "Dinkelland" for all six, which is what `--by municipality` pools over later.
step "1. Villages"
show "$NOABER" villages import Datasets/villages.csv "${LANG_OPT[@]}"
show "$NOABER" villages list "${LANG_OPT[@]}"

# --- Step 2. A dry run: check a file without storing anything -----------------------------
#
# Before importing a file from a village for the first time, read it with --dry-run: the importer
# decodes, maps and validates every row exactly as a real import would, prints the accounting
# and the first rejections, and stores nothing. The Deurningen case export is Dutch Excel
# (';', Windows-1252, d-m-yyyy dates), so it needs its mapping profile.
# Look for: "dry run: nothing stored", encoding windows-1252, delimiter ';', and the identity
# read = accepted + rejected (it holds for every import, always).
step "2. Dry run of the Deurningen case export"
show "$NOABER" import Datasets/exports/DEU-cases-dutch-excel.csv \
  --profile Datasets/profiles/dutch-excel-cases.json --as-of 2025-01-06 --dry-run "${LANG_OPT[@]}"

# --- Step 3. A strict import refuses the whole file --------------------------------------
#
# --strict is for pipelines that must not store a partial file: one rejected row fails the whole
# import with exit code 65 (bad data, docs/exit-codes.md) and nothing is stored. We capture the
# exit status instead of letting `set -e` stop the notebook.
# Look for: "rejected with --strict; nothing stored" on standard error, and "exit status 65".
step "3. Strict import (expected to fail with 65)"
status=0
show "$NOABER" import Datasets/exports/DEU-cases-dutch-excel.csv \
  --profile Datasets/profiles/dutch-excel-cases.json --as-of 2025-01-06 --strict "${LANG_OPT[@]}" \
  || status=$?
echo "exit status $status"
if [[ $status -ne 65 ]]; then echo "error: expected exit status 65 from --strict" >&2; exit 1; fi

# --- Step 4. Import every bundled export, with its profile and as-of date -----------------
#
# Datasets/exports/manifest.csv lists each file with its kind, village, dialect, profile and the
# date the export was made (as_of). The as-of date matters: a case still open in the export is
# censored at that date when response times are computed, so it must be the export date, not
# today. The manifest is plain ASCII CSV without quoted fields; we still parse it by header name
# (not by position), strip a Windows line ending, and refuse a row with a missing field. The
# exports themselves are never touched by text tools here: the Dutch ones are Windows-1252, and
# only the importer (told so by the profile) decodes them.
#
# --village makes the importer reject any row that names another village; --kind says cases or
# tasks. The text accounting of each import is kept in accounting.txt; after the loop the store's
# own provenance (`imports --format json`, Step 8) is checked against the manifest.
# Look for: "completed, with rejected rows" on the four Dutch files only, and, at the end, the
# totals checked against the manifest's row counts and the bundled README (cases: read = accepted
# + rejected with a handful rejected; tasks: the same with fewer).
step "4. Import every export listed in the manifest"

manifest=Datasets/exports/manifest.csv
IFS=, read -r -a header < <(head -n 1 "$manifest" | tr -d '\r')
col() { local i; for i in "${!header[@]}"; do [[ "${header[$i]}" == "$1" ]] && { echo "$i"; return; }; done
        echo "error: manifest has no column '$1'" >&2; exit 65; }
c_file=$(col file); c_kind=$(col kind); c_village=$(col village)
c_profile=$(col profile); c_asof=$(col as_of); c_rows=$(col rows)

: > "$OUT/accounting.txt"
while IFS= read -r line; do
  line="${line%$'\r'}"
  [[ -z "$line" ]] && continue
  IFS=, read -r -a f <<< "$line"
  file="${f[$c_file]:-}"; kind="${f[$c_kind]:-}"; village="${f[$c_village]:-}"
  profile="${f[$c_profile]:-}"; asof="${f[$c_asof]:-}"
  if [[ -z "$file" || -z "$kind" || -z "$village" || -z "$asof" ]]; then
    echo "error: incomplete manifest row: $line" >&2; exit 65
  fi
  args=("Datasets/$file" --kind "$kind" --village "$village" --as-of "$asof" --quiet "${LANG_OPT[@]}")
  [[ -n "$profile" ]] && args+=(--profile "Datasets/$profile")
  show "$NOABER" import "${args[@]}" | tee -a "$OUT/accounting.txt"
done < <(tail -n +2 "$manifest")

# Totals per kind from the store's provenance, compared with the manifest's own row counts.
"$NOABER" imports --format json > "$OUT/accounting.json"
python3 - "$OUT/accounting.json" "$manifest" <<'PY'
import csv, json, sys
runs = [r for r in json.load(open(sys.argv[1], encoding="utf-8")) if r["kind"] != "villages"]
for r in runs: r["file"] = r["file_name"]          # provenance keeps the base name only
with open(sys.argv[2], encoding="utf-8", newline="") as fh:
    expected = {r["file"].rsplit("/", 1)[-1]: int(r["rows"]) for r in csv.DictReader(fh)}
print("\nTotals per kind (rows read = accepted + rejected):")
for kind in ("cases", "tasks"):
    rs = [r for r in runs if r["kind"] == kind]
    read = sum(r["rows_read"] for r in rs); acc = sum(r["accepted"] for r in rs); rej = sum(r["rejected"] for r in rs)
    print(f"  {kind:5}  read {read:5}  accepted {acc:5}  rejected {rej:3}  {'OK' if read == acc + rej else 'MISMATCH'}")
bad = [r["file"] for r in runs if expected.get(r["file"]) != r["rows_read"]]
bad += [f for f in expected if f not in {r["file"] for r in runs}]
print("  rows read match the manifest for every file" if not bad else f"  MISMATCH with manifest: {bad}")
sys.exit(1 if bad or any(r["rows_read"] != r["accepted"] + r["rejected"] for r in runs) else 0)
PY

# --- Step 5. Read the rejected rows ------------------------------------------------------
#
# A rejected row is never silently dropped: it is kept with its import, physical line number
# (the header is line 1; a quoted note with a line break makes a row span two lines), the field
# at fault, the reason and the raw text. The raw text is already safe to show: dropped columns
# (Naam, Notities) are blanked and the client number is replaced by its pseudonym.
#
# The kinds of rejection you should find in the bundled data, and why each is a rejection and
# not a repair:
#   * closed  — "closed … is before received": a case cannot be closed before it came in. One of
#               the two dates is wrong and noaber cannot know which, so the row goes back to the
#               village rather than getting a guessed date (a negative duration would bias the
#               response-time curves).
#   * received / date — "date does not exist": 31-2-2024 and 29-2-2023 are not calendar dates.
#               A lenient parser would roll them over to March; noaber refuses.
#   * themes  — "unknown value 'mobiliteit'": a label the profile does not map. The fix is in the
#               profile (map it to transport, if that is what the village means) or in the export,
#               not in a guess by the importer.
#   * case_id — "case_id missing": without a Dossiernr a later export could not update the case,
#               and a duplicate could not be recognised.
# Look for: exactly these fields in the field column, only in the DEU and NDE imports, and the
# line numbers matching the "Deliberate errors" table in Datasets/README.md.
step "5. Rejected rows"
show "$NOABER" rejected "${LANG_OPT[@]}"
"$NOABER" rejected --format csv "${LANG_OPT[@]}" > "$OUT/rejected.csv"
echo
echo "Rejections per field (from rejected.csv):"
python3 - "$OUT/rejected.csv" <<'PY'
import csv, sys, collections
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
for field, n in sorted(collections.Counter(r["field"] for r in rows).items()):
    print(f"  {field:10} {n}")
print(f"  {'total':10} {len(rows)}")
PY

# --- Step 6. Re-importing the same file changes nothing -----------------------------------
#
# Villages often send the same file twice. The importer recognises it by its SHA-256 content
# hash (together with the options that shape how it is read, such as --village) and does
# nothing: no new import, no changed rows. We repeat Step 4's command for Saasveld exactly.
# (Imported with different options, the same bytes are recorded as a new import, but every row
# comes out "unchanged"; a *newer* export of the village — different bytes — would update its
# cases by case_id.)
# Look for: "unchanged: this file was imported before (import N)", and the same number of
# imports before and after.
step "6. Re-import is a no-op"
before=$("$NOABER" imports --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
show "$NOABER" import Datasets/exports/SAA-cases-canonical.csv --kind cases --village SAA \
  --as-of 2025-01-10 "${LANG_OPT[@]}"
after=$("$NOABER" imports --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
echo "imports in the store: before $before, after $after"
[[ "$before" == "$after" ]] || { echo "error: re-import added an import" >&2; exit 1; }

# --- Step 7. The identifier guard: a name column is refused, not stored --------------------
#
# The Dutch exports carry a Naam column (fake names here) and free-text Notities. The profile
# lists both under "drop", which is the only way such a column may pass: the importer never reads
# or stores it. Here we simulate a careless profile: a copy of dutch-excel-cases.json without the
# "drop" list (written with python3, keeping its UTF-8 — the profile holds "Cliëntnummer"), and
# a byte-for-byte copy of the Noord-Deurningen export (cp, so its Windows-1252 bytes stay as
# they are). The import must refuse the whole file before storing a single row.
# Look for: exit status 65, and a message that names the column ('Naam') and says how to fix it.
step "7. Identifier guard"
cp Datasets/exports/NDE-cases-dutch-excel.csv "$OUT/NDE-cases-copy.csv"
python3 - Datasets/profiles/dutch-excel-cases.json "$OUT/profile-without-drop.json" <<'PY'
import json, sys
profile = json.load(open(sys.argv[1], encoding="utf-8"))
profile.pop("drop", None)
profile["name"] = "dutch-excel-cases-without-drop"
json.dump(profile, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
status=0
show "$NOABER" import "$OUT/NDE-cases-copy.csv" --profile "$OUT/profile-without-drop.json" \
  --as-of 2025-02-03 "${LANG_OPT[@]}" 2> "$OUT/identifier-guard.stderr.txt" || status=$?
# The error message is on standard error; we saved it and show it here.
cat "$OUT/identifier-guard.stderr.txt"
echo "exit status $status"
[[ $status -eq 65 ]] || { echo "error: expected the identifier guard to refuse with 65" >&2; exit 1; }
grep -q "Naam" "$OUT/identifier-guard.stderr.txt" \
  || { echo "error: the refusal does not name the Naam column" >&2; exit 1; }

# --- Step 8. Provenance: every import, with its hash, profile and as-of date ---------------
#
# This is what a methods section cites: which file (and exactly which bytes — the SHA-256), read
# with which profile, exported on which date, with what accounting. Failed imports (strict,
# identifier guard) and dry runs leave no trace here: nothing was stored.
# Look for: one row for villages.csv plus one per export in the manifest, no more.
step "8. Provenance of every import"
show "$NOABER" imports "${LANG_OPT[@]}"
"$NOABER" imports --format json "${LANG_OPT[@]}" > "$OUT/imports.json"

# --- Step 9. Data quality per village -------------------------------------------------------
#
# The last check before trusting a comparison: per village, the completeness of each field (with
# a Wilson interval), dates out of order or in the future, possible duplicates, the rows
# rejected, and the age of the latest export. Quality is computed over all the data of a village
# (period "all"), not per year.
# Look for: rows rejected only in DEU and NDE; completeness of person_id below 100% (anonymous
# cases have no client number — that is by design, not an error); and days since the latest
# export, which grows every day this notebook is rerun on the same bundled files.
step "9. Data quality"
show "$NOABER" metrics quality "${LANG_OPT[@]}"
"$NOABER" metrics quality --format csv "${LANG_OPT[@]}" > "$OUT/quality.csv"

# --- Done -----------------------------------------------------------------------------------
step "Written"
( cd "$OUT" && find . -type f | sort | sed "s|^\./|  $OUT/|" )
