import Testing
import NoaberModel
@testable import NoaberStore

/// Migration 4 rebuilds `imports` (new columns, a wider `kind` check) and adds `import_villages`,
/// the village start dates, the rejected rows' source columns and `outcomes`. Every earlier import
/// must survive unchanged, become `village` / `full`, and list the villages it wrote.
@Suite struct CoverageMigrationTests {
    private func versionThree(_ path: String) throws -> Database {
        let db = try DateCheckMigrationTests.store(path, upTo: 3)
        try db.execute("""
            INSERT INTO villages(village, name, municipality, inhabitants) VALUES ('SAA', 'Saasveld', 'Dinkelland', 1700),
                ('DEU', 'Deurningen', 'Dinkelland', 2015), ('TIL', 'Tilligte', 'Dinkelland', 745);
            INSERT INTO imports(file_name, sha256, kind, village, profile, as_of, encoding, delimiter, rows_read, accepted,
                rejected, status, imported_at) VALUES
                ('saa.csv', 'a1', 'cases', 'SAA', NULL, '2024-06-30', 'utf-8', ',', 3, 2, 1, 'completed_with_rejections', '2024-07-01T08:00:00Z'),
                ('all.csv', 'b2', 'cases', NULL, NULL, '2024-09-30', 'utf-8', ',', 3, 3, 0, 'completed', '2024-10-01T08:00:00Z'),
                ('tasks.csv', 'c3', 'tasks', NULL, NULL, '2024-09-30', 'utf-8', ',', 2, 2, 0, 'completed', '2024-10-01T08:00:00Z'),
                ('villages.csv', 'd4', 'villages', NULL, NULL, '2024-01-01', 'utf-8', ',', 3, 3, 0, 'completed', '2024-01-01T08:00:00Z');
            INSERT INTO cases(village, case_id, received, as_of, import_id) VALUES
                ('SAA', 'S1', '2024-01-05', '2024-06-30', 1), ('SAA', 'S2', '2024-02-05', '2024-06-30', 1),
                ('DEU', 'D1', '2024-03-05', '2024-09-30', 2), ('DEU', 'D2', '2024-04-05', '2024-09-30', 2),
                ('TIL', 'T1', '2024-05-05', '2024-09-30', 2);
            INSERT INTO volunteer_tasks(village, case_id, volunteer_key, date, hours, task, ordinal, import_id) VALUES
                ('DEU', 'D1', 'v', '2024-03-06', 1.5, 'visit', 0, 3), ('DEU', NULL, 'w', '2024-03-07', 2, 'visit', 0, 3);
            INSERT INTO rejected_rows(import_id, line, field, reason, raw) VALUES (1, 4, 'received', 'geen datum', 'x');
            """)
        return db
    }

    @Test func everyImportSurvivesAndListsTheVillagesItWrote() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/v3.sqlite"
            let old = try versionThree(path)
            let before = try rows(old, """
                SELECT import_id, file_name, sha256, kind, ifnull(village, '-'), as_of, rows_read, accepted, rejected, status
                FROM imports ORDER BY import_id
                """)
            let accountingBefore = try rows(old, "SELECT * FROM v_import_accounting ORDER BY import_id")
            let store = try NoaberStore(path: path)
            let db = store.database
            #expect(try db.userVersion() == NoaberStore.schemaVersion)
            #expect(try rows(db, """
                SELECT import_id, file_name, sha256, kind, ifnull(village, '-'), as_of, rows_read, accepted, rejected, status
                FROM imports ORDER BY import_id
                """) == before)
            #expect(try rows(db, "SELECT * FROM v_import_accounting ORDER BY import_id") == accountingBefore)
            #expect(try rows(db, "SELECT DISTINCT id_scope, export_kind, ifnull(sheet, '-') FROM imports") == [["village", "full", "-"]])
            // The single-village import lists its village with its accepted rows; the multi-village
            // files list the villages their rows belong to; the villages file lists none.
            #expect(try rows(db, "SELECT import_id, village, rows FROM import_villages ORDER BY 1, 2") == [
                ["1", "SAA", "2"], ["2", "DEU", "2"], ["2", "TIL", "1"], ["3", "DEU", "2"],
            ])
            #expect(try rows(db, "SELECT ifnull(registration_start, '-'), ifnull(ondersteuner_start, '-') FROM villages WHERE village = 'SAA'")
                    == [["-", "-"]])
            #expect(try rows(db, "SELECT ifnull(source_field, '-'), ifnull(blanked, '-') FROM rejected_rows") == [["-", "-"]])
            #expect(try rows(db, "PRAGMA foreign_key_check").isEmpty)
            #expect(try db.integrityCheck() == ["ok"])
            // Read back through the store's own API.
            let imports = try store.imports()
            #expect(imports.map(\.idScope) == [.village, .village, .village, .village])
            #expect(imports.map(\.exportKind) == [.full, .full, .full, .full])
            #expect(try store.villages().allSatisfy { $0.registrationStart == nil && $0.ondersteunerStart == nil })
        }
    }

    @Test func theNewChecksRefuseWhatTheyShould() throws {
        try withTemporaryDirectory { dir in
            let store = try NoaberStore(path: dir + "/s.sqlite")
            let db = store.database
            try db.execute("INSERT INTO villages(village, name, municipality, inhabitants) VALUES ('SAA', 'Saasveld', 'Dinkelland', 1700)")
            func refused(_ sql: String) -> Bool { (try? db.execute(sql)) == nil }
            #expect(refused("""
                INSERT INTO imports(file_name, sha256, kind, as_of, rows_read, accepted, rejected, status, imported_at, id_scope)
                VALUES ('a', 'a', 'cases', '2024-01-01', 0, 0, 0, 'completed', 'x', 'region')
                """))
            #expect(refused("""
                INSERT INTO imports(file_name, sha256, kind, as_of, rows_read, accepted, rejected, status, imported_at, export_kind)
                VALUES ('a', 'a', 'cases', '2024-01-01', 0, 0, 0, 'completed', 'x', 'partial')
                """))
            #expect(!refused("""
                INSERT INTO imports(file_name, sha256, kind, as_of, rows_read, accepted, rejected, status, imported_at)
                VALUES ('o', 'o', 'outcomes', '2024-01-01', 0, 0, 0, 'completed', 'x')
                """))
            #expect(refused("UPDATE villages SET registration_start = 'soon'"))
            #expect(!refused("UPDATE villages SET registration_start = '2023-04-01', ondersteuner_start = '2022-09-01'"))
            #expect(refused("INSERT INTO import_villages(import_id, village, rows) VALUES (1, 'XXX', 0)"))
            #expect(refused("""
                INSERT INTO outcomes(village, measure, period, period_start, period_end, value, population, import_id)
                VALUES ('SAA', 'huisartsconsulten', '2024', '2024-01-01', '2024-12-31', 10, 0, 1)
                """))
            let v = try #require(try store.villages().first)
            #expect(v.registrationStart == date(2023, 4, 1) && v.ondersteunerStart == date(2022, 9, 1))
        }
    }
}
