#!/usr/bin/env python3
"""Reference values for noaber's prevented-escalation estimate: the median and the 5-95% interval
of the Monte Carlo draws, the value at the most likely parameters, and unit costs brought to a
report year with the CBS consumer price index.

Writes escalation_reference.json next to this script. EscalationReferenceTests (Swift) reads it
and compares every number at a relative tolerance of 1e-12.

How to run (numpy pinned in Tests/reference/requirements.txt; the versions used are written into
the JSON under "generator"):

    python3 Tests/NoaberMetricsTests/Fixtures/make_escalation_reference.py [OUT.json]

What is computed here, independently of the Swift code, from the published definitions:

  generator   xoshiro256** (Blackman & Vigna 2018, xoshiro256starstar.c) seeded with four
              SplitMix64 outputs (splitmix64.c), transcribed to Python integers mod 2^64; a
              uniform number is (next() >> 11) * 2^-53, as in Vigna's note "Generating uniform
              doubles in the unit interval".
  draws       per draw, per valued risk in the order of noaber's Risk enumeration, the four
              parameters probability, deadweight, attribution, unit cost in that order, each by the
              inverse CDF of the triangular distribution (a, m, b):
                  u < (m-a)/(b-a):  a + sqrt(u (b-a) (m-a))   else  b - sqrt((1-u) (b-a) (b-m))
              (Wikipedia "Triangular distribution", "Generating triangular-distributed random
              variates"); a degenerate range (a == b) gives a.
  per case    probability * (1 - deadweight) * attribution * unit cost
  total       sum over risks of count * per-case value, in risk order
  quantiles   numpy.percentile(..., [5, 50, 95]) (method "linear"); per risk over that risk's
              draws times its count
  most likely every parameter at its most likely value
  prices      factor = CPI[report year] / CPI[price year] from Datasets/parameters/cpi-cbs.csv
              (a year after the series uses the latest year); the three points of each unit
              cost are multiplied by it before drawing
  theory      triangular(0, 0, 1): F(x) = 1 - (1 - x)^2, so the median is 1 - sqrt(1/2), the 5%
              point 1 - sqrt(0.95) and the 95% point 1 - sqrt(0.05)
"""

import csv
import json
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(HERE, "escalation_reference.json")
MASK = (1 << 64) - 1

# noaber's Risk enumeration order (Sources/NoaberModel/Risk.swift): draws are taken in this order.
RISKS = ["psychiatric_readmission", "nursing_home_admission", "caregiver_overload", "isolation", "fall",
         "debt", "wmo_household_help", "frequent_gp_use"]
PARAMETERS = ["probability", "deadweight", "attribution", "unit_cost"]


