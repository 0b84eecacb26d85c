#!/usr/bin/env python3
"""Independent pandas/numpy reference for `noaber metrics all --every quarter`.

Reads a noaber SQLite store directly (docs/schema.md) and computes, for every village and every
quarter of the period, the same definitions as Sources/NoaberMetrics:

  cases, residents_reached, reach_per_1000 (Wilson 95%), cases_per_1000,
  first_contact_median_days and closure_median_days (Kaplan-Meier median with its exponential
  Greenwood interval, right-censored at the village's latest as-of date), volunteers_active,
  volunteer_hours_median / _p90 / _max (numpy-linear percentiles), volunteer_gini,
  volunteer_hours_top20_share, escalation_cases_counted, avoided_cost_eur (the median and 5-95%
  interval of a vectorised 10,000-draw triangular Monte Carlo) and avoided_cost_eur_most_likely
  (every parameter at its most likely value), with unit costs brought to the prices of the year
  the period ends in by the CBS CPI (Datasets/parameters/cpi-cbs.csv; a later year uses the
  series' last year).

Definitions it mirrors (see the Swift sources named):
  * period membership: a case belongs to the quarter its `received` date falls in; a task to the
    quarter of its `date` (PreparedInput.swift);
  * residents: distinct person_key over non-collective cases with a key (ReachMetrics.swift);
  * censoring: a village's as-of date is max(imports.as_of of its case imports, max(cases.as_of));
    cases received after it are left out; first contact missing -> censored at closure, else at
    as-of; negative durations are dropped; durations are fractional only when both ends carry a
    time (ResponseMetrics.swift, Moment.swift);
  * KM median: first time S(t) <= 0.5 (relative slack 1e-10), interval where the log-log band
    crosses 0.5 (KaplanMeier.swift, lifelines' convention);
  * escalation: a case counts for risk r when r is an intake risk, r is not among escalated_to and
    its outcome is known (closed, or received more than follow_up_days before the as-of date)
    (EscalationMetrics.swift); unit cost x CPI[end year] / CPI[its price year]
    (EscalationParameters+Prices.swift).

It does NOT apply disclosure control; the comparison skips rows noaber suppressed.

Usage:
  reference.py --db STORE --from 2022-01-01 --to 2024-12-31 --out ref.csv
               [--params Datasets/parameters/escalation.json] [--cpi Datasets/parameters/cpi-cbs.csv]
               [--draws 10000] [--seed 20240305]
               [--lifelines]   # use lifelines' KaplanMeierFitter for the medians (slower)
"""

import argparse
import json
import math
import sqlite3
import sys
import time

import numpy as np
import pandas as pd

Z95 = 1.959963984540054
SLACK = 1e-10


def parse_moments(s: pd.Series):
    """ISO 'yyyy-mm-dd' or 'yyyy-mm-ddThh:mm' -> (day number since epoch as int64 (or -1 for
    NULL), minute of day as float (NaN when the moment has no time))."""
    present = s.notna().to_numpy()
    filled = s.fillna("1970-01-01")
    days = pd.to_datetime(filled.str.slice(0, 10), format="%Y-%m-%d").to_numpy().astype("datetime64[D]").astype(np.int64)
    days = np.where(present, days, -1)
    has_time = (filled.str.len() == 16).to_numpy()
    minutes = np.full(len(s), np.nan)
    if has_time.any():
        t = filled[has_time]
        minutes[has_time] = t.str.slice(11, 13).astype(int).to_numpy() * 60 + t.str.slice(14, 16).astype(int).to_numpy()
    return days, minutes, present


def duration(d0, m0, d1, m1):
    """Moment.days(until:): whole days, plus the time difference when both ends have a time."""
    whole = (d1 - d0).astype(float)
    both = ~np.isnan(m0) & ~np.isnan(m1)
    return np.where(both, whole + (np.nan_to_num(m1) - np.nan_to_num(m0)) / 1440.0, whole)


def wilson(successes, trials):
    n = trials.astype(float)
    p = successes / n
    z2 = Z95 * Z95
    den = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / den
    half = Z95 * np.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / den
    lower = np.where(successes == 0, 0.0, np.maximum(0, centre - half))
    upper = np.where(successes == trials, 1.0, np.minimum(1, centre + half))
    return lower, upper


