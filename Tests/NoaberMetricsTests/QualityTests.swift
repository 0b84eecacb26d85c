import Testing
import NoaberModel
@testable import NoaberMetrics

struct QualityTests {
    @Test func fixtureCompletenessAndFacts() throws {
        let r = try Fixture.run(.quality) { $0.today = try day("2024-06-10") }
        func v(_ m: String) throws -> Double? { try r.value("AAA", "all", m) }
        // 13 stored cases; person key missing on c9, c10, c11 → 10 / 13
        #expect(close(try v("completeness_pct:person_id"), 1000.0 / 13))
        #expect(r.row("AAA", "all", "completeness_pct:person_id")?.n == 13)
        // age band: given on 9, birth year on c5 → 10 / 13
        #expect(close(try v("completeness_pct:age_band"), 1000.0 / 13))
        // closed: c0, c1, c2, c3, c4, c6, c7, c9, c11 = 9 / 13
        #expect(close(try v("completeness_pct:closed"), 900.0 / 13))
        #expect(try v("completeness_pct:first_contact") == 0)
        #expect(try v("completeness_pct:themes") == 100)
        #expect(close(try v("completeness_pct:support_minutes"), 300.0 / 13))
        #expect(try v("rows_rejected") == 2)
        #expect(close(try v("rejected_pct"), 200.0 / 15))
        #expect(try v("rejected:invalid_date") == 2)
        #expect(try v("days_since_latest_export") == 10)
        #expect(try v("dates_out_of_order") == 0)
        #expect(try v("dates_in_future") == 0)
        #expect(try v("duplicate_cases") == 0)
    }

    @Test func orderFutureAndDuplicates() throws {
        let v = Village(code: "Q", name: "Q", municipality: "M", inhabitants: 100)
        let cases = [
            CaseRecord(village: "Q", caseID: "1", personKey: "A", received: try at("2024-01-10"),
                       firstContact: try at("2024-01-09"), themes: [.housing]),                    // out of order
            CaseRecord(village: "Q", caseID: "2", personKey: "A", received: try at("2024-01-10T10:00"),
                       themes: [.housing]),                                                        // duplicate of 1
            CaseRecord(village: "Q", caseID: "3", personKey: "A", received: try at("2024-01-10"),
                       themes: [.housing, .digital]),                                              // other themes
            CaseRecord(village: "Q", caseID: "4", personKey: "B", received: try at("2024-01-12"),
                       firstContact: try at("2024-01-13"), closed: try at("2024-01-12T08:00")),   // closed < contact
            CaseRecord(village: "Q", caseID: "5", received: try at("2024-02-01"), closed: try at("2024-07-01")), // future
        ]
        let input = MetricsInput(villages: [v], cases: cases, asOf: ["Q": try day("2024-03-01")])
        let r = MetricsEngine.compute(.quality, input: input, options: MetricsOptions(periods: []))
        #expect(try r.value("Q", "all", "dates_out_of_order") == 2)
        #expect(try r.value("Q", "all", "dates_in_future") == 1)
        #expect(try r.value("Q", "all", "duplicate_cases") == 1)
        #expect(r.row("Q", "all", "rows_rejected") == nil)              // no import facts given
        #expect(r.row("Q", "all", "days_since_latest_export") == nil)   // no `today`
        #expect(r.rows.allSatisfy { !$0.suppressed })                   // quality rows are never suppressed
    }

