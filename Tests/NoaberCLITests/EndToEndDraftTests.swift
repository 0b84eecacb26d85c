import Foundation
import Testing

/// `noaber profile draft` through the built binary, on the bundled village workbook: the bundled
/// profile is the draft with its `"?"` filled in by a person, and the draft refuses to import
/// until then.
@Suite("noaber profile draft")
struct EndToEndDraftTests {
    static let workbook = EndToEnd.datasets + "/exports/WEE-cases-werkmap.xlsx"
    static let bundledProfile = EndToEnd.datasets + "/profiles/weerselo-werkmap.json"

    func object(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    @Test func theBundledProfileIsTheDraftOfTheWorkbookWithItsQuestionMarksFilledIn() throws {
        let box = try Sandbox()
        let run = try box.run("profile", "draft", Self.workbook, "--village", "WEE", "--out", "concept.json")
        #expect(run.status == 0, "\(run)")
        let draft = try object(box.path("concept.json"))
        let bundled = try object(Self.bundledProfile)
        for key in ["kind", "date_order", "excel_serial_dates", "decimal_separator", "multi_value_separator", "village"] {
            #expect("\(draft[key] ?? "-")" == "\(bundled[key] ?? "-")", "\(key)")
        }
        #expect(draft["columns"] as? [String: String] == bundled["columns"] as? [String: String])
        #expect(Set(draft["drop"] as? [String] ?? []) == Set(bundled["drop"] as? [String] ?? []))
        let draftValues = try #require(draft["values"] as? [String: [String: String]])
        let bundledValues = try #require(bundled["values"] as? [String: [String: String]])
        var filled: [String] = []
        for (field, labels) in draftValues {
            for (label, code) in labels {
                let decided = bundledValues[field]?[label]
                if code == "?" {
                    #expect(decided != nil, "\(field) '\(label)': the person's answer is in the bundled profile")
                    filled.append("\(field):\(label)")
                } else {
                    #expect(decided == code, "\(field) '\(label)' → \(code), bundled \(decided ?? "-")")
                }
            }
        }
        #expect(Set(filled) == ["age_band:tot 18", "channel:keukentafel", "resolution:via Kulturhus", "risks:vaak huisarts",
                                "escalated_to:vaak huisarts"])
        let counts = try #require(draft["_counts"] as? [String: [String: Int]])
        #expect(counts["channel"]?["keukentafel"] == 61)

        // Imported with the draft as it is: refused (78), every "?" listed, nothing stored.
        #expect(try box.run("villages", "import", EndToEnd.datasets + "/villages.csv").status == 0)
        let refused = try box.run("import", Self.workbook, "--profile", box.path("concept.json"), "--as-of", "2025-01-17")
        #expect(refused.status == 78, "\(refused)")
        #expect(refused.stderr.contains("5 keer \"?\"") && refused.stderr.contains("values.channel: 'keukentafel' (61 keer)"), "\(refused)")
        let imports = try box.run("imports", "--format", "json").json([ImportRecordJSON].self)
        #expect(imports.allSatisfy { $0.kind == "villages" })
        // With the bundled profile: every row.
        let imported = try box.run("import", Self.workbook, "--profile", Self.bundledProfile, "--as-of", "2025-01-17", "--format", "json")
        #expect(imported.status == 0)
        #expect(try imported.json([ImportReportJSON].self).first.map { $0.accepted == 399 && $0.rejected == 0 } == true, "\(imported)")
    }

    @Test func withoutOutTheProfileGoesToStandardOutputAndAProfileIsNeverOverwritten() throws {
        let box = try Sandbox()
        let run = try box.run("profile", "draft", Self.workbook, "--lang", "en")
        #expect(run.status == 0, "\(run)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdoutBytes)) as? [String: Any])
        #expect(json["village"] as? String == "?", "no village column and no --village: a person decides")
        #expect(run.stderr.contains("For you to decide (6 times \"?\"") && run.stderr.contains("village → \"?\""), "\(run)")
        #expect(run.stderr.contains("noaber import") && run.stderr.contains("<profile.json>"), "\(run)")
        // No made-up name from the workbook's Naam column reaches any output.
        for name in ["Gerrit", "Johanna", "Oude Vrielink", "Nijhuis"] {
            #expect(!run.stdout.contains(name) && !run.stderr.contains(name), "\(name)")
        }
        try Data("{}".utf8).write(to: URL(fileURLWithPath: box.path("mine.json")))
        let again = try box.run("profile", "draft", Self.workbook, "--out", "mine.json")
        #expect(again.status == 73 && again.stderr.contains("bestaat al"), "\(again)")
        #expect(try String(contentsOfFile: box.path("mine.json"), encoding: .utf8) == "{}")
        let missing = try box.run("profile", "draft", box.path("nothing.xlsx"))
        #expect(missing.status == 66, "\(missing)")
    }
}
