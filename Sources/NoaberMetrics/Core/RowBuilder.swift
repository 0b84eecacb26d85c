import NoaberModel

/// Builds rows for one (group, period) with less repetition.
struct RowBuilder {
    let village: String
    let period: String
    var rows: [MetricRow] = []

    init(group: MetricGroup, period: Period) {
        village = group.key
        self.period = period.label
    }

    init(village: String, period: String) {
        self.village = village
        self.period = period
    }

    mutating func add(_ metric: Metric, _ value: Double?, _ interval: Interval? = nil, n: Int? = nil) {
        add(MetricID(metric), value, interval, n: n)
    }

    mutating func add(_ metric: MetricID, _ value: Double?, _ interval: Interval? = nil, n: Int? = nil) {
        rows.append(MetricRow(village: village, period: period, metric: metric, value: value,
                              lower: interval?.lower, upper: interval?.upper, n: n))
    }

    mutating func count(_ metric: Metric, _ value: Int, n: Int? = nil) {
        add(MetricID(metric), Double(value), n: n)
    }

    mutating func count(_ metric: MetricID, _ value: Int, n: Int? = nil) {
        add(metric, Double(value), n: n)
    }

    /// A proportion scaled by `scale` (100 for %, 1000 for per 1,000) with its Wilson interval;
    /// n is the denominator. A zero or unknown denominator gives a nil value.
    mutating func proportion(_ metric: Metric, _ successes: Int, of trials: Int?, scale: Double) {
        proportion(MetricID(metric), successes, of: trials, scale: scale)
    }

    mutating func proportion(_ metric: MetricID, _ successes: Int, of trials: Int?, scale: Double) {
        guard let trials, trials > 0 else {
            add(metric, nil, n: trials)
            return
        }
        let w = Wilson.interval(successes: successes, trials: trials)
        add(metric, scale * Double(successes) / Double(trials),
            w.map { Interval(lower: scale * $0.lower, upper: scale * $0.upper) }, n: trials)
    }
}