    /// The fixture's data cover 2023-10-01 … 2024-05-31: whole months October 2023 … May 2024.
    /// Cases per month: 0, 1 (c0), 0, 3 (c1, c3, c2), 3 (c4, c5, c6), 6 (c7 … c12), 0, 0.
    /// Sorted 0 0 0 0 1 3 3 6: median 0.5; |x − 0.5| sorted 0.5 ×5, 2.5, 2.5, 5.5: MAD 0.5.
    /// M(March) = 0.6745 · 5.5 / 0.5 = 7.4195: flagged; M(January) = 0.6745 · 2.5 / 0.5 = 3.3725: not.
    @Test func outlierMonthsByHand() throws {
        let r = try Fixture.run(.quality)
        let outliers = r.rows.filter { $0.metric == "outlier_modified_z:cases" }
        #expect(outliers.count == 1)
        let march = try #require(outliers.first)
        #expect(march.period == "2024-03" && march.n == 6 && close(march.value, 0.6745 * 5.5 / 0.5, 1e-12))
        let series = try #require(r.outliers.first)
        #expect(series.months == ["2023-10", "2023-11", "2023-12", "2024-01", "2024-02", "2024-03", "2024-04", "2024-05"])
        #expect(series.counts == [0, 1, 0, 3, 3, 6, 0, 0])
        #expect(series.score.median == 0.5 && series.score.mad == 0.5 && series.flagged == [5])
        #expect(close(series.score.scores[3], 3.3725, 1e-12))
        #expect(try r.value("AAA", "2024-03", "finding:outlier_modified_z:cases") == 2)
        // Suppression hides a flagged month of 1 … 4 cases (n is the month's count); six stay shown.
        let shown = try Fixture.run(.quality, suppress: true)
        #expect(shown.row("AAA", "2024-03", "outlier_modified_z:cases")?.suppressed == false)
        let strict = try Fixture.run(.quality, suppress: true) { $0.minCell = 7 }
        #expect(strict.row("AAA", "2024-03", "outlier_modified_z:cases")?.suppressed == true)
        #expect(strict.row("AAA", "2024-03", "finding:outlier_modified_z:cases")?.value == 2)
    }

    /// A month cut by the registration start or the export date is not scored: data from
    /// 2024-01-15 to 2024-09-10 give February … August.
    @Test func onlyWholeMonthsAreScored() throws {
        let v = Village(code: "W", name: "W", municipality: "M", inhabitants: 100, registrationStart: try day("2024-01-15"))
        let cases = try (0..<40).map { i in
            CaseRecord(village: "W", caseID: "\(i)", received: Moment(date: try day("2024-01-15").adding(days: 6 * i)), themes: [.other])
        }
        let input = MetricsInput(villages: [v], cases: cases, asOf: ["W": try day("2024-09-10")])
        let r = MetricsEngine.compute(.quality, input: input, options: MetricsOptions(periods: []))
        let series = try #require(r.outliers.first)
        #expect(series.months.first == "2024-02" && series.months.last == "2024-08" && series.months.count == 7)
    }

    /// Quarterly exports, 15 days' grace. Fixture: registration 2023-10-01, one export 2024-05-31,
    /// today 2024-06-10. Expected: 2023Q4 (due 2024-01-15) and 2024Q1 (due 04-15); 2024Q2 ends
    /// 06-30, after today. 2023Q4's window 2023-12-31 … 2024-03-30 holds no export; 2024Q1's
    /// (03-31 … 06-29) holds 05-31: received, 46 days late (05-31 − 04-15).
    @Test func exportScheduleByHand() throws {
        let r = try Fixture.run(.quality) { $0.today = try day("2024-06-10") }
        #expect(try r.value("AAA", "all", "exports_expected") == 2)
        #expect(try r.value("AAA", "all", "exports_received") == 1)
        #expect(try r.value("AAA", "all", "exports_on_time") == 0)
        #expect(try r.value("AAA", "all", "export_days_late") == 46)
        #expect(try r.value("AAA", "all", "finding:export_days_late") == 2)        // warning: within a quarter
        #expect(try r.value("AAA", "all", "finding:exports_received") == 1)        // info: 1 of 2
        // Monthly: October 2023 … April 2024 expected (April due 05-15; May due 06-15 > today) = 7;
        // April's window (04-30 … 05-30) holds nothing (05-31 is May's), so none was received; but
        // the export of 05-31 reaches past April's last day: the data are 16 days late (05-31 − 05-15).
        let monthly = try Fixture.run(.quality) { $0.today = try day("2024-06-10"); $0.exportEvery = .month }
        #expect(try monthly.value("AAA", "all", "exports_expected") == 7)
        #expect(try monthly.value("AAA", "all", "exports_received") == 0)
        #expect(try monthly.value("AAA", "all", "export_days_late") == 16)
        // Without today there is no schedule.
        #expect(try Fixture.run(.quality).row("AAA", "all", "exports_expected") == nil)
    }