def km_median(t, e):
    """Kaplan-Meier median and its 95% log-log interval for one group, as KaplanMeier.swift."""
    if len(t) == 0:
        return None
    order = np.argsort(t, kind="stable")
    t, e = t[order], e[order]
    times, start = np.unique(t, return_index=True)
    total = np.diff(np.append(start, len(t)))
    events = np.add.reduceat(e.astype(np.int64), start)
    at_risk = len(t) - np.concatenate(([0], np.cumsum(total)[:-1]))
    frac = np.where(events > 0, (at_risk - events) / at_risk, 1.0)
    s = np.cumprod(frac)
    with np.errstate(divide="ignore", invalid="ignore"):
        # a step where everyone left at risk finishes adds nothing to Greenwood's sum (lifelines)
        gw = np.cumsum(np.where((events > 0) & (events < at_risk), events / (at_risk * (at_risk - events)), 0.0))
        ls = np.log(s)
        centre = np.log(-ls)
        spread = Z95 * np.sqrt(gw) / -ls
        lo = np.exp(-np.exp(centre + spread))
        hi = np.exp(-np.exp(centre - spread))
    lo = np.where(s <= 0, 0.0, np.where(s >= 1, 1.0, lo))
    hi = np.where(s <= 0, 0.0, np.where(s >= 1, 1.0, hi))
    target = 0.5 * (1 + SLACK)

    def first(x):
        idx = np.flatnonzero(x <= target)
        return times[idx[0]] if len(idx) else None

    med, l, u = first(s), first(lo), first(hi)
    if u is not None:
        interval = (l if l is not None else u, u)
    elif l is not None:
        interval = (l, math.inf)
    else:
        interval = (None, None)
    return med, interval[0], interval[1], len(t)


