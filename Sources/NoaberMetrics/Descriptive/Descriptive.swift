/// Small descriptive statistics over plain arrays, each matching a named reference convention.
public enum Descriptive {
    /// The q-quantile (0 ≤ q ≤ 1) by linear interpolation between order statistics: numpy's
    /// default (`method="linear"`), Hyndman & Fan type 7.
    ///
    ///     Descriptive.percentile([1, 2, 3, 4], 0.9)   // 3.7, as numpy.percentile(…, 90)
    ///
    /// Returns nil for an empty array; q outside 0…1 is clamped.
    /// - Complexity: O(n log n), or O(1) with `sorted: true` on already sorted input.
    public static func percentile(_ values: [Double], _ q: Double, sorted: Bool = false) -> Double? {
        guard !values.isEmpty, !q.isNaN else { return nil }
        let x = sorted ? values : values.sorted()
        let h = Double(x.count - 1) * min(max(q, 0), 1)
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, x.count - 1)
        return x[lo] + (h - Double(lo)) * (x[hi] - x[lo])
    }

    /// Gini coefficient: the mean absolute difference over all n² ordered pairs (i = j
    /// included) divided by twice the mean. [1,1,1,1] → 0; [0,0,0,1] → 0.75; the maximum for n
    /// values is (n − 1)/n.
    ///
    /// Returns nil for an empty array or a zero total (no inequality of nothing). Negative values
    /// are not meaningful for hours and are not checked.
    /// - Complexity: O(n log n) via Σ(2i − n − 1)·x₍ᵢ₎ / (n · Σx) on the sorted values.
    public static func gini(_ values: [Double], sorted: Bool = false) -> Double? {
        guard !values.isEmpty else { return nil }
        let x = sorted ? values : values.sorted()
        let total = x.reduce(0, +)
        guard total > 0 else { return nil }
        let n = Double(x.count)
        var weighted = 0.0
        for (i, v) in x.enumerated() { weighted += (2 * Double(i + 1) - n - 1) * v }
        return weighted / (n * total)
    }

    /// The number of largest values in the top `fraction` of n: ceil(fraction × n), computed
    /// so that 0.2 × 15 is 3, not 4 (floating-point 0.2 × 15 is 3.0000000000000004).
    public static func topCount(_ n: Int, fraction: Double) -> Int {
        guard n > 0, fraction > 0 else { return 0 }
        let k = Int((Double(n) * fraction - 1e-9).rounded(.up))
        return min(max(k, 1), n)
    }

    /// The share of the total carried by the largest ceil(fraction × n) values.
    ///
    ///     Descriptive.topShare([1, 1, 2, 6], fraction: 0.2)   // 6 / 10 = 0.6 (top 1 of 4)
    ///
    /// Returns nil for an empty array or a zero total.
    /// - Complexity: O(n log n).
    public static func topShare(_ values: [Double], fraction: Double, sorted: Bool = false) -> Double? {
        guard !values.isEmpty else { return nil }
        let x = sorted ? values : values.sorted()
        let total = x.reduce(0, +)
        guard total > 0 else { return nil }
        let k = topCount(x.count, fraction: fraction)
        return x.suffix(k).reduce(0, +) / total
    }
}
