import Testing
import NoaberModel
@testable import NoaberMetrics

/// Coverage, censoring per case and the export timeline, checked by hand.
struct CoverageTests {
    /// 2024-01-01 … 2024-09-30 of 2024: 274 of 366 days = 74.86…%.
    @Test func coveredShareOfAPeriod() throws {
        let c = VillageCoverage(start: try day("2023-01-01"), startSource: .registrationStart,
                                casesEnd: try day("2024-09-30"), tasksEnd: nil)
        let year = try period("2024")
        #expect(c.coveredDays(year, .cases) == 274)
        #expect(close(c.percent(year, .cases), 100.0 * 274 / 366))
        #expect(String(format2(c.percent(year, .cases))) == "74.9")
        #expect(c.level(year, .cases) == .partial)
        #expect(c.level(try period("2024Q3"), .cases) == .full)
        #expect(c.level(try period("2024Q4"), .cases) == .none)
        #expect(c.level(try period("2022"), .cases) == .none)
        // No task export: no task coverage at all.
        #expect(c.level(try period("2024Q1"), .tasks) == .none && c.span(.tasks) == nil)
        // A registration start after the as-of date covers nothing.
        let late = VillageCoverage(start: try day("2025-01-01"), startSource: .registrationStart,
                                   casesEnd: try day("2024-12-31"), tasksEnd: nil)
        #expect(late.span(.cases) == nil && late.level(year, .cases) == .none)
    }

    /// Full exports on 31 March and 30 September, an incremental one on 30 June.
    @Test func censoringFollowsTheExports() throws {
        let t = ExportTimeline([(try day("2024-03-31"), .full), (try day("2024-06-30"), .incremental),
                                (try day("2024-09-30"), .full)])
        func d(_ s: String) throws -> Int { try day(s).dayNumber }
        // Listed in March, not in September's full export: unchanged in June's incremental one,
        // so last known open on 30 June; dropped by the September export.
        #expect(t.censorDay(lastSeen: try d("2024-03-31")) == (try d("2024-06-30")))
        #expect(t.droppedBy(lastSeen: try d("2024-03-31")) == (try d("2024-09-30")))
        // Listed in June's incremental export (changed then), not in September's: censored in June.
        #expect(t.censorDay(lastSeen: try d("2024-06-30")) == (try d("2024-06-30")))
        #expect(t.droppedBy(lastSeen: try d("2024-06-30")) == (try d("2024-09-30")))
        // Listed in the newest export: censored there, not dropped.
        #expect(t.censorDay(lastSeen: try d("2024-09-30")) == (try d("2024-09-30")))
        #expect(t.droppedBy(lastSeen: try d("2024-09-30")) == nil)
        // Unknown last-seen date: the newest export.
        #expect(t.censorDay(lastSeen: nil) == (try d("2024-09-30")))

        // Only incremental exports after a case's last listing: it carries forward to the newest.
        let incremental = ExportTimeline([(try day("2024-03-31"), .full), (try day("2024-06-30"), .incremental),
                                          (try day("2024-12-31"), .incremental)])
        #expect(incremental.censorDay(lastSeen: try d("2024-03-31")) == (try d("2024-12-31")))
        #expect(incremental.droppedBy(lastSeen: try d("2024-03-31")) == nil)
        #expect(incremental.latest == (try day("2024-12-31")))
        #expect(ExportTimeline([]).isEmpty && ExportTimeline([]).latest == nil)
    }

