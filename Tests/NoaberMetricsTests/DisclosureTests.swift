import NoaberTestSupport
import Foundation
import Testing
import NoaberModel
@testable import NoaberMetrics

struct DisclosureTests {
    static func row(_ village: String, _ metric: String, _ value: Double?, n: Int? = nil) -> MetricRow {
        MetricRow(village: village, period: "2024", metric: metric, value: value, lower: value, upper: value, n: n)
    }

    /// A village with 3 cases of 3 residents, 3 volunteers: every count and everything derived reads `<5`.
    @Test func threeCasesAreSuppressedEverywhere() throws {
        let v = Village(code: "S", name: "Small", municipality: "M", inhabitants: 1000, inhabitants75Plus: 150,
                        paidHoursPerWeek: 8, costPerYearEUR: 20_000, registrationStart: try day("2024-01-01"))
        let cases = try (1...3).map { i in
            CaseRecord(village: "S", caseID: "\(i)", personKey: "P\(i)", ageBand: .from75to84,
                       received: try at("2024-02-0\(i)"), firstContact: try at("2024-02-0\(i + 1)"),
                       closed: try at("2024-03-01"), source: .resident, themes: [.loneliness], risks: [.fall],
                       supportMinutes: 30)
        }
        let tasks = try (1...3).map { i in
            VolunteerTask(village: "S", caseID: nil, volunteerKey: "V\(i)", date: try day("2024-02-10"), hours: 2, task: .visit)
        }
        let input = MetricsInput(villages: [v], cases: cases, tasks: tasks, asOf: ["S": try day("2024-06-30")])
        let r = MetricsEngine.compute(.all, input: input, options: MetricsOptions(periods: [try period("2024Q1")]))
        let hidden = ["cases", "residents_reached", "reach_per_1000", "residents_reached_75plus", "reach_75plus_pct",
                      "cases_per_1000", "new_residents", "new_residents_pct", "theme:loneliness",
                      "theme_pct:loneliness", "source:self", "source_pct:self", "first_contact_median_days",
                      "closure_median_days", "first_contact_within_2d_pct", "first_contact_within_7d_pct",
                      "volunteers_active", "volunteers_per_1000", "volunteer_tasks", "volunteer_hours",
                      "volunteer_hours_median", "volunteer_hours_p90", "volunteer_hours_max", "volunteer_gini",
                      "volunteer_hours_per_week", "volunteer_hours_top20_share", "support_hours",
                      "support_hours_per_paid_hour", "cases_per_paid_hour", "escalation_cases_counted",
                      "avoided_cost_eur", "return_per_euro", "avoided_cost_eur:fall"]
        for m in hidden {
            let row = try #require(r.row("S", "2024Q1", m), "\(m)")
            #expect(row.suppressed && row.value == nil && row.lower == nil && row.upper == nil, "\(m)")
            #expect(row.n.map { $0 >= 5 || $0 == 0 } ?? true, "\(m) shows a small n")
        }
        // Zero stays zero and is shown.
        for m in ["anonymous_cases", "collective_cases", "theme:housing", "boundary_tasks", "open_cases_at_end"] {
            let row = try #require(r.row("S", "2024Q1", m))
            #expect(row.value == 0 && !row.suppressed, "\(m)")
        }
        // No chart material for the small group.
        #expect(r.survivalCurves.isEmpty && r.volunteerHours.isEmpty && r.escalation.isEmpty)
        #expect(r.funnel.allSatisfy { $0.metric.rawValue != "reach_per_1000" })
        // Explicit --no-suppression shows them.
        let open = MetricsEngine.compute(.reach, input: input,
                                         options: MetricsOptions(periods: [try period("2024Q1")], suppress: false))
        #expect(try open.value("S", "2024Q1", "cases") == 3)
        #expect(open.rows.allSatisfy { !$0.suppressed })
    }

    @Test func minCellIsConfigurable() {
        let rows = [Self.row("A", "cases", 3), Self.row("A", "volunteers_active", 7)]
        #expect(DisclosureControl.apply(rows, minCell: 3).map(\.suppressed) == [false, false])
        #expect(DisclosureControl.apply(rows, minCell: 8).map(\.suppressed) == [true, true])
        #expect(DisclosureControl.apply(rows, minCell: 1) == rows)
        #expect(DisclosureControl.apply(rows, minCell: 5).map(\.value) == [nil, 7])
    }

    @Test func secondaryWithinCategoryFamily() {
        // b = 2 is hidden; c = 6 is the smallest other non-zero cell, so it goes too (else 18 − 10 − 6 = 2).
        let rows = [Self.row("A", "cases", 18), Self.row("A", "source:a", 10), Self.row("A", "source:b", 2),
                    Self.row("A", "source:c", 6), Self.row("A", "source:d", 0), Self.row("A", "source:e", 7),
                    Self.row("A", "source_pct:b", 100.0 * 2 / 18, n: 18),
                    Self.row("A", "source_pct:c", 100.0 * 6 / 18, n: 18),
                    Self.row("A", "source_pct:a", 100.0 * 10 / 18, n: 18)]
        let out = DisclosureControl.apply(rows, minCell: 5)
        let hidden = Set(out.filter(\.suppressed).map(\.metric))
        #expect(hidden == ["source:b", "source:c", "source_pct:b", "source_pct:c"])
        #expect(out.first { $0.metric == "source:d" }?.value == 0)
        #expect(out.first { $0.metric == "source_pct:c" }?.n == 18)      // a large n stays visible
        // Two primary cells: they protect each other, nothing more is hidden.
        let two = DisclosureControl.apply([Self.row("A", "theme:a", 2), Self.row("A", "theme:b", 3),
                                           Self.row("A", "theme:c", 9)], minCell: 5)
        #expect(two.map(\.suppressed) == [true, true, false])
    }

