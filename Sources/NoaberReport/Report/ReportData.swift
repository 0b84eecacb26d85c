import NoaberMetrics
import NoaberModel

/// Every figure a report needs, computed once: per village and pooled, for the current period,
/// the previous period of the same kind and the trend periods.
///
/// `DisclosedMetrics.compute(.all, …)` for the village and pooled groupings over the union of
/// the periods, with the request's disclosure control applied across both, so every number
/// that reaches HTML, SVG or CSV has already been through `DisclosureControl`. Lookups go
/// through a dictionary: the writers never scan the rows.
/// - Complexity: the engine's cost, plus O(rows) to index.
struct ReportData: Sendable {
    /// The pooled group's key in tidy rows.
    static let pooledKey = "all"

    private(set) var request: ReportRequest
    /// The villages reported on, sorted by code (alphabetical order, never by rank).
    let villages: [Village]
    let current: Period
    let previous: Period
    let trend: [Period]
    /// Village rows and pooled rows (data-quality rows once), in tidy order.
    let rows: [MetricRow]
    let byVillage: MetricsResult
    let pooled: MetricsResult
    let asOf: [String: CivilDate]
    let qualityFacts: [String: QualityFacts]
    /// Per village, which days its case and task data cover.
    let coverage: [String: VillageCoverage]
    /// Which villages' data cover the current and the previous period.
    let currentCoverage: CoverageSummary
    let previousCoverage: CoverageSummary
    /// How the unit costs were brought to the report's price level (nil: not indexed, the file's
    /// own prices); every euro figure of the report is at `priceYear`.
    let priceLevel: PriceLevel?
    /// The price year of every euro figure.
    let priceYear: Int
    private let index: [RowKey: Int]

    /// Over an input in memory: residents are numbered over the reported villages only, as
    /// when the CLI reads just those villages from a store.
    init(input: MetricsInput, request: ReportRequest, today: CivilDate) throws {
        let villages = try ReportData.selected(input.villages, request: request)
        let codes = Set(villages.map(\.code))
        let filtered = MetricsInput(villages: villages, caseTable: input.cases.restricted(to: codes),
                                    taskTable: input.tasks.restricted(to: codes),
                                    asOf: input.asOf, qualityFacts: input.qualityFacts)
        try self.init(source: MetricsSource(filtered), request: request, today: today)
    }

    /// Over any source, e.g. a store read one village at a time. Throws `ReportError` for a
    /// request that cannot be met, or what the source throws when it cannot be read.
    init<Failure: Error>(source unfiltered: MetricsSource<Failure>, request: ReportRequest, today: CivilDate) throws {
        villages = try ReportData.selected(unfiltered.villages, request: request)
        let source = unfiltered.restricted(to: Set(villages.map(\.code)))
        self.request = request
        current = request.period
        previous = ReportData.previousPeriod(of: request.period)
        // The trend runs over the report's own period when that already holds four or more
        // units (a multi-year research report); a single year or quarter also shows the period
        // before it, so the reader sees a movement. Each trend period costs a full metrics pass.
        let unit = request.trendEvery ?? .quarter
        let own = current.split(every: unit)
        let span = (try? Period(start: previous.start, end: current.end)) ?? current
        trend = own.count >= 4 ? own : span.split(every: unit)
        var seen = Set<String>()
        let periods = ([previous, current] + trend).filter { seen.insert($0.label).inserted }

        var options = MetricsOptions(grouping: .village, periods: periods, minCell: request.minCell,
                                     suppress: request.suppress, escalationDraws: request.draws, seed: request.seed,
                                     escalationParameters: request.escalationParameters, today: today)
        options.includePartial = request.includePartial
        options.exportEvery = request.exportEvery
        options.priceIndex = request.priceIndex
        // Every euro figure at the prices of the year the report period ends in, trend included.
        options.priceYear = current.end.year
        let priced = options.pricedEscalationParameters
        priceLevel = priced.1
        priceYear = priced.0.priceYear
        // Charts show the current period only: no curve is kept for a village and quarter
        // that no chart draws.
        options.chartPeriods = [current.label]
        // Villages get curves of their own only where the report draws them (eight or fewer, or
        // a page per village); their funnel points are drawn whatever the number.
        options.villageChartMaterial = villages.count <= 8 || request.audience == .dorp ? [.survivalCurves, .funnel] : [.funnel]
        // Village and pooled rows are disclosed together (with the municipality rows), so no
        // hidden village cell can be recovered from a pooled total shown beside it.
        let results = try DisclosedMetrics.compute(.all, source: source, options: options, groupings: [.village, .all])
        byVillage = results[0]
        var pooledResult = results[1]
        // Data-quality rows are per village whatever the grouping: keep them once.
        pooledResult.rows.removeAll { $0.period == "all" }
        pooled = pooledResult
        var all = byVillage.rows + pooledResult.rows
        all = MetricRow.sortedTidy(all)
        rows = all
        var idx: [RowKey: Int] = [:]
        idx.reserveCapacity(all.count)
        for (i, r) in all.enumerated() { idx[RowKey(r.village, r.period, r.metric.name)] = i }
        index = idx
        asOf = source.asOf
        qualityFacts = source.qualityFacts
        coverage = source.coverage
        currentCoverage = CoverageSummary(period: current, villages: villages, coverage: source.coverage)
        previousCoverage = CoverageSummary(period: previous, villages: villages, coverage: source.coverage)
    }

