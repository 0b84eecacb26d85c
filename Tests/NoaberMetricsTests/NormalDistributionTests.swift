import Testing
@testable import NoaberMetrics

@Suite("Standard normal distribution")
struct NormalDistributionTests {
    @Test("the z values of the reports")
    func knownValues() {
        #expect(abs(NormalDistribution.quantile(0.975) - 1.959963984540054) < 1e-14)
        #expect(abs(NormalDistribution.quantile(0.999) - 3.090232306167813) < 1e-13)
        #expect(NormalDistribution.quantile(0.5) == 0)
        #expect(NormalDistribution.quantile(0) == -.infinity)
        #expect(NormalDistribution.quantile(1) == .infinity)
        #expect(NormalDistribution.quantile(.nan).isNaN)
    }

    @Test("quantile and CDF match scipy.stats.norm")
    func reference() throws {
        let normal = try ReferenceFixtures.load().normal
        for row in normal.quantile {
            #expect(isClose(NormalDistribution.quantile(row.p), row.x, relative: 1e-12), "p=\(row.p)")
        }
        for row in normal.cdf {
            #expect(isClose(NormalDistribution.cdf(row.x), row.p, relative: 1e-12, absolute: 1e-300), "x=\(row.x)")
        }
    }

    @Test("symmetric and inverse of the CDF")
    func properties() {
        for p in [1e-12, 1e-6, 0.001, 0.01, 0.0242, 0.0243, 0.1, 0.25, 0.4, 0.49] {
            // 1 − p rounds for small p, but 1 − (1 − p) is then exact: the mirror must be exact.
            let upper = 1 - p
            #expect(NormalDistribution.quantile(upper) == -NormalDistribution.quantile(1 - upper))
            #expect(isClose(NormalDistribution.cdf(NormalDistribution.quantile(p)), p, relative: 1e-13))
            #expect(NormalDistribution.quantile(p) < NormalDistribution.quantile(p * 1.01))
        }
        #expect(NormalDistribution.quantile(0.75) == -NormalDistribution.quantile(0.25))
    }
}