def km_median_lifelines(t, e):
    from lifelines import KaplanMeierFitter
    from lifelines.utils import median_survival_times
    if len(t) == 0:
        return None
    kmf = KaplanMeierFitter().fit(t, e)
    med = kmf.median_survival_time_
    ci = median_survival_times(kmf.confidence_interval_)
    lo, hi = float(ci.iloc[0, 0]), float(ci.iloc[0, 1])
    return (None if math.isinf(med) else float(med), None if math.isinf(lo) else lo, hi, len(t))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--from", dest="start", default="2022-01-01")
    ap.add_argument("--to", dest="end", default="2024-12-31")
    ap.add_argument("--out", required=True)
    ap.add_argument("--params", default="Datasets/parameters/escalation.json")
    ap.add_argument("--cpi", default="Datasets/parameters/cpi-cbs.csv")
    ap.add_argument("--draws", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=20240305)
    ap.add_argument("--lifelines", action="store_true", help="use lifelines for the KM medians")
    a = ap.parse_args()

    t0 = time.perf_counter()
    con = sqlite3.connect(f"file:{a.db}?mode=ro", uri=True)
    villages = pd.read_sql_query("SELECT village, inhabitants, cost_per_year_eur FROM villages ORDER BY village", con)
    cases = pd.read_sql_query(
        "SELECT village, case_id, person_key, received, first_contact, closed, collective FROM cases", con)
    risks = pd.read_sql_query("SELECT village, case_id, risk FROM case_risks", con)
    escal = pd.read_sql_query("SELECT village, case_id, risk FROM case_escalations", con)
    tasks = pd.read_sql_query("SELECT village, volunteer_key, date, hours FROM volunteer_tasks", con)
    as_of = pd.read_sql_query("""
        SELECT village, max(as_of) AS as_of FROM (
            SELECT village, as_of FROM imports WHERE kind = 'cases' AND village IS NOT NULL
            UNION ALL SELECT village, max(as_of) FROM cases GROUP BY village)
        GROUP BY village""", con)
    con.close()
    t_load = time.perf_counter() - t0

    # ---- periods: the quarters of [start, end]
    start = np.datetime64(a.start, "D").astype(np.int64)
    end = np.datetime64(a.end, "D").astype(np.int64)
    vcodes = villages["village"].tolist()
    vindex = {v: i for i, v in enumerate(vcodes)}
    quarters = pd.period_range(a.start, a.end, freq="Q")
    qlabels = [f"{p.year}Q{p.quarter}" for p in quarters]
    qstart = np.array([np.datetime64(p.start_time.date(), "D").astype(np.int64) for p in quarters])
    NQ = len(quarters)
    G = len(vcodes) * NQ

    def group_of(village_idx, day):
        q = np.searchsorted(qstart, day, side="right") - 1
        ok = (village_idx >= 0) & (day >= start) & (day <= end)
        return np.where(ok, village_idx * NQ + q, -1)

    # ---- cases
    rday, rmin, _ = parse_moments(cases["received"])
    fday, fmin, fpresent = parse_moments(cases["first_contact"])
    cday, cmin, cpresent = parse_moments(cases["closed"])
    vidx = cases["village"].map(vindex).fillna(-1).astype(np.int64).to_numpy()
    gid = group_of(vidx, rday)
    asof_map = dict(zip(as_of["village"], pd.to_datetime(as_of["as_of"]).to_numpy().astype("datetime64[D]").astype(np.int64)))
    aday = cases["village"].map(asof_map).fillna(np.iinfo(np.int64).min // 4).astype(np.int64).to_numpy()
    collective = cases["collective"].to_numpy() != 0

    in_period = gid >= 0
    n_cases = np.bincount(gid[in_period], minlength=G)
    keyed = in_period & ~collective & cases["person_key"].notna().to_numpy()
    residents = (pd.DataFrame({"g": gid[keyed], "k": cases["person_key"].to_numpy()[keyed]})
                 .drop_duplicates().groupby("g").size().reindex(range(G), fill_value=0).to_numpy())
    inhabitants = np.repeat(villages["inhabitants"].to_numpy(), NQ)

    # response durations
    known = in_period & (rday <= aday)
    nan = np.full(len(rday), np.nan)
    fc_end_day = np.where(fpresent, fday, np.where(cpresent, cday, aday))
    fc_end_min = np.where(fpresent, fmin, np.where(cpresent, cmin, nan))
    fc = duration(rday, rmin, fc_end_day, fc_end_min)
    cl = duration(rday, rmin, np.where(cpresent, cday, aday), np.where(cpresent, cmin, nan))

    def medians(dur, observed):
        ok = known & (dur >= 0)
        g, t, e = gid[ok], dur[ok], observed[ok]
        order = np.argsort(g, kind="stable")
        g, t, e = g[order], t[order], e[order]
        bounds = np.searchsorted(g, np.arange(G + 1))
        fit = km_median_lifelines if a.lifelines else km_median
        return [fit(t[bounds[i]:bounds[i + 1]], e[bounds[i]:bounds[i + 1]]) for i in range(G)]

    fc_km = medians(fc, fpresent)
    cl_km = medians(cl, cpresent)

    # escalation
    params = json.load(open(a.params))
    follow = params["follow_up_days"]
    risk_order = ["psychiatric_readmission", "nursing_home_admission", "caregiver_overload", "isolation", "fall",
                  "debt", "wmo_household_help", "frequent_gp_use"]
    valued = [r for r in risk_order if r in params["risks"]]
    rk = risks.merge(escal.assign(esc=1), on=["village", "case_id", "risk"], how="left")
    rk = rk[rk["esc"].isna()]
    outcome = pd.DataFrame({"village": cases["village"], "case_id": cases["case_id"], "g": gid,
                            "known": cpresent | ((aday - rday) > follow)})
    rk = rk.merge(outcome, on=["village", "case_id"])
    rk = rk[(rk["g"] >= 0) & rk["known"]]
    counted = np.bincount(rk.drop_duplicates(["village", "case_id"])["g"].to_numpy(), minlength=G)
    # every non-escalated risk makes a case count; only valued risks carry a cost
    rv = rk[rk["risk"].isin(valued)]
    counts = np.zeros((G, len(valued)))
    ri = rv["risk"].map({r: i for i, r in enumerate(valued)}).to_numpy()
    np.add.at(counts, (rv["g"].to_numpy(), ri), 1)

    # Unit costs at the prices of the year the period ends in (the CPI's last year for a later one).
    cpi = pd.read_csv(a.cpi).set_index("year")["cpi_2015_100"].to_dict()
    last = max(cpi)
    target = min(int(a.end[:4]), last)

    def est(r, p):
        e = params["risks"][r][p]
        f = 1.0
        if p == "unit_cost":
            f = cpi[target] / cpi[min(e.get("price_year", params["price_year"]), last)]
        return e["low"] * f, e["most_likely"] * f, e["high"] * f

    mode_per_case = np.array([math.prod([est(r, "probability")[1], 1 - est(r, "deadweight")[1],
                                         est(r, "attribution")[1], est(r, "unit_cost")[1]]) for r in valued])
    most_likely = counts @ mode_per_case
    rng = np.random.default_rng(a.seed)

    def tri(lo, mo, hi):
        return np.full(a.draws, lo) if hi <= lo else rng.triangular(lo, mo, hi, a.draws)

    factors = np.empty((len(valued), a.draws))
    for i, r in enumerate(valued):
        factors[i] = (tri(*est(r, "probability")) * (1 - tri(*est(r, "deadweight")))
                      * tri(*est(r, "attribution")) * tri(*est(r, "unit_cost")))
    mc_lo, mc_med, mc_hi = np.empty(G), np.empty(G), np.empty(G)
    for s in range(0, G, 200):  # chunks keep the draws matrix small
        tot = counts[s:s + 200] @ factors
        q = np.percentile(tot, [5, 50, 95], axis=1)
        mc_lo[s:s + 200], mc_med[s:s + 200], mc_hi[s:s + 200] = q[0], q[1], q[2]

    # ---- volunteers
    tvidx = tasks["village"].map(vindex).fillna(-1).astype(np.int64).to_numpy()
    tday = pd.to_datetime(tasks["date"], format="%Y-%m-%d").to_numpy().astype("datetime64[D]").astype(np.int64)
    tg = group_of(tvidx, tday)
    per_vol = (pd.DataFrame({"g": tg, "k": tasks["volunteer_key"].to_numpy(), "h": tasks["hours"].to_numpy()})
               .loc[lambda d: d["g"] >= 0].groupby(["g", "k"], sort=False)["h"].sum().reset_index()
               .sort_values(["g", "h"], kind="stable"))
    vg, vh = per_vol["g"].to_numpy(), per_vol["h"].to_numpy()
    vb = np.searchsorted(vg, np.arange(G + 1))
    vol = []
    for i in range(G):
        x = vh[vb[i]:vb[i + 1]]
        n = len(x)
        if n == 0:
            vol.append((0, None, None, None, None, None))
            continue
        total = x.sum()
        k = min(max(math.ceil(n * 0.2 - 1e-9), 1), n)
        gini = float(((2 * np.arange(1, n + 1) - n - 1) * x).sum() / (n * total)) if total > 0 else None
        top = float(x[n - k:].sum() / total) if total > 0 else None
        vol.append((n, float(np.percentile(x, 50)), float(np.percentile(x, 90)), float(x[-1]), gini, top))
    t_compute = time.perf_counter() - t0 - t_load

    # ---- tidy rows
    rl, ru = wilson(residents, inhabitants)
    rows = []
    for g in range(G):
        v, q = vcodes[g // NQ], qlabels[g % NQ]

        def add(metric, value, lower=None, upper=None, n=None):
            rows.append((v, q, metric, value, lower, upper, n))

        add("cases", n_cases[g])
        add("residents_reached", residents[g])
        add("reach_per_1000", 1000 * residents[g] / inhabitants[g], 1000 * rl[g], 1000 * ru[g], inhabitants[g])
        add("cases_per_1000", 1000 * n_cases[g] / inhabitants[g], n=inhabitants[g])
        for name, km in (("first_contact_median_days", fc_km[g]), ("closure_median_days", cl_km[g])):
            if km is None:
                add(name, None, n=0)
            else:
                add(name, km[0], km[1], km[2], km[3])
        n, med, p90, mx, gini, top = vol[g]
        add("volunteers_active", n)
        add("volunteer_hours_median", med, n=n)
        add("volunteer_hours_p90", p90, n=n)
        add("volunteer_hours_max", mx, n=n)
        add("volunteer_gini", gini, n=n)
        add("volunteer_hours_top20_share", top, n=n)
        add("escalation_cases_counted", counted[g])
        add("avoided_cost_eur", mc_med[g], mc_lo[g], mc_hi[g], counted[g])
        add("avoided_cost_eur_most_likely", most_likely[g], n=counted[g])
    out = pd.DataFrame(rows, columns=["village", "period", "metric", "value", "lower", "upper", "n"])
    out.to_csv(a.out, index=False, float_format="%.17g")
    total = time.perf_counter() - t0
    print(f"reference.py: {len(cases)} cases, {len(tasks)} tasks, {len(vcodes)} villages x {NQ} quarters, "
          f"{a.draws} draws{' (lifelines KM)' if a.lifelines else ''}: load {t_load:.2f} s, compute {t_compute:.2f} s, "
          f"total {total:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
