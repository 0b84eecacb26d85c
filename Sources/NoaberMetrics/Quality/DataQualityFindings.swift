import NoaberModel

/// How serious a data-quality finding is, for the to-do list a village gets back.
///
/// In tidy output a finding is a row `finding:<metric>` beside the row it is about (same village
/// and period), with value = the level's number: 1 info, 2 warning, 3 error. A row without a
/// finding has no `finding:` row.
public enum FindingSeverity: Int, Sendable, Hashable, CaseIterable, Comparable {
    /// Worth knowing; figures are not affected much.
    case info = 1
    /// Check and fix: figures may be off.
    case warning = 2
    /// Wrong data: figures that use it are not to be trusted until fixed.
    case error = 3

    public static func < (a: FindingSeverity, b: FindingSeverity) -> Bool { a.rawValue < b.rawValue }

    public func label(_ language: Language) -> String {
        switch self {
        case .info: "info"
        case .warning: language == .nl ? "waarschuwing" : "warning"
        case .error: language == .nl ? "fout" : "error"
        }
    }
}

/// The severity rules: which data-quality rows are findings, and how serious (docs in
/// `QualityMetrics`; the onderzoek report's methods repeat them).
///
/// | row | finding when | severity |
/// |---|---|---|
/// | `dates_out_of_order`, `dates_in_future` | > 0 | error |
/// | `rejected_pct` | > 0 / ≥ 5 / ≥ 20 | info / warning / error |
/// | `duplicate_cases`, `cases_vanished` | > 0 | warning |
/// | `completeness_pct:` age_band, source, channel, themes, support_minutes | < 90 / < 50 | info / warning |
/// | `outlier_modified_z:cases` (per flagged month) | always | warning |
/// | `export_days_late` | > 0 / > one export period | warning / error |
/// | `exports_received` | < `exports_expected` | info |
///
/// Completeness of `person_id`, `first_contact`, `closed` and `resolution` is no finding: an
/// anonymous or still open case leaves them empty by right.
public enum DataQualityFindings {
    /// The fields whose completeness is judged.
    public static let judgedFields: Set<String> = ["age_band", "source", "channel", "themes", "support_minutes"]

    /// The severity of one data-quality row, nil when it is no finding. `exportEvery` sets how
    /// late an export may be before it is an error.
    public static func severity(of row: MetricRow, expectedExports: Double? = nil,
                                exportEvery: Period.Unit = .quarter) -> FindingSeverity? {
        guard let v = row.value else { return nil }
        switch row.metric {
        case "dates_out_of_order", "dates_in_future": return v > 0 ? .error : nil
        case "duplicate_cases", "cases_vanished": return v > 0 ? .warning : nil
        case "rejected_pct": return v >= 20 ? .error : v >= 5 ? .warning : v > 0 ? .info : nil
        case MonthlyOutliers.metric: return .warning
        case "export_days_late":
            let period: Double = exportEvery == .month ? 31 : exportEvery == .quarter ? 92 : 366
            return v > period ? .error : v > 0 ? .warning : nil
        case "exports_received": return expectedExports.map { v < $0 ? .info : nil } ?? nil
        default:
            let prefix = "completeness_pct:"
            guard row.metric.hasPrefix(prefix), judgedFields.contains(String(row.metric.dropFirst(prefix.count))) else { return nil }
            return v < 50 ? .warning : v < 90 ? .info : nil
        }
    }

    /// The `finding:<metric>` rows for one village's data-quality rows (same village and period;
    /// value = severity, no interval, no n).
    static func rows(for rows: [MetricRow], exportEvery: Period.Unit) -> [MetricRow] {
        let expected = rows.first { $0.metric == "exports_expected" }?.value
        return rows.compactMap { r in
            severity(of: r, expectedExports: expected, exportEvery: exportEvery).map {
                MetricRow(village: r.village, period: r.period, metric: prefix + r.metric, value: Double($0.rawValue))
            }
        }
    }

    /// The metric prefix of finding rows.
    public static let prefix = "finding:"
}
