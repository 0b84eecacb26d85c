import NoaberModel

/// A reporting period: an inclusive range of calendar days with a label for the tidy rows.
///
///     try Period(parsing: "2024Q3")          // 2024-07-01 … 2024-09-30, label "2024Q3"
///     try Period(parsing: "2024-02")         // 2024-02-01 … 2024-02-29 (a leap year)
///     try Period(parsing: "2024-01-01..2024-06-30").split(every: .quarter).map(\.label)
///                                             // ["2024Q1", "2024Q2"]
///
/// Labels are canonical for whole calendar units (`2024`, `2024Q3`, `2024-05`) and
/// `start..end` otherwise, so a period round-trips through its label.
public struct Period: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let start: CivilDate
    public let end: CivilDate
    public let label: String

    /// The calendar units `--every` splits by.
    public enum Unit: String, Sendable, CaseIterable, Codable {
        case month, quarter, year
    }

    /// A period from `start` through `end` inclusive; throws when `end` precedes `start`.
    public init(start: CivilDate, end: CivilDate) throws(MetricsError) {
        guard start <= end else {
            throw .invalidPeriod(input: start.iso + ".." + end.iso, reason: "the end is before the start")
        }
        self.start = start
        self.end = end
        self.label = Period.canonicalLabel(start: start, end: end)
    }

    /// Parses `2024`, `2024Q3` (or `2024q3`), `2024-05`, or `2024-01-01..2024-06-30`.
    public init(parsing text: String) throws(MetricsError) {
        let t = text.trimmingSpaces
        let u = Array(t.utf8)
        func fail(_ reason: String) -> MetricsError { .invalidPeriod(input: text, reason: reason) }
        if let dots = t.firstRange(of: "..") {
            let a = t[t.startIndex..<dots.lowerBound], b = t[dots.upperBound...]
            guard let s = CivilDate(iso: a) else { throw fail("the start is not a valid yyyy-mm-dd date") }
            guard let e = CivilDate(iso: b) else { throw fail("the end is not a valid yyyy-mm-dd date") }
            guard s <= e else { throw fail("the end is before the start") }
            self.start = s
            self.end = e
        } else if u.count == 4, let y = Period.number(u, 0, 4) {
            guard let s = CivilDate(year: y, month: 1, day: 1), let e = CivilDate(year: y, month: 12, day: 31)
            else { throw fail("year out of range") }
            self.start = s
            self.end = e
        } else if u.count == 6, u[4] == UInt8(ascii: "Q") || u[4] == UInt8(ascii: "q"),
                  let y = Period.number(u, 0, 4), let q = Period.number(u, 5, 1) {
            guard (1...4).contains(q) else { throw fail("the quarter must be 1 to 4") }
            guard let s = CivilDate(year: y, month: 3 * q - 2, day: 1),
                  let e = CivilDate(year: y, month: 3 * q, day: CivilDate.daysIn(month: 3 * q, year: y))
            else { throw fail("year out of range") }
            self.start = s
            self.end = e
        } else if u.count == 7, u[4] == UInt8(ascii: "-"), let y = Period.number(u, 0, 4),
                  let m = Period.number(u, 5, 2) {
            guard (1...12).contains(m) else { throw fail("the month must be 01 to 12") }
            guard let s = CivilDate(year: y, month: m, day: 1),
                  let e = CivilDate(year: y, month: m, day: CivilDate.daysIn(month: m, year: y))
            else { throw fail("year out of range") }
            self.start = s
            self.end = e
        } else {
            throw fail(t.isEmpty ? "empty" : "unrecognised form")
        }
        self.label = Period.canonicalLabel(start: start, end: end)
    }

    /// Number of days, both ends included.
    public var dayCount: Int { end.dayNumber - start.dayNumber + 1 }

    /// Length in weeks (days / 7), the denominator of per-week figures.
    public var weeks: Double { Double(dayCount) / 7.0 }

    public func contains(_ date: CivilDate) -> Bool { start <= date && date <= end }

    /// The calendar months, quarters or years that overlap this period, each clipped to it.
    ///
    /// A clipped piece keeps a `start..end` label, so partial months are never mistaken for
    /// whole ones.
    /// - Complexity: O(number of pieces).
    public func split(every unit: Unit) -> [Period] {
        var pieces: [Period] = []
        var cursor = start
        while cursor <= end {
            let (y, m, _) = cursor.components
            let unitEnd: CivilDate
            switch unit {
            case .month:
                unitEnd = CivilDate(dayNumber: cursor.dayNumber - cursor.day + CivilDate.daysIn(month: m, year: y))
            case .quarter:
                let lastMonth = ((m - 1) / 3) * 3 + 3
                unitEnd = Period.lastDay(year: y, month: lastMonth) ?? end
            case .year:
                unitEnd = Period.lastDay(year: y, month: 12) ?? end
            }
            let pieceEnd = min(unitEnd, end)
            pieces.append(Period(uncheckedStart: cursor, end: pieceEnd))
            cursor = pieceEnd.adding(days: 1)
        }
        return pieces
    }

    public var description: String { label }

    public static func < (a: Period, b: Period) -> Bool {
        a.start != b.start ? a.start < b.start : a.end < b.end
    }

    private init(uncheckedStart start: CivilDate, end: CivilDate) {
        self.start = start
        self.end = end
        self.label = Period.canonicalLabel(start: start, end: end)
    }

    private static func lastDay(year: Int, month: Int) -> CivilDate? {
        CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))
    }

    static func canonicalLabel(start: CivilDate, end: CivilDate) -> String {
        let (y, m, d) = start.components
        let (ey, em, ed) = end.components
        if d == 1, y == ey, ed == CivilDate.daysIn(month: em, year: ey) {
            if m == 1, em == 12 { return CivilDate.padded(y, 4) }
            if m == em { return CivilDate.padded(y, 4) + "-" + CivilDate.padded(m, 2) }
            if (m - 1) % 3 == 0, em == m + 2 { return CivilDate.padded(y, 4) + "Q" + String((m + 2) / 3) }
        }
        return start.iso + ".." + end.iso
    }

    private static func number(_ u: [UInt8], _ start: Int, _ count: Int) -> Int? {
        DecimalDigits.value(u, from: start, count: count)
    }
}

extension CivilDate {
    /// Zero-padded decimal (CivilDate's own `pad` is internal to NoaberModel).
    static func padded(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
