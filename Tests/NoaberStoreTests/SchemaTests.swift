import Foundation
import Testing
import NoaberModel
@testable import NoaberStore

@Suite struct SchemaTests {
    @Test func rowsReadMustEqualAcceptedPlusRejected() throws {
        try withStore { store, _ in
            let id = try seed(store)
            let error = try #require(throws: StoreError.self) {
                try store.write { try $0.finishImport(id: id, rowsRead: 10, accepted: 8, rejected: 1, inserted: 8, updated: 0) }
            }
            #expect(error.code == 275)   // SQLITE_CONSTRAINT_CHECK
            #expect(error.message.contains("rows_read_is_accepted_plus_rejected"))
            // Raw SQL is held to the same rule.
            #expect(throws: StoreError.self) {
                try store.database.execute("UPDATE imports SET rows_read = 5, accepted = 5, rejected = 1")
            }
            #expect(try store.imports().map(\.rowsRead) == [0])
        }
    }

    @Test func villageFactsAreChecked() throws {
        try withStore { store, _ in
            for bad in [
                Village(code: "A", name: "a", municipality: "m", inhabitants: 0),
                Village(code: "B", name: "b", municipality: "m", inhabitants: -5),
                Village(code: "C", name: "c", municipality: "m", inhabitants: 100, inhabitants75Plus: 101),
                Village(code: "D", name: "d", municipality: "m", inhabitants: 100, inhabitants75Plus: -1),
                Village(code: "E", name: "e", municipality: "m", inhabitants: 100, paidHoursPerWeek: -1),
                Village(code: "F", name: "f", municipality: "m", inhabitants: 100, costPerYearEUR: -0.01),
            ] {
                let error = try #require(throws: StoreError.self) { try store.write { try $0.upsertVillage(bad) } }
                #expect(error.code == 275)
            }
            // The boundary itself is allowed: all inhabitants 75+.
            try store.write { try $0.upsertVillage(Village(code: "G", name: "g", municipality: "m", inhabitants: 100, inhabitants75Plus: 100)) }
            #expect(try store.villages().map(\.code) == ["G"])
        }
    }

    @Test func importKindStatusAndDateShapesAreChecked() throws {
        try withStore { store, _ in
            let db = store.database
            let valid = "('f', 'h', 'cases', NULL, NULL, '2024-06-30', NULL, NULL, 0, 0, 0, 'completed', 'now')"
            let columns = "INSERT INTO imports(file_name, sha256, kind, village, profile, as_of, encoding, delimiter, rows_read, accepted, rejected, status, imported_at) VALUES "
            try db.execute(columns + valid)
            for bad in [valid.replacingOccurrences(of: "'cases'", with: "'people'"),
                        valid.replacingOccurrences(of: "'completed'", with: "'running'"),
                        valid.replacingOccurrences(of: "'2024-06-30'", with: "'30-6-2024'")] {
                #expect(throws: StoreError.self) { try db.execute(columns + bad) }
            }
        }
    }

    @Test func casesNeedAKnownVillageAndWellFormedValues() throws {
        try withStore { store, _ in
            let id = try seed(store)
            let unknownVillage = CaseRecord(village: "XXX", caseID: "1", received: moment(2024, 1, 1))
            let fk = try #require(throws: StoreError.self) {
                try store.write { _ = try $0.upsertCase(unknownVillage, importID: id, asOf: date(2024, 6, 30)) }
            }
            #expect(fk.code == 787)   // SQLITE_CONSTRAINT_FOREIGNKEY
            let negative = CaseRecord(village: "SAA", caseID: "1", received: moment(2024, 1, 1), supportMinutes: -1)
            #expect(throws: StoreError.self) {
                try store.write { _ = try $0.upsertCase(negative, importID: id, asOf: date(2024, 6, 30)) }
            }
            #expect(throws: StoreError.self) {
                // Schema version 3 checks dates by range (SchemaCodesTests): a letter is outside it.
                try store.database.execute("INSERT INTO cases(village, case_id, received, as_of, import_id) VALUES ('SAA', 'x', 'jan 5', '2024-06-30', \(id))")
            }
            #expect(throws: StoreError.self) {
                try store.database.execute("INSERT INTO cases(village, case_id, received, as_of, import_id) VALUES ('SAA', 'x', '2024-01-05', '2024-06-30', \(id + 1))")
            }
            let task = VolunteerTask(village: "SAA", caseID: nil, volunteerKey: "v", date: date(2024, 1, 1), hours: -0.5, task: .visit)
            #expect(throws: StoreError.self) { try store.write { _ = try $0.upsertTask(task, ordinal: 0, importID: id) } }
            #expect(store.database.isInTransaction == false)
            #expect(try store.counts().cases == 0)
        }
    }

    @Test func deletingACaseCascadesToItsChildRows() throws {
        try withStore { store, _ in
            let id = try seed(store)
            try store.write { _ = try $0.upsertCase(fullCase, importID: id, asOf: date(2024, 6, 30)) }
            #expect(try rows(store.database, "SELECT count(*) FROM case_themes") == [["3"]])
            try store.database.execute("DELETE FROM cases")
            for table in ["case_themes", "case_referrals", "case_risks", "case_escalations"] {
                #expect(try rows(store.database, "SELECT count(*) FROM \(table)") == [["0"]])
            }
        }
    }

    @Test func casesViewJoinsMultiValuedFieldsSorted() throws {
        try withStore { store, _ in
            let id = try seed(store)
            try store.write { w in
                _ = try w.upsertCase(fullCase, importID: id, asOf: date(2024, 6, 30))
                _ = try w.upsertCase(bareCase, importID: id, asOf: date(2024, 6, 30))
            }
            let view = try rows(store.database, """
                SELECT case_id, received, first_contact, closed, themes, referred_to, risks, escalated_to, collective, as_of
                FROM v_cases ORDER BY case_id
                """)
            #expect(view == [
                ["C-001", "2024-03-05T09:30", "2024-03-06", "2024-04-01T16:05", "digital|loneliness|transport", "gp|wmo",
                 "caregiver_overload|fall|isolation", "fall", "0", "2024-06-30"],
                ["C-002", "2024-01-31", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "0", "2024-06-30"],
            ])
        }
    }

    @Test func importAccountingViewBalances() throws {
        try withStore { store, _ in
            let id = try seed(store)
            try store.write { w in
                try w.insertRejectedRow(importID: id, line: 3, field: "received", reason: "not a date", raw: "x;y")
                try w.finishImport(id: id, rowsRead: 5, accepted: 4, rejected: 1, inserted: 3, updated: 0)
            }
            #expect(try rows(store.database, "SELECT rows_read, accepted, rejected, no_change, rejected_rows_kept, balanced, status FROM v_import_accounting")
                    == [["5", "4", "1", "1", "1", "1", "completed_with_rejections"]])
            try store.database.execute("DELETE FROM rejected_rows")
            #expect(try rows(store.database, "SELECT balanced FROM v_import_accounting") == [["0"]])
        }
    }

    @Test func integrityCheckReportsOK() throws {
        try withStore { store, _ in
            let id = try seed(store)
            try store.write { _ = try $0.upsertCase(fullCase, importID: id, asOf: date(2024, 6, 30)) }
            #expect(try store.database.integrityCheck() == ["ok"])
        }
    }
}
