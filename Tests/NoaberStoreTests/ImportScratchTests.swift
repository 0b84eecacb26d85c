import Testing
@testable import NoaberStore

/// `ImportScratch.earlierLine` against a dictionary kept by hand: the first line of each
/// `(village, case_id)`, whatever order the keys come in.
@Suite struct ImportScratchTests {
    /// Runs `keys` (village, case_id) through a scratch and a dictionary; expects equal answers.
    func expectSameAsDictionary(_ keys: [(String, String)]) throws {
        let scratch = try ImportScratch()
        var reference: [[UInt8]: Int] = [:]   // keyed by bytes: SQLite's BINARY collation
        for (offset, (village, caseID)) in keys.enumerated() {
            let line = offset + 2
            let key = Array(village.utf8) + [0] + Array(caseID.utf8)
            let expected = reference[key]
            if expected == nil { reference[key] = line }
            let got = try scratch.earlierLine(village: village, caseID: caseID, line: line)
            #expect(got == expected, "\(village)/\(caseID) on line \(line)")
        }
    }

    @Test func sortedKeysWithoutDuplicatesAreAllNew() throws {
        try expectSameAsDictionary((0..<1_000).map { ("SAA", String(format: "C%05d", $0)) })
    }

    @Test func duplicatesAreFoundWhereverTheyFall() throws {
        var keys: [(String, String)] = []
        for i in 0..<300 {
            keys.append(("SAA", String(format: "C%05d", i)))
            if i % 37 == 5 { keys.append(("SAA", String(format: "C%05d", i - 3))) }   // behind the largest
            if i % 50 == 9 { keys.append(("SAA", String(format: "C%05d", i))) }       // equal to the largest
            if i % 64 == 63 { keys.append(("SAA", "C00000")) }                          // right after a full queue
        }
        keys.append(("SAA", "C00299"))
        try expectSameAsDictionary(keys)
    }

    @Test func villagesKeepTheirOwnOrderAndKeys() throws {
        var keys: [(String, String)] = []
        for i in 0..<400 {
            keys.append((["SAA", "DEU", "WEE"][i % 3], "K\(1_000 + i / 3)"))
        }
        keys += [("DEU", "K1000"), ("SAA", "K1000"), ("XXX", "K1000"), ("WEE", "K0999"), ("WEE", "K0999")]
        try expectSameAsDictionary(keys)
    }

    @Test func unsortedAndShuffledKeys() throws {
        var generator = SplitMix(seed: 42)
        var keys: [(String, String)] = []
        for _ in 0..<2_000 {
            keys.append((["SAA", "DEU"][Int(generator.next() % 2)], "R\(generator.next() % 700)"))
        }
        try expectSameAsDictionary(keys)
    }

    @Test func keysCompareAsBytesNotAsEquivalentUnicode() throws {
        // "é" precomposed and decomposed are equal Swift Strings but different keys in SQLite;
        // the ordering shortcut must not merge them (or order them) the way Swift does.
        try expectSameAsDictionary([("SAA", "caf\u{E9}"), ("SAA", "cafe\u{301}"), ("SAA", "caf\u{E9}"),
                                    ("SAA", "cafe\u{301}"), ("SAA", "cafe"), ("SAA", "caf\u{E9}!")])
    }
}

/// A tiny deterministic generator, so the shuffled test is the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
