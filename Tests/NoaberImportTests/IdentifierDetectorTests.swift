import Testing
@testable import NoaberImport

/// Positive and negative examples of every kind the detector knows, in cells and in tokens.
@Suite struct IdentifierDetectorTests {
    typealias Kind = IdentifierDetector.Kind

    @Test(arguments: [
        // Names, with particles, initials, diacritics, hyphens, capitals, surname first.
        ("Jan de Vries", Kind.name), ("Hendrika Oude Luttikhuis", .name), ("Gerrit Oude Luttikhuis", .name),
        ("J. van der Berg", .name), ("J.H. Jansen", .name), ("Piet van den Bosch", .name), ("Zoë Ëlzinga", .name),
        ("Åsa Sjöberg-Nijhuis", .name), ("Hélène Brinkhuis-ter Horst", .name), ("Trees Oolderink", .name),
        ("Jansen, Piet", .name), ("JAN DE VRIES", .name), ("Anna Kamphuis", .name), ("Wim 't Hart", .name),
        ("gebeld met Marietje Nijhuis over vervoer", .name), ("Ans  Geerdink", .name), ("Jan ter Horst", .name),
        // Phone numbers.
        ("06-12345678", .phone), ("0612345678", .phone), ("+31 6 12345678", .phone), ("+31612345678", .phone),
        ("0031 6 12345678", .phone), ("053 123 4567", .phone), ("0541-123456", .phone), ("+31 (0)541 654321", .phone),
        ("06 12 34 56 78", .phone), ("06 1234 5678", .phone), ("tel. 06-12345678", .phone), ("(053) 1234567", .phone),
        ("0612345679", .phone), ("06-98765432", .phone), ("bel 053-4881234 na 17u", .phone),
        // E-mail.
        ("zoe.elzinga@example.nl", .email), ("j.de.vries@voorbeeld.nl", .email), ("HELENE.B@EXAMPLE.ORG", .email),
        ("mail: a@b.co", .email), ("anna.kamphuis@example.nl", .email),
        // BSN (11-proef).
        ("111222333", .bsn), ("123456782", .bsn), ("123.456.782", .bsn), ("1234.56.782", .bsn), ("123 456 782", .bsn),
        ("BSN: 111222333", .bsn),
        // IBAN (mod 97).
        ("NL91ABNA0417164300", .iban), ("NL91 ABNA 0417 1643 00", .iban), ("nl91abna0417164300", .iban),
        ("GB82WEST12345698765432", .iban), ("rek. NL91ABNA0417164300 t.n.v.", .iban),
        // Postcode with house number, or with a place.
        ("7576 AB 12", .postcode), ("7576AB 12", .postcode), ("7576 AB, 12a", .postcode), ("7591 NK-3", .postcode),
        ("7576 AB Saasveld", .postcode), ("Dorpsstraat 12, 7576 AB Saasveld", .postcode),
    ])
    func identifiersAreFound(_ text: String, _ kind: Kind) {
        #expect(IdentifierDetector.text.firstMatch(in: text) == kind, "\(text)")
        #expect(IdentifierDetector.text.matches(text))
    }

    @Test(arguments: [
        // Codes and labels.
        "loneliness", "huisarts", "caregiver_support", "eenzaamheid", "informele hulp", "inwoner zelf", "Eenzaamheid",
        "Huisarts", "health and care", "85 jaar en ouder", "75-84 jaar", "85+", "0-17", "ja", "nee", "n.v.t.", "N.V.T.",
        "vervoer, mantelzorgondersteuning", "bericht (app/sms)", "doorverwezen naar formele zorg", "Hendrika",
        // Case ids and file numbers.
        "K-2024-017", "DEU-00001", "SAA-K00001", "CL/2024/00917", "KLT-778201", "2024JV003", "D001-00001", "C1",
        "W01-2024-0017", "PRV-1000",
        // Dates, times, numbers.
        "5-3-2024", "05-03-2024", "2024-03-05", "2024-03-05T10:15", "01-02-2024 12:30", "5-3-2024 9:25", "45356",
        "45356.604167", "62,5", "0,75", "30001", "-5", "1e9", "2958465,9999", "31-2-2024", "0.123456789",
        "123456789", "111222334", "12345678", "1234567890", "0012345678", "7576", "7576 AB", "7576AB12",
        // Near misses of e-mail and IBAN.
        "@SUM(1)", "a@b", "user@localhost", "NL91ABNA0417164301", "NL00", "=HYPERLINK(\"http://x\",\"y\")",
        // Pseudonyms (32 hex characters) must not trip the number checks.
        "3f0612345678a9b0c1d2e3f405060708", "a111222333bcdef0123456789abcdef0", "ab0612345678cdef0000000000000000",
    ])
    func ordinaryValuesAreNotFlagged(_ text: String) {
        #expect(IdentifierDetector.text.firstMatch(in: text) == nil, "\(text)")
    }

    @Test func tokensTreatEveryNonDigitAsABoundary() {
        let token = IdentifierDetector.token
        #expect(token.firstMatch(in: "K111222333") == .bsn)
        #expect(IdentifierDetector.text.firstMatch(in: "K111222333") == nil, "in text a letter glued to digits is a code")
        #expect(token.firstMatch(in: "K-0612345678") == .phone)
        #expect(token.firstMatch(in: "06-12345678") == .phone)
        #expect(token.firstMatch(in: "NL91ABNA0417164300") == .iban)
        // File numbers that look like numbers split in many groups, or a postcode shape.
        for id in ["W01-2024-0017", "01-2024-0017", "2024JV-003", "2024.12.345", "K-2024-017", "D012-34567", "SAA-00001"] {
            #expect(token.firstMatch(in: id) == nil, "\(id)")
        }
    }

    @Test func theElevenTestIsExact() {
        // 9·1 + 8·1 + 7·1 + 6·2 + 5·2 + 4·2 + 3·3 + 2·3 − 3 = 66 = 6·11.
        #expect(IdentifierDetector.passesElevenTest([1, 1, 1, 2, 2, 2, 3, 3, 3]))
        #expect(!IdentifierDetector.passesElevenTest([1, 1, 1, 2, 2, 2, 3, 3, 4]))
        #expect(!IdentifierDetector.passesElevenTest([0, 0, 0, 0, 0, 0, 0, 0, 0]), "all zeros is not a BSN")
        // Of all nine-digit numbers about one in eleven passes.
        var passing = 0
        var n = 100_000_000
        for _ in 0..<11_000 {
            let d = String(n).compactMap(\.wholeNumberValue)
            if IdentifierDetector.passesElevenTest(d) { passing += 1 }
            n += 81_619
        }
        #expect(abs(passing - 1_000) < 150, "\(passing)")
    }

    @Test func ibanCheckIsMod97() {
        #expect(IdentifierDetector.mod97(Array("NL91ABNA0417164300".utf8), length: 18) == 1)
        #expect(IdentifierDetector.mod97(Array("NL91ABNA0417164301".utf8), length: 18) != 1)
    }

    @Test func edgesOfTheInput() {
        let d = IdentifierDetector.text
        for empty in ["", " ", "@", "+", "+31", "0", "06", "A B", "É"] { #expect(d.firstMatch(in: empty) == nil, "\(empty)") }
        // Bytes and String agree.
        let text = "bel Jan de Vries op 06-12345678"
        var copy = text
        #expect(copy.withUTF8 { d.firstMatch(in: $0) } == d.firstMatch(in: text))
        // The first kind in priority order wins: e-mail before name.
        #expect(d.firstMatch(in: "Jan de Vries <jan@vries.nl>") == .email)
    }
}
