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
        // Charts show the current period only: no curve is kept for a village and quarter
        // that no chart draws.
        options.chartPeriods = [current.label]
        // Villages get curves of their own only where the report draws them (eight or fewer);
        // their funnel points are drawn whatever the number.
        options.villageChartMaterial = villages.count <= 8 ? [.survivalCurves, .funnel] : [.funnel]
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
        for (i, r) in all.enumerated() { idx[RowKey(r.village, r.period, r.metric)] = i }
        index = idx
        asOf = source.asOf
        qualityFacts = source.qualityFacts
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
    func row(_ group: String, _ period: String, _ metric: String) -> MetricRow? {
        index[RowKey(group, period, metric)].map { rows[$0] }
    }

    /// The previous calendar year, quarter or month for a whole unit; otherwise the same number of
    /// days just before. A year is compared with the year before even when one is a leap year.
    static func previousPeriod(of p: Period) -> Period {
        let (y, m, _) = p.start.components
        let label = p.label
        func make(_ sy: Int, _ sm: Int, _ ey: Int, _ em: Int) -> Period? {
            guard let s = CivilDate(year: sy, month: sm, day: 1),
                  let e = CivilDate(year: ey, month: em, day: CivilDate.daysIn(month: em, year: ey)) else { return nil }
            return try? Period(start: s, end: e)
        }
        let whole: Period?
        if label.utf8.count == 4 {
            whole = make(y - 1, 1, y - 1, 12)
        } else if label.utf8.count == 6, label.contains("Q") {
            whole = m == 1 ? make(y - 1, 10, y - 1, 12) : make(y, m - 3, y, m - 1)
        } else if label.utf8.count == 7 {
            whole = m == 1 ? make(y - 1, 12, y - 1, 12) : make(y, m - 1, y, m - 1)
        } else {
            whole = nil
        }
        if let whole { return whole }
        let days = p.dayCount
        return (try? Period(start: p.start.adding(days: -days), end: p.start.adding(days: -1))) ?? p
    }

    /// Display name of a group key: the village's name, or "alle dorpen" for the pooled group.
    func name(of key: String) -> String {
        if key == ReportData.pooledKey { return request.language.pick("Alle dorpen", "All villages") }
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

    func funnel(_ metric: String) -> [FunnelPoint] {
        byVillage.funnel.filter { $0.metric == metric && $0.period == current.label }
    }
}

struct RowKey: Hashable {
    let a: String, b: String, c: String
    init(_ a: String, _ b: String, _ c: String) { self.a = a; self.b = b; self.c = c }
}
