import NoaberModel

/// The order of day, month and year in a numeric date like `5-3-2024`.
public enum DateOrder: String, Sendable, Codable {
    case dayMonthYear = "dmy", monthDayYear = "mdy", yearMonthDay = "ymd"
}

/// Parses the dates villages export, from bytes, without a formatter.
///
/// Accepted, after trimming spaces:
/// - ISO: `2024-03-05`, `2024-03-05T14:30`, `2024-03-05 14:30`, `2024-03-05T14:30:15` (seconds
///   are dropped: noaber works in minutes);
/// - numeric dates in the configured order with `-`, `/` or `.` as separator and one or two
///   digits for day and month: `5-3-2024`, `05/03/2024`, `5.3.2024`, optionally followed by a
///   space and `h:mm` or `hh:mm(:ss)`;
/// - Excel serial day numbers (`45356`, `45356,75`) when `allowsExcelSerial` is true;
/// - day, month name and year, as Dutch Excel writes a long or custom date format: `5 maart 2024`,
///   `5-mrt-2024`, `05 mrt. 2024`, `5 March 2024`, `5-Mar-2024` (Dutch and English names and their
///   usual abbreviations, any case), optionally followed by a time as above. The name fixes the
///   month, so these read the same whatever the profile's `date_order`.
///
/// A date that does not exist (`31-2-2024`) is an error, never rolled over; two-digit years are an
/// error because `5-3-24` could be 1924 or 2024. An empty field is `.success(nil)`.
///
/// - Complexity: O(n) in the field length, no allocation on success.
public struct DateParser: Sendable {
    public var order: DateOrder
    public var allowsExcelSerial: Bool

    public init(order: DateOrder = .dayMonthYear, allowsExcelSerial: Bool = true) {
        self.order = order
        self.allowsExcelSerial = allowsExcelSerial
    }

