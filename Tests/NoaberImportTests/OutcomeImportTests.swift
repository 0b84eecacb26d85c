import Testing
import NoaberModel
import NoaberStore
@testable import NoaberImport

/// Outcome series through the importer: the same reader, accounting and provenance as case
/// exports, and the aggregates-only rules (`OutcomeRules`) that refuse a file whole.
@Suite struct OutcomeImportTests {
    static let villages = """
    village,name,municipality,inhabitants,inhabitants_75plus,paid_hours_per_week,cost_per_year_eur,registration_start,ondersteuner_start,comparison_area
    SAA,Saasveld,Dinkelland,1700,170,12,34320,,2019-09-01,
    AGE,Agelo,Dinkelland,350,,0,,,,ja

    """

    private func box() throws -> Sandbox {
        let box = try Sandbox()
        let path = try box.write("villages.csv", Self.villages)
        _ = try box.importer.importFile(path, options: ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 1)))
        return box
    }

    private func options(_ y: Int = 2025, _ m: Int = 2, _ d: Int = 1) -> ImportOptions {
        ImportOptions(kind: .outcomes, asOf: CivilDate(year: y, month: m, day: d))
    }

    @Test func rowsAreAccountedForAndBadRowsRejectedWithTheirReason() throws {
        let box = try box()
        let path = try box.write("gp.csv", """
        village,period,measure,value,population
        SAA,2024Q1,huisartsconsulten,2040,1700
        AGE,2024Q1,huisartsconsulten,410,350
        SAA,2024Q5,huisartsconsulten,2000,1700
        XYZ,2024Q1,huisartsconsulten,10,900
        SAA,2024Q2,huisartsconsulten,-3,1700
        SAA,2024Q3,huis artsconsulten,3,1700
        SAA,2024Q4,huisartsconsulten,3,0
        Agelo,2024-02,huisartsconsulten,130.5,350

        """)
        let report = try box.importer.importFile(path, options: options())
        #expect(report.kind == .outcomes && report.rowsRead == 8 && report.accepted == 3 && report.rejected == 5)
        #expect(report.rowsRead == report.accepted + report.rejected)
        let fields = report.firstRejections.map { $0.field ?? "" }
        #expect(fields == ["period", "village", "value", "measure", "population"], "\(report.firstRejections)")
        #expect(try box.count("SELECT count(*) FROM outcomes") == 3)
        #expect(try box.count("SELECT count(*) FROM rejected_rows") == 5)
        #expect(try box.count("SELECT count(*) FROM imports WHERE kind = 'outcomes' AND village IS NULL AND sha256 <> ''") == 1)
        // A village named by its name, a month, a decimal count.
        let age = try box.store.outcomes(measure: "huisartsconsulten").filter { $0.village == "AGE" }
        #expect(age.map(\.period.label) == ["2024Q1", "2024-02"] && age.last?.value == 130.5)
        // No key file is needed or made: outcome series hold no identifiers to pseudonymise.
        #expect(try box.store.meta("key_fingerprint") == nil)
    }

    @Test func theSameFileTwiceIsANoOpAndANewerDeliveryReplacesFigures() throws {
        let box = try box()
        let first = try box.write("gp-1.csv", "village,period,measure,value,population\nSAA,2024Q1,gp,2040,1700\nSAA,2024Q2,gp,1900,1700\n")
        #expect(try box.importer.importFile(first, options: options()).inserted == 2)
        let again = try box.importer.importFile(first, options: options())
        #expect(again.status == .unchanged && again.importID == nil)
        let revised = try box.write("gp-2.csv", "village,period,measure,value,population\nSAA,2024Q1,gp,2050,1700\nSAA,2024Q2,gp,1900,1700\n")
        let r = try box.importer.importFile(revised, options: options(2025, 3, 1))
        #expect(r.updated == 1 && r.unchangedRows == 1 && r.inserted == 0)
        let older = try box.write("gp-0.csv", "village,period,measure,value,population\nSAA,2024Q1,gp,1,1700\n")
        let o = try box.importer.importFile(older, options: options(2024, 12, 1))
        #expect(o.keptNewer == 1)
        #expect(try box.store.outcomes(measure: "gp").map(\.value) == [2050, 1900])
    }

    /// Each of the aggregates-only rules refuses the whole file: nothing is stored, not even the
    /// import or its rejected rows.
    @Test func personLevelFilesAreRefusedWhole() throws {
        let box = try box()
        let files: [(String, String, String)] = [
            ("name column", "village,period,measure,value,population,naam\nSAA,2024Q1,gp,1,1700,Jan\n", "naam"),
            ("client column", "client_id,village,period,measure,value,population\n17,SAA,2024Q1,gp,1,1700\n", "client_id"),
            ("bsn column", "village,period,measure,value,population,BSN\nSAA,2024Q1,gp,1,1700,\n", "BSN"),
            ("birth date", "village,period,measure,value,population,geboortedatum\nSAA,2024Q1,gp,1,1700,\n", "geboortedatum"),
            ("id column", "id,village,period,measure,value,population\n1,SAA,2024Q1,gp,1,1700\n", "id"),
            ("repeated cell", "village,period,measure,value,population\nSAA,2024Q1,gp,1,1700\nSAA,2024Q2,gp,1,1700\nSAA,2024Q1,gp,1,1700\n",
             "regel 4 herhaalt gebied SAA, maat gp en periode 2024Q1 van regel 2"),
            ("population of one", "village,period,measure,value,population\nSAA,2024Q1,gp,1,1\n", "populatie 1 is kleiner dan 50"),
            ("small population", "village,period,measure,value,population\nSAA,2024Q1,gp,12,1700\nAGE,2024Q1,gp,3,49\n",
             "regel 3: populatie 49"),
        ]
        for (name, text, needle) in files {
            let path = try box.write("person-\(name.split(separator: " ").joined(separator: "-")).csv", text)
            do {
                _ = try box.importer.importFile(path, options: options())
                Issue.record("\(name): imported")
            } catch {
                guard case .notAggregated = error else { Issue.record("\(name): \(error)"); continue }
                #expect(error.message(.nl).contains(needle), "\(name): \(error.message(.nl))")
                #expect(error.message(.nl).contains("nooit gegevens per persoon"))
            }
        }
        #expect(try box.count("SELECT count(*) FROM imports WHERE kind = 'outcomes'") == 0)
        #expect(try box.count("SELECT count(*) FROM outcomes") == 0)
        #expect(try box.count("SELECT count(*) FROM rejected_rows") == 0)
        // A population of exactly 50 is an aggregate.
        let fifty = try box.write("fifty.csv", "village,period,measure,value,population\nAGE,2024Q1,gp,3,50\n")
        #expect(try box.importer.importFile(fifty, options: options()).accepted == 1)
    }

    @Test func personLevelHeadersAreRecognised() {
        for h in ["person_id", "Persoonsnummer", "cliëntnummer", "Client ID", "klantnr", "patiënt", "geboortejaar", "Year of birth",
                  "leeftijd", "geslacht", "gender", "sex", "id", "nr", "Naam", "adres", "postcode", "BSN", "dossiernummer", "age"] {
            #expect(OutcomeRules.looksPersonLevel(h), "\(h)")
        }
        for h in ["village", "period", "measure", "value", "population", "gebied", "kwartaal", "aantal", "inwoners", "bron", "Wijk"] {
            #expect(!OutcomeRules.looksPersonLevel(h), "\(h)")
        }
    }

    @Test func aCaseImportIsNeverReadAsOutcomesNorTheOtherWayRound() throws {
        let box = try box()
        let outcomes = try box.write("o.csv", "village,period,measure,value,population\nSAA,2024Q1,gp,12,1700\n")
        do {
            _ = try box.importer.importFile(outcomes, options: ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 1)))
            Issue.record("an outcome file was imported without --kind outcomes")
        } catch {
            guard case .unrecognisedHeader = error else { Issue.record("\(error)"); return }
        }
        let cases = try box.write("c.csv", Sandbox.casesCSV([Sandbox.caseRow("K-1")]))
        do {
            _ = try box.importer.importFile(cases, options: options())
            Issue.record("a case file was imported as outcomes")
        } catch {
            guard case .notAggregated = error else { Issue.record("\(error)"); return }
        }
    }
}

