import NoaberTestSupport
import NoaberModel
import Testing
@testable import NoaberMetrics

/// Quarters from 2020Q1 on.
func effectQuarters(_ count: Int) -> [Period] {
    let start = CivilDate(year: 2020, month: 1, day: 1) ?? CivilDate(dayNumber: 0)
    let endYear = 2020 + (count - 1) / 4, endMonth = ((count - 1) % 4) * 3 + 3
    let end = CivilDate(year: endYear, month: endMonth, day: CivilDate.daysIn(month: endMonth, year: endYear))
        ?? CivilDate(dayNumber: 0)
    return (try? Period(start: start, end: end).split(every: .quarter)) ?? []
}

/// Observations with population 1,000, so the rate equals the value.
func observations(_ series: [String: [Double]], periods: [Period]) -> [OutcomeObservation] {
    series.flatMap { area, values in
        values.enumerated().map { OutcomeObservation(area: area, period: periods[$0], value: $1, population: 1000) }
    }
}

func date(_ iso: String) -> CivilDate? { CivilDate(iso: iso) }

@Suite("Effect estimates by hand")
struct EffectHandTests {
    /// The 2×2 case. Areas A and B start in 2020Q2; C and D never.
    ///
    ///     A 10 → 16 (Δ 6)   B 12 → 20 (Δ 8)   treated mean change 7
    ///     C 10 → 12 (Δ 2)   D 14 → 14 (Δ 0)   comparison mean change 1
    ///     ATT = 7 − 1 = 6
    ///
    /// Influence functions (N = 4, n_g = n_C = 2, so N/n = 2): A 2·(6−7) = −2, B 2·(8−7) = 2,
    /// C −2·(2−1) = −2, D −2·(0−1) = 2. Σ IF² = 16, se = √16 / 4 = 1.
    @Test("2×2: ATT 6, standard error 1")
    func twoByTwo() throws {
        let periods = effectQuarters(2)
        let areas = [EffectArea(code: "A", ondersteunerStart: date("2020-04-01")),
                     EffectArea(code: "B", ondersteunerStart: date("2020-02-10")),
                     EffectArea(code: "C", ondersteunerStart: nil), EffectArea(code: "D", ondersteunerStart: nil)]
        let panel = try OutcomePanel(measure: "gp", periods: periods, areas: areas, observations: observations(
            ["A": [10, 16], "B": [12, 20], "C": [10, 12], "D": [14, 14]], periods: periods))
        #expect(panel.firstTreated == [1, 1, nil, nil])
        let result = try CallawaySantAnna.estimate(panel)
        #expect(result.groupTime.count == 1)
        for estimate in [result.groupTime[0].estimate, result.overall, result.cohorts[0].estimate, result.events[0].estimate] {
            #expect(abs(estimate.value - 6) < 1e-14)
            #expect(abs((estimate.standardError ?? 0) - 1) < 1e-14)
            #expect(estimate.n == 4)
            let interval = try #require(estimate.interval)
            #expect(abs(interval.lower - (6 - 1.959963984540054)) < 1e-12)
            #expect(abs(interval.upper - (6 + 1.959963984540054)) < 1e-12)
        }
        #expect(result.pretrend == .noPreTreatmentPeriods)
        #expect(result.cautions == [.smallCohort(period: "2020Q2", areas: 2), .fewComparisonAreas(count: 2)])
        let rows = result.rows()
        #expect(rows.map(\.metric) == ["att_overall", "att_event:0", "att_group:2020Q2", "pretrend_p"])
        #expect(rows.allSatisfy { $0.period == "2020-01-01..2020-06-30" })
        #expect(rows[3].value == nil)
    }

