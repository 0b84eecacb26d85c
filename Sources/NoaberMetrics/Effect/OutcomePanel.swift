import NoaberModel

/// An area in an effect analysis: its code and the date its ondersteuner started (nil: never had
/// one, a comparison area).
public struct EffectArea: Hashable, Sendable {
    public let code: String
    public let ondersteunerStart: CivilDate?

    public init(code: String, ondersteunerStart: CivilDate?) {
        self.code = code
        self.ondersteunerStart = ondersteunerStart
    }
}

/// One aggregated outcome figure: `value` events (GP consultations, Wmo indications, …) among
/// `population` inhabitants of `area` in `period`. Never person-level.
public struct OutcomeObservation: Hashable, Sendable {
    public let area: String
    public let period: Period
    public let value: Double
    public let population: Double

    public init(area: String, period: Period, value: Double, population: Double) {
        self.area = area
        self.period = period
        self.value = value
        self.population = population
    }

    /// The rate per 1,000 inhabitants, `1000 × value / population` (in that order, so the same
    /// double as the Python reference computes).
    public var ratePerThousand: Double { 1000 * value / population }
}

/// What `OutcomePanel` does with areas that do not fit a balanced panel with a clear start.
///
/// The default refuses all three with an `EffectError` that names the areas, so that no figure
/// is computed on a sample the user did not see. `.likeDidPackage` does what R's `did` package
/// (and csdid) do by default — keep only areas observed in every period, drop areas treated from
/// the first period on, treat areas that start after the data as never treated — and records each
/// step as a `PanelAdjustment` the output must show.
public struct PanelPolicy: Hashable, Sendable {
    /// Areas with the measure missing in some (or all) periods.
    public enum IncompleteAreas: Hashable, Sendable { case refuse, dropArea }
    /// Areas whose ondersteuner started on or before the first period (no pre-period).
    public enum StartsBeforeSeries: Hashable, Sendable { case refuse, dropArea }
    /// Areas whose ondersteuner started after the last period began (not treated in the data).
    public enum StartsAfterSeries: Hashable, Sendable { case refuse, useAsComparison }

    public var incompleteAreas: IncompleteAreas
    public var startsBeforeSeries: StartsBeforeSeries
    public var startsAfterSeries: StartsAfterSeries

    public init(incompleteAreas: IncompleteAreas = .refuse, startsBeforeSeries: StartsBeforeSeries = .refuse,
                startsAfterSeries: StartsAfterSeries = .refuse) {
        self.incompleteAreas = incompleteAreas
        self.startsBeforeSeries = startsBeforeSeries
        self.startsAfterSeries = startsAfterSeries
    }

    /// Refuse every irregular area (the default).
    public static let strict = PanelPolicy()

    /// The `did` package's defaults: balance by dropping areas, drop areas treated from the first
    /// period, and count areas that start after the data as never treated.
    public static let likeDidPackage = PanelPolicy(incompleteAreas: .dropArea, startsBeforeSeries: .dropArea,
                                                   startsAfterSeries: .useAsComparison)
}

/// A change the panel made to the areas it was given, under a `PanelPolicy` that allows it.
/// Every one must be reported beside the estimate.
public enum PanelAdjustment: Hashable, Sendable {
    /// Dropped: the measure is missing in these periods (all of them when the area has no data).
    case droppedIncomplete(area: String, missingPeriods: [String])
    /// Dropped: the ondersteuner started on or before the first period.
    case droppedStartBeforeSeries(area: String, start: CivilDate)
    /// Kept as a comparison area: the ondersteuner started after the last period began.
    case usedAsComparison(area: String, start: CivilDate)

    /// The area concerned.
    public var area: String {
        switch self {
        case let .droppedIncomplete(area, _), let .droppedStartBeforeSeries(area, _), let .usedAsComparison(area, _):
            area
        }
    }
}

/// A balanced panel of outcome rates: every area observed in every period, with the index of the
/// first period in which it counts as treated.
///
/// An area is treated from the first period that *starts on or after* its ondersteuner's start
/// date: a start on 15 February makes the second quarter the first treated one, since the first
/// quarter was mostly without her. Areas without a start date are never treated (comparison
/// areas).
///
///     let panel = try OutcomePanel(measure: "gp_consultations", periods: quarters,
///                                  areas: areas, observations: rows)
///     panel.rate(area: 0, period: 3)   // 1000 × value / population
///
/// Observations for areas or periods outside the lists given are ignored (the lists are the
/// selection). Areas are kept in code order.
public struct OutcomePanel: Hashable, Sendable {
    /// The outcome's name, for messages and rows.
    public let measure: String
    /// The periods, consecutive and in order.
    public let periods: [Period]
    /// Area codes, sorted.
    public let areas: [String]
    /// Per area, the index in `periods` of its first treated period; nil for comparison areas.
    public let firstTreated: [Int?]
    /// Rates per 1,000 inhabitants, area-major: `rates[area * periods.count + period]`.
    public let rates: [Double]
    /// What the policy changed (dropped areas, areas counted as comparison); empty under `.strict`.
    public let adjustments: [PanelAdjustment]

