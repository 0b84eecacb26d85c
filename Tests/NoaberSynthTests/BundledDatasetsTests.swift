import Testing
import NoaberCSV
import NoaberModel
import NoaberSynth
#if canImport(Glibc)
import Glibc
#endif

/// The package's Datasets folder, found from this file's path.
private let datasetsRoot: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)   // NoaberSynthTests/BundledDatasetsTests.swift, Tests
    return parts.joined(separator: "/") + "/Datasets"
}()

private func readFile(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count <= 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return bytes
}

@Suite struct BundledDatasetsTests {
    /// `NOABER_WRITE_DATASETS=1 swift test --filter BundledDatasetsTests` regenerates Datasets/.
    @Test(.enabled(if: getenv("NOABER_WRITE_DATASETS") != nil))
    func writeBundledDatasets() throws {
        let written = try SynthGenerator.writeBundledDatasets(root: datasetsRoot)
        for file in written {
            print("\(file.path): \(file.rows) rows")
            for e in file.injectedErrors {
                print("  line \(e.line) (row \(e.record)) \(e.village) \(e.field): \(e.problem)")
            }
        }
    }

    @Test func committedFilesAreWhatTheGeneratorWrites() throws {
        for file in try BundledDatasets.render() {
            let committed = try #require(readFile(datasetsRoot + "/" + file.path), "missing \(file.path)")
            #expect(committed == file.bytes, "\(file.path) is stale: regenerate with NOABER_WRITE_DATASETS=1")
        }
    }

    @Test func villagesFileHasTheSixDinkellandVillages() throws {
        let text = String(decoding: try #require(readFile(datasetsRoot + "/villages.csv")), as: UTF8.self)
        let rows = parseCSV(text, delimiter: ",")
        #expect(rows.first == RecordKind.villages.canonicalColumns)
        let byCode = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[0], $0) })
        // CBS kerncijfers, as listed in Datasets/README.md.
        let expected = ["SAA": ("Saasveld", "1700"), "DEU": ("Deurningen", "2015"), "WEE": ("Weerselo", "3075"),
                        "LAT": ("Lattrop-Breklenkamp", "1031"), "NDE": ("Noord-Deurningen", "1052"), "TIL": ("Tilligte", "745")]
        #expect(byCode.count == 6)
        for (code, (name, inhabitants)) in expected {
            let row = try #require(byCode[code])
            #expect(row[1] == name && row[2] == "Dinkelland" && row[3] == inhabitants)
            let people = try #require(Double(row[3])), over75 = try #require(Double(row[4]))
            #expect(over75 / people >= 0.09 && over75 / people <= 0.11)
            let hours = try #require(Double(row[5])), cost = try #require(Double(row[6]))
            #expect(hours >= 8 && hours <= 16)
            #expect(cost == hours * 52 * 55)
        }
    }

    @Test func exportsCoverSixVillagesInThreeDialectsWithTheirProfiles() throws {
        let exports = BundledDatasets.exports
        let cases = exports.filter { $0.kind == .cases }
        // Five villages with an export; Tilligte (in the villages file) has none yet.
        #expect(Set(cases.map(\.village)) == ["SAA", "DEU", "WEE", "LAT", "NDE"])
        #expect(Set(cases.map(\.dialect)) == Set(ExportDialect.allCases))
        for export in exports {
            if export.dialect == .canonical { #expect(export.profile == nil) }
            if let profile = export.profile { #expect(readFile(datasetsRoot + "/" + profile) != nil) }
            // Early 2025, except Noord-Deurningen, whose latest export is older (15 November 2024).
            if export.village == "NDE" {
                #expect(export.asOf == CivilDate(year: 2024, month: 11, day: 15))
            } else {
                #expect(export.asOf.year == 2025 && export.asOf.month <= 3)
            }
        }
        for file in try BundledDatasets.render() where file.path.hasSuffix(".csv") && file.path.contains("-cases-") {
            #expect(file.rows >= 80 && file.rows <= 2_000, "\(file.path): \(file.rows) rows")
        }
    }

    @Test func profilesNameEveryColumnAndLabelTheirExportsUse() throws {
        let profile = String(decoding: try #require(readFile(datasetsRoot + "/profiles/dutch-excel-cases.json")), as: UTF8.self)
        for needle in ["\"Cliëntnummer\": \"person_id\"", "\"Datum melding\": \"received\"", "\"inwoner zelf\": \"self\"",
                       "\"buren\": \"neighbour\"", "\"eenzaamheid\": \"loneliness\"", "\"ja\": \"true\"",
                       "\"drop\": [\"Naam\", \"Notities\"]", "\"encoding\": \"windows-1252\"", "\"Deurningen\": \"DEU\""] {
            #expect(profile.contains(needle), "\(needle)")
        }
        #expect(!profile.contains("mobiliteit"), "the deliberate unknown theme must stay unknown")
        let serial = String(decoding: try #require(readFile(datasetsRoot + "/profiles/bom-serial-cases.json")), as: UTF8.self)
        for needle in ["\"Year of birth\": \"birth_year\"", "\"excel_serial_dates\": true", "\"multi_value_separator\": \";\"",
                       "\"yes\": \"true\"", "\"health and care\": \"health_care\""] {
            #expect(serial.contains(needle), "\(needle)")
        }
        #expect(!serial.contains("\"Export batch\":"), "not mapped: ignored with a warning")
        let tasks = String(decoding: try #require(readFile(datasetsRoot + "/profiles/dutch-excel-tasks.json")), as: UTF8.self)
        #expect(tasks.contains("\"Uren\": \"hours\"") && tasks.contains("\"persoonlijke verzorging\": \"personal_care\""))
    }
}
