/// Parses an age in years as villages write it: a whole number, optionally followed by its unit
/// (`82`, `82 jaar`, `82 jr`, `82j`, `82 years`). Dutch registrations often carry the unit, and
/// without this every such row was rejected as "geen geheel getal".
public struct AgeParser: Sendable {
    public var numbers: NumberParser

    public init(numbers: NumberParser) { self.numbers = numbers }

    /// The age, nil for an empty cell; a number with another word after it is refused as before.
    public func parse(_ raw: UnsafeBufferPointer<UInt8>) -> Result<Int?, ValueProblem> {
        let b = ByteText.trimmed(raw)
        if let length = Self.unitSuffix(b) {
            let number = UnsafeBufferPointer(rebasing: b[0..<(b.count - length)])
            if case .success(let age?) = numbers.parseInteger(number) { return .success(age) }
        }
        return numbers.parseInteger(b)
    }

    public func parse(_ text: String) -> Result<Int?, ValueProblem> {
        ByteText.withBytes(text) { parse($0) }
    }

    /// The length of a trailing `jaar`, `jr`, `j`, `years`, `year`, `yrs` or `y` with the spaces
    /// before it, when digits precede it.
    static func unitSuffix(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var start = b.count
        while start > 0, (b[start - 1] | 0x20) >= UInt8(ascii: "a"), (b[start - 1] | 0x20) <= UInt8(ascii: "z") { start -= 1 }
        guard start > 0, start < b.count, b.count - start <= 5 else { return nil }
        let word = String(decoding: b[start...].map { $0 | 0x20 }, as: UTF8.self)
        guard ["jaar", "jr", "j", "years", "year", "yrs", "y"].contains(word) else { return nil }
        var end = start
        while end > 0, b[end - 1] == ByteText.space { end -= 1 }
        guard end > 0, b[end - 1] &- 48 < 10 else { return nil }
        return b.count - end
    }
}
