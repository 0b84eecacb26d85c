/// Writes coordinates for SVG: fixed precision, "." always, no exponent, no "-0".
///
/// `String(describing:)` on a Double can give "1e-05" or "12.300000000000001", which makes golden
/// files flaky and some viewers unhappy; this rounds on decimal digits and trims trailing zeros.
/// Non-finite input is written as "0" so that a bad value can never break the document.
public enum SVGNumber {
    public static func string(_ value: Double, precision: Int = 2) -> String {
        guard let rounded = DecimalRounding(value, fractionDigits: precision) else { return "0" }
        var trimmed = rounded
        while let last = trimmed.fractionDigits.last, last == UInt8(ascii: "0") { trimmed.fractionDigits.removeLast() }
        return trimmed.string(decimalSeparator: ".", groupSeparator: nil)
    }
}
