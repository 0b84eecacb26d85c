#!/usr/bin/env python3
"""Reference values for noaber's effect estimators (NoaberMetrics/Effect).

Writes effect_reference.json next to this script (or to the path given as the first argument).
The Swift tests in Tests/NoaberMetricsTests/EffectReferenceTests.swift read that file, rebuild
every panel from the inputs stored in it, and compare every number; nothing in it is computed by
noaber itself.

How to run (the versions used for the committed file are written into the JSON under
"generator"; Tests/reference/requirements.txt pins them):

    python3 -m pip install -r Tests/reference/requirements.txt
    python3 Tests/NoaberMetricsTests/Fixtures/make_effect_reference.py

Deterministic: every panel and series is drawn from numpy.random.default_rng(seed) with a fixed
seed, keys are sorted and floats are written with repr (round-trip exact).

Inputs (per panel)
  periods          quarter labels; period index p is 0-based.
  areas[i]         code, population and value per period (value = an integer count, the
                   aggregated outcome), "start" (the ondersteuner's start date, ISO, or null),
                   and "first_treated": the index of the first period that starts on or after
                   "start" (computed here independently from the quarter start dates; null for
                   never-treated areas).
  The outcome is the rate per 1,000 inhabitants, y = 1000.0 * value / population, computed in
  that order (as noaber does) and handed to csdid.

Which call made which number (Callaway & Sant'Anna, csdid 0.4.3, a port of R did 2.5.x):

  att = csdid.att_gt.ATTgt(yname="y", tname="t", idname="id", gname="g", data=df,
                           control_group="nevertreated", panel=True,
                           allow_unbalanced_panel=False, anticipation=0, cband=False)
  att.fit(est_method="reg", base_period="varying", bstrap=False)

  with t = period index + 1 (csdid wants positive times) and g = first_treated + 1, or 0 for a
  never-treated area. est_method="reg" is the outcome-regression estimator (drdid.reg_did_panel);
  without covariates it is the difference of mean changes. bstrap=False gives the analytic
  standard errors sqrt(mean(IF^2)/n); bstrap=True would replace them by the multiplier bootstrap's
  interquartile estimate, which no other program can reproduce draw for draw.

  group_time[k].group/time/att/se     att.results["group"], ["year"], ["att"], ["se"]
                                       (converted back to 0-based period indices)
  pretrend.statistic / p_csdid         att.MP["W"], att.MP["Wpval"]: the Wald pre-test of all
                                       pre-treatment ATT(g,t) jointly zero with the analytic
                                       influence-function covariance. csdid ROUNDS Wpval to 5
                                       decimals; "p" is scipy.stats.chi2.sf(W, q) at full
                                       precision, "q" the number of pre-treatment cells.
                                       null when csdid returns None (no pre-treatment cell, or a
                                       singular covariance).
  overall.att / se                     att.aggte(typec="group"): atte["overall_att"],
                                       ["overall_se"] (cohort effects weighted by cohort size,
                                       standard error with the weights' influence function wif)
  groups[k].group/att/se               the same call: atte["egt"], ["att_egt"], ["se_egt"]
  events[k].e/att/se                   att.aggte(typec="dynamic"): atte["egt"], ["att_egt"],
                                       ["se_egt"] (every relative period, pre-treatment too)
  aggte is called with its defaults (bstrap and cband inherited from fit: False), so every
  aggregated standard error is analytic. aggte prints a summary; stdout is swallowed.
  bands.dynamic_crit / group_crit      for the panels in BAND_PANELS only:
                                       att.aggte(typec=..., cband=True, biters=20000).atte
                                       ["crit_val_egt"] after np.random.seed(20210101): the
                                       multiplier bootstrap's simultaneous critical value
                                       (Rademacher weights). noaber draws its own weights, so
                                       the Swift test allows Monte Carlo error (0.08).

Interrupted time series (statsmodels 0.15.0):

  X = [1, t, D, (t - t0) * D] with t = 0..n-1, D = 1{t >= t0}
  fit = statsmodels.api.OLS(y, X).fit(cov_type="HAC",
                                      cov_kwds={"maxlags": L, "use_correction": C})
  params / bse                          fit.params, fit.bse (Bartlett kernel, the default
                                        weights_func; use_correction False is statsmodels'
                                        default for cov_type="HAC", True multiplies the
                                        covariance by n / (n - k)). L = "maxlags" in the JSON;
                                        series marked "default_lags" use
                                        floor(4 * (n / 100) ** (2 / 9)) (Newey & West 1994),
                                        noaber's default.

Chi-square tail (the Wald p-value): "chi2" rows are scipy.stats.chi2.sf(x, k).
"""

import contextlib
import datetime as dt
import io
import json
import math
import os
import sys
import warnings

import numpy as np
import pandas as pd
import scipy
import scipy.stats as st
import statsmodels
import statsmodels.api as sm
import csdid
from csdid.att_gt import ATTgt

try:
    from csdid._version import __version__ as CSDID_VERSION
except ImportError:  # pragma: no cover
    CSDID_VERSION = getattr(csdid, "__version__", "unknown")
