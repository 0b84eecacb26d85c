import Foundation
import Testing
@testable import NoaberMetrics

@Suite("Chi-square distribution")
struct ChiSquareDistributionTests {
    @Test("survival function and CDF match scipy.stats.chi2")
    func matchesReference() throws {
        let rows = try StatsReferenceFixtures.load().chiSquare
        let cmp = ReferenceComparison()
        for r in rows {
            let sf = ChiSquareDistribution.survival(r.x, degreesOfFreedom: r.df)
            let cdf = ChiSquareDistribution.cdf(r.x, degreesOfFreedom: r.df)
            #expect(cmp.agrees(sf, r.sf), "x=\(r.x) df=\(r.df) sf \(sf) vs \(r.sf)")
            #expect(cmp.agrees(cdf, r.cdf), "x=\(r.x) df=\(r.df) cdf \(cdf) vs \(r.cdf)")
        }
        print("ChiSquareDistribution vs scipy: \(cmp.compared) numbers, largest relative difference \(cmp.largest)")
    }

    /// χ²₂ is the exponential distribution with mean 2: P(X > x) = e^(−x/2) exactly.
    /// χ²₁ is the square of a standard normal: P(X > x) = erfc(√(x/2)).
    @Test func closedForms() {
        for x in [0.01, 0.5, 1.0, 2.0, 5.0, 13.8, 40.0, 200.0] {
            let e = exp(-x / 2)
            #expect(abs(ChiSquareDistribution.survival(x, degreesOfFreedom: 2) - e) <= 1e-13 * e, "df 2, x \(x)")
            let n = erfc((x / 2).squareRoot())
            #expect(abs(ChiSquareDistribution.survival(x, degreesOfFreedom: 1) - n) <= 1e-12 * n, "df 1, x \(x)")
        }
        // The 95% point of χ²₁ is 1.959964² = 3.841459.
        #expect(abs(ChiSquareDistribution.survival(3.841458820694124, degreesOfFreedom: 1) - 0.05) < 1e-14)
    }

    @Test func edges() {
        #expect(ChiSquareDistribution.survival(0, degreesOfFreedom: 3) == 1)
        #expect(ChiSquareDistribution.survival(-1, degreesOfFreedom: 3) == 1)
        #expect(ChiSquareDistribution.survival(.infinity, degreesOfFreedom: 3) == 0)
        #expect(ChiSquareDistribution.cdf(0, degreesOfFreedom: 3) == 0)
        #expect(ChiSquareDistribution.cdf(.infinity, degreesOfFreedom: 3) == 1)
        #expect(ChiSquareDistribution.survival(1, degreesOfFreedom: 0).isNaN)
        #expect(ChiSquareDistribution.survival(.nan, degreesOfFreedom: 4).isNaN)
        for x in [0.1, 1, 4, 9, 30] {
            let total = ChiSquareDistribution.survival(x, degreesOfFreedom: 4) + ChiSquareDistribution.cdf(x, degreesOfFreedom: 4)
            #expect(abs(total - 1) < 1e-15, "x \(x)")
        }
    }
}