    @Test func secondaryAcrossVillagesOfAMunicipality() {
        let municipality = ["V1": "M", "V2": "M", "V3": "M", "W1": "N"]
        let villages = [Self.row("V1", "cases", 3), Self.row("V2", "cases", 8), Self.row("V3", "cases", 6),
                        Self.row("V3", "reach_per_1000", 6, n: 1000), Self.row("W1", "cases", 9)]
        let withTotal = DisclosureControl.apply(villages + [Self.row("M", "cases", 17)], minCell: 5,
                                                municipalityOf: municipality)
        #expect(Set(withTotal.filter(\.suppressed).map { "\($0.village) \($0.metric)" })
                == ["V1 cases", "V3 cases"])
        // The total is not shown: no need to hide a second village.
        let without = DisclosureControl.apply(villages, minCell: 5, municipalityOf: municipality)
        #expect(Set(without.filter(\.suppressed).map(\.village)) == ["V1"])
    }

    @Test func derivedRowsFollowTheirCount() {
        let rows = [Self.row("A", "residents_reached", 4), Self.row("A", "reach_per_1000", 4, n: 1000),
                    Self.row("A", "cases", 40), Self.row("A", "cases_per_1000", 40, n: 1000),
                    Self.row("A", "first_contact_median_days", 2.5, n: 4),
                    Self.row("A", "response_negative_durations", 2),
                    Self.row("A", "completeness_pct:source", 50, n: 2)]
        let out = DisclosureControl.apply(rows, minCell: 5)
        #expect(out.map(\.suppressed) == [true, true, false, false, true, false, false])
        #expect(out[4].n == nil)                                        // n = 4 would reveal the cell
    }

    @Test func rowEncodesEveryKeyWithNull() throws {
        let r = MetricRow(village: "A", period: "2024", metric: "cases", value: nil, n: nil, suppressed: true)
        let json = String(decoding: try JSONEncoder().encode(r), as: UTF8.self)
        for key in ["village", "period", "metric", "value", "lower", "upper", "n", "suppressed"] {
            #expect(json.contains("\"\(key)\""), "\(key)")
        }
        #expect(json.contains("\"value\":null") && json.contains("\"suppressed\":true"))
        let back = try JSONDecoder().decode(MetricRow.self, from: Data(json.utf8))
        #expect(back == r)
        let inf = MetricRow(village: "A", period: "2024", metric: "cases", value: 1, lower: 0.5, upper: .infinity)
        #expect(String(decoding: try JSONEncoder().encode(inf), as: UTF8.self).contains("\"upper\":null"))
    }

    /// Publishing villages and their municipality together: compute both without suppression, then
    /// suppress the union, so rule 3 sees the total. Villages A (3 cases), B (8), C (6) in M.
    @Test func unionOfVillageAndMunicipalityRows() throws {
        let start = try day("2024-01-01")
        let villages = ["A", "B", "C"].map { Village(code: $0, name: $0, municipality: "M", inhabitants: 1000,
                                                     registrationStart: start) }
        var cases: [CaseRecord] = []
        for (code, n) in [("A", 3), ("B", 8), ("C", 6)] {
            for i in 0..<n {
                cases.append(CaseRecord(village: code, caseID: "\(i)", personKey: "\(code)\(i)", received: try at("2024-02-01")))
            }
        }
        let asOf = try day("2024-06-30")
        let input = MetricsInput(villages: villages, cases: cases, asOf: ["A": asOf, "B": asOf, "C": asOf])
        var rows: [MetricRow] = []
        for grouping in [Grouping.village, .municipality] {
            let options = MetricsOptions(grouping: grouping, periods: [try period("2024Q1")], suppress: false)
            rows += MetricsEngine.compute(.reach, input: input, options: options).rows
        }
        let out = DisclosureControl.apply(rows, minCell: 5, municipalityOf: ["A": "M", "B": "M", "C": "M"])
        func cell(_ v: String, _ m: MetricID) -> MetricRow? { out.first { $0.village == v && $0.metric == m } }
        #expect(cell("A", "cases")?.suppressed == true)
        #expect(cell("C", "cases")?.suppressed == true)          // 17 − 8 would reveal A otherwise
        #expect(cell("B", "cases")?.value == 8)
        #expect(cell("M", "cases")?.value == 17)
        #expect(cell("C", "cases_per_1000")?.suppressed == true) // derived from a hidden count
        #expect(cell("C", "residents_reached")?.suppressed == true)
    }
}
