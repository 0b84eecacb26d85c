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
        #expect(int("1.700") == nil)      // 1.7 under auto: not whole
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
