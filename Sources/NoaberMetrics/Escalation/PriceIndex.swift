/// A yearly consumer price index, for bringing a cost from its price year to a report year:
/// the unit costs of the escalation model are at price level 2022 (Kostenhandleiding), a
/// raadsbrief about 2025 wants 2025 euros.
///
///     let cpi = PriceIndex.cbs                              // CBS 83131NED, 2015 = 100
///     let f = try cpi.factor(from: 2022, to: 2024)          // 130.31 / 121.43 = 1.0731…
///     f.factor * 290                                        // a nursing-home day in 2024 euros
///
/// The file format (Datasets/parameters/cpi-cbs.csv, documented in cpi-cbs.md next to it) is a
/// header line `year,cpi_2015_100` and one line per year, ascending without gaps, the index with a
/// decimal point: `2022,121.43`. Blank lines are ignored, a UTF-8 byte-order mark and CRLF line
/// ends are accepted, spaces around a field are trimmed.
public struct PriceIndex: Hashable, Sendable {
    /// The first year of the series.
    public let firstYear: Int
    /// The index per year: `values[i]` is the year `firstYear + i`. Never empty; every value > 0.
    public let values: [Double]

    /// Only for values known to be valid (the parser and the bundled reference).
    init(firstYear: Int, values: [Double]) {
        self.firstYear = firstYear
        self.values = values
    }

    /// The last year of the series.
    public var lastYear: Int { firstYear + values.count - 1 }

    /// The index of `year`, or nil outside the series.
    public func value(inYear year: Int) -> Double? {
        guard year >= firstYear, year <= lastYear else { return nil }
        return values[year - firstYear]
    }

    /// The factor CPI[reportYear] / CPI[priceYear] that turns a cost at `priceYear` prices into
    /// `reportYear` prices.
    ///
    /// A year after the series (the current year, whose average CBS publishes only in January of
    /// the next) is not extrapolated: the latest year stands in for it, and the result says so
    /// (`usesLatestYear`, `reportYearUsed`, `priceYearUsed`) so that a report can write "at 2025
    /// prices (the latest CBS year)" instead of pretending. A year before the series throws
    /// `MetricsError.yearBeforePriceIndex`.
    public func factor(from priceYear: Int, to reportYear: Int) throws(MetricsError) -> Indexation {
        for year in [priceYear, reportYear] where year < firstYear {
            throw .yearBeforePriceIndex(year: year, firstYear: firstYear)
        }
        let fromYear = min(priceYear, lastYear), toYear = min(reportYear, lastYear)
        return Indexation(factor: values[toYear - firstYear] / values[fromYear - firstYear],
                          priceYear: priceYear, reportYear: reportYear,
                          priceYearUsed: fromYear, reportYearUsed: toYear)
    }

    /// Parses a price-index file. `file` names it in errors (a path or a file name).
    ///
    /// Throws `.invalidPriceIndex` with the 1-based line and the column for a wrong header, a line
    /// without exactly two fields, a year that is not four digits or does not follow the previous
    /// year by one, an index that is not a plain positive decimal (`121.43`; no comma, sign or
    /// exponent), or a file without data lines.
    ///
    /// - Complexity: O(bytes).
    public static func parse(csv bytes: [UInt8], file: String) throws(MetricsError) -> PriceIndex {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var firstYear: Int? = nil
        var values: [Double] = []
        var sawHeader = false
        var lineNumber = 0, lastContentLine = 1
        for rawLine in body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            let fields = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(trimmed)
            if fields.count == 1 && fields[0].isEmpty { continue }
            lastContentLine = lineNumber
            func fail(_ field: String, _ reason: String) -> MetricsError {
                .invalidPriceIndex(file: file, line: lineNumber, field: field, reason: reason)
            }
            if !sawHeader {
                guard fields.count == 2, Array(fields[0]) == Array("year".utf8),
                      Array(fields[1]) == Array("cpi_2015_100".utf8) else {
                    throw fail("header", "expected the header 'year,cpi_2015_100'")
                }
                sawHeader = true
                continue
            }
            guard fields.count == 2 else {
                throw fail("line", "expected 2 fields (year,cpi_2015_100), found \(fields.count)")
            }
            guard let year = fourDigitYear(fields[0]) else {
                throw fail("year", "'\(printable(fields[0]))' is not a four-digit year")
            }
            if let first = firstYear {
                let expected = first + values.count
                guard year == expected else {
                    throw fail("year", "\(year) where \(expected) was expected: years must ascend by one, without gaps")
                }
            } else {
                firstYear = year
            }
            guard let value = positiveDecimal(fields[1]) else {
                throw fail("cpi_2015_100", "'\(printable(fields[1]))' is not a positive number with a decimal point (as 121.43)")
            }
            values.append(value)
        }
        guard let firstYear, !values.isEmpty else {
            throw .invalidPriceIndex(file: file, line: lastContentLine, field: sawHeader ? "year" : "header",
                                     reason: sawHeader ? "no data lines after the header" : "the file is empty")
        }
        return PriceIndex(firstYear: firstYear, values: values)
    }

    private static func trimmed(_ field: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var f = field
        while let c = f.first, c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") { f = f.dropFirst() }
        while let c = f.last, c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") { f = f.dropLast() }
        return f
    }

    private static func fourDigitYear(_ field: ArraySlice<UInt8>) -> Int? {
        guard field.count == 4, field.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              field.first != UInt8(ascii: "0") else { return nil }
        return field.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// Digits, optionally a point and more digits; converted by the standard library's correctly
    /// rounded parser once the shape is checked.
    private static func positiveDecimal(_ field: ArraySlice<UInt8>) -> Double? {
        var digits = 0, points = 0
        for c in field {
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") { digits += 1 }
            else if c == UInt8(ascii: ".") { points += 1 }
            else { return nil }
        }
        guard digits > 0, points <= 1, field.first != UInt8(ascii: "."), field.last != UInt8(ascii: "."),
              field.count <= 32, let value = Double(String(decoding: field, as: UTF8.self)),
              value > 0, value.isFinite else { return nil }
        return value
    }

    /// A field for an error message: at most 40 characters, bytes that are not printable ASCII as `?`.
    private static func printable(_ field: ArraySlice<UInt8>) -> String {
        let shown = field.prefix(40).map { $0 >= 0x20 && $0 < 0x7F ? Character(UnicodeScalar($0)) : "?" }
        return String(shown) + (field.count > 40 ? "…" : "")
    }
}

/// The result of `PriceIndex.factor(from:to:)`: the factor and the years it really used.
public struct Indexation: Hashable, Sendable {
    /// CPI[reportYearUsed] / CPI[priceYearUsed].
    public let factor: Double
    /// The years asked for.
    public let priceYear: Int
    public let reportYear: Int
    /// The years whose index was used: the same, or the latest year of the series for a later one.
    public let priceYearUsed: Int
    public let reportYearUsed: Int

    /// Whether a year beyond the series was replaced by the latest year (no extrapolation).
    public var usesLatestYear: Bool { priceYearUsed != priceYear || reportYearUsed != reportYear }
}