    /// Three periods, A and B start in 2020Q3 (index 2).
    ///
    ///     pre cell (t = 1, base 0): treated Δ 1 and 2 (mean 1.5), comparison 1 and 1 (mean 1): 0.5
    ///     post cell (t = 2, base 1): treated Δ 6 and 8 (mean 7), comparison 2 and 0 (mean 1): 6
    ///
    /// Pre cell influence: A 2·(1−1.5) = −1, B 1, C and D 0: Σ IF² = 2, se = √2/4. With one
    /// pre-start cell the Wald statistic is (0.5 / se)² = 0.25 · 16/2 = 2, and
    /// p = P(χ²₁ > 2) = erfc(1) = 0.157299207050285.
    @Test("one pre-start cell: W = 2, p = erfc(1)")
    func preTrend() throws {
        let periods = effectQuarters(3)
        let areas = [EffectArea(code: "A", ondersteunerStart: date("2020-07-01")),
                     EffectArea(code: "B", ondersteunerStart: date("2020-07-01")),
                     EffectArea(code: "C", ondersteunerStart: nil), EffectArea(code: "D", ondersteunerStart: nil)]
        let panel = try OutcomePanel(measure: "gp", periods: periods, areas: areas, observations: observations(
            ["A": [10, 11, 17], "B": [12, 14, 22], "C": [10, 11, 13], "D": [14, 15, 15]], periods: periods))
        let result = try CallawaySantAnna.estimate(panel)
        #expect(result.groupTime.map(\.estimate.value) == [0.5, 6])
        #expect(result.groupTime.map(\.basePeriod) == [0, 1])
        #expect(abs((result.groupTime[0].estimate.standardError ?? 0) - 2.0.squareRoot() / 4) < 1e-15)
        #expect(result.events.map(\.relativePeriod) == [-1, 0])
        guard case let .tested(w, q, p) = result.pretrend else {
            Issue.record("no pre-test")
            return
        }
        #expect(q == 1)
        #expect(abs(w - 2) < 1e-13)
        #expect(abs(p - 0.157299207050285) < 1e-14)
    }

    /// Two cohorts with different effects: the overall effect weights them by size, and the
    /// weights' influence (did's wif) widens its standard error beyond the fixed-weight one.
    @Test("overall effect weights cohorts by size; the weights' uncertainty is in its standard error")
    func cohortWeights() throws {
        let periods = effectQuarters(3)
        // Cohort 2020Q2: A, B, C (effect ≈ 10); cohort 2020Q3: D, E (effect ≈ 2); F, G, H never.
        let series: [String: [Double]] = [
            "A": [10, 21, 22], "B": [11, 20, 22], "C": [12, 23, 23],
            "D": [10, 10, 13], "E": [11, 12, 14],
            "F": [10, 11, 11], "G": [12, 12, 13], "H": [9, 10, 10],
        ]
        let starts = ["A": "2020-04-01", "B": "2020-04-01", "C": "2020-04-01", "D": "2020-07-01", "E": "2020-07-01"]
        let areas = series.keys.map { EffectArea(code: $0, ondersteunerStart: starts[$0].flatMap(date)) }
        let panel = try OutcomePanel(measure: "gp", periods: periods, areas: areas,
                                     observations: observations(series, periods: periods))
        let result = try CallawaySantAnna.estimate(panel)
        let early = result.cohorts[0].estimate.value, late = result.cohorts[1].estimate.value
        #expect(abs(result.overall.value - (3 * early + 2 * late) / 5) < 1e-12)

        // Without the weights' influence: the fixed-weight combination of the cohort influences.
        let cells = try GroupTimeCells(panel: panel)
        var fixed = [Double](repeating: 0, count: 8)
        for (c, cohort) in cells.cohorts.enumerated() {
            let post = cells.cells.indices.filter { cells.cells[$0].cohort == c && cells.isPost(cells.cells[$0]) }
            let agg = cells.aggregate(cells: post, estimatedWeights: false)
            for a in 0..<8 { fixed[a] += Double(cohort.members.count) / 5 * agg.influence[a] }
        }
        #expect((result.overall.standardError ?? 0) > cells.standardError(of: fixed))
    }

