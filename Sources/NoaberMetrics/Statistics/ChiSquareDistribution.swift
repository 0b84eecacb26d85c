#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The chi-square distribution with k degrees of freedom: its CDF and survival function, through
/// the regularised incomplete gamma function (χ²ₖ is Gamma(k/2, scale 2), so
/// P(X ≤ x) = P(k/2, x/2)).
///
///     ChiSquareDistribution.survival(3.84, degreesOfFreedom: 1)   // ≈ 0.05, as scipy.stats.chi2.sf
///
/// Why here: the overdispersion test refers n·φ to χ² on n − 1 degrees of freedom. The two
/// classic expansions (Numerical Recipes §6.2) are used where each converges fast: the series for
/// P(a, x) when x < a + 1, Lentz's continued fraction for Q(a, x) otherwise, so the small one of
/// the pair is always computed directly and keeps its relative accuracy (about 1e-14; the
/// prefactor xᵃe⁻ˣ/Γ(a) costs a few ulps per unit of |a·log x|).
///
/// - Complexity: O(√a) terms for x near a, fewer in the tails.
public enum ChiSquareDistribution {
    /// P(X > x) for X ~ χ²ₖ.
    ///
    /// Edge cases: x ≤ 0 gives 1; x = +infinity gives 0; k ≤ 0 or NaN input gives NaN.
    public static func survival(_ x: Double, degreesOfFreedom k: Double) -> Double {
        guard k > 0, !x.isNaN else { return .nan }
        if x <= 0 { return 1 }
        if x == .infinity { return 0 }
        let (lower, upper) = regularisedGamma(a: k / 2, x: x / 2)
        return upper ?? (1 - (lower ?? 0))
    }

    /// P(X ≤ x) for X ~ χ²ₖ.
    ///
    /// Edge cases: x ≤ 0 gives 0; x = +infinity gives 1; k ≤ 0 or NaN input gives NaN.
    public static func cdf(_ x: Double, degreesOfFreedom k: Double) -> Double {
        guard k > 0, !x.isNaN else { return .nan }
        if x <= 0 { return 0 }
        if x == .infinity { return 1 }
        let (lower, upper) = regularisedGamma(a: k / 2, x: x / 2)
        return lower ?? (1 - (upper ?? 0))
    }

    /// The regularised incomplete gamma functions for a > 0, x > 0: exactly one of the pair is
    /// computed (the one its expansion converges to directly); the other is nil.
    static func regularisedGamma(a: Double, x: Double) -> (lower: Double?, upper: Double?) {
        // log of xᵃ e⁻ˣ / Γ(a)
        let logPrefactor = a * log(x) - x - lgamma(a)
        if x < a + 1 {
            // P(a, x) = xᵃ e⁻ˣ / Γ(a + 1) · Σₙ xⁿ / ((a + 1)…(a + n))
            var term = 1 / a
            var sum = term
            var ap = a
            for _ in 0..<10_000 {
                ap += 1
                term *= x / ap
                sum += term
                if abs(term) < abs(sum) * 1e-17 { break }
            }
            return (min(sum * exp(logPrefactor), 1), nil)
        }
        // Q(a, x) = xᵃ e⁻ˣ / Γ(a) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − …)), by modified Lentz.
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1..<10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return (nil, min(exp(logPrefactor) * h, 1))
    }
}
