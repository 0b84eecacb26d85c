import NoaberModel

/// Dates and period labels in Dutch ("5 maart 2024", "3e kwartaal 2024") and English
/// ("5 March 2024", "Q3 2024").
///
/// Table-driven, with no `DateFormatter`: the output must not depend on the machine's locale
/// data, and a report formats thousands of labels.
///
/// Period codes are the ones the metrics use: `2024` (year), `2024Q3` or `2024-Q3` (quarter),
/// `2024-05` (month) and `2024-05-03` (a day). Anything else is returned unchanged, so a custom
/// range label still shows (the caller escapes it like any other text).
public struct DateFormatting: Sendable, Hashable {
    public let language: Language

    public init(language: Language) { self.language = language }

    public static let dutch = DateFormatting(language: .nl)
    public static let english = DateFormatting(language: .en)

    private static let dutchMonths = ["januari", "februari", "maart", "april", "mei", "juni", "juli",
                                      "augustus", "september", "oktober", "november", "december"]
    private static let englishMonths = ["January", "February", "March", "April", "May", "June", "July",
                                        "August", "September", "October", "November", "December"]
    private static let dutchShortMonths = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep",
                                           "okt", "nov", "dec"]
    private static let englishShortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                             "Oct", "Nov", "Dec"]

    /// The month's full name (Dutch in lower case, as Dutch writes it); nil outside 1...12.
    public func monthName(_ month: Int) -> String? {
        guard (1...12).contains(month) else { return nil }
        return (language == .nl ? Self.dutchMonths : Self.englishMonths)[month - 1]
    }

    /// The month's abbreviation ("mrt", "Mar"); nil outside 1...12.
    public func shortMonthName(_ month: Int) -> String? {
        guard (1...12).contains(month) else { return nil }
        return (language == .nl ? Self.dutchShortMonths : Self.englishShortMonths)[month - 1]
    }

    /// "5 maart 2024" / "5 March 2024" (day without a leading zero).
    public func date(_ date: CivilDate) -> String {
        let (year, month, day) = date.components
        return "\(day) \(monthName(month) ?? String(month)) \(year)"
    }

    /// The reading form of a period code: "2024", "3e kwartaal 2024" / "Q3 2024",
    /// "mei 2024" / "May 2024", "5 maart 2024"; a range `start..end` in the words people use:
    /// "2023 en 2024" / "2023 and 2024", "2021 t/m 2024" / "2021 to 2024" for whole years,
    /// "1 januari t/m 30 juni 2024" / "1 January to 30 June 2024" otherwise. An unknown code is
    /// returned unchanged.
    public func periodLabel(_ period: String) -> String {
        switch PeriodCode(period) {
        case .year(let year): return String(year)
        case .quarter(let year, let quarter):
            return language == .nl ? "\(quarter)e kwartaal \(year)" : "Q\(quarter) \(year)"
        case .month(let year, let month): return "\(monthName(month) ?? String(month)) \(year)"
        case .day(let civil): return date(civil)
        case nil: return rangeLabel(period) ?? period
        }
    }

    /// "2023 en 2024", "2021 t/m 2024", "1 januari t/m 30 juni 2024" (see `periodLabel`); nil
    /// for text that is not `yyyy-mm-dd..yyyy-mm-dd`.
    private func rangeLabel(_ text: String) -> String? {
        let parts = text.split(separator: "..", omittingEmptySubsequences: false)
        guard parts.count == 2, case .day(let start)? = PeriodCode(String(parts[0])), case .day(let end)? = PeriodCode(String(parts[1])),
              start <= end else { return nil }
        let (sy, sm, sd) = start.components, (ey, em, ed) = end.components
        let to = language == .nl ? " t/m " : " to "
        if sm == 1, sd == 1, em == 12, ed == 31 {
            if sy == ey { return String(sy) }
            if ey == sy + 1 { return "\(sy)" + (language == .nl ? " en " : " and ") + "\(ey)" }
            return "\(sy)" + to + "\(ey)"
        }
        let first = sy == ey ? "\(sd) \(monthName(sm) ?? String(sm))" : date(start)
        return first + to + date(end)
    }

    /// A compact form for axis ticks: "K3 2024" / "Q3 2024", "mrt 2024" / "Mar 2024",
    /// "5 mrt 2024"; years and unknown codes as `periodLabel`.
    public func shortPeriodLabel(_ period: String) -> String {
        switch PeriodCode(period) {
        case .year(let year): return String(year)
        case .quarter(let year, let quarter): return "\(language == .nl ? "K" : "Q")\(quarter) \(year)"
        case .month(let year, let month): return "\(shortMonthName(month) ?? String(month)) \(year)"
        case .day(let civil):
            let (year, month, day) = civil.components
            return "\(day) \(shortMonthName(month) ?? String(month)) \(year)"
        case nil: return period
        }
    }
}

/// The Dutch-by-default name the reporter's callers use.
public typealias DutchDateFormat = DateFormatting

/// A parsed period code; parsing is byte-level and strict (exact lengths, digits only).
enum PeriodCode: Equatable {
    case year(Int)
    case quarter(year: Int, quarter: Int)
    case month(year: Int, month: Int)
    case day(CivilDate)

    init?(_ text: String) {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), year >= 1 else { return nil }
        switch bytes.count {
        case 4:
            self = .year(year)
        case 6 where bytes[4] == UInt8(ascii: "Q") || bytes[4] == UInt8(ascii: "q"):
            guard let quarter = number(5..<6), (1...4).contains(quarter) else { return nil }
            self = .quarter(year: year, quarter: quarter)
        case 7 where bytes[4] == UInt8(ascii: "-") && (bytes[5] == UInt8(ascii: "Q") || bytes[5] == UInt8(ascii: "q")):
            guard let quarter = number(6..<7), (1...4).contains(quarter) else { return nil }
            self = .quarter(year: year, quarter: quarter)
        case 7 where bytes[4] == UInt8(ascii: "-"):
            guard let month = number(5..<7), (1...12).contains(month) else { return nil }
            self = .month(year: year, month: month)
        case 10 where bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-"):
            guard let month = number(5..<7), let day = number(8..<10),
                  let civil = CivilDate(year: year, month: month, day: day) else { return nil }
            self = .day(civil)
        default:
            return nil
        }
    }
}
