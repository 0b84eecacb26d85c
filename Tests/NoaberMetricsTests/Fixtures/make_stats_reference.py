#!/usr/bin/env python3
"""Reference values for noaber's overdispersion and outlier statistics.

Writes stats_reference.json next to this script. The Swift tests in
Tests/NoaberMetricsTests (OverdispersionTests, ModifiedZScoreTests,
ChiSquareDistributionTests) read that file and compare every number at a relative
tolerance of 1e-10; nothing in it is computed by noaber itself.

How to run (tool versions pinned in Tests/reference/requirements.txt; the versions
used are written into the JSON under "generator"):

    python3 Tests/NoaberMetricsTests/Fixtures/make_stats_reference.py [OUT.json]

Deterministic: fixed inputs, seeded generators (numpy default_rng), sorted keys,
floats written with repr (round-trip exact); +inf/-inf/NaN as the strings
"inf", "-inf", "nan".

What is computed, from the published definitions (numpy/scipy, vectorised; not a
transcription of the Swift code):

Overdispersion (Spiegelhalter, Qual Saf Health Care 2005;14:347-351, as the R
package FunnelPlotR 0.6.0 implements it in R/od_adjustment.R):
  units with a denominator <= 0, a negative numerator, more successes than
  trials (proportion) or no events (log scale) are left out first;
  target   proportion / rate: sum(o) / sum(n) over the units with usable counts
           (a unit without events still counts in the pool on the log scale); ratio: 1
  E        rate: target * exposure; ratio: the denominator
  z        proportion  (arcsin(sqrt(o/n)) - arcsin(sqrt(target))) / (1/(2 sqrt(n)))
           sqrt scale  (sqrt(o/E) - 1) / (1/(2 sqrt(E)))
           log scale   sqrt(E) * log(o/E)                (s = 1/sqrt(E))
  trim     winsorising (proportion, sqrt): numpy.clip(z, q_lo, q_hi) with
           q = numpy.quantile(z, [t, 1 - t]) (method "linear" = R's type 7);
           truncation (log): k = 1/t, r = scipy.stats.rankdata(z, "average"),
           kept when 0 < floor(r k / (n + 1)) < k - 1
  phi      sum(z_used^2) / n
  tau2     w = 1/s^2 over the units used; if n >= 2 and n phi >= n - 1:
           max(0, (n phi - (n - 1)) / (sum w - sum w^2 / sum w)), else 0
  p        scipy.stats.chi2.sf(n phi, n - 1)
  limits   z_c = scipy.stats.norm.ppf(1 - (1 - c)/2) for c = 0.95, 0.998, and
           FunnelPlotR's rounded 1.959964 and 3.090232;
           proportion sin(clip(arcsin(sqrt(target)) -/+ z_c sqrt(1/(4n) + tau2), 0, pi/2))^2
           sqrt scale theta * clip(1 -/+ z_c sqrt(1/(4E) + tau2), 0, inf)^2
           log scale  theta * exp(-/+ z_c sqrt(1/E + tau2))
           (theta = target for a rate, 1 for a ratio). The square on the sqrt scale
           is Spiegelhalter's back-transformation; FunnelPlotR's CQC limits omit it
           (nhs-r-community/FunnelPlotR issue #33); see docs/design/overdispersion.md.

Funnel limits as the reports draw them (FunnelPoints.drawLimits, docs/report-charts.md): the
centre line p0 = sum(o)/sum(n) over every village counted, hidden ones included; phi and tau2 as
above over the villages shown only (proportion: arcsine; cases per 1,000: square root against the
pooled rate, E = p0 n); widened when tau2 > 0 and (rule "spiegelhalter") phi > 1 + 2 sqrt(2/n)
with at least 5 villages shown, or (rule "funnelplotr") always; never under rule "never". Widened limits as above; exact limits
Spiegelhalter's interpolated discrete quantiles, r = scipy.stats.binom.ppf(q, n, p0) (or
poisson.ppf(q, p0 n)), alpha = (cdf(r) - q) / pmf(r), limit = (r - alpha) / n, clipped to [0, 1]
(proportion) or [0, inf) (rate); times 1,000 or 100.

Modified z-score (Iglewicz & Hoaglin 1993): median = numpy.median,
MAD = numpy.median(|x - median|), M = 0.6745 (x - median) / MAD, flagged when
|M| >= 3.5 (noaber flags at the threshold; Iglewicz and Hoaglin write "greater
than", which differs only for a score of exactly 3.5). When MAD = 0: rule "no_scores" gives none; rule
"mean_absolute_deviation" (IBM Cognos Analytics) gives
(x - median) / (1.253314 * mean|x - median|). Fewer than minimum_count finite
values: "too_short"; every value equal: "all_equal".

Chi-square: scipy.stats.chi2.sf and .cdf.
"""

