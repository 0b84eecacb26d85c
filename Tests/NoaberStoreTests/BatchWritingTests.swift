import Testing
import NoaberModel
@testable import NoaberStore

/// `Writer.upsertCases` must store exactly what `upsertCase` one by one stores, with the same
/// outcome counts, whether it takes the multi-row INSERT path or falls back.
@Suite struct BatchWritingTests {
    let asOf = date(2024, 6, 30)

    /// `n` varied cases: some with no child rows, some with many, times and plain dates, NULLs.
    static func cases(_ n: Int, village: String = "SAA", prefix: String = "B") -> [CaseRecord] {
        (0..<n).map { i in
            var c = CaseRecord(village: village, caseID: "\(prefix)-\(i)", received: moment(2024, 1 + i % 12, 1 + i % 28, i % 3 == 0 ? nil : i % 24, i % 60))
            if i % 2 == 0 { c.personKey = "p\(i % 7)" }
            if i % 3 == 1 { c.closed = moment(2024, 12, 31) }
            c.ageBand = i % 5 == 0 ? nil : .adult
            c.birthYear = i % 4 == 0 ? 1950 + i % 40 : nil
            c.themes = CodeSet(Theme.allCases.enumerated().filter { ($0.offset + i) % 4 == 0 }.map(\.element))
            c.referredTo = i % 6 == 0 ? [] : [.gp, .wmo]
            c.risks = i % 2 == 0 ? CodeSet(Risk.allCases.prefix(i % 5)) : []
            c.escalatedTo = i % 9 == 0 ? [.fall] : []
            c.collective = i % 11 == 0
            c.supportMinutes = i % 3 == 0 ? nil : Double(i) * 1.5
            c.source = i % 2 == 0 ? .neighbour : nil
            c.channel = .phone
            c.resolution = i % 4 == 1 ? .advice : nil
            return c
        }
    }

    /// Everything stored about cases, in a fixed order, as text.
    static func dump(_ store: NoaberStore) throws -> [[String]] {
        try rows(store.database, "SELECT * FROM v_cases ORDER BY village, case_id")
            + rows(store.database, "SELECT 't', * FROM case_themes ORDER BY 2, 3, 4")
            + rows(store.database, "SELECT 'r', * FROM case_referrals ORDER BY 2, 3, 4")
            + rows(store.database, "SELECT 'k', * FROM case_risks ORDER BY 2, 3, 4")
            + rows(store.database, "SELECT 'e', * FROM case_escalations ORDER BY 2, 3, 4")
    }

    /// Runs `batches` through `upsertCases` in one store and through `upsertCase` in another;
    /// expects equal stored rows and equal counts, and returns the counts.
    @discardableResult
    func expectSameAsOneByOne(_ batches: [[CaseRecord]], asOf: CivilDate? = nil,
                              before: [CaseRecord] = []) throws -> UpsertCounts {
        let asOf = asOf ?? self.asOf
        var batched = UpsertCounts()
        var single = UpsertCounts()
        let (a, b): ([[String]], [[String]]) = try withStore { s1, _ in
            try withStore { s2, _ in
                let id1 = try seed(s1, asOf: self.asOf)
                let id2 = try seed(s2, asOf: self.asOf)
                if !before.isEmpty {
                    try s1.write { w in for c in before { _ = try w.upsertCase(c, importID: id1, asOf: self.asOf) } }
                    try s2.write { w in for c in before { _ = try w.upsertCase(c, importID: id2, asOf: self.asOf) } }
                }
                try s1.bulkWrite { w in
                    for batch in batches {
                        let counts = try w.upsertCases(batch, importID: id1, asOf: asOf)
                        batched.inserted += counts.inserted
                        batched.updated += counts.updated
                        batched.unchanged += counts.unchanged
                        batched.keptNewer += counts.keptNewer
                    }
                }
                try s2.write { w in
                    for batch in batches { for c in batch { single.add(try w.upsertCase(c, importID: id2, asOf: asOf)) } }
                }
                return (try Self.dump(s1), try Self.dump(s2))
            }
        }
        #expect(a == b)
        #expect(batched == single)
        return batched
    }

    @Test func freshStoreGivesTheSameRowsAsOneByOne() throws {
        // 75 = 32 + 32 + 11, and 11 = 8 + 2 + 1: full chunks and every short statement size.
        let counts = try expectSameAsOneByOne([Self.cases(75), Self.cases(1, prefix: "one"), Self.cases(40, village: "DEU")])
        #expect(counts.inserted == 116)
        #expect(counts.updated + counts.unchanged + counts.keptNewer == 0)
    }

