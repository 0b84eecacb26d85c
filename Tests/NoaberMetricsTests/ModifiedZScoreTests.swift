import Testing
@testable import NoaberMetrics

@Suite("Modified z-score outliers (Iglewicz & Hoaglin)")
struct ModifiedZScoreTests {
    @Test("every series matches numpy: median, MAD, scores, outliers, outcome")
    func matchesReference() throws {
        let cases = try StatsReferenceFixtures.load().modifiedZ
        #expect(cases.count >= 10)
        let cmp = ReferenceComparison()
        for c in cases {
            let rule: ModifiedZScore.ZeroMADRule = c.rule == "mean_absolute_deviation" ? .meanAbsoluteDeviation : .noScores
            let m = ModifiedZScore(c.values, threshold: c.threshold, minimumCount: c.minimumCount, zeroMAD: rule)
            let label = c.name
            let outcome: String = switch m.outcome {
            case .scored: "scored"
            case .tooShort: "too_short"
            case .madIsZero: "mad_is_zero"
            case .allEqual: "all_equal"
            }
            #expect(outcome == c.outcome, "\(label) outcome")
            #expect(m.outliers == c.outliers, "\(label) outliers \(m.outliers) vs \(c.outliers)")
            if let median = c.median { #expect(m.median.map { cmp.agrees($0, median) } == true, "\(label) median") }
            if let mad = c.mad { #expect(m.mad.map { cmp.agrees($0, mad) } == true, "\(label) MAD") }
            switch (m.scale, c.scaleKind, c.scale) {
            case let (.medianAbsoluteDeviation(d)?, "median_absolute_deviation", p?),
                 let (.meanAbsoluteDeviation(d)?, "mean_absolute_deviation", p?):
                #expect(cmp.agrees(d, p), "\(label) scale")
            case (nil, nil, nil): break
            default: Issue.record("\(label) scale \(String(describing: m.scale)) vs \(String(describing: c.scaleKind))")
            }
            #expect(m.scores.count == c.scores.count, "\(label) count")
            for (i, (s, p)) in zip(m.scores, c.scores).enumerated() {
                switch (s, p) {
                case let (s?, p?): #expect(cmp.agrees(s, p), "\(label) M[\(i)] \(s) vs \(p)")
                case (nil, nil): break
                default: Issue.record("\(label) M[\(i)]: \(String(describing: s)) vs \(String(describing: p))")
                }
            }
        }
        print("ModifiedZScore vs make_stats_reference.py: \(cmp.compared) numbers, largest relative difference \(cmp.largest)")
        #expect(cmp.largest < 1e-10)
    }

    /// Sorted: 11 12 12 12 13 13 | 13 14 14 15 15 60 → median (13 + 13)/2 = 13.
    /// |x − 13| sorted: 0 0 0 1 1 1 | 1 1 2 2 2 47 → MAD = 1.
    /// M(60) = 0.6745 · 47 / 1 = 31.7015; M(15) = 1.349, M(11) = −1.349: only month 5 is flagged.
    @Test func spikeByHand() {
        let m = ModifiedZScore(counts: [12, 15, 11, 14, 13, 60, 12, 14, 13, 15, 12, 13])
        #expect(m.outcome == .scored)
        #expect(m.median == 13 && m.mad == 1 && m.scale == .medianAbsoluteDeviation(1))
        #expect(m.scores[5] == 0.6745 * 47)
        #expect(m.scores[1] == 0.6745 * 2 && m.scores[2] == -0.6745 * 2)
        #expect(m.outliers == [5])
    }

    /// Eleven months of 5 and one of 6: median 5, MAD 0 (eleven deviations of 0).
    /// Default: no scores, nothing flagged, and the outcome says why.
    /// IBM's rule: MeanAD = 1/12, so M(6) = 1 / (1.253314 / 12) = 9.5745 — flagged for one case more.
    @Test func madZero() throws {
        let series = [5, 5, 5, 5, 5, 5, 5, 6, 5, 5, 5, 5]
        let m = ModifiedZScore(counts: series)
        #expect(m.outcome == .madIsZero && m.mad == 0 && m.median == 5)
        #expect(m.scale == nil && m.scores.allSatisfy { $0 == nil } && m.outliers.isEmpty)
        let ibm = ModifiedZScore(counts: series, zeroMAD: .meanAbsoluteDeviation)
        #expect(ibm.outcome == .scored && ibm.scale == .meanAbsoluteDeviation(1.0 / 12))
        let m7 = try #require(ibm.scores[7])
        #expect(abs(m7 - 12 / 1.253314) < 1e-12)
        #expect(ibm.scores[0] == 0 && ibm.outliers == [7])
        // The same M for a deviation of 50: the fallback cannot tell one case from fifty.
        let fifty = ModifiedZScore(counts: [5, 5, 5, 5, 5, 5, 5, 55, 5, 5, 5, 5], zeroMAD: .meanAbsoluteDeviation)
        #expect(abs(try #require(fifty.scores[7]) - m7) < 1e-12)
    }

    @Test func allEqual() {
        for rule in [ModifiedZScore.ZeroMADRule.noScores, .meanAbsoluteDeviation] {
            let m = ModifiedZScore(counts: [3, 3, 3, 3, 3, 3, 3], zeroMAD: rule)
            #expect(m.outcome == .allEqual && m.median == 3 && m.mad == 0)
            #expect(m.scores.allSatisfy { $0 == nil } && m.outliers.isEmpty)
        }
    }

    @Test("fewer than six values: not judged; six: judged")
    func shortSeries() {
        let five = ModifiedZScore(counts: [1, 2, 50, 3, 2])
        #expect(five.outcome == .tooShort && five.outliers.isEmpty && five.scores == [nil, nil, nil, nil, nil])
        #expect(five.median == 2 && five.mad == 1)                  // still reported
        // 2 2 3 3 4 25: median 3, |x − 3| = 0 0 1 1 1 22 → MAD 1; M(25) = 0.6745 · 22 = 14.839.
        let six = ModifiedZScore(counts: [2, 3, 2, 4, 3, 25])
        #expect(six.outcome == .scored && six.outliers == [5] && six.scores[5] == 0.6745 * 22)
        #expect(ModifiedZScore(counts: [1, 2, 50], minimumCount: 3).outcome == .scored)
    }

    @Test func emptyAndNonFinite() {
        let empty = ModifiedZScore([])
        #expect(empty.outcome == .tooShort && empty.median == nil && empty.mad == nil && empty.scores.isEmpty)
        // NaN and infinity take no part: the finite values are 1…7 (median 4, MAD 2).
        let m = ModifiedZScore([1, .nan, 2, 3, .infinity, 4, 5, 6, 7])
        #expect(m.median == 4 && m.mad == 2 && m.outcome == .scored)
        #expect(m.scores[1] == nil && m.scores[4] == nil && m.scores[0] == 0.6745 * -3 / 2)
        let onlyNaN = ModifiedZScore([.nan, .nan, .nan, .nan, .nan, .nan, .nan])
        #expect(onlyNaN.outcome == .tooShort && onlyNaN.median == nil)
    }

    /// |M| at the threshold is flagged (noaber's rule, |M| ≥ 3.5; Iglewicz & Hoaglin write "greater
    /// than"). 1…7: median 4, MAD 2, M(7) = 0.6745·3/2 and M(1) = −0.6745·3/2; with that very number
    /// as the threshold both are flagged, with the next larger number neither is.
    @Test func thresholdIsInclusive() {
        let edge = ModifiedZScore.consistencyConstant * 3 / 2
        let m = ModifiedZScore(counts: [1, 2, 3, 4, 5, 6, 7], threshold: edge)
        #expect(m.scores[6] == edge && m.scores[0] == -edge && m.outliers == [0, 6])
        let above = ModifiedZScore(counts: [1, 2, 3, 4, 5, 6, 7], threshold: edge.nextUp)
        #expect(above.outliers.isEmpty)
        // The default threshold is Iglewicz and Hoaglin's 3.5.
        let spike = ModifiedZScore(counts: [12, 15, 11, 14, 13, 60, 12, 14, 13, 15, 12, 13])
        #expect(spike.threshold == 3.5 && spike.outliers == [5])
    }
}
