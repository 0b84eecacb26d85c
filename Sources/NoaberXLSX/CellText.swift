#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How cell values become text, the way noaber's CSV values look, so that a workbook and its CSV
/// twin read the same through the same validators:
///
/// - numbers: the shortest decimal that reads back as the same double, without exponent or
///   thousands separator, with the chosen decimal separator (`45356`, `1.5`, `0.00001`);
/// - dates: `yyyy-mm-dd`; dates with a time: `yyyy-mm-ddThh:mm`; times: `hh:mm` — seconds are
///   rounded to the nearest minute (as noaber does for serial fractions);
/// - in the 1900 date system, serial 60 is Excel's fictitious 29 February 1900 and is rendered
///   `1900-02-29`, which the date parser refuses as a date that does not exist; serial 0 (a
///   time-only value shown as a date) is `1900-01-00`, refused likewise. A negative serial or one
///   past 9999-12-31 stays a number (Excel shows `####`).
enum CellText {
    /// Days from 1970-01-01 to 1899-12-30 (the 1900 system's day 0 for serials from 61 on).
    static let epoch1900 = -25_569
    /// Days from 1970-01-01 to 1904-01-01 (the 1904 system's day 0).
    static let epoch1904 = -24_107
    /// 9999-12-31 as days from 1970-01-01.
    static let lastDay = 2_932_896

    /// Appends a numeric cell's `<v>` text rendered as a number; false when it is not a number.
    static func appendNumber(_ v: UnsafeBufferPointer<UInt8>, decimalSeparator: UInt8, into out: inout [UInt8]) -> Bool {
        // Fast path: a plain integer of at most 15 digits is already its shortest form.
        if isPlainInteger(v) {
            out.append(contentsOf: v)
            return true
        }
        guard let value = parseDouble(v) else { return false }
        appendDouble(value, decimalSeparator: decimalSeparator, into: &out)
        return true
    }

    @inline(__always)
    static func isPlainInteger(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if v.count > 0, v[0] == UInt8(ascii: "-") { i = 1 }
        let digits = v.count - i
        guard digits >= 1, digits <= 15 else { return false }
        if v[i] == UInt8(ascii: "0") && digits > 1 { return false }
        if v[i] == UInt8(ascii: "0") && i == 1 { return false }   // "-0"
        while i < v.count {
            guard v[i] &- 48 < 10 else { return false }
            i += 1
        }
        return true
    }