    /// Whether the current period may be compared with the previous one, and if not, why.
    enum Comparability: Equatable {
        case comparable
        /// The previous period has no data at all.
        case noPreviousData
        /// Not the same villages have data for the whole of both periods (`missing` lack it in one).
        case differentVillages(missing: [Village])
    }

    /// A comparison with the previous period is made only when both are of the same length (the
    /// previous period is built that way) and the same villages have data for the whole of both
    /// (or, with `--include-partial`, some data in both).
    var comparability: Comparability {
        let cur = currentCoverage, prev = previousCoverage
        if prev.isEmpty { return .noPreviousData }
        let counted: (CoverageSummary) -> Set<String> = { s in
            Set((self.request.includePartial ? s.full + s.partial.map(\.village) : s.full).map(\.code))
        }
        let a = counted(cur), b = counted(prev)
        guard a == b, !a.isEmpty else {
            let missing = villages.filter { a.contains($0.code) != b.contains($0.code) }
            return .differentVillages(missing: missing)
        }
        return .comparable
    }

    /// The villages a request reports on, sorted by code (alphabetical order, never by rank).
    private static func selected(_ all: [Village], request: ReportRequest) throws(ReportError) -> [Village] {
        guard request.minCell >= 1 else { throw .invalidOption(name: "minCell", reason: "must be at least 1") }
        guard request.draws >= 1 else { throw .invalidOption(name: "draws", reason: "must be at least 1") }
        var selected = all
        if let codes = request.villages {
            let known = Set(all.map(\.code))
            for code in codes where !known.contains(code) { throw .unknownVillage(code: code) }
            let wanted = Set(codes)
            selected = all.filter { wanted.contains($0.code) }
        }
        guard !selected.isEmpty else { throw .noVillages }
        return selected.sorted { $0.code < $1.code }
    }

    /// The same figures for another audience: nothing is recomputed.
    func `for`(_ audience: Audience) -> ReportData {
        var copy = self
        copy.request.audience = audience
        return copy
    }

    /// The row of a group (village code or `all`), period label and metric.
    func row(_ group: String, _ period: String, _ metric: MetricID) -> MetricRow? {
        index[RowKey(group, period, metric.name)].map { rows[$0] }
    }

    /// The row of a plain metric.
    func row(_ group: String, _ period: String, _ metric: Metric) -> MetricRow? {
        row(group, period, MetricID(metric))
    }

    /// The period of the same length directly before `p`: in whole calendar years, quarters or
    /// months when `p` consists of them (2023–2024 → 2021–2022; 2024Q3 → 2024Q2; March–May →
    /// December–February), otherwise the same number of days. A year is compared with the year
    /// before even when one is a leap year.
    static func previousPeriod(of p: Period) -> Period {
        let (sy, sm, sd) = p.start.components
        let (ey, em, ed) = p.end.components
        let wholeMonths = sd == 1 && ed == CivilDate.daysIn(month: em, year: ey)
        if wholeMonths {
            let months = (ey - sy) * 12 + (em - sm) + 1
            // Shift back by the same number of months; the start of the range is a month start.
            let startIndex = sy * 12 + (sm - 1) - months
            let endIndex = sy * 12 + (sm - 1) - 1
            if let s = CivilDate(year: startIndex / 12, month: startIndex % 12 + 1, day: 1),
               let e = CivilDate(year: endIndex / 12, month: endIndex % 12 + 1,
                                 day: CivilDate.daysIn(month: endIndex % 12 + 1, year: endIndex / 12)),
               let previous = try? Period(start: s, end: e) {
                return previous
            }
        }
        let days = p.dayCount
        return (try? Period(start: p.start.adding(days: -days), end: p.start.adding(days: -1))) ?? p
    }

    /// Display name of a group key: the village's name, or for the pooled group "Alle dorpen" —
    /// "Dorpen met volledige gegevens" when some villages are left out of its counts.
    func name(of key: String) -> String {
        if key == ReportData.pooledKey {
            return currentCoverage.isComplete || request.includePartial
                ? request.language.pick("Alle dorpen", "All villages")
                : request.language.pick("Dorpen met volledige gegevens", "Villages with complete data")
        }
        return villageNames[key] ?? key
    }

    private var villageNames: [String: String] {
        var d: [String: String] = [:]
        for v in villages { d[v.code] = v.name }
        return d
    }

    func escalation(_ group: String, _ period: String) -> EscalationSummary? {
        let source = group == ReportData.pooledKey ? pooled.escalation : byVillage.escalation
        return source.first { $0.group == group && $0.period == period }
    }

    func curves(_ group: String, _ period: String, _ endpoint: ResponseEndpoint) -> SurvivalCurve? {
        let source = group == ReportData.pooledKey ? pooled.survivalCurves : byVillage.survivalCurves
        return source.first { $0.group == group && $0.period == period && $0.endpoint == endpoint }
    }

    func volunteerHours(_ group: String, _ period: String) -> VolunteerHoursDistribution? {
        let source = group == ReportData.pooledKey ? pooled.volunteerHours : byVillage.volunteerHours
        return source.first { $0.group == group && $0.period == period }
    }

    func funnel(_ metric: Metric) -> [FunnelPoint] {
        byVillage.funnel.filter { $0.metric == metric && $0.period == current.label }
    }
}

struct RowKey: Hashable {
    let a: String, b: String, c: String
    init(_ a: String, _ b: String, _ c: String) { self.a = a; self.b = b; self.c = c }
}
