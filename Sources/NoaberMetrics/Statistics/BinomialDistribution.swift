#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The binomial distribution Bin(n, p): its probability mass, CDF and discrete quantile.
///
/// The mass uses Loader's saddle-point form (as R's `dbinom`), so it is accurate to about 1e-14
/// relative for n in the hundreds of thousands. The CDF sums masses from k towards the nearer tail
/// with the ratio recurrence, stopping when a term no longer changes the sum; this is exact to a few
/// ulps and needs about 9·√(np(1-p)) terms at most.
///
/// - Complexity: `pmf` O(1); `cdf` O(√(np(1−p))) worst case, less in the tails; `quantile`
///   O(log n) CDF evaluations.
public struct BinomialDistribution: Sendable, Hashable {
    /// n ≥ 0.
    public let trials: Int
    /// p in [0, 1].
    public let probability: Double

    /// Bin(trials, probability). A negative `trials` is taken as 0 and `probability` is clamped to [0, 1]
    /// (NaN becomes 0), so every instance is a valid distribution.
    public init(trials: Int, probability: Double) {
        self.trials = max(trials, 0)
        self.probability = probability.isNaN ? 0 : min(max(probability, 0), 1)
    }

    /// P(X = k).
    public func pmf(_ k: Int) -> Double {
        let n = trials, p = probability, q = 1 - probability
        if k < 0 || k > n { return 0 }
        if p == 0 { return k == 0 ? 1 : 0 }
        if q == 0 { return k == n ? 1 : 0 }
        let nd = Double(n)
        if k == 0 {
            return exp(p < 0.1 ? -SaddlePoint.deviance(nd, nd * q) - nd * p : nd * log(q))
        }
        if k == n {
            return exp(q < 0.1 ? -SaddlePoint.deviance(nd, nd * p) - nd * q : nd * log(p))
        }
        let x = Double(k)
        let lc = SaddlePoint.stirlingError(n) - SaddlePoint.stirlingError(k) - SaddlePoint.stirlingError(n - k)
            - SaddlePoint.deviance(x, nd * p) - SaddlePoint.deviance(nd - x, nd * q)
        let lf = log(2 * Double.pi) + log(x) + log1p(-x / nd)
        return exp(lc - 0.5 * lf)
    }

    /// P(X ≤ k): 0 below 0, 1 from n on.
    public func cdf(_ k: Int) -> Double {
        let n = trials, p = probability, q = 1 - probability
        if k < 0 { return 0 }
        if k >= n { return 1 }
        if p == 0 { return 1 }
        if q == 0 { return 0 }
        if Double(k) <= Double(n) * p {
            // Lower tail, walking down: P(i-1)/P(i) = i·q / ((n-i+1)·p) < 1 below the mean.
            var term = pmf(k)
            var sum = term
            var i = k
            while i > 0 && term > sum * 1e-17 {
                term *= Double(i) / Double(n - i + 1) * (q / p)
                sum += term
                i -= 1
            }
            return min(sum, 1)
        }
        // Upper tail above k, walking up: P(i+1)/P(i) = (n-i)·p / ((i+1)·q) < 1 above the mean.
        var term = pmf(k + 1)
        var sum = term
        var i = k + 1
        while i < n && term > sum * 1e-17 {
            term *= Double(n - i) / Double(i + 1) * (p / q)
            sum += term
            i += 1
        }
        return max(1 - sum, 0)
    }

    /// The smallest k with P(X ≤ k) ≥ `level` (scipy's `binom.ppf`).
    ///
    /// `level <= 0` (or NaN) gives 0; `level >= 1` gives n.
    public func quantile(_ level: Double) -> Int {
        if !(level > 0) { return 0 }
        if level >= 1 { return trials }
        if cdf(0) >= level { return 0 }
        var low = 0            // cdf(low) < level
        var high = trials      // cdf(high) = 1 >= level
        while high - low > 1 {
            let mid = low + (high - low) / 2
            if cdf(mid) >= level { high = mid } else { low = mid }
        }
        return high
    }
}
