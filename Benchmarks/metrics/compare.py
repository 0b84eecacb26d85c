#!/usr/bin/env python3
"""Prints the benchmark summary: both timings (from GNU time -v) and, per metric, the largest
absolute difference between noaber's tidy CSV and reference.py's CSV.

Rows noaber suppressed (disclosure control, on by default) are skipped and counted. Deterministic
figures must agree to floating-point rounding (avoided_cost_eur_most_likely among them); the Monte
Carlo median and bounds of avoided_cost_eur come from different generators (noaber: xoshiro256**, numpy: PCG64) and are compared by relative
difference against a tolerance instead.
"""
import argparse
import re
import sys

import numpy as np
import pandas as pd

EXACT_TOL = 1e-6          # absolute, for deterministic figures (CSV rounding only)
MC_REL_TOL = 0.05         # relative, for the Monte Carlo median and 5% / 95% bounds (10,000 draws)
MC_COLUMNS = {("avoided_cost_eur", "value"), ("avoided_cost_eur", "lower"), ("avoided_cost_eur", "upper")}


def gnu_time(path):
    text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
    parts = [float(p) for p in wall.split(":")]
    seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    user = float(re.search(r"User time \(seconds\): (\S+)", text).group(1))
    system = float(re.search(r"System time \(seconds\): (\S+)", text).group(1))
    return seconds, rss_kb / 1024, user + system


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--noaber", required=True)
    ap.add_argument("--reference", required=True)
    ap.add_argument("--noaber-time")
    ap.add_argument("--reference-time")
    a = ap.parse_args()

    if a.noaber_time and a.reference_time:
        nw, nr, nc = gnu_time(a.noaber_time)
        rw, rr, rc = gnu_time(a.reference_time)
        print(f"{'':28}{'wall s':>10}{'cpu s':>10}{'peak RSS MiB':>15}")
        print(f"{'noaber metrics all':28}{nw:>10.2f}{nc:>10.2f}{nr:>15.0f}")
        print(f"{'reference.py (pandas)':28}{rw:>10.2f}{rc:>10.2f}{rr:>15.0f}")
        verdict = "faster" if nw < rw else "SLOWER"
        print(f"noaber is {verdict}: {rw / nw:.2f}x the script's wall time\n" if nw > 0 else "")

    n = pd.read_csv(a.noaber, dtype={"village": str, "period": str, "metric": str}, keep_default_na=True)
    r = pd.read_csv(a.reference, dtype={"village": str, "period": str, "metric": str})
    r = r.replace([np.inf, -np.inf], np.nan)  # noaber writes an unbounded interval end as empty
    m = r.merge(n, on=["village", "period", "metric"], how="left", suffixes=("_ref", "_noaber"))
    missing = m["suppressed"].isna().sum()
    sup = m["suppressed"].astype(str).str.lower() == "true"
    print(f"{len(r)} reference figures; {int(sup.sum())} suppressed by noaber (skipped), {int(missing)} missing in noaber")
    m = m[~sup & m["suppressed"].notna()]
    print(f"{'metric':30}{'rows':>6}  {'max |diff| value':>17}{'lower':>12}{'upper':>12}{'n':>6}  verdict")
    failed = False
    for metric, g in m.groupby("metric", sort=False):
        cells = []
        ok = True
        for col in ("value", "lower", "upper", "n"):
            x, y = g[f"{col}_ref"].to_numpy(float), g[f"{col}_noaber"].to_numpy(float)
            both_nan = np.isnan(x) & np.isnan(y)
            one_nan = np.isnan(x) ^ np.isnan(y)
            diff = np.abs(np.where(both_nan | one_nan, 0, x - y))
            if one_nan.any():
                ok = False
            if (metric, col) in MC_COLUMNS:
                rel = np.nanmax(diff / np.maximum(np.abs(np.nan_to_num(x)), 1e-9)) if len(diff) else 0
                ok &= rel <= MC_REL_TOL
                cells.append(f"{rel * 100:.2f}% rel")
            else:
                d = diff.max() if len(diff) else 0.0
                ok &= d <= EXACT_TOL * max(1.0, np.nanmax(np.abs(np.nan_to_num(x))) if len(x) else 1.0)
                cells.append(f"{d:.3g}" + ("" if not one_nan.any() else f" ({int(one_nan.sum())} nil≠)"))
        failed |= not ok
        print(f"{metric:30}{len(g):>6}  {cells[0]:>17}{cells[1]:>12}{cells[2]:>12}{cells[3]:>6}  {'ok' if ok else 'DIFFERENT'}")
    print(f"\nDeterministic figures: tolerance {EXACT_TOL:g} (relative to the metric's scale). Monte Carlo median and 5%/95% "
          f"bounds of avoided_cost_eur: within {MC_REL_TOL:.0%} relative (different generators and seeds).")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
