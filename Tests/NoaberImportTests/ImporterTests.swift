import Foundation
import Testing
import NoaberModel
import NoaberStore
@testable import NoaberImport

@Suite struct ImporterTests {
    let asOf = CivilDate(year: 2025, month: 1, day: 15)

    @Test func accountingHoldsAndRejectedRowsAreKept() throws {
        let box = try Sandbox()
        try box.importVillages()
        let path = try box.write("cases.csv", Sandbox.casesCSV([
            Sandbox.caseRow("C1"),
            Sandbox.caseRow("C2", received: "31-02-2024"),
            Sandbox.caseRow("C3", village: "DEU", person: "p2"),
            Sandbox.caseRow("C4", firstContact: "2024-03-01"),
            Sandbox.caseRow("C5", themes: "loneliness|astrology"),
        ]))
        let report = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
        #expect(report.rowsRead == 5)
        #expect(report.accepted == 2)
        #expect(report.rejected == 3)
        #expect(report.status == .completedWithRejections)
        #expect(report.firstRejections.map(\.line) == [3, 5, 6])
        #expect(report.firstRejections.map(\.field) == ["received", "first_contact", "themes"])
        #expect(try box.count("SELECT count(*) FROM cases") == 2)
        let rejected = try box.store.rejectedRows(importID: report.importID)
        #expect(rejected.count == 3)
        #expect(rejected.map(\.line) == [3, 5, 6])
        // The raw text keeps the valid cells, with the person id replaced by its pseudonym; the
        // invalid date is blanked (its header named), and quoted in the reason, being date-like.
        #expect(!rejected[0].raw.contains("31-02-2024"))
        #expect(rejected[0].raw.hasPrefix("C2,SAA,"))
        #expect(rejected[0].blanked == "received" && rejected[0].sourceField == "received")
        #expect(rejected[0].reason.contains("'31-02-2024'"))
        #expect(!rejected[0].raw.contains(",p1,"))
        let imports = try box.store.imports()
        let last = try #require(imports.last)
        #expect(last.rowsRead == 5 && last.accepted == 2 && last.rejected == 3)
        #expect(last.sha256.count == 64)
        #expect(last.asOf == asOf)
    }

    /// An export date after today (a typo in --as-of, a wrong date in the file name) is refused
    /// before a row is read, naming where it came from; one day of slack for time zones.
    @Test func anExportDateAfterTodayIsRefused() throws {
        let box = try Sandbox()
        try box.importVillages()
        let csv = Sandbox.casesCSV([Sandbox.caseRow("C1")])
        let path = try box.write("cases.csv", csv)
        let before = try box.count("SELECT count(*) FROM imports")
        var options = ImportOptions(asOf: CivilDate(year: 2205, month: 1, day: 10), now: "2025-01-20T09:00:00Z")
        let typo = try #require(throws: ImportError.self) { try box.importer.importFile(path, options: options) }
        #expect(typo.message(.nl).contains("exportdatum 2205-01-10 (--as-of) ligt na vandaag (2025-01-20)"), "\(typo.message(.nl))")
        let named = try box.write("export-2025-02-01.csv", csv)
        options.asOf = nil
        let fromName = try #require(throws: ImportError.self) { try box.importer.importFile(named, options: options) }
        #expect(fromName.message(.en).contains("export date 2025-02-01 (the date in the file name) is after today (2025-01-20)"))
        #expect(try box.count("SELECT count(*) FROM imports") == before, "nothing stored")
        options.asOf = CivilDate(year: 2025, month: 1, day: 21)   // tomorrow in UTC may be today in the village
        #expect(try box.importer.importFile(path, options: options).status == .completed)
    }

