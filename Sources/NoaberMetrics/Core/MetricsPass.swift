import NoaberModel

/// One grouping a pass computes rows for.
struct GroupingRequest: Sendable {
    let grouping: Grouping
    /// Whether its chart material is wanted (for the periods `MetricsOptions.chartPeriods` names).
    let charts: Bool
    /// Only the count rows disclosure control needs (see `MetricsEngine.unsuppressed`).
    let countsOnly: Bool
    /// Whether the data-quality rows (per village, period `all`) go with this grouping's result.
    let quality: Bool
}

/// The metrics engine's one pass over a source: villages are read a few at a time, in code
/// order; each is computed for its own group at once and added to the pooled groups it belongs
/// to, then let go. Pooled groups are read at the end.
///
/// Memory: the villages being computed (`lanes × villagesPerLane` of them), the resident index,
/// and per pooled group and period its tallies (`GroupTally`). None of it grows with the number
/// of cases in the store beyond its largest village.
///
/// Order: every sum is added in the order a sequential loop over villages (code order), periods
/// and records (date order) gives, so results are identical whatever the number of lanes.
enum MetricsPass {
    /// Villages each lane reads per round before the pooled groups take them in.
    static let villagesPerLane = 1

    /// Unsuppressed results, one per request, in request order: rows in no particular order;
    /// chart material in period order, then group order, then endpoint.
    static func run<Failure: Error>(_ family: MetricFamily, source: MetricsSource<Failure>, options: MetricsOptions,
                                    requests: [GroupingRequest], model: EscalationModel?) throws(Failure) -> [MetricsResult] {
        let families = Set(family.members)
        let k = max(options.minCell, 1)
        let hideSmall = options.suppress && k > 1
        let small: @Sendable (Int) -> Bool = { n in hideSmall && n >= 1 && n < k }
        let periods = options.periods
        // Per period, the chart material kept for it.
        let charted: [ChartMaterial] = periods.map {
            (options.chartPeriods?.contains($0.label) ?? true) ? options.chartMaterial : []
        }
        let plan = TallyPlan(reach: families.contains(.reach), response: families.contains(.response),
                             volunteers: families.contains(.volunteers), escalation: families.contains(.escalation),
                             index: source.residents, followUpDays: max(options.effectiveFollowUpDays, 0),
                             thresholdPerWeek: options.volunteerThresholdHoursPerWeek)
        let model = plan.escalation ? model : nil
        let villages = source.villages.sorted { $0.code < $1.code }
        let villageRequests = requests.indices.filter { requests[$0].grouping == .village }
        let villageCountsOnly = villageRequests.allSatisfy { requests[$0].countsOnly }
        let villageCharts = villageRequests.contains { requests[$0].charts }
        let villageCharted = charted.map { $0.intersection(options.villageChartMaterial ?? .all) }
        let funnel = requests.contains(where: \.charts) && (plan.reach || plan.volunteers)
            && charted.contains { $0.contains(.funnel) }
        let quality = families.contains(.quality) && requests.contains(where: \.quality)
        let needsVillageTally = !villageRequests.isEmpty || funnel

        // Pooled groups: per request (not `village`), its groups and, per village, the index of
        // the group it belongs to.
        let pooledRequests = requests.indices.filter { requests[$0].grouping != .village }
        let pooledGroups = pooledRequests.map { MetricGroup.groups(requests[$0].grouping, villages: source.villages) }
        var membership: [String: [Int]] = [:]   // village → per pooled request, its group index
        for (r, groups) in pooledGroups.enumerated() {
            for (g, group) in groups.enumerated() {
                for v in group.villages { membership[v.code, default: Array(repeating: -1, count: pooledGroups.count)][r] = g }
            }
        }
        let memberOf = membership
        let boxes = periods.indices.map { _ in
            PeriodTallies(pooledGroups.enumerated().map { r, groups in
                groups.map { _ in GroupTally(plan, countsOnly: requests[pooledRequests[r]].countsOnly, pooled: true) }
            })
        }

        var villageParts: [MetricsResult] = []
        var qualityRows: [MetricRow] = []
        var outliers: [MonthlyOutliers] = []
        var funnelCounts = periods.map { _ in [FunnelPoints.Counts]() }
        let lanes = max(source.lanes, 1)
        let round = lanes * villagesPerLane
        var start = 0
        while start < villages.count {
            let batch = Array(villages[start..<min(start + round, villages.count)])
            start += batch.count
            // Read and compute this round's villages, lane r taking every lanes-th one in turn
            // (a lane is one connection: used by one thread at a time).
            let laneResults = Parallel.map(lanes) { lane -> Result<[VillageWork], Failure> in
                Result { () throws(Failure) -> [VillageWork] in
                    var mine: [VillageWork] = []
                    for i in stride(from: lane, to: batch.count, by: lanes) {
                        let v = batch[i]
                        let records = try source.read(v.code, lane)
                        let prepared = PreparedVillage(village: v, records: records, asOf: source.asOf[v.code],
                                                       residents: source.residents,
                                                       coverage: source.coverage[v.code] ?? .empty,
                                                       timeline: source.timelines[v.code])
                        var work = VillageWork(position: i, prepared: prepared)
                        let group = MetricGroup(key: v.code, villages: [v])
                        for (p, period) in periods.enumerated() where needsVillageTally {
                            var tally = GroupTally(plan, countsOnly: villageCountsOnly, pooled: false)
                            tally.add(prepared, period: period, followUpDays: plan.followUpDays,
                                      includePartial: options.includePartial)
                            if funnel && charted[p].contains(.funnel) { work.funnel.append((p, tally.funnelCounts(village: v))) }
                            guard !villageRequests.isEmpty else { continue }
                            work.part.merge(tally.finish(group: group, period: period, plan: plan, model: model,
                                                         charts: villageCharts ? villageCharted[p] : [],
                                                         countsOnly: villageCountsOnly, small: small))
                        }
                        if quality {
                            let q = QualityMetrics.compute(prepared, facts: source.qualityFacts[v.code], today: options.today,
                                                           exportEvery: options.exportEvery, graceDays: options.exportGraceDays)
                            work.quality = q.rows
                            work.outliers = q.outliers
                        }
                        mine.append(work)
                    }
                    return mine
                }
            }
            var works: [VillageWork] = []
            for result in laneResults { works += try result.get() }
            works.sort { $0.position < $1.position }
            for work in works {
                villageParts.append(work.part)
                qualityRows += work.quality
                if let o = work.outliers { outliers.append(o) }
                for (p, counts) in work.funnel { funnelCounts[p].append(counts) }
            }
            // The pooled groups take the round's villages in code order, each period on its own core.
            guard !pooledRequests.isEmpty else { continue }
            let prepared = works.map(\.prepared)
            _ = Parallel.map(periods.count) { p -> Bool in
                for village in prepared {
                    guard let groups = memberOf[village.village.code] else { continue }
                    for (r, g) in groups.enumerated() where g >= 0 {
                        boxes[p].tallies[r][g].add(village, period: periods[p], followUpDays: plan.followUpDays,
                                                   includePartial: options.includePartial)
                    }
                }
                return true
            }
        }

        // Pooled groups are read per period on all cores.
        let pooledParts = Parallel.map(periods.count) { p -> [MetricsResult] in
            pooledRequests.indices.map { r in
                var out = MetricsResult()
                for (g, group) in pooledGroups[r].enumerated() {
                    let request = requests[pooledRequests[r]]
                    out.merge(boxes[p].tallies[r][g].finish(group: group, period: periods[p], plan: plan, model: model,
                                                            charts: request.charts ? charted[p] : [],
                                                            countsOnly: request.countsOnly, small: small))
                }
                return out
            }
        }
        let counts = funnelCounts
        let points = funnel ? Parallel.map(periods.count) { p in
            FunnelPoints.compute(period: periods[p], counts: counts[p], reach: plan.reach,
                                 volunteers: plan.volunteers, hideBelow: hideSmall ? k : 1)
        }.flatMap { $0 } : []

        let periodIndex = Dictionary(periods.enumerated().map { ($1.label, $0) }, uniquingKeysWith: { a, _ in a })
        var results: [MetricsResult] = []
        for (i, request) in requests.enumerated() {
            var result = MetricsResult()
            if request.grouping == .village {
                for part in villageParts { result.merge(part) }
            } else if let r = pooledRequests.firstIndex(of: i) {
                for p in periods.indices { result.merge(pooledParts[p][r]) }
            }
            if request.quality {
                result.rows += qualityRows
                result.outliers = outliers
            }
            if request.charts { result.funnel = points }
            result.sortChartMaterial(periodIndex: periodIndex)
            results.append(result)
        }
        return results
    }
}

