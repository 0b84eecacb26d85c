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
    ///
    /// Four steps: settle what is computed (`PassSettings`) and which pooled group each village
    /// joins (`PooledLayout`); read the villages a round at a time, computing each on its own and
    /// adding it to its pooled groups; read the pooled groups; put each request's result together.
    static func run<Failure: Error>(_ family: MetricFamily, source: MetricsSource<Failure>, options: MetricsOptions,
                                    requests: [GroupingRequest], model: EscalationModel?) throws(Failure) -> [MetricsResult] {
        let settings = PassSettings(family, source: source, options: options, requests: requests, model: model)
        let layout = PooledLayout(requests: requests, villages: source.villages, settings: settings)
        let villages = source.villages.sorted { $0.code < $1.code }

        var gathered = GatheredVillages(periods: settings.periods.count)
        let lanes = max(source.lanes, 1)
        let roundSize = lanes * villagesPerLane
        var start = 0
        while start < villages.count {
            let round = Array(villages[start..<min(start + roundSize, villages.count)])
            start += round.count
            let works = try computeRound(round, lanes: lanes, source: source, settings: settings)
            gathered.take(works)
            layout.add(works.map(\.prepared), settings: settings)
        }

        let pooledParts = layout.finish(settings: settings)
        let drawn = settings.drawFunnel(gathered.funnelCounts)
        return assemble(requests: requests, villageParts: gathered.villageParts, pooledParts: pooledParts,
                        pooledRequests: layout.requests, qualityRows: gathered.qualityRows,
                        outliers: gathered.outliers, funnel: drawn,
                        periods: settings.periods)
    }

    /// Reads and computes one round's villages, lane `l` taking every `lanes`-th one in turn (a
    /// lane is one connection: used by one thread at a time). The works come back in code order.
    private static func computeRound<Failure: Error>(_ round: [Village], lanes: Int, source: MetricsSource<Failure>,
                                                     settings: PassSettings) throws(Failure) -> [VillageWork] {
        let laneResults = Parallel.map(lanes) { lane -> Result<[VillageWork], Failure> in
            Result { () throws(Failure) -> [VillageWork] in
                var mine: [VillageWork] = []
                for position in stride(from: lane, to: round.count, by: lanes) {
                    let village = round[position]
                    let records = try source.read(village.code, lane)
                    let prepared = PreparedVillage(village: village, records: records, asOf: source.asOf[village.code],
                                                   residents: source.residents,
                                                   coverage: source.coverage[village.code] ?? .empty,
                                                   timeline: source.timelines[village.code])
                    mine.append(settings.compute(prepared, position: position,
                                                 qualityFacts: source.qualityFacts[village.code]))
                }
                return mine
            }
        }
        var works: [VillageWork] = []
        for result in laneResults { works += try result.get() }
        works.sort { $0.position < $1.position }
        return works
    }

    /// Each request's result: the villages' parts or its pooled parts, the data-quality rows and
    /// the funnel where asked for, chart material in its fixed order.
    private static func assemble(requests: [GroupingRequest], villageParts: [MetricsResult],
                                 pooledParts: [[MetricsResult]], pooledRequests: [Int], qualityRows: [MetricRow],
                                 outliers: [MonthlyOutliers],
                                 funnel: (points: [FunnelPoint], dispersion: [FunnelDispersion]), periods: [Period]) -> [MetricsResult] {
        let periodIndex = Dictionary(periods.enumerated().map { ($1.label, $0) }, uniquingKeysWith: { a, _ in a })
        var results: [MetricsResult] = []
        for (requestIndex, request) in requests.enumerated() {
            var result = MetricsResult()
            if request.grouping == .village {
                for part in villageParts { result.merge(part) }
            } else if let pooled = pooledRequests.firstIndex(of: requestIndex) {
                for p in periods.indices { result.merge(pooledParts[p][pooled]) }
            }
            if request.quality {
                result.rows += qualityRows
                result.outliers = outliers
            }
            if request.charts {
                result.funnel = funnel.points
                result.funnelDispersion = funnel.dispersion
            }
            result.sortChartMaterial(periodIndex: periodIndex)
            results.append(result)
        }
        return results
    }
}

