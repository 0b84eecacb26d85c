import Foundation
import Testing

/// Failures a user can cause, each with its documented exit code (docs/exit-codes.md) and a
/// message that names what to fix, and each leaving the store as it was.
@Suite("End to end: errors")
struct EndToEndErrorTests {
    @Test func missingFileIsNoInputAndNamesTheFile() throws {
        let box = try Sandbox()
        #expect(try box.run("villages", "import", EndToEnd.datasets + "/villages.csv").status == 0)
        let run = try box.run("import", "does-not-exist-2025.csv", "--as-of", "2025-01-01", "--lang", "en")
        #expect(run.status == 66, "\(run)")
        #expect(run.stderr.contains("does-not-exist-2025.csv"), "\(run)")
        let missingVillages = try box.run("villages", "import", "no-villages.csv")
        #expect(missingVillages.status == 66, "\(missingVillages)")
        #expect(missingVillages.stderr.contains("no-villages.csv"), "\(missingVillages)")
    }

    /// The Dutch export imported without its profile: its Naam column stops the import.
    @Test func identifierColumnWithoutProfileStopsTheImport() throws {
        let box = try Sandbox()
        #expect(try box.run("villages", "import", EndToEnd.datasets + "/villages.csv").status == 0)

        // A canonical export plus a "Naam" column: recognised, but the name column must be dropped.
        let canonical = try String(contentsOfFile: EndToEnd.datasets + "/exports/SAA-cases-canonical.csv", encoding: .utf8)
        var lines = canonical.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for i in lines.indices where !lines[i].isEmpty { lines[i] += i == 0 ? ",Naam" : ",Jan Jansen" }
        let file = box.path("SAA-with-names.csv")
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)

        let before = try box.run("imports", "--format", "json").json([ImportRecordJSON].self)
        for language in ["en", "nl"] {
            let run = try box.run("import", file, "--as-of", "2025-01-10", "--lang", language)
            #expect(run.status == 65, "\(run)")
            #expect(run.stderr.contains("'Naam'"), "names the column\n\(run)")
            #expect(run.stderr.contains("\"drop\""), "says how to drop it\n\(run)")
            #expect(!run.stderr.contains("Jan Jansen") && !run.stdout.contains("Jan Jansen"), "never quotes the name\n\(run)")
        }
        #expect(try box.run("imports", "--format", "json").json([ImportRecordJSON].self) == before)

        // The bundled Dutch export without its profile is refused too (65), never half-read.
        let dutch = try box.run("import", EndToEnd.datasets + "/exports/DEU-cases-dutch-excel.csv", "--as-of", "2025-01-06")
        #expect(dutch.status == 65, "\(dutch)")
        #expect(try box.run("imports", "--format", "json").json([ImportRecordJSON].self) == before)
    }

    @Test func badProfileIsAConfigurationError() throws {
        let box = try Sandbox()
        let profile = box.path("broken.json")
        try #"{ "name": "broken", "columns": { "Dossiernr": "case_id", "#.write(toFile: profile, atomically: true, encoding: .utf8)
        let run = try box.run("import", EndToEnd.datasets + "/exports/DEU-cases-dutch-excel.csv", "--profile", profile,
                              "--as-of", "2025-01-06", "--lang", "en")
        #expect(run.status == 78, "\(run)")
        #expect(run.stderr.contains("broken.json"), "\(run)")

        let missing = try box.run("import", EndToEnd.datasets + "/exports/DEU-cases-dutch-excel.csv", "--profile", box.path("nope.json"),
                                  "--as-of", "2025-01-06")
        #expect(missing.status == 66 || missing.status == 78, "\(missing)")
        #expect(missing.stderr.contains("nope.json"), "\(missing)")
        #expect(!FileManager.default.fileExists(atPath: box.path("noaber.sqlite")), "a bad profile is found before the store is opened")
    }

    /// A file that is not a SQLite database, given as --db, is refused and left byte-identical.
    @Test func notAStoreIsRefusedAndLeftUntouched() throws {
        let box = try Sandbox()
        let notAStore = box.path("notes.sqlite")
        let original = Data((0..<200).map { "line \($0): these are someone's notes, not a database\n" }.joined().utf8)
        try original.write(to: URL(fileURLWithPath: notAStore))

        let commands: [[String]] = [
            ["imports", "--db", notAStore],
            ["rejected", "--db", notAStore],
            ["villages", "list", "--db", notAStore],
            ["villages", "import", EndToEnd.datasets + "/villages.csv", "--db", notAStore],
            ["import", EndToEnd.datasets + "/exports/SAA-cases-canonical.csv", "--as-of", "2025-01-10", "--db", notAStore],
        ]
        for command in commands {
            let run = try box.run(command + ["--lang", "en"])
            #expect(run.status != 0, "\(run)")
            #expect(run.status == 65 || run.status == 74, "a corrupt store is a data or store error\n\(run)")
            #expect(run.stderr.contains("notes.sqlite"), "\(run)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: notAStore)) == original, "the file was changed by \(command)")
            for suffix in ["-wal", "-shm", "-journal"] {
                #expect(!FileManager.default.fileExists(atPath: notAStore + suffix), "\(command) left \(suffix)")
            }
        }
    }

    /// NOABER_DB chooses the store when --db is absent; --db still wins.
    @Test func noaberDBEnvironmentVariableChoosesTheStore() throws {
        let box = try Sandbox()
        let chosen = box.path("from-env.sqlite")
        let run = try box.run(["villages", "import", EndToEnd.datasets + "/villages.csv"], environment: ["NOABER_DB": chosen])
        #expect(run.status == 0, "\(run)")
        #expect(FileManager.default.fileExists(atPath: chosen))
        #expect(!FileManager.default.fileExists(atPath: box.path("noaber.sqlite")))
        let listed = try box.run(["villages", "list", "--format", "json"], environment: ["NOABER_DB": chosen])
        #expect(try listed.jsonObjects().count == 6, "\(listed)")
        let overridden = try box.run(["imports", "--db", box.path("other.sqlite")], environment: ["NOABER_DB": chosen])
        #expect(overridden.status == 66, "--db wins over NOABER_DB\n\(overridden)")
    }

    /// Read commands never create a store: a typo in --db must not leave an empty database behind.
    @Test func readCommandsOnAMissingStoreDoNotCreateIt() throws {
        let box = try Sandbox()
        for command in [["imports"], ["rejected"], ["villages", "list"], ["villages"], ["imports", "--db", "typo.sqlite"]] {
            let run = try box.run(command + ["--lang", "en"])
            #expect(run.status == 66, "\(run)")
            #expect(run.stderr.contains("does not exist"), "\(run)")
            let contents = try FileManager.default.contentsOfDirectory(atPath: box.work.path)
            #expect(contents.isEmpty, "\(command) created \(contents)")
        }
    }
}
