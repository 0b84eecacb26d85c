import Foundation
import Testing

/// The whole import path on the bundled datasets, through the built binary: accounting,
/// provenance, quarantined rows, re-import, dry run and --strict.
@Suite("End to end: import flow")
struct EndToEndImportFlowTests {
    /// Every bundled export, imported as the manifest says, in text and in JSON (two stores).
    @Test func everyBundledExportIsAccountedFor() throws {
        let box = try Sandbox()
        let manifest = try EndToEnd.manifest()
        #expect(manifest.count == 10)   // five villages with an export; Tilligte has none yet
        #expect(manifest.map(\.deliberateErrors).reduce(0, +) == 10)

        let villages = try box.run("villages", "import", EndToEnd.datasets + "/villages.csv", "--lang", "en")
        #expect(villages.status == 0, "\(villages)")
        #expect(villages.stdout.contains("read 6 = accepted 6 + rejected 0"), "\(villages)")
        let listed = try box.run("villages", "list", "--format", "json")
        #expect(listed.status == 0, "\(listed)")
        #expect(try listed.jsonObjects().count == 6, "\(listed)")

        // Text: one accounting line per file, the numbers from the manifest.
        for entry in manifest {
            let run = try box.run(entry.importArguments + ["--lang", "en"])
            #expect(run.status == 0, "\(run)")
            let accepted = entry.rows - entry.deliberateErrors
            #expect(run.stdout.contains("read \(entry.rows) = accepted \(accepted) + rejected \(entry.deliberateErrors)"),
                    "\(entry.file)\n\(run)")
            #expect(run.stdout.contains(entry.deliberateErrors > 0 ? "completed, with rejected rows" : "(completed)"), "\(run)")
            #expect(run.stdout.contains("as of: \(entry.asOf) (--as-of)"), "\(run)")
            // A task export is a full export of tasks, not of cases.
            #expect(run.stdout.contains(entry.file.contains("-tasks") ? "full export (every task so far)" : "full export (every case so far)"),
                    "\(run)")
        }

        // JSON: the same files into a second store.
        let jsonStore = box.path("json.sqlite")
        #expect(try box.run("villages", "import", EndToEnd.datasets + "/villages.csv", "--db", jsonStore).status == 0)
        var seenIDs: Set<Int64> = []
        for entry in manifest {
            let run = try box.run(entry.importArguments + ["--format", "json", "--db", jsonStore])
            #expect(run.status == 0, "\(run)")
            let reports = try run.json([ImportReportJSON].self)
            let report = try #require(reports.first, "\(run)")
            #expect(reports.count == 1)
            #expect(report.rowsRead == entry.rows, "\(run)")
            #expect(report.rejected == entry.deliberateErrors, "\(run)")
            #expect(report.rowsRead == report.accepted + report.rejected, "\(run)")
            #expect(report.kind == entry.kind)
            #expect(report.status == (entry.deliberateErrors > 0 ? "completed_with_rejections" : "completed"), "\(run)")
            let id = try #require(report.importID, "\(run)")
            #expect(seenIDs.insert(id).inserted, "import ids are unique")
            let keys = Set(try run.jsonObjects()[0].keys)
            #expect(keys.isSuperset(of: ["rows_read", "accepted", "rejected", "import_id", "status"]), "\(keys)")
        }

        // Provenance: one row per import, with the file's real SHA-256 (from coreutils).
        let imports = try box.run("imports", "--format", "json")
        #expect(imports.status == 0, "\(imports)")
        let records = try imports.json([ImportRecordJSON].self).filter { $0.kind != "villages" }
        #expect(records.count == manifest.count, "\(imports)")
        for entry in manifest {
            let name = URL(fileURLWithPath: entry.file).lastPathComponent
            // Only the base name is stored (see also `provenanceKeepsOnlyTheBaseName`).
            let record = try #require(records.first { $0.fileName == name },
                                      "no provenance for \(name)")
            #expect(record.rowsRead == entry.rows && record.rejected == entry.deliberateErrors
                    && record.accepted == entry.rows - entry.deliberateErrors, "\(record)")
            #expect(record.asOf == entry.asOf)
            #expect(record.village == entry.village)
            if let expected = try sha256sum(EndToEnd.datasets + "/" + entry.file) {
                #expect(record.sha256 == expected, "\(name)")
            }
        }
        let importsText = try box.run("imports", "--lang", "en")
        #expect(importsText.status == 0, "\(importsText)")
        #expect(importsText.stdout.contains("DEU-cases-dutch-excel.csv"), "\(importsText)")

        // Quarantine: 10 rejected rows, 8 case rows and 2 task rows, each where the manifest says.
        let rejected = try box.run("rejected", "--format", "json")
        #expect(rejected.status == 0, "\(rejected)")
        let rows = try rejected.json([RejectedRowJSON].self)
        #expect(rows.count == 10, "\(rejected)")
        let kindByImport = Dictionary(uniqueKeysWithValues: records.map { ($0.importID, $0.kind) })
        #expect(rows.filter { kindByImport[$0.importID] == "cases" }.count == 8)
        #expect(rows.filter { kindByImport[$0.importID] == "tasks" }.count == 2)
        for record in records {
            #expect(rows.filter { $0.importID == record.importID }.count == record.rejected, "\(record.fileName)")
        }
        for row in rows {
            #expect(row.line > 1, "line numbers are 1-based physical lines after the header: \(row)")
            #expect(!row.reason.isEmpty && !row.raw.isEmpty, "\(row)")
        }
        let byImport = try box.run("rejected", "--import", String(try #require(rows.first).importID), "--format", "json")
        #expect(try byImport.json([RejectedRowJSON].self).allSatisfy { $0.importID == rows[0].importID }, "\(byImport)")

        let csv = try box.run("rejected", "--format", "csv")
        #expect(csv.status == 0, "\(csv)")
        let csvRecords = parseCSV(csv.stdout)
        #expect(csvRecords.first == ["import_id", "line", "field", "reason", "raw", "source_field", "blanked"], "\(csv)")
        #expect(csvRecords.count == 11, "\(csv)")
        #expect(csvRecords.dropFirst().map { $0.count > 4 ? $0[4] : "" } == rows.map(\.raw), "the CSV carries the same raw rows")

        let text = try box.run("rejected", "--lang", "en")
        #expect(text.status == 0, "\(text)")
        #expect(text.stderr.contains("10 rejected rows"), "\(text)")
    }

    /// docs/schema.md: `file_name` is "the file's base name" ("base name only, never a directory"
    /// in Schema.swift). A directory can name a person (/home/jan.jansen/…) and makes the
    /// provenance depend on where the file happened to lie.
    @Test
    func provenanceKeepsOnlyTheBaseName() throws {
        let box = try Sandbox()
        #expect(try box.run("villages", "import", EndToEnd.datasets + "/villages.csv").status == 0)
        let entry = try #require(try EndToEnd.manifest().first { $0.file.contains("SAA-cases") })
        #expect(try box.run(entry.importArguments).status == 0)
        let records = try box.run("imports", "--format", "json").json([ImportRecordJSON].self)
        #expect(records.map(\.fileName) == ["villages.csv", "SAA-cases-canonical.csv"])
    }

    /// A bundled export imported with a wrong export date, taken back with `imports --undo`, and
    /// imported again with the right one; a refusal exits 65 and changes nothing.
    @Test func anImportWithAWrongDateIsTakenBackAndRedone() throws {
        let box = try Sandbox()
        #expect(try box.run("villages", "import", EndToEnd.datasets + "/villages.csv").status == 0)
        let export = EndToEnd.datasets + "/exports/SAA-cases-canonical.csv"
        let wrong = try box.run("import", export, "--as-of", "2023-06-30")
        #expect(wrong.status == 0 && wrong.stdout.contains("klopt de exportdatum? Zo niet: noaber imports --undo 2;"), "\(wrong)")
        let refused = try box.run("imports", "--undo", "1")
        #expect(refused.status == 65 && refused.stderr.contains("niet teruggedraaid: import 1 is een dorpenbestand"), "\(refused)")
        let undone = try box.run("imports", "--undo", "2", "--lang", "en")
        #expect(undone.status == 0 && undone.stdout.contains("Import 2 taken back: SAA-cases-canonical.csv (as of 2023-06-30); 202 cases"), "\(undone)")
        let listed = try box.run("imports", "--format", "json").json([ImportRecordJSON].self)
        #expect(listed.count == 1, "only the villages file is left")
        let right = try box.run("import", export, "--as-of", "2025-01-10")
        #expect(right.status == 0 && right.stdout.contains("nieuw 202") && !right.stdout.contains("klopt de exportdatum"), "\(right)")
    }

    @Test func reimportingTheSameFileIsANoOpThatSaysSo() throws {
        let box = try Sandbox()
        #expect(try box.run("villages", "import", EndToEnd.datasets + "/villages.csv").status == 0)
        let entry = try #require(try EndToEnd.manifest().first { $0.file.contains("DEU-cases") })
        let first = try box.run(entry.importArguments + ["--format", "json"])
        #expect(first.status == 0, "\(first)")
        let firstID = try #require(try first.json([ImportReportJSON].self).first?.importID)
        let before = try box.run("imports", "--format", "json").json([ImportRecordJSON].self)
        let rejectedBefore = try box.run("rejected", "--format", "json").json([RejectedRowJSON].self).count

        let again = try box.run(entry.importArguments + ["--lang", "en"])
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.contains("unchanged"), "\(again)")
        #expect(again.stdout.contains("import \(firstID)"), "names the earlier import\n\(again)")
        let againJSON = try box.run(entry.importArguments + ["--format", "json"])
        let report = try #require(try againJSON.json([ImportReportJSON].self).first)
        #expect(report.status == "unchanged", "\(againJSON)")
        #expect(report.previousImportID == firstID, "\(againJSON)")

        #expect(try box.run("imports", "--format", "json").json([ImportRecordJSON].self) == before)
        #expect(try box.run("rejected", "--format", "json").json([RejectedRowJSON].self).count == rejectedBefore)
    }

    @Test func dryRunCountsEverythingAndStoresNothing() throws {
        let box = try Sandbox()
        #expect(try box.run("villages", "import", EndToEnd.datasets + "/villages.csv").status == 0)
        let before = try box.run("imports", "--format", "json").json([ImportRecordJSON].self)
        let entry = try #require(try EndToEnd.manifest().first { $0.file.contains("NDE-cases") })
        let dry = try box.run(entry.importArguments + ["--dry-run", "--format", "json"])
        #expect(dry.status == 0, "\(dry)")
        let report = try #require(try dry.json([ImportReportJSON].self).first)
        #expect(report.status == "dry_run")
        #expect(report.rowsRead == entry.rows && report.rejected == entry.deliberateErrors, "\(dry)")
        #expect(report.importID == nil, "a dry run has no import id\n\(dry)")
        #expect(try box.run("imports", "--format", "json").json([ImportRecordJSON].self) == before)
        #expect(try box.run("rejected", "--format", "json").json([RejectedRowJSON].self).isEmpty)

        // After a dry run the real import still happens (the dry run did not mark the file as seen).
        let real = try box.run(entry.importArguments + ["--format", "json"])
        #expect(try #require(try real.json([ImportReportJSON].self).first).status == "completed_with_rejections", "\(real)")
    }

    @Test func strictFailsOnARejectedRowAndStoresNothing() throws {
        let box = try Sandbox()
        #expect(try box.run("villages", "import", EndToEnd.datasets + "/villages.csv").status == 0)
        let before = try box.run("imports", "--format", "json").json([ImportRecordJSON].self)
        let entry = try #require(try EndToEnd.manifest().first { $0.file.contains("DEU-tasks") })
        #expect(entry.deliberateErrors == 1)
        let strict = try box.run(entry.importArguments + ["--strict", "--lang", "en"])
        #expect(strict.status == 65, "\(strict)")
        #expect(strict.stderr.contains("--strict") && strict.stderr.contains("nothing stored"), "\(strict)")
        #expect(strict.stderr.contains("DEU-tasks-dutch-excel.csv"), "\(strict)")
        #expect(try box.run("imports", "--format", "json").json([ImportRecordJSON].self) == before)
        #expect(try box.run("rejected", "--format", "json").json([RejectedRowJSON].self).isEmpty)

        // --strict on a clean file imports it normally.
        let clean = try #require(try EndToEnd.manifest().first { $0.file.contains("SAA-cases") })
        let ok = try box.run(clean.importArguments + ["--strict", "--format", "json"])
        #expect(ok.status == 0, "\(ok)")
        #expect(try #require(try ok.json([ImportReportJSON].self).first).status == "completed")
    }
}

/// The SHA-256 of a file from coreutils' `sha256sum`, an independent reference; nil when absent.
func sha256sum(_ path: String) throws -> String? {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum") else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init)
}
