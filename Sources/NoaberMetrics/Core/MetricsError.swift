/// The one error type of the metrics layer; each case carries what the user needs to fix it.
///
/// Messages may quote a period or parameter text (the user typed it) but never a value from an
/// identifier column.
public enum MetricsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A period that does not parse; `input` is what the user gave.
    case invalidPeriod(input: String, reason: String)
    /// An escalation parameter file that is malformed or inconsistent (e.g. low > high).
    case invalidParameters(reason: String)
    /// An option out of range (draws ≤ 0, min-cell < 1, …).
    case invalidOption(name: String, reason: String)
    /// A price-index file (Datasets/parameters/cpi-cbs.csv or the user's own) that does not parse:
    /// the file's name, the 1-based line, the column and what is wrong there.
    case invalidPriceIndex(file: String, line: Int, field: String, reason: String)
    /// A year before the first year of the price index: nothing to index from or to.
    case yearBeforePriceIndex(year: Int, firstYear: Int)

    public var description: String {
        switch self {
        case let .invalidPeriod(input, reason):
            "invalid period '\(input)': \(reason) (expected 2024, 2024Q3, 2024-05 or 2024-01-01..2024-06-30)"
        case let .invalidParameters(reason):
            "invalid escalation parameters: \(reason)"
        case let .invalidOption(name, reason):
            "invalid option \(name): \(reason)"
        case let .invalidPriceIndex(file, line, field, reason):
            "invalid price index \(file), line \(line), \(field): \(reason)"
        case let .yearBeforePriceIndex(year, firstYear):
            "no price index for \(year): the series starts in \(firstYear)"
        }
    }
}