import json
import math
import os
import sys

import numpy as np
import scipy
import scipy.stats as st

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "stats_reference.json")

FUNNELPLOTR_Z = (1.959964, 3.090232)
LIMIT_DENOMINATORS = [1.0, 3.0, 10.0, 50.0, 100.0, 745.0, 1000.0, 3075.0, 10000.0, 100000.0]


def num(x):
    """A float for JSON, with non-finite values as strings."""
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def opt(x):
    return None if x is None else num(x)


# ------------------------------------------------------------ overdispersion

def exclusion(o, n, indicator, scale):
    if not (n > 0 and math.isfinite(n)):
        return "non_positive_denominator"
    if not (o >= 0 and math.isfinite(o)):
        return "invalid_numerator"
    if indicator == "proportion" and o > n:
        return "invalid_numerator"
    if scale == "log" and o == 0:
        return "zero_count_on_log_scale"
    return None


def limits_ref(indicator, scale, target, tau2, d, z):
    if indicator == "proportion":
        theta0 = np.arcsin(np.sqrt(target))
        spread = z * np.sqrt(1.0 / (4.0 * d) + tau2)
        lo = np.sin(np.clip(theta0 - spread, 0.0, np.pi / 2)) ** 2
        hi = np.sin(np.clip(theta0 + spread, 0.0, np.pi / 2)) ** 2
        return lo, hi
    theta = target if indicator == "rate" else 1.0
    expected = target * d if indicator == "rate" else d
    if expected <= 0:
        return 0.0, 0.0
    if scale == "square_root":
        spread = z * np.sqrt(1.0 / (4.0 * expected) + tau2)
        return theta * max(1.0 - spread, 0.0) ** 2, theta * (1.0 + spread) ** 2
    spread = z * np.sqrt(1.0 / expected + tau2)
    return theta * np.exp(-spread), theta * np.exp(spread)