    @Test("areas that all moved alike: an estimate without a standard error, and a row without an interval")
    func noVariation() throws {
        let periods = effectQuarters(2)
        let areas = ["A", "B", "C", "D"].map { EffectArea(code: $0, ondersteunerStart: $0 < "C" ? date("2020-04-01") : nil) }
        let panel = try OutcomePanel(measure: "gp", periods: periods, areas: areas, observations: observations(
            ["A": [10, 15], "B": [20, 25], "C": [10, 12], "D": [30, 32]], periods: periods))
        let result = try CallawaySantAnna.estimate(panel)
        #expect(result.overall.value == 3)
        #expect(result.overall.standardError == nil)
        #expect(result.overall.interval == nil)
        let row = try #require(result.rows().first)
        #expect(row.value == 3 && row.lower == nil && row.upper == nil)
    }

    @Test("ITS on a straight line with a known jump and kink")
    func itsExact() throws {
        // y = 50 + 2t, then +7 at t0 = 5 and 1.5 more per period: exact fit, zero residuals.
        let y = (0..<12).map { t -> Double in 50 + 2 * Double(t) + (t >= 5 ? 7 + 1.5 * Double(t - 5) : 0) }
        let result = try InterruptedTimeSeries.estimate(rates: y, firstTreated: 5, area: "W")
        #expect(abs(result.levelChange.value - 7) < 1e-12)
        #expect(abs(result.slopeChange.value - 1.5) < 1e-12)
        #expect(abs(result.coefficients[1] - 2) < 1e-12)
        // No noise: the residuals are rounding error only, and so is the standard error (statsmodels
        // gives the same order of magnitude).
        #expect((result.levelChange.standardError ?? 0) < 1e-12)
        #expect(result.periodsBefore == 5 && result.periodsAfter == 7)
    }

    @Test("ITS from a panel: rows for the village over the whole range")
    func itsRows() throws {
        let periods = effectQuarters(10)
        let values: [Double] = [30, 31, 33, 32, 34, 28, 29, 27, 28, 26]
        let panel = try OutcomePanel(measure: "wmo", periods: periods,
                                     areas: [EffectArea(code: "WEDDE", ondersteunerStart: date("2021-01-01"))],
                                     observations: observations(["WEDDE": values], periods: periods))
        #expect(panel.defaultMethod == .its)
        let result = try InterruptedTimeSeries.estimate(panel, area: "WEDDE")
        let rows = result.rows()
        #expect(rows.map(\.metric) == ["its_level_change", "its_slope_change"])
        #expect(rows.allSatisfy { $0.village == "WEDDE" && $0.period == "2020-01-01..2022-06-30" && $0.n == 10 })
        #expect(try #require(rows[0].upper) > rows[0].value ?? 0)
    }
}

@Suite("Effect: bad input is refused with a typed error")
struct EffectBadInputTests {
    private let periods = effectQuarters(4)

    private func panel(_ series: [String: [Double]], starts: [String: String] = [:],
                       policy: PanelPolicy = .strict) throws(EffectError) -> OutcomePanel {
        let areas = series.keys.map { EffectArea(code: $0, ondersteunerStart: starts[$0].flatMap(date)) }
        return try OutcomePanel(measure: "gp", periods: periods, areas: areas,
                                observations: observations(series, periods: periods), policy: policy)
    }

    private let fine: [String: [Double]] = ["A": [1, 2, 3, 4], "B": [2, 2, 4, 5], "C": [1, 1, 2, 2], "D": [3, 4, 4, 5]]
    private let fineStarts = ["A": "2020-07-01", "B": "2020-07-01"]