    /// A finite double from XML number text (`-1.5E-3`), via `strtod` on a stack copy; nil for
    /// anything else, including `NaN`, `INF` and hexadecimal floats, which XML does not write.
    static func parseDouble(_ v: UnsafeBufferPointer<UInt8>) -> Double? {
        guard v.count > 0, v.count < 64 else { return nil }
        for c in v {
            let ok = c &- 48 < 10 || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
                || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
            guard ok else { return nil }
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 65) { buffer -> Double? in
            guard let base = buffer.baseAddress else { return nil }
            for (k, c) in v.enumerated() { base[k] = CChar(bitPattern: c) }
            base[v.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(base, &end)
            guard let end, end - base == v.count, value.isFinite else { return nil }
            return value
        }
    }

    /// The shortest round-trip decimal of `value`, never in exponent notation.
    static func appendDouble(_ value: Double, decimalSeparator: UInt8, into out: inout [UInt8]) {
        if value == value.rounded(.towardZero), abs(value) < 1e15 {
            appendInteger(Int(value), into: &out)
            return
        }
        // Swift's `description` is the shortest round-trip form (Errol/Ryu-style); it may use an
        // exponent, which is expanded here. A small string: no heap allocation.
        let text = value.description
        var mantissa: [UInt8] = []
        var exponent = 0
        var negative = false
        var pointAt = -1
        var inExponent = false
        var exponentText: [UInt8] = []
        for c in text.utf8 {
            if inExponent { exponentText.append(c); continue }
            switch c {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "."): pointAt = mantissa.count
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            default: mantissa.append(c)
            }
        }
        if !exponentText.isEmpty { exponent = Int(String(decoding: exponentText, as: UTF8.self)) ?? 0 }
        if pointAt < 0 { pointAt = mantissa.count }
        // Strip trailing zeros of the fraction ("100000.0" is never reached: integers return above).
        var point = pointAt + exponent
        while mantissa.count > max(point, 1), mantissa.last == UInt8(ascii: "0") { mantissa.removeLast() }
        while mantissa.count > 1, mantissa.first == UInt8(ascii: "0"), point > 1 { mantissa.removeFirst(); point -= 1 }
        if negative { out.append(UInt8(ascii: "-")) }
        if point <= 0 {
            out.append(UInt8(ascii: "0"))
            out.append(decimalSeparator)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -point))
            out.append(contentsOf: mantissa)
        } else if point >= mantissa.count {
            out.append(contentsOf: mantissa)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: point - mantissa.count))
        } else {
            out.append(contentsOf: mantissa[0..<point])
            out.append(decimalSeparator)
            out.append(contentsOf: mantissa[point...])
        }
    }

    static func appendInteger(_ value: Int, into out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[count] = UInt8(magnitude % 10) + 48
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for k in stride(from: count - 1, through: 0, by: -1) { out.append(d[k]) }
        }
    }

    /// A serial day number and its day fraction from `<v>` text. Plain `ddddd.ffff` is read as
    /// digits (the fraction as an exact integer ratio, as `DateParser` reads a CSV serial, so the
    /// minute rounds the same way for the workbook and its CSV twin; `strtod` per date cell was 3 %
    /// of an import); anything else (an exponent) through `parseDouble`.
    static func serial(_ v: UnsafeBufferPointer<UInt8>) -> (day: Int, fraction: Double)? {
        var i = 0
        var day = 0
        while i < v.count, v[i] &- 48 < 10, i < 9 {
            day = day * 10 + Int(v[i] &- 48)
            i += 1
        }
        if i > 0, i == v.count { return (day, 0) }
        if i > 0, i < v.count, v[i] == UInt8(ascii: "."), i + 1 < v.count {
            var numerator = 0
            var denominator = 1
            var k = i + 1
            var plain = true
            while k < v.count {
                let d = v[k] &- 48
                guard d < 10 else { plain = false; break }
                if denominator < 1_000_000_000_000_000 {
                    numerator = numerator * 10 + Int(d)
                    denominator *= 10
                }
                k += 1
            }
            if plain { return (day, Double(numerator) / Double(denominator)) }
        }
        // Out of the calendar (negative, or past 9999-12-31): nil, and the cell stays a number.
        guard let value = parseDouble(v), value >= 0, value < 3_000_000 else { return nil }
        let whole = value.rounded(.down)
        return (Int(whole), value - whole)
    }

    static func appendSerial(_ serial: Double, format: CellFormat, uses1904: Bool, into out: inout [UInt8]) -> Bool {
        guard serial >= 0, serial < 3_000_000 else { return false }
        let whole = serial.rounded(.down)
        return appendSerial((Int(whole), serial - whole), format: format, uses1904: uses1904, into: &out)
    }

    /// Appends a numeric cell's value, shown with a date or time format, as noaber's date text.
    /// Returns false when the serial is outside the calendar (the caller then writes the number).
    static func appendSerial(_ serial: (day: Int, fraction: Double), format: CellFormat, uses1904: Bool,
                             into out: inout [UInt8]) -> Bool {
        guard serial.day >= 0, serial.day < 3_000_000, serial.fraction >= 0, serial.fraction < 1 else { return false }
        var day = serial.day
        var minute = Int((serial.fraction * 1440).rounded())
        if minute >= 1440 { minute -= 1440; day += 1 }
        if format == .time {
            let total = day * 1440 + minute
            appendTwoDigits(total / 60, into: &out)
            out.append(UInt8(ascii: ":"))
            appendTwoDigits(total % 60, into: &out)
            return true
        }
        if !uses1904, day <= 60 {
            // Lotus 1-2-3's leap-year bug, kept by Excel: serial 60 is 29 February 1900, which did
            // not exist, and serials 1–59 count from 31 December 1899. Serial 0 is "1900-01-00".
            let text: String
            switch day {
            case 60: text = "1900-02-29"
            case 0: text = "1900-01-00"
            default:
                appendDate(epoch1900 + 1 + day, into: &out)   // 1899-12-31 + day
                appendTime(minute, format: format, into: &out)
                return true
            }
            out.append(contentsOf: Array(text.utf8))
            appendTime(minute, format: format, into: &out)
            return true
        }
        let days = (uses1904 ? epoch1904 : epoch1900) + day
        guard days <= lastDay else { return false }
        appendDate(days, into: &out)
        appendTime(minute, format: format, into: &out)
        return true
    }

    private static func appendTime(_ minute: Int, format: CellFormat, into out: inout [UInt8]) {
        guard format == .dateTime else { return }
        out.append(UInt8(ascii: "T"))
        appendTwoDigits(minute / 60, into: &out)
        out.append(UInt8(ascii: ":"))
        appendTwoDigits(minute % 60, into: &out)
    }

    /// `yyyy-mm-dd` of a day counted from 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func appendDate(_ days: Int, into out: inout [UInt8]) {
        let (y, m, d) = civil(days)
        appendTwoDigits(y / 100, into: &out)
        appendTwoDigits(y % 100, into: &out)
        out.append(UInt8(ascii: "-"))
        appendTwoDigits(m, into: &out)
        out.append(UInt8(ascii: "-"))
        appendTwoDigits(d, into: &out)
    }

    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Days from 1970-01-01 of a valid calendar date (`days_from_civil`).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    @inline(__always)
    static func appendTwoDigits(_ v: Int, into out: inout [UInt8]) {
        if v >= 100 { appendInteger(v, into: &out); return }
        out.append(UInt8(v / 10) + 48)
        out.append(UInt8(v % 10) + 48)
    }

    /// A `t="d"` cell's ISO 8601 text (`2024-03-05`, `2024-03-05T14:30:00Z`, `14:30:00`) as
    /// noaber's date text: the date with the time to the minute when the format shows a time;
    /// false when it is not such a date.
    static func appendISO(_ v: UnsafeBufferPointer<UInt8>, format: CellFormat, into out: inout [UInt8]) -> Bool {
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= v.count else { return nil }
            var n = 0
            for k in from..<(from + count) {
                let d = v[k] &- 48
                guard d < 10 else { return nil }
                n = n * 10 + Int(d)
            }
            return n
        }
        var days: Int?
        var timeAt = 0
        if v.count >= 10, v[4] == UInt8(ascii: "-"), v[7] == UInt8(ascii: "-"),
           let y = number(0, 4), let m = number(5, 2), let d = number(8, 2), (1...12).contains(m), d >= 1,
           d <= [31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] {
            days = Self.days(year: y, month: m, day: d)
            timeAt = 10
            if v.count > 10 {
                guard v[10] == UInt8(ascii: "T") else { return false }
                timeAt = 11
            }
        }
        var minute: Int?
        if timeAt < v.count {
            guard let h = number(timeAt, 2), timeAt + 5 <= v.count, v[timeAt + 2] == UInt8(ascii: ":"),
                  let mi = number(timeAt + 3, 2), h < 24, mi < 60 else { return false }
            var total = h * 60 + mi
            if timeAt + 8 <= v.count, v[timeAt + 5] == UInt8(ascii: ":"), let s = number(timeAt + 6, 2), s >= 30 { total += 1 }
            minute = total
        }
        guard var day = days else {
            guard let minute else { return false }
            appendTwoDigits(minute / 60, into: &out)
            out.append(UInt8(ascii: ":"))
            appendTwoDigits(minute % 60, into: &out)
            return true
        }
        var m = minute ?? 0
        if m >= 1440 { m -= 1440; day += 1 }
        guard day <= lastDay else { return false }
        appendDate(day, into: &out)
        if format == .dateTime || (minute != nil && m != 0) {
            out.append(UInt8(ascii: "T"))
            appendTwoDigits(m / 60, into: &out)
            out.append(UInt8(ascii: ":"))
            appendTwoDigits(m % 60, into: &out)
        }
        return true
    }
}
