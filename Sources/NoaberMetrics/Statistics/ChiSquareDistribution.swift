#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The chi-square distribution with k degrees of freedom, through the regularized incomplete gamma
/// function: P(X ≤ x) = P(k/2, x/2), P(X > x) = Q(k/2, x/2). For the Wald pre-test's p-value.
///
/// P(a, x) by its power series when x < a + 1, Q(a, x) by its continued fraction (modified Lentz)
/// otherwise, each computing the small side directly so a tail probability keeps its relative
/// accuracy (Numerical Recipes §6.2; the same split as Cephes' `igam`/`igamc` behind scipy). The
/// prefactor x^a e^{−x} / Γ(a) is taken in logs with `lgamma`; for large a that costs a relative
/// error of about 1e-13 (the logs are of order a), which the tests allow against scipy.
public enum ChiSquareDistribution {
    /// P(X > x) for X ~ χ²_k: the p-value of a statistic x.
    ///
    /// `x <= 0` gives 1, `x = +infinity` gives 0; NaN, or `k <= 0`, gives NaN.
    public static func survival(_ x: Double, degreesOfFreedom k: Double) -> Double {
        guard !x.isNaN, k > 0, k.isFinite else { return .nan }
        if x <= 0 { return 1 }
        if x == .infinity { return 0 }
        return IncompleteGamma.upper(a: k / 2, x: x / 2)
    }

    /// P(X ≤ x) for X ~ χ²_k.
    public static func cdf(_ x: Double, degreesOfFreedom k: Double) -> Double {
        guard !x.isNaN, k > 0, k.isFinite else { return .nan }
        if x <= 0 { return 0 }
        if x == .infinity { return 1 }
        return IncompleteGamma.lower(a: k / 2, x: x / 2)
    }
}

/// The regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x), a > 0, x ≥ 0.
enum IncompleteGamma {
    static func lower(a: Double, x: Double) -> Double {
        if x == 0 { return 0 }
        return x < a + 1 ? series(a: a, x: x) : 1 - continuedFraction(a: a, x: x)
    }

    static func upper(a: Double, x: Double) -> Double {
        if x == 0 { return 1 }
        return x < a + 1 ? 1 - series(a: a, x: x) : continuedFraction(a: a, x: x)
    }

    /// log(x^a e^{−x} / Γ(a)).
    private static func logPrefactor(a: Double, x: Double) -> Double {
        a * log(x) - x - lgamma(a)
    }

    /// P(a, x) = x^a e^{−x} / Γ(a+1) · Σ_n x^n / ((a+1)…(a+n)).
    private static func series(a: Double, x: Double) -> Double {
        var term = 1 / a
        var sum = term
        var ap = a
        for _ in 0..<10_000 {
            ap += 1
            term *= x / ap
            sum += term
            if abs(term) < abs(sum) * 1e-17 { break }
        }
        return sum * exp(logPrefactor(a: a, x: x))
    }

    /// Q(a, x) by the continued fraction 1/(x+1−a−) 1·(1−a)/(x+3−a−) 2·(2−a)/(x+5−a−) …
    private static func continuedFraction(a: Double, x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1...10_000 {
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
        return exp(logPrefactor(a: a, x: x)) * h
    }
}