/// One village as a lane computed it.
private struct VillageWork: Sendable {
    /// Its position in the round, to put the lanes' villages back in code order.
    let position: Int
    let prepared: PreparedVillage
    var part = MetricsResult()
    var quality: [MetricRow] = []
    var outliers: MonthlyOutliers?
    var funnel: [(Int, FunnelPoints.Counts)] = []
}

/// The pooled tallies of one period: `tallies[request][group]`.
///
/// A class so that the parallel merge can fill each period's tallies in place. Iteration p of
/// `Parallel.map` is the only one that touches box p, and `concurrentPerform` returns only
/// after every iteration has finished, so no box is ever used by two threads at once.
private final class PeriodTallies: @unchecked Sendable {
    var tallies: [[GroupTally]]
    init(_ tallies: [[GroupTally]]) { self.tallies = tallies }
}

extension MetricsResult {
    /// Appends another part's rows and chart material.
    mutating func merge(_ other: MetricsResult) {
        rows += other.rows
        survivalCurves += other.survivalCurves
        volunteerHours += other.volunteerHours
        escalation += other.escalation
        funnel += other.funnel
    }

    /// Chart material in period order, then group key, then endpoint: the order a loop over
    /// periods, groups and endpoints gives, whichever way the parts were gathered.
    mutating func sortChartMaterial(periodIndex: [String: Int]) {
        func key(_ period: String, _ group: String) -> (Int, String) { (periodIndex[period] ?? Int.max, group) }
        let endpoints = Dictionary(ResponseEndpoint.allCases.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        survivalCurves.sort {
            let a = key($0.period, $0.group), b = key($1.period, $1.group)
            return a != b ? a < b : (endpoints[$0.endpoint] ?? 0) < (endpoints[$1.endpoint] ?? 0)
        }
        volunteerHours.sort { key($0.period, $0.group) < key($1.period, $1.group) }
        escalation.sort { key($0.period, $0.group) < key($1.period, $1.group) }
    }
}
