/// Ordinary least squares by Householder QR, for the interrupted time series' four coefficients.
///
/// QR rather than the normal equations: XᵀX squares the condition number of X (a time column up
/// to n beside a constant squares it to about n⁴), while QR solves R β = Qᵀy at the condition of X
/// itself. (XᵀX)⁻¹ = R⁻¹R⁻ᵀ then comes from the triangular factor. statsmodels uses the
/// pseudo-inverse (SVD); for a full-rank design the two agree to rounding.
struct LeastSquares {
    /// The coefficients.
    let coefficients: [Double]
    /// y − Xβ.
    let residuals: [Double]
    /// (XᵀX)⁻¹, k × k row-major.
    let inverseGram: [Double]

    /// Fits y on the n × k row-major design X; nil when X has fewer rows than columns or is
    /// rank-deficient (a diagonal element of R below 1e-12 of the largest column norm).
    init?(design x: [Double], response y: [Double], columns k: Int) {
        let n = y.count
        guard n >= k, k > 0, x.count == n * k else { return nil }
        var a = x
        var qty = y
        var scale = 0.0
        for j in 0..<k {
            var s = 0.0
            for i in 0..<n { s += a[i * k + j] * a[i * k + j] }
            scale = max(scale, s.squareRoot())
        }
        for j in 0..<k {
            // Householder vector for column j below the diagonal.
            var norm = 0.0
            for i in j..<n { norm += a[i * k + j] * a[i * k + j] }
            norm = norm.squareRoot()
            guard norm > 1e-12 * scale else { return nil }
            let alpha = a[j * k + j] > 0 ? -norm : norm
            var v = [Double](repeating: 0, count: n)
            for i in j..<n { v[i] = a[i * k + j] }
            v[j] -= alpha
            var vv = 0.0
            for i in j..<n { vv += v[i] * v[i] }
            guard vv > 0 else { continue }
            for c in j..<k {
                var d = 0.0
                for i in j..<n { d += v[i] * a[i * k + c] }
                let f = 2 * d / vv
                for i in j..<n { a[i * k + c] -= f * v[i] }
            }
            var d = 0.0
            for i in j..<n { d += v[i] * qty[i] }
            let f = 2 * d / vv
            for i in j..<n { qty[i] -= f * v[i] }
        }
        // R β = (Qᵀy)[0..<k].
        var beta = [Double](repeating: 0, count: k)
        for i in stride(from: k - 1, through: 0, by: -1) {
            var s = qty[i]
            for j in (i + 1)..<max(k, i + 1) { s -= a[i * k + j] * beta[j] }
            beta[i] = s / a[i * k + i]
        }
        // R⁻¹ (upper triangular), then (XᵀX)⁻¹ = R⁻¹ R⁻ᵀ.
        var rinv = [Double](repeating: 0, count: k * k)
        for col in 0..<k {
            for i in stride(from: col, through: 0, by: -1) {
                var s = i == col ? 1.0 : 0.0
                for j in (i + 1)..<(col + 1) { s -= a[i * k + j] * rinv[j * k + col] }
                rinv[i * k + col] = s / a[i * k + i]
            }
        }
        var inverse = [Double](repeating: 0, count: k * k)
        for i in 0..<k {
            for j in 0..<k {
                var s = 0.0
                for m in max(i, j)..<k { s += rinv[i * k + m] * rinv[j * k + m] }
                inverse[i * k + j] = s
            }
        }
        var residuals = y
        for i in 0..<n {
            var fit = 0.0
            for j in 0..<k { fit += x[i * k + j] * beta[j] }
            residuals[i] = y[i] - fit
        }
        coefficients = beta
        self.residuals = residuals
        inverseGram = inverse
    }
}
