import NoaberTestSupport
import Foundation
import Testing
@testable import NoaberMetrics

/// Panels in Fixtures/effect_reference.json (make_effect_reference.py says what each exercises).
private let referencePanels = [
    "staggered", "second_period_cohort", "few_areas", "single_cohort", "two_periods", "no_effect",
    "many_cohorts", "singular_pretest",
]

private let referenceSeries = ["quarterly_24", "monthly_60", "short_10", "lags0_white", "lags4_corrected", "late_start"]

@Suite("Callaway & Sant'Anna against csdid")
struct CallawaySantAnnaReferenceTests {
    @Test("the first treated period of every area is the first quarter starting on or after its start",
          arguments: referencePanels)
    func firstTreated(name: String) throws {
        let reference = try EffectReference.load().panel(name)
        let panel = try EffectReference.outcomePanel(reference)
        let expected = Dictionary(uniqueKeysWithValues: reference.areas.map { ($0.code, $0.firstTreated) })
        #expect(panel.areas.count == reference.areas.count)
        #expect(panel.adjustments.isEmpty)
        for (a, code) in panel.areas.enumerated() {
            #expect(panel.firstTreated[a] == expected[code] ?? nil, "\(code)")
        }
    }

    @Test("ATT(g,t), cohort, event-study and overall effects equal csdid's within 1e-8, standard errors within 1e-6",
          arguments: referencePanels)
    func estimates(name: String) throws {
        let reference = try EffectReference.load().panel(name)
        let expected = reference.expected
        let result = try CallawaySantAnna.estimate(EffectReference.outcomePanel(reference))
        var log = DifferenceLog()

        try #require(result.groupTime.count == expected.groupTime.count)
        for (mine, theirs) in zip(result.groupTime, expected.groupTime) {
            #expect(mine.cohortStart == theirs.group && mine.period == theirs.time)
            #expect(abs(mine.estimate.value - theirs.att) <= 1e-8, "ATT(\(theirs.group),\(theirs.time))")
            let se = try #require(mine.estimate.standardError)
            #expect(abs(se - theirs.se) <= 1e-6, "se ATT(\(theirs.group),\(theirs.time)): \(se) vs \(theirs.se)")
            log.record("att_gt", mine.estimate.value, theirs.att)
            log.record("att_gt se", se, theirs.se)
        }

        #expect(abs(result.overall.value - expected.overall.att) <= 1e-8, "att_overall")
        let overallSE = try #require(result.overall.standardError)
        #expect(abs(overallSE - expected.overall.se) <= 1e-6, "att_overall se \(overallSE) vs \(expected.overall.se)")
        log.record("att_overall", result.overall.value, expected.overall.att)
        log.record("att_overall se", overallSE, expected.overall.se)

        try #require(result.cohorts.count == expected.groups.count)
        for (mine, theirs) in zip(result.cohorts, expected.groups) {
            #expect(mine.start == theirs.group)
            #expect(abs(mine.estimate.value - theirs.att) <= 1e-8, "att_group:\(mine.label)")
            let se = try #require(mine.estimate.standardError)
            #expect(abs(se - theirs.se) <= 1e-6, "att_group:\(mine.label) se")
            log.record("att_group", mine.estimate.value, theirs.att)
            log.record("att_group se", se, theirs.se)
        }

        try #require(result.events.count == expected.events.count)
        for (mine, theirs) in zip(result.events, expected.events) {
            #expect(mine.relativePeriod == theirs.e)
            #expect(abs(mine.estimate.value - theirs.att) <= 1e-8, "att_event:\(theirs.e)")
            let se = try #require(mine.estimate.standardError)
            #expect(abs(se - theirs.se) <= 1e-6, "att_event:\(theirs.e) se \(se) vs \(theirs.se)")
            log.record("att_event", mine.estimate.value, theirs.att)
            log.record("att_event se", se, theirs.se)
        }
        log.report("did \(name)")
    }

    @Test("the Wald pre-test: csdid's statistic, scipy's p-value, and csdid's rounding of it",
          arguments: referencePanels)
    func pretrend(name: String) throws {
        let reference = try EffectReference.load().panel(name)
        let result = try CallawaySantAnna.estimate(EffectReference.outcomePanel(reference))
        guard let expected = reference.expected.pretrend else {
            // csdid returned no test: there were no pre-start cells, or their covariance is singular.
            switch result.pretrend {
            case .noPreTreatmentPeriods:
                #expect(reference.expected.csdidWarnings.contains { $0.hasPrefix("No pre-treatment periods") })
            case .singularCovariance:
                #expect(reference.expected.csdidWarnings.contains { $0.contains("singular covariance") })
            case .tested:
                Issue.record("noaber tested pre-trends where csdid could not")
            }
            return
        }
        guard case let .tested(statistic, q, p) = result.pretrend else {
            Issue.record("no pre-test, csdid has W = \(expected.statistic)")
            return
        }
        #expect(q == expected.q)
        #expect(isClose(statistic, expected.statistic, relative: 1e-9), "W \(statistic) vs \(expected.statistic)")
        #expect(abs(p - expected.p) <= 1e-9 + 1e-8 * expected.p, "p \(p) vs \(expected.p)")
        #expect(abs((p * 1e5).rounded() / 1e5 - expected.pCsdid) < 1e-12, "csdid rounds p to \(expected.pCsdid)")
        print("did \(name): W \(statistic) vs csdid \(expected.statistic) (relative \(abs(statistic - expected.statistic) / expected.statistic)), p \(p) vs scipy \(expected.p)")
    }

