import NoaberModel

/// From stored outcome figures and the villages file to an effect estimate: which areas count as
/// treated and which as comparison, the periods at the requested unit, the estimator, and
/// disclosure control of the counts behind each figure. What `noaber effect` prints and what the
/// reports show; pure, like the estimators it calls.
///
///     let analysis = try EffectAnalysis.run(EffectInput(areas: areas, outcomes: rows),
///                                           request: EffectRequest(measure: "huisartsconsulten"))
///     analysis.rows          // tidy rows, `<k` cells already hidden
///     analysis.verdict       // whether the data show an effect, and if not why
///
/// Areas (docs/effect.md, "Comparison areas"):
/// - **treated**: the villages file gives an `ondersteuner_start`;
/// - **comparison**: marked `comparison_area` (no ondersteuner, no cases);
/// - **start unknown**: neither — a village whose start is not filled in. It is left out, and
///   `leftOut` names it: counting it as a comparison would compare the ondersteuner with itself.
public enum EffectAnalysis {
    /// Runs the analysis.
    ///
    /// - Throws: `EffectAnalysisError`: no figures for the measure, a village that is not there,
    ///   a unit finer than the data, or the estimator's own `EffectError`.
    /// - Complexity: O(figures + areas × periods × cohorts), the estimator's cost.
    public static func run(_ input: EffectInput, request: EffectRequest) throws(EffectAnalysisError) -> EffectResult {
        let figures = input.outcomes.filter { $0.measure == request.measure }
        guard !figures.isEmpty else {
            if input.outcomes.isEmpty && input.measures.isEmpty { throw .noOutcomes }
            throw .unknownMeasure(measure: request.measure, available: input.measures)
        }
        let byCode = Dictionary(input.areas.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        for code in request.villages ?? [] {
            guard let area = byCode[code] else { throw .unknownVillage(code: code) }
            if area.isComparisonArea { throw .villageIsComparisonArea(code: code) }
        }

        // The unit: the coarsest the figures come in, unless asked; `aggregate` refuses a unit
        // finer than the figures.
        let unit = request.every ?? Set(figures.map(\.period.unit)).min() ?? .quarter

        // Who is who.
        let withFigures = Set(figures.map(\.village))
        var treated: [EffectAreaFacts] = [], comparison: [EffectAreaFacts] = [], leftOut: [EffectResult.LeftOut] = []
        for area in input.areas.sorted(by: { $0.code < $1.code }) {
            if area.isComparisonArea {
                comparison.append(area)
            } else if area.ondersteunerStart != nil {
                treated.append(area)
            } else if withFigures.contains(area.code) {
                leftOut.append(.init(area: area.code, name: area.name, reason: .startUnknown))
            }
        }
        for code in withFigures.sorted() where byCode[code] == nil {
            leftOut.append(.init(area: code, name: code, reason: .notInVillagesFile))
        }
        if let chosen = request.villages.map(Set.init) {
            for area in treated where !chosen.contains(area.code) {
                leftOut.append(.init(area: area.code, name: area.name, reason: .notSelected))
            }
            treated = treated.filter { chosen.contains($0.code) }
            // A chosen village without a start is `start unknown`: say so rather than drop it.
            for code in request.villages ?? [] where byCode[code]?.ondersteunerStart == nil {
                throw .estimate(.areaNotTreated(area: code))
            }
        }

        let method = request.method ?? (request.villages != nil ? .its : defaultMethod(treated: treated.count,
                                                                                    comparison: comparison.count))
        // The periods run over the figures of the areas used, so that a left-out area's longer
        // series adds no empty periods (when the areas used have no figures at all, over every
        // figure, and the panel then says which areas miss the measure).
        let used = Set((treated + comparison).map(\.code))
        let usedFigures = figures.filter { used.contains($0.village) }
        let aggregation = try aggregate(usedFigures.isEmpty ? figures : usedFigures, to: unit)
        let periods = aggregation.periods
        let observations = aggregation.cells.map {
            OutcomeObservation(area: $0.area, period: $0.period, value: $0.value, population: $0.population)
        }
        let small = request.minCell.map { k in
            Set(aggregation.cells.filter { $0.value > 0 && $0.value < Double(k) }.map(\.area))
        } ?? []
        let names = Dictionary(input.areas.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })

        switch method {
        case .did:
            let areas = (treated + comparison).map { EffectArea(code: $0.code, ondersteunerStart: $0.ondersteunerStart) }
            let panel: OutcomePanel
            let did: DiDResult
            do {
                panel = try OutcomePanel(measure: request.measure, periods: periods, areas: areas, observations: observations,
                                         policy: request.policy)
                did = try CallawaySantAnna.estimate(panel, options: DiDOptions(confidence: request.confidence))
            } catch {
                throw .estimate(error)
            }
            var rows = did.rows(village: "all")
            let eventP: Double? = if case let .tested(_, _, p) = did.eventPretrend { p } else { nil }
            rows.append(MetricRow(village: "all", period: did.rangeLabel, metric: "pretrend_event_p", value: eventP,
                                  n: did.areaCount))
            let suppressed = disclose(&rows, did: did, panel: panel, small: small)
            let treatedCodes = zip(panel.areas, panel.firstTreated).filter { $0.1 != nil }.map(\.0)
            let comparisonCodes = zip(panel.areas, panel.firstTreated).filter { $0.1 == nil }.map(\.0)
            var members: [String: [String]] = [:]
            for (code, first) in zip(panel.areas, panel.firstTreated) {
                if let first { members[panel.periods[first].label, default: []].append(code) }
            }
            return EffectResult(measure: request.measure, method: .did, unit: unit, periods: periods, treated: treatedCodes,
                                comparison: comparisonCodes, cohortMembers: members, names: names, leftOut: leftOut,
                                incompleteCells: aggregation.incomplete, did: did, its: [], rows: rows,
                                suppressedRows: suppressed, adjustments: panel.adjustments, cautions: did.cautions,
                                minCell: request.minCell)
        case .its:
            guard !treated.isEmpty else {
                throw .estimate(.noTreatedAreas(areas: treated.count + comparison.count))
            }
            var results: [ITSResult] = []
            var rows: [MetricRow] = []
            var suppressed = 0
            var adjustments: [PanelAdjustment] = []
            var incomplete: [EffectResult.IncompleteCell] = []
            for area in treated {
                // Each village's own series: a shorter series elsewhere does not shorten it.
                let own = try aggregate(figures.filter { $0.village == area.code }, to: unit)
                incomplete += own.incomplete
                let result: ITSResult
                do throws(EffectError) {
                    guard !own.periods.isEmpty else {
                        if request.policy.incompleteAreas == .dropArea {
                            adjustments.append(.droppedIncomplete(area: area.code, missingPeriods: periods.map(\.label)))
                            continue
                        }
                        throw EffectError.measureMissing(measure: request.measure, areas: [area.code], periods: [])
                    }
                    let panel = try OutcomePanel(
                        measure: request.measure, periods: own.periods,
                        areas: [EffectArea(code: area.code, ondersteunerStart: area.ondersteunerStart)],
                        observations: own.cells.map { OutcomeObservation(area: $0.area, period: $0.period, value: $0.value,
                                                                         population: $0.population) },
                        policy: request.policy)
                    adjustments += panel.adjustments
                    // Under a lenient policy the area may have been dropped: it is then only in
                    // the adjustments, never a silent gap.
                    guard panel.areas.contains(area.code) else { continue }
                    result = try InterruptedTimeSeries.estimate(panel, area: area.code,
                                                                options: ITSOptions(confidence: request.confidence))
                } catch {
                    if case .noAreas = error, request.policy != .strict { continue }
                    throw .estimate(error)
                }
                results.append(result)
                var ownRows = result.rows()
                if let k = request.minCell, own.cells.contains(where: { $0.value > 0 && $0.value < Double(k) }) {
                    ownRows = ownRows.map(\.hidden)
                    suppressed += ownRows.count
                }
                rows += ownRows
            }
            guard !results.isEmpty else { throw .estimate(.noAreas(dropped: treated.count)) }
            return EffectResult(measure: request.measure, method: .its, unit: unit, periods: periods,
                                treated: results.map(\.area), comparison: [], cohortMembers: [:], names: names, leftOut: leftOut,
                                incompleteCells: incomplete, did: nil, its: results, rows: rows,
                                suppressedRows: suppressed, adjustments: adjustments, cautions: [], minCell: request.minCell)
        }
    }

