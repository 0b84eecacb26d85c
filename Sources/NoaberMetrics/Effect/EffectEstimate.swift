/// One effect figure: the estimate, its standard error, its confidence interval and the number of
/// units (areas for `did`, periods for `its`) behind it — the shape of a tidy metric row.
///
///     let e = EffectEstimate(value: -4.2, standardError: 1.5, n: 48)
///     e.interval   // [-7.14, -1.26]: value ± 1.96 × standard error
///
/// The interval is the normal (Wald) interval `value ± z · standardError`, as the `did` package and
/// statsmodels' HAC results give it. A standard error that is zero, negative or not finite (for
/// example when every area moved exactly alike) is `nil`, and so is the interval: an estimate
/// without a usable uncertainty is shown without one, never with a zero-width interval.
public struct EffectEstimate: Hashable, Sendable {
    /// The point estimate, in the outcome's units (a rate per 1,000 inhabitants, or its change
    /// per period for a slope).
    public let value: Double
    /// The standard error; nil when it is not positive and finite.
    public let standardError: Double?
    /// `value ± z · standardError` at `confidence`; nil without a standard error.
    public let interval: Interval?
    /// Areas (`did`) or periods (`its`) the estimate is computed from.
    public let n: Int
    /// The confidence level of `interval` (0.95 unless asked otherwise).
    public let confidence: Double

    /// An estimate with its normal interval at `confidence`.
    public init(value: Double, standardError: Double?, n: Int, confidence: Double = 0.95) {
        self.value = value
        let se = standardError.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
        self.standardError = se
        self.n = n
        self.confidence = confidence
        if let se, value.isFinite {
            let z = NormalDistribution.twoSidedZ(confidence: confidence)
            interval = Interval(lower: value - z * se, upper: value + z * se)
        } else {
            interval = nil
        }
    }

    /// `value / standardError`.
    public var zStatistic: Double? { standardError.map { value / $0 } }

    /// The two-sided normal p-value of "no effect".
    public var pValue: Double? {
        zStatistic.map { 2 * NormalDistribution.cdf(-abs($0)) }
    }

    /// The tidy row of this estimate.
    public func row(village: String, period: String, metric: MetricID) -> MetricRow {
        MetricRow(village: village, period: period, metric: metric, value: value,
                  lower: interval?.lower, upper: interval?.upper, n: n)
    }
}