def overdispersion_case(name, note, numerators, denominators, indicator, scale=None, trim=0.1):
    o_all = np.asarray(numerators, dtype=float)
    n_all = np.asarray(denominators, dtype=float)
    excl = [exclusion(o, n, indicator, scale) for o, n in zip(o_all, n_all)]
    valid = np.array([e is None for e in excl])
    pooled = np.array([e is None or e == "zero_count_on_log_scale" for e in excl])
    o, n = o_all[valid], n_all[valid]

    target = o_all[pooled].sum() / n_all[pooled].sum() if indicator in ("proportion", "rate") else 1.0
    if indicator == "proportion":
        s = 1.0 / (2.0 * np.sqrt(n))
        z = (np.arcsin(np.sqrt(o / n)) - np.arcsin(np.sqrt(target))) / s
    else:
        e = target * n if indicator == "rate" else n
        if scale == "square_root":
            s = 1.0 / (2.0 * np.sqrt(e))
            z = (np.sqrt(o / e) - 1.0) / s
        else:
            s = 1.0 / np.sqrt(e)
            z = np.sqrt(e) * np.log(o / e)

    if scale == "log":
        if trim > 0:
            k = 1.0 / trim
            ranks = st.rankdata(z, method="average")
            group = np.floor(ranks * k / (len(z) + 1))
            keep = (group > 0) & (group < k - 1)
        else:
            keep = np.ones(len(z), dtype=bool)
        z_used = np.where(keep, z, np.nan)
        roles = ["counted" if kp else "truncated" for kp in keep]
        bounds = None
    else:
        q_lo, q_hi = np.quantile(z, [trim, 1.0 - trim])
        z_used = np.clip(z, q_lo, q_hi)
        roles = ["winsorised" if (zi < q_lo or zi > q_hi) else "counted" for zi in z]
        bounds = [num(q_lo), num(q_hi)]
        keep = np.ones(len(z), dtype=bool)

    used = z_used[keep]
    count = len(used)
    phi = float(np.sum(used ** 2) / count)
    tau2 = 0.0
    if count >= 2 and count * phi >= count - 1:
        w = 1.0 / s[keep] ** 2
        tau2 = max(0.0, (count * phi - (count - 1)) / (w.sum() - (w ** 2).sum() / w.sum()))
    p = float(st.chi2.sf(count * phi, count - 1)) if count >= 2 else None

    limits = []
    zs = [("exact_95", st.norm.ppf(0.975)), ("exact_998", st.norm.ppf(0.999)),
          ("funnelplotr_95", FUNNELPLOTR_Z[0]), ("funnelplotr_998", FUNNELPLOTR_Z[1])]
    for d in LIMIT_DENOMINATORS:
        for label, zc in zs:
            lo, hi = limits_ref(indicator, scale, target, tau2, d, zc)
            limits.append({"denominator": d, "z_label": label, "z": num(zc),
                           "lower": num(lo), "upper": num(hi)})
    unit_limits = []
    z_full, used_full, role_full = [], [], []
    j = 0
    for i, e in enumerate(excl):
        if e is not None:
            z_full.append(None)
            used_full.append(None)
            role_full.append("excluded:" + e)
            if e == "zero_count_on_log_scale":   # still a point of the plot: limits at its size
                l95 = limits_ref(indicator, scale, target, tau2, n_all[i], st.norm.ppf(0.975))
                l998 = limits_ref(indicator, scale, target, tau2, n_all[i], st.norm.ppf(0.999))
                unit_limits.append([num(l95[0]), num(l95[1]), num(l998[0]), num(l998[1])])
            else:
                unit_limits.append(None)
            continue
        z_full.append(num(z[j]))
        used_full.append(None if np.isnan(z_used[j]) else num(z_used[j]))
        role_full.append(roles[j])
        l95 = limits_ref(indicator, scale, target, tau2, n_all[i], st.norm.ppf(0.975))
        l998 = limits_ref(indicator, scale, target, tau2, n_all[i], st.norm.ppf(0.999))
        unit_limits.append([num(l95[0]), num(l95[1]), num(l998[0]), num(l998[1])])
        j += 1

    return {
        "name": name, "note": note, "indicator": indicator, "scale": scale, "trim": trim,
        "numerators": [float(x) for x in o_all], "denominators": [float(x) for x in n_all],
        "target": num(target), "z": z_full, "z_used": used_full, "roles": role_full,
        "count": count, "phi": num(phi), "tau2": num(tau2), "winsorising_bounds": bounds,
        "chi_square_statistic": num(count * phi), "chi_square_p": opt(p),
        "spiegelhalter_threshold": num(1 + 2 * math.sqrt(2 / count)),
        "limits": limits, "unit_limits": unit_limits,
    }


def random_proportions(k, seed):
    """Beta-binomial: a true rate per unit around 0.12 (overdispersed), sizes log-uniform 30-5000."""
    rng = np.random.default_rng(seed)
    n = np.round(np.exp(rng.uniform(np.log(30), np.log(5000), size=k))).astype(int)
    p = rng.beta(12.0, 88.0, size=k)
    o = rng.binomial(n, p)
    return [int(x) for x in o], [int(x) for x in n]


