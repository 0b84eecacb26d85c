import Foundation
import NoaberModel
import Testing
@testable import NoaberStore

/// Migration 6 keeps a rejection reason in both languages; rows of older imports keep theirs in
/// the language their import ran in and say so.
@Suite struct RejectedReasonLanguageTests {
    @Test func aReasonIsReadBackInEitherLanguage() throws {
        try withTemporaryDirectory { dir in
            let store = try NoaberStore(path: dir + "/s.sqlite")
            let id = try seed(store)
            try store.write { w in
                try w.insertRejectedRow(importID: id, line: 7, field: "received", reason: "datum bestaat niet '31-2-2024'",
                                        raw: "x", sourceField: "Datum melding", reasonNL: "datum bestaat niet '31-2-2024'",
                                        reasonEN: "date does not exist '31-2-2024'")
            }
            let row = try #require(try store.rejectedRows().first)
            #expect(row.reason == "datum bestaat niet '31-2-2024'")
            #expect(row.reason(in: .en) == "date does not exist '31-2-2024'")
            #expect(row.reason(in: .nl) == "datum bestaat niet '31-2-2024'")
            #expect(row.hasReason(in: .en) && row.hasReason(in: .nl))
            #expect(row.inLanguage(.en).reason == "date does not exist '31-2-2024'")
            #expect(try store.rejectedRows(village: "SAA").first?.reason(in: .en) == "date does not exist '31-2-2024'")
            // The JSON of `noaber rejected --format json` keeps its keys: no new ones.
            let json = String(decoding: try JSONEncoder().encode(row), as: UTF8.self)
            #expect(!json.contains("reason_nl") && !json.contains("reasonNL"))
        }
    }

    @Test func aRowOfAVersionFiveStoreKeepsItsOneLanguage() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/v5.sqlite"
            let old = try DateCheckMigrationTests.store(path, upTo: 5)
            try old.execute("""
                INSERT INTO imports(import_id, file_name, sha256, kind, village, as_of, rows_read, accepted, rejected, status, imported_at)
                    VALUES (1, 'deu.csv', 'aa', 'cases', NULL, '2024-06-30', 1, 0, 1, 'completed_with_rejections', '2024-07-01T08:00:00Z');
                INSERT INTO rejected_rows(import_id, line, field, reason, raw) VALUES (1, 3, 'received', 'datum bestaat niet', 'x');
                """)
            let store = try NoaberStore(path: path)
            #expect(try store.database.userVersion() == 6)
            let row = try #require(try store.rejectedRows().first)
            #expect(row.reason(in: .en) == "datum bestaat niet", "no English was stored: the stored text, not nothing")
            #expect(!row.hasReason(in: .en) && !row.hasReason(in: .nl))
        }
    }
}
