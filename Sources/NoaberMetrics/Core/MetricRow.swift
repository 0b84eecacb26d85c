/// One figure in noaber's tidy long form: `village, period, metric, value, lower, upper, n, suppressed`.
///
/// `village` is a village code, a municipality name or `all`, depending on the grouping.
/// `value`, `lower` and `upper` are nil when a figure does not exist (no cases, a median that is
/// not reached) or when disclosure control hid it (`suppressed` true). `n` is the number of units
/// the figure is computed over: cases for shares of cases and Kaplan–Meier estimates, inhabitants
/// for rates per 1,000 inhabitants, active volunteers for volunteer-hour statistics.
///
/// JSON writes every key, with `null` for a missing number, so that each object has the same shape.
public struct MetricRow: Hashable, Sendable, Codable {
    public var village: String
    public var period: String
    public var metric: MetricID
    public var value: Double?
    public var lower: Double?
    public var upper: Double?
    public var n: Int?
    public var suppressed: Bool

    /// A row of a plain metric (no category).
    public init(village: String, period: String, metric: Metric, value: Double?,
                lower: Double? = nil, upper: Double? = nil, n: Int? = nil, suppressed: Bool = false) {
        self.init(village: village, period: period, metric: MetricID(metric), value: value, lower: lower, upper: upper,
                  n: n, suppressed: suppressed)
    }

    public init(village: String, period: String, metric: MetricID, value: Double?,
                lower: Double? = nil, upper: Double? = nil, n: Int? = nil, suppressed: Bool = false) {
        self.village = village
        self.period = period
        self.metric = metric
        self.value = value
        self.lower = lower
        self.upper = upper
        self.n = n
        self.suppressed = suppressed
    }

    enum CodingKeys: String, CodingKey {
        case village, period, metric, value, lower, upper, n, suppressed
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        village = try c.decode(String.self, forKey: .village)
        period = try c.decode(String.self, forKey: .period)
        metric = try c.decode(MetricID.self, forKey: .metric)
        value = try c.decodeIfPresent(Double.self, forKey: .value)
        lower = try c.decodeIfPresent(Double.self, forKey: .lower)
        upper = try c.decodeIfPresent(Double.self, forKey: .upper)
        n = try c.decodeIfPresent(Int.self, forKey: .n)
        suppressed = try c.decodeIfPresent(Bool.self, forKey: .suppressed) ?? false
    }

    /// Encodes nil as an explicit `null` (the synthesized encoder would drop the key).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(village, forKey: .village)
        try c.encode(period, forKey: .period)
        try c.encode(metric, forKey: .metric)
        try encodeOptional(value, .value, &c)
        try encodeOptional(lower, .lower, &c)
        try encodeOptional(upper, .upper, &c)
        if let n { try c.encode(n, forKey: .n) } else { try c.encodeNil(forKey: .n) }
        try c.encode(suppressed, forKey: .suppressed)
    }

    private func encodeOptional(_ x: Double?, _ key: CodingKeys,
                                _ c: inout KeyedEncodingContainer<CodingKeys>) throws {
        // An infinite bound (a median interval whose upper end is never reached) has no JSON
        // number; it is written as null, which the reader takes as "unbounded".
        if let x, x.isFinite { try c.encode(x, forKey: key) } else { try c.encodeNil(forKey: key) }
    }

    /// The row with its figures hidden by disclosure control.
    public var hidden: MetricRow {
        var r = self
        r.value = nil
        r.lower = nil
        r.upper = nil
        r.suppressed = true
        return r
    }

    /// Tidy order: village, period, metric.
    /// `rows` sorted by `tidyOrder`, faster: each distinct village, period and metric string is
    /// ranked once (a report has about a hundred of each), then rows are sorted by their three
    /// integer ranks instead of comparing up to six strings per comparison. Same order, because
    /// the ranks follow the strings' own order; rows with equal keys keep their relative order.
    /// - Complexity: O(n log n) integer comparisons plus O(d log d) for d distinct strings.
    public static func sortedTidy(_ rows: [MetricRow]) -> [MetricRow] {
        func ranks<Key: Hashable & Comparable>(_ key: KeyPath<MetricRow, Key>) -> [Int] {
            let distinct = Array(Set(rows.lazy.map { $0[keyPath: key] })).sorted()
            var rank: [Key: Int] = [:]
            rank.reserveCapacity(distinct.count)
            for (i, s) in distinct.enumerated() { rank[s] = i }
            return rows.map { rank[$0[keyPath: key]] ?? 0 }
        }
        let v = ranks(\.village), p = ranks(\.period), m = ranks(\.metric)
        let order = rows.indices.sorted { a, b in
            if v[a] != v[b] { return v[a] < v[b] }
            if p[a] != p[b] { return p[a] < p[b] }
            if m[a] != m[b] { return m[a] < m[b] }
            return a < b
        }
        return order.map { rows[$0] }
    }

    public static func tidyOrder(_ a: MetricRow, _ b: MetricRow) -> Bool {
        if a.village != b.village { return a.village < b.village }
        if a.period != b.period { return a.period < b.period }
        return a.metric < b.metric
    }
}
