#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How precisely a person should be told an estimate: no more digits than its interval supports.
///
/// "€ 37.633 (5–95%-interval € 33.068 tot € 88.761)" claims a precision to the euro that an
/// interval 55,000 euros wide does not have. The step is two significant digits of the interval's
/// width, and never finer than `minimum`, except that `minimum` gives way (down to € 100) where
/// it would leave the interval's lower end less than two significant digits: "€ 569 tot € 2.843"
/// must not read "€ 1.000 tot € 3.000".
///
///     EstimateRounding.step(lower: 27_868, upper: 76_326, minimum: 100)     // width 48,458 → 1,000
///     EstimateRounding.step(lower: 1_250, upper: 4_370, minimum: 100)       // width 3,120 → 100
///     EstimateRounding.step(lower: 500, upper: 1_450, minimum: 100)         // width 950 → 10, so 100
///     EstimateRounding.step(lower: 27_868, upper: 76_326, minimum: 1_000)   // 1,000
///     EstimateRounding.step(lower: 569, upper: 2_843, minimum: 1_000)       // 100: lower end 569
///     EstimateRounding.rounded(31_975, step: 1_000)                         // 32,000
///
/// The raadsbrief rounds euros to € 1.000 where the amounts allow it, the other reports to at
/// least € 100. Only text and tables people read are rounded; the tidy `metrics.csv` keeps every
/// digit.
enum EstimateRounding {
    /// The raadsbrief's coarsest-needed step for euros.
    static let councilEuros = 1_000.0
    /// The other reports' step for euros, and the finest the raadsbrief gives way to.
    static let euros = 100.0

    /// 10^(⌊log₁₀ width⌋ − 1), at least `minimum` (lowered, not below `euros`, to two significant
    /// digits of a positive `lower`); `minimum` for an empty, negative or non-finite width.
    static func step(lower: Double, upper: Double, minimum: Double) -> Double {
        var minimum = minimum
        if lower > 0, lower.isFinite {
            minimum = min(minimum, max(euros, pow(10, log10(lower).rounded(.down) - 1)))
        }
        let width = upper - lower
        guard width.isFinite, width > 0 else { return minimum }
        let step = pow(10, (log10(width)).rounded(.down) - 1)
        return max(step, minimum)
    }

    /// `x` to the nearest multiple of `step`, half away from zero.
    static func rounded(_ x: Double, step: Double) -> Double {
        guard step > 0, x.isFinite else { return x }
        return (x / step).rounded(.toNearestOrAwayFromZero) * step
    }
}