try:
    from drdid._version_ import __version__ as DRDID_VERSION
except ImportError:  # pragma: no cover
    DRDID_VERSION = "unknown"

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "effect_reference.json")


def f(x):
    """A float for JSON (repr round-trips); None stays None."""
    if x is None:
        return None
    x = float(x)
    if not math.isfinite(x):
        raise ValueError(f"non-finite value {x} in the reference")
    return x


# ---------------------------------------------------------------- periods

def quarters(first_year, count):
    """(label, start date) for `count` quarters from first_year Q1."""
    out = []
    y, q = first_year, 1
    for _ in range(count):
        out.append((f"{y}Q{q}", dt.date(y, 3 * q - 2, 1)))
        q += 1
        if q == 5:
            y, q = y + 1, 1
    return out


def first_period_on_or_after(starts, day):
    for i, s in enumerate(starts):
        if s >= day:
            return i
    return None


# ---------------------------------------------------------------- panels

def simulate_panel(name, seed, periods, cohorts, never, effect, note, slope=0.0, noise=4.0):
    """A panel of rates with area and period effects and a known effect.

    cohorts: {first treated period index: number of areas}; never: never-treated areas.
    effect: the level change at the start; slope: extra change per period since the start.
    Values are integer counts of an outcome among the area's population.
    """
    rng = np.random.default_rng(seed)
    qs = quarters(2018, periods)
    starts = [s for _, s in qs]
    period_effect = np.cumsum(rng.normal(0.0, 2.0, size=periods))
    assignment = [None] * never
    for g in sorted(cohorts):
        assignment += [g] * cohorts[g]
    areas = []
    for i, g in enumerate(assignment):
        code = f"A{i + 1:04d}"
        base_population = int(rng.integers(600, 4000))
        level = rng.normal(120.0, 25.0)
        if g is None:
            start = None
        elif i % 2 == 0:
            start = starts[g]                                   # exactly on a quarter's first day
        else:
            prev = starts[g - 1]
            start = prev + dt.timedelta(days=int(rng.integers(1, 80)))  # inside the previous quarter
        first = None if start is None else first_period_on_or_after(starts, start)
        assert first == g, (name, code, start, first, g)
        values, populations = [], []
        for t in range(periods):
            pop = int(round(base_population * (1.0 + 0.004 * t)))
            tau = 0.0 if g is None or t < g else effect + slope * (t - g)
            rate = level + period_effect[t] + tau + rng.normal(0.0, noise)
            value = max(0, int(round(rate * pop / 1000.0)))
            values.append(value)
            populations.append(pop)
        areas.append({"code": code, "start": None if start is None else start.isoformat(),
                      "first_treated": first, "values": values, "populations": populations})
    return {"name": name, "note": note, "seed": seed,
            "periods": [label for label, _ in qs], "areas": areas}


def run_csdid(panel):
    rows = []
    for i, a in enumerate(panel["areas"]):
        g = 0 if a["first_treated"] is None else a["first_treated"] + 1
        for t, (v, p) in enumerate(zip(a["values"], a["populations"])):
            rows.append({"id": i + 1, "t": t + 1, "g": g, "y": 1000.0 * v / p})
    df = pd.DataFrame(rows)
    sink = io.StringIO()
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(sink):
        warnings.simplefilter("always")
        att = ATTgt(yname="y", tname="t", idname="id", gname="g", data=df,
                    control_group="nevertreated", panel=True, allow_unbalanced_panel=False,
                    anticipation=0, cband=False)
        att.fit(est_method="reg", base_period="varying", bstrap=False)
        res = att.results
        W, Wpval = att.MP["W"], att.MP["Wpval"]
        group_agg = att.aggte(typec="group").atte
        dynamic_agg = att.aggte(typec="dynamic").atte
        bands = None
        if panel["name"] in BAND_PANELS:
            # Simultaneous bands: the multiplier bootstrap's critical value (Rademacher weights,
            # numpy's global generator, so only comparable within Monte Carlo error).
            np.random.seed(BAND_SEED)
            dynamic_band = att.aggte(typec="dynamic", cband=True, biters=BAND_DRAWS).atte
            group_band = att.aggte(typec="group", cband=True, biters=BAND_DRAWS).atte
            bands = {"draws": BAND_DRAWS, "dynamic_crit": f(dynamic_band["crit_val_egt"]),
                     "group_crit": f(group_band["crit_val_egt"])}
    group_time = []
    for g, t, a, s in zip(res["group"], res["year"], res["att"], res["se"]):
        group_time.append({"group": int(g) - 1, "time": int(t) - 1, "att": f(a), "se": f(s)})
    pre = [x for x in group_time if x["time"] < x["group"]]
    pretrend = None
    if W is not None:
        q = len(pre)
        pretrend = {"statistic": f(W), "q": q, "p": f(st.chi2.sf(W, q)), "p_csdid": f(Wpval)}
    groups = [{"group": int(g) - 1, "att": f(a), "se": f(s)}
              for g, a, s in zip(group_agg["egt"], group_agg["att_egt"],
                                 np.ravel(group_agg["se_egt"]))]
    events = [{"e": int(e), "att": f(a), "se": f(s)}
              for e, a, s in zip(dynamic_agg["egt"], dynamic_agg["att_egt"],
                                 np.ravel(dynamic_agg["se_egt"]))]
    return {
        "group_time": group_time,
        "pretrend": pretrend,
        "overall": {"att": f(group_agg["overall_att"]), "se": f(group_agg["overall_se"])},
        "groups": groups,
        "events": events,
        "bands": bands,
        "csdid_warnings": sorted({str(w.message).splitlines()[0] for w in caught}),
    }


