/// One aggregated outcome figure as imported: `value` events of `measure` (GP consultations, Wmo
/// household-help indications, …) among `population` inhabitants of the area `village` in one
/// calendar year, quarter or month. Never person-level: the importer refuses files that look like
/// lists of people (docs/effect.md, "Aggregates only").
///
///     OutcomeRecord(village: "SAA", measure: "huisartsconsulten", period: .quarter(2024, 3),
///                   value: 1_204, population: 1_700)
public struct OutcomeRecord: Hashable, Sendable, Codable {
    public var village: String
    public var measure: String
    public var period: OutcomePeriod
    public var value: Double
    public var population: Int

    public init(village: String, measure: String, period: OutcomePeriod, value: Double, population: Int) {
        self.village = village
        self.measure = measure
        self.period = period
        self.value = value
        self.population = population
    }
}

/// The calendar period of an outcome figure: a year (`2024`), a quarter (`2024Q3`) or a month
/// (`2024-05`); `label` is that canonical text, which the store keeps.
public enum OutcomePeriod: Hashable, Sendable, Comparable {
    case year(Int)
    case quarter(Int, Int)
    case month(Int, Int)

    /// The calendar units, finest last.
    public enum Unit: String, Sendable, CaseIterable, Comparable {
        case year, quarter, month

        /// Months in one unit.
        public var months: Int {
            switch self {
            case .year: 12
            case .quarter: 3
            case .month: 1
            }
        }

        public static func < (a: Unit, b: Unit) -> Bool { a.months > b.months }
    }

    public var unit: Unit {
        switch self {
        case .year: .year
        case .quarter: .quarter
        case .month: .month
        }
    }

    public var year: Int {
        switch self {
        case .year(let y), .quarter(let y, _), .month(let y, _): y
        }
    }

    /// The first month (1…12) of the period.
    public var firstMonth: Int {
        switch self {
        case .year: 1
        case .quarter(_, let q): 3 * q - 2
        case .month(_, let m): m
        }
    }

    /// Months since year 0 of the first month: consecutive periods of one unit differ by `unit.months`.
    public var monthIndex: Int { year * 12 + firstMonth - 1 }

    public var start: CivilDate { CivilDate(year: year, month: firstMonth, day: 1) ?? CivilDate(dayNumber: 0) }

    public var end: CivilDate {
        let lastMonth = firstMonth + unit.months - 1
        return CivilDate(year: year, month: lastMonth, day: CivilDate.daysIn(month: lastMonth, year: year))
            ?? CivilDate(dayNumber: 0)
    }

    /// `2024`, `2024Q3` or `2024-05`.
    public var label: String {
        let y = String(year)
        let year = String(repeating: "0", count: max(0, 4 - y.count)) + y
        switch self {
        case .year: return year
        case .quarter(_, let q): return year + "Q" + String(q)
        case .month(_, let m): return year + (m < 10 ? "-0" : "-") + String(m)
        }
    }

    /// The period of `unit` that contains this one (a month's quarter or year); nil when `unit`
    /// is finer than this period's own.
    public func within(_ unit: Unit) -> OutcomePeriod? {
        guard unit.months >= self.unit.months else { return nil }
        switch unit {
        case .year: return .year(year)
        case .quarter: return .quarter(year, (firstMonth - 1) / 3 + 1)
        case .month: return .month(year, firstMonth)
        }
    }

    /// The period of the same unit `steps` later (earlier when negative).
    public func advanced(by steps: Int) -> OutcomePeriod {
        let index = monthIndex + steps * unit.months
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        let m = index - y * 12 + 1
        switch unit {
        case .year: return .year(y)
        case .quarter: return .quarter(y, (m - 1) / 3 + 1)
        case .month: return .month(y, m)
        }
    }

    /// Parses `2024`, `2024Q3` (also `2024q3`, `2024K3`, `2024-Q3`) or `2024-05` (also `2024-5`);
    /// nil for anything else, including years outside 1900…9999.
    public init?(parsing text: some StringProtocol) {
        let u = Array(text.utf8.drop { $0 == 32 }.reversed().drop { $0 == 32 }.reversed())
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= u.count, !range.isEmpty else { return nil }
            var v = 0
            for i in range {
                let d = Int(u[i]) - 48
                guard d >= 0, d <= 9 else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard u.count >= 4, let year = digits(0..<4), year >= 1900 else { return nil }
        if u.count == 4 { self = .year(year); return }
        var i = 4
        if u[i] == UInt8(ascii: "-") { i += 1 }
        guard i < u.count else { return nil }
        let c = u[i]
        if c == UInt8(ascii: "Q") || c == UInt8(ascii: "q") || c == UInt8(ascii: "K") || c == UInt8(ascii: "k") {
            guard u.count == i + 2, let q = digits((i + 1)..<(i + 2)), (1...4).contains(q) else { return nil }
            self = .quarter(year, q)
            return
        }
        guard i == 5, u.count == 6 || u.count == 7, let m = digits(5..<u.count), (1...12).contains(m) else { return nil }
        self = .month(year, m)
    }

    public static func < (a: OutcomePeriod, b: OutcomePeriod) -> Bool {
        a.monthIndex != b.monthIndex ? a.monthIndex < b.monthIndex : a.unit.months > b.unit.months
    }
}

extension OutcomePeriod: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let p = OutcomePeriod(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a year, quarter or month: \(text)")
        }
        self = p
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(label)
    }
}
