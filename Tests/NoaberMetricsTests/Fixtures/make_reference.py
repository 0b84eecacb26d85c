#!/usr/bin/env python3
"""Reference values for noaber's statistical estimators (NoaberMetrics/Statistics).

Writes km_reference.json next to this script. The Swift tests in
Tests/NoaberMetricsTests read that file and compare every number; nothing in it
is computed by noaber itself.

How to run (once per machine; the versions used for the committed file are
written into the JSON under "generator"):

    pip install lifelines scipy numpy pandas mpmath
    python3 Tests/NoaberMetricsTests/Fixtures/make_reference.py

The output is deterministic: fixed inputs, a seeded generator for the random
dataset, sorted keys, floats written with repr (round-trip exact). JSON has no
infinity, so +inf/-inf/NaN are written as the strings "inf", "-inf", "nan"
(the Swift side decodes them with JSONDecoder's
nonConformingFloatDecodingStrategy .convertFromString).

Which call made which number (Kaplan-Meier; kmf = lifelines.KaplanMeierFitter()
fitted with kmf.fit(durations, event_observed), alpha 0.05):

  steps[i].time / survival      kmf.survival_function_ (index and its one column).
                                lifelines computes S as exp(cumsum(log(n-d) - log(n))).
  steps[i].lower / upper        kmf.confidence_interval_ (columns KM_estimate_lower_0.95,
                                KM_estimate_upper_0.95): the exponential Greenwood
                                ("log-log") band. lifelines fills NaN with 1.0 (this happens
                                where S == 1, i.e. log S == 0), and drops the Greenwood
                                term d/(n(n-d)) when d == n (it replaces the inf by 0), so
                                where S reaches 0 both bounds are 0.
  steps[i].at_risk / events /   kmf.event_table (columns at_risk, observed, censored).
  censored
  lifelines always puts a row at t = 0. When no duration equals 0 that row is the
  "before anything happened" row (S = 1, band [1, 1]) and the script drops it, so
  "steps" has one row per distinct observed duration, as noaber's KaplanMeier.steps.
  When some durations are 0 the t = 0 row holds the events at 0 and is kept.

  median_lifelines              kmf.median_survival_time_  (inf when S never <= 0.5)
  median_ci_lifelines           lifelines.utils.median_survival_times(kmf.confidence_interval_):
                                 [first t with lower band <= 0.5, first t with upper band <= 0.5],
                                 each inf when that band never falls to 0.5. (lifelines'
                                 qth_survival_time returns inf when the last value is > 0.5,
                                 otherwise the first index t with value <= 0.5.) Note the
                                 LOWER band crosses first, so it gives the lower end.
  at_times[t].survival          kmf.survival_function_at_times([t]) (= survival_function_.asof(t),
                                a right-continuous step function)
  at_times[t].lower / upper     kmf.confidence_interval_.asof(t)

Exact checks (no lifelines): the script also recomputes S(t) with Python's
fractions.Fraction (exact rational Kaplan-Meier products) and gives
"median_exact" and "quantiles_exact" (first t with S(t) <= 1 - p, exactly).
These equal lifelines' answers except where lifelines' floating-point
exp(sum(log)) lands on the wrong side of 0.5: in dataset "plateau_half_n6",
S is exactly 1/2 from t = 3 on, but lifelines computes 0.5000000000000001 and
reports median inf. noaber follows the exact definition (median 3); the tests
assert median_exact, and "median_lifelines" is kept in the file to show the
difference honestly.

Wilson: the score interval (p + z^2/2n +- z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n),
z = scipy.stats.norm.ppf(1 - (1 - confidence)/2), clipped to [0, 1]
(the same formula as statsmodels.stats.proportion.proportion_confint(method="wilson")).

Funnel (Spiegelhalter 2005, Statistics in Medicine 24:1185-1202, appendix):
for coverage c, p_lo = (1-c)/2 and p_hi = 1 - (1-c)/2; for each p,
r = dist.ppf(p) (smallest r with P(R <= r) >= p; checked below),
alpha = (P(R <= r) - p) / (P(R <= r) - P(R <= r-1)), limit = (r - alpha) / denominator,
clipped below at 0 (and at 1 for a proportion).
  proportion: dist = scipy.stats.binom(n, p0), denominator n
  rate:       dist = scipy.stats.poisson(rate * exposure), denominator exposure

Binomial and Poisson rows: "pmf"/"cdf" from scipy.stats.binom / scipy.stats.poisson, and
"pmf_exact"/"cdf_exact" from mpmath at 50 significant digits (binomial coefficient times powers;
exp(k log λ - λ - log k!); each CDF the sum of those masses towards the nearer tail, see
mp_tail_sum). scipy's poisson.pmf is computed as exp(k log λ - gammaln(k+1) - λ),
which loses about 3e-10 (relative) at λ = 100,000: the exact columns show which side is right.
"""

