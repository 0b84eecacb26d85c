import NoaberModel
import Testing
@testable import NoaberMetrics

/// A deterministic uniform number in [-0.5, 0.5) for area `a` and period `t` (SplitMix64).
private func jitter(_ a: Int, _ t: Int, seed: UInt64 = 1) -> Double {
    func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    let z = mix(mix(mix(seed) ^ UInt64(a)) ^ UInt64(t))
    return Double(z >> 11) / Double(1 << 53) - 0.5
}

/// A synthetic panel: `treated` areas T01… starting at the given quarters' first days, `comparison`
/// areas C01…, quarterly from 2019Q1, population 1,000 (so the value is the rate), the rate from
/// `rate(area, t, treatedNow, isTreatedArea)`.
private func panel(treated starts: [OutcomePeriod], comparison: Int, quarters: Int = 12,
                   rate: (Int, Int, Bool, Bool) -> Double) -> EffectInput {
    var areas: [EffectAreaFacts] = []
    var outcomes: [OutcomeRecord] = []
    let periods = (0..<quarters).map { OutcomePeriod.quarter(2019, 1).advanced(by: $0) }
    for (i, start) in starts.enumerated() {
        let code = "T" + (i < 9 ? "0" : "") + String(i + 1)
        areas.append(EffectAreaFacts(code: code, name: "Dorp \(i + 1)", ondersteunerStart: start.start, isComparisonArea: false))
        for (t, p) in periods.enumerated() {
            outcomes.append(OutcomeRecord(village: code, measure: "gp", period: p, value: rate(i, t, p >= start, true), population: 1000))
        }
    }
    for j in 0..<comparison {
        let code = "C" + (j < 9 ? "0" : "") + String(j + 1)
        areas.append(EffectAreaFacts(code: code, name: "Gebied \(j + 1)", ondersteunerStart: nil, isComparisonArea: true))
        for (t, p) in periods.enumerated() {
            outcomes.append(OutcomeRecord(village: code, measure: "gp", period: p, value: rate(100 + j, t, false, false), population: 1000))
        }
    }
    return EffectInput(areas: areas, outcomes: outcomes)
}

private let twoCohorts = Array(repeating: OutcomePeriod.quarter(2020, 1), count: 6) + Array(repeating: .quarter(2020, 3), count: 6)

@Suite("Effect analysis: areas, periods, disclosure and the verdict")
struct EffectAnalysisTests {
    /// The raadsbrief's three cases on synthetic panels (40 villages in two start groups, 20
    /// comparison areas, 12 quarters: enough areas per start group for the Wald pre-test, which
    /// rejects far too often with a handful — docs/effect.md, "Few areas").
    @Test func anEffectIsClaimedOnlyWithAnIntervalClearOfZeroAndNoRejectedPretrend() throws {
        let bigCohorts = Array(repeating: OutcomePeriod.quarter(2020, 1), count: 20) + Array(repeating: .quarter(2020, 3), count: 20)
        let shown = try EffectAnalysis.run(panel(treated: bigCohorts, comparison: 20) { a, t, on, _ in
            1000 + 3 * Double(a % 7) + 2 * Double(t) + 10 * jitter(a, t, seed: 4) + (on ? -60 : 0)
        }, request: EffectRequest(measure: "gp"))
        #expect(shown.method == .did && shown.treated.count == 40 && shown.comparison.count == 20)
        guard case let .effect(value, lower, upper) = shown.verdict else { Issue.record("\(shown.verdict)"); return }
        #expect(abs(value + 60) < 3 && lower < value && upper < 0)
        #expect(shown.verdict.showsEffect)

        let none = try EffectAnalysis.run(panel(treated: bigCohorts, comparison: 20) { a, t, _, _ in
            1000 + 3 * Double(a % 7) + 2 * Double(t) + 40 * jitter(a, t, seed: 7)
        }, request: EffectRequest(measure: "gp"))
        guard case let .intervalIncludesZero(_, lower0, upper0) = none.verdict else { Issue.record("\(none.verdict)"); return }
        #expect(lower0 <= 0 && upper0 >= 0 && !none.verdict.showsEffect)

        // The villages already rose by 8 a quarter before their start; the comparison areas did not.
        let diverging = try EffectAnalysis.run(panel(treated: bigCohorts, comparison: 20) { a, t, on, treatedArea in
            1000 + 3 * Double(a % 7) + (treatedArea ? 8 * Double(t) : 0) + 5 * jitter(a, t) + (on ? -60 : 0)
        }, request: EffectRequest(measure: "gp"))
        guard case let .pretrendRejected(p) = diverging.verdict else { Issue.record("\(diverging.verdict)"); return }
        #expect(p < 0.05 && !diverging.verdict.showsEffect)
    }

