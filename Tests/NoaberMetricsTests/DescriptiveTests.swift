import Testing
@testable import NoaberMetrics

/// Expected values computed with numpy 2.4.6:
///     np.percentile(xs, q)  and  np.abs(x[:,None]-x[None,:]).mean() / (2*x.mean())
struct DescriptiveTests {
    static let qs = [0.0, 0.10, 0.25, 0.50, 0.90, 0.95, 1.0]

    @Test(arguments: [
        ([1.0, 2, 3, 4], [1.0, 1.3, 1.75, 2.5, 3.7, 3.8499999999999996, 4.0]),
        ([7.0], [7.0, 7, 7, 7, 7, 7, 7]),
        ([2.0, 10, 60], [2.0, 3.6, 6.0, 10.0, 50.0, 54.99999999999999, 60.0]),
        ([3.5, 1.25, 9, 9, 0, 4.75, 12, 2], [0.0, 0.8750000000000001, 1.8125, 4.125, 9.899999999999999, 10.95, 12.0]),
        ([1.0, 2], [1.0, 1.1, 1.25, 1.5, 1.9, 1.95, 2.0]),
    ])
    func percentileMatchesNumpyLinear(values: [Double], expected: [Double]) {
        for (q, e) in zip(Self.qs, expected) {
            #expect(close(Descriptive.percentile(values, q), e, 1e-12), "q=\(q)")
        }
    }

    @Test func percentileEdges() {
        #expect(Descriptive.percentile([], 0.5) == nil)
        #expect(Descriptive.percentile([1, 2, 3], 1.5) == 3)   // clamped
        #expect(Descriptive.percentile([1, 2, 3], -1) == 1)
        #expect(Descriptive.percentile([1, 2, 3], .nan) == nil)
    }

    @Test func giniHandWorked() {
        #expect(Descriptive.gini([1, 1, 1, 1]) == 0)
        // ordered pairs with |diff| = 1: 3 × 2 = 6 of 16 → MAD 0.375; mean 0.25 → 0.375 / 0.5
        #expect(close(Descriptive.gini([0, 0, 0, 1]), 0.75))
        #expect(close(Descriptive.gini([2, 10, 60]), 0.5370370370370371, 1e-12))
        #expect(close(Descriptive.gini([3.5, 1.25, 9, 9, 0, 4.75, 12, 2]), 0.4367469879518072, 1e-12))
        #expect(Descriptive.gini([]) == nil)
        #expect(Descriptive.gini([0, 0]) == nil)
        #expect(Descriptive.gini([5]) == 0)
    }

    @Test func topShare() {
        #expect(close(Descriptive.topShare([1, 1, 2, 6], fraction: 0.2), 0.6))      // top 1 of 4
        #expect(close(Descriptive.topShare([2, 10, 60], fraction: 0.2), 60.0 / 72))
        // 6 values: ceil(1.2) = 2 → (5 + 6) / 21
        #expect(close(Descriptive.topShare([1, 2, 3, 4, 5, 6], fraction: 0.2), 11.0 / 21))
        #expect(Descriptive.topShare([], fraction: 0.2) == nil)
        #expect(Descriptive.topShare([0, 0], fraction: 0.2) == nil)
    }

    @Test func topCountIsExactCeiling() {
        #expect(Descriptive.topCount(15, fraction: 0.2) == 3)   // 0.2 × 15 = 3.0000000000000004 in floating point
        #expect(Descriptive.topCount(5, fraction: 0.2) == 1)
        #expect(Descriptive.topCount(6, fraction: 0.2) == 2)
        #expect(Descriptive.topCount(1, fraction: 0.2) == 1)
        #expect(Descriptive.topCount(0, fraction: 0.2) == 0)
        for n in 1...200 { #expect(Descriptive.topCount(n, fraction: 0.2) == (n * 20 + 99) / 100) }
    }
}

struct DescriptiveSelectionTests {
    /// Selection must agree exactly with the sorting percentile on many shapes, ties included.
    @Test func selectionMatchesSorting() {
        var rng = Xoshiro256StarStar(seed: 99)
        for n in [1, 2, 3, 5, 10, 101, 1000] {
            for ties in [false, true] {
                let values = (0..<n).map { _ in ties ? Double(rng.next() % 4) : rng.nextUnit() * 100 }
                for q in [0.0, 0.05, 0.5, 0.9, 0.95, 1.0] {
                    var scratch = values
                    #expect(Descriptive.selectPercentile(&scratch, q) == Descriptive.percentile(values, q), "n=\(n) q=\(q)")
                }
            }
        }
        var empty: [Double] = []
        #expect(Descriptive.selectPercentile(&empty, 0.5) == nil)
    }

    /// All-equal draws (every Monte Carlo total is 0 when nothing counts) and two-valued draws:
    /// the shapes on which a two-way partition went quadratic. The values must still be exact.
    @Test func selectionOnHeavyTies() {
        for n in [2, 10_000, 10_001] {
            var zeros = [Double](repeating: 0, count: n)
            #expect(Descriptive.selectPercentile(&zeros, 0.05) == 0)
            var twoValued = (0..<n).map { Double($0 % 2) * 7.5 }
            let expected = Descriptive.percentile(twoValued, 0.95)
            #expect(Descriptive.selectPercentile(&twoValued, 0.95) == expected)
            var descending = (0..<n).map { Double(n - $0 / 3) }
            let expectedMedian = Descriptive.percentile(descending, 0.5)
            #expect(Descriptive.selectPercentile(&descending, 0.5) == expectedMedian)
        }
    }
}
