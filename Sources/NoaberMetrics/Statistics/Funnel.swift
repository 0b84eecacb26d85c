/// Control limits for a funnel plot: the range a unit's indicator stays within by chance alone when its
/// true value is the pooled target, at the unit's size (Spiegelhalter, "Funnel plots for comparing
/// institutional performance", Statistics in Medicine 2005; 24:1185–1202).
///
/// Why exact limits and not p0 ± z·√(p0(1−p0)/n): the villages are small, the normal approximation
/// is symmetric and can go below 0 or above 1 there, and it flags small units far too often. We use
/// the exact discrete distribution (binomial for a proportion, Poisson for a count against an
/// exposure) with Spiegelhalter's interpolation between its steps, which makes the limits smooth in n:
///
///     r_p = the smallest r with P(R ≤ r) ≥ p                (the discrete quantile)
///     α   = (P(R ≤ r_p) − p) / P(R = r_p)
///     limit = (r_p − α) / n                                 (n = denominator or exposure)
///
/// with p = (1 − coverage)/2 for the lower and 1 − (1 − coverage)/2 for the upper limit; coverage
/// 0.95 (the "2σ" limits, z 1.96) and 0.998 ("3σ", z 3.09). Limits are clipped to [0, 1] for a
/// proportion and to [0, ∞) for a rate.
public enum Funnel {
    /// Exact binomial control limits for a proportion around the pooled target `p0` at denominator `n`.
    ///
    /// Edge cases: `n <= 0`, a non-finite target or a coverage outside (0, 1) give [0, 1] (nothing can
    /// be flagged); a target ≤ 0 gives [0, 0] and a target ≥ 1 gives [1, 1].
    ///
    /// - Complexity: O(√n · log n).
    public static func proportionLimits(target p0: Double, denominator n: Int, coverage: Double) -> Interval {
        let everything = Interval(lower: 0, upper: 1)
        guard n > 0, p0.isFinite, coverage > 0, coverage < 1 else { return everything }
        // A target of exactly 0 or 1 leaves nothing to chance; the interpolation (which maps a count r
        // to (r − 1, r]) would otherwise put the limits for p0 = 1 just below 1.
        if p0 <= 0 { return Interval(lower: 0, upper: 0) }
        if p0 >= 1 { return Interval(lower: 1, upper: 1) }
        let distribution = BinomialDistribution(trials: n, probability: p0)
        let tail = (1 - coverage) / 2
        let lower = interpolatedLimit(level: tail, quantile: distribution.quantile(tail),
                                      cdf: distribution.cdf, pmf: distribution.pmf)
        let upper = interpolatedLimit(level: 1 - tail, quantile: distribution.quantile(1 - tail),
                                      cdf: distribution.cdf, pmf: distribution.pmf)
        let size = Double(n)
        return Interval(lower: min(max(lower / size, 0), 1), upper: min(max(upper / size, 0), 1))
    }

    /// Exact Poisson control limits for a rate (events per unit of exposure) around the pooled
    /// `targetRate`, at `exposure` (e.g. inhabitants; multiply by 1,000 afterwards for "per 1,000").
    ///
    /// Counts may exceed the exposure (several cases per inhabitant), hence Poisson rather than binomial.
    /// Edge cases: `exposure <= 0`, a non-finite or negative rate, or a coverage outside (0, 1) give
    /// [0, +infinity].
    ///
    /// - Complexity: O(√λ · log λ) with λ = targetRate · exposure.
    public static func rateLimits(targetRate: Double, exposure: Double, coverage: Double) -> Interval {
        let everything = Interval(lower: 0, upper: .infinity)
        guard exposure > 0, exposure.isFinite, targetRate >= 0, targetRate.isFinite,
              coverage > 0, coverage < 1 else { return everything }
        let distribution = PoissonDistribution(mean: targetRate * exposure)
        let tail = (1 - coverage) / 2
        guard let lowCount = distribution.quantile(tail),
              let highCount = distribution.quantile(1 - tail) else { return everything }
        let lower = interpolatedLimit(level: tail, quantile: lowCount, cdf: distribution.cdf, pmf: distribution.pmf)
        let upper = interpolatedLimit(level: 1 - tail, quantile: highCount, cdf: distribution.cdf, pmf: distribution.pmf)
        return Interval(lower: max(lower / exposure, 0), upper: max(upper / exposure, 0))
    }

    /// Spiegelhalter's interpolated quantile r_p − α, on the count scale.
    private static func interpolatedLimit(level: Double, quantile r: Int,
                                          cdf: (Int) -> Double, pmf: (Int) -> Double) -> Double {
        let mass = pmf(r)
        guard mass > 0 else { return Double(r) }
        let alpha = (cdf(r) - level) / mass
        return Double(r) - min(max(alpha, 0), 1)
    }
}
