/// Staggered difference-in-differences after Callaway & Sant'Anna (2021, *Journal of
/// Econometrics* 225(2), 200–230): group-time average treatment effects ATT(g,t) against areas
/// that never had an ondersteuner, and their aggregations.
///
/// The settings are those of the R package `did` (and its Python port `csdid`) with
/// `control_group = "nevertreated"`, `anticipation = 0`, `base_period = "varying"`,
/// `est_method = "reg"` without covariates, no sampling weights and analytic standard errors
/// (`bstrap = FALSE`); `Tests/NoaberMetricsTests/Fixtures/make_effect_reference.py` checks every
/// number against csdid.
///
/// For a cohort g (the areas whose first treated period is g) and a period t ≥ 1:
///
///     base b = g − 1 when t ≥ g (the last period before the start),  t − 1 when t < g
///     ATT(g,t) = mean over cohort g of (Y_t − Y_b) − mean over comparison areas of (Y_t − Y_b)
///
/// Pre-treatment cells (t < g) with the *varying* base are one-period changes: under parallel
/// trends they are zero, which the pre-trend test checks. Each estimate's influence function
/// (one value per area, the did package's scaling) is
///
///     area i in cohort g:    N / n_g · (ΔY_i − mean ΔY of the cohort)
///     comparison area i:   − N / n_C · (ΔY_i − mean ΔY of the comparison areas)
///     any other area:        0
///
/// and a standard error is `sqrt(Σ_i IF_i²) / N`. Influence functions are never stored as an
/// areas × cells matrix: they are recomputed from the rates when an aggregation needs them, so
/// memory stays O(areas × periods) and time O(areas × periods × cohorts).
public enum CallawaySantAnna {
    /// Estimates ATT(g,t), the event study, the cohort effects, the overall effect and the
    /// pre-trend test for `panel`.
    ///
    /// - Throws: `EffectError.tooFewPeriods` (fewer than 2), `.noTreatedAreas`,
    ///   `.allAreasStartTogether` or `.noComparisonAreas` (no never-treated area),
    ///   `.singleTreatedArea`, `.tooFewComparisonAreas` (fewer than 2), `.invalidOption`.
    /// - Complexity: O(areas × periods × cohorts) for the estimates and aggregations; the
    ///   pre-trend test adds O(q³) for q pre-treatment cells (at most periods × cohorts).
    public static func estimate(_ panel: OutcomePanel, options: DiDOptions = DiDOptions()) throws(EffectError) -> DiDResult {
        try options.validate()
        let cells = try GroupTimeCells(panel: panel)
        return cells.result(panel: panel, options: options)
    }
}

/// Options of `CallawaySantAnna.estimate`.
public struct DiDOptions: Hashable, Sendable {
    /// The confidence level of every interval.
    public var confidence: Double
    /// A multiplier bootstrap for simultaneous bands over the event study and over the cohorts;
    /// nil (the default) gives pointwise intervals only.
    public var bootstrap: MultiplierBootstrap?

    public init(confidence: Double = 0.95, bootstrap: MultiplierBootstrap? = nil) {
        self.confidence = confidence
        self.bootstrap = bootstrap
    }

    func validate() throws(EffectError) {
        guard confidence > 0, confidence < 1 else {
            throw .invalidOption(name: "confidence", reason: "must be between 0 and 1")
        }
        if let bootstrap {
            guard bootstrap.draws >= 2 else {
                throw .invalidOption(name: "bootstrap draws", reason: "at least 2 are needed")
            }
        }
    }
}

/// The group-time cells of one panel and what their influence functions need.
struct GroupTimeCells: Sendable {
    /// One ATT(g,t).
    struct Cell: Sendable {
        /// Index into `cohorts`.
        let cohort: Int
        /// The period t and the base period b.
        let period: Int
        let base: Int
        /// Mean change of the cohort and of the comparison areas, b → t.
        let treatedMean: Double
        let comparisonMean: Double
        let att: Double
        let standardError: Double
    }

    /// The areas first treated in one period.
    struct Cohort: Sendable {
        let firstTreated: Int
        let members: [Int]
    }

    let areaCount: Int
    let periodCount: Int
    let rates: [Double]
    let cohorts: [Cohort]
    let comparison: [Int]
    /// Per area, its cohort index (nil: comparison).
    let cohortOfArea: [Int?]
    /// Cells by cohort, then period 1…T−1 (the order `did` lists them in).
    let cells: [Cell]

