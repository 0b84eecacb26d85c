/// The Wald pre-test of the did package (`att_gt`'s `W` and `Wpval`): all pre-start ATT(g,t)
/// jointly zero, with the analytic influence-function covariance.
///
/// With a = the q pre-start effects and V = IF·IFᵀ / N their covariance (times N),
/// W = N · aᵀ V⁻¹ a and p = P(χ²_q > W). As in did: cells whose standard error is zero or not
/// finite are left out; no test when no pre-start cell remains, or when V is singular
/// (reciprocal 1-norm condition number ≤ machine epsilon). csdid rounds the p-value to 5
/// decimals; noaber keeps it whole.
///
/// V is built from its structure instead of an areas × cells product: two pre-start cells share
/// treated areas only within one cohort, and the comparison areas' part of a pre-start cell (g,t)
/// depends on t alone (the one-period change t−1 → t), so
///
///     V_kl · N = [same cohort] Σ_{i∈g} (N/n_g)² d_k(i) d_l(i) + Σ_{i∈C} (N/n_C)² e_t(i) e_s(i)
///
/// — O(areas × periods²) instead of O(areas × cells²).
extension GroupTimeCells {
    func pretrendTest() -> PretrendCheck {
        let pre = cells.indices.filter { k in
            !isPost(cells[k]) && cells[k].standardError.isFinite && cells[k].standardError > 0
        }
        guard !pre.isEmpty else { return .noPreTreatmentPeriods }
        let q = pre.count, t = periodCount, big = Double(areaCount)

        // Comparison areas: e_t(i) = Y_t − Y_{t−1} − mean, for t = 1…T−1, scaled by N/n_C.
        let nc = Double(comparison.count)
        let periodsUsed = Array(Set(pre.map { cells[$0].period })).sorted()
        var slot = [Int](repeating: -1, count: t)
        for (s, p) in periodsUsed.enumerated() { slot[p] = s }
        var deviations = [[Double]](repeating: [], count: periodsUsed.count)
        for (s, p) in periodsUsed.enumerated() {
            var mean = 0.0
            for a in comparison { mean += rates[a * t + p] - rates[a * t + p - 1] }
            mean /= nc
            deviations[s] = comparison.map { a in (big / nc) * (rates[a * t + p] - rates[a * t + p - 1] - mean) }
        }
        var control = [Double](repeating: 0, count: periodsUsed.count * periodsUsed.count)
        for s in periodsUsed.indices {
            for r in s..<periodsUsed.count {
                var sum = 0.0
                for (x, y) in zip(deviations[s], deviations[r]) { sum += x * y }
                control[s * periodsUsed.count + r] = sum
                control[r * periodsUsed.count + s] = sum
            }
        }

        // Treated areas: per pre-start cell, the cohort's scaled deviations.
        let treatedDeviations = pre.map { k -> [Double] in
            let cell = cells[k]
            let members = cohorts[cell.cohort].members
            let scale = big / Double(members.count)
            return members.map { a in scale * (rates[a * t + cell.period] - rates[a * t + cell.base] - cell.treatedMean) }
        }
        var v = [Double](repeating: 0, count: q * q)
        for i in 0..<q {
            for j in i..<q {
                let ci = cells[pre[i]], cj = cells[pre[j]]
                var sum = control[slot[ci.period] * periodsUsed.count + slot[cj.period]]
                if ci.cohort == cj.cohort {
                    var own = 0.0
                    for (x, y) in zip(treatedDeviations[i], treatedDeviations[j]) { own += x * y }
                    sum += own
                }
                v[i * q + j] = sum / big
                v[j * q + i] = sum / big
            }
        }
        return PretrendCheck.wald(estimates: pre.map { cells[$0].att }, covariance: v, n: q, areas: big)
    }
}

extension CallawaySantAnna {
    /// How many event-study estimates before the start `DiDResult.eventPretrend` tests jointly:
    /// a year of quarters, the leads where anticipation or diverging trends would show first.
    public static let eventPretestLeads = 4
}

extension GroupTimeCells {
    /// The joint Wald test that the event study's leads `att_event:-1` … `att_event:-L` (L =
    /// `eventPretestLeads`, fewer when the data hold fewer) are zero, with the covariance of
    /// their influence functions: V = IF·IFᵀ / N, W = N · aᵀV⁻¹a, p = P(χ²_q > W). Each lead
    /// averages the cohorts' one-period placebo effects at that distance from their start, so q
    /// is at most L whatever the number of cohorts, and V is non-singular with a handful of areas
    /// where the did package's test over every pre-start cell is not. Leads without a positive
    /// standard error are left out, as in `pretrendTest`.
    func eventPretrendTest(events: [EventTimeEffect], aggregates: [Aggregate]) -> PretrendCheck {
        let leads = events.indices.filter { i in
            let e = events[i].relativePeriod
            guard e < 0, e >= -CallawaySantAnna.eventPretestLeads, let se = events[i].estimate.standardError else { return false }
            return se.isFinite && se > 0
        }
        guard !leads.isEmpty else { return .noPreTreatmentPeriods }
        let q = leads.count, big = Double(areaCount)
        var v = [Double](repeating: 0, count: q * q)
        for i in 0..<q {
            for j in i..<q {
                var sum = 0.0
                for (x, y) in zip(aggregates[leads[i]].influence, aggregates[leads[j]].influence) { sum += x * y }
                v[i * q + j] = sum / big
                v[j * q + i] = sum / big
            }
        }
        return PretrendCheck.wald(estimates: leads.map { aggregates[$0].value }, covariance: v, n: q, areas: big)
    }
}

extension PretrendCheck {
    /// The Wald test that `estimates` are jointly zero: W = N · aᵀV⁻¹a with V their covariance
    /// (q × q, row-major) and N the areas, p = P(χ²_q > W). A covariance that is singular or so
    /// ill-conditioned that its solve means nothing gives `.singularCovariance`, not a number.
    static func wald(estimates a: [Double], covariance v: [Double], n q: Int, areas big: Double) -> PretrendCheck {
        let lu = LUFactorization(v, n: q)
        guard lu.isNonsingular, lu.reciprocalCondition() > Double.ulpOfOne else { return .singularCovariance(cells: q) }
        let x = lu.solve(a)
        var w = 0.0
        for (ai, xi) in zip(a, x) { w += ai * xi }
        w *= big
        guard w.isFinite else { return .singularCovariance(cells: q) }
        return .tested(statistic: w, degreesOfFreedom: q,
                       pValue: ChiSquareDistribution.survival(w, degreesOfFreedom: Double(q)))
    }
}