    /// `did` when there are comparison areas and more than one treated area (as
    /// `OutcomePanel.defaultMethod`), else `its` per village. With one comparison area `did` is
    /// still chosen, so that its refusal says what is missing instead of switching silently.
    static func defaultMethod(treated: Int, comparison: Int) -> EffectMethod {
        treated >= 2 && comparison >= 1 ? .did : .its
    }

    /// Hides every row that rests on a count between 1 and k−1 (docs/disclosure.md): the rows of
    /// the areas a figure averages over — the cohorts it involves and the comparison areas —
    /// in every period of the panel. Returns how many rows were hidden.
    static func disclose(_ rows: inout [MetricRow], did: DiDResult, panel: OutcomePanel, small: Set<String>) -> Int {
        guard !small.isEmpty else { return 0 }
        let comparisonSmall = zip(panel.areas, panel.firstTreated).contains { $0.1 == nil && small.contains($0.0) }
        var smallCohorts = Set<Int>()
        for (code, first) in zip(panel.areas, panel.firstTreated) where small.contains(code) {
            if let first { smallCohorts.insert(first) }
        }
        let t = panel.periods.count
        var hidden = 0
        for i in rows.indices {
            let metric = rows[i].metric
            var touched = comparisonSmall
            if metric == "att_overall" || metric == "pretrend_p" || metric == "pretrend_event_p" {
                touched = touched || !smallCohorts.isEmpty
            } else if metric.hasPrefix("att_group:") {
                let label = String(metric.dropFirst("att_group:".count))
                touched = touched || did.cohorts.contains { $0.label == label && smallCohorts.contains($0.start) }
            } else if metric.hasPrefix("att_event:"), let k = Int(metric.dropFirst("att_event:".count)) {
                // The cohorts observed k periods from their start (before it: k periods and the
                // base period before that).
                touched = touched || smallCohorts.contains { g in g + k >= 0 && g + k < t && (k >= 0 || g + k >= 1) }
            }
            if touched {
                rows[i] = rows[i].hidden
                hidden += 1
            }
        }
        return hidden
    }

