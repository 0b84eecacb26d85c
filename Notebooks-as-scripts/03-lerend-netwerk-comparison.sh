#!/usr/bin/env bash
# ============================================================================================
#  Notebook 03 — A lerend-netwerk comparison of villages over the quarters of 2023–2024
# ============================================================================================
#
#  Question: how do the Dinkelland villages compare — in reach and response time, quarter by
#  quarter, in volunteer load and in data quality — without ranking noise? A lerend netwerk
#  session learns from differences that are real and asks about data before it trusts a figure.
#
#  Run it from anywhere:   Notebooks-as-scripts/03-lerend-netwerk-comparison.sh
#  Everything it writes goes to Notebooks-as-scripts/out/03-lerend-netwerk-comparison/,
#  including its own fresh SQLite store.
#
#  Set NOABER=/path/to/noaber to use a binary you built (e.g. NOABER=.build/release/noaber);
#  otherwise the notebook runs `swift build` once and uses .build/debug/noaber.
#  Set NOABER_LANG=nl for Dutch terminal output (default here: en, so it matches these notes).
# ============================================================================================
set -euo pipefail

# --- Step 0. Setup: find the repository, the binary, and a fresh output folder ---------------
#
# The notebook uses the public command-line interface, not the Swift API: every command below
# can be copied into a terminal or another script, and it gives the same numbers the reports do.

NOTEBOOK_FILE="${BASH_SOURCE[0]}"
source "$(dirname "$NOTEBOOK_FILE")/lib/setup.sh"   # binary, paths, fresh $OUT, show/step

# --- Step 1. A fresh store with every bundled export --------------------------------------
#
# The same imports as notebook 01 (which explains them and shows the rejected rows), done
# quietly: the villages file, then each export in Datasets/exports/manifest.csv with its kind,
# village, profile and as-of date. The manifest is parsed by header name; the exports are only
# ever read by the importer (the Dutch ones are Windows-1252).
# Look for: one accounting line per file; read = accepted + rejected everywhere.
step "1. Build the store"
import_bundled_exports
grep -E '→|read [0-9]+ =' "$OUT/import-accounting.txt" | paste - - | sed -E 's/ +/ /g; s/→ import [0-9]+ //'

# The eight quarters of 2023–2024 as one range, split with --every quarter (period labels
# 2023Q1 … 2024Q4). Disclosure control stays on: a lerend netwerk is a publication audience.
PERIOD=2023-01-01..2024-12-31

# `wide` turns tidy rows (village, period, metric, value, lower, upper, n, suppressed) into a
# village × period table of one metric: "value [lower–upper]", <5 for a suppressed cell, and — where
# there is no figure: a village whose data do not cover the whole period has no count there (not
# a zero; `coverage_pct` says how much it covers), and Tilligte, which sent no export, has none.
wide() {
  python3 - "$1" "$2" "$3" <<'PY'
import csv, sys
path, metric, digits = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = [r for r in csv.DictReader(open(path, encoding="utf-8", newline="")) if r["metric"] == metric]
villages = sorted({r["village"] for r in rows}); periods = sorted({r["period"] for r in rows})
cell = {}
for r in rows:
    if r["suppressed"] == "true": cell[r["village"], r["period"]] = "<5"; continue
    if not r["value"]: cell[r["village"], r["period"]] = "—"; continue   # no figure (e.g. no cases)
    v = float(r["value"])
    s = f"{v:.0f}" if v.is_integer() and not r["lower"] else f"{v:.{digits}f}"
    if r["lower"]: s += f" [{float(r['lower']):.{digits}f}–{float(r['upper']):.{digits}f}]"
    cell[r["village"], r["period"]] = s
width = max([len(c) for c in cell.values()] + [6])
print(f"{metric}\n{'':4} " + " ".join(f"{p:>{width}}" for p in periods))
for v in villages:
    print(f"{v:4} " + " ".join(f"{cell.get((v, p), '—'):>{width}}" for p in periods))
PY
}

# --- Step 2. Reach per village and quarter, with Wilson intervals ------------------------------
#
# Residents reached per 1,000 inhabitants, per quarter. Quarterly counts in villages of 750 to
# 3,000 inhabitants are small, so the intervals are wide: read the bracket before the number.
# The tidy CSV (reach-by-quarter.csv) is the input for your own plots in R or Python.
# Look for: intervals several points wide in the small villages (LAT, NDE) and narrower in
# WEE; quarter-to-quarter movements inside a village that stay within the intervals (noise, not
# a trend); and any cell shown as <5 (a quarter with 1–4 residents reached is suppressed).
step "2. Reach per village and quarter"
"$NOABER" metrics reach --period "$PERIOD" --every quarter --format csv "${LANG_OPT[@]}" \
  > "$OUT/reach-by-quarter.csv"
