import NoaberModel

/// What one column's values look like, counted over its distinct values and their counts: the
/// evidence `ProfileDraft` weighs beside the header.
struct ColumnFeatures {
    var nonEmpty = 0
    /// The non-empty values the shares below are taken over: all of them, or, when the column has
    /// more than `DraftTable.Column.maximumDistinct` distinct values (file numbers and dates of a
    /// large export), those of the distinct values kept. Dividing the kept values' counts by every
    /// non-empty value instead made a 200,000-row export's case ids and dates look like nothing.
    var sampled = 0
    var distinct = 0
    var fill = 0.0
    /// Distinct values per non-empty value: 1 for a column of unique file numbers.
    var distinctRatio = 0.0
    var meanLength = 0.0
    var meanWords = 0.0
    /// Fractions of the non-empty values.
    var date = 0.0, number = 0.0, integer = 0.0, idShaped = 0.0, boolean = 0.0, identifier = 0.0
    /// Values only a day-first or only a month-first reading accepts; ISO dates; Excel serials;
    /// dates with a time of day.
    var dayFirst = 0, monthFirst = 0, iso = 0, serial = 0, withTime = 0
    /// Numbers written with a decimal comma or a decimal point.
    var commaDecimals = 0, pointDecimals = 0
    var minimum = Double.infinity, maximum = -Double.infinity, median = 0.0
    /// The fraction of values written on a clock (`1:30`, `01:30:00`), and the median of those
    /// values in minutes: a time spent is short (`0:45`), a time of day is not (`14:30`).
    var clock = 0.0, clockMedianMinutes = 0.0
    /// The fraction of values that are a number with a unit of time (`45 min`, `1,5 uur`).
    var withTimeUnit = 0.0
    /// The fraction of values that are an age 0–120 with its unit (`82 jaar`).
    var agesWithUnit = 0.0
    /// What the identifier-looking values looked like, most frequent first.
    var identifierKinds: [IdentifierDetector.Kind] = []
    /// The separator that most of the values with several parts use (`,` `;` `|` `/` `+`), if any.
    var separator: String?
    /// Distinct parts once the values are split at `separator` (distinct values without one): a
    /// column of up to three of twelve themes has 1,464 ordered combinations but 12 labels.
    var distinctParts = 0

    static let separators = [",", ";", "|", "/", "+"]

