import NoaberModel

/// The prevented-escalation estimate of one group and period.
public struct EscalationResult: Hashable, Sendable {
    /// Counted cases per risk (the input).
    public var casesByRisk: [Risk: Int]
    /// The median of the Monte Carlo draws (numpy-linear): the estimate people read, centred in
    /// its interval.
    public var median: Double
    /// All parameters at their most likely value: deterministic. Lies near the bottom of the
    /// interval when the ranges are skewed upwards (as in the reference file).
    public var mostLikely: Double
    /// 5–95% Monte Carlo interval.
    public var interval: Interval
    /// Per valued risk, in `Risk.allCases` order (zero counts included).
    public var perRisk: [RiskContribution]
    /// One-way sensitivity, largest swing first: the rows of a tornado chart.
    public var sensitivity: [SensitivityEntry]
    public var ondersteunerCost: Double?
    /// The median avoided cost per euro of ondersteuner cost; nil when the cost is unknown.
    public var returnPerEuro: Double?
    /// The 5–95% interval of the avoided cost per euro.
    public var returnInterval: Interval?
    /// The price level of every euro figure (the parameters' `priceYear`: the report year after
    /// indexation, else the parameter file's).
    public var priceYear: Int
}

/// One risk's share of the estimate.
public struct RiskContribution: Hashable, Sendable {
    public var risk: Risk
    public var cases: Int
    /// All of this risk's parameters at their most likely value.
    public var mostLikely: Double
    /// The median over the draws of this risk alone (per-risk medians do not add up to the
    /// total's median).
    public var median: Double
    /// 5–95% over the draws of this risk alone.
    public var interval: Interval
}

/// One bar of the tornado chart: the total with one parameter of one risk at its low and at its
/// high value, all others at their mode. The sensitivity is one-way around the most likely total
/// (`EscalationResult.mostLikely`), not around the median.
public struct SensitivityEntry: Hashable, Sendable {
    public var risk: Risk
    public var parameter: EscalationParameter
    public var lowInput: Double
    public var highInput: Double
    /// Change of the total when the parameter is at `lowInput` / `highInput`.
    public var deltaAtLow: Double
    public var deltaAtHigh: Double
    /// The most likely total the deltas are relative to.
    public var base: Double = 0

    public var valueAtLow: Double { base + deltaAtLow }
    public var valueAtHigh: Double { base + deltaAtHigh }
    /// |valueAtHigh − valueAtLow|, the sort key.
    public var swing: Double { abs(deltaAtHigh - deltaAtLow) }
}
