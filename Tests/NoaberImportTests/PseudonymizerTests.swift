import Testing
@testable import NoaberImport

/// Expected pseudonyms are computed independently with Python:
/// `hmac.new(bytes(range(32)), domain + b"\x1f" + id, hashlib.sha256).hexdigest()[:32]`.
@Suite struct PseudonymizerTests {
    static let key: [UInt8] = Array(0..<32)
    static let pseudonymizer = Pseudonymizer(keyBytes: key)

    @Test func matchesPythonReference() {
        let p = Self.pseudonymizer
        #expect(p.pseudonym(for: "P-0042", in: .person) == "26cd82115779027b170635475120f042")
        #expect(p.pseudonym(for: "P-0042", in: .volunteer) == "6ed885162dd9274f86c32138955e18d5")
        #expect(p.pseudonym(for: "x", in: .person) == "0128fee9c522dcec0da68ac4d8341b6c")
        #expect(p.pseudonym(for: "\u{e9}lodie-\u{df}", in: .person) == "ea3829a344b351e54e18eb80be244c82")
        // 100 bytes: the inner hash needs more than one block after the key block.
        #expect(p.pseudonym(for: String(repeating: "a", count: 100), in: .person) == "edc6185c62f5d7192d1e376dc29e9ee7")
        // Inner whitespace is part of the id.
        #expect(p.pseudonym(for: "P 0042", in: .person) == "83340fe7a298bc7bd4baab222cdfbbbf")
    }

    @Test func sameIdSamePseudonymAcrossInstances() {
        let again = Pseudonymizer(keyBytes: Self.key)
        #expect(again.pseudonym(for: "P-0042", in: .person) == Self.pseudonymizer.pseudonym(for: "P-0042", in: .person))
    }

    @Test func differentKeyGivesDifferentPseudonym() {
        var other = Self.key
        other[31] ^= 1
        let p = Pseudonymizer(keyBytes: other)
        #expect(p.pseudonym(for: "P-0042", in: .person) != Self.pseudonymizer.pseudonym(for: "P-0042", in: .person))
    }

    @Test func domainsKeepPersonAndVolunteerApart() {
        for id in ["1", "P-0042", "anna"] {
            #expect(Self.pseudonymizer.pseudonym(for: id, in: .person) != Self.pseudonymizer.pseudonym(for: id, in: .volunteer))
        }
    }

    @Test func surroundingWhitespaceIsTrimmed() {
        let p = Self.pseudonymizer
        let bare = "26cd82115779027b170635475120f042"
        for padded in [" P-0042", "P-0042 ", "\tP-0042\r\n", "\u{a0}P-0042\u{a0}", " \u{a0} P-0042\n\u{a0}"] {
            #expect(p.pseudonym(for: padded, in: .person) == bare, "\(Array(padded.utf8))")
        }
        // Case and inner characters are not normalised.
        #expect(p.pseudonym(for: "p-0042", in: .person) != bare)
    }

    @Test func emptyOrWhitespaceOnlyIsAnonymous() {
        for blank in ["", " ", "\t\r\n", "\u{a0}", " \u{a0}\u{a0} "] {
            #expect(Self.pseudonymizer.pseudonym(for: blank, in: .person) == nil)
            #expect(Self.pseudonymizer.pseudonym(for: blank, in: .volunteer) == nil)
        }
        #expect(Self.pseudonymizer.pseudonym(forBytes: UnsafeBufferPointer(start: nil, count: 0), in: .person) == nil)
    }

    @Test func loneNoBreakSpaceHalvesAreNotTrimmed() {
        // A stray 0xC2 or 0xA0 byte is not whitespace on its own.
        let p = Self.pseudonymizer
        let leading: [UInt8] = [0xA0] + Array("x".utf8)
        let trailing: [UInt8] = Array("x".utf8) + [0xC2]
        let x = p.pseudonym(for: "x", in: .person)
        #expect(leading.withUnsafeBufferPointer { p.pseudonym(forBytes: $0, in: .person) } != x)
        #expect(trailing.withUnsafeBufferPointer { p.pseudonym(forBytes: $0, in: .person) } != x)
    }

    @Test func byteAndStringAPIsAgree() {
        let p = Self.pseudonymizer
        for id in ["", " ", "P-0042", " 17 ", "\u{e9}lodie-\u{df}", String(repeating: "z", count: 200)] {
            for domain in [Pseudonymizer.Domain.person, .volunteer] {
                let bytes = Array(id.utf8)
                let viaBytes = bytes.withUnsafeBufferPointer { p.pseudonym(forBytes: $0, in: domain) }
                #expect(viaBytes == p.pseudonym(for: id, in: domain))
                // A Substring takes the same path.
                let padded = "[" + id + "]"
                let inner = padded.dropFirst().dropLast()
                #expect(p.pseudonym(for: inner, in: domain) == viaBytes)
            }
        }
    }

    @Test func outputIsThirtyTwoLowercaseHexCharacters() throws {
        for n in 1...80 {
            let pseudonym = try #require(Self.pseudonymizer.pseudonym(for: String(n * 7919), in: .person))
            #expect(pseudonym.utf8.count == 32)
            #expect(pseudonym.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        }
    }

    @Test func keyFileInitialiserUsesTheFileKey() {
        let file = KeyFile(path: "/nonexistent", key: Self.key)
        #expect(Pseudonymizer(key: file).pseudonym(for: "P-0042", in: .person) == "26cd82115779027b170635475120f042")
    }
}
