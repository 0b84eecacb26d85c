import Foundation
import Testing
import NoaberModel
import NoaberStore
@testable import NoaberImport

/// What the intake adds to the import: every identifier column named at once, a drafted
/// profile's `"?"` refused with a list, several columns for one multi-valued field, and noaber's
/// own readable headers (the registration template's) read without a profile.
@Suite struct IntakeProfileTests {
    let asOf = CivilDate(year: 2025, month: 1, day: 15)

    @Test func everyIdentifierColumnIsNamedAtOnce() throws {
        let header = ["Naam"] + RecordKind.cases.canonicalColumns + ["Telefoon", "Export batch", "E-mailadres"]
        do {
            _ = try ColumnPlan.make(header: header, file: "t.csv", profile: nil, kind: nil)
            Issue.record("not refused")
        } catch {
            guard case .identifierColumns(_, let columns) = error else { Issue.record("\(error)"); return }
            #expect(columns == [.init(name: "Naam", position: 1), .init(name: "Telefoon", position: 19),
                                .init(name: "E-mailadres", position: 21)])
            let nl = error.message(.nl), en = error.message(.en)
            #expect(nl.contains("3 kolommen") && nl.contains("1 'Naam', 19 'Telefoon', 21 'E-mailadres'"), "\(nl)")
            #expect(nl.contains(#""drop": ["Naam", "Telefoon", "E-mailadres"]"#), "\(nl)")
            #expect(en.contains("3 columns") && en.contains("Add all 3"), "\(en)")
        }
    }

    static let drafted = #"""
    {
      "name": "concept",
      "kind": "cases",
      "village": "?",
      "columns": { "Nr": "case_id", "Datum": "received", "Soort": "?", "Onderwerp": "themes" },
      "values": { "themes": { "eenzaam": "loneliness", "mobiliteit": "?", "Jan Jansen": "?" } },
      "drop": ["Naam"],
      "_counts": { "themes": { "mobiliteit": 3 } }
    }
    """#

    @Test func aProfileWithQuestionMarksLoadsButImportsNothingAndListsThem() throws {
        let box = try Sandbox()
        try box.importVillages()
        let path = try box.write("concept.json", Self.drafted)
        let profile = try MappingProfile.load(from: path)
        #expect(profile.unresolved.count == 4)
        #expect(profile.columns == ["Nr": "case_id", "Datum": "received", "Onderwerp": "themes"])
        #expect(profile.values["themes"] == ["eenzaam": "loneliness"])
        #expect(profile.village == nil)
        #expect(profile.unresolved.contains(UnresolvedEntry(place: .value(field: "themes", label: "mobiliteit"), count: 3)))
        let csv = try box.write("SAA-export.csv", "Nr,Datum,Soort,Onderwerp,Naam\nK1,2024-03-05,x,eenzaam,Jan Jansen\n")
        let before = try box.store.counts()
        var options = ImportOptions(profile: profile, asOf: asOf)
        options.village = "SAA"
        do {
            _ = try box.importer.importFile(csv, options: options)
            Issue.record("imported with a \"?\" in the profile")
        } catch {
            guard case .unresolvedProfile(_, let name, let entries) = error else { Issue.record("\(error)"); return }
            #expect(name == path)
            #expect(entries.count == 4)
            let nl = error.message(.nl)
            #expect(nl.contains("4 keer \"?\""), "\(nl)")
            #expect(nl.contains("values.themes: 'mobiliteit' (3 keer)"), "\(nl)")
            #expect(nl.contains("kolom 'Soort'") && nl.contains("village"), "\(nl)")
            #expect(!nl.contains("Jan Jansen") && nl.contains("(waarde niet getoond)"), "a name typed as a label is never shown: \(nl)")
            #expect(error.message(.en).contains("still holds \"?\" 4 times"))
        }
        let after = try box.store.counts()
        #expect(after.imports == before.imports && after.cases == before.cases)
    }

    @Test func severalColumnsOfOneMultiValuedFieldAreJoined() throws {
        let box = try Sandbox()
        try box.importVillages()
        let json = #"""
        {"name": "twee-themas", "kind": "cases", "village": "SAA",
         "columns": {"Nr": "case_id", "Datum": "received", "Thema A": "themes", "Thema B": "themes"}}
        """#
        let profile = try MappingProfile.decode(Data(json.utf8), file: "p.json")
        let csv = try box.write("two.csv", "Nr,Datum,Thema A,Thema B\nK1,2024-03-05,eenzaamheid,vervoer\nK2,2024-03-06,wonen,\nK3,2024-03-07,,astrologie\n")
        let report = try box.importer.importFile(csv, options: ImportOptions(profile: profile, asOf: asOf))
        #expect(report.accepted == 2 && report.rejected == 1, "\(report.firstRejections)")
        let cases = try box.store.cases().sorted { $0.caseID < $1.caseID }
        #expect(cases.map(\.themes) == [[.loneliness, .transport], [.housing]])
        #expect(report.firstRejections.first?.field == "themes")
        // One field that is not multi-valued still takes one column only.
        let twice = #"{"name": "x", "kind": "cases", "columns": {"A": "received", "B": "received"}}"#
        #expect(throws: ImportError.self) { try MappingProfile.decode(Data(twice.utf8), file: "p.json") }
    }

    @Test func theTemplatesReadableHeadersNeedNoProfile() throws {
        let box = try Sandbox()
        try box.importVillages()
        for language in [Language.nl, .en] {
            let columns = TemplateHeaders.columns(.cases)
            let header = columns.map { $0.header(language) }
            var row = [String](repeating: "", count: columns.count)
            func set(_ field: String, _ values: [String]) {
                for (i, value) in zip(columns.indices.filter { columns[$0].field == field }, values) { row[i] = value }
            }
            let nl = language == .nl
            set("case_id", ["T-\(language.rawValue)-1"]); set("village", ["Saasveld"]); set("person_id", ["K001"])
            set("age_band", [nl ? "75-84 jaar" : "75-84 years"]); set("received", ["5-3-2024"]); set("first_contact", ["6-3-2024"])
            set("source", [nl ? "buren" : "neighbour"]); set("channel", [nl ? "huisbezoek" : "home visit"])
            set("themes", [nl ? "eenzaamheid" : "loneliness", nl ? "vervoer" : "transport"])
            set("collective", [nl ? "nee" : "no"]); set("resolution", [nl ? "informele hulp" : "informal help"])
            set("risks", [nl ? "val" : "fall", nl ? "schulden" : "debt"]); set("support_minutes", ["45"])
            let csv = [header, row].map { $0.map { "\"\($0)\"" }.joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
            let path = try box.write("template-\(language.rawValue).csv", csv)
            let report = try box.importer.importFile(path, options: ImportOptions(asOf: asOf))
            #expect(report.profile == "canonical")
            #expect(report.accepted == 1 && report.rejected == 0, "\(report.firstRejections)")
            #expect(report.warnings.isEmpty, "\(report.warnings)")
        }
        let cases = try box.store.cases()
        #expect(cases.count == 2)
        for c in cases {
            #expect(c.themes == [.loneliness, .transport] && c.risks == [.fall, .debt] && c.village == "SAA")
            #expect(c.ageBand == .from75to84 && c.source == .neighbour && c.channel == .homeVisit && c.supportMinutes == 45)
        }
        // The task template's headers, too.
        let tasks = TemplateHeaders.columns(.tasks).map(\.nl).joined(separator: ",") + "\nT-nl-1,Saasveld,V1,7-3-2024,\"1,5\",bezoek\n"
        let report = try box.importer.importFile(try box.write("tasks.csv", tasks), options: ImportOptions(asOf: asOf))
        #expect(report.kind == .tasks && report.accepted == 1 && report.warnings.isEmpty, "\(report)")
    }

    @Test func noBundledDialectIsReadAsTheTemplateByAccident() throws {
        let dutch = ["Dossiernr", "Dorp", "Cliëntnummer", "Naam", "Leeftijdsklasse", "Datum melding", "Eerste contact"]
        #expect(!ColumnPlan.recognises(header: dutch, profile: nil, kind: nil))
        #expect(!ColumnPlan.recognises(header: ["Dossiernr", "Dorp", "Vrijwilliger", "Datum", "Uren", "Taak"], profile: nil, kind: nil))
        #expect(ColumnPlan.recognises(header: TemplateHeaders.columns(.cases).map(\.nl), profile: nil, kind: nil))
    }

    @Test func aProfileImportsRejectionsSpeakTheFilesOwnWords() throws {
        let box = try Sandbox()
        try box.importVillages()
        let json = #"""
        {"name": "eigen", "kind": "cases", "village": "SAA", "decimal_separator": ",",
         "columns": {"Nr": "case_id", "Binnen": "received", "Klaar": "closed", "Onderwerp": "themes", "Minuten": "support_minutes"},
         "values": {"themes": {"eenzaam": "loneliness", "rijden": "transport"}}}
        """#
        let profile = try MappingProfile.decode(Data(json.utf8), file: "eigen.json")
        let csv = """
        Nr;Binnen;Klaar;Onderwerp;Minuten
        1;5-3-2024;1-3-2024;eenzaam;30
        2;31-2-2024;;eenzaam;30
        3;5-3-2024;;astrologie;30
        ;5-3-2024;;rijden;30
        5;5-3-2024;;rijden;30001
        """
        let report = try box.importer.importFile(try box.write("eigen.csv", csv), options: ImportOptions(profile: profile, asOf: asOf))
        let reasons = report.firstRejections.map(\.reason)
        #expect(reasons == [
            "'Klaar' (2024-03-01) ligt vóór de ontvangst (2024-03-05)",
            "'Binnen': datum bestaat niet '31-2-2024'",
            "'Onderwerp': onbekend label 'astrologie'; het profiel kent: eenzaam, rijden; zet een nieuw label in values.themes van het profiel",
            "'Nr' ontbreekt",
            "'Minuten' 30001 buiten bereik (0–30000)",
        ], "\(reasons)")
        // A canonical file keeps noaber's own names.
        let canonical = try box.importer.importFile(try box.write("c.csv", Sandbox.casesCSV([Sandbox.caseRow("C9", themes: "astrologie")])),
                                                    options: ImportOptions(asOf: asOf))
        #expect(canonical.firstRejections.first?.reason.hasPrefix("onbekende waarde 'astrologie'; verwacht een van: loneliness") == true)
    }
}
