import NoaberModel

/// Funnel-plot points: each village's rate against the rate pooled over all villages, with 95%
/// and 99.8% limits at the village's own denominator — so a small village is not judged on noise.
///
/// Proportions (limits `Funnel.proportionLimits`, exact binomial): `reach_per_1000` (residents /
/// inhabitants), `reach_75plus_pct` (residents 75+ / inhabitants 75+), `volunteers_per_1000`
/// (active volunteers / inhabitants). A rate (limits `Funnel.rateLimits`, exact Poisson, since a
/// resident can bring several cases): `cases_per_1000` (cases / inhabitants). A village whose numerator is 1…hideBelow−1 gets
/// no point (its rate would reveal a suppressed count).
enum FunnelPoints {
    /// One village's numerators in one period.
    struct Counts: Sendable {
        let village: Village
        /// Cases received.
        let cases: Int
        /// Distinct residents reached, and those 75+.
        let reached: Int
        let reached75: Int
        /// Volunteers with at least one task.
        let active: Int
        /// Whether the village is counted in the case figures (its case data cover the period),
        /// and in the volunteer figures (its task data do): a village is drawn only where it is.
        var casesCounted = true
        var tasksCounted = true
    }

    /// The points of one period, from every village's counts (in any order: the pooled rate is
    /// a sum, and points come out sorted by village code).
    static func compute(period: Period, counts: [Counts], reach: Bool, volunteers: Bool,
                        hideBelow: Int) -> [FunnelPoint] {
        struct Cell { let village: Village; let numerator: Int; let denominator: Int }
        var series: [(metric: String, scale: Double, isRate: Bool, cells: [Cell])] = []
        var reachCells: [Cell] = [], reach75Cells: [Cell] = [], volunteerCells: [Cell] = [], caseCells: [Cell] = []
        for c in counts.sorted(by: { $0.village.code < $1.village.code }) {
            let v = c.village
            if reach, c.casesCounted {
                caseCells.append(Cell(village: v, numerator: c.cases, denominator: v.inhabitants))
                reachCells.append(Cell(village: v, numerator: c.reached, denominator: v.inhabitants))
                if let d75 = v.inhabitants75Plus {
                    reach75Cells.append(Cell(village: v, numerator: c.reached75, denominator: d75))
                }
            }
            if volunteers, c.tasksCounted {
                volunteerCells.append(Cell(village: v, numerator: c.active, denominator: v.inhabitants))
            }
        }
        if reach {
            series.append(("reach_per_1000", 1000, false, reachCells))
            series.append(("reach_75plus_pct", 100, false, reach75Cells))
            series.append(("cases_per_1000", 1000, true, caseCells))
        }
        if volunteers { series.append(("volunteers_per_1000", 1000, false, volunteerCells)) }

        var points: [FunnelPoint] = []
        for (metric, scale, isRate, cells) in series {
            let num = cells.reduce(0) { $0 + $1.numerator }
            let den = cells.reduce(0) { $0 + $1.denominator }
            guard den > 0 else { continue }
            let p0 = Double(num) / Double(den)
            for c in cells where c.denominator > 0 && !(c.numerator >= 1 && c.numerator < hideBelow) {
                func limits(_ coverage: Double) -> Interval {
                    isRate
                        ? Funnel.rateLimits(targetRate: p0, exposure: Double(c.denominator), coverage: coverage)
                        : Funnel.proportionLimits(target: p0, denominator: c.denominator, coverage: coverage)
                }
                let l95 = limits(0.95), l998 = limits(0.998)
                points.append(FunnelPoint(
                    village: c.village.code, period: period.label, metric: metric,
                    value: scale * Double(c.numerator) / Double(c.denominator), denominator: c.denominator,
                    target: scale * p0,
                    limits95: Interval(lower: scale * l95.lower, upper: scale * l95.upper),
                    limits998: Interval(lower: scale * l998.lower, upper: scale * l998.upper)))
            }
        }
        return points
    }
}
