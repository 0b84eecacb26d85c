import NoaberModel

/// How villages are pooled into the groups that metrics are reported for.
public enum Grouping: String, Sendable, CaseIterable, Codable {
    /// One group per village; the row's `village` is the village code.
    case village
    /// One group per municipality; the row's `village` is the municipality name.
    case municipality
    /// Everything pooled; the row's `village` is `all`.
    case all
}

/// A set of villages reported together. Inhabitant counts of pooled groups are sums; a
/// population fact that any member lacks is unknown (nil) for the group, because a partial sum
/// would understate the denominator and overstate the rate.
public struct MetricGroup: Hashable, Sendable {
    /// The row key: village code, municipality name or `all`.
    public let key: String
    public let villages: [Village]

    public init(key: String, villages: [Village]) {
        self.key = key
        self.villages = villages
    }

    public var villageCodes: Set<String> { Set(villages.map(\.code)) }
    public var inhabitants: Int { villages.reduce(0) { $0 + $1.inhabitants } }

    public var inhabitants75Plus: Int? { sumIfAllKnown(\.inhabitants75Plus) }

    public var paidHoursPerWeek: Double? { sumIfAllKnown(\.paidHoursPerWeek) }

    public var costPerYearEUR: Double? { sumIfAllKnown(\.costPerYearEUR) }

    private func sumIfAllKnown<T: AdditiveArithmetic>(_ key: KeyPath<Village, T?>) -> T? {
        var total = T.zero
        for v in villages {
            guard let x = v[keyPath: key] else { return nil }
            total += x
        }
        return villages.isEmpty ? nil : total
    }

    /// The groups a grouping forms over `villages`, sorted by key.
    public static func groups(_ grouping: Grouping, villages: [Village]) -> [MetricGroup] {
        switch grouping {
        case .village:
            return villages.sorted { $0.code < $1.code }.map { MetricGroup(key: $0.code, villages: [$0]) }
        case .municipality:
            let byMunicipality = Dictionary(grouping: villages, by: \.municipality)
            return byMunicipality.keys.sorted().map { m in
                MetricGroup(key: m, villages: (byMunicipality[m] ?? []).sorted { $0.code < $1.code })
            }
        case .all:
            return [MetricGroup(key: "all", villages: villages.sorted { $0.code < $1.code })]
        }
    }
}
