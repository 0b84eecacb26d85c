import Foundation
import Testing
import NoaberModel
import NoaberStore
import NoaberCSV
@testable import NoaberImport

/// Identifiers in the wrong cell, at the level of the importer: case ids must be file numbers (or
/// are pseudonymised), reasons quote only harmless values, rejected rows keep only cells that
/// pass their own check. The built binary is scanned end to end by `PrivacyScanWrongCellTests`.
@Suite struct WrongCellTests {
    let asOf = CivilDate(year: 2025, month: 1, day: 15)

    static let identifiers = ["Jan de Vries", "Hendrika Oude Luttikhuis", "06-12345678", "+31 6 12345678", "zoe@example.nl",
                              "111222333", "123456782", "NL91ABNA0417164300", "7576 AB 12"]

    // MARK: - The case-id rule

    @Test(arguments: ["DEU-00001", "K-2024-017", "CL/2024/00917", "2024.017", "17", "SAA-K00001", "C1", "a_b-1/2.3", "2024JV003",
                      "W01-2024-0017", "D001-0000001", "../c0-1", String(repeating: "9", count: 8)])
    func fileNumbersAreKeptAsWritten(_ id: String) {
        #expect(CaseIDRule.problem(id) == nil, "\(id)")
    }

    @Test func theAllowedBytesAreExactlyLettersDigitsAndFourMarks() {
        let allowed = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_/.".utf8))
        for byte in UInt8(0)...UInt8(255) {
            let id = [UInt8(ascii: "1"), byte]
            let problem = id.withUnsafeBufferPointer { CaseIDRule.problem($0) }
            #expect((problem == nil) == allowed.contains(byte), "byte \(byte)")
        }
    }

    @Test func everythingElseIsRefusedWithItsReason() {
        #expect(CaseIDRule.problem("Hendrika Oude Luttikhuis") == .characters)
        #expect(CaseIDRule.problem("Oolderink") == .noDigit)
        #expect(CaseIDRule.problem("C-Zoë1") == .characters)
        #expect(CaseIDRule.problem("zoe@example.nl") == .characters)
        #expect(CaseIDRule.problem("+31612345678") == .characters)
        #expect(CaseIDRule.problem("111222333") == .identifier(.bsn))
        #expect(CaseIDRule.problem("K111222333") == .identifier(.bsn))
        #expect(CaseIDRule.problem("123.456.782") == .identifier(.bsn))
        #expect(CaseIDRule.problem("0612345678") == .identifier(.phone))
        #expect(CaseIDRule.problem("06-12345678") == .identifier(.phone))
        #expect(CaseIDRule.problem("NL91ABNA0417164300") == .identifier(.iban))
        #expect(CaseIDRule.problem(String(repeating: "A1", count: 33)) == .tooLong)
        // One in eleven nine-digit numbers passes the 11-proef: those are refused (docs/privacy.md).
        #expect(CaseIDRule.problem("123456789") == nil)
    }

