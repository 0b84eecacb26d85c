/// The Wilson score interval for a binomial proportion (Wilson 1927).
///
/// Why Wilson: unlike the Wald interval p ± z·√(p(1−p)/n) it stays inside [0, 1], is not empty at
/// 0/n or n/n, and keeps close to its nominal coverage for the small counts of a village. It is the
/// interval of statsmodels' `proportion_confint(method="wilson")`:
///
///     centre ± half = (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)
public enum Wilson {
    /// The Wilson score interval for `successes` out of `trials` at `confidence` (default 0.95; z is the
    /// inverse normal at 1 − (1 − confidence)/2).
    ///
    /// Returns nil when `trials <= 0` or `successes` is outside 0…trials. At 0 successes the lower end is
    /// exactly 0, at `trials` successes the upper end is exactly 1. A confidence outside [0, 1] is clamped.
    public static func interval(successes: Int, trials: Int, confidence: Double = 0.95) -> Interval? {
        guard trials > 0, successes >= 0, successes <= trials else { return nil }
        let z = NormalDistribution.twoSidedZ(confidence: confidence)
        guard z.isFinite else { return Interval(lower: 0, upper: 1) }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        let lower = successes == 0 ? 0 : max(0, centre - half)
        let upper = successes == trials ? 1 : min(1, centre + half)
        return Interval(lower: lower, upper: upper)
    }
}
