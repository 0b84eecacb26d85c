import NoaberModel
import Testing
import NoaberCLI

/// Help pages and usage errors in Dutch and English, and how the language is chosen before
/// parsing. The Dutch pages below were laid out by hand from the English ones in
/// HelpFormatterTests (same widths, translated words), not copied from the formatter.
@Suite("Help in two languages")
struct HelpLanguageTests {
    static let importCommand = CommandSpec(
        name: "import",
        abstract: Localized(nl: "Importeer de export van een dorp.", en: "Import a village's export."),
        discussion: Localized(nl: "Elk bestand wordt eerst helemaal gecontroleerd.\n\nVoorbeeld:\n  noaber import wedde.csv",
                              en: "Each file is checked completely first.\n\nExample:\n  noaber import wedde.csv"),
        options: [
            OptionSpec(name: "db", valueName: Localized(nl: "pad", en: "path"), help: Localized(nl: "De store.", en: "The store."),
                       defaultDescription: Localized(verbatim: "noaber.sqlite")),
            OptionSpec(name: "village", valueName: Localized(verbatim: "code"), help: Localized(nl: "Dorpscode.", en: "Village code."),
                       repeatable: true),
            OptionSpec(name: "format", valueName: Localized(nl: "formaat", en: "format"), help: Localized(nl: "Formaat.", en: "Format."),
                       allowed: ["text", "json"], defaultDescription: Localized(verbatim: "text")),
        ],
        flags: [FlagSpec(name: "suppression", help: Localized(nl: "Verberg kleine aantallen.", en: "Hide small counts."),
                         inverse: "no-suppression", defaultValue: true)],
        positionals: [PositionalSpec(name: "file", valueName: Localized(nl: "bestand", en: "file"),
                                     help: Localized(nl: "De exports.", en: "The exports."), repeatable: true)])

    static let root = CommandSpec(
        name: "noaber", abstract: Localized(nl: "Eerlijke cijfers.", en: "Honest figures."),
        subcommands: [importCommand,
                      CommandSpec(name: "list", abstract: Localized(nl: "Toon de dorpen.", en: "List the villages."))],
        defaultSubcommand: "list")

    @Test func dutchHelpPage() {
        #expect(HelpFormatter.help(for: ["noaber", "import"], root: Self.root, language: .nl) == """
OVERZICHT: Importeer de export van een dorp.

Elk bestand wordt eerst helemaal gecontroleerd.

Voorbeeld:
  noaber import wedde.csv

GEBRUIK: noaber import <bestand>... [--db <pad>] [--village <code> ...] [--format <formaat>]
                       [--suppression/--no-suppression]

ARGUMENTEN:
  <bestand>...                    De exports.

OPTIES:
  --db <pad>                      De store. (standaard: noaber.sqlite)
  --village <code>                Dorpscode. (herhaalbaar)
  --format <formaat>              Formaat. (waarden: text, json; standaard: text)
  --suppression/--no-suppression  Verberg kleine aantallen. (standaard: --suppression)
  -h, --help                      Toon deze hulp.

""")
    }

    @Test func englishHelpPageOfTheSameSpec() {
        #expect(HelpFormatter.help(for: ["noaber", "import"], root: Self.root, language: .en) == """
OVERVIEW: Import a village's export.

Each file is checked completely first.

Example:
  noaber import wedde.csv

USAGE: noaber import <file>... [--db <path>] [--village <code> ...] [--format <format>]
                     [--suppression/--no-suppression]

ARGUMENTS:
  <file>...                       The exports.

OPTIONS:
  --db <path>                     The store. (default: noaber.sqlite)
  --village <code>                Village code. (can be repeated)
  --format <format>               Format. (values: text, json; default: text)
  --suppression/--no-suppression  Hide small counts. (default: --suppression)
  -h, --help                      Show help information.

""")
    }

    @Test func dutchRootHelpNamesTheDefaultSubcommand() {
        #expect(HelpFormatter.help(for: ["noaber"], root: Self.root, language: .nl) == """
OVERZICHT: Eerlijke cijfers.

GEBRUIK: noaber [<subcommando>]

OPTIES:
  -h, --help        Toon deze hulp.
  --version         Toon de versie.

SUBCOMMANDO'S:
  import            Importeer de export van een dorp.
  list (standaard)  Toon de dorpen.

  Zie 'noaber help <subcommando>' voor uitgebreide hulp.

""")
    }

    @Test func usageErrorsInBothLanguages() throws {
        let error = try #require(Self.usageError(["import", "--formt", "json", "a.csv"]))
        #expect(HelpFormatter.errorReport(for: error, root: Self.root, language: .nl) == """
Fout: Onbekende optie '--formt'. Bedoelde u '--format'?
Gebruik: noaber import <bestand>... [--db <pad>] [--village <code> ...] [--format <formaat>]
                       [--suppression/--no-suppression]
  Zie 'noaber import --help' voor meer informatie.

""")
        #expect(HelpFormatter.errorReport(for: error, root: Self.root, language: .en) == """
Error: Unknown option '--formt'. Did you mean '--format'?
Usage: noaber import <file>... [--db <path>] [--village <code> ...] [--format <format>]
                     [--suppression/--no-suppression]
  See 'noaber import --help' for more information.

""")
    }

    @Test func messagesNamePlaceholdersInTheirLanguage() throws {
        let missing = try #require(Self.usageError(["import"]))
        #expect(missing.message == Localized(nl: "Het argument '<bestand>...' ontbreekt", en: "Missing expected argument '<file>...'"))
        let value = try #require(Self.usageError(["import", "a.csv", "--db"]))
        #expect(value.message == Localized(nl: "Geen waarde voor '--db <pad>'", en: "Missing value for '--db <path>'"))
        let command = try #require(Self.usageError(["imprt", "a.csv"]))
        #expect(command.message.nl == "Onbekend commando 'imprt'. Bedoelde u 'import'?")
    }

    static func usageError(_ arguments: [String]) -> UsageError? {
        do {
            _ = try ArgumentParser.parse(arguments, root: root)
            return nil
        } catch {
            return error
        }
    }

    @Test("the language is read before parsing", arguments: [
        (["import", "--lang", "en", "a.csv"], [:], Language.en),
        (["import", "--lang=en"], [:], .en),
        (["--lang", "nl", "import"], ["NOABER_LANG": "en"], .nl),
        (["import", "a.csv"], ["NOABER_LANG": "en"], .en),
        (["import", "a.csv"], ["NOABER_LANG": "EN"], .en),
        (["import", "a.csv"], ["NOABER_LANG": "fr"], .nl),
        (["import", "a.csv"], [:], .nl),
        (["import", "--lang", "xx"], ["NOABER_LANG": "en"], .en),
        (["import", "--", "--lang", "en"], [:], .nl),
        (["import", "--lang"], [:], .nl),
    ] as [([String], [String: String], Language)])
    func languageBeforeParsing(arguments: [String], environment: [String: String], expected: Language) {
        #expect(ArgumentParser.language(in: arguments, environment: environment) == expected)
    }
}
