import Foundation
import Testing
import NoaberModel
import NoaberStore
@testable import NoaberImport

/// Each import records whose keys it holds (identity scope) and whether it lists every case
/// (full) or only new and changed ones (incremental), and which villages it listed.
@Suite struct ScopeAndExportKindTests {
    let asOf = CivilDate(year: 2025, month: 1, day: 15)

    @Test func scopeAndExportKindAreRecordedFromOptionsAndProfiles() throws {
        let box = try Sandbox()
        try box.importVillages()
        let a = try box.write("a.csv", Sandbox.casesCSV([Sandbox.caseRow("C1")]))
        var options = ImportOptions(asOf: asOf)
        options.exportKind = .incremental
        let first = try box.importer.importFile(a, options: options)
        #expect(first.exportKind == .incremental && first.idScope == .village)
        // A profile's keys apply when no option is given; an option overrides the profile.
        var profile = MappingProfile.canonical(.cases)
        profile.idScope = .village
        profile.exportKind = .full
        let b = try box.write("b.csv", Sandbox.casesCSV([Sandbox.caseRow("C2")]))
        let second = try box.importer.importFile(b, options: ImportOptions(profile: profile, asOf: asOf))
        #expect(second.exportKind == .full)
        let records = try box.store.imports().filter { $0.kind == .cases }
        #expect(records.map(\.exportKind) == [.incremental, .full])
        #expect(records.map(\.idScope) == [.village, .village])
        let json = try MappingProfile.decode(Array(#"{"name":"x","kind":"cases","id_scope":"municipality","export":"incremental"}"#.utf8).data, file: "p.json")
        #expect(json.idScope == .municipality && json.exportKind == .incremental)
        #expect(throws: ImportError.self) {
            _ = try MappingProfile.decode(Array(#"{"name":"x","kind":"cases","export":"partial"}"#.utf8).data, file: "p.json")
        }
    }

    /// Village SAA's residents were imported with village-scoped keys; a file declaring the same
    /// keys municipality-wide would count a person once in one import and twice in another.
    @Test func mixingScopesWithinAVillageIsRefusedAndChangesNothing() throws {
        let box = try Sandbox()
        try box.importVillages()
        let a = try box.write("a.csv", Sandbox.casesCSV([Sandbox.caseRow("C1")]))
        _ = try box.importer.importFile(a, options: ImportOptions(asOf: asOf))
        let b = try box.write("b.csv", Sandbox.casesCSV([Sandbox.caseRow("C2"), Sandbox.caseRow("C3", village: "DEU")]))
        var options = ImportOptions(asOf: asOf)
        options.idScope = .municipality
        do {
            _ = try box.importer.importFile(b, options: options)
            Issue.record("a second scope for SAA was accepted")
        } catch let error {
            guard case .identityScopeConflict(_, let village, let kind, let stored, let requested) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(village == "SAA" && kind == .cases && stored == .village && requested == .municipality)
            #expect(error.message(.nl).contains("per dorp") && error.message(.en).contains("--id-scope village"))
        }
        #expect(try box.count("SELECT count(*) FROM cases") == 1)
        #expect(try box.count("SELECT count(*) FROM imports WHERE kind = 'cases'") == 1)
        // Another village may use the municipality's key system.
        let c = try box.write("c.csv", Sandbox.casesCSV([Sandbox.caseRow("C9", village: "DEU")]))
        #expect(try box.importer.importFile(c, options: options).status == .completed)
    }

    /// A file with a village column lists the villages it has rows for; a file of one village
    /// (--village) lists that village even when every row was rejected.
    @Test func importsListTheVillagesTheyCover() throws {
        let box = try Sandbox()
        try box.importVillages()
        let multi = try box.write("multi.csv", Sandbox.casesCSV([Sandbox.caseRow("C1"), Sandbox.caseRow("C2", village: "DEU"),
                                                                   Sandbox.caseRow("C3", village: "DEU")]))
        let m = try box.importer.importFile(multi, options: ImportOptions(asOf: asOf))
        let bad = try box.write("bad.csv", Sandbox.casesCSV([Sandbox.caseRow("C4", received: "31-02-2024")]))
        let b = try box.importer.importFile(bad, options: ImportOptions(village: "SAA", asOf: CivilDate(year: 2025, month: 2, day: 1)))
        #expect(b.accepted == 0)
        let listings = try box.store.importListings()
        #expect(listings.map { "\($0.importID):\($0.village):\($0.rows)" }
                == ["\(m.importID ?? 0):DEU:2", "\(m.importID ?? 0):SAA:1", "\(b.importID ?? 0):SAA:0"])
        #expect(listings.allSatisfy { $0.exportKind == .full && $0.idScope == .village })
    }
}

private extension Array where Element == UInt8 {
    var data: Data { Data(self) }
}
