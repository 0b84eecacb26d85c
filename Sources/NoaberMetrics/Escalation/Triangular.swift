#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The triangular distribution on (low, mode, high), sampled by its inverse CDF.
///
/// Chosen over PERT because its three points are exactly what the parameter file gives and its
/// inverse CDF needs no Beta sampler: one uniform draw, one square root. It puts more weight in the
/// tails than PERT, so the interval is, if anything, wider — the cautious side for an estimate.
enum Triangular {
    /// The u-quantile (0 ≤ u < 1). A degenerate range (low == high) returns low.
    static func quantile(_ u: Double, low a: Double, mode m: Double, high b: Double) -> Double {
        let width = b - a
        guard width > 0 else { return a }
        let fMode = (m - a) / width
        if u < fMode { return a + sqrt(u * width * (m - a)) }
        return b - sqrt((1 - u) * width * (b - m))
    }
}
