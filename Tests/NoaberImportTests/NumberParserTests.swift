import Testing
@testable import NoaberImport

@Suite struct NumberParserTests {
    func value(_ text: String, _ sep: DecimalSeparator = .auto) -> Double?? {
        switch NumberParser(separator: sep).parseDecimal(text) {
        case .success(let v): return .some(v)
        case .failure: return .none
        }
    }

    @Test func autoAcceptsEitherSeparatorAlone() {
        #expect(value("12,5") == 12.5)
        #expect(value("12.5") == 12.5)
        #expect(value("-3,25") == -3.25)
        #expect(value("+7") == 7)
        #expect(value("0") == 0)
        #expect(value(",5") == 0.5)
        #expect(value(" 45 ") == 45)
        #expect(value("") == .some(nil))
    }

    @Test func autoRefusesAmbiguity() {
        #expect(value("1.234,5") == nil)
        #expect(value("1,234.5") == nil)
        #expect(value("1.234.567") == nil)
        #expect(value("12a") == nil)
        #expect(value("-") == nil)
        #expect(value(".") == nil)
        #expect(value("1e5") == nil)
    }

    @Test func explicitCommaAllowsDotGroupingInThrees() {
        #expect(value("1.234,5", .comma) == 1234.5)
        #expect(value("1.234.567", .comma) == 1_234_567)
        #expect(value("12,75", .comma) == 12.75)
        #expect(value("1.23", .comma) == nil)        // not a valid group of three
        #expect(value("1.2345,6", .comma) == nil)
        #expect(value("12,5,5", .comma) == nil)
    }

    /// One separator before exactly three digits is thousands in Dutch and decimals in English:
    /// `34.320` euros could be €34,320 or €34.32. Under `.auto` it is refused, never guessed.
    @Test func autoRefusesAThousandsOrDecimalsGuess() {
        for t in ["34.320", "34,320", "1.700", "999,999", "-1.234", "+12.500"] {
            #expect(value(t) == nil, "\(t)")
            if case .failure(let p) = NumberParser().parseDecimal(t) { #expect(p == .thousandsOrDecimals(t.trimmingCharacters(in: .whitespaces))) }
        }
        for (t, v) in [("0.125", 0.125), ("62.5", 62.5), ("1.2345", 1.2345), ("12.50", 12.5), ("1234.567", 1234.567), ("0,750", 0.75)] {
            #expect(value(t) == v, "\(t)")
        }
        #expect(value("34.320", .comma) == 34_320)
        #expect(value("34.320", .point) == 34.32)
    }

    @Test func explicitPointMirrorsComma() {
        #expect(value("1,234.5", .point) == 1234.5)
        #expect(value("12.5", .point) == 12.5)
        #expect(value("12,5", .point) == nil)
    }

    @Test func integers() {
        func int(_ t: String, _ s: DecimalSeparator = .auto) -> Int?? {
            if case .success(let v) = NumberParser(separator: s).parseInteger(t) { return .some(v) }
            return .none
        }
        #expect(int("1700") == 1700)
        #expect(int("1.700", .comma) == 1700)
        #expect(int("1.700") == 1700)     // a whole number cannot be 1.7: thousands
        #expect(int("1,700") == 1700)
        #expect(int("1.234.567") == 1_234_567)
        #expect(int("1,0") == 1)
        #expect(int("1.70") == nil)       // 1.7, not whole, and not a group of three
        #expect(int("12,5") == nil)
        #expect(int("") == .some(nil))
    }

    @Test func booleans() {
        for t in ["ja", "JA", "j", "x", "X", "1", "true", "yes", "Y", " ja "] {
            #expect((try? BooleanParser.parse(t).get()) == true, "\(t)")
        }
        for t in ["nee", "n", "0", "false", "no", "", "  "] {
            #expect((try? BooleanParser.parse(t).get()) == false, "\(t)")
        }
        for t in ["misschien", "2", "jaa", "nope"] {
            #expect((try? BooleanParser.parse(t).get()) == nil, "\(t)")
        }
    }
}
