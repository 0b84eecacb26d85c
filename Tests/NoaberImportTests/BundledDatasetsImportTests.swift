import Foundation
import Testing
import NoaberCSV
import NoaberModel
@testable import NoaberStore
@testable import NoaberImport

/// Imports every bundled export with its profile and checks the accounting against the manifest,
/// which the generator wrote independently of the importer (rows written, errors injected).
@Suite struct BundledDatasetsImportTests {
    static let datasets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Datasets").path

    struct Entry { let file, kind, village, profile: String; let asOf: CivilDate; let rows, errors: Int }

    static func manifest() throws -> [Entry] {
        let reader = try CSVReader(path: datasets + "/exports/manifest.csv")
        _ = try reader.next()
        let h = reader.fields()
        func i(_ n: String) throws -> Int { try #require(h.firstIndex(of: n)) }
        let (f, k, v, p, a, r, e) = (try i("file"), try i("kind"), try i("village"), try i("profile"), try i("as_of"), try i("rows"),
                                     try i("deliberate_errors"))
        var out: [Entry] = []
        while try reader.next() {
            out.append(Entry(file: reader.field(f), kind: reader.field(k), village: reader.field(v), profile: reader.field(p),
                             asOf: try #require(CivilDate(iso: reader.field(a))), rows: try #require(Int(reader.field(r))),
                             errors: try #require(Int(reader.field(e)))))
        }
        return out
    }

    @Test func everyBundledExportImportsWithTheExpectedAccounting() throws {
        let box = try Sandbox()
        let villages = try box.importer.importFile(Self.datasets + "/villages.csv", options: ImportOptions(asOf: CivilDate(year: 2025, month: 3, day: 1)))
        #expect(villages.accepted == 6 && villages.rejected == 0)
        let entries = try Self.manifest()
        #expect(entries.count == 10)
        #expect(Set(entries.map(\.village)).count == 5)   // Tilligte has no export yet
        var expectedCases = 0, expectedTasks = 0
        for e in entries {
            var options = ImportOptions(village: e.village, asOf: e.asOf)
            if !e.profile.isEmpty { options.profile = try MappingProfile.load(from: Self.datasets + "/" + e.profile) }
            let r = try box.importer.importFile(Self.datasets + "/" + e.file, options: options)
            #expect(r.rowsRead == e.rows, "\(e.file)")
            #expect(r.rejected == e.errors, "\(e.file): \(r.firstRejections)")
            #expect(r.rowsRead == r.accepted + r.rejected)
            #expect(r.kind.rawValue == e.kind)
            if e.kind == "cases" { expectedCases += r.accepted } else { expectedTasks += r.accepted }
            if e.file.contains("bom-serial") { #expect(r.warnings.contains { $0.contains("Export batch") }) }
            if e.file.contains("dutch-excel") { #expect(r.encoding == "windows-1252" && r.delimiter == ";") }
        }
        let counts = try box.store.counts()
        #expect(counts.cases == expectedCases)
        #expect(counts.tasks == expectedTasks)
        #expect(counts.rejected == entries.reduce(0) { $0 + $1.errors })
        #expect(try box.store.database.integrityCheck() == ["ok"])
        #expect(try box.count("PRAGMA foreign_key_check") == -1)   // no rows: no violations
    }
}
