/// Outliers in a series (monthly case counts of one village) by the modified z-score of Iglewicz
/// and Hoaglin ("How to Detect and Handle Outliers", ASQC 1993), the method DHIS2's data-quality
/// tools use by default:
///
///     Mᵢ = 0.6745 · (xᵢ − median) / MAD,   MAD = median |xᵢ − median|
///
/// and a value is a potential outlier when |Mᵢ| ≥ 3.5 (Iglewicz and Hoaglin's cut-off; they write
/// "greater than 3.5", noaber flags at 3.5 and above, which differs only for a score of exactly 3.5;
/// 0.6745 is the normal 75% quantile, so M is on the scale of a standard normal z). The median and
/// the MAD ignore up to half the values, so one wrong month cannot hide itself by inflating the
/// scale, as it does with the mean and standard deviation.
///
///     let m = ModifiedZScore(counts: [12, 15, 11, 14, 13, 60, 12, 14, 13, 15, 12, 13])
///     m.median       // 13
///     m.scale        // .medianAbsoluteDeviation(1)
///     m.outliers     // [5]: M = 0.6745 · 47 / 1 = 31.7
///
/// **When MAD = 0** (at least half the months share one value; common for a small village with many
/// months of 0 or 1 cases) M is undefined. IBM's convention (Cognos Analytics, "Modified z score")
/// falls back to the mean absolute deviation from the median, Mᵢ = (xᵢ − median)/(1.253314·MeanAD).
/// noaber does **not** do so by default: with MAD = 0 a lone deviating month of any size d gives
/// MeanAD = d/n and so M = n/1.253314 — 9.6 for a year of months, flagged — whether that month
/// had one case more or fifty. On counts that flags noise, the opposite of what a data-quality
/// to-do list needs. So the default (`ZeroMADRule.noScores`) gives no scores and flags nothing,
/// and says why (`Outcome.madIsZero`); `ZeroMADRule.meanAbsoluteDeviation` gives IBM's scores for
/// a caller who wants them. If every value is equal, both give no scores (`Outcome.allEqual`).
///
/// **Short series.** Below `minimumCount` values (default 6: half a year of months) the median and
/// MAD are too unstable to judge a month against the others; the outcome is `.tooShort` and nothing
/// is flagged. Iglewicz and Hoaglin give no minimum; this one is noaber's judgement.
///
/// Non-finite values take no part and get no score.
///
/// - Complexity: O(n log n).
public struct ModifiedZScore: Hashable, Sendable {
    /// Iglewicz and Hoaglin's constant, Φ⁻¹(0.75) rounded as they publish it.
    public static let consistencyConstant = 0.6745
    /// IBM's factor for the mean absolute deviation (√(π/2) to seven digits).
    public static let meanDeviationFactor = 1.253314
    /// Iglewicz and Hoaglin's cut-off.
    public static let defaultThreshold = 3.5
    /// noaber's minimum series length.
    public static let defaultMinimumCount = 6

    /// What to do when MAD = 0.
    public enum ZeroMADRule: Hashable, Sendable {
        /// No scores, no flags (the default; see the type's discussion).
        case noScores
        /// IBM's fallback: (x − median) / (1.253314 · mean |x − median|).
        case meanAbsoluteDeviation
    }

    /// The spread that scaled the scores.
    public enum Scale: Hashable, Sendable {
        /// MAD, the median absolute deviation from the median.
        case medianAbsoluteDeviation(Double)
        /// MeanAD, the mean absolute deviation from the median (IBM's fallback).
        case meanAbsoluteDeviation(Double)
    }

    /// Whether the series was scored, and if not, why.
    public enum Outcome: Hashable, Sendable {
        case scored
        /// Fewer finite values than `minimumCount`.
        case tooShort
        /// MAD = 0 and the rule is `.noScores`.
        case madIsZero
        /// Every finite value is the same: no spread of any kind.
        case allEqual
    }

    public let outcome: Outcome
    /// The median of the finite values; nil when there are none.
    public let median: Double?
    /// MAD; nil when there are no finite values.
    public let mad: Double?
    /// The scale used; nil when not scored.
    public let scale: Scale?
    /// Mᵢ per input value, in input order; nil when not scored or not finite.
    public let scores: [Double?]
    public let threshold: Double
    /// Indices of the values with |M| ≥ threshold, ascending.
    public let outliers: [Int]

    /// Scores `values` (any real series).
    public init(_ values: [Double], threshold: Double = ModifiedZScore.defaultThreshold,
                minimumCount: Int = ModifiedZScore.defaultMinimumCount, zeroMAD: ZeroMADRule = .noScores) {
        self.threshold = threshold
        let finite = values.filter(\.isFinite).sorted()
        let median = finite.isEmpty ? nil : Self.median(sorted: finite)
        self.median = median
        var mad: Double? = nil
        var meanDeviation = 0.0
        if let m = median {
            let deviations = finite.map { abs($0 - m) }
            mad = Self.median(sorted: deviations.sorted())
            meanDeviation = deviations.reduce(0, +) / Double(deviations.count)
        }
        self.mad = mad

        var outcome: Outcome
        var scale: Scale? = nil
        if finite.count < max(minimumCount, 1) {
            outcome = .tooShort
        } else if let d = mad, d > 0 {
            outcome = .scored
            scale = .medianAbsoluteDeviation(d)
        } else if meanDeviation == 0 {
            outcome = .allEqual
        } else if zeroMAD == .meanAbsoluteDeviation {
            outcome = .scored
            scale = .meanAbsoluteDeviation(meanDeviation)
        } else {
            outcome = .madIsZero
        }
        self.outcome = outcome
        self.scale = scale

        var scores = [Double?](repeating: nil, count: values.count)
        var outliers: [Int] = []
        if let scale, let m = median {
            for (i, x) in values.enumerated() where x.isFinite {
                let score: Double
                switch scale {
                case let .medianAbsoluteDeviation(d): score = Self.consistencyConstant * (x - m) / d
                case let .meanAbsoluteDeviation(d): score = (x - m) / (Self.meanDeviationFactor * d)
                }
                scores[i] = score
                if abs(score) >= threshold { outliers.append(i) }
            }
        }
        self.scores = scores
        self.outliers = outliers
    }

    /// Scores a series of counts.
    public init(counts: [Int], threshold: Double = ModifiedZScore.defaultThreshold,
                minimumCount: Int = ModifiedZScore.defaultMinimumCount, zeroMAD: ZeroMADRule = .noScores) {
        self.init(counts.map(Double.init), threshold: threshold, minimumCount: minimumCount, zeroMAD: zeroMAD)
    }

    /// The median of sorted, non-empty values; the mean of the middle two for an even count.
    static func median(sorted x: [Double]) -> Double {
        let mid = x.count / 2
        return x.count % 2 == 1 ? x[mid] : (x[mid - 1] + x[mid]) / 2
    }
}
