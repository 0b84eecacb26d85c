#!/usr/bin/env bash
# ============================================================================================
#  Notebook 02 — The raadsbrief figures for gemeente Dinkelland, 2024
# ============================================================================================
#
#  Question: what can the municipality honestly tell its council about 2024? Reach, response
#  time, volunteer load and the estimated avoided cost with its return per euro — each with its
#  interval and n — compared with 2023; and how much does the avoided-cost estimate move when
#  its assumptions are pushed to their pessimistic and optimistic ends?
#
#  Run it from anywhere:   Notebooks-as-scripts/02-raadsbrief-figures.sh
#  Everything it writes goes to Notebooks-as-scripts/out/02-raadsbrief-figures/, including its
#  own fresh SQLite store.
#
#  Set NOABER=/path/to/noaber to use a binary you built (e.g. NOABER=.build/release/noaber);
#  otherwise the notebook runs `swift build` once and uses .build/debug/noaber.
#  Set NOABER_LANG=nl for Dutch terminal output (default here: en, so it matches these notes).
#  The raadsbrief report itself (last step) is Dutch, as the council reads it.
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

# --- Step 2. The headline figures for 2024, pooled over the municipality ---------------------
#
# `--by municipality` pools the villages into one group, "Dinkelland" (the municipality column of
# villages.csv). Rates are then computed over the pooled numerators and denominators — not
# averaged over villages — so a small village weighs as much as its inhabitants. Only villages
# whose data cover all of 2024 are pooled: Tilligte sent no export and Noord-Deurningen's ends on
# 15 November, so the figures (and their denominators) are those of the other four, and the
# command says so on standard error. A partial year would otherwise read as a low reach.
# Disclosure control is on (the default): any count from 1 to 4, and everything derived from it,
# reads <5. That is what a raadsbrief must do; the notebook never turns it off.
#
# What each family says:
#   reach      — distinct residents with a case per 1,000 inhabitants (Wilson interval); the
#                same among 75+; cases per 1,000; themes and who signalled.
#   response   — Kaplan–Meier median days to first contact and to closure (cases not yet
#                contacted or closed are censored at their export's as-of date, not dropped),
#                and the share contacted within 2 and 7 days.
#   volunteers — active volunteers per 1,000, hours per volunteer (median, p90, max), the share
#                of hours carried by the busiest 20% and the Gini coefficient.
# Look for: an interval beside every rate and its n (inhabitants for reach, cases for response);
# the median time to first contact in days; and how concentrated volunteer hours are (the top-20%
# share well above 20% means a few volunteers carry most of the work — a retention risk worth a
# sentence in the letter).
step "2. Headline figures, Dinkelland 2024"
for family in reach response volunteers; do
  show "$NOABER" metrics "$family" --by municipality --period 2024 "${LANG_OPT[@]}"
  "$NOABER" metrics "$family" --by municipality --period 2024 --format csv "${LANG_OPT[@]}" \
    > "$OUT/dinkelland-2024-$family.csv"
done

# --- Step 3. The same figures for 2023, side by side -----------------------------------------
#
# A council asks "more or less than last year?". We compute 2023 with the same command and put
# the headline rows next to each other. Two intervals that overlap do not prove there is no
# change, but a difference whose intervals overlap widely should not be written up as a trend;
# the last column says whether they overlap.
# Look for: which headline figures moved, and whether any of them moved clearly (intervals that
# do not overlap). With two years of data, expect most to overlap. Mind who is counted: both years
# pool four villages, but not the same four. 2023 leaves out Lattrop-Breklenkamp (its registration
# start is unknown, so its first case, 3 January, stands in and the year is partly covered) and
# Tilligte; 2024 leaves out Noord-Deurningen (export of 15 November) and Tilligte. A report refuses
# this comparison for that reason; here the rows stand side by side, with villages_covered first.
step "3. 2024 compared with 2023"
# 2024's reach/response/volunteer rows were written in Step 2; the escalation rows for 2024 are
# written here and reused in Step 4. Only 2023 is computed afresh.
"$NOABER" metrics escalation --by municipality --period 2024 --format csv "${LANG_OPT[@]}" \
  > "$OUT/escalation-2024-reference.csv"
for family in reach response volunteers escalation; do
  "$NOABER" metrics "$family" --by municipality --period 2023 --format csv "${LANG_OPT[@]}" \
    > "$OUT/dinkelland-2023-$family.csv"
