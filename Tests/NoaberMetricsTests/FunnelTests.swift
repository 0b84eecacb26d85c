import Testing
@testable import NoaberMetrics

@Suite("Funnel plot control limits")
struct FunnelTests {
    @Test("proportion limits match Spiegelhalter's interpolated binomial limits computed with scipy")
    func proportionReference() throws {
        let rows = try ReferenceFixtures.load().funnelProportion
        #expect(rows.count >= 12)
        for row in rows {
            let limits = Funnel.proportionLimits(target: row.target, denominator: row.denominator, coverage: row.coverage)
            let label = "p0=\(row.target) n=\(row.denominator) coverage=\(row.coverage)"
            #expect(isClose(limits.lower, row.lower, relative: 1e-9, absolute: 1e-12), "\(label) lower \(limits.lower) vs \(row.lower)")
            #expect(isClose(limits.upper, row.upper, relative: 1e-9, absolute: 1e-12), "\(label) upper \(limits.upper) vs \(row.upper)")
        }
    }

    @Test("rate limits match Spiegelhalter's interpolated Poisson limits computed with scipy")
    func rateReference() throws {
        let rows = try ReferenceFixtures.load().funnelRate
        #expect(rows.count >= 8)
        for row in rows {
            let limits = Funnel.rateLimits(targetRate: row.targetRate, exposure: row.exposure, coverage: row.coverage)
            let label = "rate=\(row.targetRate) exposure=\(row.exposure) coverage=\(row.coverage)"
            #expect(isClose(limits.lower, row.lower, relative: 1e-9, absolute: 1e-12), "\(label) lower \(limits.lower) vs \(row.lower)")
            #expect(isClose(limits.upper, row.upper, relative: 1e-9, absolute: 1e-12), "\(label) upper \(limits.upper) vs \(row.upper)")
        }
    }

    // By hand, n = 1, p0 = 0.15, 95% upper limit: P(R ≤ 0) = 0.85 < 0.975 ≤ P(R ≤ 1) = 1, so r = 1,
    // α = (1 − 0.975) / P(R = 1) = 0.025 / 0.15 = 1/6, limit = (1 − 1/6) / 1 = 5/6.
    @Test func handWorked() {
        let limits = Funnel.proportionLimits(target: 0.15, denominator: 1, coverage: 0.95)
        #expect(limits.lower == 0)
        #expect(abs(limits.upper - 5.0 / 6) < 1e-12)
    }

    @Test("the funnel narrows as the denominator grows, and always holds the target")
    func narrowsWithSize() {
        let sizes = [10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000]
        for coverage in [0.95, 0.998] {
            var previous = Interval(lower: 0, upper: 1)
            for n in sizes {
                let limits = Funnel.proportionLimits(target: 0.15, denominator: n, coverage: coverage)
                #expect(limits.contains(0.15), "n=\(n)")
                #expect(limits.lower >= previous.lower && limits.upper <= previous.upper, "n=\(n)")
                #expect(limits.width < previous.width, "n=\(n)")
                previous = limits
            }
            var previousRate = Interval(lower: 0, upper: .infinity)
            for exposure in sizes.map(Double.init) {
                let limits = Funnel.rateLimits(targetRate: 0.0125, exposure: exposure, coverage: coverage)
                #expect(limits.contains(0.0125), "exposure=\(exposure)")
                #expect(limits.lower >= previousRate.lower && limits.upper <= previousRate.upper, "exposure=\(exposure)")
                previousRate = limits
            }
        }
    }

    @Test("99.8% limits contain the 95% limits")
    func nested() {
        for n in [5, 37, 400, 12_345] {
            let inner = Funnel.proportionLimits(target: 0.3, denominator: n, coverage: 0.95)
            let outer = Funnel.proportionLimits(target: 0.3, denominator: n, coverage: 0.998)
            #expect(outer.lower <= inner.lower && inner.upper <= outer.upper)
        }
    }

    @Test("for a large denominator the exact limits approach p0 ± z·√(p0(1−p0)/n)")
    func normalLimit() {
        let n = 100_000, p0 = 0.15
        let sd = (p0 * (1 - p0) / Double(n)).squareRoot()
        let limits95 = Funnel.proportionLimits(target: p0, denominator: n, coverage: 0.95)
        #expect(abs(limits95.lower - (p0 - 1.959963984540054 * sd)) < 0.01 * 1.96 * sd)
        #expect(abs(limits95.upper - (p0 + 1.959963984540054 * sd)) < 0.01 * 1.96 * sd)
        let limits998 = Funnel.proportionLimits(target: p0, denominator: n, coverage: 0.998)
        #expect(abs(limits998.lower - (p0 - 3.090232306167813 * sd)) < 0.02 * 3.09 * sd)
        #expect(abs(limits998.upper - (p0 + 3.090232306167813 * sd)) < 0.02 * 3.09 * sd)
    }

    @Test func degenerateInputs() {
        #expect(Funnel.proportionLimits(target: 0.2, denominator: 0, coverage: 0.95) == Interval(lower: 0, upper: 1))
        #expect(Funnel.proportionLimits(target: .nan, denominator: 10, coverage: 0.95) == Interval(lower: 0, upper: 1))
        #expect(Funnel.proportionLimits(target: 0.2, denominator: 10, coverage: 1) == Interval(lower: 0, upper: 1))
        #expect(Funnel.proportionLimits(target: 0, denominator: 10, coverage: 0.95) == Interval(lower: 0, upper: 0))
        #expect(Funnel.proportionLimits(target: 1, denominator: 10, coverage: 0.95) == Interval(lower: 1, upper: 1))
        #expect(Funnel.rateLimits(targetRate: 0.01, exposure: 0, coverage: 0.95) == Interval(lower: 0, upper: .infinity))
        #expect(Funnel.rateLimits(targetRate: -1, exposure: 10, coverage: 0.95) == Interval(lower: 0, upper: .infinity))
        #expect(Funnel.rateLimits(targetRate: 0, exposure: 10, coverage: 0.95) == Interval(lower: 0, upper: 0))
    }
}