def random_rates(k, seed):
    """Gamma-Poisson: about 0.1 cases per inhabitant, exposures 300-8000 inhabitants."""
    rng = np.random.default_rng(seed)
    exposure = np.round(np.exp(rng.uniform(np.log(300), np.log(8000), size=k))).astype(int)
    rate = rng.gamma(shape=8.0, scale=0.1 / 8.0, size=k)
    o = rng.poisson(rate * exposure)
    return [int(x) for x in o], [int(x) for x in exposure]


def overdispersion_cases():
    # FunnelPlotR's own test data (tests/testthat/test-funnel_plot.R and test-classes_methods.R);
    # its default (SR, SHMI, trim 0.1) gives phi 2.948033 to six decimals there.
    fp_num = [100, 150, 180, 80, 120, 225]
    fp_den = [108, 112, 165, 95, 100, 220]
    # FunnelPlotR dev/workingout_binom.R, a proportion example.
    bin_num = [12, 30, 26, 50, 42, 71, 4, 29, 48, 36]
    bin_den = [82, 98, 100, 125, 162, 151, 12, 100, 82, 99]
    # The six Dinkelland villages (Datasets/villages.csv inhabitants); cases = the rows of the
    # bundled synthetic exports (Datasets/README.md); residents reached: invented.
    inhabitants = [1700, 2015, 3075, 1031, 1052, 745]
    cases = [202, 226, 399, 120, 114, 84]
    reached = [131, 144, 203, 96, 59, 71]
    rp_num, rp_den = random_proportions(40, 20261204)
    rr_num, rr_den = random_rates(40, 20261205)
    return [
        overdispersion_case("funnelplotr_test_shmi", "FunnelPlotR test data, SR, SHMI (log, truncation), trim 0.1",
                            fp_num, fp_den, "standardised_ratio", "log"),
        overdispersion_case("funnelplotr_test_cqc", "FunnelPlotR test data, SR, CQC (square root, winsorised), trim 0.1",
                            fp_num, fp_den, "standardised_ratio", "square_root"),
        overdispersion_case("funnelplotr_test_cqc_trim05", "as FunnelPlotR's test: CQC with trim_by = 0.05",
                            fp_num, fp_den, "standardised_ratio", "square_root", 0.05),
        overdispersion_case("funnelplotr_binom", "FunnelPlotR dev/workingout_binom.R, proportions",
                            bin_num, bin_den, "proportion"),
        overdispersion_case("villages_reach", "six villages: residents reached / inhabitants",
                            reached, inhabitants, "proportion"),
        overdispersion_case("villages_cases_sqrt", "six villages: cases per inhabitant, square root",
                            cases, inhabitants, "rate", "square_root"),
        overdispersion_case("villages_cases_log", "six villages: cases per inhabitant, log (SHMI truncates nothing up to 8 units)",
                            cases, inhabitants, "rate", "log"),
        overdispersion_case("random_proportions_40", "beta-binomial, 40 units, seed 20261204",
                            rp_num, rp_den, "proportion"),
        overdispersion_case("random_proportions_40_trim0", "the same without winsorising",
                            rp_num, rp_den, "proportion", None, 0.0),
        overdispersion_case("random_rates_40_sqrt", "gamma-Poisson, 40 units, seed 20261205, square root",
                            rr_num, rr_den, "rate", "square_root"),
        overdispersion_case("random_rates_40_log", "the same on the log scale: SHMI truncation of 40 units",
                            rr_num, rr_den, "rate", "log"),
        overdispersion_case("random_rates_40_log_trim02", "log scale, trim 0.2 (k = 5)",
                            rr_num, rr_den, "rate", "log", 0.2),
        overdispersion_case("underdispersed", "counts at their expectation: phi < 1, tau2 = 0",
                            [50, 101, 149, 200, 251, 299], [200, 400, 600, 800, 1000, 1200], "proportion"),
        overdispersion_case("ties_log_truncation",
                            "12 ratios, the two lowest tied (rank 1.5 each: floor(15/13) = 1, kept) and the two highest tied",
                            [50, 50, 90, 95, 100, 102, 105, 110, 98, 93, 160, 160],
                            [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100],
                            "standardised_ratio", "log"),
        overdispersion_case("untied_log_truncation",
                            "the same 12 without ties: ranks 1 (floor(10/13) = 0) and 12 (floor(120/13) = 9) are truncated",
                            [50, 52, 90, 95, 100, 102, 105, 110, 98, 93, 160, 165],
                            [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100],
                            "standardised_ratio", "log"),
        overdispersion_case("ties_winsorising", "tied z-scores at the winsorising bounds",
                            [10, 10, 20, 21, 22, 23, 24, 40, 40], [100] * 9, "proportion"),
        overdispersion_case("zero_numerators", "proportions with zero successes (arcsin 0 = 0)",
                            [0, 0, 3, 7, 12, 1, 0], [40, 15, 60, 90, 110, 25, 8], "proportion"),
        overdispersion_case("with_exclusions", "a zero denominator and more successes than trials are left out",
                            [12, 5, 30, 26, 9, 50], [82, 0, 98, 100, 7, 125], "proportion"),
        overdispersion_case("zero_count_log", "a unit without events is left out of phi on the log scale, but counts in the pooled rate",
                            [0, 40, 55, 61, 38, 70, 47], [300, 500, 520, 480, 510, 600, 450], "rate", "log"),
        overdispersion_case("all_equal_rates", "every unit at the same rate: z = 0, phi = 0",
                            [10, 20, 30, 40], [100, 200, 300, 400], "proportion"),
    ]