    init(panel: OutcomePanel) throws(EffectError) {
        let n = panel.areas.count, t = panel.periods.count
        guard t >= 2 else { throw .tooFewPeriods(method: .did, count: t, minimum: 2) }
        var byStart: [Int: [Int]] = [:]
        var comparison: [Int] = []
        for (a, first) in panel.firstTreated.enumerated() {
            if let first { byStart[first, default: []].append(a) } else { comparison.append(a) }
        }
        let cohorts = byStart.keys.sorted().compactMap { g in byStart[g].map { Cohort(firstTreated: g, members: $0) } }
        let treated = cohorts.reduce(0) { $0 + $1.members.count }
        guard let firstCohort = cohorts.first else { throw .noTreatedAreas(areas: n) }
        if comparison.isEmpty {
            if cohorts.count == 1 {
                throw .allAreasStartTogether(period: panel.periods[firstCohort.firstTreated].label, areas: n)
            }
            throw .noComparisonAreas(treatedAreas: treated, cohorts: cohorts.map { panel.periods[$0.firstTreated].label })
        }
        if treated == 1, let only = firstCohort.members.first {
            throw .singleTreatedArea(area: panel.areas[only])
        }
        guard comparison.count >= 2 else { throw .tooFewComparisonAreas(count: comparison.count, minimum: 2) }

        var cohortOfArea = [Int?](repeating: nil, count: n)
        for (c, cohort) in cohorts.enumerated() { for a in cohort.members { cohortOfArea[a] = c } }
        self.areaCount = n
        self.periodCount = t
        self.rates = panel.rates
        self.cohorts = cohorts
        self.comparison = comparison
        self.cohortOfArea = cohortOfArea

        var cells: [Cell] = []
        cells.reserveCapacity(cohorts.count * (t - 1))
        let big = Double(n)
        for (c, cohort) in cohorts.enumerated() {
            for period in 1..<t {
                let base = period < cohort.firstTreated ? period - 1 : cohort.firstTreated - 1
                let treatedMean = Self.meanChange(panel.rates, t, cohort.members, period, base)
                let comparisonMean = Self.meanChange(panel.rates, t, comparison, period, base)
                let treatedSS = Self.squaredDeviations(panel.rates, t, cohort.members, period, base, treatedMean)
                let comparisonSS = Self.squaredDeviations(panel.rates, t, comparison, period, base, comparisonMean)
                let nt = Double(cohort.members.count), nc = Double(comparison.count)
                // Σ IF² = (N/n_g)² SS_g + (N/n_C)² SS_C, and se = sqrt(Σ IF²) / N.
                let sumIF2 = (big / nt) * (big / nt) * treatedSS + (big / nc) * (big / nc) * comparisonSS
                cells.append(Cell(cohort: c, period: period, base: base, treatedMean: treatedMean,
                                  comparisonMean: comparisonMean, att: treatedMean - comparisonMean,
                                  standardError: sumIF2.squareRoot() / big))
            }
        }
        self.cells = cells
    }

    @inline(__always)
    private static func meanChange(_ y: [Double], _ t: Int, _ areas: [Int], _ period: Int, _ base: Int) -> Double {
        var sum = 0.0
        for a in areas { sum += y[a * t + period] - y[a * t + base] }
        return sum / Double(areas.count)
    }

    @inline(__always)
    private static func squaredDeviations(_ y: [Double], _ t: Int, _ areas: [Int], _ period: Int, _ base: Int,
                                          _ mean: Double) -> Double {
        var sum = 0.0
        for a in areas {
            let d = y[a * t + period] - y[a * t + base] - mean
            sum += d * d
        }
        return sum
    }

    func isPost(_ cell: Cell) -> Bool { cell.period >= cohorts[cell.cohort].firstTreated }

    /// Cohort size share P(G = g) = n_g / N, the did package's aggregation weight.
    func share(_ cohort: Int) -> Double { Double(cohorts[cohort].members.count) / Double(areaCount) }

    /// Adds `weight ×` the influence function of `cell` to `influence` (one entry per area).
    func addInfluence(of cell: Cell, weight: Double, to influence: inout [Double]) {
        let t = periodCount, big = Double(areaCount)
        let members = cohorts[cell.cohort].members
        let wt = weight * big / Double(members.count)
        let wc = -weight * big / Double(comparison.count)
        rates.withUnsafeBufferPointer { y in
            influence.withUnsafeMutableBufferPointer { out in
                for a in members {
                    out[a] += wt * (y[a * t + cell.period] - y[a * t + cell.base] - cell.treatedMean)
                }
                for a in comparison {
                    out[a] += wc * (y[a * t + cell.period] - y[a * t + cell.base] - cell.comparisonMean)
                }
            }
        }
    }

    /// The analytic standard error of an influence function: `sqrt(Σ IF²) / N`.
    func standardError(of influence: [Double]) -> Double {
        var sum = 0.0
        for v in influence { sum += v * v }
        return sum.squareRoot() / Double(areaCount)
    }
}
