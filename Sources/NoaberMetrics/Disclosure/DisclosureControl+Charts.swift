import NoaberModel

extension DisclosureControl {
    /// Drops the chart material whose figures disclosure control hid, after the rows were
    /// suppressed.
    ///
    /// The engine leaves out material for primary small cells as it computes; secondary
    /// suppression happens later, across groups, and a chart must not show what a table hides: a
    /// funnel point is the hidden rate itself, a survival curve starts at the hidden number of
    /// cases, a volunteer-hours distribution has one bar per hidden volunteer, and an escalation
    /// summary carries the hidden number of cases counted. So:
    /// - a funnel point goes when its own row (village, period, metric) is suppressed;
    /// - survival curves go when the group's `cases` row is suppressed;
    /// - volunteer hours go when `volunteers_active` is, escalation summaries when
    ///   `escalation_cases_counted` is.
    ///
    /// When funnel points go, the funnel's overdispersion test and limits are drawn again over the
    /// points that remain (`FunnelPoints.drawLimits`): φ over a hidden village would give its count away.
    /// - Complexity: O(rows + chart items).
    static func withholdChartMaterial(_ result: inout MetricsResult, rows: [MetricRow], funnelWidening: FunnelWidening) {
        var hidden = Set<String>()
        for r in rows where r.suppressed { hidden.insert(key(r.village, r.period, r.metric)) }
        guard !hidden.isEmpty else { return }
        let pointsBefore = result.funnel.count
        result.funnel.removeAll { hidden.contains(key($0.village, $0.period, $0.metric)) }
        if result.funnel.count != pointsBefore {
            (result.funnel, result.funnelDispersion) = FunnelPoints.drawLimits(result.funnel, widening: funnelWidening)
        }
        result.survivalCurves.removeAll { hidden.contains(key($0.group, $0.period, "cases")) }
        result.volunteerHours.removeAll { hidden.contains(key($0.group, $0.period, "volunteers_active")) }
        result.escalation.removeAll { hidden.contains(key($0.group, $0.period, "escalation_cases_counted")) }
    }

    private static func key(_ group: String, _ period: String, _ metric: String) -> String {
        group + "\u{1F}" + period + "\u{1F}" + metric
    }
}
