import Testing
@testable import NoaberMetrics

/// Datasets in Fixtures/km_reference.json (see make_reference.py for what each one exercises).
private let referenceDatasets = [
    "tied_events", "ties_event_censoring", "heavy_censoring", "plateau_half_n4", "plateau_half_n6",
    "median_not_reached", "fractional", "all_censored", "one_event", "one_censored", "same_day",
    "ends_at_zero", "random_n500",
]

@Suite("Kaplan–Meier against lifelines")
struct KaplanMeierReferenceTests {
    @Test("every step matches lifelines' survival_function_, confidence_interval_ and event_table",
          arguments: referenceDatasets)
    func stepsMatchLifelines(name: String) throws {
        let reference = try ReferenceFixtures.load().kaplanMeierCase(name)
        let km = KaplanMeier(durations: reference.durations, observed: reference.observed)
        #expect(km.count == reference.durations.count)
        #expect(km.eventCount == reference.observed.filter { $0 }.count)
        try #require(km.steps.count == reference.steps.count)
        for (step, expected) in zip(km.steps, reference.steps) {
            #expect(step.time == expected.time)
            #expect(step.atRisk == expected.atRisk, "at risk at t=\(expected.time)")
            #expect(step.events == expected.events, "events at t=\(expected.time)")
            #expect(step.censored == expected.censored, "censored at t=\(expected.time)")
            #expect(isClose(step.survival, expected.survival), "S at t=\(expected.time): \(step.survival) vs \(expected.survival)")
            #expect(isClose(step.lower, expected.lower), "lower at t=\(expected.time): \(step.lower) vs \(expected.lower)")
            #expect(isClose(step.upper, expected.upper), "upper at t=\(expected.time): \(step.upper) vs \(expected.upper)")
        }
    }

    @Test("S(t) and its band at t = 2 and t = 7 match lifelines' asof reading", arguments: referenceDatasets)
    func valuesAtTimes(name: String) throws {
        let reference = try ReferenceFixtures.load().kaplanMeierCase(name)
        let km = KaplanMeier(durations: reference.durations, observed: reference.observed)
        #expect(reference.atTimes.count == 2)
        for expected in reference.atTimes {
            let band = km.survivalInterval(at: expected.t)
            #expect(isClose(km.survival(at: expected.t), expected.survival), "S(\(expected.t))")
            #expect(isClose(band.lower, expected.lower), "lower(\(expected.t)): \(band.lower) vs \(expected.lower)")
            #expect(isClose(band.upper, expected.upper), "upper(\(expected.t)): \(band.upper) vs \(expected.upper)")
        }
    }

    @Test("median equals the exact first time S <= 1/2, and lifelines' median wherever lifelines' rounding allows",
          arguments: referenceDatasets)
    func median(name: String) throws {
        let reference = try ReferenceFixtures.load().kaplanMeierCase(name)
        let km = KaplanMeier(durations: reference.durations, observed: reference.observed)
        #expect(km.median == reference.medianExact)
        if name != "plateau_half_n6" {
            #expect((km.median ?? .infinity) == reference.medianLifelines)
        }
    }

    @Test("median interval matches lifelines' median_survival_times(confidence_interval_)",
          arguments: referenceDatasets)
    func medianInterval(name: String) throws {
        let reference = try ReferenceFixtures.load().kaplanMeierCase(name)
        let km = KaplanMeier(durations: reference.durations, observed: reference.observed)
        let expected = reference.medianCiLifelines
        try #require(expected.count == 2)
        if expected[0] == .infinity {
            #expect(km.medianInterval() == nil)
        } else {
            let interval = try #require(km.medianInterval())
            #expect(interval.lower == expected[0])
            #expect(interval.upper == expected[1])
        }
    }

    @Test("quantiles equal the exact first time S <= 1 - p", arguments: referenceDatasets)
    func quantiles(name: String) throws {
        let reference = try ReferenceFixtures.load().kaplanMeierCase(name)
        let km = KaplanMeier(durations: reference.durations, observed: reference.observed)
        #expect(reference.quantilesExact.count == 4)
        for row in reference.quantilesExact {
            #expect(km.quantile(row.p) == row.time, "p=\(row.p)")
        }
    }

    @Test("the fixture covers the cases the council figures depend on")
    func fixtureCoverage() throws {
        let file = try ReferenceFixtures.load()
        #expect(Set(file.kaplanMeier.map(\.name)) == Set(referenceDatasets))
        let random = try file.kaplanMeierCase("random_n500")
        #expect(random.durations.count == 500)
        // The documented divergence: exactly 1/2 from t = 3, lifelines' rounding says "never".
        let plateau = try file.kaplanMeierCase("plateau_half_n6")
        #expect(plateau.medianLifelines == .infinity)
        #expect(plateau.medianExact == 3)
    }

