import NoaberTestSupport
import Testing
import NoaberModel
@testable import NoaberMetrics

/// A chart must not show what a table hides: chart material of secondarily suppressed cells goes.
struct ChartDisclosureTests {
    /// Municipality M: A has 3 cases (primary), B has 6 (hidden secondarily, or A's 3 would follow
    /// from M's total), C has 40 (shown). Every case has its own resident.
    static func input() throws -> MetricsInput {
        let start = try day("2024-01-01")
        let villages = ["A", "B", "C"].map { Village(code: $0, name: $0, municipality: "M", inhabitants: 2000,
                                                     inhabitants75Plus: 300, paidHoursPerWeek: 8, costPerYearEUR: 20_000,
                                                     registrationStart: start) }
        var cases: [CaseRecord] = []
        for (village, n) in [("A", 3), ("B", 6), ("C", 40)] {
            for i in 0..<n {
                cases.append(CaseRecord(village: village, caseID: "\(i)", personKey: "\(village)\(i)", ageBand: .from75to84,
                                        received: try at("2024-02-0\(1 + i % 9)"), firstContact: try at("2024-02-1\(i % 9)"),
                                        closed: try at("2024-03-01"), source: .resident, themes: [.loneliness],
                                        risks: [.fall]))
            }
        }
        return MetricsInput(villages: villages, cases: cases, asOf: ["A": try day("2024-06-30"), "B": try day("2024-06-30"),
                                                                     "C": try day("2024-06-30")])
    }

    @Test func secondarilyHiddenVillagesLeaveNoTraceInCharts() throws {
        let options = MetricsOptions(periods: [try period("2024Q1")])
        let r = DisclosedMetrics.compute(.all, input: try Self.input(), options: options, groupings: [.village, .municipality])
        let villages = r[0]
        // The tables: A primary, B secondary, C shown.
        #expect(villages.row("A", "2024Q1", "cases")?.suppressed == true)
        #expect(villages.row("B", "2024Q1", "cases")?.suppressed == true)
        #expect(villages.row("C", "2024Q1", "cases")?.value == 40)
        #expect(villages.row("B", "2024Q1", "reach_per_1000")?.suppressed == true)
        // The charts follow the tables.
        // (Volunteer points stay for all three: no tasks, and a zero reveals nobody.)
        let reachPoints = villages.funnel.filter { $0.metric.rawValue != "volunteers_per_1000" }
        #expect(Set(reachPoints.map(\.village)) == ["C"])
        #expect(Set(villages.funnel.filter { $0.metric.rawValue == "volunteers_per_1000" }.map(\.village)) == ["A", "B", "C"])
        #expect(Set(villages.survivalCurves.map(\.group)) == ["C"])
        #expect(Set(villages.escalation.map(\.group)).isSubset(of: ["C"]))
        // Unsuppressed output still has B's chart material.
        var open = options
        open.suppress = false
        let all = MetricsEngine.compute(.all, input: try Self.input(), options: open)
        #expect(Set(all.survivalCurves.map(\.group)).contains("B"))
        #expect(Set(all.funnel.map(\.village)).contains("B"))
    }
}