    @Test func exportScheduleEdges() throws {
        func schedule(_ exports: [String], today: String, every: Period.Unit = .quarter, grace: Int = 15) throws -> ExportSchedule {
            ExportSchedule(start: try day("2024-01-01"), exports: try exports.map { try day($0).dayNumber },
                           today: try day(today), every: every, graceDays: grace)
        }
        // The doc comment's example.
        let a = try schedule(["2024-04-10", "2024-11-15"], today: "2025-01-20")
        #expect(a.expected == 4 && a.received == 2 && a.onTime == 1 && a.daysLate == 5)
        // Due today is expected; an export on the unit's last day is on time.
        let b = try schedule(["2024-03-31"], today: "2024-04-15")
        #expect(b.expected == 1 && b.received == 1 && b.onTime == 1 && b.daysLate == 0)
        // Nothing due yet.
        let c = try schedule([], today: "2024-04-14")
        #expect(c.expected == 0 && c.daysLate == nil)
        // Grace 0: a quarter is due on its last day, but a quarter cut at today is not a quarter.
        let d = try schedule([], today: "2024-03-31", grace: 0)
        #expect(d.expected == 1 && d.daysLate == 0)
        let e = try schedule([], today: "2024-03-30", grace: 0)
        #expect(e.expected == 0)
        // Yearly: 2024 due 2025-01-15.
        let f = try schedule(["2025-02-01"], today: "2025-03-01", every: .year)
        #expect(f.expected == 1 && f.received == 1 && f.onTime == 0 && f.daysLate == 17)
        // Behind for a long time: one export for 2024Q4 (2025-01-10), today 2026-12-05. Expected
        // 2024Q1 … 2026Q3 = 11, received 1 (Q4), on time 1; the newest export stops before 2025Q1
        // ends, due 2025-04-15: 2026-12-05 − 2025-04-15 = 599 days.
        let g = try schedule(["2025-01-10"], today: "2026-12-05")
        #expect(g.expected == 11 && g.received == 1 && g.onTime == 1 && g.daysLate == 599)
        // No export at all: late since the first deadline, 2024-04-15.
        let h = try schedule([], today: "2024-08-01")
        #expect(h.expected == 2 && h.received == 0 && h.daysLate == 108)
    }

    /// The severity rules of `DataQualityFindings`, at their edges.
    @Test func severities() {
        func s(_ metric: String, _ v: Double, expected: Double? = nil, every: Period.Unit = .quarter) -> FindingSeverity? {
            DataQualityFindings.severity(of: MetricRow(village: "V", period: "all", metric: metric, value: v),
                                         expectedExports: expected, exportEvery: every)
        }
        #expect(s("dates_in_future", 0) == nil && s("dates_in_future", 1) == .error && s("dates_out_of_order", 2) == .error)
        #expect(s("duplicate_cases", 1) == .warning && s("cases_vanished", 0) == nil)
        #expect(s("rejected_pct", 0) == nil && s("rejected_pct", 4.99) == .info && s("rejected_pct", 5) == .warning
                && s("rejected_pct", 20) == .error)
        #expect(s("completeness_pct:source", 90) == nil && s("completeness_pct:source", 89.9) == .info
                && s("completeness_pct:source", 49.9) == .warning)
        #expect(s("completeness_pct:closed", 10) == nil && s("completeness_pct:person_id", 0) == nil)
        #expect(s("outlier_modified_z:cases", -4) == .warning)
        #expect(s("export_days_late", 0) == nil && s("export_days_late", 92) == .warning && s("export_days_late", 93) == .error)
        #expect(s("export_days_late", 32, every: .month) == .error)
        #expect(s("exports_received", 3, expected: 4) == .info && s("exports_received", 4, expected: 4) == nil)
        #expect(FindingSeverity.error > .warning && FindingSeverity.warning.label(.nl) == "waarschuwing")
    }

    /// The fixture's findings (today 2024-06-10): completeness of age band 76.9% (info), channel 0%
    /// and support minutes 23.1% (warning), 13.3% rejected (warning), March 2024 (warning), the
    /// export 46 days late (warning), 1 of 2 exports (info).
    @Test func fixtureFindings() throws {
        let r = try Fixture.run(.quality) { $0.today = try day("2024-06-10") }
        let findings = r.rows.filter { $0.metric.hasPrefix("finding:") }
        let got = Dictionary(findings.map { ($0.metric, $0.value ?? 0) }, uniquingKeysWith: { a, _ in a })
        #expect(got == ["finding:completeness_pct:age_band": 1, "finding:completeness_pct:channel": 2,
                        "finding:completeness_pct:support_minutes": 2, "finding:rejected_pct": 2,
                        "finding:outlier_modified_z:cases": 2, "finding:export_days_late": 2, "finding:exports_received": 1])
        #expect(findings.allSatisfy { $0.n == nil && $0.lower == nil && !$0.suppressed })
    }
}