/// What one pass computes, settled once from the family, the options and the requests.
private struct PassSettings: Sendable {
    let options: MetricsOptions
    let periods: [Period]
    let plan: TallyPlan
    let model: EscalationModel?
    /// Counts 1 … k − 1 are small when suppression is on.
    let minCell: Int
    let hideSmall: Bool
    /// Per period, the chart material kept for it.
    let charted: [ChartMaterial]
    /// Per period, the chart material kept for single villages.
    let villageCharted: [ChartMaterial]
    /// Whether any request groups by village, and what it wants.
    let wantsVillageRows: Bool
    let villageCountsOnly: Bool
    let villageCharts: Bool
    /// Whether funnel points are drawn (they need every village's own counts).
    let drawsFunnel: Bool
    /// Whether the data-quality rows are computed.
    let wantsQuality: Bool

    init<Failure: Error>(_ family: MetricFamily, source: MetricsSource<Failure>, options: MetricsOptions,
                         requests: [GroupingRequest], model: EscalationModel?) {
        let families = Set(family.members)
        self.options = options
        periods = options.periods
        minCell = max(options.minCell, 1)
        hideSmall = options.suppress && minCell > 1
        charted = options.periods.map {
            (options.chartPeriods?.contains($0.label) ?? true) ? options.chartMaterial : []
        }
        plan = TallyPlan(reach: families.contains(.reach), response: families.contains(.response),
                         volunteers: families.contains(.volunteers), escalation: families.contains(.escalation),
                         index: source.residents, followUpDays: max(options.effectiveFollowUpDays, 0),
                         thresholdPerWeek: options.volunteerThresholdHoursPerWeek)
        self.model = plan.escalation ? model : nil
        let villageRequests = requests.filter { $0.grouping == .village }
        wantsVillageRows = !villageRequests.isEmpty
        villageCountsOnly = villageRequests.allSatisfy(\.countsOnly)
        villageCharts = villageRequests.contains(where: \.charts)
        villageCharted = charted.map { $0.intersection(options.villageChartMaterial ?? .all) }
        drawsFunnel = requests.contains(where: \.charts) && (plan.reach || plan.volunteers)
            && charted.contains { $0.contains(.funnel) }
        wantsQuality = families.contains(.quality) && requests.contains(where: \.quality)
    }

    /// Whether a count would be suppressed (the tallies mark what follows from it).
    var isSmall: @Sendable (Int) -> Bool {
        let hide = hideSmall, k = minCell
        return { n in hide && n >= 1 && n < k }
    }

    /// One village on its own: its rows per period, its funnel counts and its data-quality rows.
    func compute(_ prepared: PreparedVillage, position: Int, qualityFacts: QualityFacts?) -> VillageWork {
        var work = VillageWork(position: position, prepared: prepared)
        let village = prepared.village
        let group = MetricGroup(key: village.code, villages: [village])
        if wantsVillageRows || drawsFunnel {
            for (p, period) in periods.enumerated() {
                var tally = GroupTally(plan, countsOnly: villageCountsOnly, pooled: false)
                tally.add(prepared, period: period, followUpDays: plan.followUpDays,
                          includePartial: options.includePartial)
                if drawsFunnel && charted[p].contains(.funnel) {
                    work.funnel.append((p, tally.funnelCounts(village: village)))
                }
                guard wantsVillageRows else { continue }
                work.part.merge(tally.finish(group: group, period: period, plan: plan, model: model,
                                             charts: villageCharts ? villageCharted[p] : [],
                                             countsOnly: villageCountsOnly, small: isSmall))
            }
        }
        if wantsQuality {
            let quality = QualityMetrics.compute(prepared, facts: qualityFacts, today: options.today,
                                                 exportEvery: options.exportEvery, graceDays: options.exportGraceDays)
            work.quality = quality.rows
            work.outliers = quality.outliers
        }
        return work
    }

