import Testing
import NoaberModel
@testable import NoaberImport

/// The byte fast path of `VillageResolver` must answer exactly what `code(for:)` answers.
@Suite struct VillageResolverTests {
    static let villages = [
        Village(code: "SAA", name: "Saasveld", municipality: "Dinkelland", inhabitants: 1700),
        Village(code: "SA", name: "Sa", municipality: "Dinkelland", inhabitants: 10),
        Village(code: "D001", name: "Dorp een", municipality: "Dinkelland", inhabitants: 500),
        Village(code: "LANGECODE1", name: "Lang", municipality: "Dinkelland", inhabitants: 900),
        Village(code: "12345678", name: "Acht", municipality: "Dinkelland", inhabitants: 800),
    ]

    private func bytes(_ text: String, _ resolver: VillageResolver) -> String? {
        Array(text.utf8).withUnsafeBufferPointer { resolver.code(forBytes: $0) }
    }

    /// A village's name as people write it: any case, spaces for hyphens, accents left out; a
    /// folded form two villages share resolves to neither.
    @Test func namesAsPeopleWriteThem() {
        let villages = [
            Village(code: "LAT", name: "Lattrop-Breklenkamp", municipality: "Dinkelland", inhabitants: 1031),
            Village(code: "NDE", name: "Noord-Deurningen", municipality: "Dinkelland", inhabitants: 640),
            Village(code: "ZEE", name: "Zeë", municipality: "X", inhabitants: 10),
            Village(code: "AB1", name: "A-B", municipality: "X", inhabitants: 10),
            Village(code: "AB2", name: "AB", municipality: "X", inhabitants: 10),
        ]
        let resolver = VillageResolver(villages: villages)
        for (text, code) in [("Lattrop Breklenkamp", "LAT"), ("lattrop-breklenkamp", "LAT"), ("LATTROP BREKLENKAMP", "LAT"),
                             ("Noord Deurningen", "NDE"), (" noord-deurningen ", "NDE"), ("Zee", "ZEE"), ("A-B", "AB1"), ("AB", "AB2")] {
            #expect(resolver.code(for: text) == code, "\(text)")
            #expect(bytes(text, resolver) == code, "\(text)")
        }
        for text in ["Lattrop", "A B", "Breklenkamp Lattrop", "Lattrop-Breklenkamp\u{7}"] {
            #expect(resolver.code(for: text) == nil, "\(text)")
        }
        #expect(resolver.knownList == "AB1 (A-B), AB2 (AB), LAT (Lattrop-Breklenkamp), NDE (Noord-Deurningen), ZEE (Zeë)")
    }

    @Test func bytesAndTextAgree() {
        let resolver = VillageResolver(villages: Self.villages, profileLabels: ["Weerselo-kern": "D001"])
        let expected: [(String, String?)] = [
            ("SAA", "SAA"), ("SA", "SA"), ("S", nil), ("SAAA", nil), ("D001", "D001"), ("d001", "D001"),
            ("LANGECODE1", "LANGECODE1"), ("LANGECODE", nil), ("12345678", "12345678"), ("123456789", nil),
            ("Saasveld", "SAA"), ("saasveld", "SAA"), ("Weerselo-kern", "D001"), ("", nil), ("SA\u{0}", nil),
        ]
        for (text, code) in expected {
            #expect(bytes(text, resolver) == code, "\(text)")
            #expect(resolver.code(for: text) == code, "\(text)")
        }
    }

    /// A profile label may take over a code's spelling for another village: then that spelling
    /// must not be answered by the fast path as the village with that code.
    @Test func aLabelThatIsAnotherCodeWinsOnBothPaths() {
        let resolver = VillageResolver(villages: Self.villages, profileLabels: ["SA": "SAA"])
        #expect(resolver.code(for: "SA") == "SAA")
        #expect(bytes("SA", resolver) == "SAA")
        #expect(bytes("SAA", resolver) == "SAA")
    }
}
