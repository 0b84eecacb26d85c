import Testing
import NoaberModel
@testable import NoaberMetrics

/// The property behind every pooled figure: for each additive count, the pooled value equals the
/// sum over the villages it counts — those whose data cover the whole period — and its
/// denominators are theirs. Checked over random stores in which villages start registering, stop
/// exporting and send tasks at random moments.
struct PooledSumTests {
    static let additive = ["cases", "anonymous_cases", "collective_cases", "residents_reached", "residents_reached_75plus",
                           "new_residents", "escalation_cases_counted", "volunteers_active", "volunteer_tasks", "boundary_tasks",
                           "open_cases_at_end", "volunteers_over_threshold"]
        + Theme.allCases.map { "theme:" + $0.rawValue } + Source.allCases.map { "source:" + $0.rawValue }

    static func input(seed: UInt64) throws -> MetricsInput {
        var rng = Xoshiro256StarStar(seed: seed)
        func below(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        let base = try day("2023-01-01").dayNumber
        var villages: [Village] = [], cases: [CaseRecord] = [], tasks: [VolunteerTask] = []
        var asOf: [String: CivilDate] = [:], taskAsOf: [String: CivilDate] = [:]
        for v in 0..<8 {
            let code = "V\(v)"
            // Registration starts somewhere in 2023 (or is unknown); the newest export anywhere
            // from mid-2023 to early 2025; one village in three sends no task export.
            let start = below(4) == 0 ? nil : CivilDate(dayNumber: base + below(360))
            villages.append(Village(code: code, name: code, municipality: v < 4 ? "Noord" : "Zuid", inhabitants: 500 + 100 * v,
                                    inhabitants75Plus: 60 + 5 * v, paidHoursPerWeek: 8, costPerYearEUR: 22_880,
                                    registrationStart: start))
            guard v != 7 else { continue }   // V7: no export at all
            let end = CivilDate(dayNumber: base + 180 + below(560))
            asOf[code] = end
            if below(3) != 0 { taskAsOf[code] = CivilDate(dayNumber: end.dayNumber - below(60)) }
            let first = (start ?? CivilDate(dayNumber: base)).dayNumber
            guard end.dayNumber > first else { continue }
            for i in 0..<(40 + below(80)) {
                let received = CivilDate(dayNumber: first + below(end.dayNumber - first + 1))
                let closed = below(4) == 0 ? nil : received.adding(days: below(30))
                cases.append(CaseRecord(village: code, caseID: "\(code)-\(i)", personKey: below(10) == 0 ? nil : "P\(below(60))",
                                        ageBand: AgeBand.allCases[below(AgeBand.allCases.count)], received: Moment(date: received),
                                        firstContact: closed.map { Moment(date: received.adding(days: min(2, $0.dayNumber - received.dayNumber))) },
                                        closed: closed.flatMap { $0 <= end ? Moment(date: $0) : nil },
                                        source: Source.allCases[below(Source.allCases.count)],
                                        themes: [Theme.allCases[below(Theme.allCases.count)]], collective: below(20) == 0,
                                        risks: below(3) == 0 ? [.fall] : [], supportMinutes: Double(below(120))))
            }
            for _ in 0..<(20 + below(40)) {
                let date = CivilDate(dayNumber: first + below(max(1, (taskAsOf[code] ?? end).dayNumber - first + 1)))
                tasks.append(VolunteerTask(village: code, caseID: nil, volunteerKey: "W\(below(25))", date: date,
                                           hours: Double(1 + below(8)), task: below(10) == 0 ? .personalCare : .visit))
            }
        }
        var input = MetricsInput(villages: villages, cases: cases, tasks: tasks, asOf: asOf)
        input.taskAsOf = taskAsOf
        return input
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func pooledCountsAreTheSumOfTheVillagesCounted(seed: UInt64) throws {
        let input = try Self.input(seed: seed)
        var options = MetricsOptions(periods: try period("2024").split(every: .quarter) + [try period("2024"), try period("2023")],
                                     suppress: false, escalationDraws: 100)
        let byVillage = MetricsEngine.compute(.all, input: input, options: options)
        var checked = 0
        for grouping in [Grouping.municipality, .all] {
            options.grouping = grouping
            let pooled = MetricsEngine.compute(.all, input: input, options: options)
            for group in MetricGroup.groups(grouping, villages: input.villages) {
                for p in options.periods {
                    let members = group.villages.map(\.code)
                    // Who is counted: the villages that have the count at all.
                    let counted = members.filter { byVillage.row($0, p.label, "cases") != nil }
                    #expect(pooled.row(group.key, p.label, "villages_covered")?.value == Double(counted.count), "\(group.key) \(p.label)")
                    let withoutData = members.filter { byVillage.row($0, p.label, "coverage_pct")?.value == 0 }
                    #expect(pooled.row(group.key, p.label, "villages_without_data")?.value == Double(withoutData.count))
                    for metric in Self.additive {
                        let parts = members.compactMap { byVillage.row($0, p.label, metric)?.value }
                        let total = pooled.row(group.key, p.label, metric)?.value
                        if parts.isEmpty {
                            #expect(total == nil, "\(group.key) \(p.label) \(metric): no village counted, so no figure")
                        } else {
                            #expect(total == parts.reduce(0, +), "\(group.key) \(p.label) \(metric) \(members.map { ($0, byVillage.row($0, p.label, metric)?.value as Any) })")
                            checked += 1
                        }
                    }
                    // Denominators are the counted villages' own.
                    let inhabitants = counted.reduce(0) { sum, code in sum + (input.villages.first { $0.code == code }?.inhabitants ?? 0) }
                    if !counted.isEmpty {
                        #expect(pooled.row(group.key, p.label, "reach_per_1000")?.n == inhabitants, "\(group.key) \(p.label)")
                    } else {
                        #expect(pooled.row(group.key, p.label, "reach_per_1000") == nil)
                    }
                }
            }
        }
        #expect(checked > 100)
    }
}