    @Test func theBundledDatasetsCaseIDsAreFileNumbers() throws {
        let exports = EndToEndPaths.datasets + "/exports"
        var checked = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: exports) where name.hasSuffix(".csv") && name != "manifest.csv" {
            let reader = try CSVReader(path: exports + "/" + name)
            _ = try reader.next()
            while try reader.next() {
                let id = reader.field(0).trimmingCharacters(in: .whitespaces)
                guard !id.isEmpty else { continue }
                #expect(CaseIDRule.problem(id) == nil, "\(name): \(id)")
                checked += 1
            }
        }
        // Weerselo's workbook: its first column holds the file numbers.
        for name in try FileManager.default.contentsOfDirectory(atPath: exports) where name.hasSuffix(".xlsx") {
            let table = try DraftTable.read(exports + "/" + name, sheet: nil)
            for (id, count) in try #require(table.columns.first).counts {
                #expect(CaseIDRule.problem(id) == nil, "\(name): \(id)")
                checked += count
            }
        }
        #expect(checked > 1_500)
    }

    // MARK: - Quoting

    @Test func harmlessValuesAreQuotedAndIdentifiersDescribed() {
        for shown in ["astrology", "veel", "31-2-2024", "2024-13-45", "24:00", "30001", "-5", "45356.604167", "Hendrika", "n.v.t.",
                      "onbekend thema"] {
            #expect(ShownValue.quoted(shown) == "'\(shown)'", "\(shown)")
        }
        for hidden in Self.identifiers + ["KLT-778201", "CL/2024/00917", "12345678", String(repeating: "x", count: 33),
                                          "a\u{202E}b", "Sociaal Team"] {
            #expect(ShownValue.quoted(hidden) == nil, "\(hidden)")
            let d = ShownValue.description(hidden)
            #expect(!d.nl.contains(hidden) && !d.en.contains(hidden))
            #expect(d.nl.contains("niet getoond en niet bewaard"))
        }
        #expect(ShownValue.description("06-12345678").nl == " (lijkt een telefoonnummer; niet getoond en niet bewaard)")
        #expect(ShownValue.description("KLT-778201").en.contains("10 characters, with digits"))
        #expect(ShownValue.number(30_001) == "30001" && ShownValue.number(-5) == "-5" && ShownValue.number(62.5) == "62.5")
        #expect(ShownValue.number(111_222_333) == nil && ShownValue.number(.infinity) == nil)
    }

    // MARK: - Through the importer

    @Test func identifiersInCheckedColumnsAreNeverQuotedOrKept() throws {
        let box = try Sandbox()
        try box.importVillages()
        // Column positions of the canonical case row (see Sandbox.caseRow).
        let checked = [0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
        var rows: [String] = []
        for (i, id) in Self.identifiers.enumerated() {
            for column in checked {
                var cells = Sandbox.caseRow("W\(i)-\(column)").split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                cells[column] = "\"\(id)\""
                rows.append(cells.joined(separator: ","))
            }
        }
        let path = try box.write("cases.csv", Sandbox.casesCSV(rows))
        for language in [Language.en, .nl] {   // a dry run first: after the real import the file is unchanged
            var options = ImportOptions(asOf: asOf)
            options.language = language
            options.dryRun = language == .en
            let report = try box.importer.importFile(path, options: options)
            #expect(report.rejected == rows.count, "every wrong cell rejects its row: \(report)")
            for r in report.firstRejections { for id in Self.identifiers { #expect(!r.reason.contains(id), "\(r.reason)") } }
        }
        let stored = try box.store.rejectedRows()
        #expect(stored.count == rows.count)
        for r in stored {
            for id in Self.identifiers {
                #expect(!r.reason.contains(id) && !r.raw.contains(id), "line \(r.line): \(r.reason) | \(r.raw)")
            }
            #expect(r.blanked != nil && r.sourceField == r.field, "line \(r.line)")
        }
        #expect(!(try box.allBytesWritten().contains("Luttikhuis")))
        #expect(!(try box.allBytesWritten().contains("111222333")))
    }

    @Test func personalCaseIDsAreStoredAsPseudonymsAndStillUpdate() throws {
        let box = try Sandbox()
        try box.importVillages()
        var profile = MappingProfile.canonical(.cases)
        profile.name = "personal"
        profile.caseIDIsPersonal = true
        profile.columns = Dictionary(uniqueKeysWithValues: RecordKind.cases.canonicalColumns.map { ($0, $0) })
        var options = ImportOptions(asOf: CivilDate(year: 2024, month: 3, day: 31))
        options.profile = profile
        let first = try box.write("a.csv", Sandbox.casesCSV([Sandbox.caseRow("\"Jan de Vries\""), Sandbox.caseRow("111222333")]))
        #expect(try box.importer.importFile(first, options: options).accepted == 2)
        options.asOf = CivilDate(year: 2024, month: 4, day: 30)
        let second = try box.write("b.csv", Sandbox.casesCSV([Sandbox.caseRow("\"Jan de Vries\"", closed: "2024-04-01"),
                                                               Sandbox.caseRow("111222333")]))
        let report = try box.importer.importFile(second, options: options)
        #expect(report.updated == 1 && report.inserted == 0, "the same key links the newer export: \(report)")
        let key = try KeyFile.load(at: box.root + "/store.sqlite.key")
        let pseudonym = try #require(Pseudonymizer(key: key).pseudonym(for: "Jan de Vries", in: .caseID))
        #expect(pseudonym != Pseudonymizer(key: key).pseudonym(for: "Jan de Vries", in: .person), "its own domain")
        let cases = try box.store.cases()
        #expect(cases.count == 2 && cases.contains { $0.caseID == pseudonym && $0.closed != nil })
        #expect(!(try box.allBytesWritten().contains("Vries")))
        #expect(!(try box.allBytesWritten().contains("111222333")))
    }

    @Test func aTaskCaseIDFollowsTheSameRule() throws {
        let box = try Sandbox()
        try box.importVillages()
        let path = try box.write("tasks.csv", """
            case_id,village,volunteer_id,date,hours,task
            C1,SAA,V1,2024-03-05,1,visit
            Jan de Vries,SAA,V1,2024-03-05,1,visit
            ,SAA,V1,2024-03-06,1,visit

            """)
        let report = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
        #expect(report.accepted == 2 && report.rejected == 1)
        #expect(report.firstRejections.first?.field == "case_id" && report.firstRejections.first?.reason.contains("Vries") == false)
        let row = try #require(try box.store.rejectedRows().first)
        #expect(row.raw.hasPrefix(",SAA,") && row.blanked == "case_id", "\(row.raw)")
    }

    @Test func aRejectedRowKeepsItsValidCellsAndNamesTheBlankedOnes() throws {
        let box = try Sandbox()
        try box.importVillages()
        let header = "Dossiernr;Dorp;Cliënt;Datum melding;Thema;Tijd;Naam"
        let path = try box.write("export.csv", header + "\nK-1;Saasveld;P1;5-3-2024;Jan de Vries;twaalf;Jan de Vries\n")
        var profile = MappingProfile(name: "p", kind: .cases, delimiter: UInt8(ascii: ";"))
        profile.columns = ["Dossiernr": "case_id", "Dorp": "village", "Cliënt": "person_id", "Datum melding": "received",
                           "Thema": "themes", "Tijd": "support_minutes"]
        profile.drop = ["Naam"]
        var options = ImportOptions(asOf: asOf)
        options.profile = profile
        let report = try box.importer.importFile(path, options: options)
        #expect(report.firstRejections.first?.sourceField == "Thema")
        let row = try #require(try box.store.rejectedRows().first)
        #expect(row.field == "themes" && row.sourceField == "Thema")
        // The theme failed, and so would the minutes: both blanked and named; the dropped Naam is blank, not listed.
        #expect(row.blanked == "Thema, Tijd", "\(String(describing: row.blanked))")
        let cells = row.raw.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        #expect(cells.count == 7 && cells[0] == "K-1" && cells[1] == "Saasveld" && cells[2].count == 32 && cells[3] == "5-3-2024")
        #expect(cells[4].isEmpty && cells[5].isEmpty && cells[6].isEmpty)
        #expect(row.reason.contains("lijkt een naam"), "\(row.reason)")
    }
}

/// The package's bundled datasets, from this file's place in the repository.
enum EndToEndPaths {
    static let datasets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Datasets").path
}
