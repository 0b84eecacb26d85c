import NoaberTestSupport
import Testing
import NoaberModel
@testable import NoaberMetrics

/// The engine computes one village at a time and pools municipalities and `all` village by
/// village. These tests check the pooled figures against figures computed over the union of
/// the cases (as one village), that nothing depends on how many villages are read at once, and
/// that "new" residents are new to every village.
struct VillageByVillageTests {
    /// Seven villages in two municipalities; residents move between villages (shared keys),
    /// cases carry times of day, closures, risks, minutes; volunteers help in several villages.
    static func input(seed: UInt64) throws -> MetricsInput {
        var rng = Xoshiro256StarStar(seed: seed)
        let start = try day("2023-10-01").dayNumber
        var villages: [Village] = [], cases: [CaseRecord] = [], tasks: [VolunteerTask] = []
        var asOf: [String: CivilDate] = [:]
        for v in 0..<7 {
            let code = "V\(v)"
            villages.append(Village(code: code, name: code, municipality: v < 4 ? "Noord" : "Zuid",
                                    inhabitants: 800 + 300 * v, inhabitants75Plus: 90 + 10 * v,
                                    paidHoursPerWeek: 8 + Double(v), costPerYearEUR: 20_000 + 1_000 * Double(v),
                                    registrationStart: CivilDate(dayNumber: start)))
            asOf[code] = try day("2024-09-30")
            for i in 0..<(60 + 25 * v) {
                let received = CivilDate(dayNumber: start + Int(rng.next() % 360))
                let minute = rng.next() % 2 == 0 ? Int(rng.next() % 600) + 480 : nil
                let wait = Int(rng.next() % 20) + 1
                func later(_ days: Int) -> Moment {
                    Moment(date: received.adding(days: days), minuteOfDay: minute.map { _ in Int(rng.next() % 1440) })
                }
                let open = rng.next() % 5 == 0
                let person: String? = rng.next() % 9 == 0 ? nil : "P\(rng.next() % 120)"
                let riskCodes = Risk.allCases.filter { _ in rng.next() % 6 == 0 }
                let receivedMoment = Moment(date: received, minuteOfDay: minute)
                cases.append(CaseRecord(
                    village: code, caseID: "\(code)-\(i)", personKey: person,
                    ageBand: AgeBand.allCases[Int(rng.next() % UInt64(AgeBand.allCases.count))],
                    received: receivedMoment,
                    firstContact: open ? nil : later(wait / 2 + 1),
                    closed: open ? nil : later(wait + 1),
                    source: Source.allCases[Int(rng.next() % UInt64(Source.allCases.count))],
                    themes: [Theme.allCases[Int(rng.next() % UInt64(Theme.allCases.count))]],
                    collective: rng.next() % 25 == 0, risks: CodeSet(riskCodes),
                    escalatedTo: CodeSet(riskCodes.filter { _ in rng.next() % 3 == 0 }),
                    supportMinutes: rng.next() % 3 == 0 ? nil : Double(rng.next() % 240) + 0.25))
            }
            for _ in 0..<(30 + 10 * v) {
                tasks.append(VolunteerTask(village: code, caseID: nil, volunteerKey: "W\(rng.next() % 40)",
                                           date: CivilDate(dayNumber: start + Int(rng.next() % 360)),
                                           hours: Double(rng.next() % 16) / 4 + 0.5,
                                           task: TaskKind.allCases[Int(rng.next() % UInt64(TaskKind.allCases.count))]))
            }
        }
        return MetricsInput(villages: villages, cases: cases, tasks: tasks, asOf: asOf)
    }

    static func options(_ grouping: Grouping) throws -> MetricsOptions {
        var o = MetricsOptions(grouping: grouping, periods: try period("2023-10-01..2024-09-30").split(every: .quarter),
                               suppress: false, escalationDraws: 500)
        o.periods.append(try period("2024"))
        return o
    }