done
python3 - "$OUT" <<'PY'
import csv, sys
headline = [
    ("villages_covered", "villages with data for the whole year"),
    ("cases", "cases"), ("residents_reached", "residents reached"),
    ("reach_per_1000", "reach per 1,000"), ("reach_75plus_pct", "reach among 75+ (%)"),
    ("first_contact_median_days", "median days to first contact"),
    ("first_contact_within_7d_pct", "first contact within 7 days (%)"),
    ("closure_median_days", "median days to closure"),
    ("volunteers_active", "active volunteers"), ("volunteer_hours", "volunteer hours"),
    ("volunteer_hours_top20_share", "share of hours by busiest 20%"),
    ("avoided_cost_eur", "estimated avoided cost (EUR)"), ("return_per_euro", "return per euro"),
]
import os
def load(*names):
    rows = {}
    for name in names:
        with open(os.path.join(sys.argv[1], name), encoding="utf-8", newline="") as fh:
            rows.update({r["metric"]: r for r in csv.DictReader(fh) if r["village"] == "Dinkelland"})
    return rows
families = ("reach", "response", "volunteers")
a = load(*[f"dinkelland-2023-{f}.csv" for f in families + ("escalation",)])
b = load(*[f"dinkelland-2024-{f}.csv" for f in families], "escalation-2024-reference.csv")
def cell(r):
    if r is None: return "—"
    if r["suppressed"] == "true": return "<5"
    v = float(r["value"])
    if v.is_integer() and not r["lower"]: return f"{v:,.0f}"
    s = f"{v:,.2f}" if abs(v) < 10 else f"{v:,.1f}" if abs(v) < 1000 else f"{v:,.0f}"
    if r["lower"] and r["upper"]:
        lo, hi = float(r["lower"]), float(r["upper"])
        f = (lambda x: f"{x:,.2f}") if abs(v) < 10 else (lambda x: f"{x:,.1f}") if abs(v) < 1000 else (lambda x: f"{x:,.0f}")
        s += f" [{f(lo)}–{f(hi)}]"
    return s
def overlap(r1, r2):
    if not r1 or not r2 or not r1["lower"] or not r2["lower"]: return ""
    return "yes" if float(r1["lower"]) <= float(r2["upper"]) and float(r2["lower"]) <= float(r1["upper"]) else "NO"
rows = [(label, cell(a.get(m)), cell(b.get(m)), overlap(a.get(m), b.get(m))) for m, label in headline]
w = [max(len(r[i]) for r in rows + [("figure", "2023", "2024", "overlap")]) for i in range(4)]
print(f"{'figure':<{w[0]}}  {'2023':>{w[1]}}  {'2024':>{w[2]}}  overlap")
for r in rows: print(f"{r[0]:<{w[0]}}  {r[1]:>{w[1]}}  {r[2]:>{w[2]}}  {r[3]}")
with open(os.path.join(sys.argv[1], "dinkelland-2023-vs-2024.csv"), "w", encoding="utf-8", newline="") as fh:
    out = csv.writer(fh); out.writerow(["metric", "2023", "2024", "intervals_overlap"])
    for (m, _), r in zip(headline, rows): out.writerow([m, r[1], r[2], r[3]])
PY

# --- Step 4. The escalation estimate, with its interval ----------------------------------------
#
# What it does: for every case that carried an escalation risk at intake (say, an overloaded
# informal caregiver) and whose outcome is known (closed, or older than the 90-day follow-up),
# and where the formal event that risk leads to did NOT happen, it counts
#     probability the event would have happened without support
#   × (1 − deadweight: the share that would have been averted anyway)
#   × attribution to the ondersteuner (rather than volunteers, GP, family)
#   × the unit cost of the event (Kostenhandleiding 2022 prices, brought to 2024 prices with the
#     CBS consumer price index: × 130.31 / 121.43).
# Each factor is a triangular low / most likely / high range from
# Datasets/parameters/escalation.json; 10,000 seeded Monte Carlo draws give the estimate (their
# median) and its 5–95% interval.
# "Return per euro" divides the avoided cost by what the ondersteuners cost in the period.
#
# What it does NOT claim: that these escalations were observed to be prevented. There is no
# control group; probabilities, deadweight and attribution are assumptions (the parameter file
# names each source, and most say ASSUMPTION). It is an order of magnitude under stated
# assumptions, to be written as "naar schatting", never as a saving in the budget.
#
# Look for: the estimate (the median of the draws) and its 5–95% interval, and beside it the value
# with every parameter at its most likely value: that one sits near the LOW end of the interval,
# because every range is skewed upward (the high end lies further from the most likely value than
# the low end) and the product of four such draws is usually larger than the product of their
# modes. That is why the headline is the median. Look also at which risk carries most of the total (the
# per-risk rows), and at n: the number of cases counted.
step "4. Escalation estimate, 2024 (reference parameters)"
show "$NOABER" metrics escalation --by municipality --period 2024 "${LANG_OPT[@]}"

