extension FunnelPoint {
    /// The comparison as tidy rows, so CSV and JSON carry it next to the rate itself:
    /// - `funnel_95:<metric>`: value = the pooled rate, lower/upper = the 95% limits at this village's size;
    /// - `funnel_998:<metric>`: the same with the 99.8% limits;
    /// - `funnel_position:<metric>`: 0 inside the 95% limits, +1/−1 above/below them, +2/−2 above/below the
    ///   99.8% limits. `n` is the denominator the limits are drawn at.
    ///
    /// A position is a prompt for a conversation, not a ranking: inside the limits, differences are
    /// what chance alone produces at that population size.
    public var rows: [MetricRow] {
        let position: Double
        if outside998 { position = value > limits998.upper ? 2 : -2 }
        else if outside95 { position = value > limits95.upper ? 1 : -1 }
        else { position = 0 }
        return [
            MetricRow(village: village, period: period, metric: MetricID(.funnel95, metric.rawValue), value: target,
                      lower: limits95.lower, upper: limits95.upper, n: denominator, suppressed: false),
            MetricRow(village: village, period: period, metric: MetricID(.funnel998, metric.rawValue), value: target,
                      lower: limits998.lower, upper: limits998.upper, n: denominator, suppressed: false),
            MetricRow(village: village, period: period, metric: MetricID(.funnelPosition, metric.rawValue), value: position,
                      lower: nil, upper: nil, n: denominator, suppressed: false),
        ]
    }
}
