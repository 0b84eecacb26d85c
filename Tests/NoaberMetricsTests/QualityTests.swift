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
}
