import Foundation
import Testing

/// The command line as a user meets it: help, version and usage errors, from the built binary.
@Suite("End to end: usage")
struct EndToEndUsageTests {
    @Test func helpGoesToStandardOutputWithZero() throws {
        let box = try Sandbox()
        let run = try box.run("--help")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("USAGE") || run.stdout.lowercased().contains("usage"), "\(run)")
        for command in ["demo", "import", "villages", "imports", "rejected", "synth"] {
            #expect(run.stdout.contains(command), "help lists \(command)\n\(run)")
        }
        #expect(run.stderr.isEmpty, "\(run)")
        #expect(!FileManager.default.fileExists(atPath: box.path("noaber.sqlite")), "help must not create a store")
    }

    @Test func subcommandHelpNamesItsOptions() throws {
        let box = try Sandbox()
        let run = try box.run("import", "--help")
        #expect(run.status == 0, "\(run)")
        for option in ["--profile", "--strict", "--dry-run", "--as-of", "--format", "--db", "--village", "--kind"] {
            #expect(run.stdout.contains(option), "import --help lists \(option)\n\(run)")
        }
    }

    @Test func mistypedCommandSuggestsTheRightOne() throws {
        let box = try Sandbox()
        let run = try box.run("improt", "x.csv")
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("Bedoelde u 'import'"), "\(run)")
        #expect(run.stderr.contains("Fout:"), "\(run)")
        #expect(run.stderr.contains("--help"), "a usage error ends with a --help hint\n\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
    }

    @Test func mistypedOptionSuggestsTheRightOne() throws {
        let box = try Sandbox()
        let run = try box.run("import", "--stirct", "x.csv")
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("Bedoelde u '--strict'"), "\(run)")
    }

    @Test func importWithoutFilesIsAUsageError() throws {
        let box = try Sandbox()
        let run = try box.run("import")
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("Fout:"), "\(run)")
        #expect(!FileManager.default.fileExists(atPath: box.path("noaber.sqlite")), "a usage error writes nothing")
    }

    @Test func invalidOptionValuesAreUsageErrors() throws {
        let box = try Sandbox()
        let badDate = try box.run("import", "--as-of", "31-02-2024", "x.csv")
        #expect(badDate.status == 64, "\(badDate)")
        #expect(badDate.stderr.contains("--as-of"), "\(badDate)")
        let badFormat = try box.run("imports", "--format", "xml")
        #expect(badFormat.status == 64, "\(badFormat)")
        #expect(!FileManager.default.fileExists(atPath: box.path("noaber.sqlite")))
    }

    @Test func versionPrintsTheVersion() throws {
        let box = try Sandbox()
        let run = try box.run("--version")
        #expect(run.status == 0, "\(run)")
        let line = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.hasPrefix("noaber "), "\(run)")
        let version = line.dropFirst("noaber ".count).split(separator: ".")
        #expect(version.count == 3 && version.allSatisfy { Int($0) != nil }, "semantic version expected\n\(run)")
    }
}
