/// A metric as a row names it: a `Metric` and, for the categorised ones, its category
/// (`theme:loneliness` is `.theme` with `loneliness`; `funnel_95:reach_per_1000` is `.funnel95`
/// with the name of the metric it draws limits for).
///
/// `name` is the stable text of the tidy output's `metric` column; rows are encoded and compared
/// by it, so output stays exactly as it was when metric names were strings.
public struct MetricID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let metric: Metric
    public let category: String?

    public init(_ metric: Metric, _ category: String? = nil) {
        self.metric = metric
        self.category = category
    }

    /// A categorised metric whose category is another metric (`finding:rejected_pct`).
    public init(_ metric: Metric, about other: MetricID) {
        self.init(metric, other.name)
    }

    /// The metric a tidy name stands for; nil for a name noaber does not print.
    public init?(name: String) {
        if let colon = name.firstIndex(of: ":") {
            guard let metric = Metric(rawValue: String(name[..<colon])), metric.takesCategory else { return nil }
            self.init(metric, String(name[name.index(after: colon)...]))
        } else {
            guard let metric = Metric(rawValue: name) else { return nil }
            self.init(metric)
        }
    }

    /// The stable name: `reach_per_1000`, `theme:loneliness`.
    public var name: String { category.map { metric.rawValue + ":" + $0 } ?? metric.rawValue }
    public var description: String { name }

    /// The metric a category names, for `funnel_*:<metric>` and `finding:<metric>`.
    public var categoryMetric: MetricID? { category.flatMap(MetricID.init(name:)) }

    /// The plain metric (no category) this is, else nil: for `switch row.metric.plain`.
    public var plain: Metric? { category == nil ? metric : nil }

    public static func < (lhs: MetricID, rhs: MetricID) -> Bool { lhs.name < rhs.name }

    /// `row.metric == .cases`: the plain metric, without a category.
    public static func == (lhs: MetricID, rhs: Metric) -> Bool { lhs.category == nil && lhs.metric == rhs }
    public static func != (lhs: MetricID, rhs: Metric) -> Bool { !(lhs == rhs) }
}

extension MetricID: Codable {
    public init(from decoder: Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let id = MetricID(name: name) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown metric \(name)"))
        }
        self = id
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
