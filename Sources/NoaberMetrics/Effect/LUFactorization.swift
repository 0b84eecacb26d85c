/// PA = LU with partial pivoting of a square matrix, for the Wald statistic's solve and its
/// singularity check.
///
/// Why LU and not Cholesky, although a covariance matrix is symmetric: the did package decides that
/// the pre-trend covariance is singular when `rcond(V) <= .Machine$double.eps` (LAPACK's LU-based
/// condition estimate; csdid uses numpy's LU-based `cond(V, 1)`). A structurally singular covariance
/// (more pre-start effects than the areas can span) gives a reciprocal condition of about 1e-18
/// through LU, safely below epsilon, but Cholesky's pivots of order ε·‖V‖ put it near 1e-16, on
/// the wrong side of the threshold about half the time. Same factorization, same decision.
///
/// The reciprocal condition number in the 1-norm is estimated as LAPACK's `dgecon` does, with
/// Hager's method as refined by Higham (LAPACK `dlacn2`): a few solves with A and Aᵀ instead of
/// the inverse, O(n²) each. The estimate is never above the true ‖A⁻¹‖₁ and in practice equal to it
/// or within a factor 3, which cannot move a matrix across the ε threshold unless it is already
/// within a factor 3 of it.
///
/// - Complexity: O(n³/3·2) to factor, O(n²) per solve.
struct LUFactorization {
    let n: Int
    /// L (unit lower, below the diagonal) and U (upper, with the diagonal), row-major.
    private var lu: [Double]
    /// Row i of PA is row `pivot[i]` of A.
    private var pivot: [Int]
    /// The 1-norm of A (largest column sum of absolute values), for the condition number.
    let norm1: Double
    /// False when a pivot was exactly zero (A is singular in floating point).
    let isNonsingular: Bool

    /// Factors the row-major n × n matrix `a`.
    init(_ a: [Double], n: Int) {
        self.n = n
        var norm = 0.0
        for j in 0..<n {
            var s = 0.0
            for i in 0..<n { s += abs(a[i * n + j]) }
            norm = max(norm, s)
        }
        norm1 = norm
        var m = a
        var perm = Array(0..<n)
        var ok = true
        m.withUnsafeMutableBufferPointer { m in
            for k in 0..<n {
                var p = k
                var best = abs(m[k * n + k])
                for i in (k + 1)..<max(n, k + 1) where abs(m[i * n + k]) > best {
                    best = abs(m[i * n + k])
                    p = i
                }
                if best == 0 {
                    ok = false
                    continue
                }
                if p != k {
                    for j in 0..<n { m.swapAt(k * n + j, p * n + j) }
                    perm.swapAt(k, p)
                }
                let pivotValue = m[k * n + k]
                for i in (k + 1)..<max(n, k + 1) {
                    let f = m[i * n + k] / pivotValue
                    m[i * n + k] = f
                    if f == 0 { continue }
                    for j in (k + 1)..<n { m[i * n + j] -= f * m[k * n + j] }
                }
            }
        }
        lu = m
        pivot = perm
        isNonsingular = ok
    }

    /// x with A x = b.
    func solve(_ b: [Double]) -> [Double] {
        var x = pivot.map { b[$0] }
        for i in 0..<n {
            var s = x[i]
            for j in 0..<i { s -= lu[i * n + j] * x[j] }
            x[i] = s
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = x[i]
            for j in (i + 1)..<max(n, i + 1) { s -= lu[i * n + j] * x[j] }
            x[i] = s / lu[i * n + i]
        }
        return x
    }

    /// x with Aᵀ x = b: Uᵀ w = b, Lᵀ v = w, x = Pᵀ v.
    func solveTransposed(_ b: [Double]) -> [Double] {
        var w = b
        for i in 0..<n {
            var s = w[i]
            for j in 0..<i { s -= lu[j * n + i] * w[j] }
            w[i] = s / lu[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = w[i]
            for j in (i + 1)..<max(n, i + 1) { s -= lu[j * n + i] * w[j] }
            w[i] = s
        }
        var x = [Double](repeating: 0, count: n)
        for i in 0..<n { x[pivot[i]] = w[i] }
        return x
    }

    /// An estimate of 1 / (‖A‖₁ ‖A⁻¹‖₁); 0 when A is exactly singular.
    func reciprocalCondition() -> Double {
        guard isNonsingular, norm1 > 0, n > 0 else { return 0 }
        let inverseNorm = estimateInverseNorm1()
        guard inverseNorm.isFinite, inverseNorm > 0 else { return 0 }
        return 1 / (norm1 * inverseNorm)
    }

    /// Hager–Higham estimate of ‖A⁻¹‖₁ (LAPACK dlacn2).
    private func estimateInverseNorm1() -> Double {
        func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + abs($1) } }
        var x = [Double](repeating: 1 / Double(n), count: n)
        var estimate = 0.0
        var lastIndex = -1
        for iteration in 0..<5 {
            let y = solve(x)
            let ny = norm(y)
            if iteration > 0 && ny <= estimate { break }
            estimate = ny
            let sign = y.map { $0 >= 0 ? 1.0 : -1.0 }
            let z = solveTransposed(sign)
            var j = 0
            for i in 1..<max(n, 1) where abs(z[i]) > abs(z[j]) { j = i }
            var ztx = 0.0
            for i in 0..<n { ztx += z[i] * x[i] }
            if iteration > 0 && (abs(z[j]) <= ztx || j == lastIndex) { break }
            lastIndex = j
            x = [Double](repeating: 0, count: n)
            x[j] = 1
        }
        // Higham's alternative vector catches the matrices that fool the power iteration.
        var alt = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let magnitude = 1 + Double(i) / Double(max(n - 1, 1))
            alt[i] = i % 2 == 0 ? magnitude : -magnitude
        }
        let altEstimate = 2 * norm(solve(alt)) / (3 * Double(n))
        return max(estimate, altEstimate)
    }
}
