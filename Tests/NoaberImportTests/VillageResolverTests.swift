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
