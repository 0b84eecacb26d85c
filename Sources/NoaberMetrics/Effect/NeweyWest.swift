#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Newey & West (1987, *Econometrica* 55(3), 703–708) heteroskedasticity- and
/// autocorrelation-consistent covariance of OLS coefficients, as statsmodels'
/// `OLS(...).fit(cov_type="HAC", cov_kwds={"maxlags": L})` computes it:
///
///     S   = Σ_j w_j (Γ_j + Γ_jᵀ)  (Γ_0 counted once),  Γ_j = Σ_t s_t s_{t−j}ᵀ,  s_t = x_t · e_t
///     w_j = 1 − j / (L + 1)        (the Bartlett kernel)
///     Cov = (XᵀX)⁻¹ S (XᵀX)⁻¹      (× n / (n − k) with `smallSampleCorrection`)
///
/// statsmodels' default for `cov_type="HAC"` is `use_correction=False`, and so is noaber's.
/// Assumes one series of consecutive, equally spaced periods.
public enum NeweyWest {
    /// noaber's default lag: ⌊4 (n/100)^{2/9}⌋ (Newey & West 1994, *Review of Economic Studies*
    /// 61(4); statsmodels' `S_hac_simple` uses the same rule when no lag is given). 2 lags for
    /// 12–31 periods, 3 for 32–99; 1 for 2–11 and 0 only below 2.
    public static func defaultMaxLags(observations n: Int) -> Int {
        guard n > 0 else { return 0 }
        return Int((4 * pow(Double(n) / 100, 2.0 / 9.0)).rounded(.down))
    }

    /// The HAC covariance (k × k, row-major) of OLS coefficients.
    /// - Parameters:
    ///   - design: X, n × k row-major.
    ///   - residuals: e, n values.
    ///   - inverseGram: (XᵀX)⁻¹, k × k row-major.
    ///   - maxLags: L ≥ 0 (lags beyond n − 1 add nothing).
    /// - Complexity: O(n · k² · L).
    static func covariance(design: [Double], residuals: [Double], k: Int, inverseGram: [Double], maxLags: Int,
                           smallSampleCorrection: Bool) -> [Double] {
        let n = residuals.count
        var scores = [Double](repeating: 0, count: n * k)
        for t in 0..<n { for c in 0..<k { scores[t * k + c] = design[t * k + c] * residuals[t] } }
        var meat = [Double](repeating: 0, count: k * k)
        for lag in 0...max(0, min(maxLags, n - 1)) {
            let w = 1 - Double(lag) / Double(maxLags + 1)
            var gamma = [Double](repeating: 0, count: k * k)
            for t in lag..<n {
                for r in 0..<k {
                    let a = scores[t * k + r]
                    for c in 0..<k { gamma[r * k + c] += a * scores[(t - lag) * k + c] }
                }
            }
            for r in 0..<k {
                for c in 0..<k {
                    meat[r * k + c] += lag == 0 ? gamma[r * k + c] : w * (gamma[r * k + c] + gamma[c * k + r])
                }
            }
        }
        var cov = multiply(multiply(inverseGram, meat, k), inverseGram, k)
        if smallSampleCorrection {
            let factor = Double(n) / Double(n - k)
            for i in cov.indices { cov[i] *= factor }
        }
        return cov
    }

    private static func multiply(_ a: [Double], _ b: [Double], _ k: Int) -> [Double] {
        var c = [Double](repeating: 0, count: k * k)
        for i in 0..<k { for j in 0..<k { var s = 0.0; for m in 0..<k { s += a[i * k + m] * b[m * k + j] }; c[i * k + j] = s } }
        return c
    }
}
