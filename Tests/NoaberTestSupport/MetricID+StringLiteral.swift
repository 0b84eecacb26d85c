import NoaberMetrics

/// In tests a metric may be written as its stable tidy name (`"theme:loneliness"`): the tests
/// assert exactly those names. Sources never do: there a misspelt metric must not compile.
extension MetricID: ExpressibleByStringLiteral {
    public init(stringLiteral name: String) {
        guard let id = MetricID(name: name) else { preconditionFailure("no metric is named \(name)") }
        self = id
    }
}

extension MetricRow {
    /// A row named by its tidy name, as tests write them.
    public init(village: String, period: String, metric name: String, value: Double?,
                lower: Double? = nil, upper: Double? = nil, n: Int? = nil, suppressed: Bool = false) {
        self.init(village: village, period: period, metric: MetricID(stringLiteral: name), value: value,
                  lower: lower, upper: upper, n: n, suppressed: suppressed)
    }
}

extension MetricsResult {
    /// The row of a tidy name, as tests write them.
    public func row(_ village: String, _ period: String, _ name: String) -> MetricRow? {
        row(village, period, MetricID(stringLiteral: name))
    }
}

extension MetricCatalog {
    /// The entry of a tidy name, as the CLI's JSON gives it.
    public static func entry(_ name: String) -> Entry { entry(MetricID(stringLiteral: name)) }
}

extension EffectResult {
    /// The row of a tidy name, as tests write them.
    public func row(_ name: String) -> MetricRow? { row(MetricID(stringLiteral: name)) }
}
