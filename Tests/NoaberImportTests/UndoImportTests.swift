import Foundation
import Testing
import NoaberModel
@testable import NoaberStore
@testable import NoaberImport

/// `NoaberStore.undoImport`: an import that should not have happened is taken back exactly — its
/// rows, rejected rows, villages listed and provenance gone, the store as before — or refused with
/// nothing changed when its earlier state is not kept.
@Suite struct UndoImportTests {
    static let tables = ["cases", "volunteer_tasks", "rejected_rows", "import_villages", "imports"]

    func counts(_ box: Sandbox) throws -> [Int] { try Self.tables.map { try box.count("SELECT count(*) FROM \($0)") } }

    @Test func aFirstImportWithAWrongExportDateIsTakenBackAndCanBeImportedAgain() throws {
        let box = try Sandbox()
        try box.importVillages()
        let before = try counts(box)
        let path = try box.write("saa.csv", Sandbox.casesCSV([
            Sandbox.caseRow("C1"), Sandbox.caseRow("C2", received: "2024-08-01", firstContact: ""),
            Sandbox.caseRow("C3", received: "31-02-2024"),
        ]))
        let wrong = try box.importer.importFile(path, options: ImportOptions(asOf: CivilDate(year: 2024, month: 6, day: 30)))
        #expect(wrong.accepted == 2 && wrong.rejected == 1)
        #expect(wrong.warnings.contains { $0.contains("noaber imports --undo \(wrong.importID ?? 0)") }, "\(wrong.warnings)")
        let id = try #require(wrong.importID)
        let undone = try box.store.undoImport(id: id).get()
        #expect(undone.rows == 2 && undone.rejectedRows == 1 && undone.record.fileName == "saa.csv")
        #expect(try counts(box) == before, "the store as before the import")
        // The same file again is a new import now, with the right date.
        let right = try box.importer.importFile(path, options: ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 15)))
        #expect(right.status == .completedWithRejections && right.inserted == 2)
        #expect(try box.count("SELECT count(*) FROM cases WHERE as_of = '2025-01-15'") == 2)
    }

    @Test func anImportThatUpdatedOrPrecedesAnotherIsRefusedAndNothingChanges() throws {
        let box = try Sandbox()
        try box.importVillages()
        let first = try box.importer.importFile(try box.write("a.csv", Sandbox.casesCSV([Sandbox.caseRow("C1"), Sandbox.caseRow("C2")])),
                                                options: ImportOptions(asOf: CivilDate(year: 2024, month: 6, day: 30)))
        let second = try box.importer.importFile(try box.write("b.csv", Sandbox.casesCSV([
            Sandbox.caseRow("C1", closed: "2024-07-01"), Sandbox.caseRow("C2"), Sandbox.caseRow("C3"),
        ])), options: ImportOptions(asOf: CivilDate(year: 2024, month: 9, day: 30)))
        #expect(second.updated >= 1)
        let before = try counts(box)
        let a = try #require(first.importID), b = try #require(second.importID)
        #expect(try box.store.undoImport(id: a) == .failure(.notLatest(laterImport: b, village: "SAA")))
        guard case .failure(.overwroteEarlierRows(let updated, let inserted, _)) = try box.store.undoImport(id: b) else {
            Issue.record("the update of C1 and the move of C2 cannot be undone"); return
        }
        #expect(updated == second.updated && inserted == 1)
        #expect(try counts(box) == before, "a refusal changes nothing")
        #expect(try box.store.undoImport(id: 999) == .failure(.notFound))
        let villages = try #require(try box.store.imports().first { $0.kind == .villages })
        #expect(try box.store.undoImport(id: villages.id) == .failure(.notCasesOrTasks(.villages)))
    }

    @Test func aTaskImportIsTakenBack() throws {
        let box = try Sandbox()
        try box.importVillages()
        let before = try counts(box)
        let tasks = "case_id,village,volunteer_id,date,hours,task\nC1,SAA,V001,2024-03-05,1.5,transport\n,SAA,V002,2024-03-06,2,shopping\n"
        let report = try box.importer.importFile(try box.write("tasks.csv", tasks), options: ImportOptions(asOf: CivilDate(year: 2024, month: 6, day: 30)))
        #expect(report.accepted == 2)
        let undone = try box.store.undoImport(id: try #require(report.importID)).get()
        #expect(undone.rows == 2)
        #expect(try counts(box) == before)
    }
}