    init(_ column: DraftTable.Column, rows: Int, delimiter: UInt8?, isKnownLabel: (String) -> Bool) {
        nonEmpty = column.nonEmpty
        distinct = column.distinct
        guard nonEmpty > 0 else { return }
        fill = rows == 0 ? 0 : Double(nonEmpty) / Double(rows)
        sampled = column.overflow ? column.counts.values.reduce(0, +) : nonEmpty
        distinctRatio = Double(distinct) / Double(sampled)
        meanLength = column.meanLength
        meanWords = column.meanWords
        let dmy = DateParser(order: .dayMonthYear, allowsExcelSerial: false)
        let mdy = DateParser(order: .monthDayYear, allowsExcelSerial: false)
        let numbers = NumberParser(separator: .auto)
        var dates = 0, nums = 0, ints = 0, ids = 0, bools = 0, idents = 0
        var values: [(Double, Int)] = []
        var clockValues: [(Double, Int)] = []
        var timeUnits = 0, ageUnits = 0
        let ages = AgeParser(numbers: numbers)
        let durations = DurationParser(numbers: numbers, unit: .minutes)
        var kinds: [IdentifierDetector.Kind: Int] = [:]
        var separatorCounts: [String: Int] = [:]
        let delimiterText = delimiter.map { String(UnicodeScalar($0)) }
        for (value, count) in column.counts {
            if DraftTable.looksLikeISODate(value) {
                dates += count
                iso += count
                if value.count > 10 { withTime += count }
            } else {
                let a = Self.isDate(dmy.parse(value)), b = Self.isDate(mdy.parse(value))
                if a.date || b.date {
                    dates += count
                    if a.date && !b.date { dayFirst += count }
                    if b.date && !a.date { monthFirst += count }
                    if a.time || b.time { withTime += count }
                }
            }
            if case .success(let n?) = numbers.parseDecimal(value) {
                nums += count
                if n == n.rounded() && !value.contains(",") && !value.contains(".") { ints += count }
                if value.contains(",") && !value.contains(".") && n != n.rounded() { commaDecimals += count }
                if value.contains(".") && !value.contains(",") && n != n.rounded() { pointDecimals += count }
                // Excel serial day numbers of 1990–2050 (a date cell exported as a number).
                if n >= 32_874, n <= 55_153, value.count >= 5, !value.contains(",") { serial += count }
                values.append((n, count))
            }
            if value.contains(":"), let minutes = ByteText.withBytes(value, { DurationParser.clockMinutes(ByteText.trimmed($0)) }) {
                clockValues.append((minutes, count))
            }
            if let last = value.unicodeScalars.last, last.properties.isAlphabetic,
               ByteText.withBytes(value, { DurationParser.unitSuffix(ByteText.trimmed($0)) }) != nil,
               case .success(_?) = durations.parse(value) {
                timeUnits += count
            }
            if let last = value.unicodeScalars.last, last.properties.isAlphabetic,
               ByteText.withBytes(value, { AgeParser.unitSuffix(ByteText.trimmed($0)) }) != nil,
               case .success(let age?) = ages.parse(value), (0...120).contains(age) {
                ageUnits += count
            }
            if CaseIDRule.problem(value) == nil { ids += count }
            if case .success = BooleanParser.parse(value) { bools += count }
            else if DraftLexicon.yes.contains(Folded.key(value)) || DraftLexicon.no.contains(Folded.key(value)) { bools += count }
            if let kind = IdentifierDetector.text.firstMatch(in: value) ?? IdentifierDetector.token.firstMatch(in: value),
               !isKnownLabel(value) {
                idents += count
                kinds[kind, default: 0] += count
            }
            for s in Self.separators where s != delimiterText && value.contains(s) { separatorCounts[s, default: 0] += count }
        }
        let n = Double(sampled)
        date = Double(dates) / n
        number = Double(nums) / n
        integer = Double(ints) / n
        idShaped = Double(ids) / n
        boolean = Double(bools) / n
        identifier = Double(idents) / n
        identifierKinds = kinds.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.rawValue < $1.key.rawValue }.map(\.key)
        separator = separatorCounts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
        if let separator {
            var parts = Set<String>()
            for value in column.counts.keys {
                for part in value.components(separatedBy: separator) {
                    let trimmed = part.trimmingCharacters(in: .whitespaces)
                    if !trimmed.isEmpty { parts.insert(trimmed) }
                }
            }
            distinctParts = parts.count
        } else {
            distinctParts = distinct
        }
        if !values.isEmpty {
            values.sort { $0.0 < $1.0 }
            minimum = values.first?.0 ?? 0
            maximum = values.last?.0 ?? 0
            median = Self.median(values)
        }
        withTimeUnit = Double(timeUnits) / n
        agesWithUnit = Double(ageUnits) / n
        if !clockValues.isEmpty {
            clock = Double(clockValues.reduce(0) { $0 + $1.1 }) / n
            clockMedianMinutes = Self.median(clockValues.sorted { $0.0 < $1.0 })
        }
    }

    /// The median of sorted (value, count) pairs.
    private static func median(_ sorted: [(Double, Int)]) -> Double {
        let half = sorted.reduce(0) { $0 + $1.1 } / 2
        var seen = 0
        for (v, c) in sorted {
            seen += c
            if seen > half { return v }
        }
        return sorted.last?.0 ?? 0
    }

    /// Times spent on a clock: at least 90% clock values with a median of at most `limit` minutes.
    func isClockDuration(upTo limit: Double) -> Bool { clock >= 0.9 && clockMedianMinutes <= limit }

    /// Times spent written with their unit (`45 min`, `1,5 uur`), as the importer reads them.
    var isDurationWithUnit: Bool { withTimeUnit >= 0.9 }

    private static func isDate(_ result: Result<Moment?, ValueProblem>) -> (date: Bool, time: Bool) {
        if case .success(let m?) = result { return (true, m.minuteOfDay != nil) }
        return (false, false)
    }

    /// Free text: long values, or several words, mostly different from each other.
    var isFreeText: Bool {
        nonEmpty > 0 && number < 0.5 && date < 0.5 && (meanLength >= 40 || (meanWords >= 4 && distinctRatio >= 0.5))
    }

    /// A column of dates (not only of Excel serials, which a column of numbers can look like).
    var isDates: Bool { date >= 0.9 }
    var isSerialDates: Bool { number >= 0.9 && Double(serial) >= 0.9 * Double(sampled) }
}