    /// The funnel points of every period from the villages' counts, with their limits drawn.
    func drawFunnel(_ counts: [[FunnelPoints.Counts]]) -> (points: [FunnelPoint], dispersion: [FunnelDispersion]) {
        let points = drawsFunnel ? Parallel.map(periods.count) { p in
            FunnelPoints.compute(period: periods[p], counts: counts[p], reach: plan.reach,
                                 volunteers: plan.volunteers, hideBelow: hideSmall ? minCell : 1)
        }.flatMap { $0 } : []
        return FunnelPoints.drawLimits(points, widening: options.funnelWidening)
    }
}

/// The pooled groups (municipalities, `all`): per request that is not `village`, its groups, the
/// group each village belongs to, and per period their tallies.
private struct PooledLayout: Sendable {
    /// Indices of the pooled requests in the request list.
    let requests: [Int]
    let countsOnly: [Bool]
    let charts: [Bool]
    /// `groups[pooledRequest]`.
    let groups: [[MetricGroup]]
    /// Village code → per pooled request, the index of its group (−1: none).
    let membership: [String: [Int]]
    let tallies: [PeriodTallies]

    init(requests all: [GroupingRequest], villages: [Village], settings: PassSettings) {
        requests = all.indices.filter { all[$0].grouping != .village }
        countsOnly = requests.map { all[$0].countsOnly }
        charts = requests.map { all[$0].charts }
        let groups = requests.map { MetricGroup.groups(all[$0].grouping, villages: villages) }
        self.groups = groups
        var membership: [String: [Int]] = [:]
        for (pooled, groupsOfRequest) in groups.enumerated() {
            for (groupIndex, group) in groupsOfRequest.enumerated() {
                for village in group.villages {
                    membership[village.code, default: Array(repeating: -1, count: groups.count)][pooled] = groupIndex
                }
            }
        }
        self.membership = membership
        let countsOnly = self.countsOnly
        tallies = settings.periods.indices.map { _ in
            PeriodTallies(groups.enumerated().map { pooled, groupsOfRequest in
                groupsOfRequest.map { _ in GroupTally(settings.plan, countsOnly: countsOnly[pooled], pooled: true) }
            })
        }
    }

    /// The pooled groups take a round's villages in code order, each period on its own core.
    func add(_ prepared: [PreparedVillage], settings: PassSettings) {
        guard !requests.isEmpty else { return }
        _ = Parallel.map(settings.periods.count) { p -> Bool in
            for village in prepared {
                guard let groupIndices = membership[village.village.code] else { continue }
                for (pooled, groupIndex) in groupIndices.enumerated() where groupIndex >= 0 {
                    tallies[p].tallies[pooled][groupIndex].add(village, period: settings.periods[p],
                                                               followUpDays: settings.plan.followUpDays,
                                                               includePartial: settings.options.includePartial)
                }
            }
            return true
        }
    }

    /// Reads the pooled groups per period on all cores: `[period][pooledRequest]`.
    func finish(settings: PassSettings) -> [[MetricsResult]] {
        Parallel.map(settings.periods.count) { p -> [MetricsResult] in
            requests.indices.map { pooled in
                var out = MetricsResult()
                for (groupIndex, group) in groups[pooled].enumerated() {
                    out.merge(tallies[p].tallies[pooled][groupIndex].finish(
                        group: group, period: settings.periods[p], plan: settings.plan, model: settings.model,
                        charts: charts[pooled] ? settings.charted[p] : [],
                        countsOnly: countsOnly[pooled], small: settings.isSmall))
                }
                return out
            }
        }
    }
}

/// What the rounds hand over, in code order: the villages' own parts, data-quality rows and
/// funnel counts per period.
private struct GatheredVillages {
    var villageParts: [MetricsResult] = []
    var qualityRows: [MetricRow] = []
    var outliers: [MonthlyOutliers] = []
    var funnelCounts: [[FunnelPoints.Counts]]

    init(periods: Int) { funnelCounts = Array(repeating: [], count: periods) }

    mutating func take(_ works: [VillageWork]) {
        for work in works {
            villageParts.append(work.part)
            qualityRows += work.quality
            if let monthly = work.outliers { outliers.append(monthly) }
            for (p, counts) in work.funnel { funnelCounts[p].append(counts) }
        }
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
