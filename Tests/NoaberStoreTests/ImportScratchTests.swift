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

/// The chunked storage of in-order keys (`KeyRun` written as one `chunks` row per run) against
/// the same dictionary, at the places where a chunked store can go wrong.
@Suite struct ImportScratchChunkTests {
    let check = ImportScratchTests()

    func key(_ i: Int) -> String { String(format: "C%06d", i) }

    @Test func duplicatesAtEveryChunkBoundary() throws {
        let n = 4 * ImportScratch.runKeys + 7
        var keys: [(String, String)] = (0..<n).map { ("SAA", key($0)) }
        // First and last key of every written chunk, and their neighbours.
        for c in 0..<4 {
            let first = c * ImportScratch.runKeys
            for i in [first - 1, first, first + 1, first + ImportScratch.runKeys - 1] where i >= 0 {
                keys.append(("SAA", key(i)))
            }
        }
        // Missing keys between chunks and before the first one are new, then duplicates.
        keys += [("SAA", "C"), ("SAA", "C000255a"), ("SAA", "C"), ("SAA", "C000255a"), ("SAA", "B")]
        try check.expectSameAsDictionary(keys)
    }

    @Test func duplicatesInTheUnwrittenRun() throws {
        let n = ImportScratch.runKeys + 10   // one chunk written, ten keys still buffered
        var keys: [(String, String)] = (0..<n).map { ("SAA", key($0)) }
        keys += [("SAA", key(n - 1)), ("SAA", key(n - 10)), ("SAA", key(n - 5)), ("SAA", key(n - 11)),
                 ("SAA", key(n - 3) + "x"), ("SAA", key(n - 3) + "x")]
        try check.expectSameAsDictionary(keys)
    }

    @Test func duplicateRightAfterAChunkIsWritten() throws {
        let n = ImportScratch.runKeys   // exactly one full run: written, nothing buffered
        var keys: [(String, String)] = (0..<n).map { ("SAA", key($0)) }
        keys += [("SAA", key(n - 1)), ("SAA", key(0)), ("SAA", key(n / 2)), ("SAA", key(n)), ("SAA", key(n))]
        try check.expectSameAsDictionary(keys)
    }

    @Test func manyVillagesInterleaved() throws {
        var generator = SplitMix(seed: 7)
        let villages = (0..<40).map { "V\($0)" }
        var next = [Int](repeating: 0, count: villages.count)
        var keys: [(String, String)] = []
        for _ in 0..<30_000 {
            let v = Int(generator.next() % UInt64(villages.count))
            if generator.next() % 50 == 0 {
                // A duplicate or a gap key of this village, anywhere behind its largest.
                keys.append((villages[v], key(Int(generator.next() % UInt64(next[v] + 1)) * 2 + Int(generator.next() % 2))))
            } else {
                keys.append((villages[v], key(next[v] * 2)))
                next[v] += 1
            }
        }
        try check.expectSameAsDictionary(keys)
    }

    @Test func manySlowVillagesHitTheOverallBufferBound() throws {
        // 120 villages filling their runs round-robin: the total bound (not a full run) writes them.
        let villages = (0..<120).map { "V\($0)" }
        var keys: [(String, String)] = []
        for i in 0..<200 { for v in villages { keys.append((v, key(i))) } }
        #expect(villages.count * 200 > ImportScratch.bufferedKeys)
        #expect(200 < ImportScratch.runKeys)
        for i in [0, 1, 136, 137, 199] { for v in villages.prefix(3) { keys.append((v, key(i))) } }
        try check.expectSameAsDictionary(keys)
    }

    @Test func keysThatArePrefixesOfEachOther() throws {
        // BINARY order: "1" < "10" < "100" < "11" < "2"; in-order runs over prefixes, then repeats.
        var keys: [(String, String)] = []
        var k = ""
        for i in 0..<600 {
            k += String(i % 10)
            if k.count > 20 { k = String(i) }
            keys.append(("SAA", k))
        }
        var rng = SplitMix(seed: 3)
        keys += keys.shuffled(using: &rng)
        keys += ["", "1", "10", "100", "1000", "", "9", "99"].map { ("SAA", $0) }
        try check.expectSameAsDictionary(keys)
    }