    /// Two open cases and one contacted after 100 days, all received on 1 January. Open case
    /// "gone" was last listed on 31 March; the full export of 30 September no longer lists it, so
    /// its first contact is censored at 90 days. At t = 100 two cases are then at risk and one
    /// event happens: S(100) = 1/2. (Censored at 30 September it would still be at risk: 2/3.)
    @Test func anOpenCaseIsCensoredWhereItWasLastSeen() throws {
        let v = Village(code: "V", name: "V", municipality: "M", inhabitants: 1000, registrationStart: try day("2024-01-01"))
        func c(_ person: UInt64, contact: String?, lastSeen: String) throws -> CaseFacts {
            CaseFacts(person: person, ageBand: nil, received: try at("2024-01-01"), firstContact: try contact.map(at),
                      closed: nil, source: nil, channel: nil, themes: [], collective: false, resolution: nil, referredTo: [],
                      risks: [], escalatedTo: [], supportMinutes: nil, lastSeen: try day(lastSeen))
        }
        var table = CaseTable()
        table.set([try c(1, contact: nil, lastSeen: "2024-03-31"), try c(2, contact: nil, lastSeen: "2024-09-30"),
                   try c(3, contact: "2024-04-10", lastSeen: "2024-09-30")], village: "V")
        var input = MetricsInput(villages: [v], caseTable: table, asOf: ["V": try day("2024-09-30")])
        input.timelines = ["V": ExportTimeline([(try day("2024-03-31"), .full), (try day("2024-09-30"), .full)])]
        let options = MetricsOptions(periods: [try period("2024Q1")], suppress: false)
        let r = MetricsEngine.compute(.all, input: input, options: options)
        let curve = try #require(r.survivalCurves.first { $0.group == "V" && $0.endpoint == .firstContact })
        #expect(close(curve.estimate.survival(at: 100), 0.5))
        #expect(try r.value("V", "all", "cases_vanished") == 1)
        // Under incremental exports the same case is unchanged, still open on 30 September.
        input.timelines = ["V": ExportTimeline([(try day("2024-03-31"), .full), (try day("2024-09-30"), .incremental)])]
        let incremental = MetricsEngine.compute(.all, input: input, options: options)
        let carried = try #require(incremental.survivalCurves.first { $0.group == "V" && $0.endpoint == .firstContact })
        #expect(close(carried.estimate.survival(at: 100), 2.0 / 3))
        #expect(try incremental.value("V", "all", "cases_vanished") == 0)
        // Without a timeline (a researcher's hand-built input) every open case is censored at the as-of date.
        input.timelines = [:]
        let legacy = MetricsEngine.compute(.all, input: input, options: options)
        let plain = try #require(legacy.survivalCurves.first { $0.group == "V" && $0.endpoint == .firstContact })
        #expect(close(plain.estimate.survival(at: 100), 2.0 / 3))
    }

    @Test func summaryNamesWhoIsCoveredHow() throws {
        let villages = ["A", "B", "C", "D"].map { Village(code: $0, name: $0, municipality: "M", inhabitants: 100) }
        let coverage: [String: VillageCoverage] = [
            "A": VillageCoverage(start: try day("2023-01-01"), startSource: .registrationStart, casesEnd: try day("2025-01-10"),
                                 tasksEnd: try day("2025-01-10")),
            "B": VillageCoverage(start: try day("2023-01-01"), startSource: .registrationStart, casesEnd: try day("2024-11-15"),
                                 tasksEnd: nil),
            "C": VillageCoverage(start: try day("2024-01-03"), startSource: .earliestRecord, casesEnd: try day("2025-01-10"),
                                 tasksEnd: try day("2025-01-10")),
        ]
        let s = CoverageSummary(period: try period("2024"), villages: villages, coverage: coverage)
        #expect(s.full.map(\.code) == ["A"])
        #expect(s.partial.map(\.village.code) == ["B", "C"])
        #expect(s.partial[0].covered.upperBound == (try day("2024-11-15")))
        #expect(s.partial[1].covered.lowerBound == (try day("2024-01-03")))
        #expect(s.none.map(\.code) == ["D"])
        #expect(s.tasksIncomplete.map(\.code) == ["B", "C", "D"])
        #expect(s.startEstimated.map(\.code) == ["C"])
        #expect(!s.isEmpty && !s.isComplete)
        #expect(CoverageSummary(period: try period("2026"), villages: villages, coverage: coverage).isEmpty)
        #expect(CoverageSummary.dataEnd(coverage) == (try day("2025-01-10")))
        #expect(CoverageSummary.dataStart(coverage) == (try day("2023-01-01")))
    }

    private func format2(_ x: Double) -> String {
        let scaled = (x * 10).rounded() / 10
        return String(scaled)
    }
}