class Xoshiro256StarStar:
    def __init__(self, seed):
        sm = seed & MASK
        state = []
        for _ in range(4):
            sm = (sm + 0x9E3779B97F4A7C15) & MASK
            z = sm
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            state.append(z ^ (z >> 31))
        self.s = state

    @staticmethod
    def rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & MASK

    def next(self):
        s = self.s
        result = (self.rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self.rotl(s[3], 45)
        return result

    def unit(self):
        return (self.next() >> 11) * 2.0 ** -53


def triangular(u, a, m, b):
    width = b - a
    if not width > 0:
        return a
    if u < (m - a) / width:
        return a + math.sqrt(u * width * (m - a))
    return b - math.sqrt((1 - u) * width * (b - m))


def cpi():
    with open(os.path.join(ROOT, "Datasets", "parameters", "cpi-cbs.csv"), encoding="utf-8-sig") as f:
        return {int(r["year"]): float(r["cpi_2015_100"]) for r in csv.DictReader(f)}


def factor(index, price_year, report_year):
    last = max(index)
    return index[min(report_year, last)] / index[min(price_year, last)]


def priced(params, report_year):
    """The parameters with every unit cost at report-year prices, and the factor per risk."""
    index = cpi()
    out = {"price_year": min(report_year, max(index)), "risks": {}}
    factors = {}
    for risk, p in params["risks"].items():
        f = factor(index, p["unit_cost"].get("price_year", params["price_year"]), report_year)
        q = dict(p)
        q["unit_cost"] = {k: p["unit_cost"][k] * f for k in ("low", "most_likely", "high")}
        out["risks"][risk] = q
        factors[risk] = f
    return out, factors


def draws(params, n, seed):
    """factors[risk] = per-case value in each draw, drawn as noaber draws them."""
    rng = Xoshiro256StarStar(seed)
    valued = [r for r in RISKS if r in params["risks"]]
    out = {r: np.empty(n) for r in valued}
    for d in range(n):
        for r in valued:
            e = params["risks"][r]
            v = [triangular(rng.unit(), e[p]["low"], e[p]["most_likely"], e[p]["high"]) for p in PARAMETERS]
            out[r][d] = v[0] * (1 - v[1]) * v[2] * v[3]
    return valued, out


def case(name, note, params, counts, n, seed, cost=None, report_year=None):
    factors = None
    if report_year is not None:
        params, factors = priced(params, report_year)
    valued, f = draws(params, n, seed)
    totals = np.zeros(n)
    most_likely = 0.0
    per_risk = {}
    for r in valued:
        k = counts.get(r, 0)
        e = params["risks"][r]
        mode = k * (e["probability"]["most_likely"] * (1 - e["deadweight"]["most_likely"])
                    * e["attribution"]["most_likely"] * e["unit_cost"]["most_likely"])
        most_likely += mode
        q = np.percentile(k * f[r], [5, 50, 95])
        per_risk[r] = {"cases": k, "most_likely": mode, "p5": float(q[0]), "median": float(q[1]), "p95": float(q[2])}
        if k > 0:
            totals += k * f[r]
    q = np.percentile(totals, [5, 50, 95])
    out = {"name": name, "note": note, "draws": n, "seed": seed, "counts": counts,
           "most_likely": most_likely, "p5": float(q[0]), "median": float(q[1]), "p95": float(q[2]),
           "per_risk": per_risk, "cost": cost, "return_per_euro": None if not cost else float(q[1]) / cost,
           "report_year": report_year, "price_factors": factors,
           "unit_costs": {r: params["risks"][r]["unit_cost"] for r in valued}}
    return out


def e(low, mode, high):
    return {"low": low, "most_likely": mode, "high": high}


def main(out=None):
    out = out or OUT
    with open(os.path.join(ROOT, "Datasets", "parameters", "escalation.json"), encoding="utf-8") as f:
        reference = json.load(f)
    two_risks = {"price_year": 2022, "risks": {
        "fall": {"probability": e(0.1, 0.2, 0.4), "deadweight": e(0.2, 0.5, 0.6), "attribution": e(0.5, 0.5, 0.5),
                 "unit_cost": e(100, 200, 400)},
        "debt": {"probability": e(0.5, 0.5, 0.5), "deadweight": e(0, 0, 0), "attribution": e(1, 1, 1),
                 "unit_cost": e(1000, 1000, 2000)}}}
    theory = {"price_year": 2022, "risks": {
        "fall": {"probability": e(1, 1, 1), "deadweight": e(0, 0, 0), "attribution": e(1, 1, 1),
                 "unit_cost": e(0, 0, 1)}}}
    mixed = {"fall": 7, "nursing_home_admission": 2, "wmo_household_help": 5, "frequent_gp_use": 11, "isolation": 4}
    doc = {
        "generator": {
            "script": "Tests/NoaberMetricsTests/Fixtures/make_escalation_reference.py",
            "numpy": np.__version__,
            "python": sys.version.split()[0],
        },
        "cases": [
            case("reference_mixed", "reference file, five risks, 10,000 draws, the default seed", reference, mixed,
                 10_000, 20240305, cost=12_345.0),
            case("reference_priced_2024", "the same at 2024 prices (CBS CPI 2024 / 2022)", reference, mixed,
                 10_000, 20240305, cost=12_345.0, report_year=2024),
            case("reference_priced_2027", "a report year after the CPI series: 2025 stands in", reference,
                 {"psychiatric_readmission": 3, "debt": 6}, 2_000, 42, report_year=2027),
            case("two_risks", "EscalationTests.twoRisks: fall 10, debt 3", two_risks, {"fall": 10, "debt": 3}, 2_000, 1,
                 cost=800.0),
            case("theory", "triangular(0, 0, 1) cost, one case, 200,000 draws", theory, {"fall": 1}, 200_000, 7),
        ],
        "theory": {"median": 1 - math.sqrt(0.5), "p5": 1 - math.sqrt(0.95), "p95": 1 - math.sqrt(0.05)},
    }
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, sort_keys=True, allow_nan=False)
        f.write("\n")
    print("wrote", out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
