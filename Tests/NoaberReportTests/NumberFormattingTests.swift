import Testing
@testable import NoaberReport

/// Expected strings written by hand from the Dutch and English conventions.
@Suite struct NumberFormattingTests {
    let nl = NumberFormatting.dutch
    let en = NumberFormatting.english

    @Test(arguments: [
        (1234.5, 1, "1.234,5", "1,234.5"),
        (0, 0, "0", "0"),
        (0, 2, "0,00", "0.00"),
        (-0.0, 1, "0,0", "0.0"),
        (-0.04, 1, "0,0", "0.0"),          // rounds to zero: no minus sign
        (-0.05, 1, "-0,1", "-0.1"),        // half away from zero
        (0.5, 0, "1", "1"),
        (1.5, 0, "2", "2"),
        (2.5, 0, "3", "3"),                // not banker's rounding
        (-2.5, 0, "-3", "-3"),
        (0.125, 2, "0,13", "0.13"),
        (1.005, 2, "1,01", "1.01"),        // decimal digits, not binary 1.00499…
        (2.675, 2, "2,68", "2.68"),
        (999.95, 1, "1.000,0", "1,000.0"), // carry into a new group
        (9.999, 2, "10,00", "10.00"),
        (1234567.891, 2, "1.234.567,89", "1,234,567.89"),
        (-1234567, 0, "-1.234.567", "-1,234,567"),
        (1e16, 0, "10.000.000.000.000.000", "10,000,000,000,000,000"),
        (1.5e-7, 3, "0,000", "0.000"),
        (123, 3, "123,000", "123.000"),
    ] as [(Double, Int, String, String)])
    func decimals(value: Double, digits: Int, dutch: String, english: String) {
        #expect(nl.decimal(value, fractionDigits: digits) == dutch)
        #expect(en.decimal(value, fractionDigits: digits) == english)
    }

    @Test func nonFiniteIsNotAvailable() {
        #expect(nl.decimal(.nan) == "–")
        #expect(en.percent(.infinity) == "–")
        #expect(nl.euros(-.infinity) == "–")
    }

    @Test func integers() {
        #expect(nl.integer(0) == "0")
        #expect(nl.integer(999) == "999")
        #expect(nl.integer(1000) == "1.000")
        #expect(en.integer(-1_234_567) == "-1,234,567")
        #expect(nl.integer(Int.min) == "-9.223.372.036.854.775.808")
        #expect(en.integer(Int.max) == "9,223,372,036,854,775,807")
    }

    @Test func percentages() {
        #expect(nl.percent(0.123) == "12,3%")
        #expect(en.percent(0.123) == "12.3%")
        #expect(nl.percent(0.12345, fractionDigits: 2) == "12,35%")   // 12.345 exactly half
        #expect(nl.percent(1) == "100,0%")
        #expect(nl.percent(0, fractionDigits: 0) == "0%")
        #expect(nl.percent(-0.0004) == "0,0%")
        #expect(en.percent(12.5, fractionDigits: 0) == "1,250%")
    }

    @Test func euros() {
        #expect(nl.euros(1234) == "€\u{A0}1.234")
        #expect(en.euros(1234) == "€1,234")
        #expect(nl.euros(-1234.5, fractionDigits: 2) == "€\u{A0}-1.234,50")
        #expect(en.euros(-1234.5, fractionDigits: 2) == "-€1,234.50")
        #expect(nl.euros(-0.4) == "€\u{A0}0")
        #expect(en.euros(0.5) == "€1")
    }

    @Test func intervals() {
        #expect(nl.interval(12.3, lower: 10.1, upper: 14.6) == "12,3 (95%-BI 10,1–14,6)")
        #expect(en.interval(12.3, lower: 10.1, upper: 14.6) == "12.3 (95% CI 10.1–14.6)")
        #expect(nl.interval(0.123, lower: 0.101, upper: 0.146, level: 99.8, style: .percent)
                == "12,3% (99,8%-BI 10,1%–14,6%)")
        #expect(nl.interval(-1.5, lower: -2.25, upper: -0.75) == "-1,5 (95%-BI -2,3 tot -0,8)")
        #expect(en.interval(1, lower: -1, upper: 3, fractionDigits: 0) == "1 (95% CI -1 to 3)")
        #expect(en.interval(1000, lower: 500, upper: 1500, fractionDigits: 0, style: .euros) == "€1,000 (95% CI €500–€1,500)")
    }

    @Test func suppression() {
        #expect(nl.suppressed(minimumCell: 5) == "<5")
        #expect(nl.count(3, minimumCell: 5) == "<5")
        #expect(nl.count(4, minimumCell: 5) == "<5")
        #expect(nl.count(5, minimumCell: 5) == "5")
        #expect(nl.count(0, minimumCell: 5) == "0")
        #expect(nl.count(3, minimumCell: nil) == "3")
        #expect(en.count(12_345, minimumCell: 10) == "12,345")
    }

    @Test func svgNumbersHaveNoLocaleNoExponentAndNoNegativeZero() {
        #expect(SVGNumber.string(12.3) == "12.3")
        #expect(SVGNumber.string(12.300000000000001) == "12.3")
        #expect(SVGNumber.string(1e-5) == "0")
        #expect(SVGNumber.string(-0.001) == "0")
        #expect(SVGNumber.string(1234567) == "1234567")
        #expect(SVGNumber.string(-3.14159) == "-3.14")
        #expect(SVGNumber.string(.nan) == "0")
    }
}