    @Test("input order does not matter")
    func orderInvariance() throws {
        let reference = try ReferenceFixtures.load().kaplanMeierCase("random_n500")
        let forward = KaplanMeier(durations: reference.durations, observed: reference.observed)
        let backward = KaplanMeier(durations: reference.durations.reversed(), observed: reference.observed.reversed())
        #expect(forward.steps == backward.steps)
        #expect(forward.medianInterval() == backward.medianInterval())
    }
}

@Suite("Kaplan–Meier by hand")
struct KaplanMeierHandWorkedTests {
    // Seven cases, durations in days, * = still open (censored):
    //   1, 2, 2*, 3, 5*, 5, 8
    //
    //   t   n_i d_i c_i  S(t)                      Greenwood V = Σ d/(n(n−d))
    //   1   7   1   0    6/7          = 0.857142…  1/42                   = 0.0238095…
    //   2   6   1   1    6/7·5/6 = 5/7 = 0.714285…  1/42 + 1/30 = 2/35     = 0.0571428…
    //   3   4   1   0    5/7·3/4 = 15/28 = 0.535714… 2/35 + 1/12 = 59/420   = 0.1404761…
    //   5   3   1   1    15/28·2/3 = 5/14 = 0.357142… 59/420 + 1/6 = 43/140 = 0.3071428…
    //   8   1   1   0    0                         (d = n: term left out)
    //
    // (the case censored at 2 is still at risk at 2: events before censorings.)
    // Band at t = 1 (z = 1.959963984540054): log S = log(6/7) = −0.1541506798,
    //   c = log(0.1541506798) = −1.869850, s = z·√(1/42)/0.1541506798 = 1.961938,
    //   lower = exp(−exp(c + s)) = exp(−exp(0.092088)) = 0.3340538793,
    //   upper = exp(−exp(c − s)) = exp(−exp(−3.831788)) = 0.9785610585.
    // Likewise t = 2: [0.2581536655, 0.9197974560]; t = 3: [0.1319881770, 0.8249970420];
    //   t = 5: [0.0519765195, 0.6987130320]; t = 8: [0, 0].
    // Median: S(3) = 0.536 > 0.5, S(5) = 0.357 ≤ 0.5, so 5. Its interval: the lower band is ≤ 0.5
    //   already at t = 1 (0.334), the upper band first at t = 8 (0), so [1, 8].
    private let km = KaplanMeier(durations: [5, 1, 2, 8, 3, 2, 5],
                                 observed: [false, true, false, true, true, true, true])

    @Test func countsAndSteps() {
        #expect(km.count == 7)
        #expect(km.eventCount == 5)
        #expect(km.steps.map(\.time) == [1, 2, 3, 5, 8])
        #expect(km.steps.map(\.atRisk) == [7, 6, 4, 3, 1])
        #expect(km.steps.map(\.events) == [1, 1, 1, 1, 1])
        #expect(km.steps.map(\.censored) == [0, 1, 0, 1, 0])
        let exact: [Double] = [6.0 / 7, 5.0 / 7, 15.0 / 28, 5.0 / 14, 0]
        for (step, value) in zip(km.steps, exact) {
            #expect(isClose(step.survival, value, relative: 1e-14))
        }
    }

    @Test func bands() {
        let expected: [(Double, Double)] = [(0.3340538793, 0.9785610585), (0.2581536655, 0.9197974560),
                                            (0.1319881770, 0.8249970420), (0.0519765195, 0.6987130320), (0, 0)]
        for (step, (lower, upper)) in zip(km.steps, expected) {
            #expect(abs(step.lower - lower) < 1e-10, "lower at \(step.time)")
            #expect(abs(step.upper - upper) < 1e-10, "upper at \(step.time)")
        }
    }

    @Test func stepFunctionIsRightContinuous() {
        #expect(km.survival(at: 0) == 1)
        #expect(km.survival(at: 0.999) == 1)
        #expect(km.survival(at: 1) == km.steps[0].survival)
        #expect(km.survival(at: 4.999) == km.steps[2].survival)
        #expect(km.survival(at: 5) == km.steps[3].survival)
        #expect(km.survival(at: 1_000) == 0)
        #expect(km.survivalInterval(at: 0.5) == Interval(lower: 1, upper: 1))
        #expect(km.survivalInterval(at: 2.5) == Interval(lower: km.steps[1].lower, upper: km.steps[1].upper))
    }

