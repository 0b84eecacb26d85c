import Foundation
import Testing
import NoaberModel
@testable import NoaberImport

@Suite struct RowValidationTests {
    static let villages = [
        Village(code: "SAA", name: "Saasveld", municipality: "Dinkelland", inhabitants: 1700),
        Village(code: "DEU", name: "Deurningen", municipality: "Dinkelland", inhabitants: 2015),
    ]
    static let header = RecordKind.cases.canonicalColumns

    func validator(header: [String] = header, profile: MappingProfile? = nil, fixedVillage: String? = nil) throws -> CaseRowValidator {
        let plan = try ColumnPlan.make(header: header, file: "t.csv", profile: profile, kind: nil)
        let ctx = RowContext(plan: plan, villages: VillageResolver(villages: Self.villages, profileLabels: plan.profile.values["village"]),
                             fixedVillage: fixedVillage)
        return CaseRowValidator(context: ctx, pseudonymise: { $0.isEmpty ? nil : "P(" + String(decoding: $0, as: UTF8.self) + ")" })
    }

    /// A canonical row with the given overrides.
    func row(_ overrides: [String: String]) -> StringRow {
        var base: [String: String] = ["case_id": "C1", "village": "SAA", "person_id": "p1", "age_band": "75-84",
                                      "received": "2024-03-05", "first_contact": "2024-03-06", "closed": "",
                                      "source": "self", "channel": "phone", "themes": "loneliness|transport",
                                      "collective": "false", "resolution": "informal", "referred_to": "",
                                      "risks": "isolation", "escalated_to": "", "support_minutes": "45", "birth_year": ""]
        for (k, v) in overrides { base[k] = v }
        return StringRow(Self.header.map { base[$0] ?? "" })
    }

    func rejection(_ r: Result<CaseRecord, RowRejection>) -> RowRejection? {
        if case .failure(let x) = r { return x }
        return nil
    }

    @Test func acceptsAValidCanonicalRow() throws {
        let v = try validator()
        let record = try v.validate(row([:])).get()
        #expect(record.caseID == "C1")
        #expect(record.village == "SAA")
        #expect(record.personKey == "P(p1)")
        #expect(record.ageBand == .from75to84)
        #expect(record.received.iso == "2024-03-05")
        #expect(record.firstContact?.iso == "2024-03-06")
        #expect(record.closed == nil)
        #expect(record.themes == [.loneliness, .transport])
        #expect(record.risks == [.isolation])
        #expect(record.supportMinutes == 45)
        #expect(record.collective == false)
    }

    @Test func anonymousWhenPersonIDEmpty() throws {
        #expect(try validator().validate(row(["person_id": "  "])).get().personKey == nil)
    }

    @Test func rejectsEachInvalidFieldWithItsName() throws {
        let v = try validator()
        let cases: [([String: String], String?)] = [
            (["case_id": ""], "case_id"),
            (["received": ""], "received"),
            (["received": "31-02-2024"], "received"),
            (["first_contact": "2024-03-04"], "first_contact"),
            (["closed": "2024-03-01"], "closed"),
            (["first_contact": "2024-03-10", "closed": "2024-03-08"], "closed"),
            (["themes": "loneliness|gardening"], "themes"),
            (["source": "postman"], "source"),
            (["support_minutes": "veel"], "support_minutes"),
            (["support_minutes": "-5"], "support_minutes"),
            (["collective": "misschien"], "collective"),
            (["village": "XYZ"], "village"),
            (["age_band": "90+"], "age_band"),
            (["birth_year": "1850"], "birth_year"),
        ]
        for (overrides, field) in cases {
            let r = rejection(v.validate(row(overrides)))
            #expect(r?.field == field, "\(overrides)")
            #expect(r?.reason.nl.isEmpty == false)
        }
    }

    @Test func sameDayWithoutTimesIsNotBeforeReceived() throws {
        let v = try validator()
        #expect(rejection(v.validate(row(["received": "2024-03-05T15:00", "first_contact": "2024-03-05"]))) == nil)
        #expect(rejection(v.validate(row(["received": "2024-03-05T15:00", "first_contact": "2024-03-05T14:00"])))?.field == "first_contact")
    }

    @Test func raggedAndEmptyRowsAreRejectedWhole() throws {
        let v = try validator()
        #expect(rejection(v.validate(StringRow(["C1", "SAA"])))?.field == nil)
        #expect(rejection(v.validate(StringRow(Self.header.map { _ in "" })))?.reason.en == "empty row")
        #expect(rejection(v.validate(StringRow([""])))?.reason.en == "empty row")
    }

    @Test func villageByNameAndFixedVillage() throws {
        #expect(try validator().validate(row(["village": "saasveld"])).get().village == "SAA")
        let fixed = try validator(fixedVillage: "DEU")
        #expect(rejection(fixed.validate(row(["village": "SAA"])))?.field == "village")
        #expect(try fixed.validate(row(["village": ""])).get().village == "DEU")
    }

