import NoaberMetrics
import NoaberModel

/// One cell of a readable (wide) table, typed so that HTML and CSV can each write it their way:
/// HTML formats numbers for the reader, CSV keeps them numbers.
public enum TableCell: Sendable, Hashable {
    /// Text; escaped in HTML, neutralised in CSV when it would run as a formula.
    case text(String)
    /// Text in another language than the report's (English source notes in a Dutch report): HTML
    /// marks it with `lang` so that a screen reader pronounces it right (WCAG 3.1.2). `prefix` is
    /// written before it in the report's own language (a Dutch "Aanname: " before an English
    /// note); CSV writes `prefix + text`.
    case textIn(String, language: String, prefix: String = "")
    /// A number with this many decimals; nil is "not available" (an en dash in HTML, empty in CSV).
    case number(Double?, digits: Int)
    /// An estimate with its interval; CSV writes it as three columns (value, lower, upper).
    case estimate(Double?, lower: Double?, upper: Double?, digits: Int)
    /// Hidden by disclosure control: `<k` everywhere, never zero.
    case suppressed

    /// The cell for a metric row: suppressed when disclosure control hid it, else the number
    /// (with its interval when `interval` is true).
    static func from(_ row: MetricRow?, digits: Int, interval: Bool = false) -> TableCell {
        guard let row else { return interval ? .estimate(nil, lower: nil, upper: nil, digits: digits) : .number(nil, digits: digits) }
        if row.suppressed { return .suppressed }
        if interval { return .estimate(row.value, lower: row.lower, upper: row.upper, digits: digits) }
        return .number(row.value, digits: digits)
    }
}

/// A column of a `ReportTable`.
public struct TableColumn: Sendable, Hashable {
    /// The heading people read, in the report's language: in HTML and as the CSV header.
    public var title: String
    /// A stable machine name (`reach_per_1000`), for code and tests that look a column up. No file
    /// carries it: readable tables are for people, and programs read the tidy `metrics.csv`.
    public var csvName: String
    /// Estimate columns hold `.estimate` cells and take three CSV columns.
    public var isEstimate: Bool

    public init(_ title: String, csv: String, estimate: Bool = false) {
        self.title = title
        self.csvName = csv
        self.isEstimate = estimate
    }
}

/// A readable table: shown in HTML next to its chart (or on its own) and written as a wide CSV
/// file `tables/<name>.csv`.
public struct ReportTable: Sendable, Hashable {
    /// File stem of the CSV and id of the HTML table: ASCII letters, digits and '-'.
    public var name: String
    public var caption: String
    public var columns: [TableColumn]
    /// Each row has one cell per column; the first column is the row heading.
    public var rows: [[TableCell]]

    public init(name: String, caption: String, columns: [TableColumn], rows: [[TableCell]]) {
        self.name = name
        self.caption = caption
        self.columns = columns
        self.rows = rows
    }
}