    @Test func medianAndQuantiles() {
        #expect(km.median == 5)
        #expect(km.medianInterval() == Interval(lower: 1, upper: 8))
        #expect(km.quantile(0.25) == 2)    // S(2) = 0.714 ≤ 0.75
        #expect(km.quantile(0.1) == 1)     // S(1) = 0.857 ≤ 0.9
        #expect(km.quantile(1) == 8)       // S reaches 0 at 8
        #expect(km.quantile(0) == nil)
        #expect(km.quantile(1.5) == nil)
        #expect(km.quantile(.nan) == nil)
    }

    @Test func otherConfidenceLevels() throws {
        // The 95% band rebuilt from the stored Greenwood sum equals the step's band...
        #expect(km.survivalInterval(at: 3, confidence: 0.95) == Interval(lower: km.steps[2].lower, upper: km.steps[2].upper))
        // ...and a 99% band is wider, an 80% band narrower, all around S.
        let s = km.survival(at: 3)
        let wide = km.survivalInterval(at: 3, confidence: 0.99)
        let narrow = km.survivalInterval(at: 3, confidence: 0.80)
        #expect(wide.lower < km.steps[2].lower && km.steps[2].upper < wide.upper)
        #expect(km.steps[2].lower < narrow.lower && narrow.upper < km.steps[2].upper)
        #expect(narrow.contains(s))
        // 80% band at t = 3, z = 1.2815515655446004: c = log(−log(15/28)), s = z·√(59/420)/−log(15/28),
        // [exp(−exp(c + s)), exp(−exp(c − s))] = [0.25990436458806465, 0.7489243845584928]
        // (lifelines with alpha = 0.2 prints the same; its median interval is then [2, 8]).
        #expect(isClose(narrow.lower, 0.25990436458806465, relative: 1e-12))
        #expect(isClose(narrow.upper, 0.7489243845584928, relative: 1e-12))
        #expect(km.medianInterval(confidence: 0.80) == Interval(lower: 2, upper: 8))
    }
}

@Suite("Kaplan–Meier edges")
struct KaplanMeierEdgeTests {
    @Test func empty() {
        let km = KaplanMeier(durations: [], observed: [])
        #expect(km.count == 0)
        #expect(km.eventCount == 0)
        #expect(km.steps.isEmpty)
        #expect(km.survival(at: 3) == 1)
        #expect(km.survivalInterval(at: 3) == Interval(lower: 1, upper: 1))
        #expect(km.median == nil)
        #expect(km.medianInterval() == nil)
    }

    @Test func invalidDurationsAreSkipped() {
        let km = KaplanMeier(durations: [-1, .nan, .infinity, 2, 4], observed: [true, true, true, true, false])
        #expect(km.count == 2)
        #expect(km.steps.map(\.time) == [2, 4])
        #expect(km.survival(at: 3) == 0.5)
    }

    @Test func mismatchedLengthsUseTheShorter() {
        let km = KaplanMeier(durations: [1, 2, 3], observed: [true, false])
        #expect(km.count == 2)
        #expect(km.steps.map(\.time) == [1, 2])
    }

    @Test func allCensoredStaysAtOne() {
        let km = KaplanMeier(durations: [1, 4, 9], observed: [false, false, false])
        #expect(km.steps.allSatisfy { $0.survival == 1 && $0.lower == 1 && $0.upper == 1 })
        #expect(km.median == nil)
        #expect(km.medianInterval() == nil)
    }

    @Test func exactHalfPlateauGivesItsStart() {
        // 5/6 · 4/5 · 3/4 = 1/2 exactly from t = 3 on; rounding must not move the median past it.
        let km = KaplanMeier(durations: [1, 2, 3, 4, 5, 6], observed: [true, true, true, false, false, false])
        #expect(km.median == 3)
        let four = KaplanMeier(durations: [1, 2, 3, 3], observed: [true, true, false, false])
        #expect(four.median == 2)
        // 24 events at 1…24: S(12) = 12/24 exactly, but the floating product of 23/24 · 22/23 · …
        // rounds to 0.5000000000000001; without the slack the median would move to 13.
        let days = (1...24).map(Double.init)
        let many = KaplanMeier(durations: days, observed: Array(repeating: true, count: 24))
        #expect(many.steps[11].survival > 0.5)
        #expect(many.median == 12)
        // 10 events at 1…10: S(9) = 1/10, and 1 − 0.9 = 0.09999999999999998 < 0.1 in floating point.
        let ten = KaplanMeier(durations: Array(days.prefix(10)), observed: Array(repeating: true, count: 10))
        #expect(ten.quantile(0.9) == 9)
    }
}
