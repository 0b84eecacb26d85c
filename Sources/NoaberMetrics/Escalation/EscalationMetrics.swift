import NoaberModel

/// Prevented-escalation rows for one group and period.
///
/// Counting rule (domain.md): a case received in the period counts for risk r when r is among
/// its intake risks, its outcome is known — closed, or received more than `followUpDays` days
/// before its village's as-of date — and r is not among `escalated_to`. Rows:
/// `escalation_cases_counted` (cases counting for at least one risk), `avoided_cost_eur` (most
/// likely, 5–95% Monte Carlo interval; n = cases counted), `return_per_euro` (against the
/// ondersteuner's cost in the period: cost_per_year × days / 365.25 over the group's villages),
/// and `avoided_cost_eur:<risk>` for each valued risk (n = cases counted for that risk).
enum EscalationMetrics {
    struct Output {
        var rows: [MetricRow]
        var result: EscalationResult
        var casesCounted: Int
    }

    /// Counted cases per risk and in all, for one group and period, filled one village at a time.
    struct Tally: Sendable {
        var perRisk = [Int](repeating: 0, count: Risk.allCases.count)
        var counted = 0

        mutating func add(_ slice: VillageCases, followUpDays: Int) {
            let offset = slice.censorDays.startIndex - slice.cases.startIndex
            for i in slice.cases.indices {
                let c = slice.cases[i]
                guard !c.risks.isEmpty else { continue }
                // Outcome known: closed, or followed up long enough before the day the case was
                // last seen open (its censoring day).
                let censor = slice.censorDays[i + offset]
                let known = c.closedDayNumber != nil || (censor != Int32.min && Int(censor) - c.receivedDayNumber > followUpDays)
                guard known else { continue }
                let avoided = c.risks.subtracting(c.escalatedTo)
                guard !avoided.isEmpty else { continue }
                avoided.forEachOffset { perRisk[$0] += 1 }
                counted += 1
            }
        }

        var counts: [Risk: Int] {
            var counts: [Risk: Int] = [:]
            for (i, r) in Risk.allCases.enumerated() where perRisk[i] > 0 { counts[r] = perRisk[i] }
            return counts
        }
    }

    /// Only the `escalation_cases_counted` row, exactly as `compute` gives it, without the
    /// Monte Carlo: what disclosure control needs of a grouping that is not shown.
    static func countRow(_ t: Tally, group: MetricGroup, period: Period) -> [MetricRow] {
        var b = RowBuilder(group: group, period: period)
        b.count("escalation_cases_counted", t.counted)
        return b.rows
    }

    static func compute(_ t: Tally, group: MetricGroup, period: Period, model: EscalationModel) -> Output {
        let counts = t.counts, counted = t.counted
        let cost = group.costPerYearEUR.map { $0 * Double(period.dayCount) / 365.25 }
        let result = model.evaluate(counts: counts, ondersteunerCost: cost)
        var b = RowBuilder(group: group, period: period)
        b.count("escalation_cases_counted", counted)
        b.add("avoided_cost_eur", result.mostLikely, result.interval, n: counted)
        b.add("return_per_euro", result.returnPerEuro, result.returnInterval, n: counted)
        for r in result.perRisk {
            b.add("avoided_cost_eur:" + r.risk.rawValue, r.mostLikely, r.interval, n: r.cases)
        }
        return Output(rows: b.rows, result: result, casesCounted: counted)
    }
}