# ------------------------------------------------------------ modified z-score

def modified_z_case(name, note, values, rule="no_scores", minimum_count=6, threshold=3.5):
    x = np.asarray(values, dtype=float)
    finite = x[np.isfinite(x)]
    median = float(np.median(finite)) if len(finite) else None
    mad = float(np.median(np.abs(finite - median))) if len(finite) else None
    mean_ad = float(np.mean(np.abs(finite - median))) if len(finite) else 0.0
    scale_kind, scale = None, None
    if len(finite) < max(minimum_count, 1):
        outcome = "too_short"
    elif mad > 0:
        outcome, scale_kind, scale = "scored", "median_absolute_deviation", mad
    elif mean_ad == 0:
        outcome = "all_equal"
    elif rule == "mean_absolute_deviation":
        outcome, scale_kind, scale = "scored", "mean_absolute_deviation", mean_ad
    else:
        outcome = "mad_is_zero"
    scores = [None] * len(x)
    outliers = []
    if scale_kind is not None:
        for i, v in enumerate(x):
            if not math.isfinite(v):
                continue
            m = 0.6745 * (v - median) / mad if scale_kind == "median_absolute_deviation" \
                else (v - median) / (1.253314 * mean_ad)
            scores[i] = num(m)
            if abs(m) >= threshold:
                outliers.append(i)
    return {"name": name, "note": note, "values": [num(v) for v in x], "rule": rule,
            "minimum_count": minimum_count, "threshold": threshold, "outcome": outcome,
            "median": opt(median), "mad": opt(mad), "scale_kind": scale_kind, "scale": opt(scale),
            "scores": scores, "outliers": outliers}