    @Test("tidy rows: att_overall, att_event:K, att_group:PERIOD and pretrend_p over the whole range")
    func rows() throws {
        let reference = try EffectReference.load().panel("staggered")
        let result = try CallawaySantAnna.estimate(EffectReference.outcomePanel(reference))
        let rows = result.rows()
        #expect(rows.count == 1 + result.events.count + result.cohorts.count + 1)
        #expect(rows.allSatisfy { $0.village == "all" && $0.period == "2018-01-01..2020-06-30" })
        let overall = try #require(rows.first { $0.metric == "att_overall" })
        #expect(overall.value == result.overall.value)
        #expect(overall.n == 51)
        #expect(try #require(overall.lower) < overall.value ?? 0)
        #expect(rows.contains { $0.metric == "att_event:-6" })
        #expect(rows.contains { $0.metric == "att_event:0" })
        #expect(rows.contains { $0.metric == "att_group:2018Q4" })
        let group = try #require(rows.first { $0.metric == "att_group:2018Q4" })
        #expect(group.n == 12 + 20)
        let pretrend = try #require(rows.first { $0.metric == "pretrend_p" })
        #expect(pretrend.value != nil && pretrend.lower == nil)
    }
}

@Suite("Interrupted time series against statsmodels OLS HAC")
struct InterruptedTimeSeriesReferenceTests {
    @Test("coefficients and Newey–West standard errors within 1e-8", arguments: referenceSeries)
    func series(name: String) throws {
        let reference = try EffectReference.load().series(name)
        let options = ITSOptions(maxLags: reference.defaultLags ? nil : reference.maxlags,
                                 smallSampleCorrection: reference.useCorrection)
        let result = try InterruptedTimeSeries.estimate(rates: reference.y, firstTreated: reference.t0, options: options)
        #expect(result.maxLags == reference.maxlags)
        var log = DifferenceLog()
        for i in 0..<4 {
            #expect(abs(result.coefficients[i] - reference.params[i]) <= 1e-8, "β\(i)")
            #expect(abs(result.standardErrors[i] - reference.bse[i]) <= 1e-8, "se β\(i): \(result.standardErrors[i]) vs \(reference.bse[i])")
            log.record("params", result.coefficients[i], reference.params[i])
            log.record("bse", result.standardErrors[i], reference.bse[i])
        }
        #expect(result.levelChange.value == result.coefficients[2])
        #expect(result.slopeChange.standardError == result.standardErrors[3])
        #expect(result.levelChange.n == reference.y.count)
        log.report("its \(name)")
    }

    @Test("the default lag rule is floor(4 (n/100)^(2/9))")
    func defaultLags() {
        #expect(NeweyWest.defaultMaxLags(observations: 10) == 2)
        #expect(NeweyWest.defaultMaxLags(observations: 24) == 2)
        #expect(NeweyWest.defaultMaxLags(observations: 60) == 3)
        #expect(NeweyWest.defaultMaxLags(observations: 100) == 4)
        #expect(NeweyWest.defaultMaxLags(observations: 0) == 0)
    }
}

@Suite("Chi-square distribution against scipy")
struct ChiSquareTests {
    @Test("survival and CDF match scipy.stats.chi2")
    func reference() throws {
        let rows = try EffectReference.load().chi2
        #expect(rows.count > 50)
        var worst = 0.0
        for row in rows {
            let k = Double(row.k)
            let sf = ChiSquareDistribution.survival(row.x, degreesOfFreedom: k)
            let cdf = ChiSquareDistribution.cdf(row.x, degreesOfFreedom: k)
            #expect(isClose(sf, row.sf, relative: 1e-11, absolute: 1e-300), "sf(\(row.x), \(row.k)): \(sf) vs \(row.sf)")
            #expect(isClose(cdf, row.cdf, relative: 1e-11, absolute: 1e-300), "cdf(\(row.x), \(row.k)): \(cdf) vs \(row.cdf)")
            if row.sf > 0 { worst = max(worst, abs(sf - row.sf) / row.sf) }
        }
        print("chi-square: largest relative difference in the tail probability \(worst)")
    }

    @Test("edges")
    func edges() {
        #expect(ChiSquareDistribution.survival(0, degreesOfFreedom: 3) == 1)
        #expect(ChiSquareDistribution.survival(.infinity, degreesOfFreedom: 3) == 0)
        #expect(ChiSquareDistribution.survival(.nan, degreesOfFreedom: 3).isNaN)
        #expect(ChiSquareDistribution.survival(1, degreesOfFreedom: 0).isNaN)
        // χ²₂ is exponential with mean 2: P(X > x) = e^{−x/2}.
        for x in [0.1, 1.0, 5.0, 40.0] {
            #expect(isClose(ChiSquareDistribution.survival(x, degreesOfFreedom: 2), exp(-x / 2), relative: 1e-14))
        }
    }
}
