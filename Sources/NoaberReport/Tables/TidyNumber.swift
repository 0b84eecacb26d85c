import NoaberMetrics

/// The rounding rule of noaber's tidy output (`noaber metrics --format csv|json`,
/// `tables/metrics.csv`): every figure is rounded to **12 significant digits** (half away from
/// zero, on its decimal digits), then written in the shortest form that reads back as that value.
///
/// Why 12: a `Double` carries 15–17 significant digits, and sums and ratios leave binary noise in
/// the last one or two (`11311.794000000002`, `5637.599999999999`). No figure noaber computes is
/// meaningful to more than 12 digits, and every decimal of at most 15 digits survives a trip
/// through a `Double`, so the written text is exactly the rounded decimal: `11311.794`,
/// `5637.6`, `0.133047945205`. Integers up to 10¹² are written whole.
///
/// Edge cases: zero (and a negative zero) is `0`; non-finite values are returned unchanged (the
/// writers leave them empty or `null`); subnormal and huge values keep their exponent.
///
///     TidyNumber.rounded(11311.794000000002)   // 11311.794
///     TidyNumber.rounded(0.13304794520547944)  // 0.133047945205
///
/// - Complexity: O(1): one `description` and one parse of at most 24 characters.
public enum TidyNumber {
    /// Significant digits kept.
    public static let significantDigits = 12

    /// `value` rounded to ``significantDigits`` significant decimal digits.
    public static func rounded(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value == 0 ? 0 : value }
        var digits: [UInt8] = []          // digit values of the shortest form, leading zeros dropped
        var pointAfter = 0                // digits before the decimal point, counted in `digits`' terms
        var exponent = 0
        var seenPoint = false, inExponent = false, exponentNegative = false
        for byte in value.magnitude.description.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let d = byte - UInt8(ascii: "0")
                if inExponent {
                    exponent = exponent * 10 + Int(d)
                } else if digits.isEmpty && d == 0 {
                    if seenPoint { pointAfter -= 1 }      // 0.00123: each zero after the point shifts it
                } else {
                    digits.append(d)
                    if !seenPoint { pointAfter += 1 }
                }
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "-"): exponentNegative = true
            default: break
            }
        }
        guard digits.count > significantDigits else { return value }
        // The decimal exponent of the first significant digit: value = 0.d1d2… × 10^point.
        var point = pointAfter + (exponentNegative ? -exponent : exponent)
        var kept = Array(digits.prefix(significantDigits))
        if digits[significantDigits] >= 5 {
            var index = kept.count - 1
            while index >= 0, kept[index] == 9 { kept[index] = 0; index -= 1 }
            if index >= 0 { kept[index] += 1 } else { kept.insert(1, at: 0); kept.removeLast(); point += 1 }
        }
        var text = value < 0 ? "-0." : "0."
        for d in kept { text.unicodeScalars.append(Unicode.Scalar(d + UInt8(ascii: "0"))) }
        text += "e\(point)"
        return Double(text) ?? value
    }

    /// The row as tidy output writes it: figures rounded by ``rounded(_:)``; a suppressed row
    /// with no value or bounds, whatever it carried. Its `n` is left as disclosure control left it
    /// (empty for a hidden count, the inhabitants for a hidden rate: docs/disclosure.md).
    public static func tidy(_ row: MetricRow) -> MetricRow {
        var r = row
        if r.suppressed {
            r.value = nil
            r.lower = nil
            r.upper = nil
        } else {
            r.value = r.value.map(rounded)
            r.lower = r.lower.map(rounded)
            r.upper = r.upper.map(rounded)
        }
        return r
    }
}
