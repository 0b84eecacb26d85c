/// One value to write, typed so that the writer can format numbers for the dialect and
/// neutralise only text (a negative number is a number, not a formula).
public enum CSVCell: Sendable, Hashable {
    /// Free text; quoted when needed and neutralised when a spreadsheet would run it as a formula.
    case text(String)
    case integer(Int)
    /// A number with a fixed count of fraction digits, or the shortest form that reads back
    /// exactly (never in exponent notation) when `fractionDigits` is nil. NaN and infinity
    /// are written as an empty cell: no spreadsheet reads them the same way.
    case number(Double, fractionDigits: Int?)
    /// An empty cell (a missing value).
    case empty
}