echo "\$ noaber metrics reach --period $PERIOD --every quarter --format csv > reach-by-quarter.csv"
wide "$OUT/reach-by-quarter.csv" reach_per_1000 1

# --- Step 3. Response time per village and quarter ---------------------------------------------
#
# Median days from the request to the first contact (Kaplan–Meier, censored at each export's
# as-of date) with its 95% interval, and the share contacted within 7 days. A median of 1 with an
# interval 1–1 says "next day, reliably"; a wider interval in a small village says there were few
# cases that quarter, not that the ondersteuner was slow.
# Look for: medians of a day or two almost everywhere; quarters where the interval is wide
# (few cases); and whether any village's within-7-days share sits low in several quarters in a
# row — a pattern worth a question, where a single low quarter is not. A cell reading 100 [100–100]
# means every case that quarter was contacted within 7 days: the Kaplan–Meier (Greenwood)
# interval collapses at S(t) = 0, so read it as "all of a small number", not as certainty.
step "3. Response time per village and quarter"
"$NOABER" metrics response --period "$PERIOD" --every quarter --format csv "${LANG_OPT[@]}" \
  > "$OUT/response-by-quarter.csv"
echo "\$ noaber metrics response --period $PERIOD --every quarter --format csv > response-by-quarter.csv"
wide "$OUT/response-by-quarter.csv" first_contact_median_days 1
echo
wide "$OUT/response-by-quarter.csv" first_contact_within_7d_pct 0

# --- Step 4. Funnel-plot thinking: compare with the pooled rate, not with each other ----------
#
# Why not rank: sorting six villages by reach always produces a first and a last, even when all
# six share one true rate. A small village's rate jumps around by chance alone, so a league table
# mostly ranks village size. A funnel plot instead draws, for every population size, the range
# a village's rate would stay in by chance if its true rate were the pooled one (95% and 99.8%
# control limits, narrowing as the village grows). Only a village outside the limits differs by
# more than noise — and then the first question is about its data, the second about its work.
#
# `noaber metrics` carries the comparison as tidy rows next to each village's rate:
# `funnel_95:reach_per_1000` (value = the pooled rate, lower/upper = the 95% limits at this
# village's population, n = that population), `funnel_998:…` (the 99.8% limits) and
# `funnel_position:…` (0 inside; +1/−1 above/below the 95% limits; +2/−2 beyond 99.8%). The limits
# are exact binomial ones with Spiegelhalter's interpolation (Statistics in Medicine 2005;24:1185).
# The lerend-netwerk report (Step 7) draws them as funnel plots.
# Villages whose data do not cover all of 2024 (Noord-Deurningen's export ends on 15 November;
# Tilligte sent none) get no point and are not in the pooled rate: a partial year would look like
# a low reach.
# Look for: the same pooled rate on every village's line (and equal to the `--by all` figure);
# each village's rate with its 95% and 99.8% limits; and the verdict column — "inside" for most
# or all villages is the expected, and reassuring, result. A suppressed village gets no point.
step "4. Reach against the pooled rate, 2024 (funnel limits)"
"$NOABER" metrics reach --period 2024 --format csv "${LANG_OPT[@]}" > "$OUT/reach-2024.csv"
"$NOABER" metrics reach --period 2024 --by all --format csv "${LANG_OPT[@]}" > "$OUT/reach-2024-pooled.csv"
python3 - "$OUT/reach-2024.csv" "$OUT/reach-2024-pooled.csv" "$OUT/funnel-reach-2024.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
pooled = {r["metric"]: r for r in csv.DictReader(open(sys.argv[2], encoding="utf-8", newline=""))}
by = {}
for r in rows:
    by.setdefault(r["village"], {})[r["metric"]] = r
metric = "reach_per_1000"
# The funnel's overdispersion test comes as rows of group `all` (funnel_phi, funnel_tau2,
# funnel_widened): whether the villages vary more than chance allows, so the limits were widened.
spread = by.pop("all", {})
if "funnel_phi:" + metric in spread:
    phi, widened = spread["funnel_phi:" + metric], spread["funnel_widened:" + metric]
    print(f"overdispersion over {phi['n']} villages: phi = {float(phi['value']):.2f}; limits "
          + ("widened for it" if widened["value"] in ("1", "1.0") else "exact (phi within chance)"))