def modified_z_cases():
    rng = np.random.default_rng(20261206)
    series = [int(v) for v in rng.poisson(18, size=24)]
    series[17] = 61
    return [
        modified_z_case("monthly_spike", "a year of months, one spike", [12, 15, 11, 14, 13, 60, 12, 14, 13, 15, 12, 13]),
        modified_z_case("monthly_drop", "a month with no registrations at all",
                        [30, 28, 33, 31, 0, 29, 35, 27, 30, 32, 31, 29]),
        modified_z_case("even_ties", "even length, many ties", [4, 4, 5, 5, 6, 6, 7, 7, 30, 4]),
        modified_z_case("odd_length", "13 values", [7, 9, 8, 12, 7, 10, 9, 25, 8, 9, 11, 1, 9]),
        modified_z_case("mad_zero_lone", "MAD = 0: one month one case above the rest; rule no_scores",
                        [5, 5, 5, 5, 5, 5, 5, 6, 5, 5, 5, 5]),
        modified_z_case("mad_zero_lone_ibm", "the same under IBM's mean-absolute-deviation rule: M = 12/1.253314",
                        [5, 5, 5, 5, 5, 5, 5, 6, 5, 5, 5, 5], "mean_absolute_deviation"),
        modified_z_case("mad_zero_spike_ibm", "MAD = 0, a spike and a small deviation, IBM's rule",
                        [0, 0, 0, 0, 0, 0, 0, 0, 40, 0, 0, 3], "mean_absolute_deviation"),
        modified_z_case("all_equal", "every month the same", [3] * 8, "mean_absolute_deviation"),
        modified_z_case("too_short", "five months: below the minimum of six", [1, 2, 50, 3, 2]),
        modified_z_case("exactly_six", "six months, the minimum", [2, 3, 2, 4, 3, 25]),
        modified_z_case("random_24", "two years of Poisson(18) months, seed 20261206, month 17 set to 61", series),
        modified_z_case("reals", "real values, negative and fractional",
                        [-2.5, 0.3, 1.1, 0.7, -0.4, 0.9, 12.75, 0.2, -0.1, 0.6]),
        modified_z_case("threshold_3", "a threshold of 3 instead of 3.5",
                        [30, 28, 33, 31, 22, 29, 35, 27, 30, 32, 31, 29], threshold=3.0),
        modified_z_case("threshold_equal", "|M| equal to the threshold is flagged: 1..7, threshold 0.6745*3/2 = M(7) = -M(1)",
                        [1, 2, 3, 4, 5, 6, 7], threshold=0.6745 * 3 / 2),
    ]


# ------------------------------------------------------------ chi-square

CHI_CASES = [(0.001, 3), (0.5, 1), (3.841458820694124, 1), (5.0, 5), (10.0, 5), (17.6, 5), (40.0, 2),
             (0.2, 9), (9.0, 9), (30.0, 9), (100.0, 99), (150.0, 99), (60.0, 99), (300.0, 200), (1.0, 0.5),
             (250.0, 39), (20.0, 39)]


# ------------------------------------------------------------ funnel limits as drawn

def exact_limit(kind, p0, n, q):
    if kind == "proportion":
        dist = st.binom(int(round(n)), p0)
    else:
        dist = st.poisson(p0 * n)
    r = dist.ppf(q)
    alpha = (dist.cdf(r) - q) / dist.pmf(r)
    value = (r - alpha) / n
    return min(max(value, 0.0), 1.0) if kind == "proportion" else max(value, 0.0)


def funnel_draw_case(name, note, metric, villages):
    """villages: (numerator, denominator, shown). Every village counts in p0; only the shown in phi."""
    kind = "rate" if metric == "cases_per_1000" else "proportion"
    unit = 100.0 if metric.endswith("_pct") else 1000.0
    o_all = np.array([v[0] for v in villages], dtype=float)
    n_all = np.array([v[1] for v in villages], dtype=float)
    shown = np.array([v[2] for v in villages])
    p0 = o_all.sum() / n_all.sum()
    o, n = o_all[shown], n_all[shown]
    if kind == "proportion":
        s = 1.0 / (2.0 * np.sqrt(n))
        z = (np.arcsin(np.sqrt(o / n)) - np.arcsin(np.sqrt(p0))) / s
    else:
        e = p0 * n
        s = 1.0 / (2.0 * np.sqrt(e))
        z = (np.sqrt(o / e) - 1.0) / s
    q_lo, q_hi = np.quantile(z, [0.1, 0.9])
    used = np.clip(z, q_lo, q_hi)
    count = len(used)
    phi = float(np.sum(used ** 2) / count)
    tau2 = 0.0
    if count >= 2 and count * phi >= count - 1:
        w = 1.0 / s ** 2
        tau2 = max(0.0, (count * phi - (count - 1)) / (w.sum() - (w ** 2).sum() / w.sum()))
    threshold = 1 + 2 * math.sqrt(2 / count)
    widened = {
        "never": False,
        "spiegelhalter": bool(count >= 5 and tau2 > 0 and phi > threshold),
        "funnelplotr": bool(count >= 2 and tau2 > 0),
    }
    limits = {}
    for rule, wide in widened.items():
        rows = []
        for d in n:
            row = []
            for coverage, zc in ((0.95, st.norm.ppf(0.975)), (0.998, st.norm.ppf(0.999))):
                if wide:
                    lo, hi = limits_ref(kind, "square_root", p0, tau2, d, zc)
                else:
                    tail = (1 - coverage) / 2
                    lo, hi = exact_limit(kind, p0, d, tail), exact_limit(kind, p0, d, 1 - tail)
                row += [num(unit * lo), num(unit * hi)]
            rows.append(row)
        limits[rule] = rows
    return {
        "name": name, "note": note, "metric": metric,
        "numerators": [int(v[0]) for v in villages], "denominators": [int(v[1]) for v in villages],
        "shown": [bool(v[2]) for v in villages],
        "target": num(unit * p0), "count": count, "phi": num(phi), "tau2": num(tau2),
        "threshold": num(threshold), "widened": widened, "limits": limits,
    }


