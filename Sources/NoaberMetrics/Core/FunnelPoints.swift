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
    static func compute(period: Period, data: PreparedInput, villages: [Village], reach: Bool, volunteers: Bool,
                        hideBelow: Int) -> [FunnelPoint] {
        struct Cell { let village: Village; let numerator: Int; let denominator: Int }
        var series: [(metric: String, scale: Double, isRate: Bool, cells: [Cell])] = []
        var reachCells: [Cell] = [], reach75Cells: [Cell] = [], volunteerCells: [Cell] = [], caseCells: [Cell] = []
        for v in villages.sorted(by: { $0.code < $1.code }) {
            let group = MetricGroup(key: v.code, villages: [v])
            if reach {
                var residents: [Int32] = [], residents75: [Int32] = []
                var caseCount = 0
                for slice in data.slices(in: group, period: period) {
                    caseCount += slice.cases.count
                    for i in slice.cases.indices where slice.persons[i] >= 0 {
                        residents.append(slice.persons[i])
                        if slice.cases[i].ageBand?.isSeventyFivePlus == true { residents75.append(slice.persons[i]) }
                    }
                }
                caseCells.append(Cell(village: v, numerator: caseCount, denominator: v.inhabitants))
                let reached = ReachMetrics.distinct(residents, residents: data.firstCaseDay.count).count
                reachCells.append(Cell(village: v, numerator: reached, denominator: v.inhabitants))
                if let d75 = v.inhabitants75Plus {
                    reach75Cells.append(Cell(village: v, numerator: ReachMetrics.distinct(residents75, residents: data.firstCaseDay.count).count, denominator: d75))
                }
            }
            if volunteers {
                let ids = data.tasks(in: group, period: period).flatMap(\.volunteers)
                let active = ReachMetrics.distinct(ids, residents: data.volunteerCount).count
                volunteerCells.append(Cell(village: v, numerator: active, denominator: v.inhabitants))
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
