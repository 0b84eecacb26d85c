#!/usr/bin/env bash
# The registration workbook in real spreadsheet software (run by .ci/run; needs LibreOffice Calc with
# its Python bridge, and openpyxl from Tests/reference/requirements.txt):
#
#   Tests/intake/check_template.sh .build/debug/noaber
#
# For cases and tasks, in Dutch and English: `noaber template` writes the workbook; LibreOffice opens
# it (through UNO, as a person's spreadsheet program would) and must see the sheets with the lists
# sheet hidden, the header row frozen, date formats on the date columns and a drop-down list with
# exactly noaber's labels on every coded column; openpyxl fills it as a village worker would; the
# filled workbook imports without a profile and without a warning; and so does the same workbook
# after LibreOffice saved it again as .xlsx, and as CSV.
set -euo pipefail
noaber=$(realpath "${1:-.build/debug/noaber}")
here=$(cd "$(dirname "$0")" && pwd)
datasets=$(cd "$here/../../Datasets" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "check_template: $*" >&2; exit 1; }

# One import into a fresh store: every row accepted, no warning. $1 file, $2 rows expected.
import_clean() {
    local store="$work/store-$RANDOM.sqlite"
    "$noaber" villages import "$datasets/villages.csv" --db "$store" >/dev/null
    "$noaber" import "$1" --as-of 2025-01-10 --db "$store" --format json > import.json
    python3 - "$1" "$2" <<'PY'
import json, sys
r = json.load(open("import.json"))[0]
ok = r["rows_read"] == int(sys.argv[2]) and r["accepted"] == r["rows_read"] and r["rejected"] == 0 and not r["warnings"] \
    and r["profile"] == "canonical"
print(f"  {sys.argv[1]}: read {r['rows_read']}, accepted {r['accepted']}, rejected {r['rejected']}, warnings {r['warnings']}")
sys.exit(0 if ok else 1)
PY
}

for kind in cases tasks; do
    for lang in nl en; do
        echo "== template --kind $kind --lang $lang"
        "$noaber" template --kind "$kind" --lang "$lang" --out "t-$kind-$lang.xlsx" >/dev/null
        /usr/bin/python3 "$here/libreoffice_check.py" "t-$kind-$lang.xlsx" > seen.json
        python3 - "$kind" "$lang" <<'PY' || fail "LibreOffice does not see the template as written ($kind, $lang)"
import json, sys
kind, lang = sys.argv[1], sys.argv[2]
s = json.load(open("seen.json"))
names = [x["name"] for x in s["sheets"]]
visible = [x["visible"] for x in s["sheets"]]
expected = ["Registratie", "Toelichting", "Lijsten"] if lang == "nl" else ["Registration", "Explanation", "Lists"]
assert names == expected and visible == [True, True, False], (names, visible)
assert s["frozen"] and s["split_row"] == 1, "the header row is frozen"
dates = [c for c in s["columns"] if c["validation"] == "DATE"]
assert dates and all(c["format"].upper() == "D-M-YYYY" for c in dates), dates
lists = [c for c in s["columns"] if c["validation"] == "LIST"]
assert len(lists) == (15 if kind == "cases" else 1), len(lists)
for c in lists:
    assert c["list"] and all(c["list"]) and c["error_style"] == "STOP", c
    assert c["prompt"], c
print(f"  LibreOffice: {len(s['columns'])} columns, {len(lists)} drop-down lists, {len(dates)} date columns, header frozen, lists sheet hidden")
PY
        rows=$([ "$kind" = cases ] && echo 80 || echo 50)
        python3 "$here/fill_template.py" "t-$kind-$lang.xlsx" "filled-$kind-$lang.xlsx" --rows "$rows" --seed 11 >/dev/null
        import_clean "filled-$kind-$lang.xlsx" "$rows" || fail "the filled-in template did not import cleanly"
        mkdir -p lo
        soffice --headless --convert-to xlsx --outdir lo "filled-$kind-$lang.xlsx" >/dev/null 2>&1
        import_clean "lo/filled-$kind-$lang.xlsx" "$rows" || fail "the template saved again by LibreOffice did not import cleanly"
        soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir lo "filled-$kind-$lang.xlsx" >/dev/null 2>&1
        import_clean "lo/filled-$kind-$lang.csv" "$rows" || fail "the template saved as CSV by LibreOffice did not import cleanly"
    done
done
echo "check_template: ok"
