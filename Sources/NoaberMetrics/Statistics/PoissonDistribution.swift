#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The Poisson distribution with mean λ: its probability mass, CDF and discrete quantile.
///
/// Same approach as `BinomialDistribution`: Loader's saddle-point mass (as R's `dpois`) and a CDF
/// summed from k towards the nearer tail.
///
/// - Complexity: `pmf` O(1); `cdf` O(√λ) worst case; `quantile` O(log λ) CDF evaluations.
public struct PoissonDistribution: Sendable, Hashable {
    /// λ ≥ 0.
    public let mean: Double

    /// Poisson(mean). A negative or NaN mean is taken as 0.
    public init(mean: Double) {
        self.mean = mean.isNaN ? 0 : max(mean, 0)
    }

    /// P(X = k).
    public func pmf(_ k: Int) -> Double {
        if k < 0 { return 0 }
        if mean == 0 { return k == 0 ? 1 : 0 }
        if !mean.isFinite { return 0 }
        if k == 0 { return exp(-mean) }
        let x = Double(k)
        return exp(-SaddlePoint.stirlingError(k) - SaddlePoint.deviance(x, mean))
            / (2 * Double.pi * x).squareRoot()
    }

    /// P(X ≤ k).
    public func cdf(_ k: Int) -> Double {
        if k < 0 { return 0 }
        if mean == 0 { return 1 }
        if !mean.isFinite { return 0 }
        if Double(k) <= mean {
            // Lower tail, walking down: P(i-1)/P(i) = i/λ < 1 below the mean.
            var term = pmf(k)
            var sum = term
            var i = k
            while i > 0 && term > sum * 1e-17 {
                term *= Double(i) / mean
                sum += term
                i -= 1
            }
            return min(sum, 1)
        }
        // Upper tail above k, walking up: P(i+1)/P(i) = λ/(i+1) < 1 above the mean.
        var term = pmf(k + 1)
        var sum = term
        var i = k + 1
        while term > sum * 1e-17 && i < Int.max - 1 {
            term *= mean / Double(i + 1)
            sum += term
            i += 1
        }
        return max(1 - sum, 0)
    }

    /// The smallest k with P(X ≤ k) ≥ `level` (scipy's `poisson.ppf`).
    ///
    /// `level <= 0` (or NaN) gives 0; `level >= 1`, an infinite mean, or a mean above 1e15 (where a
    /// count no longer fits the search) gives nil.
    public func quantile(_ level: Double) -> Int? {
        if !(level > 0) { return 0 }
        if level >= 1 || !mean.isFinite || mean > 1e15 { return nil }
        if cdf(0) >= level { return 0 }
        var low = 0
        var high = Int(mean + 10 * mean.squareRoot() + 10)
        while cdf(high) < level {
            low = high
            if high > Int.max / 4 { return nil }
            high *= 2
        }
        while high - low > 1 {
            let mid = low + (high - low) / 2
            if cdf(mid) >= level { high = mid } else { low = mid }
        }
        return high
    }
}