    /// One aggregated figure per area and period of the unit.
    struct Cell {
        let area: String
        let period: Period
        let value: Double
        let population: Double
    }

    /// The figures at `unit`: finer periods are summed (the counts) and their populations
    /// averaged, only when every finer period of the unit is there — an incomplete quarter is
    /// missing, never a smaller count; the periods run consecutively from the first to the last.
    static func aggregate(_ figures: [OutcomeRecord], to unit: OutcomePeriod.Unit)
        throws(EffectAnalysisError) -> (cells: [Cell], periods: [Period], incomplete: [EffectResult.IncompleteCell]) {
        struct Sum { var value = 0.0, population = 0.0, months = 0, parts = 0 }
        var sums: [String: [OutcomePeriod: Sum]] = [:]
        for f in figures {
            guard let target = f.period.within(unit) else {
                throw .unitFinerThanData(requested: unit, data: f.period.unit)
            }
            var s = sums[f.village, default: [:]][target] ?? Sum()
            s.value += f.value
            s.population += Double(f.population)
            s.months += f.period.unit.months
            s.parts += 1
            sums[f.village, default: [:]][target] = s
        }
        var cells: [Cell] = []
        var incomplete: [EffectResult.IncompleteCell] = []
        var first: OutcomePeriod?, last: OutcomePeriod?
        for (area, byPeriod) in sums.sorted(by: { $0.key < $1.key }) {
            for (target, s) in byPeriod.sorted(by: { $0.key < $1.key }) {
                first = min(first ?? target, target)
                last = max(last ?? target, target)
                if s.months > unit.months {
                    throw .overlappingPeriods(area: area, period: target.label)
                }
                guard s.months == unit.months else {
                    incomplete.append(.init(area: area, period: target.label, months: s.months, of: unit.months))
                    continue
                }
                guard let period = try? Period(parsing: target.label) else { continue }
                cells.append(Cell(area: area, period: period, value: s.value, population: s.population / Double(s.parts)))
            }
        }
        var periods: [Period] = []
        if let first, let last {
            var p = first
            while p <= last {
                if let period = try? Period(parsing: p.label) { periods.append(period) }
                p = p.advanced(by: 1)
            }
        }
        return (cells, periods, incomplete)
    }
}

/// An area as the effect analysis sees it: from the villages file.
public struct EffectAreaFacts: Hashable, Sendable {
    public var code: String
    public var name: String
    public var ondersteunerStart: CivilDate?
    public var isComparisonArea: Bool

    public init(code: String, name: String, ondersteunerStart: CivilDate?, isComparisonArea: Bool) {
        self.code = code
        self.name = name
        self.ondersteunerStart = ondersteunerStart
        self.isComparisonArea = isComparisonArea
    }

    public init(_ village: Village) {
        self.init(code: village.code, name: village.name, ondersteunerStart: village.ondersteunerStart,
                  isComparisonArea: village.isComparisonArea)
    }
}

/// What an effect analysis reads: every area of the villages file and the stored figures.
public struct EffectInput: Sendable {
    public var areas: [EffectAreaFacts]
    /// The figures of (at least) the measure asked for.
    public var outcomes: [OutcomeRecord]
    /// Every measure the store holds, for the message when the one asked for is not there.
    public var measures: [String]

    public init(areas: [EffectAreaFacts], outcomes: [OutcomeRecord], measures: [String]? = nil) {
        self.areas = areas
        self.outcomes = outcomes
        self.measures = measures ?? Array(Set(outcomes.map(\.measure))).sorted()
    }
}

