import Foundation
import Testing
import NoaberModel
import NoaberStore
@testable import NoaberImport

/// The file's SHA-256 is computed beside the import (`FileHasher`) and checked inside the
/// transaction; these pin that the outcome is the one of hashing first.
@Suite struct OverlappedHashTests {
    let asOf = CivilDate(year: 2025, month: 1, day: 15)

    /// `n` distinct canonical case rows: enough for several 2,048-row batches.
    static func manyRows(_ n: Int) -> String {
        Sandbox.casesCSV((0..<n).map { Sandbox.caseRow("C\($0)", person: "p\($0 % 97)") })
    }

    @Test func theStoredHashIsTheFilesSHA256() throws {
        let box = try Sandbox()
        try box.importVillages()
        let text = Self.manyRows(5_000)
        let path = try box.write("cases.csv", text)
        let report = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
        var reference = SHA256()
        reference.update(Array(text.utf8))
        let expected = FileScan.hex(reference.finalize())
        #expect(report.sha256 == expected)
        #expect(try box.store.imports().last?.sha256 == expected)
        #expect(try box.count("SELECT count(*) FROM imports WHERE sha256 = ''") == 0)
    }

    @Test func aLargeReimportIsStillANoOpAndLeavesNothingBehind() throws {
        let box = try Sandbox()
        try box.importVillages()
        let path = try box.write("cases.csv", Self.manyRows(9_000))
        let first = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
        #expect(first.inserted == 9_000)
        let before = try box.count("SELECT count(*) FROM imports")
        let second = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
        #expect(second.status == .unchanged)
        #expect(second.previousImportID == first.importID)
        #expect(second.sha256 == first.sha256)
        #expect(second.rowsRead == 0 && second.inserted == 0)
        #expect(try box.count("SELECT count(*) FROM imports") == before)
        #expect(try box.count("SELECT max(import_id) FROM cases") == Int(first.importID ?? -1))
    }

    @Test func aReimportWithoutTheAsOfOptionIsStillUnchanged() throws {
        // The as-of date then comes from the file's modification time; the content is what
        // decides, as when the hash was checked before anything else.
        let box = try Sandbox()
        try box.importVillages()
        let path = try box.write("cases.csv", Self.manyRows(10))
        let first = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
        let second = try box.importer.importFile(path, options: ImportOptions())
        #expect(second.status == .unchanged)
        #expect(second.previousImportID == first.importID)
        #expect(second.asOfSource == "previous_import")
    }

    @Test func aDryRunReportsTheHashAndStoresNothing() throws {
        let box = try Sandbox()
        try box.importVillages()
        let path = try box.write("cases.csv", Self.manyRows(3_000))
        var options = ImportOptions(asOf: asOf)
        options.dryRun = true
        let report = try box.importer.importFile(path, options: options)
        #expect(report.status == .dryRun)
        #expect(report.sha256.count == 64)
        #expect(try box.count("SELECT count(*) FROM cases") == 0)
    }
}