    /// Builds the panel from aggregated observations of one measure.
    ///
    /// - Throws: `EffectError` for periods that are not consecutive, duplicate areas or
    ///   observations, invalid values, a measure missing for whole areas or whole periods, an
    ///   unbalanced panel, and start dates outside the series — unless `policy` allows the last
    ///   three, in which case `adjustments` records what was done.
    /// - Complexity: O(observations + areas × periods), plus sorting the areas.
    public init(measure: String, periods: [Period], areas: [EffectArea], observations: [OutcomeObservation],
                policy: PanelPolicy = .strict) throws(EffectError) {
        try Self.checkConsecutive(periods)
        guard !areas.isEmpty else { throw .noAreas(dropped: 0) }
        let sorted = areas.sorted { $0.code < $1.code }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.code == b.code {
            throw .duplicateArea(area: a.code)
        }
        let areaIndex = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1.code, $0) })
        let periodIndex = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1, $0) })
        let t = periods.count

        var grid = [Double](repeating: .nan, count: sorted.count * t)
        var seen = [Bool](repeating: false, count: sorted.count * t)
        for o in observations {
            guard let a = areaIndex[o.area], let p = periodIndex[o.period] else { continue }
            guard !seen[a * t + p] else { throw .duplicateObservation(area: o.area, period: o.period.label) }
            guard o.value.isFinite else {
                throw .invalidObservation(area: o.area, period: o.period.label, problem: .valueNotFinite)
            }
            guard o.value >= 0 else {
                throw .invalidObservation(area: o.area, period: o.period.label, problem: .valueNegative)
            }
            guard o.population.isFinite, o.population > 0 else {
                throw .invalidObservation(area: o.area, period: o.period.label, problem: .populationNotPositive)
            }
            seen[a * t + p] = true
            grid[a * t + p] = o.ratePerThousand
        }

        // Whole periods without any figure: no policy can repair those by dropping areas.
        let emptyPeriods = (0..<t).filter { p in !(0..<sorted.count).contains { seen[$0 * t + p] } }
        var adjustments: [PanelAdjustment] = []
        var keep = [Bool](repeating: true, count: sorted.count)
        var emptyAreas: [String] = []
        var gaps: [EffectError.AreaGap] = []
        for (a, area) in sorted.enumerated() {
            let missing = (0..<t).filter { !seen[a * t + $0] && !emptyPeriods.contains($0) }
            guard !missing.isEmpty else { continue }
            if missing.count + emptyPeriods.count == t {
                emptyAreas.append(area.code)
            } else {
                gaps.append(.init(area: area.code, missingPeriods: missing.map { periods[$0].label }))
            }
        }
        if !emptyPeriods.isEmpty || (policy.incompleteAreas == .refuse && !emptyAreas.isEmpty) {
            throw .measureMissing(measure: measure, areas: emptyAreas, periods: emptyPeriods.map { periods[$0].label })
        }
        if policy.incompleteAreas == .refuse && !gaps.isEmpty {
            throw .unbalancedPanel(measure: measure, gaps: gaps)
        }
        for (a, area) in sorted.enumerated() {
            let missing = (0..<t).filter { !seen[a * t + $0] }
            if !missing.isEmpty {
                keep[a] = false
                adjustments.append(.droppedIncomplete(area: area.code, missingPeriods: missing.map { periods[$0].label }))
            }
        }

        // Start dates against the series.
        var first = [Int?](repeating: nil, count: sorted.count)
        var early: [String] = [], late: [String] = []
        for (a, area) in sorted.enumerated() where keep[a] {
            guard let start = area.ondersteunerStart else { continue }
            let index = periods.firstIndex { $0.start >= start }
            switch index {
            case 0?:
                if policy.startsBeforeSeries == .refuse {
                    early.append(area.code)
                } else {
                    keep[a] = false
                    adjustments.append(.droppedStartBeforeSeries(area: area.code, start: start))
                }
            case nil:
                if policy.startsAfterSeries == .refuse {
                    late.append(area.code)
                } else {
                    adjustments.append(.usedAsComparison(area: area.code, start: start))
                }
            case let index?:
                first[a] = index
            }
        }
        if let firstPeriod = periods.first, !early.isEmpty {
            throw .startBeforeFirstPeriod(areas: early, firstPeriod: firstPeriod.label)
        }
        if let lastPeriod = periods.last, !late.isEmpty {
            throw .startAfterLastPeriod(areas: late, lastPeriod: lastPeriod.label)
        }

        let kept = (0..<sorted.count).filter { keep[$0] }
        guard !kept.isEmpty else { throw .noAreas(dropped: sorted.count) }
        var rates: [Double] = []
        rates.reserveCapacity(kept.count * t)
        for a in kept { rates.append(contentsOf: grid[(a * t)..<(a * t + t)]) }
        self.measure = measure
        self.periods = periods
        self.areas = kept.map { sorted[$0].code }
        self.firstTreated = kept.map { first[$0] }
        self.rates = rates
        self.adjustments = adjustments
    }

    /// A panel from rates already computed (simulations, benchmarks, a caller's own aggregation).
    ///
    /// `rates` is area-major (`rates[area * periods.count + period]`); `firstTreated[a]` is the index
    /// of area `a`'s first treated period or nil. Areas keep the order given.
    /// - Throws: `EffectError` for inconsistent sizes (as `invalidOption`), non-consecutive
    ///   periods, duplicate codes, non-finite rates, and a first treated index of 0 (no
    ///   pre-period) or past the last period.
    public init(measure: String, periods: [Period], areas: [String], firstTreated: [Int?], rates: [Double]) throws(EffectError) {
        try Self.checkConsecutive(periods)
        guard !areas.isEmpty else { throw .noAreas(dropped: 0) }
        guard firstTreated.count == areas.count, rates.count == areas.count * periods.count else {
            throw .invalidOption(name: "rates", reason: "expected \(areas.count) areas × \(periods.count) periods")
        }
        var codes = Set<String>()
        for code in areas where !codes.insert(code).inserted { throw .duplicateArea(area: code) }
        let t = periods.count
        for (a, code) in areas.enumerated() {
            for p in 0..<t where !rates[a * t + p].isFinite {
                throw .invalidObservation(area: code, period: periods[p].label, problem: .valueNotFinite)
            }
        }
        let early = areas.indices.filter { firstTreated[$0] == 0 }.map { areas[$0] }
        if let firstPeriod = periods.first, !early.isEmpty {
            throw .startBeforeFirstPeriod(areas: early, firstPeriod: firstPeriod.label)
        }
        let late = areas.indices.filter { (firstTreated[$0] ?? 0) >= t }.map { areas[$0] }
        if let lastPeriod = periods.last, !late.isEmpty {
            throw .startAfterLastPeriod(areas: late, lastPeriod: lastPeriod.label)
        }
        let negative = areas.indices.filter { (firstTreated[$0] ?? 1) < 0 }.map { areas[$0] }
        if let firstPeriod = periods.first, !negative.isEmpty {
            throw .startBeforeFirstPeriod(areas: negative, firstPeriod: firstPeriod.label)
        }
        self.measure = measure
        self.periods = periods
        self.areas = areas
        self.firstTreated = firstTreated
        self.rates = rates
        self.adjustments = []
    }

    /// The rate of area `area` (an index into `areas`) in period `period`.
    @inlinable
    public func rate(area: Int, period: Int) -> Double { rates[area * periods.count + period] }

    /// The series of one area, in period order.
    public func series(area: Int) -> ArraySlice<Double> {
        rates[(area * periods.count)..<((area + 1) * periods.count)]
    }

    /// Whether some area never had an ondersteuner in the data (so `did` has a comparison).
    public var hasComparisonAreas: Bool { firstTreated.contains { $0 == nil } }

    /// The method `noaber effect` uses without `--method`: `did` when there are comparison areas
    /// and more than one treated area, otherwise `its`.
    public var defaultMethod: EffectMethod {
        hasComparisonAreas && firstTreated.compactMap { $0 }.count > 1 ? .did : .its
    }

    /// The label of the whole range, e.g. `2018-01-01..2020-12-31` or `2019` for one year.
    public var rangeLabel: String {
        guard let first = periods.first, let last = periods.last else { return "" }
        return Period.canonicalLabel(start: first.start, end: last.end)
    }

    private static func checkConsecutive(_ periods: [Period]) throws(EffectError) {
        guard !periods.isEmpty else { throw .tooFewPeriods(method: .did, count: 0, minimum: 2) }
        for (a, b) in zip(periods, periods.dropFirst()) where b.start != a.end.adding(days: 1) {
            throw .periodsNotConsecutive(earlier: a.label, later: b.label)
        }
    }
}
