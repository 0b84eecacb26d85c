import Testing
@testable import NoaberImport

/// The cache must answer exactly what the pseudonymiser answers, for every id, however often and
/// in whatever order ids come back, including ids that share a slot.
@Suite struct PseudonymCacheTests {
    static let pseudonymizer = Pseudonymizer(keyBytes: Array(0..<32))

    private func lookUp(_ cache: PseudonymCache, _ id: String) -> String? {
        Array(id.utf8).withUnsafeBufferPointer { cache.pseudonym(forBytes: $0) }
    }

    @Test func repeatsGiveThePythonReferenceValues() {
        // Expected values from Python: hmac.new(bytes(range(32)), domain + b"\x1f" + id, sha256).hexdigest()[:32]
        let people = PseudonymCache(Self.pseudonymizer, domain: .person)
        let volunteers = PseudonymCache(Self.pseudonymizer, domain: .volunteer)
        for _ in 0..<3 {
            #expect(lookUp(people, "P-0042") == "26cd82115779027b170635475120f042")
            #expect(lookUp(volunteers, "P-0042") == "6ed885162dd9274f86c32138955e18d5")
            #expect(lookUp(people, "x") == "0128fee9c522dcec0da68ac4d8341b6c")
        }
    }

    @Test func manyIdsSharingSlotsMatchThePseudonymiser() {
        let cache = PseudonymCache(Self.pseudonymizer, domain: .person)
        // 20,000 distinct ids over 8,192 slots, visited twice in different orders, plus ids past
        // the 32-byte key limit, a prefix of another id, and ids that are empty after trimming.
        var ids = (0..<20_000).map { "D\($0 % 7)-K\($0)" }
        ids += [String(repeating: "a", count: 32), String(repeating: "a", count: 33), String(repeating: "a", count: 100),
                "D1-K1", "D1-K", "  ", " ", "P-0042 "]
        for id in ids + ids.reversed() + ids {
            #expect(lookUp(cache, id) == Self.pseudonymizer.pseudonym(for: id, in: .person), "\(id)")
        }
    }
}
