import NoaberModel

/// The two response-time endpoints.
public enum ResponseEndpoint: String, Sendable, CaseIterable, Codable {
    /// received → first contact
    case firstContact = "first_contact"
    /// received → closed (doorlooptijd)
    case closure
}

/// Response time (reactietijd) by Kaplan–Meier, with right-censoring at the as-of date.
///
/// For the cases received in the period:
/// - an endpoint that happened gives an observed duration `received.days(until:)` (fractional
///   when both ends have a time of day);
/// - one that did not is censored at the village's as-of date; a first contact missing on a
///   closed case is censored at the closure (nothing is known after it);
/// - cases received after the as-of date are left out (nothing is known about them yet);
/// - negative durations are data errors: left out of that endpoint's estimate and counted in
///   `response_negative_durations` (cases with at least one).
///
/// Rows: `first_contact_median_days`, `closure_median_days` (KM median, interval where the
/// exponential Greenwood band crosses 0.5). A median not reached has value nil, is not
/// suppressed, and comes with `first_contact_median_not_reached` / `closure_median_not_reached`
/// = 1. `first_contact_within_2d_pct` and `_7d_pct` = 100 · (1 − S(t)) with interval
/// 100 · (1 − upper), 100 · (1 − lower). n = cases in the estimate.
enum ResponseMetrics {
    struct Output {
        var rows: [MetricRow]
        var curves: [ResponseEndpoint: KaplanMeier]
    }

    struct Durations {
        var firstContact: (durations: [Double], observed: [Bool]) = ([], [])
        var closure: (durations: [Double], observed: [Bool]) = ([], [])
        var negative = 0
    }

    static func durations(_ cases: some Sequence<CaseRecord>, asOf: [String: CivilDate]) -> Durations {
        var d = Durations()
        for c in cases { add(c, asOf: asOf, to: &d) }
        return d
    }

    /// `durations` over index slices, lending each case instead of copying it.
    static func durations(_ cases: Slices<CaseRecord>, asOf: [String: CivilDate]) -> Durations {
        var d = Durations()
        cases.forEach { c in add(c, asOf: asOf, to: &d) }
        return d
    }

    @inline(__always)
    private static func add(_ c: borrowing CaseRecord, asOf: [String: CivilDate], to d: inout Durations) {
        guard let a = asOf[c.village], c.received.date <= a else { return }
        let censor = Moment(date: a)
        var bad = false
        // First contact: observed, else censored at closure, else at as-of.
        let fcEnd = c.firstContact ?? c.closed ?? censor
        let fc = c.received.days(until: fcEnd)
        if fc < 0 { bad = true } else {
            d.firstContact.durations.append(fc)
            d.firstContact.observed.append(c.firstContact != nil)
        }
        let cl = c.received.days(until: c.closed ?? censor)
        if cl < 0 { bad = true } else {
            d.closure.durations.append(cl)
            d.closure.observed.append(c.closed != nil)
        }
        if bad { d.negative += 1 }
    }

    static func compute(group: MetricGroup, period: Period, data: PreparedInput) -> Output {
        let d = durations(data.cases(in: group, period: period), asOf: data.asOf)
        var b = RowBuilder(group: group, period: period)
        let fc = KaplanMeier(durations: d.firstContact.durations, observed: d.firstContact.observed)
        let cl = KaplanMeier(durations: d.closure.durations, observed: d.closure.observed)
        median(fc, "first_contact", &b)
        median(cl, "closure", &b)
        for days in [2, 7] {
            let metric = "first_contact_within_\(days)d_pct"
            guard fc.count > 0 else {
                b.add(metric, nil, n: 0)
                continue
            }
            let t = Double(days)
            let s = fc.survivalInterval(at: t)
            b.add(metric, 100 * (1 - fc.survival(at: t)),
                  Interval(lower: 100 * (1 - s.upper), upper: 100 * (1 - s.lower)), n: fc.count)
        }
        b.count("response_negative_durations", d.negative)
        return Output(rows: b.rows, curves: [.firstContact: fc, .closure: cl])
    }

    private static func median(_ km: KaplanMeier, _ prefix: String, _ b: inout RowBuilder) {
        let metric = prefix + "_median_days"
        guard km.count > 0 else {
            b.add(metric, nil, n: 0)
            return
        }
        b.add(metric, km.median, km.medianInterval(), n: km.count)
        if km.median == nil {
            b.count(prefix + "_median_not_reached", 1, n: km.count)
        }
    }
}