import json
import math
import os
import sys
from fractions import Fraction

import numpy as np
import pandas as pd
import scipy
import scipy.stats as st
import lifelines
import mpmath as mp
from lifelines import KaplanMeierFitter
from lifelines.utils import median_survival_times

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "km_reference.json")


def num(x):
    """A float for JSON, with non-finite values as strings."""
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


# ---------------------------------------------------------------- datasets

def random_dataset(n, seed):
    """Integer days (many ties), about a third censored at an administrative date."""
    rng = np.random.default_rng(seed)
    event_time = np.floor(rng.gamma(shape=1.3, scale=4.0, size=n))
    censor_time = np.floor(rng.uniform(0.0, 30.0, size=n))
    durations = np.minimum(event_time, censor_time)
    observed = event_time <= censor_time
    return [float(d) for d in durations], [bool(o) for o in observed]


DATASETS = [
    ("tied_events",
     "several events share a time; two censorings at their own times",
     [1, 1, 1, 2, 2, 3, 4, 4, 5, 6, 6, 6, 8, 9, 10],
     [1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1]),
    ("ties_event_censoring",
     "events and censorings at the same times (events first, censored still at risk)",
     [2, 2, 2, 3, 3, 5, 5, 5, 7, 7, 8, 10],
     [1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 0]),
    ("heavy_censoring",
     "three quarters censored",
     [1, 2, 2, 3, 4, 5, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 18, 20, 25, 30],
     [1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]),
    ("plateau_half_n4",
     "S = 3/4 * 2/3 = 1/2 exactly from t = 2; then censored",
     [1, 2, 3, 3],
     [1, 1, 0, 0]),
    ("plateau_half_n6",
     "S = 5/6 * 4/5 * 3/4 = 1/2 exactly from t = 3; lifelines' float gives 0.5000000000000001",
     [1, 2, 3, 4, 5, 6],
     [1, 1, 1, 0, 0, 0]),
    ("median_not_reached",
     "S stays above 1/2",
     [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
     [1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]),
    ("fractional",
     "fractional durations, some exactly at 2 and 7",
     [0.25, 0.5, 1.75, 2.0, 2.0, 2.5, 3.125, 4.8, 6.9, 7.0, 7.0, 7.5, 9.25, 11.2],
     [1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0]),
    ("all_censored",
     "no event at all: S = 1 everywhere",
     [1, 4, 9],
     [0, 0, 0]),
    ("one_event",
     "a single observation with an event",
     [3],
     [1]),
    ("one_censored",
     "a single censored observation",
     [3],
     [0]),
    ("same_day",
     "durations of 0 days (contact on the day of the request), events and a censoring at 0",
     [0, 0, 0, 1, 1, 2, 3, 5, 8, 8],
     [1, 1, 0, 1, 0, 1, 1, 1, 0, 1]),
    ("ends_at_zero",
     "the last observation is an event, so S falls to 0",
     [2, 2, 5, 5, 5, 8],
     [1, 0, 1, 1, 0, 1]),
]

R_DUR, R_OBS = random_dataset(500, 20240611)
DATASETS.append(("random_n500", "n = 500, integer days, seed 20240611 (numpy default_rng)", R_DUR, R_OBS))

QUANTILE_PS = [0.25, 0.5, 0.75, 0.9]
AT_TIMES = [2.0, 7.0]


def exact_survival(durations, observed):
    """[(time, S after time as Fraction)] for each distinct time, exactly."""
    times = sorted(set(durations))
    s = Fraction(1)
    out = []
    for t in times:
        at_risk = sum(1 for d in durations if d >= t)
        events = sum(1 for d, o in zip(durations, observed) if d == t and o)
        s *= Fraction(at_risk - events, at_risk)
        out.append((t, s))
    return out


def first_time_at_or_below(rows, q):
    for t, s in rows:
        if s <= q:
            return t
    return None


def km_case(name, note, durations, observed):
    durations = [float(d) for d in durations]
    observed = [bool(o) for o in observed]
    kmf = KaplanMeierFitter()
    kmf.fit(durations, event_observed=observed)
    sf = kmf.survival_function_
    ci = kmf.confidence_interval_
    et = kmf.event_table
    assert list(ci.columns) == ["KM_estimate_lower_0.95", "KM_estimate_upper_0.95"]
    has_zero = any(d == 0.0 for d in durations)

    steps = []
    for t in sf.index:
        if t == 0.0 and not has_zero:
            row = et.loc[t]
            assert row["observed"] == 0 and row["censored"] == 0
            assert sf.loc[t].iloc[0] == 1.0
            continue
        steps.append({
            "time": num(t),
            "at_risk": int(et.loc[t, "at_risk"]),
            "events": int(et.loc[t, "observed"]),
            "censored": int(et.loc[t, "censored"]),
            "survival": num(sf.loc[t].iloc[0]),
            "lower": num(ci.loc[t].iloc[0]),
            "upper": num(ci.loc[t].iloc[1]),
        })

    mci = median_survival_times(ci)
    at_times = []
    for t in AT_TIMES:
        s = kmf.survival_function_at_times([t]).iloc[0]
        band = ci.asof(t)
        at_times.append({"t": t, "survival": num(s), "lower": num(band.iloc[0]), "upper": num(band.iloc[1])})

    exact = exact_survival(durations, observed)
    for step, (t, s) in zip(steps, exact):
        assert step["time"] == t
        assert abs(float(s) - float(step["survival"])) < 1e-12, (name, t)
    median_exact = first_time_at_or_below(exact, Fraction(1, 2))
    quantiles = []
    for p in QUANTILE_PS:
        q = 1 - Fraction(p).limit_denominator(1000)
        quantiles.append({"p": p, "time": None if (t := first_time_at_or_below(exact, q)) is None else num(t)})

    return {
        "name": name,
        "note": note,
        "durations": durations,
        "observed": observed,
        "steps": steps,
        "median_lifelines": num(kmf.median_survival_time_),
        "median_exact": None if median_exact is None else num(median_exact),
        "median_ci_lifelines": [num(mci.iloc[0, 0]), num(mci.iloc[0, 1])],
        "at_times": at_times,
        "quantiles_exact": quantiles,
    }


# ---------------------------------------------------------------- Wilson

WILSON_CASES = [(0, 10, 0.95), (1, 10, 0.95), (5, 10, 0.95), (10, 10, 0.95), (37, 1700, 0.95),
                (1, 1, 0.95), (3, 7, 0.90), (37, 1700, 0.998), (450, 1000, 0.99)]


def wilson(k, n, conf):
    z = st.norm.ppf(1 - (1 - conf) / 2)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lower, upper = max(0.0, centre - half), min(1.0, centre + half)
    # The formula above must be statsmodels' own: checked here, so the fixture is statsmodels'.
    from statsmodels.stats.proportion import proportion_confint
    sm_lower, sm_upper = proportion_confint(k, n, alpha=1 - conf, method="wilson")
    assert abs(max(0.0, sm_lower) - lower) <= 1e-15 and abs(min(1.0, sm_upper) - upper) <= 1e-15, \
        (k, n, conf, lower, upper, sm_lower, sm_upper)
    return lower, upper


# ---------------------------------------------------------------- Funnel

def spiegelhalter(dist, p, denominator, upper_clip):
    r = dist.ppf(p)
    assert dist.cdf(r) >= p and (r == 0 or dist.cdf(r - 1) < p), (p, r)
    f_r = dist.cdf(r)
    f_prev = dist.cdf(r - 1) if r > 0 else 0.0
    alpha = (f_r - p) / (f_r - f_prev)
    limit = (r - alpha) / denominator
    limit = max(0.0, limit)
    if upper_clip is not None:
        limit = min(upper_clip, limit)
    return limit


PROPORTION_CASES = [(0.15, n, c) for n in (1, 10, 100, 1000, 10000, 100000) for c in (0.95, 0.998)] + \
    [(0.02, 50, 0.95), (0.02, 50, 0.998), (0.5, 37, 0.95), (0.001, 2000, 0.998), (0.9, 250, 0.95), (0.3, 7, 0.998)]
RATE_CASES = [(0.0125, e, c) for e in (100.0, 1000.0, 2500.0, 40000.0) for c in (0.95, 0.998)] + \
    [(1.7, 300.0, 0.95), (0.004, 150.0, 0.998), (3.0, 33333.0, 0.95)]


def mp_tail_sum(k, pmf_k, down, up, mean, top):
    """P(X <= k) at mpmath precision: masses summed from k towards the nearer tail with the ratio
    recurrences P(i-1) = P(i)*down(i) and P(i+1) = P(i)*up(i), until a term is below 1e-45 of the sum."""
    if top is not None and k >= top:
        return mp.mpf(1)
    if k <= mean:
        total, term, i = pmf_k, pmf_k, k
        while i > 0:
            term *= down(i)
            total += term
            i -= 1
            if term < total * mp.mpf("1e-45"):
                break
        return total
    term = pmf_k * up(k)
    total, i = term, k + 1
    while top is None or i < top:
        term *= up(i)
        total += term
        i += 1
        if term < total * mp.mpf("1e-45"):
            break
    return 1 - total


def funnel_cases():
    props = []
    for p0, n, c in PROPORTION_CASES:
        dist = st.binom(n, p0)
        lo = spiegelhalter(dist, (1 - c) / 2, n, 1.0)
        hi = spiegelhalter(dist, 1 - (1 - c) / 2, n, 1.0)
        props.append({"target": p0, "denominator": n, "coverage": c, "lower": num(lo), "upper": num(hi)})
    rates = []
    for rate, exposure, c in RATE_CASES:
        dist = st.poisson(rate * exposure)
        lo = spiegelhalter(dist, (1 - c) / 2, exposure, None)
        hi = spiegelhalter(dist, 1 - (1 - c) / 2, exposure, None)
        rates.append({"target_rate": rate, "exposure": exposure, "coverage": c, "lower": num(lo), "upper": num(hi)})
    # Raw distribution values, so the Swift helpers are checked on their own too.
    binom = []
    for n, p, k in [(10, 0.15, 0), (10, 0.15, 3), (100, 0.15, 9), (1000, 0.15, 170), (100000, 0.5, 49800),
                    (100000, 0.15, 14700), (2000, 0.001, 6), (50, 0.02, 50)]:
        mp_p = mp.mpf(p)
        pmf_exact = mp.binomial(n, k) * mp_p ** k * (1 - mp_p) ** (n - k)
        cdf_exact = mp_tail_sum(k, pmf_exact, lambda i: i * (1 - mp_p) / ((n - i + 1) * mp_p),
                                lambda i: (n - i) * mp_p / ((i + 1) * (1 - mp_p)), mp.mpf(n) * mp_p, n)
        binom.append({"n": n, "p": p, "k": k, "cdf": num(st.binom.cdf(k, n, p)), "pmf": num(st.binom.pmf(k, n, p)),
                      "cdf_exact": num(cdf_exact), "pmf_exact": num(pmf_exact)})
    binom_q = []
    for n, p, q in [(10, 0.15, 0.025), (10, 0.15, 0.975), (1000, 0.15, 0.001), (1000, 0.15, 0.999),
                    (100000, 0.5, 0.025), (100000, 0.5, 0.975)]:
        binom_q.append({"n": n, "p": p, "q": q, "k": int(st.binom.ppf(q, n, p))})
    pois = []
    for lam, k in [(0.5, 0), (1.25, 2), (12.5, 20), (500.0, 450), (100000.0, 100500), (0.6, 5)]:
        mp_lam = mp.mpf(lam)
        pmf_exact = mp.exp(k * mp.log(mp_lam) - mp_lam - mp.loggamma(k + 1))
        cdf_exact = mp_tail_sum(k, pmf_exact, lambda i: i / mp_lam, lambda i: mp_lam / (i + 1), mp_lam, None)
        pois.append({"lambda": lam, "k": k, "cdf": num(st.poisson.cdf(k, lam)), "pmf": num(st.poisson.pmf(k, lam)),
                     "cdf_exact": num(cdf_exact), "pmf_exact": num(pmf_exact)})
    pois_q = []
    for lam, q in [(1.25, 0.025), (1.25, 0.975), (500.0, 0.001), (500.0, 0.999), (100000.0, 0.5)]:
        pois_q.append({"lambda": lam, "q": q, "k": int(st.poisson.ppf(q, lam))})
    return props, rates, binom, binom_q, pois, pois_q


def split_export_cases():
    """Public survival data sets for the split-export test (Tests/NoaberCLITests/SplitExportTests):
    lifelines' `lung` (time, status) and `waltons` (T, E), with lifelines' Kaplan-Meier median and
    its interval (median_survival_times of the exponential Greenwood band), as in km_case."""
    from lifelines.datasets import load_lung, load_waltons
    out = []
    for name, frame, t, e in (("lung", load_lung(), "time", "status"), ("waltons", load_waltons(), "T", "E")):
        durations = [int(x) for x in frame[t]]
        events = [int(x) for x in frame[e]]
        kmf = KaplanMeierFitter().fit(durations, events)
        ci = median_survival_times(kmf.confidence_interval_)
        out.append({"name": name, "durations": durations, "events": events,
                    "median": num(kmf.median_survival_time_),
                    "median_ci": [num(ci.iloc[0, 0]), num(ci.iloc[0, 1])],
                    "at_times": [{"t": tt, "survival": num(float(kmf.survival_function_at_times([tt]).iloc[0]))}
                                 for tt in (30, 180, 365)]})
    return out


def main(out=None):
    out = out or OUT
    mp.mp.dps = 50
    km = [km_case(*d) for d in DATASETS]
    wilson_rows = [{"successes": k, "trials": n, "confidence": c,
                    "lower": num(wilson(k, n, c)[0]), "upper": num(wilson(k, n, c)[1])}
                   for k, n, c in WILSON_CASES]
    props, rates, binom, binom_q, pois, pois_q = funnel_cases()
    normal = {
        "quantile": [{"p": p, "x": num(st.norm.ppf(p))} for p in
                     (1e-300, 1e-20, 1e-10, 0.001, 0.01, 0.02425, 0.025, 0.1, 0.3, 0.5, 0.7, 0.9, 0.975,
                      0.97575, 0.99, 0.999, 0.9999999)],
        "cdf": [{"x": x, "p": num(st.norm.cdf(x))} for x in (-38.0, -10.0, -3.09, -1.96, -1.0, 0.0, 0.5, 1.96, 3.0, 8.0)],
    }
    doc = {
        "generator": {
            "script": "Tests/NoaberMetricsTests/Fixtures/make_reference.py",
            "lifelines": lifelines.__version__,
            "scipy": scipy.__version__,
            "numpy": np.__version__,
            "pandas": pd.__version__,
            "python": sys.version.split()[0],
            "mpmath": mp.__version__,
        },
        "kaplan_meier": km,
        "wilson": wilson_rows,
        "funnel_proportion": props,
        "funnel_rate": rates,
        "binomial": binom,
        "binomial_quantile": binom_q,
        "poisson": pois,
        "poisson_quantile": pois_q,
        "normal": normal,
        "split_export": split_export_cases(),
    }
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, sort_keys=True, allow_nan=False)
        f.write("\n")
    print("wrote", out, "with", len(km), "Kaplan-Meier datasets")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
