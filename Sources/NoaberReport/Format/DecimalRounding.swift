/// Rounds a `Double` to a fixed number of decimals, half away from zero, on its *decimal* digits.
///
/// Why not `(x * 100).rounded()`: binary doubles make `1.005 * 100 == 100.49999…`, so a reader
/// who sees 1,005 in a table would see it rounded to 1,00 in the text. We round the shortest
/// decimal representation that round-trips (Swift's `description`), which is what people see and
/// type, so `0.125 → 0,13`, `2.675 → 2,68` and `-0.5 → -1`.
///
/// Edge cases: a result that rounds to zero never carries a minus sign (no "-0,0");
/// `scaleExponent` shifts the decimal point exactly (2 turns a share into a percentage without
/// a binary multiplication). Non-finite input returns nil.
///
/// - Complexity: O(d) in the number of digits; one small `String` allocation for `description`.
struct DecimalRounding: Sendable, Equatable {
    /// True when the rounded value is below zero (never true for a rounded zero).
    var isNegative: Bool
    /// ASCII digits of the integer part, without leading zeros (at least "0").
    var integerDigits: [UInt8]
    /// ASCII digits of the fraction part, exactly `fractionDigits` long.
    var fractionDigits: [UInt8]

    init?(_ value: Double, fractionDigits requested: Int, scaleExponent: Int = 0) {
        guard value.isFinite else { return nil }
        let places = max(0, min(requested, 20))
        var digits: [UInt8] = []      // digit values 0...9
        var point = 0                 // digits before the decimal point
        var exponent = 0
        var seenPoint = false
        var inExponent = false
        var exponentNegative = false
        for byte in value.magnitude.description.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inExponent {
                    exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
                } else {
                    digits.append(byte - UInt8(ascii: "0"))
                    if !seenPoint { point += 1 }
                }
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "-"): exponentNegative = true
            default: break
            }
        }
        point += (exponentNegative ? -exponent : exponent) + scaleExponent
        // Pad so that the integer part exists and the rounding digit is present.
        if point < 1 {
            digits.insert(contentsOf: repeatElement(0, count: 1 - point), at: 0)
            point = 1
        }
        let cut = point + places
        if digits.count < cut + 1 {
            digits.append(contentsOf: repeatElement(0, count: cut + 1 - digits.count))
        }
        var kept = Array(digits[0..<cut])
        if digits[cut] >= 5 {
            var index = kept.count - 1
            var carry = true
            while carry, index >= 0 {
                if kept[index] == 9 { kept[index] = 0; index -= 1 } else { kept[index] += 1; carry = false }
            }
            if carry { kept.insert(1, at: 0); point += 1 }
        }
        var integer = Array(kept[0..<point])
        while integer.count > 1, integer[0] == 0 { integer.removeFirst() }
        let fraction = Array(kept[point...])
        isNegative = value < 0 && kept.contains { $0 != 0 }
        integerDigits = integer.map { $0 + UInt8(ascii: "0") }
        fractionDigits = fraction.map { $0 + UInt8(ascii: "0") }
    }

    /// Joins the parts with the given separators; `group` is inserted every three integer digits.
    func string(decimalSeparator: String, groupSeparator: String?, minus: String = "-") -> String {
        var result = isNegative ? minus : ""
        let count = integerDigits.count
        for (offset, digit) in integerDigits.enumerated() {
            if let groupSeparator, offset > 0, (count - offset) % 3 == 0 { result += groupSeparator }
            result.unicodeScalars.append(Unicode.Scalar(digit))
        }
        if !fractionDigits.isEmpty {
            result += decimalSeparator
            for digit in fractionDigits { result.unicodeScalars.append(Unicode.Scalar(digit)) }
        }
        return result
    }
}