def funnel_draw_cases():
    demo = [(53, 2015, True), (32, 1031, True), (46, 1700, True), (94, 3075, True)]
    spread = [(12, 1700, True), (31, 2015, True), (118, 3075, True), (9, 1031, True), (21, 1052, True), (40, 745, True)]
    mild = [(48, 1700, True), (70, 2015, True), (84, 3075, True), (25, 1031, True), (38, 1052, True), (30, 745, True)]
    rng = np.random.default_rng(20261123)
    sizes = np.round(np.exp(rng.uniform(np.log(400), np.log(9000), size=100))).astype(int)
    rates = rng.gamma(shape=10.0, scale=0.03 / 10.0, size=100)
    many = [(int(rng.binomial(m, r)), int(m), True) for m, r in zip(sizes, rates)]
    hidden = [(3, 745, False), (6, 1031, False)] + spread[:4]
    return [
        funnel_draw_case("demo_reach", "the demo's four fully covered villages in 2024 (Deurningen, Lattrop-Breklenkamp, Saasveld, Weerselo): residents reached",
                         "reach_per_1000", demo),
        funnel_draw_case("six_spread_reach", "six villages far apart: phi passes 1 + 2 sqrt(2/6)", "reach_per_1000", spread),
        funnel_draw_case("six_mild_reach", "six villages: tau2 > 0 but phi below Spiegelhalter's threshold",
                         "reach_per_1000", mild),
        funnel_draw_case("six_spread_cases", "the same counts as cases per 1,000 (square root, Poisson)",
                         "cases_per_1000", [(o * 2, n, sh) for o, n, sh in spread]),
        funnel_draw_case("hidden_villages", "two villages hidden by disclosure control: in the pooled rate, not in phi",
                         "reach_per_1000", hidden),
        funnel_draw_case("hundred_villages", "100 villages, gamma-distributed true rates around 30 per 1,000",
                         "reach_per_1000", many),
        funnel_draw_case("reach_75plus", "reach among 75+, per 100", "reach_75plus_pct",
                         [(30, 260, True), (11, 180, True), (52, 410, True), (9, 120, True), (27, 200, True)]),
    ]


def main(out=None):
    out = out or OUT
    doc = {
        "generator": {
            "script": "Tests/NoaberMetricsTests/Fixtures/make_stats_reference.py",
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "python": sys.version.split()[0],
        },
        "overdispersion": overdispersion_cases(),
        "modified_z": modified_z_cases(),
        "funnel_draw": funnel_draw_cases(),
        "chi_square": [{"x": x, "df": float(df), "sf": num(st.chi2.sf(x, df)), "cdf": num(st.chi2.cdf(x, df))}
                       for x, df in CHI_CASES],
    }
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, sort_keys=True, allow_nan=False)
        f.write("\n")
    print("wrote", out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