BAND_PANELS = ("staggered", "many_cohorts")
BAND_SEED = 20210101
BAND_DRAWS = 20000

PANELS = [
    simulate_panel("staggered", 11, 10, {3: 12, 5: 10, 7: 9}, 20, 6.0,
                   "three cohorts, twenty never-treated areas, a level effect", slope=0.5),
    simulate_panel("second_period_cohort", 12, 8, {1: 8, 4: 7}, 15, -5.0,
                   "a cohort treated from the 2nd period (no pre-treatment cell of its own)"),
    simulate_panel("few_areas", 13, 7, {3: 2, 5: 3}, 5, 4.0,
                   "ten areas: two small cohorts, five never-treated (csdid's minimum)"),
    simulate_panel("single_cohort", 14, 6, {3: 9}, 11, 3.0,
                   "one cohort and never-treated areas: the classic two-group event study"),
    simulate_panel("two_periods", 15, 2, {1: 6}, 8, 2.5,
                   "the 2x2 case: one pre and one post period, no pre-test possible"),
    simulate_panel("no_effect", 16, 9, {2: 10, 4: 10, 6: 10}, 25, 0.0,
                   "no effect at all"),
    simulate_panel("many_cohorts", 17, 16, {g: 16 for g in range(1, 16)}, 40, 8.0,
                   "a cohort in every period from the 2nd on, 280 areas", slope=-0.3),
    simulate_panel("singular_pretest", 18, 8, {g: 3 for g in range(1, 8)}, 10, 5.0,
                   "cohorts of three areas with more pre-treatment cells than the influence "
                   "functions can span: csdid returns no pre-test (singular covariance)"),
]


# ---------------------------------------------------------------- ITS

def its_series(name, seed, n, t0, level, slope_change, maxlags, correction, rho=0.5):
    rng = np.random.default_rng(seed)
    e = np.zeros(n)
    for i in range(n):
        e[i] = (rho * e[i - 1] if i else 0.0) + rng.normal(0.0, 3.0)
    t = np.arange(n, dtype=float)
    d = (t >= t0).astype(float)
    y = 100.0 + 0.8 * t + level * d + slope_change * (t - t0) * d + e
    default = maxlags is None
    lags = int(math.floor(4 * (n / 100.0) ** (2.0 / 9.0))) if default else maxlags
    X = np.column_stack([np.ones(n), t, d, (t - t0) * d])
    fit = sm.OLS(y, X).fit(cov_type="HAC", cov_kwds={"maxlags": lags, "use_correction": correction})
    return {"name": name, "seed": seed, "y": [f(v) for v in y], "t0": t0, "maxlags": lags,
            "default_lags": default, "use_correction": correction,
            "params": [f(v) for v in fit.params], "bse": [f(v) for v in fit.bse]}


ITS = [
    its_series("quarterly_24", 21, 24, 12, -6.0, -0.4, None, False),
    its_series("monthly_60", 22, 60, 30, 4.0, 0.1, None, False),
    its_series("short_10", 23, 10, 5, -3.0, 0.0, None, False),
    its_series("lags0_white", 24, 30, 14, 2.0, 0.2, 0, False),
    its_series("lags4_corrected", 25, 40, 25, -5.0, -0.2, 4, True),
    its_series("late_start", 26, 20, 17, 3.0, 0.5, 2, False),
]


CHI2 = [(x, k) for k in (1, 2, 3, 5, 9, 20, 74, 105, 741)
        for x in (0.0, 1e-8, 0.5, 0.5 * k, k - 1.0, float(k), k + 3.0 * math.sqrt(2 * k), 4.0 * k + 30.0)
        if x >= 0.0]


def main():
    doc = {
        "generator": {
            "csdid": CSDID_VERSION,
            "drdid": DRDID_VERSION,
            "statsmodels": statsmodels.__version__,
            "scipy": scipy.__version__,
            "numpy": np.__version__,
            "pandas": pd.__version__,
            "python": sys.version.split()[0],
        },
        "did": [dict(p, expected=run_csdid(p)) for p in PANELS],
        "its": ITS,
        "chi2": [{"x": f(x), "k": k, "sf": f(st.chi2.sf(x, k)), "cdf": f(st.chi2.cdf(x, k))}
                 for x, k in CHI2],
    }
    with open(OUT, "w", encoding="utf-8") as out:
        json.dump(doc, out, indent=1, sort_keys=True, allow_nan=False)
        out.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