    /// The `all` group, pooled village by village, against one village holding every case (its
    /// population facts the sums): identical counts, residents, medians and curves; sums of
    /// hours and minutes equal up to the order they were added in. Keys are village-scoped, so
    /// the union holds each village's keys made distinct (`PersonToken.scoped` with the village's
    /// scope, as the engine does); the coverage rows, which differ in kind between a village and
    /// a pooled group, are left out of the comparison.
    @Test func pooledFiguresAreThoseOfTheUnionOfTheCases() throws {
        let input = try Self.input(seed: 1)
        let pooled = MetricsEngine.compute(.all, input: input, options: try Self.options(.all))
        let group = MetricGroup(key: "all", villages: input.villages)
        let one = Village(code: "all", name: "all", municipality: "all", inhabitants: group.inhabitants,
                          inhabitants75Plus: group.inhabitants75Plus, paidHoursPerWeek: group.paidHoursPerWeek,
                          costPerYearEUR: group.costPerYearEUR, registrationStart: try day("2023-10-01"))
        var merged = CaseTable(), tasks = TaskTable()
        merged.set(input.villages.flatMap { v in
            input.cases.cases(village: v.code).map { c in
                var c = c
                c.scopePerson(PersonToken.scopeHash(.village, name: v.code))
                return c
            }
        }, village: "all")
        tasks.set(input.villages.flatMap { v in
            input.tasks.rows(village: v.code).map { t in
                var t = t
                t.scopeVolunteer(PersonToken.scopeHash(.village, name: v.code))
                return t
            }
        }, village: "all")
        let union = MetricsEngine.compute(.all, input: MetricsInput(villages: [one], caseTable: merged, taskTable: tasks,
                                                                    asOf: ["all": try day("2024-09-30")]),
                                          options: try Self.options(.village))
        let coverageRows: Set<MetricID> = ["coverage_pct", "tasks_coverage_pct", "villages_covered", "villages_partly_covered",
                                         "villages_without_data"]
        let unionRows = union.rows.filter { $0.period != "all" && !coverageRows.contains($0.metric) }
        let pooledRows = pooled.rows.filter { $0.period != "all" && !coverageRows.contains($0.metric) }
        #expect(pooledRows.count == unionRows.count)
        #expect(pooledRows.count > 300)
        for (p, u) in zip(pooledRows, unionRows) {
            #expect(p.metric == u.metric && p.period == u.period)
            #expect(p.n == u.n, "\(p.period) \(p.metric)")
            for (a, b) in [(p.value, u.value), (p.lower, u.lower), (p.upper, u.upper)] {
                #expect((a == nil) == (b == nil), "\(p.period) \(p.metric)")
                if let a, let b { #expect(abs(a - b) <= 1e-9 * max(1, abs(b)), "\(p.period) \(p.metric): \(a) vs \(b)") }
            }
        }
        #expect(pooled.survivalCurves.count == union.survivalCurves.count)
        for (p, u) in zip(pooled.survivalCurves, union.survivalCurves) { #expect(p.estimate.steps == u.estimate.steps) }
        #expect(pooled.volunteerHours.map { $0.hours.count } == union.volunteerHours.map { $0.hours.count })
    }

    /// One village read at a time or three at once, one round or many: the same rows and chart
    /// material, byte for byte, for every grouping.
    @Test func resultsDoNotDependOnHowManyVillagesAreReadAtOnce() throws {
        let input = try Self.input(seed: 2)
        let memory = MetricsSource(input)
        for grouping in Grouping.allCases {
            var results: [MetricsResult] = []
            for lanes in [1, 3, 8] {
                let source = memory.with(lanes: lanes)
                var options = try Self.options(grouping)
                options.suppress = true
                results.append(DisclosedMetrics.compute(.all, source: source, options: options))
            }
            for r in results.dropFirst() {
                #expect(r.rows == results[0].rows, "\(grouping)")
                #expect(r.funnel == results[0].funnel)
                #expect(r.escalation == results[0].escalation)
                #expect(r.volunteerHours == results[0].volunteerHours)
                #expect(r.survivalCurves.map(\.estimate.steps) == results[0].survivalCurves.map(\.estimate.steps))
            }
        }
    }

    /// Under village scope (the default) key P1 in A and P1 in B are two residents, each new to
    /// their village. Under municipality scope they are one resident: first seen in A, not new
    /// when they turn up in B later ("new" is new to every export read).
    @Test func newResidentsAreNewToTheirScope() throws {
        let start = try day("2024-01-01")
        let a = Village(code: "A", name: "A", municipality: "M", inhabitants: 100, registrationStart: start)
        let b = Village(code: "B", name: "B", municipality: "M", inhabitants: 100, registrationStart: start)
        let cases = [
            CaseRecord(village: "A", caseID: "1", personKey: "P1", received: try at("2024-01-10")),
            CaseRecord(village: "B", caseID: "2", personKey: "P1", received: try at("2024-04-05")),
            CaseRecord(village: "B", caseID: "3", personKey: "P2", received: try at("2024-04-06")),
            CaseRecord(village: "A", caseID: "4", personKey: "P3", received: try at("2024-05-01"), collective: true),
        ]
        var input = MetricsInput(villages: [a, b], cases: cases, asOf: ["A": try day("2024-06-30"), "B": try day("2024-06-30")])
        var options = MetricsOptions(periods: [try period("2024Q1"), try period("2024Q2"),
                                               try period("2024-01-01..2024-06-30")], suppress: false)
        for scope in IdentityScope.allCases {
            input.idScope = ["A": scope, "B": scope]
            let shared = scope == .municipality
            options.grouping = .village
            let byVillage = MetricsEngine.compute(.reach, input: input, options: options)
            #expect(try byVillage.value("A", "2024Q1", "new_residents") == 1)
            #expect(try byVillage.value("B", "2024Q2", "residents_reached") == 2)
            #expect(try byVillage.value("B", "2024Q2", "new_residents") == (shared ? 1 : 2))
            options.grouping = .all
            let pooled = MetricsEngine.compute(.reach, input: input, options: options)
            #expect(try pooled.value("all", "2024Q2", "residents_reached") == 2)
            #expect(try pooled.value("all", "2024Q2", "new_residents") == (shared ? 1 : 2))
            #expect(try pooled.value("all", "2024-01-01..2024-06-30", "residents_reached") == (shared ? 2 : 3))
            #expect(try pooled.value("all", "2024Q1", "new_residents") == 1)
        }
    }

    /// Chart material is kept only for the periods and kinds asked for; the rows do not change.
    @Test func chartMaterialIsKeptOnlyWhereAsked() throws {
        let input = try Self.input(seed: 3)
        let full = MetricsEngine.compute(.all, input: input, options: try Self.options(.village))
        var options = try Self.options(.village)
        options.chartPeriods = ["2024Q2"]
        options.chartMaterial = [.survivalCurves, .funnel]
        let some = MetricsEngine.compute(.all, input: input, options: options)
        #expect(some.rows == full.rows)
        #expect(!some.survivalCurves.isEmpty)
        #expect(some.survivalCurves.allSatisfy { $0.period == "2024Q2" })
        #expect(some.survivalCurves.count == full.survivalCurves.filter { $0.period == "2024Q2" }.count)
        #expect(some.funnel == full.funnel.filter { $0.period == "2024Q2" })
        #expect(some.volunteerHours.isEmpty && some.escalation.isEmpty)
        #expect(!full.volunteerHours.isEmpty && !full.escalation.isEmpty)
        // Village groups narrowed further: no curve per village, the funnel stays.
        options.villageChartMaterial = [.funnel]
        let funnelOnly = MetricsEngine.compute(.all, input: input, options: options)
        #expect(funnelOnly.rows == full.rows)
        #expect(funnelOnly.survivalCurves.isEmpty)
        #expect(funnelOnly.funnel == some.funnel)
        options.grouping = .all
        let pooled = MetricsEngine.compute(.all, input: input, options: options)
        #expect(pooled.survivalCurves.map(\.group) == ["all", "all"])
    }
}
