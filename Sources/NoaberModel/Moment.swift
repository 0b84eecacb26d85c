/// A point in time as village exports record it: a date, and sometimes a time of day.
///
/// Response times are in days. When both ends of a duration carry a time the duration is
/// fractional (a call at 09:00 answered at 15:00 the same day is 0.25 days); when either end
/// is a bare date, only whole days count, because the missing time is unknown rather than
/// midnight.
public struct Moment: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: CivilDate
    /// Minutes after midnight, or nil when the export recorded only the date.
    public let minuteOfDay: Int?

    public init(date: CivilDate, minuteOfDay: Int? = nil) {
        self.date = date
        self.minuteOfDay = minuteOfDay
    }

    /// Days from `self` to `later`; negative when `later` is earlier.
    public func days(until later: Moment) -> Double {
        let whole = Double(later.date.dayNumber - date.dayNumber)
        guard let a = minuteOfDay, let b = later.minuteOfDay else { return whole }
        return whole + Double(b - a) / 1440.0
    }

    /// `yyyy-mm-dd` or `yyyy-mm-ddThh:mm`: the form noaber stores, sortable as text.
    public var iso: String {
        guard let m = minuteOfDay else { return date.iso }
        return date.iso + "T" + CivilDate.pad(m / 60, 2) + ":" + CivilDate.pad(m % 60, 2)
    }

    public var description: String { iso }

    /// Parses the store's own form (`yyyy-mm-dd` or `yyyy-mm-ddThh:mm`).
    public init?(iso text: some StringProtocol) {
        let u = Array(text.utf8)
        if u.count == 10 {
            guard let d = CivilDate(iso: text) else { return nil }
            self.init(date: d)
            return
        }
        guard u.count == 16, u[10] == UInt8(ascii: "T"), u[13] == UInt8(ascii: ":"),
              let d = CivilDate(iso: String(decoding: u[0..<10], as: UTF8.self)),
              let h = DecimalDigits.value(u, from: 11, count: 2), let mi = DecimalDigits.value(u, from: 14, count: 2),
              h < 24, mi < 60 else { return nil }
        self.init(date: d, minuteOfDay: h * 60 + mi)
    }

    public static func < (a: Moment, b: Moment) -> Bool {
        if a.date != b.date { return a.date < b.date }
        return (a.minuteOfDay ?? 0) < (b.minuteOfDay ?? 0)
    }
}
