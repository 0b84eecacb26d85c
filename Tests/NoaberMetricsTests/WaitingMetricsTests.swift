import Testing
import NoaberModel
@testable import NoaberMetrics

/// Who is waiting now (`open_waiting*`), by hand.
@Suite struct WaitingMetricsTests {
    /// The shared fixture has no first contacts, so every case open on 2024-03-31 is waiting:
    /// c3 (received 01-05, closed 04-15: 86 days), c5 (02-10: 50), c8 (03-05: 26), c10 (03-12: 19),
    /// c12 (03-20: 11). Waiting 5; over 2 days 5, over 7 days 5, over 30 days 2 (c3, c5).
    /// Wilson 95% for 2 of 5 (Python, z = 1.959963984540054): 11.762077…–76.927571…%.
    @Test func fixtureByHand() throws {
        let r = try Fixture.run(.response)
        #expect(try r.value("AAA", "2024Q1", "open_waiting") == 5)
        #expect(try r.value("AAA", "2024Q1", "open_waiting_over_2d") == 5)
        #expect(try r.value("AAA", "2024Q1", "open_waiting_over_7d") == 5)
        #expect(try r.value("AAA", "2024Q1", "open_waiting_over_30d") == 2)
        let pct = try #require(r.row("AAA", "2024Q1", "open_waiting_over_30d_pct"))
        #expect(pct.value == 40 && pct.n == 5)
        #expect(close(pct.lower, 11.762077423264783, 1e-9) && close(pct.upper, 76.9275718723987, 1e-9))
        #expect(try r.value("AAA", "2024Q1", "open_waiting_over_7d_pct") == 100)
        // Nothing is waiting where nothing is open: the open caseload agrees.
        let all = try Fixture.run(.all)
        #expect(try all.value("AAA", "2024Q1", "open_cases_at_end") == 5)
    }

    /// BBB, as-of 2024-12-31, period 2024Q4 (reference day 2024-12-31):
    ///
    ///     case  received    first contact  closed      waited  counted as
    ///     w1    12-30       –              –           1       waiting
    ///     w2    12-29       –              –           2       waiting (not over 2: needs > 2)
    ///     w3    12-28       –              –           3       over 2
    ///     w4    12-24       –              –           7       over 2 (not over 7)
    ///     w5    12-23       –              –           8       over 2, 7
    ///     w6    12-01       –              –           30      over 2, 7 (not over 30)
    ///     w7    11-30       –              –           31      over 2, 7, 30
    ///     w8    06-01       –              –           213     over 2, 7, 30 (an older case still waits)
    ///     w9    12-31       –              –           0       waiting
    ///     x1    12-20       12-22          –                   open, contacted: not waiting
    ///     x2    12-20       12-31          –                   contacted on the day: not waiting
    ///     x3    12-10       –              12-15               closed: not open
    ///
    /// Waiting 9; over 2 days 6 (w3–w8), over 7 days 4 (w5–w8), over 30 days 2 (w7, w8).
    /// Wilson 95% (Python): 6/9 35.420214–87.941618; 4/9 18.877852–73.334871; 2/9 6.322511–54.741103.
    @Test func bandsByHand() throws {
        let village = Village(code: "BBB", name: "Bornerbroek", municipality: "Almelo", inhabitants: 2000,
                              registrationStart: try day("2024-01-01"))
        func c(_ id: String, _ received: String, contact: String? = nil, closed: String? = nil) throws -> CaseRecord {
            CaseRecord(village: "BBB", caseID: id, personKey: id, received: try at(received),
                       firstContact: try contact.map(at), closed: try closed.map(at), source: .resident, themes: [.other])
        }
        let cases = [
            try c("w8", "2024-06-01"), try c("w7", "2024-11-30"), try c("w6", "2024-12-01"), try c("x3", "2024-12-10", closed: "2024-12-15"),
            try c("x1", "2024-12-20", contact: "2024-12-22"), try c("x2", "2024-12-20", contact: "2024-12-31"),
            try c("w5", "2024-12-23"), try c("w4", "2024-12-24"), try c("w3", "2024-12-28"), try c("w2", "2024-12-29"),
            try c("w1", "2024-12-30"), try c("w9", "2024-12-31"),
        ]
        let input = MetricsInput(villages: [village], cases: cases, asOf: ["BBB": try day("2024-12-31")], qualityFacts: [:])
        let r = MetricsEngine.compute(.response, input: input, options: MetricsOptions(periods: [try period("2024Q4")], suppress: false))
        #expect(try r.value("BBB", "2024Q4", "open_waiting") == 9)
        #expect(try r.value("BBB", "2024Q4", "open_waiting_over_2d") == 6)
        #expect(try r.value("BBB", "2024Q4", "open_waiting_over_7d") == 4)
        #expect(try r.value("BBB", "2024Q4", "open_waiting_over_30d") == 2)
        for (metric, share, lower, upper) in [("open_waiting_over_2d_pct", 600.0 / 9, 35.420213558039634, 87.9416181613089),
                                              ("open_waiting_over_7d_pct", 400.0 / 9, 18.87785210976645, 73.3348706504507),
                                              ("open_waiting_over_30d_pct", 200.0 / 9, 6.322510711784671, 54.74110308930111)] {
            let row = try #require(r.row("BBB", "2024Q4", metric))
            #expect(close(row.value, share, 1e-9) && row.n == 9, "\(metric)")
            #expect(close(row.lower, lower, 1e-9) && close(row.upper, upper, 1e-9), "\(metric)")
        }
        // Earlier, at the end of November: w8 (182 days) and w7 (0 days) wait.
        let nov = MetricsEngine.compute(.response, input: input, options: MetricsOptions(periods: [try period("2024-11")], suppress: false))
        #expect(try nov.value("BBB", "2024-11", "open_waiting") == 2)
        #expect(try nov.value("BBB", "2024-11", "open_waiting_over_30d") == 1)
        // With suppression, 2 waiting over 30 days is a small cell: hidden, and its share with it.
        let shown = MetricsEngine.compute(.response, input: input, options: MetricsOptions(periods: [try period("2024Q4")]))
        #expect(shown.row("BBB", "2024Q4", "open_waiting_over_30d")?.suppressed == true)
        #expect(shown.row("BBB", "2024Q4", "open_waiting_over_30d_pct")?.suppressed == true)
        #expect(shown.row("BBB", "2024Q4", "open_waiting_over_2d_pct")?.suppressed == false)
    }

    /// A village whose data end before the period does has no figure — unless --include-partial,
    /// which counts it at its as-of date (the fixture's data end 2024-05-31, inside 2024Q2).
    /// On 2024-05-31: c5 (received 02-10, 111 days), c8 (03-05, 87), c10 (03-12, 80), c12 (03-20, 72)
    /// still wait; c3 was closed on 04-15. Waiting 4, all over 30 days.
    @Test func partlyCoveredPeriod() throws {
        let r = try Fixture.run(.response) { $0.periods = [try period("2024Q2")] }
        #expect(r.row("AAA", "2024Q2", "open_waiting") == nil)
        let partial = try Fixture.run(.response) { $0.periods = [try period("2024Q2")]; $0.includePartial = true }
        #expect(try partial.value("AAA", "2024Q2", "open_waiting") == 4)
        #expect(try partial.value("AAA", "2024Q2", "open_waiting_over_30d") == 4)
    }
}