# --- Step 5. The assumptions varied: a pessimistic and an optimistic parameter file ------------
#
# The interval above mixes all uncertainty together. A council member will ask "and if you are
# too optimistic?", so we also compute two scenarios with every parameter fixed at one end of its
# range (low = most likely = high, so the Monte Carlo interval collapses to a point):
#   pessimistic — probability, attribution and unit cost at their LOW, deadweight at its HIGH;
#   optimistic  — probability, attribution and unit cost at their HIGH, deadweight at its LOW.
# Deadweight runs the other way (more of it means less avoided cost), which is why it is not
# simply "all parameters at their low": that would mix a pessimistic and an optimistic
# assumption. The files are derived from the reference file by a small python3 script, so they
# follow it when it changes.
#
# These two scenarios are extreme on purpose: all assumptions wrong in the same direction at
# once is far less likely than the 5–95% interval. They bound the estimate; they are not a
# second interval.
# Look for: how far apart the two scenarios are (typically more than a factor of ten), whether
# the return per euro crosses 1 in either scenario, and where the reference interval lies
# between them. If the optimistic return per euro is above 1 and the pessimistic one far below,
# the honest sentence is "the ondersteuner may or may not pay for herself in avoided care;
# the figures do not settle that".
step "5. Varying the assumptions"
python3 - Datasets/parameters/escalation.json "$OUT" <<'PY'
import copy, json, os, sys
reference = json.load(open(sys.argv[1], encoding="utf-8"))
for scenario, favourable in (("pessimistic", False), ("optimistic", True)):
    p = copy.deepcopy(reference)
    p["description"] = f"{scenario} scenario derived from {sys.argv[1]}: every parameter fixed at its {scenario} end"
    for risk in p["risks"].values():
        for name in ("probability", "deadweight", "attribution", "unit_cost"):
            estimate = risk[name]
            more_is_better = name != "deadweight"      # more deadweight = less avoided cost
            value = estimate["high"] if favourable == more_is_better else estimate["low"]
            estimate["low"] = estimate["most_likely"] = estimate["high"] = value
    path = os.path.join(sys.argv[2], f"escalation-{scenario}.json")
    json.dump(p, open(path, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
    print(f"wrote {path}")
PY
# With every parameter fixed, all Monte Carlo draws are equal; --draws 100 (the smallest allowed)
# saves time and changes nothing.
for scenario in pessimistic optimistic; do
  show "$NOABER" metrics escalation --by municipality --period 2024 \
    --parameters "$OUT/escalation-$scenario.json" --draws 100 "${LANG_OPT[@]}"
  "$NOABER" metrics escalation --by municipality --period 2024 \
    --parameters "$OUT/escalation-$scenario.json" --draws 100 --format csv "${LANG_OPT[@]}" \
    > "$OUT/escalation-2024-$scenario.csv"
done
echo
python3 - "$OUT" <<'PY'
import csv, os, sys
def row(scenario, metric):
    path = os.path.join(sys.argv[1], f"escalation-2024-{scenario}.csv")
    with open(path, encoding="utf-8", newline="") as fh:
        return next(r for r in csv.DictReader(fh) if r["village"] == "Dinkelland" and r["metric"] == metric)
print(f"{'scenario':<12}  {'avoided cost (EUR)':>30}  {'return per euro':>20}")
for s in ("pessimistic", "reference", "optimistic"):
    c, r = row(s, "avoided_cost_eur"), row(s, "return_per_euro")
    if c["suppressed"] == "true": print(f"{s:<12}  {'<5':>30}  {'<5':>20}"); continue
    ci = f"{float(c['value']):,.0f} [{float(c['lower']):,.0f}–{float(c['upper']):,.0f}]" if s == "reference" else f"{float(c['value']):,.0f}"
    ri = f"{float(r['value']):.2f} [{float(r['lower']):.2f}–{float(r['upper']):.2f}]" if s == "reference" else f"{float(r['value']):.2f}"
    print(f"{s:<12}  {ci:>30}  {ri:>20}")
PY

# --- Step 6. The raadsbrief report (only when this build has `noaber report`) -------------------
#
# The report turns the figures above into at most two pages of Dutch sentences with charts (a
# tornado chart shows the one-way sensitivity per parameter, which the tidy rows do not carry),
# a comparison with the previous period, and the note on what the estimate does and does not
# claim. It writes one self-contained HTML file, figures/*.svg and tables/*.csv.
# This step runs only when `noaber report --help` exits 0 and documents --audience; otherwise it
# says so and the notebook still succeeds.
# Look for: the same headline numbers as Steps 2–4 (the report and this notebook call the same
# metrics code), written the Dutch way (1.234,5).
step "6. Raadsbrief report"
if report_available; then
  show "$NOABER" report --audience raadsbrief --period 2024 --out "$OUT/raadsbrief"
else
  echo "skipped: this build has no 'noaber report' command yet (see Step 6 above)"
fi

# --- Done -------------------------------------------------------------------------------------
step "Written"
find "$OUT" -type f | sort | sed 's|^|  |'
