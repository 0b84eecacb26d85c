import NoaberCSV
import NoaberMetrics
import NoaberModel

/// Writes report tables as CSV: the tidy long form and the readable wide tables.
///
/// Numbers stay numbers (the dialect decides `.` or `,`); a suppressed cell reads `<k` in a wide
/// table, and in the tidy form has an empty value and bounds with `suppressed` = true. Text
/// cells pass through `CSVWriter`, which neutralises anything a spreadsheet would run as a formula.
public enum TableCSV {
    /// The tidy header: the contract of `noaber metrics --format csv`.
    public static let tidyHeader = ["village", "period", "metric", "value", "lower", "upper", "n", "suppressed"]

    /// Tidy rows `village,period,metric,value,lower,upper,n,suppressed`: codes, never labels, so
    /// the bytes do not depend on the report's language; numbers rounded by ``TidyNumber`` (12
    /// significant digits) and written in their shortest form; missing or infinite bounds empty; a
    /// suppressed row with an empty value and bounds and `true`.
    /// - Complexity: O(rows).
    public static func tidy(_ rows: [MetricRow], dialect: CSVDialect, to sink: ByteSink) throws {
        var writer = try CSVWriter(sink: sink, dialect: dialect)
        try writer.writeRow(tidyHeader)
        var cells: [CSVCell] = []
        cells.reserveCapacity(8)
        for row in rows {
            let r = TidyNumber.tidy(row)
            cells.removeAll(keepingCapacity: true)
            cells.append(.text(r.village))
            cells.append(.text(r.period))
            cells.append(.text(r.metric))
            for x in [r.value, r.lower, r.upper] {
                cells.append(x.map { CSVCell.number($0, fractionDigits: nil) } ?? .empty)
            }
            cells.append(r.n.map { CSVCell.integer($0) } ?? .empty)
            cells.append(.text(r.suppressed ? "true" : "false"))
            try writer.writeRow(cells)
        }
    }

    /// A readable wide table, as people open it in a spreadsheet: one header row of the column
    /// titles in `language` (an estimate column adds "… – ondergrens" / "… – lower bound" and
    /// "… – bovengrens" / "… – upper bound"), then the rows. `minimumCell` is the k written as `<k`
    /// for suppressed cells. Programs read the tidy `metrics.csv` instead.
    public static func wide(_ table: ReportTable, minimumCell: Int, language: Language, dialect: CSVDialect, to sink: ByteSink) throws {
        var writer = try CSVWriter(sink: sink, dialect: dialect)
        try writer.writeRow(header(table.columns, language: language))
        let hidden = "<\(minimumCell)"
        for row in table.rows {
            var cells: [CSVCell] = []
            for (i, cell) in row.enumerated() {
                let estimate = i < table.columns.count && table.columns[i].isEstimate
                func number(_ x: Double?, _ d: Int) -> CSVCell {
                    guard let x, x.isFinite else { return .empty }
                    return .number(x, fractionDigits: d)
                }
                switch cell {
                case .text(let s):
                    cells.append(.text(s))
                    if estimate { cells += [.empty, .empty] }
                case .textIn(let text, _, let prefix):
                    cells.append(.text(prefix + text))
                    if estimate { cells += [.empty, .empty] }
                case .number(let x, let d):
                    cells.append(number(x, d))
                    if estimate { cells += [.empty, .empty] }
                case .estimate(let x, let lo, let hi, let d):
                    cells.append(number(x, d))
                    if estimate { cells += [number(lo, d), number(hi, d)] }
                case .suppressed:
                    cells.append(.text(hidden))
                    if estimate { cells += [.text(hidden), .text(hidden)] }
                }
            }
            try writer.writeRow(cells)
        }
    }

    /// The header row of a readable table: titles, bounds named in words, each name once (a title
    /// given twice gets " (2)", an empty one the column's machine name).
    static func header(_ columns: [TableColumn], language: Language) -> [String] {
        let (lower, upper) = language == .nl ? (" – ondergrens", " – bovengrens") : (" – lower bound", " – upper bound")
        var names: [String] = []
        for c in columns {
            let title = c.title.isEmpty ? c.csvName : c.title
            names.append(title)
            if c.isEstimate { names += [title + lower, title + upper] }
        }
        var seen: [String: Int] = [:]
        return names.map { name in
            seen[name, default: 0] += 1
            let count = seen[name] ?? 1
            return count == 1 ? name : "\(name) (\(count))"
        }
    }
}
