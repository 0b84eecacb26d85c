/// Parses a time spent, written as a number in the field's own unit or on a clock (`1:30`).
///
/// Villages that register in Excel often type the time spent as `1:30` (an hour and a half), and a
/// workbook cell formatted `[u]:mm` reaches the importer as the same text (`01:30`, hours past 24
/// included: `CellText` writes `26:15`). Read as a decimal, every such row would be rejected, so a
/// support time or a task's hours accept the clock form too. It is unambiguous for these fields:
/// nobody registers support time in minutes and seconds.
///
/// Clock form: one to five digits of hours, `:`, two digits of minutes (00–59), optionally `:` and
/// two digits of seconds (00–59); surrounding spaces are ignored. A number may also carry its unit
/// (`45 min`, `1,5 uur`, `2u`, `90 minuten`), which is converted to the field's. Anything else is
/// parsed as a decimal (`NumberParser`), so `90`, `1,5` and `1.5` keep their meaning and a
/// malformed clock (`1:75`) is refused as "geen getal" like any other non-number.
public struct DurationParser: Sendable {
    /// The unit the field counts in; a clock value is converted to it.
    public enum Unit: Sendable {
        case minutes
        case hours
    }

    public var numbers: NumberParser
    public var unit: Unit

    public init(numbers: NumberParser, unit: Unit) {
        self.numbers = numbers
        self.unit = unit
    }

    /// The value in `unit`, nil for an empty cell.
    public func parse(_ raw: UnsafeBufferPointer<UInt8>) -> Result<Double?, ValueProblem> {
        let b = ByteText.trimmed(raw)
        if b.contains(UInt8(ascii: ":")), let minutes = Self.clockMinutes(b) {
            return .success(unit == .minutes ? minutes : minutes / 60)
        }
        // A unit after the number (`45 min`, `1,5 uur`): the number without it, converted.
        if let last = b.last, Self.isLetter(last), let (length, written) = Self.unitSuffix(b) {
            let number = UnsafeBufferPointer(rebasing: b[0..<(b.count - length)])
            switch numbers.parseDecimal(number) {
            case .success(let value?):
                if written == unit { return .success(value) }
                return .success(written == .hours ? value * 60 : value / 60)
            case .success(nil), .failure:
                return numbers.parseDecimal(b)   // refused with the whole text, as before
            }
        }
        return numbers.parseDecimal(b)
    }

    /// The length of a trailing unit word (with the spaces before it) and its unit: `min`,
    /// `minuten`, `minutes`, `m`; `uur`, `uren`, `u`, `hours`, `hour`, `hrs`, `hr`, `h` (any case).
    static func unitSuffix(_ b: UnsafeBufferPointer<UInt8>) -> (length: Int, unit: Unit)? {
        guard let (word, numberEnd) = ByteText.trailingUnit(b, maxLength: 8) else { return nil }
        switch word {
        case "m", "min", "mins", "minuut", "minuten", "minute", "minutes": return (b.count - numberEnd, .minutes)
        case "u", "uur", "uren", "h", "hr", "hrs", "hour", "hours": return (b.count - numberEnd, .hours)
        default: return nil
        }
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }

    public func parse(_ text: String) -> Result<Double?, ValueProblem> {
        ByteText.withBytes(text) { parse($0) }
    }

    /// Minutes of `h:mm` or `h:mm:ss` (trimmed bytes), nil for any other shape.
    static func clockMinutes(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        var hours = 0
        while i < b.count, i < 5, let d = digit(b[i]) {
            hours = hours * 10 + d
            i += 1
        }
        guard i > 0, i < b.count, b[i] == UInt8(ascii: ":") else { return nil }
        guard let minutes = twoDigits(b, at: i + 1), minutes < 60 else { return nil }
        i += 3
        var seconds = 0
        if i < b.count {
            guard b[i] == UInt8(ascii: ":"), let s = twoDigits(b, at: i + 1), s < 60, i + 3 == b.count else { return nil }
            seconds = s
        }
        return Double(hours * 60 + minutes) + Double(seconds) / 60
    }

    private static func twoDigits(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        guard i + 2 <= b.count, let tens = digit(b[i]), let ones = digit(b[i + 1]) else { return nil }
        return tens * 10 + ones
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }
}
