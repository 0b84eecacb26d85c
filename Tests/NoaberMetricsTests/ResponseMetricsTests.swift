import Testing
import NoaberModel
@testable import NoaberMetrics

/// Response times by Kaplan–Meier, worked by hand. Village R, as-of 2024-01-31, period 2024-01:
///
///     case  received          first contact     closed            first-contact  closure
///     r1    2024-01-01        2024-01-02        2024-01-05        1              4
///     r2    2024-01-01T09:00  2024-01-01T15:00  2024-01-11T09:00  0.25           10
///     r3    2024-01-10        2024-01-13        –                 3              21 censored (as-of)
///     r4    2024-01-20        –                 –                 11 censored    11 censored
///     r5    2024-01-05        2024-01-04 (!)    2024-01-06        negative: out  1
///     r7    2024-01-15        –                 2024-01-16        1 censored     1
///     r6    2024-02-05 (after as-of, period 2024-01-01..2024-02-29 only): left out
///
/// First contact (n = 5): S(0.25) = 4/5 = 0.8; at t = 1 four at risk, one event (the censoring at 1
/// comes after it) → 0.6; at t = 3 two at risk, one event → 0.3. Median 3; S(2) = 0.6; S(7) = 0.3.
/// Closure (n = 6): t = 1 two events of 6 → 2/3; t = 4 one of 4 → 0.5 (exactly: the median is 4,
/// the first time S ≤ 0.5); t = 10 one of 3 → 1/3.
/// Exponential Greenwood at S(2) = 0.6: Σ d/(n(n−d)) = 1/20 + 1/12; V = Σ / ln(S)²;
/// bounds exp(−exp(ln(−ln S) ± z√V)) = 0.12573018 … 0.88175641 (Python, z = 1.959963984540054).
struct ResponseMetricsTests {
    static func input() throws -> MetricsInput {
        let v = Village(code: "R", name: "R", municipality: "M", inhabitants: 900)
        func c(_ id: String, _ received: String, _ fc: String?, _ closed: String?) throws -> CaseRecord {
            CaseRecord(village: "R", caseID: id, personKey: id, received: try at(received),
                       firstContact: try fc.map(at), closed: try closed.map(at))
        }
        return MetricsInput(villages: [v], cases: [
            try c("r1", "2024-01-01", "2024-01-02", "2024-01-05"),
            try c("r2", "2024-01-01T09:00", "2024-01-01T15:00", "2024-01-11T09:00"),
            try c("r3", "2024-01-10", "2024-01-13", nil),
            try c("r4", "2024-01-20", nil, nil),
            try c("r5", "2024-01-05", "2024-01-04", "2024-01-06"),
            try c("r7", "2024-01-15", nil, "2024-01-16"),
            try c("r6", "2024-02-05", nil, nil),
        ], asOf: ["R": try day("2024-01-31")])
    }

    static func run(_ p: String = "2024-01") throws -> MetricsResult {
        MetricsEngine.compute(.response, input: try input(),
                              options: MetricsOptions(periods: [try period(p)], suppress: false))
    }

    @Test func durationsCensoringAndExclusions() throws {
        // In order of receipt: r1, r2, r5 (first contact before receipt: left out of that
        // endpoint), r3, r7 (first contact censored at closure), r4 (censored at as-of); r6 came
        // after the as-of date.
        let d = ResponseMetrics.durations(try Self.input().cases, asOf: ["R": try day("2024-01-31")])
        #expect(d.firstContact.durations == [1, 0.25, 3, 1, 11])
        #expect(d.firstContact.observed == [true, true, true, false, false])
        #expect(d.closure.durations == [4, 10, 1, 21, 1, 11])
        #expect(d.closure.observed == [true, true, true, false, true, false])
        #expect(d.negative == 1)
    }

    @Test func mediansAndSharesByHand() throws {
        let r = try Self.run()
        let fc = try #require(r.row("R", "2024-01", "first_contact_median_days"))
        #expect(fc.value == 3 && fc.n == 5)
        let cl = try #require(r.row("R", "2024-01", "closure_median_days"))
        #expect(cl.value == 4 && cl.n == 6)
        let two = try #require(r.row("R", "2024-01", "first_contact_within_2d_pct"))
        #expect(close(two.value, 40, 1e-9) && two.n == 5)
        #expect(close(two.lower, 100 * (1 - 0.8817564073935323), 1e-6))
        #expect(close(two.upper, 100 * (1 - 0.1257301829944313), 1e-6))
        #expect(close(try r.value("R", "2024-01", "first_contact_within_7d_pct"), 70, 1e-9))
        #expect(try r.value("R", "2024-01", "response_negative_durations") == 1)
        #expect(r.row("R", "2024-01", "first_contact_median_not_reached") == nil)
        #expect(r.survivalCurves.count == 2)
    }

    @Test func casesAfterAsOfAreLeftOut() throws {
        let r = try Self.run("2024-01-01..2024-02-29")
        #expect(r.row("R", "2024-01-01..2024-02-29", "first_contact_median_days")?.n == 5)   // r6 not in
    }

    @Test func medianNotReachedIsReportedAsSuch() throws {
        let v = Village(code: "N", name: "N", municipality: "M", inhabitants: 500)
        let cases = try ["2024-01-01", "2024-01-02", "2024-01-03"].enumerated().map { i, d in
            CaseRecord(village: "N", caseID: "\(i)", received: try at(d),
                       firstContact: i == 0 ? try at("2024-01-02") : nil)
        }
        let input = MetricsInput(villages: [v], cases: cases, asOf: ["N": try day("2024-01-10")])
        let r = MetricsEngine.compute(.response, input: input,
                                      options: MetricsOptions(periods: [try period("2024-01")], suppress: false))
        let m = try #require(r.row("N", "2024-01", "first_contact_median_days"))
        #expect(m.value == nil && !m.suppressed && m.n == 3)                 // S = 2/3 never reaches 0.5
        #expect(try r.value("N", "2024-01", "first_contact_median_not_reached") == 1)
        #expect(try r.value("N", "2024-01", "closure_median_not_reached") == 1)
    }

    @Test func emptyPeriodGivesNoEstimate() throws {
        // 2023 lies before R's data (its first case, 2024-01-01, stands in for the registration
        // start): no estimate at all. A covered day without cases gives an estimate of n = 0.
        let before = try Self.run("2023")
        #expect(before.row("R", "2023", "first_contact_median_days") == nil)
        #expect(try before.value("R", "2023", "coverage_pct") == 0)
        #expect(before.survivalCurves.isEmpty)
        let r = try Self.run("2024-01-31..2024-01-31")
        #expect(try r.value("R", "2024-01-31..2024-01-31", "first_contact_median_days") == nil)
        #expect(r.row("R", "2024-01-31..2024-01-31", "first_contact_median_days")?.n == 0)
        #expect(r.row("R", "2024-01-31..2024-01-31", "first_contact_median_not_reached") == nil)
        #expect(r.survivalCurves.isEmpty)
    }
}