    @Test("periods with a gap")
    func gap() {
        let gapped = [periods[0], periods[2]]
        #expect(throws: EffectError.periodsNotConsecutive(earlier: "2020Q1", later: "2020Q3")) {
            try OutcomePanel(measure: "gp", periods: gapped, areas: [EffectArea(code: "A", ondersteunerStart: nil)],
                             observations: [])
        }
    }

    @Test("no areas, a duplicate area, a duplicate observation")
    func duplicates() {
        #expect(throws: EffectError.noAreas(dropped: 0)) {
            try OutcomePanel(measure: "gp", periods: periods, areas: [], observations: [])
        }
        #expect(throws: EffectError.duplicateArea(area: "A")) {
            try OutcomePanel(measure: "gp", periods: periods, areas: [EffectArea(code: "A", ondersteunerStart: nil),
                                                                     EffectArea(code: "A", ondersteunerStart: nil)],
                             observations: [])
        }
        let twice = observations(["A": [1, 2, 3, 4]], periods: periods) + [OutcomeObservation(area: "A", period: periods[1], value: 2, population: 1000)]
        #expect(throws: EffectError.duplicateObservation(area: "A", period: "2020Q2")) {
            try OutcomePanel(measure: "gp", periods: periods, areas: [EffectArea(code: "A", ondersteunerStart: nil)],
                             observations: twice)
        }
    }

    @Test("a value that is not a number, negative, or a population of zero")
    func invalidValues() {
        let area = [EffectArea(code: "A", ondersteunerStart: nil)]
        for (value, population, problem) in [(Double.nan, 1000.0, EffectError.ObservationProblem.valueNotFinite),
                                              (-1, 1000, .valueNegative), (5, 0, .populationNotPositive),
                                              (5, .nan, .populationNotPositive)] {
            #expect(throws: EffectError.invalidObservation(area: "A", period: "2020Q1", problem: problem)) {
                try OutcomePanel(measure: "gp", periods: periods, areas: area,
                                 observations: [OutcomeObservation(area: "A", period: periods[0], value: value, population: population)])
            }
        }
    }

    @Test("a measure missing for a whole area, or in a whole period")
    func measureMissing() throws {
        var series = fine
        series["E"] = []
        #expect(throws: EffectError.measureMissing(measure: "gp", areas: ["E"], periods: [])) {
            try panel(series, starts: fineStarts)
        }
        // Under the did package's policy the empty area is dropped, and says so.
        let dropped = try panel(series, starts: fineStarts, policy: .likeDidPackage)
        #expect(dropped.areas == ["A", "B", "C", "D"])
        #expect(dropped.adjustments == [.droppedIncomplete(area: "E", missingPeriods: ["2020Q1", "2020Q2", "2020Q3", "2020Q4"])])

        let noQ4 = fine.mapValues { Array($0.prefix(3)) }
        #expect(throws: EffectError.measureMissing(measure: "gp", areas: [], periods: ["2020Q4"])) {
            try panel(noQ4, starts: fineStarts, policy: .likeDidPackage)
        }
    }

    @Test("an unbalanced panel is refused, or balanced by dropping areas when asked")
    func unbalanced() throws {
        var series = fine
        series["E"] = [1, 2, 3]
        series["F"] = [1, 2, 3, 4]
        #expect(throws: EffectError.unbalancedPanel(measure: "gp", gaps: [.init(area: "E", missingPeriods: ["2020Q4"])])) {
            try panel(series, starts: fineStarts)
        }
        let balanced = try panel(series, starts: fineStarts, policy: .likeDidPackage)
        #expect(balanced.areas == ["A", "B", "C", "D", "F"])
        #expect(balanced.adjustments == [.droppedIncomplete(area: "E", missingPeriods: ["2020Q4"])])
        let result = try CallawaySantAnna.estimate(balanced)
        #expect(result.adjustments == balanced.adjustments)
        #expect(result.areaCount == 5)
    }

    @Test("a start on or before the first period: no pre-period")
    func startTooEarly() throws {
        var starts = fineStarts
        starts["C"] = "2019-06-01"
        starts["D"] = "2020-01-01"
        #expect(throws: EffectError.startBeforeFirstPeriod(areas: ["C", "D"], firstPeriod: "2020Q1")) {
            try panel(fine, starts: starts)
        }
        var series = fine
        series["E"] = [1, 1, 1, 2]
        series["F"] = [2, 2, 3, 3]
        let dropped = try panel(series, starts: starts, policy: .likeDidPackage)
        #expect(!dropped.areas.contains("C") && !dropped.areas.contains("D"))
        #expect(dropped.adjustments == [.droppedStartBeforeSeries(area: "C", start: try #require(date("2019-06-01"))),
                                        .droppedStartBeforeSeries(area: "D", start: try #require(date("2020-01-01")))])
    }

    @Test("a start after the last period began: refused, or a comparison area when asked")
    func startTooLate() throws {
        var starts = fineStarts
        starts["D"] = "2020-10-02"
        #expect(throws: EffectError.startAfterLastPeriod(areas: ["D"], lastPeriod: "2020Q4")) {
            try panel(fine, starts: starts)
        }
        var series = fine
        series["E"] = [1, 2, 2, 3]
        let kept = try panel(series, starts: starts, policy: PanelPolicy(startsAfterSeries: .useAsComparison))
        #expect(kept.firstTreated == [2, 2, nil, nil, nil])
        #expect(kept.adjustments == [.usedAsComparison(area: "D", start: try #require(date("2020-10-02")))])
    }

    @Test("did without treated areas, without comparison areas, or with everyone starting at once")
    func noContrast() throws {
        #expect(throws: EffectError.noTreatedAreas(areas: 4)) { try CallawaySantAnna.estimate(panel(fine)) }
        let staggered = ["A": "2020-04-01", "B": "2020-07-01", "C": "2020-07-01", "D": "2020-10-01"]
        #expect(throws: EffectError.noComparisonAreas(treatedAreas: 4, cohorts: ["2020Q2", "2020Q3", "2020Q4"])) {
            try CallawaySantAnna.estimate(panel(fine, starts: staggered))
        }
        let together = ["A": "2020-07-01", "B": "2020-07-01", "C": "2020-07-01", "D": "2020-06-15"]
        #expect(throws: EffectError.allAreasStartTogether(period: "2020Q3", areas: 4)) {
            try CallawaySantAnna.estimate(panel(fine, starts: together))
        }
    }

    @Test("did with a single treated area, or a single comparison area")
    func tooFew() throws {
        #expect(throws: EffectError.singleTreatedArea(area: "B")) {
            try CallawaySantAnna.estimate(panel(fine, starts: ["B": "2020-07-01"]))
        }
        #expect(throws: EffectError.tooFewComparisonAreas(count: 1, minimum: 2)) {
            try CallawaySantAnna.estimate(panel(fine, starts: ["A": "2020-07-01", "B": "2020-07-01", "C": "2020-04-01"]))
        }
        let one = effectQuarters(1)
        let onePeriod = try OutcomePanel(measure: "gp", periods: one, areas: ["A", "B"].map { EffectArea(code: $0, ondersteunerStart: nil) },
                                         observations: observations(["A": [1], "B": [2]], periods: one))
        #expect(throws: EffectError.tooFewPeriods(method: .did, count: 1, minimum: 2)) {
            try CallawaySantAnna.estimate(onePeriod)
        }
    }

    @Test("options out of range")
    func options() throws {
        let p = try panel(fine, starts: fineStarts)
        #expect(throws: EffectError.invalidOption(name: "confidence", reason: "must be between 0 and 1")) {
            try CallawaySantAnna.estimate(p, options: DiDOptions(confidence: 1))
        }
        #expect(throws: EffectError.invalidOption(name: "bootstrap draws", reason: "at least 2 are needed")) {
            try CallawaySantAnna.estimate(p, options: DiDOptions(bootstrap: MultiplierBootstrap(draws: 1)))
        }
        #expect(throws: EffectError.invalidOption(name: "maxLags", reason: "must be 0 or more")) {
            try InterruptedTimeSeries.estimate(rates: Array(repeating: 1, count: 8), firstTreated: 4, options: ITSOptions(maxLags: -1))
        }
    }

    @Test("its: an unknown area, an area without a start, too few periods around the start")
    func its() throws {
        let p = try panel(fine, starts: fineStarts)
        #expect(throws: EffectError.areaNotFound(area: "Z")) { try InterruptedTimeSeries.estimate(p, area: "Z") }
        #expect(throws: EffectError.areaNotTreated(area: "C")) { try InterruptedTimeSeries.estimate(p, area: "C") }
        #expect(throws: EffectError.tooFewPeriodsAroundStart(area: "A", before: 2, after: 2, minimum: 3)) {
            try InterruptedTimeSeries.estimate(p, area: "A")
        }
        #expect(throws: EffectError.tooFewPeriodsAroundStart(area: "", before: 3, after: 2, minimum: 3)) {
            try InterruptedTimeSeries.estimate(rates: [1, 2, 3, 4, 5], firstTreated: 3)
        }
    }

    @Test("every error says what is wrong in words")
    func descriptions() {
        let errors: [EffectError] = [
            .tooFewPeriods(method: .did, count: 1, minimum: 2), .periodsNotConsecutive(earlier: "2020Q1", later: "2020Q3"),
            .noAreas(dropped: 3), .duplicateArea(area: "A"), .duplicateObservation(area: "A", period: "2020Q1"),
            .invalidObservation(area: "A", period: "2020Q1", problem: .valueNegative),
            .measureMissing(measure: "gp", areas: ["A"], periods: ["2020Q1"]),
            .unbalancedPanel(measure: "gp", gaps: [.init(area: "A", missingPeriods: ["2020Q1"])]),
            .startBeforeFirstPeriod(areas: ["A"], firstPeriod: "2020Q1"), .startAfterLastPeriod(areas: ["A"], lastPeriod: "2020Q4"),
            .noTreatedAreas(areas: 4), .noComparisonAreas(treatedAreas: 4, cohorts: ["2020Q2"]),
            .allAreasStartTogether(period: "2020Q2", areas: 4), .singleTreatedArea(area: "A"),
            .tooFewComparisonAreas(count: 1, minimum: 2), .areaNotFound(area: "A"), .areaNotTreated(area: "A"),
            .tooFewPeriodsAroundStart(area: "A", before: 1, after: 2, minimum: 3), .invalidOption(name: "x", reason: "y"),
        ]
        for error in errors { #expect(error.description.count > 15, "\(error)") }
        #expect(Set(errors.map(\.description)).count == errors.count)
    }
}