/// What to estimate (`noaber effect`'s options).
public struct EffectRequest: Hashable, Sendable {
    public var measure: String
    /// nil: `did` with two or more treated and comparison areas, else `its`; `its` when villages
    /// are chosen.
    public var method: EffectMethod?
    /// nil: the coarsest unit the figures come in.
    public var every: OutcomePeriod.Unit?
    /// `its`: these villages (each its own series); `did`: only these treated villages, against
    /// every comparison area. nil: every village with a start.
    public var villages: [String]?
    public var policy: PanelPolicy
    /// k of disclosure control: a figure resting on a count 1…k−1 is hidden; nil: none hidden.
    public var minCell: Int?
    public var confidence: Double

    public init(measure: String, method: EffectMethod? = nil, every: OutcomePeriod.Unit? = nil, villages: [String]? = nil,
                policy: PanelPolicy = .strict, minCell: Int? = 5, confidence: Double = 0.95) {
        self.measure = measure
        self.method = method
        self.every = every
        self.villages = villages
        self.policy = policy
        self.minCell = minCell
        self.confidence = confidence
    }
}

/// Why an effect analysis could not be made. `EffectError`s come from the estimators; the others
/// from the data around them.
public enum EffectAnalysisError: Error, Hashable, Sendable {
    /// The store holds no outcome series at all.
    case noOutcomes
    /// No figures for the measure asked; `available` are the measures held.
    case unknownMeasure(measure: String, available: [String])
    /// `--village` names no area of the villages file.
    case unknownVillage(code: String)
    /// `--village` names a comparison area, which has no start to estimate from.
    case villageIsComparisonArea(code: String)
    /// `--every` finer than the figures (yearly figures cannot be split into quarters).
    case unitFinerThanData(requested: OutcomePeriod.Unit, data: OutcomePeriod.Unit)
    /// Figures of two units that cover the same months (both 2024Q1 and 2024-01 for one area).
    case overlappingPeriods(area: String, period: String)
    case estimate(EffectError)

    /// True when the store simply has nothing for the request (exit code 69), false when the data
    /// or the request are at fault (65).
    public var isMissingData: Bool {
        switch self {
        case .noOutcomes, .unknownMeasure: true
        default: false
        }
    }

    public var localized: Localized {
        switch self {
        case .noOutcomes:
            return Localized(
                nl: "de store bevat geen uitkomstreeksen; importeer er een met 'noaber outcomes import BESTAND' (zie docs/effect.md)",
                en: "the store holds no outcome series; import one with 'noaber outcomes import FILE' (see docs/effect.md)")
        case let .unknownMeasure(measure, available):
            let list = available.joined(separator: ", ")
            return Localized(nl: "de store heeft geen cijfers voor maat '\(measure)'; wel voor: \(list)",
                             en: "the store has no figures for measure '\(measure)'; it has: \(list)")
        case let .unknownVillage(code):
            return Localized(nl: "dorp '\(code)' staat niet in het dorpenbestand", en: "village '\(code)' is not in the villages file")
        case let .villageIsComparisonArea(code):
            return Localized(
                nl: "\(code) is een vergelijkingsgebied (geen ondersteuner): er is geen start om een effect vanaf te meten",
                en: "\(code) is a comparison area (no ondersteuner): there is no start to measure an effect from")
        case let .unitFinerThanData(requested, data):
            return Localized(
                nl: "de cijfers zijn er per \(data.dutch); ze zijn niet te splitsen in \(requested.dutchPlural) (kies --every \(data.rawValue) of grover)",
                en: "the figures come per \(data.rawValue); they cannot be split into \(requested.rawValue)s (choose --every \(data.rawValue) or coarser)")
        case let .overlappingPeriods(area, period):
            return Localized(
                nl: "gebied \(area) heeft voor \(period) cijfers van twee soorten perioden die dezelfde maanden dekken (bijvoorbeeld 2024Q1 én 2024-01); houd er één over",
                en: "area \(area) has figures of two kinds of period covering the same months in \(period) (for example 2024Q1 and 2024-01); keep one")
        case let .estimate(error):
            return error.localized
        }
    }
}

extension OutcomePeriod.Unit {
    /// `jaar`, `kwartaal`, `maand`.
    public var dutch: String {
        switch self {
        case .year: "jaar"
        case .quarter: "kwartaal"
        case .month: "maand"
        }
    }

    var dutchPlural: String {
        switch self {
        case .year: "jaren"
        case .quarter: "kwartalen"
        case .month: "maanden"
        }
    }

    /// The metrics' period unit of the same name.
    public var periodUnit: Period.Unit {
        switch self {
        case .year: .year
        case .quarter: .quarter
        case .month: .month
        }
    }
}
