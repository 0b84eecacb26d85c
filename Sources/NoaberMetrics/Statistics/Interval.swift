/// A closed interval `[lower, upper]` of real numbers: a confidence interval, a control limit pair,
/// or the interval of a median survival time.
///
/// `upper` may be `+infinity` when the bound is not reached within the data (for example the upper end
/// of a median's interval when the upper confidence band of S(t) never falls to 0.5). Nothing here
/// enforces `lower <= upper`; the estimators that build intervals guarantee it.
public struct Interval: Hashable, Sendable, Codable {
    /// The lower end, included.
    public var lower: Double
    /// The upper end, included; `+infinity` when unbounded.
    public var upper: Double

    /// An interval from its two ends.
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether `value` lies in the closed interval.
    public func contains(_ value: Double) -> Bool {
        lower <= value && value <= upper
    }

    /// `upper - lower`; `+infinity` for an unbounded interval.
    public var width: Double { upper - lower }
}
