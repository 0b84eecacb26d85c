import Testing
@testable import NoaberMetrics

@Suite("Binomial and Poisson distributions")
struct DiscreteDistributionTests {
    @Test("binomial pmf and cdf match scipy.stats.binom")
    func binomialReference() throws {
        let rows = try ReferenceFixtures.load().binomial
        for row in rows {
            let distribution = BinomialDistribution(trials: row.n, probability: row.p)
            let label = "n=\(row.n) p=\(row.p) k=\(row.k)"
            #expect(isClose(distribution.pmf(row.k), row.pmfExact, relative: 1e-12, absolute: 1e-300), "\(label) pmf vs mpmath")
            #expect(isClose(distribution.cdf(row.k), row.cdfExact, relative: 1e-12, absolute: 1e-300), "\(label) cdf vs mpmath")
            #expect(isClose(distribution.pmf(row.k), row.pmf, relative: 1e-11, absolute: 1e-300), "\(label) pmf vs scipy")
            #expect(isClose(distribution.cdf(row.k), row.cdf, relative: 1e-11, absolute: 1e-300), "\(label) cdf vs scipy")
        }
    }

    @Test("binomial quantile matches scipy.stats.binom.ppf")
    func binomialQuantile() throws {
        for row in try ReferenceFixtures.load().binomialQuantile {
            #expect(BinomialDistribution(trials: row.n, probability: row.p).quantile(row.q) == row.k, "n=\(row.n) q=\(row.q)")
        }
    }

    @Test("Poisson pmf and cdf match scipy.stats.poisson")
    func poissonReference() throws {
        for row in try ReferenceFixtures.load().poisson {
            let distribution = PoissonDistribution(mean: row.lambda)
            let label = "λ=\(row.lambda) k=\(row.k)"
            #expect(isClose(distribution.pmf(row.k), row.pmfExact, relative: 1e-12, absolute: 1e-300), "\(label) pmf vs mpmath")
            #expect(isClose(distribution.cdf(row.k), row.cdfExact, relative: 1e-12, absolute: 1e-300), "\(label) cdf vs mpmath")
            // scipy's poisson.pmf goes through exp(k log λ − gammaln(k+1) − λ) and is off by 3e-10 at
            // λ = 100,000 (the mpmath column above shows noaber is the accurate one), hence 1e-9 here.
            #expect(isClose(distribution.pmf(row.k), row.pmf, relative: 1e-9, absolute: 1e-300), "\(label) pmf vs scipy")
            #expect(isClose(distribution.cdf(row.k), row.cdf, relative: 1e-11, absolute: 1e-300), "\(label) cdf vs scipy")
        }
    }

    @Test("Poisson quantile matches scipy.stats.poisson.ppf")
    func poissonQuantile() throws {
        for row in try ReferenceFixtures.load().poissonQuantile {
            #expect(PoissonDistribution(mean: row.lambda).quantile(row.q) == row.k, "λ=\(row.lambda) q=\(row.q)")
        }
    }

    // By hand: Bin(4, 1/2) masses 1/16, 4/16, 6/16, 4/16, 1/16; Poisson(2) P(0) = e^−2, P(1) = 2e^−2.
    @Test func handWorked() {
        let coin = BinomialDistribution(trials: 4, probability: 0.5)
        let masses = [1.0, 4, 6, 4, 1].map { $0 / 16 }
        var cumulative = 0.0
        for (k, mass) in masses.enumerated() {
            cumulative += mass
            #expect(isClose(coin.pmf(k), mass, relative: 1e-14))
            #expect(isClose(coin.cdf(k), cumulative, relative: 1e-14))
        }
        #expect(coin.quantile(0.5) == 2)            // P(X ≤ 1) = 5/16 < 0.5 ≤ 11/16
        #expect(coin.quantile(11.0 / 16) == 2)
        #expect(coin.pmf(-1) == 0 && coin.pmf(5) == 0 && coin.cdf(-1) == 0 && coin.cdf(4) == 1)
        let poisson = PoissonDistribution(mean: 2)
        #expect(isClose(poisson.pmf(0), 0.1353352832366127, relative: 1e-14))
        #expect(isClose(poisson.cdf(1), 3 * 0.1353352832366127, relative: 1e-14))
        #expect(poisson.quantile(1) == nil)
        #expect(poisson.quantile(0) == 0)
    }

    @Test("masses sum to one and the CDF is their running sum")
    func consistency() {
        for (n, p) in [(30, 0.2), (500, 0.03), (2_000, 0.5)] {
            let distribution = BinomialDistribution(trials: n, probability: p)
            var sum = 0.0
            for k in 0...n {
                sum += distribution.pmf(k)
                #expect(abs(distribution.cdf(k) - sum) < 1e-12, "n=\(n) k=\(k)")
            }
            #expect(abs(sum - 1) < 1e-12)
        }
        let poisson = PoissonDistribution(mean: 37.5)
        var sum = 0.0
        for k in 0...200 {
            sum += poisson.pmf(k)
            #expect(abs(poisson.cdf(k) - sum) < 1e-12, "k=\(k)")
        }
    }
}
