/// The multiplier bootstrap of the did package (`mboot`), for simultaneous confidence bands.
///
/// Each draw b multiplies every area's influence function by an independent weight U_i (mean 0,
/// variance 1) and takes R_b = Σ_i U_i IF_i / √N, one value per estimate in the family. Per
/// estimate the spread is the interquartile range of the R_b over that of the standard normal;
/// the critical value is the (confidence) quantile, by did's `inverted_cdf` rule (the smallest
/// draw whose empirical CDF reaches it), of max_k |R_bk| / spread_k. The band is then each
/// estimate ± critical value × its analytic standard error — what csdid's `aggte` gives with
/// `cband=True, bstrap=False`. When the critical value falls below the pointwise z (possible with
/// few draws or areas) the band is the pointwise one, as in did.
///
/// Draws come from `Xoshiro256StarStar` seeded with `seed` (one stream per family), so a band is
/// reproducible to the last digit; it is not csdid's draw for draw (numpy's generator).
public struct MultiplierBootstrap: Hashable, Sendable {
    /// Rademacher (±1 with probability ½, did's choice) or Mammen's two-point weights
    /// ((1−√5)/2 with probability (√5+1)/(2√5), else (1+√5)/2: mean 0, variance 1, third moment 1).
    public enum Weights: String, Hashable, Sendable, CaseIterable { case rademacher, mammen }

    public var draws: Int
    public var seed: UInt64
    public var weights: Weights

    public init(draws: Int = 1000, seed: UInt64 = 20_210_101, weights: Weights = .rademacher) {
        self.draws = draws
        self.seed = seed
        self.weights = weights
    }

    /// The simultaneous band for one family; nil for an empty family.
    /// - Complexity: O(draws × areas × estimates).
    func band(influences: [[Double]], estimates: [EffectEstimate], confidence: Double, stream: UInt64) -> SimultaneousBand? {
        guard let n = influences.first?.count, n > 0, !influences.isEmpty else { return nil }
        let k = influences.count
        var rng = Xoshiro256StarStar(seed: seed &+ stream &* 0x9E37_79B9_7F4A_7C15)
        var draws = [[Double]](repeating: [Double](repeating: 0, count: self.draws), count: k)
        var u = [Double](repeating: 0, count: n)
        let root = Double(n).squareRoot()
        let sqrt5 = 5.0.squareRoot()
        let mammenLow = (1 - sqrt5) / 2, mammenHigh = (1 + sqrt5) / 2, mammenP = (sqrt5 + 1) / (2 * sqrt5)
        for b in 0..<self.draws {
            switch weights {
            case .rademacher:
                var bits: UInt64 = 0
                for i in 0..<n {
                    if i % 64 == 0 { bits = rng.next() }
                    u[i] = bits & 1 == 0 ? -1 : 1
                    bits >>= 1
                }
            case .mammen:
                for i in 0..<n { u[i] = rng.nextUnit() < mammenP ? mammenLow : mammenHigh }
            }
            for j in 0..<k {
                var s = 0.0
                influences[j].withUnsafeBufferPointer { f in
                    for i in 0..<n { s += u[i] * f[i] }
                }
                draws[j][b] = s / root
            }
        }
        let zq = NormalDistribution.quantile(0.75) - NormalDistribution.quantile(0.25)
        var spread = [Double](repeating: .nan, count: k)
        for j in 0..<k {
            let sorted = draws[j].sorted()
            let s = (Self.invertedCDF(sorted, 0.75) - Self.invertedCDF(sorted, 0.25)) / zq
            if s.isFinite && s > 0 { spread[j] = s }
        }
        var maxima: [Double] = []
        maxima.reserveCapacity(self.draws)
        for b in 0..<self.draws {
            var m = -Double.infinity
            for j in 0..<k where !spread[j].isNaN { m = max(m, abs(draws[j][b]) / spread[j]) }
            if m.isFinite { maxima.append(m) }
        }
        let pointwise = NormalDistribution.twoSidedZ(confidence: confidence)
        var critical = pointwise
        var fellBack = true
        if !maxima.isEmpty {
            let c = Self.invertedCDF(maxima.sorted(), confidence)
            if c.isFinite && c >= pointwise {
                critical = c
                fellBack = false
            }
        }
        let intervals = estimates.map { e in
            e.standardError.map { Interval(lower: e.value - critical * $0, upper: e.value + critical * $0) }
        }
        return SimultaneousBand(criticalValue: critical, intervals: intervals, fellBackToPointwise: fellBack)
    }

    /// numpy's `quantile(method="inverted_cdf")`: the smallest value whose empirical CDF ≥ p.
    static func invertedCDF(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = Int((Double(sorted.count) * p).rounded(.up))
        return sorted[min(max(position, 1), sorted.count) - 1]
    }
}
