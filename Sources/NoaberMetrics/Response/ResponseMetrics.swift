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

    /// The durations of every case in a table, each censored at its village's `asOf`.
    static func durations(_ table: CaseTable, asOf: [String: CivilDate]) -> Durations {
        var d = Durations()
        for code in table.byVillage.keys.sorted() {
            let list = table.cases(village: code)
            add(list[...], asOf: asOf[code], to: &d)
        }
        return d
    }

    private static func add(_ cases: ArraySlice<CaseFacts>, asOf: CivilDate?, to d: inout Durations) {
        let censor = asOf.map { Int32(clamping: $0.dayNumber) } ?? Int32.min
        d.negative += observe(cases, censorDays: Array(repeating: censor, count: cases.count)[...]) { endpoint, duration, observed in
            switch endpoint {
            case .firstContact:
                d.firstContact.durations.append(duration)
                d.firstContact.observed.append(observed)
            case .closure:
                d.closure.durations.append(duration)
                d.closure.observed.append(observed)
            }
        }
    }

    /// Calls `body` with each case's non-negative duration per endpoint and whether the endpoint
    /// was observed (else censored at the case's censoring day, aligned in `censorDays`; a case
    /// whose day is unknown, `Int32.min`, is left out), and returns the number of cases with a
    /// negative duration.
    private static func observe(_ cases: ArraySlice<CaseFacts>, censorDays: ArraySlice<Int32>,
                                _ body: (ResponseEndpoint, Double, Bool) -> Void) -> Int {
        var negative = 0
        let offset = censorDays.startIndex - cases.startIndex
        var censorDay = Int32.min, censor = Moment(date: CivilDate(dayNumber: 0))
        for i in cases.indices {
            let c = cases[i]
            let day = censorDays[i + offset]
            guard day != Int32.min, c.receivedDayNumber <= Int(day) else { continue }
            if day != censorDay {
                censorDay = day
                censor = Moment(date: CivilDate(dayNumber: Int(day)))
            }
            let received = c.received, firstContact = c.firstContact, closed = c.closed
            var bad = false
            // First contact: observed, else censored at closure, else at as-of.
            let fc = received.days(until: firstContact ?? closed ?? censor)
            if fc < 0 { bad = true } else { body(.firstContact, fc, firstContact != nil) }
            let cl = received.days(until: closed ?? censor)
            if cl < 0 { bad = true } else { body(.closure, cl, closed != nil) }
            if bad { negative += 1 }
        }
        return negative
    }

    /// The observations of one group and period, filled one village at a time: per endpoint
    /// the (time, event) runs, which pool into memory bounded by the number of distinct times.
    struct Tally: Sendable {
        var firstContact = ObservationRuns()
        var closure = ObservationRuns()
        var negative = 0

        mutating func add(_ slice: VillageCases) {
            var firstKeys: [UInt64] = [], closureKeys: [UInt64] = []
            firstKeys.reserveCapacity(slice.cases.count)
            closureKeys.reserveCapacity(slice.cases.count)
            negative += ResponseMetrics.observe(slice.cases, censorDays: slice.censorDays) { endpoint, duration, observed in
                guard let key = ObservationRuns.key(duration: duration, event: observed) else { return }
                if endpoint == .firstContact { firstKeys.append(key) } else { closureKeys.append(key) }
            }
            RadixSort.sort(&firstKeys)
            RadixSort.sort(&closureKeys)
            firstContact.merge(ObservationRuns(sortedKeys: firstKeys))
            closure.merge(ObservationRuns(sortedKeys: closureKeys))
        }
    }

    static func compute(_ t: Tally, group: MetricGroup, period: Period) -> Output {
        let d = t
        var b = RowBuilder(group: group, period: period)
        let fc = KaplanMeier(runs: d.firstContact)
        let cl = KaplanMeier(runs: d.closure)
        median(fc, .firstContactMedianDays, notReached: .firstContactMedianNotReached, &b)
        median(cl, .closureMedianDays, notReached: .closureMedianNotReached, &b)
        for (days, metric) in [(2, Metric.firstContactWithin2dPct), (7, .firstContactWithin7dPct)] {
            guard fc.count > 0 else {
                b.add(metric, nil, n: 0)
                continue
            }
            let t = Double(days)
            let s = fc.survivalInterval(at: t)
            b.add(metric, 100 * (1 - fc.survival(at: t)),
                  Interval(lower: 100 * (1 - s.upper), upper: 100 * (1 - s.lower)), n: fc.count)
        }
        b.count(.responseNegativeDurations, d.negative)
        return Output(rows: b.rows, curves: [.firstContact: fc, .closure: cl])
    }

    private static func median(_ km: KaplanMeier, _ metric: Metric, notReached: Metric, _ b: inout RowBuilder) {
        guard km.count > 0 else {
            b.add(metric, nil, n: 0)
            return
        }
        b.add(metric, km.median, km.medianInterval(), n: km.count)
        if km.median == nil {
            b.count(notReached, 1, n: km.count)
        }
    }
}