@Suite("Effect: simultaneous bands by the multiplier bootstrap")
struct EffectBootstrapTests {
    @Test("critical values agree with csdid's bootstrap within Monte Carlo error", arguments: ["staggered", "many_cohorts"])
    func againstCsdid(name: String) throws {
        let reference = try EffectReference.load().panel(name)
        let expected = try #require(reference.expected.bands)
        let panel = try EffectReference.outcomePanel(reference)
        let result = try CallawaySantAnna.estimate(panel, options: DiDOptions(bootstrap: MultiplierBootstrap(draws: expected.draws)))
        let events = try #require(result.eventBand), cohorts = try #require(result.cohortBand)
        print("bootstrap \(name): event-study critical value \(events.criticalValue) (csdid \(expected.dynamicCrit)), cohorts \(cohorts.criticalValue) (csdid \(expected.groupCrit))")
        #expect(abs(events.criticalValue - expected.dynamicCrit) < 0.08)
        #expect(abs(cohorts.criticalValue - expected.groupCrit) < 0.08)
        #expect(!events.fellBackToPointwise)
        #expect(events.intervals.count == result.events.count)
        for (interval, e) in zip(events.intervals, result.events) {
            let band = try #require(interval), pointwise = try #require(e.estimate.interval)
            #expect(band.lower < pointwise.lower && band.upper > pointwise.upper)
        }
    }

    @Test("the same seed gives the same band; Mammen weights give a similar one")
    func reproducible() throws {
        let panel = try EffectReference.outcomePanel(EffectReference.load().panel("no_effect"))
        let options = DiDOptions(bootstrap: MultiplierBootstrap(draws: 500, seed: 7))
        let a = try CallawaySantAnna.estimate(panel, options: options)
        let b = try CallawaySantAnna.estimate(panel, options: options)
        #expect(a.eventBand == b.eventBand)
        let mammen = try CallawaySantAnna.estimate(panel, options: DiDOptions(bootstrap: MultiplierBootstrap(draws: 500, seed: 7, weights: .mammen)))
        let ca = try #require(a.eventBand?.criticalValue), cm = try #require(mammen.eventBand?.criticalValue)
        #expect(abs(ca - cm) < 0.3)
        #expect(ca > 1.96 && ca < 4)
        #expect(a.eventBand != mammen.eventBand)
    }
}
