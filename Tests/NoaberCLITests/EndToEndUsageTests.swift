import Foundation
import Testing

/// The command line as a user meets it: help, version and usage errors, from the built binary.
@Suite("End to end: usage")
struct EndToEndUsageTests {
    @Test func helpGoesToStandardOutputWithZero() throws {
        let box = try Sandbox()
        let run = try box.run("--help")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("OVERZICHT: ") && run.stdout.contains("\nGEBRUIK: noaber "), "\(run)")
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
        #expect(run.stderr == """
            Fout: Onbekend commando 'improt'. Bedoelde u 'import'?
            Gebruik: noaber [--lang <taal>] <subcommando>
              Zie 'noaber --help' voor meer informatie.

            """, "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
    }

    /// `--lang en` anywhere on the line, even after the mistake, makes the usage error English.
    @Test func usageErrorsHonourLangOnTheSameLine() throws {
        let box = try Sandbox()
        let english = """
            Error: Unknown command 'improt'. Did you mean 'import'?
            Usage: noaber [--lang <language>] <subcommand>
              See 'noaber --help' for more information.

            """
        for arguments in [["improt", "x.csv", "--lang", "en"], ["--lang=en", "improt", "x.csv"]] {
            let run = try box.run(arguments)
            #expect(run.status == 64 && run.stderr == english && run.stdout.isEmpty, "\(run)")
        }
        let fromEnvironment = try box.run(["improt", "x.csv"], environment: ["NOABER_LANG": "en"])
        #expect(fromEnvironment.status == 64 && fromEnvironment.stderr == english, "\(fromEnvironment)")
        let optionWins = try box.run(["improt", "x.csv", "--lang", "nl"], environment: ["NOABER_LANG": "en"])
        #expect(optionWins.stderr.hasPrefix("Fout: Onbekend commando 'improt'. Bedoelde u 'import'?\n"), "\(optionWins)")
    }

    @Test func mistypedOptionSuggestsTheRightOne() throws {
        let box = try Sandbox()
        let dutch = try box.run("import", "--stirct", "x.csv")
        #expect(dutch.status == 64, "\(dutch)")
        let dutchLines = dutch.stderr.split(separator: "\n").map(String.init)
        #expect(dutchLines.first == "Fout: Onbekende optie '--stirct'. Bedoelde u '--strict'?", "\(dutch)")
        #expect(dutchLines.dropFirst().first?.hasPrefix("Gebruik: noaber import <bestand>... [--db <pad>] [--lang <taal>]") == true, "\(dutch)")
        #expect(dutchLines.last == "  Zie 'noaber import --help' voor meer informatie.", "\(dutch)")
        let english = try box.run("import", "--stirct", "x.csv", "--lang", "en")
        #expect(english.status == 64, "\(english)")
        let englishLines = english.stderr.split(separator: "\n").map(String.init)
        #expect(englishLines.first == "Error: Unknown option '--stirct'. Did you mean '--strict'?", "\(english)")
        #expect(englishLines.dropFirst().first?.hasPrefix("Usage: noaber import <file>... [--db <path>] [--lang <language>]") == true, "\(english)")
        #expect(englishLines.last == "  See 'noaber import --help' for more information.", "\(english)")
    }

    /// A language noaber does not know is itself a usage error, told in the fallback language.
    @Test func unknownLanguageIsAUsageError() throws {
        let box = try Sandbox()
        let run = try box.run("imports", "--lang", "fr")
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.hasPrefix("Fout: Ongeldige waarde 'fr' voor '--lang'; verwacht een van: nl, en\n"), "\(run)")
    }

    @Test func helpInBothLanguages() throws {
        let box = try Sandbox()
        let dutch = try box.run("villages", "--help")
        #expect(dutch.status == 0 && dutch.stderr.isEmpty, "\(dutch)")
        #expect(dutch.stdout == """
            OVERZICHT: Beheer de dorpen en hun inwonersaantallen.

            GEBRUIK: noaber villages [--lang <taal>] [<subcommando>]

            OPTIES:
              --lang <taal>     Taal van wat mensen lezen: hulp, meldingen, rapporten. (waarden: nl, en;
                                standaard: $NOABER_LANG, anders nl)
              -h, --help        Toon deze hulp.

            SUBCOMMANDO'S:
              import            Importeer het dorpenbestand (inwoners en financiering).
              list (standaard)  Toon de dorpen in de store.

              Zie 'noaber help villages <subcommando>' voor uitgebreide hulp.

            """, "\(dutch)")
        let english = try box.run(["help", "villages"], environment: ["NOABER_LANG": "en"])
        #expect(english.status == 0 && english.stderr.isEmpty, "\(english)")
        #expect(english.stdout == """
            OVERVIEW: Manage the villages and their population facts.

            USAGE: noaber villages [--lang <language>] [<subcommand>]

            OPTIONS:
              --lang <language>  Language of what people read: help, messages, reports. (values: nl, en;
                                 default: $NOABER_LANG, else nl)
              -h, --help         Show help information.

            SUBCOMMANDS:
              import             Import the villages file (population and funding facts).
              list (default)     List the villages in the store.

              See 'noaber help villages <subcommand>' for detailed help.

            """, "\(english)")
    }

    @Test func importWithoutFilesIsAUsageError() throws {
        let box = try Sandbox()
        let run = try box.run("import")
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.hasPrefix("Fout: Het argument '<bestand>...' ontbreekt\n"), "\(run)")
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
