import NoaberModel

/// What each stable metric name means to a person: its Dutch and English label and its unit.
///
/// Names with a category (`theme:loneliness`, `completeness_pct:received`) are labelled from
/// their metric's category label plus the category's own label, so a new code never needs a
/// catalogue change. The labels themselves live with `Metric`.
public enum MetricCatalog {
    public enum Unit: String, Sendable {
        case count, per1000, percent, days, hours, euros, ratio, share, index
        /// A calendar year (a price level): written without a thousands separator.
        case year
        /// A data-quality finding's severity: 1 info, 2 warning, 3 error (`FindingSeverity`).
        case severity
    }

    public struct Entry: Sendable {
        public let nl: String
        public let en: String
        public let unit: Unit

        public func label(_ language: Language) -> String { language == .nl ? nl : en }
    }

    /// The entry for a metric: its own label, or for a categorised one the metric's category
    /// label followed by the category's ("thema: eenzaamheid").
    public static func entry(_ id: MetricID) -> Entry {
        guard let category = id.category, let prefix = id.metric.categoryEntry else { return id.metric.plainEntry }
        let (nl, en) = categoryLabels(id.metric, code: category)
        return Entry(nl: "\(prefix.nl): \(nl)", en: "\(prefix.en): \(en)", unit: prefix.unit)
    }

    /// The entry for a plain metric.
    public static func entry(_ metric: Metric) -> Entry { metric.plainEntry }

    /// Reading order for tables: families together, headline figures first (the order of
    /// `Metric`'s cases). Category rows (`theme:*`) follow their metric's position; the effect
    /// rows share the last place.
    public static func order(_ id: MetricID) -> Int {
        isEffect(id.metric) ? effectOrder : readingOrder[id.metric] ?? effectOrder
    }

    private static func isEffect(_ metric: Metric) -> Bool {
        switch metric {
        case .attOverall, .attEvent, .attGroup, .pretrendP, .pretrendEventP, .itsLevelChange, .itsSlopeChange: return true
        default: return false
        }
    }

    private static let effectOrder = Metric.allCases.firstIndex(of: .attOverall) ?? Metric.allCases.count

    private static let readingOrder: [Metric: Int] = Dictionary(uniqueKeysWithValues: Metric.allCases.enumerated().map { ($1, $0) })

    private static func categoryLabels(_ metric: Metric, code: String) -> (String, String) {
        switch metric {
        case .theme, .themePct:
            if let t = Theme(rawValue: code) { return (t.dutchLabel, t.englishLabel) }
        case .source, .sourcePct:
            if let s = Source(rawValue: code) { return (s.dutchLabel, s.englishLabel) }
        case .avoidedCostEur:
            if let r = Risk(rawValue: code) { return (r.dutchLabel, r.englishLabel) }
        case .funnel95, .funnel998, .funnelPosition, .funnelPhi, .funnelTau2, .funnelWidened, .finding:
            guard let inner = MetricID(name: code) else { break }
            let entry = entry(inner)
            return (entry.nl, entry.en)
        case .outlierModifiedZ:
            if code == "cases" { return ("hulpvragen per maand", "cases per month") }
        default: break
        }
        return (code, code)
    }
}
