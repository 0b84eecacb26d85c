import NoaberCSV
import NoaberMetrics
import Testing
@testable import NoaberReport

/// The tidy files' rounding rule: 12 significant digits, shortest form, no binary noise.
@Suite struct TidyNumberTests {
    @Test("binary noise goes, digits that were computed stay", arguments: [
        (11311.794000000002, "11311.794"), (5637.599999999999, "5637.6"), (166.69799999999998, "166.698"),
        (0.13304794520547944, "0.133047945205"), (55.08684863523573, "55.0868486352"), (0.1 + 0.2, "0.3"),
        (2015, "2015"), (0.5, "0.5"), (-10, "-10"), (-0.30000000000000004, "-0.3"), (1e-7, "0.0000001"),
        (123456789012.5, "123456789013"), (999999999999.6, "1000000000000"), (0.99999999999995, "1"),
        (1.2345678901234567e20, "123456789012000000000"), (0, "0"), (-0.0, "0"),
    ] as [(Double, String)])
    func rounding(value: Double, written: String) {
        var bytes: [UInt8] = []
        CSVWriter.appendNumber(TidyNumber.rounded(value), fractionDigits: nil, decimalComma: false, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == written, "\(value)")
    }

    @Test func valuesWithTwelveDigitsOrFewerAreUntouched() {
        for value in [1.0, 0.1, 123456789012, 1e-300, .leastNonzeroMagnitude, .greatestFiniteMagnitude / 1e300] {
            let rounded = TidyNumber.rounded(value)
            #expect(rounded == value || value.description.filter(\.isNumber).count > 12, "\(value)")
        }
        #expect(TidyNumber.rounded(.infinity) == .infinity)
        #expect(TidyNumber.rounded(.nan).isNaN)
    }

    /// Over many values: the written text has at most 12 significant digits and reads back within
    /// half a unit of the 12th digit.
    @Test func sweep() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let value = Double.random(in: -1...1, using: &generator) * Double(sign: .plus, exponent: Int.random(in: -40...60), significand: 1)
            let rounded = TidyNumber.rounded(value)
            // Significant digits of the written form: no leading zeros, no trailing ones (1.50 is 2).
            let mantissa = rounded.magnitude.description.split(separator: "e").first.map { $0.filter(\.isNumber) } ?? ""
            let digits = mantissa.drop { $0 == "0" }.reversed().drop { $0 == "0" }
            #expect(digits.count <= 12, "\(value) → \(rounded)")
            #expect((rounded - value).magnitude <= value.magnitude * 5e-12, "\(value) → \(rounded)")
        }
    }

    /// Whatever a suppressed row carries, no figure is written; n stays as disclosure control
    /// left it (a hidden rate keeps its denominator of inhabitants).
    @Test func suppressedRowsCarryNoFigure() {
        let row = MetricRow(village: "AAA", period: "2024", metric: "reach_per_1000", value: 3, lower: 1, upper: 6, n: 2000, suppressed: true)
        let tidy = TidyNumber.tidy(row)
        #expect(tidy.value == nil && tidy.lower == nil && tidy.upper == nil && tidy.n == 2000 && tidy.suppressed)
        #expect(tidy.village == "AAA" && tidy.period == "2024" && tidy.metric == "reach_per_1000")
    }
}
