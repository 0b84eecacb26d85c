#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Catherine Loader's saddle-point pieces ("Fast and accurate computation of binomial probabilities",
/// 2000), the method behind R's `dbinom`/`dpois`: probabilities of counts in the tens of thousands
/// without the cancellation of `lgamma(n+1) - lgamma(k+1) - …`.
enum SaddlePoint {
    /// log(√(2π)).
    static let logSqrtTwoPi = 0.5 * log(2 * Double.pi)

    /// Stirling's error for n = 0 … 15, from log n! summed directly (absolute error a few 1e-15).
    private static let smallStirlingErrors: [Double] = {
        var table = [0.0]
        var logFactorial = 0.0
        for n in 1...15 {
            logFactorial += log(Double(n))
            let x = Double(n)
            table.append(logFactorial - (x + 0.5) * log(x) + x - logSqrtTwoPi)
        }
        return table
    }()

    /// δ(n) = log n! − log(√(2πn) (n/e)ⁿ), the error of Stirling's formula, for n ≥ 0.
    ///
    /// Above 15 the asymptotic series, truncated as Loader does (error below 1e-16).
    static func stirlingError(_ n: Int) -> Double {
        if n <= 15 { return smallStirlingErrors[max(n, 0)] }
        let x = Double(n)
        let nn = x * x
        let s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188
        if n > 500 { return (s0 - s1 / nn) / x }
        if n > 80 { return (s0 - (s1 - s2 / nn) / nn) / x }
        if n > 35 { return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / x }
        return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / x
    }

    /// The deviance term x·log(x/m) + m − x, by a series when x is near m (where the plain formula
    /// cancels). Requires x ≥ 0 and m > 0.
    static func deviance(_ x: Double, _ m: Double) -> Double {
        if abs(x - m) < 0.1 * (x + m) {
            var v = (x - m) / (x + m)
            var sum = (x - m) * v
            var term = 2 * x * v
            v *= v
            for j in 1..<1000 {
                term *= v
                let next = sum + term / Double(2 * j + 1)
                if next == sum { return next }
                sum = next
            }
            return sum
        }
        return x * log(x / m) + m - x
    }
}
