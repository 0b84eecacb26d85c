import Foundation
import Testing
import NoaberImport
import NoaberModel
import NoaberXLSX

/// `noaber template`: the registration workbook as written, read back by noaber's own reader, and
/// filled in by openpyxl (when Python has it) and imported without a profile and without a
/// warning. LibreOffice opens it in `Tests/intake/check_template.sh`, which `.ci/run` runs.
@Suite("noaber template")
struct EndToEndTemplateTests {
    /// A Python 3 with openpyxl (Tests/reference/requirements.txt), or nil.
    static let pythonWithOpenpyxl: String? = {
        for candidate in ["/usr/local/bin/python3", "/root/.pyenv/shims/python3", "/usr/bin/python3"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: candidate)
            p.arguments = ["-c", "import openpyxl"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            guard (try? p.run()) != nil else { continue }
            p.waitUntilExit()
            if p.terminationStatus == 0 { return candidate }
        }
        return nil
    }()

    @Test func theWorkbookHasTheHeadersListsAndExplanationAndIsNeverOverwritten() throws {
        let box = try Sandbox()
        let run = try box.run("template")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("registratie-hulpvragen.xlsx") && run.stdout.contains("noaber import registratie-hulpvragen.xlsx"))
        let path = box.path("registratie-hulpvragen.xlsx")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let again = try box.run("template")
        #expect(again.status == 73 && again.stderr.contains("bestaat al"), "\(again)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "never overwritten")

        let workbook = try Workbook(path: path)
        #expect(workbook.sheets.map(\.name) == ["Registratie", "Toelichting", "Lijsten"])
        #expect(workbook.sheets.map(\.isHidden) == [false, false, true])
        let reader = try workbook.open(workbook.sheets[0])
        #expect(try reader.next())
        #expect(reader.rowCells() == TemplateHeaders.columns(.cases).map(\.nl))
        #expect(try !reader.next(), "only the header: a village starts with an empty sheet")
        // Every list is exactly noaber's Dutch labels of its vocabulary.
        let lists = try allRows(workbook, sheet: 2)
        let columns = Dictionary(uniqueKeysWithValues: (0..<(lists.first?.count ?? 0)).map { c in
            (lists[0][c], lists.dropFirst().map { c < $0.count ? $0[c] : "" }.filter { !$0.isEmpty })
        })
        #expect(columns["Thema"] == Theme.allCases.map(\.dutchLabel))
        #expect(columns["Leeftijdsgroep"] == AgeBand.allCases.map(\.dutchLabel))
        #expect(columns["Collectief (ja/nee)"] == ["ja", "nee"])
        #expect(columns["Risico"] == Risk.allCases.map(\.dutchLabel))
        let explanation = try allRows(workbook, sheet: 1).flatMap { $0 }.joined(separator: "\n")
        for needle in ["Zet er nooit in", "namen van inwoners", "telefoonnummers", "BSN", "notities of verhalen over mensen",
                       "Thema 1, Thema 2, Thema 3", "noaber import registratie-hulpvragen.xlsx"] {
            #expect(explanation.contains(needle), "\(needle)")
        }

        #expect(columns["Dorp"] == nil, "without --village the village column takes any text")

        // --village: the village column gets a drop-down of the villages given.
        let named = box.path("dorpen.xlsx")
        #expect(try box.run("template", "--village", "Saasveld", "--village", "Lattrop-Breklenkamp", "--out", named).status == 0)
        let namedWorkbook = try Workbook(path: named)
        let namedLists = try allRows(namedWorkbook, sheet: 2)
        let dorp = try #require(namedLists.first?.firstIndex(of: "Dorp"))
        #expect(namedLists.dropFirst().map { dorp < $0.count ? $0[dorp] : "" }.filter { !$0.isEmpty } == ["Saasveld", "Lattrop-Breklenkamp"])

        let english = try box.run("template", "--kind", "tasks", "--lang", "en")
        #expect(english.status == 0 && english.stdout.contains("registration-volunteer-tasks.xlsx"), "\(english)")
        let tasks = try Workbook(path: box.path("registration-volunteer-tasks.xlsx"))
        #expect(tasks.sheets.map(\.name) == ["Registration", "Explanation", "Lists"])
    }

    @Test(.enabled(if: pythonWithOpenpyxl != nil, "needs python3 with openpyxl (Tests/reference/requirements.txt)"),
          arguments: [("cases", "nl"), ("cases", "en"), ("tasks", "nl")])
    func aFilledInTemplateImportsWithoutProfileOrWarning(kind: String, lang: String) throws {
        let box = try Sandbox()
        let template = box.path("t.xlsx"), filled = box.path("filled.xlsx")
        #expect(try box.run("template", "--kind", kind, "--lang", lang, "--out", template).status == 0)
        let script = EndToEnd.packageRoot.appendingPathComponent("Tests/intake/fill_template.py").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(Self.pythonWithOpenpyxl))
        p.arguments = [script, template, filled, "--rows", "40", "--seed", "3"]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0)
        #expect(try box.run("villages", "import", EndToEnd.datasets + "/villages.csv").status == 0)
        let run = try box.run("import", filled, "--as-of", "2025-01-10", "--format", "json")
        #expect(run.status == 0, "\(run)")
        let report = try #require(try run.jsonObjects().first)
        #expect(report["profile"] as? String == "canonical")
        #expect(report["rows_read"] as? Int == 40 && report["accepted"] as? Int == 40 && report["rejected"] as? Int == 0, "\(run)")
        #expect((report["warnings"] as? [String]) == [], "\(run)")
    }

    func allRows(_ workbook: Workbook, sheet: Int) throws -> [[String]] {
        let reader = try workbook.open(workbook.sheets[sheet])
        var rows: [[String]] = []
        while try reader.next() { rows.append(reader.rowCells()) }
        return rows
    }
}