    @Test func batchedRowsAreReallyStored() throws {
        try withStore { store, _ in
            let id = try seed(store, asOf: asOf)
            let input = Self.cases(70)
            let counts = try store.bulkWrite { try $0.upsertCases(input, importID: id, asOf: asOf) }
            #expect(counts.inserted == 70)
            let stored = try store.cases().sorted { $0.caseID < $1.caseID }
            #expect(stored == input.sorted { $0.caseID < $1.caseID })
            let children = input.reduce(0) { $0 + $1.themes.count + $1.referredTo.count + $1.risks.count + $1.escalatedTo.count }
            #expect(try rows(store.database, """
                SELECT (SELECT count(*) FROM case_themes) + (SELECT count(*) FROM case_referrals)
                     + (SELECT count(*) FROM case_risks) + (SELECT count(*) FROM case_escalations)
                """) == [["\(children)"]])
        }
    }

    @Test func aDuplicateKeyInsideABatchFallsBackToTheUpsertOutcome() throws {
        var batch = Self.cases(20)
        var changed = batch[3]
        changed.themes = [.housing]
        batch.append(changed)            // same key as row 3, later in the batch: an update
        batch.append(batch[5])           // identical repeat: unchanged
        let counts = try expectSameAsOneByOne([batch, Self.cases(20)])
        // Row 3 is updated by its changed repeat, and back again by the second batch; the
        // identical repeat of row 5 and the other 19 rows of the second batch are unchanged.
        #expect(counts.inserted == 20)
        #expect(counts.updated == 2)
        #expect(counts.unchanged == 20)
    }

    @Test func storedVillagesGoThroughTheUpsertPath() throws {
        // SAA already has cases: newer, older and identical exports of them, plus new ones.
        let before = Self.cases(30)
        try expectSameAsOneByOne([Self.cases(50)], asOf: date(2024, 9, 30), before: before)
        try expectSameAsOneByOne([Self.cases(50)], asOf: date(2024, 3, 31), before: before)
        let counts = try expectSameAsOneByOne([Self.cases(50)], before: before)
        #expect(counts.unchanged == 30)
        #expect(counts.inserted == 20)
    }

    @Test func aStoredKeyInAnEmptyLookingVillageFallsBack() throws {
        // DEU is empty when first asked, then a later batch repeats a key: the INSERT fails
        // and the chunk is upserted one by one.
        let first = Self.cases(10, village: "DEU")
        var second = Self.cases(10, village: "DEU", prefix: "X")
        second[4] = first[4]
        let counts = try expectSameAsOneByOne([first, second])
        #expect(counts.inserted == 19)
        #expect(counts.unchanged == 1)
    }

    @Test func aValueLargerThanTheArenaIsStillBound() throws {
        try withStore { store, _ in
            let id = try seed(store, asOf: asOf)
            var big = bareCase
            big.personKey = String(repeating: "k", count: 200_000)
            let counts = try store.bulkWrite { try $0.upsertCases([big, fullCase], importID: id, asOf: asOf) }
            #expect(counts.inserted == 2)
            #expect(try rows(store.database, "SELECT length(person_key) FROM cases WHERE case_id = 'C-002'") == [["200000"]])
            #expect(try store.cases().contains(fullCase))
        }
    }

    @Test func aCaseOfAMissingVillageFailsTheWholeBulkWrite() throws {
        try withStore { store, _ in
            let id = try seed(store, asOf: asOf)
            let orphan = CaseRecord(village: "XXX", caseID: "1", received: moment(2024, 1, 1))
            #expect {
                try store.bulkWrite { w in
                    _ = try w.upsertCases([fullCase], importID: id, asOf: asOf)
                    _ = try w.upsertCases([orphan], importID: id, asOf: asOf)
                }
            } throws: { ($0 as? StoreError)?.code == 787 }
            #expect(try rows(store.database, "SELECT count(*) FROM cases") == [["0"]])
            #expect(try rows(store.database, "PRAGMA foreign_keys") == [["1"]])
        }
    }

    @Test func statementSizesArePowersOfTwo() {
        #expect(BatchInsert.largestSize(atMost: 0, limit: 32) == 1)
        #expect(BatchInsert.largestSize(atMost: 1, limit: 32) == 1)
        #expect(BatchInsert.largestSize(atMost: 11, limit: 32) == 8)
        #expect(BatchInsert.largestSize(atMost: 32, limit: 32) == 32)
        #expect(BatchInsert.largestSize(atMost: 100, limit: 64) == 64)
        let two = BatchInsert.sql(rows: 2)
        #expect(two.hasPrefix("INSERT OR FAIL INTO cases(village, case_id, "))
        #expect(two.hasSuffix("VALUES (" + (1...19).map { "?\($0)" }.joined(separator: ", ") + "), ("
                              + (20...38).map { "?\($0)" }.joined(separator: ", ") + ")"))
    }
}
