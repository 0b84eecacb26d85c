#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution: its CDF and its inverse (the z of a confidence level).
///
/// The quantile starts from Acklam's rational approximation (relative error below 1.2e-9) and takes
/// one Halley step against the CDF, which brings it to the accuracy of `erfc` (about 1e-15 relative
/// in the centre, 1e-13 far out in the tails). It is computed on the lower half only and mirrored,
/// so `quantile(1 - p) == -quantile(p)` exactly whenever `1 - p` is exact (every `p >= 0.5`).
public enum NormalDistribution {
    /// Φ(x) = P(Z ≤ x) for a standard normal Z, as `erfc(-x/√2)/2` (accurate in both tails).
    ///
    /// `cdf(-infinity) == 0`, `cdf(+infinity) == 1`, NaN gives NaN.
    public static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// Φ⁻¹(p): the x with Φ(x) = p, e.g. `quantile(0.975) ≈ 1.959963984540054`.
    ///
    /// Edge cases: `p <= 0` gives `-infinity`, `p >= 1` gives `+infinity`, NaN gives NaN.
    public static func quantile(_ p: Double) -> Double {
        if p.isNaN { return .nan }
        if p <= 0 { return -.infinity }
        if p >= 1 { return .infinity }
        if p == 0.5 { return 0 }
        if p > 0.5 { return -lowerQuantile(1 - p) }
        return lowerQuantile(p)
    }

    /// The quantile for 0 < p < 0.5 (a negative x).
    private static func lowerQuantile(_ p: Double) -> Double {
        var x = acklam(p)
        // One Halley step on f(x) = Φ(x) - p. Skipped where exp(x²/2) overflows (p below ~1e-310),
        // where Acklam's value is already as good as the double format allows.
        let e = cdf(x) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        if u.isFinite {
            x -= u / (1 + x * u / 2)
        }
        return x
    }

    /// Acklam's rational approximation of Φ⁻¹ for 0 < p <= 0.5.
    private static func acklam(_ p: Double) -> Double {
        let a = (-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00)
        let b = (-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01)
        let c = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00)
        let d = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                 3.754408661907416e+00)
        if p < 0.02425 {
            let q = (-2 * log(p)).squareRoot()
            let num = ((((c.0 * q + c.1) * q + c.2) * q + c.3) * q + c.4) * q + c.5
            let den = (((d.0 * q + d.1) * q + d.2) * q + d.3) * q + 1
            return num / den
        }
        let q = p - 0.5
        let r = q * q
        let num = (((((a.0 * r + a.1) * r + a.2) * r + a.3) * r + a.4) * r + a.5) * q
        let den = ((((b.0 * r + b.1) * r + b.2) * r + b.3) * r + b.4) * r + 1
        return num / den
    }

    /// The two-sided z for a confidence level: `quantile(1 - (1 - confidence) / 2)`.
    ///
    /// A confidence outside [0, 1] is clamped; 1 gives `+infinity`, 0 gives 0.
    static func twoSidedZ(confidence: Double) -> Double {
        let c = min(max(confidence, 0), 1)
        return quantile(1 - (1 - c) / 2)
    }
}
