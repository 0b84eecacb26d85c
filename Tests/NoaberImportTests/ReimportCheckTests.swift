import Foundation
import Testing
import NoaberModel
import NoaberStore
@testable import NoaberImport

/// What wins when a file whose content was imported before meets something else that would stop
/// or change its import (`ReimportCheck`): the earlier import, unless the file cannot go anywhere.
@Suite struct ReimportCheckTests {
    let asOf = CivilDate(year: 2025, month: 1, day: 15)

    @Test func aStrictReimportOfAFileWithRejectionsIsUnchanged() throws {
        let box = try Sandbox()
        try box.importVillages()
        let path = try box.write("cases.csv", Sandbox.casesCSV([Sandbox.caseRow("C1"), Sandbox.caseRow("C2", received: "31-02-2024")]))
        let first = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
        #expect(first.status == .completedWithRejections)
        let again = try box.importer.importFile(path, options: ImportOptions(asOf: asOf, strict: true))
        #expect(again.status == .unchanged)
        #expect(again.previousImportID == first.importID)
    }

    @Test func aDryRunOfAFileImportedBeforeSaysUnchanged() throws {
        let box = try Sandbox()
        try box.importVillages()
        let path = try box.write("cases.csv", Sandbox.casesCSV([Sandbox.caseRow("C1")]))
        let first = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
        let again = try box.importer.importFile(path, options: ImportOptions(asOf: asOf, dryRun: true))
        #expect(again.status == .unchanged)
        #expect(again.previousImportID == first.importID && again.importID == nil)
        #expect(again.sha256 == first.sha256)
    }

    @Test func theUnchangedReportKeepsTheEarlierScopeAndExportKind() throws {
        // The other scope would be refused as a conflict; the earlier import of the same content
        // answers first, and the report says what that import declared.
        let box = try Sandbox()
        try box.importVillages()
        let path = try box.write("cases.csv", Sandbox.casesCSV([Sandbox.caseRow("C1")]))
        let first = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
        var options = ImportOptions(asOf: asOf)
        options.idScope = .municipality
        options.exportKind = .incremental
        let again = try box.importer.importFile(path, options: options)
        #expect(again.status == .unchanged)
        #expect(again.idScope == .village && again.exportKind == .full)
        #expect(again.previousImportID == first.importID)
        #expect(again.asOfSource == "previous_import" && again.asOf == asOf?.iso)
    }

    @Test func aMissingKeyYieldsToAnIdenticalEarlierImport() throws {
        let box = try Sandbox()
        try box.importVillages()
        let path = try box.write("cases.csv", Sandbox.casesCSV([Sandbox.caseRow("C1")]))
        let first = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
        try FileManager.default.removeItem(atPath: box.root + "/store.sqlite.key")
        // A fresh importer looks for the key again (the first one keeps the key it found).
        let importer = Importer(store: box.store, keyPath: box.root + "/store.sqlite.key")
        let again = try importer.importFile(path, options: ImportOptions(asOf: asOf))
        #expect(again.status == .unchanged)
        #expect(again.previousImportID == first.importID)
        // Another file needs the key, and says so.
        let other = try box.write("other.csv", Sandbox.casesCSV([Sandbox.caseRow("C2")]))
        #expect {
            _ = try importer.importFile(other, options: ImportOptions(asOf: asOf))
        } throws: { error in
            if case .key = error as? ImportError { return true }
            return false
        }
        #expect(try box.store.imports().filter { $0.kind == .cases }.count == 1)
    }

    @Test func aSmallFileImportedBeforeIsUnchangedWhileAnotherConnectionWrites() throws {
        // Villages and outcome files are checked before the import's transaction, so a re-import
        // of one needs no write lock.
        let box = try Sandbox()
        try box.importVillages()
        let path = box.root + "/villages.csv"
        let other = try NoaberStore(path: box.root + "/store.sqlite")
        let again = try other.write { _ in
            try box.importer.importFile(path, options: ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 1)))
        }
        #expect(again.status == .unchanged)
        #expect(again.kind == .villages && again.rowsRead == 0)
    }

    @Test func theSameContentForAnotherVillageIsANewImport() throws {
        let box = try Sandbox()
        try box.importVillages()
        let path = try box.write("cases.csv", Sandbox.casesCSV([Sandbox.caseRow("C1")]))
        _ = try box.importer.importFile(path, options: ImportOptions(village: "SAA", asOf: asOf))
        let again = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
        #expect(again.status == .completed)
        #expect(again.unchangedRows == 1)
        #expect(try box.store.imports().filter { $0.kind == .cases }.count == 2)
    }

    @Test func aNewImportStartsWhereTheReimportCheckFindsNothing() throws {
        // Each import of the same file into a fresh store is new; the hash is stored with it.
        for rows in [0, 1, 2_048, 2_049] {
            let box = try Sandbox()
            try box.importVillages()
            let path = try box.write("cases.csv", OverlappedHashTests.manyRows(rows))
            let report = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
            #expect(report.status == .completed && report.rowsRead == rows)
            #expect(report.sha256 == (try FileScan.sha256(path: path)))
            let again = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
            #expect(again.status == .unchanged && again.previousImportID == report.importID)
        }
    }
}
