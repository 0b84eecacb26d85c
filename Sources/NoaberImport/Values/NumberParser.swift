/// Which character separates the fraction in a number.
public enum DecimalSeparator: String, Sendable, Codable {
    /// Either `.` or `,` is a decimal separator when it is the only one in the value; a value
    /// with both is ambiguous and refused (`1.234,5` needs an explicit profile setting).
    case auto
    case comma = ","
    case point = "."
}

/// Parses decimals and whole numbers from bytes, honouring the Dutch decimal comma.
///
/// With an explicit separator, the other character is accepted only as a thousands separator in
/// groups of three (`1.234,5` with `.comma`); anything else is an error rather than a guess,
/// because `1.234` means 1234 to a Dutch spreadsheet and 1.234 to an English one.
public struct NumberParser: Sendable {
    public var separator: DecimalSeparator

    public init(separator: DecimalSeparator = .auto) { self.separator = separator }

    public func parseDecimal(_ raw: UnsafeBufferPointer<UInt8>) -> Result<Double?, ValueProblem> {
        let b = ByteText.trimmed(raw)
        if b.isEmpty { return .success(nil) }
        var i = 0
        var negative = false
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
            negative = b[0] == UInt8(ascii: "-")
            i = 1
        }
        let comma = UInt8(ascii: ","), point = UInt8(ascii: ".")
        var commas = 0, points = 0
        for k in i..<b.count {
            let c = b[k]
            if c == comma { commas += 1 } else if c == point { points += 1 } else if c &- 48 >= 10 {
                return .failure(.notANumber(ByteText.excerpt(b)))
            }
        }
        let decimal: UInt8?
        let grouping: UInt8?
        switch separator {
        case .auto:
            if commas > 0 && points > 0 { return .failure(.ambiguousNumber(ByteText.excerpt(b))) }
            if commas > 1 || points > 1 { return .failure(.ambiguousNumber(ByteText.excerpt(b))) }
            if commas + points == 1, Self.looksGroupedInThousands(b, from: i) {
                return .failure(.thousandsOrDecimals(ByteText.excerpt(b)))
            }
            decimal = commas == 1 ? comma : (points == 1 ? point : nil)
            grouping = nil
        case .comma:
            guard commas <= 1 else { return .failure(.notANumber(ByteText.excerpt(b))) }
            decimal = comma
            grouping = points > 0 ? point : nil
        case .point:
            guard points <= 1 else { return .failure(.notANumber(ByteText.excerpt(b))) }
            decimal = point
            grouping = commas > 0 ? comma : nil
        }
        var integer: Double = 0
        var fraction: Double = 0
        var scale: Double = 1
        // All digits as one integer, for the correctly rounded result `mantissa / 10^fracDigits`
        // (summing digit × 0.1ⁿ gave 0.7500000000000001 for "0,750").
        var mantissa: UInt64 = 0
        var mantissaExact = true
        var inFraction = false
        var digitsSinceGroup = 0
        var sawGroup = false
        var intDigits = 0
        var fracDigits = 0
        for k in i..<b.count {
            let c = b[k]
            if let g = grouping, c == g {
                // A group separator needs 1–3 digits before the first one and exactly 3 between.
                if inFraction || intDigits == 0 || (sawGroup ? digitsSinceGroup != 3 : digitsSinceGroup > 3) {
                    return .failure(.notANumber(ByteText.excerpt(b)))
                }
                sawGroup = true
                digitsSinceGroup = 0
                continue
            }
            if let d = decimal, c == d {
                if sawGroup && digitsSinceGroup != 3 { return .failure(.notANumber(ByteText.excerpt(b))) }
                inFraction = true
                continue
            }
            let digit = Double(c &- 48)
            if mantissa < 100_000_000_000_000_000 { mantissa = mantissa * 10 + UInt64(c &- 48) } else { mantissaExact = false }
            if inFraction {
                scale /= 10
                fraction += digit * scale
                fracDigits += 1
            } else {
                integer = integer * 10 + digit
                intDigits += 1
                digitsSinceGroup += 1
            }
        }
        if sawGroup && !inFraction && digitsSinceGroup != 3 { return .failure(.notANumber(ByteText.excerpt(b))) }
        guard intDigits + fracDigits > 0 else { return .failure(.notANumber(ByteText.excerpt(b))) }
        let value: Double
        if mantissaExact, mantissa <= 1 << 53, fracDigits < Self.powersOfTen.count {
            value = Double(mantissa) / Self.powersOfTen[fracDigits]   // both exact: one rounding
        } else {
            value = integer + fraction
        }
        return .success(negative ? -value : value)
    }

    public func parseDecimal(_ text: String) -> Result<Double?, ValueProblem> {
        ByteText.withBytes(text) { parseDecimal($0) }
    }

    /// 10⁰ … 10²², every one exactly representable as a Double.
    static let powersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { r, _ in r * 10 } }

    /// Whether `b` from `start` is 1–3 digits (not starting with 0), one `.` or `,`, and exactly
    /// three digits: `1.700`, `34,320`, `999.999` (not `0.125`, `62.5` or `1.2345`).
    static func looksGroupedInThousands(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        let count = b.count - start
        guard count >= 5, count <= 7, b[start] != UInt8(ascii: "0") else { return false }
        let separatorAt = b.count - 4
        guard b[separatorAt] == UInt8(ascii: ".") || b[separatorAt] == UInt8(ascii: ",") else { return false }
        for k in start..<b.count where k != separatorAt { if b[k] &- 48 >= 10 { return false } }
        return true
    }

    /// A whole number (e.g. a birth year or a population): digits only, optionally grouped by the
    /// non-decimal separator. `1.700` is 1700 with a comma profile, and also with `.auto`: a whole
    /// number cannot be 1.7, so the only reading is thousands (groups of three, one kind of
    /// separator: `1.234.567`, `1,700`).
    public func parseInteger(_ raw: UnsafeBufferPointer<UInt8>) -> Result<Int?, ValueProblem> {
        if separator == .auto {
            let b = ByteText.trimmed(raw)
            let points = b.contains(UInt8(ascii: ".")), commas = b.contains(UInt8(ascii: ","))
            if points != commas {   // one kind of separator: read it as grouping
                let grouped = NumberParser(separator: points ? .comma : .point)
                if case .success(let v?) = grouped.parseDecimal(b), v == v.rounded(), abs(v) < 1e15 { return .success(Int(v)) }
            }
        }
        switch parseDecimal(raw) {
        case .failure(let p): return .failure(p)
        case .success(nil): return .success(nil)
        case .success(let v?):
            guard v == v.rounded(), abs(v) < 1e15 else { return .failure(.notAWholeNumber(ByteText.excerpt(ByteText.trimmed(raw)))) }
            // "1.700" under .auto parses as 1.7 and fails above; "1,0" is 1 and accepted as whole.
            return .success(Int(v))
        }
    }

    public func parseInteger(_ text: String) -> Result<Int?, ValueProblem> {
        ByteText.withBytes(text) { parseInteger($0) }
    }
}