    @Test func nonASCIIBytesOrderAsBytes() throws {
        // UTF-8 lead bytes ≥ 0xC3 sort after every ASCII byte, whatever Swift thinks of the strings.
        let alphabet = ["a", "z", "\u{E9}", "e\u{301}", "\u{1F600}", "\u{7F}", "\u{80}", "\u{FF}", "~"]
        var generator = SplitMix(seed: 11)
        var keys: [(String, String)] = []
        for _ in 0..<5_000 {
            var k = ""
            for _ in 0..<(1 + Int(generator.next() % 4)) { k += alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            keys.append(("SAA", k))
        }
        // Sorted by bytes, so most of them take the in-order path, then everything again.
        let sorted = keys.sorted { Array($0.1.utf8).lexicographicallyPrecedes(Array($1.1.utf8)) }
        try check.expectSameAsDictionary(sorted + keys)
    }

    @Test func longKeysFillARunByBytes() throws {
        let long = String(repeating: "x", count: 1_000)
        var keys: [(String, String)] = (0..<40).map { ("SAA", long + key($0)) }
        keys += (0..<40).reversed().map { ("SAA", long + key($0)) }
        keys += [("SAA", long), ("SAA", long + key(39) + "0")]
        try check.expectSameAsDictionary(keys)
    }

    @Test func randomSequencesAgainstBruteForce() throws {
        // Mostly increasing runs per village with random jumps back, repeats and equal keys.
        for seed in UInt64(1)...6 {
            var generator = SplitMix(seed: seed)
            let villageCount = 1 + Int(generator.next() % 5)
            var cursor = [Int](repeating: 0, count: villageCount)
            var keys: [(String, String)] = []
            for _ in 0..<(2_000 + Int(generator.next() % 3_000)) {
                let v = Int(generator.next() % UInt64(villageCount))
                switch generator.next() % 20 {
                case 0: cursor[v] = Int(generator.next() % UInt64(cursor[v] + 1))   // jump back
                case 1: break                                                     // repeat
                default: cursor[v] += 1 + Int(generator.next() % 3)
                }
                keys.append(("W\(v)", String(cursor[v])))   // decimal strings: prefixes everywhere
            }
            try check.expectSameAsDictionary(keys)
        }
    }
}

/// `KeyRun` on its own: the in-memory search and the blob read back agree with a linear scan.
@Suite struct KeyRunTests {
    @Test func encodedBlobAnswersLikeTheRun() {
        let keys = ["", "a", "a\u{0}", "ab", "b", "\u{E9}", "\u{E9}\u{E9}"].map { Array($0.utf8) }
        var run = KeyRun()
        for (i, k) in keys.enumerated() { k.withUnsafeBufferPointer { run.append($0, line: 100 + i) } }
        var blob: [UInt8] = []
        run.encode(into: &blob)
        #expect(blob.count == 4 + 12 * keys.count + keys.reduce(0) { $0 + $1.count })
        let probes = keys + ["a\u{0}\u{0}", "aa", "c", "\u{E8}", "\u{E9}a"].map { Array($0.utf8) }
        for probe in probes {
            let expected = keys.firstIndex(of: probe).map { 100 + $0 }
            probe.withUnsafeBufferPointer { p in
                #expect(run.line(of: p) == expected)
                blob.withUnsafeBytes { #expect(KeyRun.line(of: p, inEncoded: $0) == expected) }
            }
        }
    }

    @Test func truncatedBlobHoldsNothing() {
        let probe: [UInt8] = [0x61]
        probe.withUnsafeBufferPointer { p in
            [UInt8]([]).withUnsafeBytes { #expect(KeyRun.line(of: p, inEncoded: $0) == nil) }
            [UInt8]([5, 0, 0, 0, 1]).withUnsafeBytes { #expect(KeyRun.line(of: p, inEncoded: $0) == nil) }
        }
    }

    @Test func compareIsMemcmpThenLength() {
        func c(_ a: [UInt8], _ b: [UInt8]) -> Int {
            a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in KeyRun.compare(x, y) } }
        }
        #expect(c([], []) == 0)
        #expect(c([], [0]) < 0)
        #expect(c([1], [1, 0]) < 0)
        #expect(c([2], [1, 9]) > 0)
        #expect(c([0xC3, 0xA9], [0x7A]) > 0)
    }
}

/// A tiny deterministic generator, so the shuffled test is the same on every run.
struct SplitMix: RandomNumberGenerator {
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