    public func parse(_ raw: UnsafeBufferPointer<UInt8>) -> Result<Moment?, ValueProblem> {
        let b = ByteText.trimmed(raw)
        if b.isEmpty { return .success(nil) }
        if let moment = Self.canonical(b) { return .success(moment) }
        var i = 0
        // Leading digit run decides the form: 4 digits then '-' is ISO; 1–2 digits then a
        // separator is a numeric date; a bare number is an Excel serial.
        let firstRun = digitRun(b, from: 0)
        if firstRun == b.count || (firstRun < b.count && (b[firstRun] == UInt8(ascii: ",") || b[firstRun] == UInt8(ascii: "."))
                                   && digitRun(b, from: firstRun + 1) == b.count - firstRun - 1 && firstRun >= 3) {
            return parseSerial(b)
        }
        guard firstRun > 0, firstRun < b.count else { return .failure(.notADate(ByteText.excerpt(b))) }
        if firstRun <= 2, Self.isMonthNameSeparator(b[firstRun]), firstRun + 1 < b.count, Self.isLetter(b[firstRun + 1]) {
            return parseMonthName(b, dayDigits: firstRun)
        }
        let separator = b[firstRun]
        guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".") else {
            return .failure(.notADate(ByteText.excerpt(b)))
        }
        var parts: [Int] = [0, 0, 0]
        var widths: [Int] = [0, 0, 0]
        for p in 0..<3 {
            let run = digitRun(b, from: i)
            guard run > 0, run <= 4 else { return .failure(.notADate(ByteText.excerpt(b))) }
            parts[p] = number(b, from: i, count: run)
            widths[p] = run
            i += run
            if p < 2 {
                guard i < b.count, b[i] == separator else { return .failure(.notADate(ByteText.excerpt(b))) }
                i += 1
            }
        }
        let isISO = widths[0] == 4   // a four-digit first part is a year, whatever the separator
        let (year, month, day, yearWidth): (Int, Int, Int, Int)
        if isISO || order == .yearMonthDay {
            (year, month, day, yearWidth) = (parts[0], parts[1], parts[2], widths[0])
            guard widths[1] <= 2, widths[2] <= 2 else { return .failure(.notADate(ByteText.excerpt(b))) }
        } else if order == .dayMonthYear {
            (year, month, day, yearWidth) = (parts[2], parts[1], parts[0], widths[2])
            guard widths[0] <= 2, widths[1] <= 2 else { return .failure(.notADate(ByteText.excerpt(b))) }
        } else {
            (year, month, day, yearWidth) = (parts[2], parts[0], parts[1], widths[2])
            guard widths[0] <= 2, widths[1] <= 2 else { return .failure(.notADate(ByteText.excerpt(b))) }
        }
        guard yearWidth == 4 else { return .failure(.twoDigitYear(ByteText.excerpt(b))) }
        guard let date = CivilDate(year: year, month: month, day: day) else {
            return .failure(.impossibleDate(ByteText.excerpt(b)))
        }
        return time(b, from: i, on: date)
    }

    /// The rest of a date from `i`: nothing, or a time (`T` or spaces, then `h:mm` or `hh:mm(:ss)`).
    private func time(_ b: UnsafeBufferPointer<UInt8>, from start: Int, on date: CivilDate) -> Result<Moment?, ValueProblem> {
        var i = start
        if i == b.count { return .success(Moment(date: date)) }
        // Time part: 'T' or one or more spaces, then h:mm or hh:mm(:ss).
        guard b[i] == UInt8(ascii: "T") || b[i] == ByteText.space else { return .failure(.notADate(ByteText.excerpt(b))) }
        i += 1
        while i < b.count, b[i] == ByteText.space { i += 1 }
        let hRun = digitRun(b, from: i)
        guard hRun == 1 || hRun == 2 else { return .failure(.notADate(ByteText.excerpt(b))) }
        let hour = number(b, from: i, count: hRun)
        i += hRun
        guard i < b.count, b[i] == UInt8(ascii: ":") else { return .failure(.notADate(ByteText.excerpt(b))) }
        i += 1
        guard digitRun(b, from: i) == 2 else { return .failure(.notADate(ByteText.excerpt(b))) }
        let minute = number(b, from: i, count: 2)
        i += 2
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard digitRun(b, from: i + 1) == 2, number(b, from: i + 1, count: 2) < 60 else {
                return .failure(.notADate(ByteText.excerpt(b)))
            }
            i += 3
        }
        guard i == b.count else { return .failure(.notADate(ByteText.excerpt(b))) }
        guard hour < 24, minute < 60 else { return .failure(.impossibleTime(ByteText.excerpt(b))) }
        return .success(Moment(date: date, minuteOfDay: hour * 60 + minute))
    }

    /// The canonical forms `yyyy-mm-dd` and `yyyy-mm-ddThh:mm` of a valid date and time, read
    /// without the general path's digit runs and arrays; nil for anything else, including an
    /// impossible date or time, which the general path then reads (or refuses) exactly as before.
    /// Canonical exports hold three such fields per case.
    @inline(__always)
    private static func canonical(_ b: UnsafeBufferPointer<UInt8>) -> Moment? {
        guard b.count == 10 || b.count == 16, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        @inline(__always) func digit(_ k: Int) -> Int? {
            let d = b[k] &- 48
            return d < 10 ? Int(d) : nil
        }
        guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
              let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9),
              let date = CivilDate(year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1) else {
            return nil
        }
        if b.count == 10 { return Moment(date: date) }
        guard b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"),
              let h0 = digit(11), let h1 = digit(12), let n0 = digit(14), let n1 = digit(15) else { return nil }
        let hour = h0 * 10 + h1, minute = n0 * 10 + n1
        guard hour < 24, minute < 60 else { return nil }
        return Moment(date: date, minuteOfDay: hour * 60 + minute)
    }

    public func parse(_ text: String) -> Result<Moment?, ValueProblem> {
        ByteText.withBytes(text) { parse($0) }
    }

    /// `5 maart 2024`, `5-mrt-2024`, `05 mrt. 2024`, `5.jan.2024`: the day (`dayDigits` digits),
    /// a space, `-` or `.`, a month name, then a dot, spaces or `-`, a four-digit year, and
    /// optionally a time. Not a hot path: canonical and numeric dates never reach it.
    private func parseMonthName(_ b: UnsafeBufferPointer<UInt8>, dayDigits: Int) -> Result<Moment?, ValueProblem> {
        let day = number(b, from: 0, count: dayDigits)
        var i = dayDigits + 1
        while i < b.count, b[i] == ByteText.space { i += 1 }
        var word: [UInt8] = []
        while i < b.count, Self.isLetter(b[i]), word.count <= 9 {
            word.append(b[i] | 0x20)   // ASCII lower case
            i += 1
        }
        guard let month = Self.months[String(decoding: word, as: UTF8.self)] else { return .failure(.notADate(ByteText.excerpt(b))) }
        // Between the name and the year: an abbreviation's dot, spaces or `-` (at least one).
        let afterName = i
        if i < b.count, b[i] == UInt8(ascii: ".") { i += 1 }
        while i < b.count, b[i] == ByteText.space || b[i] == UInt8(ascii: "-") { i += 1 }
        guard i > afterName else { return .failure(.notADate(ByteText.excerpt(b))) }
        let yearDigits = digitRun(b, from: i)
        guard yearDigits > 0 else { return .failure(.notADate(ByteText.excerpt(b))) }
        guard yearDigits == 4 else { return .failure(.twoDigitYear(ByteText.excerpt(b))) }
        guard let date = CivilDate(year: number(b, from: i, count: 4), month: month, day: day) else {
            return .failure(.impossibleDate(ByteText.excerpt(b)))
        }
        return time(b, from: i + 4, on: date)
    }

    private static func isMonthNameSeparator(_ c: UInt8) -> Bool {
        c == ByteText.space || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }

    /// Dutch and English month names and the abbreviations Excel and people write (`mrt`, `okt`,
    /// `sept`); no name means two months.
    static let months: [String: Int] = {
        var m: [String: Int] = [:]
        let names: [[String]] = [
            ["januari", "january", "jan"], ["februari", "february", "feb"], ["maart", "march", "mrt", "mar"],
            ["april", "apr"], ["mei", "may"], ["juni", "june", "jun"], ["juli", "july", "jul"],
            ["augustus", "august", "aug"], ["september", "sep", "sept"], ["oktober", "october", "okt", "oct"],
            ["november", "nov"], ["december", "dec"],
        ]
        for (index, words) in names.enumerated() { for w in words { m[w] = index + 1 } }
        return m
    }()

    /// Excel's 1900 date system: serial 1 is 1900-01-01 and serial 60 is the 29 February 1900 that
    /// Lotus 1-2-3 invented and Excel kept; from serial 61 (1 March 1900) on, a serial is the number
    /// of days since 1899-12-30. A fraction is the time of day, rounded to the minute.
    private func parseSerial(_ b: UnsafeBufferPointer<UInt8>) -> Result<Moment?, ValueProblem> {
        guard allowsExcelSerial else { return .failure(.notADate(ByteText.excerpt(b))) }
        let intRun = digitRun(b, from: 0)
        guard intRun <= 7 else { return .failure(.notADate(ByteText.excerpt(b))) }
        let serial = number(b, from: 0, count: intRun)
        // Below 10000 (1927) a bare number is far more likely a year or a typo than a serial date.
        guard serial >= 10_000, serial <= 2_958_465 else {   // 2958465 = 9999-12-31
            return .failure(.excelSerialOutOfRange(ByteText.excerpt(b)))
        }
        let base = CivilDate(dayNumber: -25569)   // 1899-12-30
        let date = base.adding(days: serial)   // serials below 61 (before 1 March 1900) are refused above
        guard intRun < b.count else { return .success(Moment(date: date)) }
        // Fraction of a day → minutes. Read up to 9 fraction digits exactly as an integer ratio.
        var numerator = 0
        var denominator = 1
        var k = intRun + 1
        while k < b.count, denominator < 1_000_000_000 {
            numerator = numerator * 10 + Int(b[k] &- 48)
            denominator *= 10
            k += 1
        }
        var minutes = Int((Double(numerator) / Double(denominator) * 1440).rounded())
        var day = date
        if minutes >= 1440 { minutes -= 1440; day = day.adding(days: 1) }
        // 2958465,9999 rounds to midnight after 9999-12-31: a year noaber cannot store or read
        // back (found by fuzzing), so it is out of range like any later serial.
        guard day.dayNumber <= Self.lastSupportedDayNumber else {
            return .failure(.excelSerialOutOfRange(ByteText.excerpt(b)))
        }
        return .success(Moment(date: day, minuteOfDay: minutes))
    }

    /// 9999-12-31, the last day a four-digit year reaches (Excel serial 2958465).
    private static let lastSupportedDayNumber = CivilDate(dayNumber: -25569).adding(days: 2_958_465).dayNumber

    private func digitRun(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        while i < b.count, b[i] &- 48 < 10 { i += 1 }
        return i - start
    }

    private func number(_ b: UnsafeBufferPointer<UInt8>, from start: Int, count: Int) -> Int {
        var v = 0
        for k in start..<(start + count) { v = v * 10 + Int(b[k] &- 48) }
        return v
    }
}
