import NoaberModel

/// Prevented-escalation rows for one group and period.
///
/// Counting rule (docs/escalation-parameters.md): a case received in the period counts for risk r when r is among
/// its intake risks, its outcome is known — closed, or received more than `followUpDays` days
/// before its village's as-of date — and r is not among `escalated_to`. Rows:
/// - `escalation_cases_counted`: cases counting for at least one risk;
/// - `avoided_cost_eur`: the **median** of the Monte Carlo draws with their 5–95% interval
///   (n = cases counted). Until 2026-12 this row held the value at the most likely parameters,
///   which now has a row of its own:
/// - `avoided_cost_eur_most_likely`: every parameter at its most likely value (no interval);
/// - `return_per_euro`: the median against the ondersteuner's cost in the period
///   (cost_per_year × days / 365.25 over the group's villages), with the 5–95% interval;
/// - `avoided_cost_eur:<risk>` for each valued risk: the median and 5–95% interval of that risk
///   alone (n = cases counted for it; per-risk medians do not add up to the total's);
/// - `avoided_cost_price_year`: the price level of the euro figures (the year the run's last period
///   ends in, or the CPI's latest year for a later one; the file's price year when not indexed);
/// - `escalation_follow_up_complete`: 1 when every counted village's as-of date lies more than
///   `followUpDays` after the period's end, so that every case of the period could have a known
///   outcome; else 0 — recent cases then count only when closed, and the figure is too low.
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
        /// Whether every village added had its as-of date more than the horizon after the period.
        var followUpComplete = true
        /// The earliest day from which cases of an added village could not yet have a known
        /// outcome (its as-of date − horizon), when that falls within the period.
        var followUpOpenFrom: Int?

        /// Notes whether a village's data reach far enough past `period` for its outcomes.
        mutating func noteFollowUp(casesEnd: CivilDate?, period: Period, followUpDays: Int) {
            guard let end = casesEnd?.dayNumber else {
                followUpComplete = false
                return
            }
            // Known when censor − received > horizon: every case of the period can be known only
            // when end − period.end > horizon.
            guard end - period.end.dayNumber <= followUpDays else { return }
            followUpComplete = false
            let from = max(end - followUpDays, period.start.dayNumber)
            followUpOpenFrom = min(followUpOpenFrom ?? from, from)
        }

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
        b.add("avoided_cost_eur", result.median, result.interval, n: counted)
        b.add("avoided_cost_eur_most_likely", result.mostLikely, n: counted)
        b.add("return_per_euro", result.returnPerEuro, result.returnInterval, n: counted)
        for r in result.perRisk {
            b.add("avoided_cost_eur:" + r.risk.rawValue, r.median, r.interval, n: r.cases)
        }
        b.add("avoided_cost_price_year", Double(result.priceYear))
        b.add("escalation_follow_up_complete", t.followUpComplete ? 1 : 0)
        return Output(rows: b.rows, result: result, casesCounted: counted)
    }
}
