import NoaberCSV
import NoaberMetrics

/// Writes report tables as CSV: the tidy long form and the readable wide tables.
///
/// Numbers stay numbers (the dialect decides `.` or `,`); a suppressed cell reads `<k` in a wide
/// table, and in the tidy form has an empty value with `suppressed` = true. Text cells pass
/// through `CSVWriter`, which neutralises anything a spreadsheet would run as a formula.
public enum TableCSV {
    /// The tidy header: the contract of `noaber metrics --format csv`.
    public static let tidyHeader = ["village", "period", "metric", "value", "lower", "upper", "n", "suppressed"]

    /// Tidy rows `village,period,metric,value,lower,upper,n,suppressed`; numbers in their shortest
    /// exact form, missing or infinite bounds empty.
    /// - Complexity: O(rows).
    public static func tidy(_ rows: [MetricRow], dialect: CSVDialect, to sink: ByteSink) throws {
        var writer = try CSVWriter(sink: sink, dialect: dialect)
        try writer.writeRow(tidyHeader)
        var cells: [CSVCell] = []
        cells.reserveCapacity(8)
        for r in rows {
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

    /// A wide table: one header row (estimate columns as `x`, `x_lower`, `x_upper`), then the rows.
    /// `minimumCell` is the k written as `<k` for suppressed cells.
    public static func wide(_ table: ReportTable, minimumCell: Int, dialect: CSVDialect, to sink: ByteSink) throws {
        var writer = try CSVWriter(sink: sink, dialect: dialect)
        var header: [String] = []
        for c in table.columns {
            header.append(c.csvName)
            if c.isEstimate { header += [c.csvName + "_lower", c.csvName + "_upper"] }
        }
        try writer.writeRow(header)
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
                case .text(let s), .textIn(let s, _):
                    cells.append(.text(s))
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
}
