import Testing
@testable import NoaberImport

/// `BooleanParser` packs bytes into an integer; these tests hold it to the String `switch` it
/// replaced (kept here as the reference) over every short string of a tricky alphabet.
@Suite struct BooleanParserTests {
    /// The previous implementation: lowercase ASCII, decode as a String, switch on literals.
    static func reference(_ text: String) -> Bool?? {
        var copy = text
        return copy.withUTF8 { raw -> Bool?? in
            let b = ByteText.trimmed(raw)
            if b.isEmpty { return .some(false) }
            guard b.count <= 5 else { return .some(nil) }
            let lower = b.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
            switch String(decoding: lower, as: UTF8.self) {
            case "ja", "j", "x", "1", "true", "yes", "y", "waar": return .some(true)
            case "nee", "n", "0", "false", "no", "onwaar": return .some(false)
            default: return .some(nil)
            }
        }
    }

    func parsed(_ text: String) -> Bool? { try? BooleanParser.parse(text).get() }

    @Test func everyShortStringAgreesWithTheReference() {
        let alphabet = ["j", "A", "a", "N", "e", "o", "y", "S", "x", "1", "0", " ", "\u{212A}", "é", "\u{0}"]
        var strings = [""]
        for _ in 0..<3 { strings = strings + strings.flatMap { s in alphabet.map { s + $0 } } }
        strings = Array(Set(strings))
        #expect(strings.count > 3_000)
        for s in strings {
            #expect(parsed(s) == Self.reference(s) ?? nil, "\(Array(s.utf8))")
        }
    }

    @Test func theWordsInAnyCaseAndPadding() {
        let words = ["ja", "j", "x", "1", "true", "yes", "y", "waar", "nee", "n", "0", "false", "no", "onwaar",
                     "jaa", "tru", "truee", "nee ", "\u{A0}ja\u{A0}", "\tNO", "FaLsE", "wAAR", "ja\u{301}"]
        for w in words {
            for variant in [w, w.uppercased(), " " + w + " "] {
                #expect(parsed(variant) == Self.reference(variant) ?? nil, "\(variant)")
            }
        }
        #expect(parsed("WAAR") == true)
        #expect(parsed("False") == false)
        #expect(parsed("onwaar") == nil)   // six bytes: refused, as before
        #expect(parsed("\u{A0}") == false)
    }
}
