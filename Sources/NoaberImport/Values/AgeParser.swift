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
        guard let (word, numberEnd) = ByteText.trailingUnit(b, maxLength: 5),
              ["jaar", "jr", "j", "years", "year", "yrs", "y"].contains(word), b[numberEnd - 1] &- 48 < 10 else { return nil }
        return b.count - numberEnd
    }
}