verdicts = {"0": "inside", "1": "above 95%", "-1": "below 95%", "2": "above 99.8%", "-2": "below 99.8%"}
print(f"noaber --by all: pooled reach 2024 = {float(pooled[metric]['value']):.1f} per 1,000")
out = csv.writer(open(sys.argv[3], "w", encoding="utf-8", newline=""))
out.writerow(["village", "rate", "target", "lower95", "upper95", "lower998", "upper998", "verdict"])
print(f"{'village':7} {'inhabitants':>11} {'reach/1,000':>11} {'pooled':>7} {'95% limits':>13} {'99.8% limits':>13}  verdict")
for v in sorted(by):
    d = by[v]
    if metric not in d:
        # No figure: the village's data do not cover the whole of 2024 (coverage_pct says how much).
        cov = float(d["coverage_pct"]["value"])
        print(f"{v:7} {'':>11} {'–':>11}  (data cover {cov:.1f}% of 2024: no figure, not in the pooled rate)"); continue
    if d[metric]["suppressed"] == "true" or "funnel_95:" + metric not in d:
        print(f"{v:7} {'':>11} {'<5':>11}  (suppressed: no point)"); continue
    f95, f998 = d["funnel_95:" + metric], d["funnel_998:" + metric]
    pos = d["funnel_position:" + metric]["value"].split(".")[0]
    rate, target = float(d[metric]["value"]), float(f95["value"])
    l95, u95, l998, u998 = (float(f95["lower"]), float(f95["upper"]), float(f998["lower"]), float(f998["upper"]))
    print(f"{v:7} {f95['n']:>11} {rate:>11.1f} {target:>7.1f} {f'{l95:.1f}–{u95:.1f}':>13} {f'{l998:.1f}–{u998:.1f}':>13}  {verdicts[pos]}")
    out.writerow([v, rate, target, l95, u95, l998, u998, verdicts[pos]])
PY

# --- Step 5. Volunteer load per village, 2024 --------------------------------------------------
#
# Informal help is the village's own capacity; the question for a lerend netwerk is whether it
# rests on many shoulders or on a few. Per village: active volunteers per 1,000 inhabitants (with
# a Wilson interval), the share of hours carried by the busiest 20% and the Gini coefficient of
# hours (0 = everyone equal, 1 = one volunteer does everything), and tasks over the professional
# boundary (personal care belongs to professionals; counted, never hidden).
# Look for: busiest-20% shares far above 0.2 (a few volunteers carry most hours) and which
# villages have boundary tasks at all; expect <5 for several small counts.
step "5. Volunteer load per village, 2024"
"$NOABER" metrics volunteers --period 2024 --format csv "${LANG_OPT[@]}" > "$OUT/volunteers-2024.csv"
echo "\$ noaber metrics volunteers --period 2024 --format csv > volunteers-2024.csv"
for m in volunteers_per_1000 volunteer_hours_top20_share volunteer_gini boundary_tasks; do
  wide "$OUT/volunteers-2024.csv" "$m" 2; echo
done

# --- Step 6. Data quality per village ------------------------------------------------------------
#
# Before the comparison above is discussed, each village sees its own data quality: rows
# rejected (and their share), completeness of the key fields, and how old its latest export is.
# A village whose export is months older than the others is compared on less follow-up; one with
# many rejected rows may look smaller than it is.
# Look for: rejected rows only in the villages with Dutch-Excel exports (DEU, NDE — see notebook
# 01 for the rows themselves); completeness of `closed` below 100% (open cases, expected); and
# the spread in days since the latest export between villages.
step "6. Data quality per village"
"$NOABER" metrics quality --format csv "${LANG_OPT[@]}" > "$OUT/quality.csv"
echo "\$ noaber metrics quality --format csv > quality.csv"
for m in rows_read rejected_pct completeness_pct:person_id completeness_pct:closed days_since_latest_export; do
  wide "$OUT/quality.csv" "$m" 1; echo
done

# --- Step 7. The lerend-netwerk report (only when this build has `noaber report`) -------------
#
# The report draws what this notebook printed: funnel plots for reach (95% and 99.8% limits),
# themes and sources per village, Kaplan–Meier response curves, volunteer load and the
# data-quality section, as one self-contained HTML file plus figures/*.svg and tables/*.csv.
# This step runs only when `noaber report --help` exits 0 and documents --audience; otherwise it
# says so and the notebook still succeeds.
# Look for: the same villages inside/outside the funnel limits as in Step 4.
step "7. Lerend-netwerk report"
if report_available; then
  show "$NOABER" report --audience lerend-netwerk --period "$PERIOD" --every quarter \
    --out "$OUT/lerend-netwerk"
else
  echo "skipped: this build has no 'noaber report' command yet (see Step 7 above)"
fi

# --- Done -------------------------------------------------------------------------------------
step "Written"
find "$OUT" -type f | sort | sed 's|^|  |'
