import Testing
@testable import NoaberModel

/// Identity scopes: the same source key in two villages is two people, in one municipality-wide
/// key system one person, and scoping never merges two people of one scope.
struct ScopedTokenTests {
    /// Villages number residents from 1: keys K1…K1000 in 100 villages give 100,000 distinct
    /// scoped tokens (an xor of raw FNV hashes collided here: "P12" in one village met "P13" in
    /// the next).
    @Test func villageKeysNeverMeetAcrossVillages() {
        var seen = Set<UInt64>()
        for v in 0..<100 {
            let scope = PersonToken.scopeHash(.village, name: "V\(v)")
            for k in 1...1000 { seen.insert(PersonToken.scoped(PersonToken.of("K\(k)"), to: scope)) }
        }
        #expect(seen.count == 100_000)
    }

    @Test func oneScopeKeepsOnePersonOne() {
        let municipality = PersonToken.scopeHash(.municipality, name: "Dinkelland")
        let a = PersonToken.scoped(PersonToken.of("K7"), to: municipality)
        #expect(a == PersonToken.scoped(PersonToken.of("K7"), to: municipality))
        #expect(a != PersonToken.scoped(PersonToken.of("K7"), to: PersonToken.scopeHash(.municipality, name: "Tubbergen")))
        // A village and a municipality of the same name are different scopes.
        #expect(PersonToken.scopeHash(.village, name: "X") != PersonToken.scopeHash(.municipality, name: "X"))
        // Within a scope the map is a bijection: distinct tokens stay distinct (a sweep of
        // neighbouring and hex-pseudonym tokens).
        var seen = Set<UInt64>()
        for t in UInt64(0)..<50_000 { seen.insert(PersonToken.scoped(t, to: municipality)) }
        #expect(seen.count == 50_000)
    }
}