    /// Cases received after the export date are kept (and counted as `dates_in_future`), and the
    /// report asks whether the export date is right.
    @Test func casesReceivedAfterTheExportDateAreReported() throws {
        let box = try Sandbox()
        try box.importVillages()
        let path = try box.write("cases.csv", Sandbox.casesCSV([
            Sandbox.caseRow("C1", received: "2024-03-05"), Sandbox.caseRow("C2", received: "2024-08-01", firstContact: "2024-08-02"),
            Sandbox.caseRow("C3", received: "2024-09-30", firstContact: ""),
        ]))
        let report = try box.importer.importFile(path, options: ImportOptions(asOf: CivilDate(year: 2024, month: 6, day: 30)))
        #expect(report.accepted == 3)
        #expect(report.warnings.contains { $0.contains("2 hulpvragen zijn ontvangen na de exportdatum 2024-06-30 (de laatste op 2024-09-30)") },
                "\(report.warnings)")
        let clean = try box.write("later.csv", Sandbox.casesCSV([Sandbox.caseRow("C4", received: "2024-03-05")]))
        #expect(try box.importer.importFile(clean, options: ImportOptions(asOf: asOf)).warnings.isEmpty)
    }

    @Test func reimportingTheSameFileIsANoOpThatSaysSo() throws {
        let box = try Sandbox()
        try box.importVillages()
        let path = try box.write("cases.csv", Sandbox.casesCSV([Sandbox.caseRow("C1"), Sandbox.caseRow("C2")]))
        let first = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
        let second = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
        #expect(first.status == .completed)
        #expect(second.status == .unchanged)
        #expect(second.previousImportID == first.importID)
        #expect(try box.store.imports().filter { $0.kind == .cases }.count == 1)
        #expect(try box.count("SELECT count(*) FROM cases") == 2)
    }

    @Test func newerExportUpdatesCasesByCaseID() throws {
        let box = try Sandbox()
        try box.importVillages()
        let old = try box.write("old.csv", Sandbox.casesCSV([Sandbox.caseRow("C1"), Sandbox.caseRow("C2")]))
        let new = try box.write("new.csv", Sandbox.casesCSV([
            Sandbox.caseRow("C1", closed: "2024-04-01"), Sandbox.caseRow("C2"), Sandbox.caseRow("C3")]))
        _ = try box.importer.importFile(old, options: ImportOptions(asOf: CivilDate(year: 2024, month: 3, day: 31)))
        let r = try box.importer.importFile(new, options: ImportOptions(asOf: asOf))
        #expect(r.inserted == 1 && r.updated == 1 && r.unchangedRows == 1)
        let cases = try box.store.cases()
        #expect(cases.count == 3)
        #expect(cases.first { $0.caseID == "C1" }?.closed?.iso == "2024-04-01")
        // An older export imported afterwards does not overwrite the newer state.
        let older = try box.write("older.csv", Sandbox.casesCSV([Sandbox.caseRow("C1", minutes: "99")]))
        let o = try box.importer.importFile(older, options: ImportOptions(asOf: CivilDate(year: 2024, month: 3, day: 1)))
        #expect(o.keptNewer == 1)
        #expect(try box.store.cases().first { $0.caseID == "C1" }?.closed?.iso == "2024-04-01")
    }

    @Test func strictModeStoresNothingWhenARowIsRejected() throws {
        let box = try Sandbox()
        try box.importVillages()
        let path = try box.write("cases.csv", Sandbox.casesCSV([Sandbox.caseRow("C1"), Sandbox.caseRow("", received: "2024-01-01")]))
        #expect(throws: ImportError.self) { try box.importer.importFile(path, options: ImportOptions(asOf: asOf, strict: true)) }
        #expect(try box.count("SELECT count(*) FROM cases") == 0)
        #expect(try box.count("SELECT count(*) FROM rejected_rows") == 0)
        #expect(try box.store.imports().filter { $0.kind == .cases }.isEmpty)
    }

    @Test func dryRunCountsButStoresNothing() throws {
        let box = try Sandbox()
        try box.importVillages()
        let path = try box.write("cases.csv", Sandbox.casesCSV([Sandbox.caseRow("C1"), Sandbox.caseRow("C2", received: "x")]))
        let r = try box.importer.importFile(path, options: ImportOptions(asOf: asOf, dryRun: true))
        #expect(r.status == .dryRun && r.rowsRead == 2 && r.accepted == 1 && r.rejected == 1)
        #expect(try box.count("SELECT count(*) FROM cases") == 0)
        #expect(try box.store.imports().filter { $0.kind == .cases }.isEmpty)
    }

    @Test func malformedCSVFailsWholeWithLine() throws {
        let box = try Sandbox()
        try box.importVillages()
        let path = try box.write("cases.csv", Sandbox.casesCSV([Sandbox.caseRow("C1"), "\"C2,SAA"]))
        do {
            _ = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
            Issue.record("expected an error")
        } catch {
            guard case .malformedCSV(_, let line, _, _) = error else { Issue.record("\(error)"); return }
            #expect(line == 3)
        }
        #expect(try box.count("SELECT count(*) FROM cases") == 0)
    }

    @Test func duplicateCaseIDInOneFileIsRejectedNotOverwritten() throws {
        let box = try Sandbox()
        try box.importVillages()
        let path = try box.write("cases.csv", Sandbox.casesCSV([Sandbox.caseRow("C1"), Sandbox.caseRow("C1", minutes: "99")]))
        let r = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
        #expect(r.accepted == 1 && r.rejected == 1)
        #expect(r.firstRejections.first?.reason.contains("regel 2") == true)
        #expect(try box.store.cases().first?.supportMinutes == 30)
    }

    @Test func identifiersNeverReachTheStore() throws {
        let box = try Sandbox()
        try box.importVillages()
        let profile = try MappingProfile.decode(Data(#"""
        { "name": "t", "kind": "cases", "columns": { "Dossier": "case_id", "Dorp": "village", "Client": "person_id",
          "Datum": "received" }, "drop": ["Naam", "Telefoon"] }
        """#.utf8), file: "p.json")
        let path = try box.write("cases.csv", """
        Dossier;Dorp;Client;Naam;Telefoon;Datum
        1;SAA;CLIENT-4711;Jan Jansen;0612345678;5-3-2024
        2;SAA;CLIENT-4712;Piet Pietersen;0687654321;31-2-2024

        """)
        let r = try box.importer.importFile(path, options: ImportOptions(profile: profile, asOf: asOf))
        #expect(r.accepted == 1 && r.rejected == 1)
        let bytes = try box.allBytesWritten()
        for secret in ["Jan Jansen", "Piet Pietersen", "0612345678", "0687654321", "CLIENT-4711", "CLIENT-4712"] {
            #expect(!bytes.contains(secret), "\(secret) found in the store")
        }
    }

    @Test func windows1252AndSemicolonsAreDetected() throws {
        let box = try Sandbox()
        try box.importVillages()
        // "Thema" label 'eenzaamheid' and a village name with 'ë' would be mangled if read as UTF-8.
        var bytes = Array("case_id;village;received;themes;support_minutes\r\nC1;SAA;5-3-2024;eenzaamheid;12,5\r\n".utf8)
        bytes += [0x43, 0x32, 0x3B, 0x53, 0x41, 0x41, 0x3B, 0x36, 0x2D, 0x33, 0x2D, 0x32, 0x30, 0x32, 0x34, 0x3B, 0x63, 0x61, 0x66, 0xE9, 0x3B, 0x31, 0x0D, 0x0A]  // C2;SAA;6-3-2024;café;1
        let path = try box.write("cases.csv", bytes: bytes)
        let r = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
        #expect(r.encoding == "windows-1252")
        #expect(r.delimiter == ";")
        #expect(r.accepted == 1 && r.rejected == 1)
        #expect(r.firstRejections.first?.reason.contains("café") == true)
        #expect(try box.store.cases().first?.supportMinutes == 12.5)
    }

    @Test func tasksImportWithOrdinalsAndReimport() throws {
        let box = try Sandbox()
        try box.importVillages()
        let text = """
        case_id,village,volunteer_id,date,hours,task
        C1,SAA,v1,2024-03-05,1.5,transport
        C1,SAA,v1,2024-03-05,1.5,transport
        C2,SAA,v2,2024-03-06,2,personal_care
        C3,SAA,v2,2024-03-07,30,visit

        """
        let path = try box.write("tasks.csv", text)
        let r = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
        #expect(r.kind == .tasks && r.accepted == 3 && r.rejected == 1)
        #expect(try box.store.tasks().count == 3)
        // A newer export that repeats the same tasks plus one more adds only the new one.
        let newer = try box.write("tasks2.csv", text + "C4,SAA,v1,2024-04-01,1,shopping\n")
        let r2 = try box.importer.importFile(newer, options: ImportOptions(asOf: asOf))
        #expect(r2.inserted == 1)
        #expect(try box.store.tasks().count == 4)
    }

    @Test func villagesWithZeroPopulationAreRejected() throws {
        let box = try Sandbox()
        let path = try box.write("villages.csv", """
        village,name,municipality,inhabitants
        AAA,Aa,Gem,0
        BBB,Bb,Gem,100

        """)
        let r = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
        #expect(r.accepted == 1 && r.rejected == 1 && r.firstRejections.first?.field == "inhabitants")
    }

    @Test func missingKeyForAnExistingStoreIsRefused() throws {
        let box = try Sandbox()
        try box.importVillages()
        let path = try box.write("cases.csv", Sandbox.casesCSV([Sandbox.caseRow("C1")]))
        _ = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
        try FileManager.default.removeItem(atPath: box.root + "/store.sqlite.key")
        let again = Importer(store: box.store, keyPath: box.root + "/store.sqlite.key")
        let path2 = try box.write("cases2.csv", Sandbox.casesCSV([Sandbox.caseRow("C9")]))
        #expect(throws: ImportError.self) { try again.importFile(path2, options: ImportOptions(asOf: asOf)) }
        #expect(!FileManager.default.fileExists(atPath: box.root + "/store.sqlite.key"))
    }

    @Test func asOfFromFileName() {
        #expect(AsOfDate.fromFileName("export-saasveld-2025-01-15.csv")?.iso == "2025-01-15")
        #expect(AsOfDate.fromFileName("SAA_20250115.csv")?.iso == "2025-01-15")
        #expect(AsOfDate.fromFileName("SAA_2025-02-30.csv") == nil)
        #expect(AsOfDate.fromFileName("cases.csv") == nil)
    }
}