/// Comparison areas in the villages file, and case exports naming one.
@Suite struct ComparisonAreaImportTests {
    @Test func theVillagesFileRefusesAContradictoryComparisonArea() throws {
        let box = try Sandbox()
        let path = try box.write("villages.csv", """
        village,name,municipality,inhabitants,inhabitants_75plus,paid_hours_per_week,cost_per_year_eur,registration_start,ondersteuner_start,comparison_area
        SAA,Saasveld,Dinkelland,1700,170,12,34320,,2019-09-01,
        AGE,Agelo,Dinkelland,350,,0,,,,ja
        BEU,Beuningen,Dinkelland,560,,,,,2020-01-01,ja
        DEN,Denekamp,Dinkelland,9500,,8,,,,true
        LEM,Lemselo,Dinkelland,300,,,,,,misschien

        """)
        let report = try box.importer.importFile(path, options: ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 1)))
        #expect(report.accepted == 2 && report.rejected == 3)
        #expect(report.firstRejections.allSatisfy { $0.field == "comparison_area" }, "\(report.firstRejections)")
        let areas = try box.store.villages()
        #expect(areas.map(\.code) == ["AGE", "SAA"] && areas.first?.isComparisonArea == true && areas.last?.isComparisonArea == false)
    }

    @Test func aVillageWithCasesCannotBecomeAComparisonAreaAndCasesCannotNameOne() throws {
        let box = try Sandbox()
        try box.importVillages()
        let cases = try box.write("cases.csv", Sandbox.casesCSV([Sandbox.caseRow("K-1")]))
        _ = try box.importer.importFile(cases, options: ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 1)))
        let remark = try box.write("villages-2.csv", """
        village,name,municipality,inhabitants,comparison_area
        SAA,Saasveld,Dinkelland,1700,ja
        DEU,Deurningen,Dinkelland,2015,ja

        """)
        let r = try box.importer.importFile(remark, options: ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 2)))
        #expect(r.accepted == 1 && r.rejected == 1)
        #expect(r.firstRejections.first?.reason.contains("heeft al hulpvragen") == true, "\(r.firstRejections)")
        // DEU is now a comparison area: its case rows are rejected, and --village DEU refused.
        let deu = try box.write("deu.csv", Sandbox.casesCSV([Sandbox.caseRow("K-2", village: "DEU"), Sandbox.caseRow("K-3")]))
        let d = try box.importer.importFile(deu, options: ImportOptions(asOf: CivilDate(year: 2025, month: 1, day: 3)))
        #expect(d.accepted == 1 && d.rejected == 1)
        #expect(d.firstRejections.first?.reason.contains("vergelijkingsgebied") == true, "\(d.firstRejections)")
        do {
            _ = try box.importer.importFile(deu, options: ImportOptions(village: "DEU", asOf: CivilDate(year: 2025, month: 1, day: 4)))
            Issue.record("a case file for a comparison area was imported")
        } catch {
            guard case .comparisonArea(_, let village) = error else { Issue.record("\(error)"); return }
            #expect(village == "DEU")
        }
    }
}
