import NoaberModel

/// Dutch and English number formatting for reports: `1.234,5` (nl) and `1,234.5` (en).
///
/// Hand-written over decimal digits (see `DecimalRounding`) instead of Foundation's
/// `NumberFormatter`, so that a report with thousands of cells does not build a formatter per
/// cell, the output never depends on the machine's locale or ICU version, and rounding is half
/// away from zero on the digits people see.
///
///     let nl = NumberFormatting(language: .nl)
///     nl.decimal(1234.5, fractionDigits: 1)           // "1.234,5"
///     nl.percent(0.123)                               // "12,3%"
///     nl.euros(1234)                                  // "€ 1.234" (no-break space)
///     nl.interval(12.3, lower: 10.1, upper: 14.6)     // "12,3 (95%-BI 10,1–14,6)"
///
/// Non-finite values are written as `notAvailable` ("–"), never as "nan" or "inf".
public struct NumberFormatting: Sendable, Hashable {
    public let language: Language

    public init(language: Language) { self.language = language }

    public static let dutch = NumberFormatting(language: .nl)
    public static let english = NumberFormatting(language: .en)

    /// "." in Dutch, "," in English.
    public var groupSeparator: String { language == .nl ? "." : "," }
    /// "," in Dutch, "." in English.
    public var decimalSeparator: String { language == .nl ? "," : "." }
    /// What a missing or non-finite figure reads as: an en dash.
    public var notAvailable: String { "–" }

    /// A number with a fixed number of decimals and thousands separators.
    public func decimal(_ value: Double, fractionDigits: Int = 0, grouping: Bool = true) -> String {
        guard let rounded = DecimalRounding(value, fractionDigits: fractionDigits) else { return notAvailable }
        return rounded.string(decimalSeparator: decimalSeparator, groupSeparator: grouping ? groupSeparator : nil)
    }

    /// A whole number with thousands separators; exact for every `Int`, including `Int.min`.
    public func integer(_ value: Int) -> String {
        let digits = Array(String(value.magnitude).utf8)
        var result = value < 0 ? "-" : ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result += groupSeparator }
            result.unicodeScalars.append(Unicode.Scalar(digit))
        }
        return result
    }

    /// A share (0.123) as a percentage ("12,3%"). The decimal point is shifted exactly, not
    /// multiplied in binary. Dutch and English both write the sign without a space.
    public func percent(_ share: Double, fractionDigits: Int = 1) -> String {
        guard let rounded = DecimalRounding(share, fractionDigits: fractionDigits, scaleExponent: 2) else {
            return notAvailable
        }
        return rounded.string(decimalSeparator: decimalSeparator, groupSeparator: groupSeparator) + "%"
    }

    /// An amount in euros: "€ 1.234" and "€ -1.234" in Dutch (a no-break space after the sign,
    /// so a line never ends on "€"), "€1,234" and "-€1,234" in English.
    public func euros(_ amount: Double, fractionDigits: Int = 0) -> String {
        guard let rounded = DecimalRounding(amount, fractionDigits: fractionDigits) else { return notAvailable }
        var magnitude = rounded
        magnitude.isNegative = false
        let digits = magnitude.string(decimalSeparator: decimalSeparator, groupSeparator: groupSeparator)
        switch language {
        case .nl: return "€\u{A0}" + (rounded.isNegative ? "-" : "") + digits
        case .en: return (rounded.isNegative ? "-" : "") + "€" + digits
        }
    }

    /// How a value is shown inside an interval.
    public enum IntervalStyle: Sendable, Hashable {
        case number
        case percent
        case euros
    }

    /// An estimate with its confidence interval: "12,3 (95%-BI 10,1–14,6)" or
    /// "12.3 (95% CI 10.1–14.6)". When a bound is negative the dash would read as a minus, so
    /// the bounds are joined by " tot " / " to " instead.
    ///
    /// `level` is the confidence level in percent (95, 99.8) and is written with this language's
    /// decimal separator.
    public func interval(_ estimate: Double, lower: Double, upper: Double, fractionDigits: Int = 1,
                         level: Double = 95, style: IntervalStyle = .number) -> String {
        func value(_ x: Double) -> String {
            switch style {
            case .number: return decimal(x, fractionDigits: fractionDigits)
            case .percent: return percent(x, fractionDigits: fractionDigits)
            case .euros: return euros(x, fractionDigits: fractionDigits)
            }
        }
        let levelText = decimal(level, fractionDigits: level.rounded() == level ? 0 : 1)
        let name = language == .nl ? "\(levelText)%-BI" : "\(levelText)% CI"
        let joiner = (lower < 0 || upper < 0) ? (language == .nl ? " tot " : " to ") : "–"
        return "\(value(estimate)) (\(name) \(value(lower))\(joiner)\(value(upper)))"
    }

    /// The text shown instead of a count smaller than the minimum cell size `k`: "<5".
    public func suppressed(minimumCell k: Int) -> String { "<\(integer(k))" }

    /// A count, or "<k" when disclosure control hides it (`0 < n < k`). A zero is a true zero
    /// and is shown; pass `minimumCell: nil` when suppression is switched off.
    public func count(_ n: Int, minimumCell k: Int?) -> String {
        if let k, n > 0, n < k { return suppressed(minimumCell: k) }
        return integer(n)
    }
}

/// The Dutch-by-default name the reporter's callers use.
public typealias DutchNumberFormat = NumberFormatting
