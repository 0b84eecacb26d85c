import Testing
import NoaberModel
@testable import NoaberStore

/// Migration 3 turns the child rows of a version 2 store into masks of `cases`: every value must
/// survive (read back through the views of the same names, through `v_cases` and through noaber),
/// and a value that is not a known code must stop the migration instead of being dropped.
@Suite struct MaskMigrationTests {
    /// 60 cases with varied sets (empty, one value, all values) in two villages, as version 2 stored them.
    static let sample: [CaseRecord] = (0..<60).map { i in
        var c = CaseRecord(village: i % 3 == 0 ? "DEU" : "SAA", caseID: "M-\(i)", received: moment(2024, 1 + i % 12, 1 + i % 27))
        c.themes = CodeSet(Theme.allCases.enumerated().filter { ($0.offset * 7 + i) % 5 < 2 }.map(\.element))
        c.referredTo = i % 4 == 0 ? [] : CodeSet(Referral.allCases.prefix(i % 10))
        c.risks = i % 7 == 0 ? CodeSet(Risk.allCases) : [.fall]
        c.escalatedTo = i % 5 == 0 ? [.fall, .debt] : []
        c.closed = i % 2 == 0 ? moment(2024, 12, 1) : nil
        return c
    }

    private static let childQueries = [
        "SELECT 't', village, case_id, theme FROM case_themes ORDER BY 2, 3, 4",
        "SELECT 'r', village, case_id, referred_to FROM case_referrals ORDER BY 2, 3, 4",
        "SELECT 'k', village, case_id, risk FROM case_risks ORDER BY 2, 3, 4",
        "SELECT 'e', village, case_id, risk FROM case_escalations ORDER BY 2, 3, 4",
        "SELECT * FROM v_cases ORDER BY village, case_id",
    ]

    private func versionTwo(_ path: String) throws -> Database {
        let db = try DateCheckMigrationTests.store(path, upTo: 2)
        try db.execute("""
            INSERT INTO villages(village, name, municipality, inhabitants) VALUES ('SAA', 'Saasveld', 'Dinkelland', 1700),
                ('DEU', 'Deurningen', 'Dinkelland', 1900);
            INSERT INTO imports(file_name, sha256, kind, village, profile, as_of, encoding, delimiter, rows_read, accepted,
                rejected, status, imported_at) VALUES ('a.csv', 'aa', 'cases', NULL, NULL, '2024-06-30', NULL, NULL, 60, 60, 0,
                'completed', '2024-07-01T08:00:00Z');
            """)
        try DateCheckMigrationTests.writeVersionTwoRows(Self.sample, importID: 1, asOf: date(2024, 6, 30), to: db)
        return db
    }

    @Test func everyChildRowBecomesABitAndReadsBackTheSame() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/v2.sqlite"
            let old = try versionTwo(path)
            var before: [[String]] = []
            for query in Self.childQueries { before += try rows(old, query) }
            let childRows = Self.sample.reduce(0) { $0 + $1.themes.count + $1.referredTo.count + $1.risks.count + $1.escalatedTo.count }
            #expect(before.count == childRows + 60)
            let store = try NoaberStore(path: path)
            let db = store.database
            #expect(try db.userVersion() == NoaberStore.schemaVersion)
            var after: [[String]] = []
            for query in Self.childQueries { after += try rows(db, query) }
            #expect(after == before)
            #expect(try rows(db, "SELECT type FROM sqlite_schema WHERE name = 'case_themes'") == [["view"]])
            let expected = Self.sample.sorted { a, b in
                a.village != b.village ? a.village < b.village : Array(a.caseID.utf8).lexicographicallyPrecedes(Array(b.caseID.utf8))
            }
            #expect(try store.cases() == expected)
            #expect(try rows(db, "PRAGMA foreign_key_check").isEmpty)
            #expect(try rows(db, "PRAGMA foreign_keys") == [["1"]])
            #expect(try db.integrityCheck() == ["ok"])
        }
    }

    @Test func anUnknownCodeStopsTheMigrationAndLeavesVersionTwo() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/v2.sqlite"
            let db = try versionTwo(path)
            try db.execute("INSERT INTO case_risks(village, case_id, risk) VALUES ('SAA', 'M-1', 'flood')")
            let error = try #require(throws: StoreError.self) { _ = try NoaberStore(path: path) }
            #expect(error.code == StoreError.noaberInvalidStoredValue)
            #expect(error.message.contains("case_risks") && error.message.contains("'flood'"))
            let again = try Database(path: path)
            #expect(try again.userVersion() == 2)
            #expect(try rows(again, "SELECT type FROM sqlite_schema WHERE name = 'case_risks'") == [["table"]])
            #expect(try rows(again, "SELECT count(*) FROM sqlite_schema WHERE name = 'codes'") == [["0"]])
            #expect(try rows(again, "SELECT count(*) FROM case_risks WHERE risk = 'flood'") == [["1"]])
        }
    }
}
