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

    /// Counted cases per risk, and the number of distinct cases counted.
    static func counts(_ cases: some Sequence<CaseRecord>, asOf: [String: CivilDate], followUpDays: Int) -> ([Risk: Int], Int) {
        var counts: [Risk: Int] = [:]
        var counted = 0
        for c in cases { add(c, asOf: asOf, followUpDays: followUpDays, &counts, &counted) }
        return (counts, counted)
    }

    /// `counts` over index slices, lending each case instead of copying it.
    static func counts(_ cases: Slices<CaseRecord>, asOf: [String: CivilDate], followUpDays: Int) -> ([Risk: Int], Int) {
        var counts: [Risk: Int] = [:]
        var counted = 0
        cases.forEach { c in add(c, asOf: asOf, followUpDays: followUpDays, &counts, &counted) }
        return (counts, counted)
    }

    @inline(__always)
    private static func add(_ c: borrowing CaseRecord, asOf: [String: CivilDate], followUpDays: Int,
                            _ counts: inout [Risk: Int], _ counted: inout Int) {
        guard !c.risks.isEmpty else { return }
        let known: Bool
        if c.closed != nil {
            known = true
        } else if let a = asOf[c.village] {
            known = a.dayNumber - c.received.date.dayNumber > followUpDays
        } else {
            known = false
        }
        guard known else { return }
        var any = false
        for r in c.risks where !c.escalatedTo.contains(r) {
            counts[r, default: 0] += 1
            any = true
        }
        if any { counted += 1 }
    }

    static func compute(group: MetricGroup, period: Period, data: PreparedInput, model: EscalationModel,
                        followUpDays: Int) -> Output {
        let (counts, counted) = counts(data.cases(in: group, period: period), asOf: data.asOf,
                                       followUpDays: followUpDays)
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