    @Test func theEventPretestStandsInWhereTheFullWaldTestIsSingular() throws {
        // Four villages, each its own start group, and five comparison areas over 16 quarters:
        // far more pre-start cells than areas.
        let starts: [OutcomePeriod] = [.quarter(2020, 1), .quarter(2020, 3), .quarter(2021, 1), .quarter(2021, 3)]
        let r = try EffectAnalysis.run(panel(treated: starts, comparison: 5, quarters: 16) { a, t, on, _ in
            1000 + 3 * Double(a % 5) + 10 * jitter(a, t, seed: 3) + (on ? -50 : 0)
        }, request: EffectRequest(measure: "gp"))
        let did = try #require(r.did)
        #expect({ if case .singularCovariance = did.pretrend { true } else { false } }())
        guard case let .tested(_, df, _) = did.eventPretrend else { Issue.record("\(did.eventPretrend)"); return }
        #expect(df == CallawaySantAnna.eventPretestLeads)
        #expect(r.row("pretrend_p")?.value == nil && r.row("pretrend_event_p")?.value != nil)
        #expect(r.cautions.contains(.smallCohort(period: "2020Q1", areas: 1)))
    }

    @Test func finerFiguresAreSummedAndAnIncompletePeriodIsMissingNeverSmaller() throws {
        // Months 2019-01 … 2019-12 for three comparison areas and two villages; one month lacking.
        var outcomes: [OutcomeRecord] = []
        var areas: [EffectAreaFacts] = []
        for (i, code) in ["A", "B", "X", "Y", "Z"].enumerated() {
            let start: CivilDate? = i < 2 ? OutcomePeriod.quarter(2019, 3).start : nil
            areas.append(EffectAreaFacts(code: code, name: code, ondersteunerStart: start, isComparisonArea: start == nil))
            for m in 1...12 where !(code == "Z" && m == 5) {
                outcomes.append(OutcomeRecord(village: code, measure: "gp", period: .month(2019, m), value: Double(100 + m),
                                              population: 900 + 3 * m))
            }
        }
        let input = EffectInput(areas: areas, outcomes: outcomes)
        var request = EffectRequest(measure: "gp", every: .quarter)
        #expect(throws: EffectAnalysisError.estimate(.unbalancedPanel(measure: "gp", gaps: [.init(area: "Z", missingPeriods: ["2019Q2"])]))) {
            try EffectAnalysis.run(input, request: request)
        }
        request.policy = .likeDidPackage
        let r = try EffectAnalysis.run(input, request: request)
        #expect(r.incompleteCells == [.init(area: "Z", period: "2019Q2", months: 2, of: 3)])
        #expect(r.adjustments == [.droppedIncomplete(area: "Z", missingPeriods: ["2019Q2"])])
        #expect(r.periods.map(\.label) == ["2019Q1", "2019Q2", "2019Q3", "2019Q4"] && r.comparison == ["X", "Y"])
        // The first quarter: 101 + 102 + 103 events among (903 + 906 + 909) / 3 inhabitants.
        let cells = try EffectAnalysis.aggregate(outcomes.filter { $0.village == "A" }, to: .quarter).cells
        #expect(cells.first.map { 1000 * $0.value / $0.population } == 1000 * 306 / 906.0)
        // Quarters cannot be split into months.
        let quarterly = EffectInput(areas: areas, outcomes: [OutcomeRecord(village: "A", measure: "gp", period: .quarter(2019, 1), value: 1, population: 900)])
        #expect(throws: EffectAnalysisError.unitFinerThanData(requested: .month, data: .quarter)) {
            try EffectAnalysis.run(quarterly, request: EffectRequest(measure: "gp", every: .month))
        }
    }

    @Test func areasWithoutAStartOrAMarkAreLeftOutAndNamed() throws {
        var input = panel(treated: twoCohorts, comparison: 6) { a, t, on, _ in 1000 + Double(a) + jitter(a, t) + (on ? -5 : 0) }
        input.areas.append(EffectAreaFacts(code: "U01", name: "Onbekend", ondersteunerStart: nil, isComparisonArea: false))
        input.outcomes += (0..<12).map { OutcomeRecord(village: "U01", measure: "gp", period: OutcomePeriod.quarter(2019, 1).advanced(by: $0),
                                                      value: 1000, population: 1000) }
        let r = try EffectAnalysis.run(input, request: EffectRequest(measure: "gp"))
        #expect(r.leftOut == [.init(area: "U01", name: "Onbekend", reason: .startUnknown)])
        #expect(!r.treated.contains("U01") && !r.comparison.contains("U01"))
    }

    @Test func aLeftOutAreasLongerSeriesAddsNoPeriodsAndEachTimeSeriesIsItsOwn() throws {
        var input = panel(treated: twoCohorts, comparison: 6) { a, t, on, _ in 1000 + Double(a) + 5 * jitter(a, t) + (on ? -20 : 0) }
        input.areas.append(EffectAreaFacts(code: "U01", name: "Onbekend", ondersteunerStart: nil, isComparisonArea: false))
        input.outcomes += (1...8).map { OutcomeRecord(village: "U01", measure: "gp", period: OutcomePeriod.quarter(2019, 1).advanced(by: -$0),
                                                     value: 1000, population: 1000) }
        let did = try EffectAnalysis.run(input, request: EffectRequest(measure: "gp"))
        #expect(did.periods.first?.label == "2019Q1" && did.periods.count == 12)
        // One village's series a quarter shorter: its own time series still runs.
        input.outcomes.removeAll { $0.village == "T01" && $0.period == .quarter(2019, 1) }
        let its = try EffectAnalysis.run(input, request: EffectRequest(measure: "gp", villages: ["T01", "T02"]))
        #expect(its.its.map(\.area) == ["T01", "T02"])
        #expect(its.its.map { $0.periodsBefore + $0.periodsAfter } == [11, 12])
    }

    @Test func theMethodFollowsTheAreasAndTheVillagesChosen() throws {
        let withComparison = panel(treated: twoCohorts, comparison: 6) { a, t, on, _ in 1000 + Double(a) + 5 * jitter(a, t) + (on ? -20 : 0) }
        #expect(try EffectAnalysis.run(withComparison, request: EffectRequest(measure: "gp")).method == .did)
        let one = try EffectAnalysis.run(withComparison, request: EffectRequest(measure: "gp", villages: ["T01"]))
        #expect(one.method == .its && one.treated == ["T01"] && one.rows.map(\.metric) == ["its_level_change", "its_slope_change"])
        #expect(one.verdict == .noComparison)
        #expect(throws: EffectAnalysisError.estimate(.singleTreatedArea(area: "T01"))) {
            try EffectAnalysis.run(withComparison, request: EffectRequest(measure: "gp", method: .did, villages: ["T01"]))
        }
        let noComparison = panel(treated: twoCohorts, comparison: 0) { a, t, on, _ in 1000 + Double(a) + 5 * jitter(a, t) + (on ? -20 : 0) }
        let its = try EffectAnalysis.run(noComparison, request: EffectRequest(measure: "gp"))
        #expect(its.method == .its && its.its.count == 12)
        #expect(throws: EffectAnalysisError.estimate(.noComparisonAreas(treatedAreas: 12, cohorts: ["2020Q1", "2020Q3"]))) {
            try EffectAnalysis.run(noComparison, request: EffectRequest(measure: "gp", method: .did))
        }
        #expect(throws: EffectAnalysisError.villageIsComparisonArea(code: "C01")) {
            try EffectAnalysis.run(withComparison, request: EffectRequest(measure: "gp", villages: ["C01"]))
        }
        #expect(throws: EffectAnalysisError.unknownVillage(code: "NOPE")) {
            try EffectAnalysis.run(withComparison, request: EffectRequest(measure: "gp", villages: ["NOPE"]))
        }
        do {
            _ = try EffectAnalysis.run(withComparison, request: EffectRequest(measure: "wmo"))
            Issue.record("an unknown measure was estimated")
        } catch {
            #expect(error == .unknownMeasure(measure: "wmo", available: ["gp"]) && error.isMissingData)
        }
        #expect(throws: EffectAnalysisError.noOutcomes) {
            try EffectAnalysis.run(EffectInput(areas: withComparison.areas, outcomes: []), request: EffectRequest(measure: "gp"))
        }
    }

    @Test func figuresRestingOnASmallCountAreHidden() throws {
        var input = panel(treated: twoCohorts, comparison: 6) { a, t, on, _ in 1000 + Double(a) + 5 * jitter(a, t) + (on ? -20 : 0) }
        // One comparison area has 3 events in one quarter (a rare outcome): every did figure uses
        // the comparison areas, so every one is hidden.
        if let i = input.outcomes.firstIndex(where: { $0.village == "C01" }) { input.outcomes[i].value = 3 }
        let hidden = try EffectAnalysis.run(input, request: EffectRequest(measure: "gp", minCell: 5))
        #expect(hidden.rows.allSatisfy { $0.suppressed && $0.value == nil && $0.n != nil })
        #expect(hidden.suppressedRows == hidden.rows.count && hidden.verdict == .suppressed)
        let open = try EffectAnalysis.run(input, request: EffectRequest(measure: "gp", minCell: nil))
        #expect(open.rows.allSatisfy { !$0.suppressed } && open.suppressedRows == 0)
        // A small count in one village hides the figures of its start group, not the other's.
        var village = panel(treated: twoCohorts, comparison: 6) { a, t, on, _ in 1000 + Double(a) + 5 * jitter(a, t) + (on ? -20 : 0) }
        if let i = village.outcomes.firstIndex(where: { $0.village == "T12" }) { village.outcomes[i].value = 0.5 }
        let partly = try EffectAnalysis.run(village, request: EffectRequest(measure: "gp", minCell: 5))
        #expect(partly.row("att_group:2020Q3")?.suppressed == true && partly.row("att_group:2020Q1")?.suppressed == false)
        #expect(partly.row("att_overall")?.suppressed == true && partly.row("att_event:-5")?.suppressed == true)
        // Seven quarters after the start only the first start group is observed.
        #expect(partly.row("att_event:7")?.suppressed == false)
    }
}