    @Test func profileMapsHeadersLabelsAndSeparators() throws {
        let json = """
        { "name": "t", "kind": "cases", "date_order": "dmy", "decimal_separator": ",", "multi_value_separator": ",",
          "columns": { "Dossiernr": "case_id", "Dorp": "village", "Datum melding": "received", "Thema's": "themes",
                       "Leeftijd": "age", "Tijd (min)": "support_minutes", "Collectief": "collective" },
          "values": { "themes": { "alleen": "loneliness" }, "village": { "Saasvelt": "SAA" } },
          "drop": ["Naam", "Notities"] }
        """
        let profile = try MappingProfile.decode(Data(json.utf8), file: "p.json")
        let header = ["Dossiernr", "Naam", "Dorp", "Datum melding", "Thema's", "Leeftijd", "Tijd (min)", "Collectief", "Notities", "Extra"]
        let plan = try ColumnPlan.make(header: header, file: "t.csv", profile: profile, kind: nil)
        #expect(plan.ignoredColumns == ["Extra"])
        #expect(plan.hiddenPositions == [1, 8, 9])
        let v = try validator(header: header, profile: profile)
        let r = try v.validate(StringRow(["D-7", "Jan Jansen", "Saasvelt", "5-3-2024", "alleen, vervoer", "81", "1.234,5", "x", "notitie", "?"])).get()
        #expect(r.caseID == "D-7")
        #expect(r.village == "SAA")
        #expect(r.themes == [.loneliness, .transport])   // 'vervoer' is noaber's own Dutch label
        #expect(r.ageBand == .from75to84)
        #expect(r.supportMinutes == 1234.5)
        #expect(r.collective == true)
    }

    @Test func identifierColumnsStopTheImportUnlessDropped() throws {
        for name in ["Naam", "Achternaam", "Adres", "Telefoonnummer", "E-mail", "BSN", "Geboortedatum", "Tel"] {
            let header = RecordKind.cases.canonicalColumns + [name]
            #expect(throws: ImportError.self) { try ColumnPlan.make(header: header, file: "t.csv", profile: nil, kind: nil) }
            do {
                _ = try ColumnPlan.make(header: header, file: "t.csv", profile: nil, kind: nil)
            } catch {
                guard case .identifierColumns(_, let columns) = error else { Issue.record("\(error)"); continue }
                #expect(columns == [.init(name: name, position: header.count)])
                #expect(error.message(.nl).contains("drop"))
            }
        }
        // Harmless unknown columns are ignored with a warning, not an error.
        let plan = try ColumnPlan.make(header: RecordKind.cases.canonicalColumns + ["Export batch"], file: "t.csv", profile: nil, kind: nil)
        #expect(plan.ignoredColumns == ["Export batch"])
    }

    @Test func headerProblems() {
        #expect(throws: ImportError.self) { try ColumnPlan.make(header: ["a", "b"], file: "t.csv", profile: nil, kind: nil) }
        #expect(throws: ImportError.self) { try ColumnPlan.make(header: ["case_id", "received", "CASE_ID"], file: "t.csv", profile: nil, kind: nil) }
        #expect(throws: ImportError.self) { try ColumnPlan.make(header: ["case_id", "village"], file: "t.csv", profile: nil, kind: .cases) }
        // Canonical detection picks the kind from the header.
        #expect((try? ColumnPlan.make(header: RecordKind.tasks.canonicalColumns, file: "t.csv", profile: nil, kind: nil))?.kind == .tasks)
        #expect((try? ColumnPlan.make(header: RecordKind.villages.canonicalColumns, file: "t.csv", profile: nil, kind: nil))?.kind == .villages)
    }

    @Test func contradictoryProfilesAreRefusedOnLoad() {
        let bad = [
            #"{ "name": "x", "kind": "cases", "columns": { "A": "case_id", "B": "case_id" } }"#,
            #"{ "name": "x", "kind": "cases", "columns": { "A": "nonsense" } }"#,
            #"{ "name": "x", "kind": "cases", "columns": { "A": "case_id" }, "drop": ["a"] }"#,
            #"{ "name": "x", "kind": "cases", "values": { "themes": { "alleen": "solitude" } } }"#,
            #"{ "name": "x", "kind": "people" }"#,
            #"{ "name": "x", "kind": "cases", "delimiter": "|" }"#,
            #"{ "name": "x", "kind": "cases", "date_order": "dym" }"#,
            #"{ "name": "x", "kind": "cases", "delimiter": ";", "multi_value_separator": ";" }"#,
            #"{ "kind": "cases" }"#,
            #"{ "name": "x", "kind": "cases", "columns": [] }"#,
            "not json",
        ]
        for json in bad {
            #expect(throws: ImportError.self, "\(json)") { try MappingProfile.decode(Data(json.utf8), file: "p.json") }
        }
    }
}
