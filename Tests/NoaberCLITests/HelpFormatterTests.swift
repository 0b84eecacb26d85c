import Testing
import NoaberCLI

/// Golden help pages for the sample tree. The expected text was laid out independently with
/// Python's textwrap (width 100, one help column per page: two spaces, the widest label of at
/// most 30 characters, two spaces), not copied from the formatter's output.
@Suite("HelpFormatter")
struct HelpFormatterTests {
    @Test func importHelp() {
        #expect(HelpFormatter.help(for: ["noaber", "import"], root: SampleCommands.root, language: .en) == """
OVERVIEW: Import a village's CSV export into the store.

Each file is validated completely before anything is written.

Example:
  noaber import --village wd wedde-2024.csv

USAGE: noaber import <file>... [--db <path>] [--village <code> ...] [--format <format>] [--strict]
                     [--dry-run] [--suppression/--no-suppression]

ARGUMENTS:
  <file>...                       CSV exports to import.

OPTIONS:
  -d, --db <path>                 The SQLite store. (default: noaber.sqlite)
  -v, --village <code>            Village code. (can be repeated)
  --format <format>               Summary format. (values: text, json; default: text)
  -s, --strict                    Reject the whole file on any invalid row.
  -n, --dry-run                   Validate without writing.
  --suppression/--no-suppression  Hide counts below five. (default: --suppression)
  -h, --help                      Show help information.

""")
    }

    @Test func rootHelp() {
        #expect(HelpFormatter.help(for: ["noaber"], root: SampleCommands.root, language: .en) == """
OVERVIEW: Import village support registrations and report honest metrics.

USAGE: noaber [--quiet] <subcommand>

OPTIONS:
  -q, --quiet  Print no progress.
  -h, --help   Show help information.
  --version    Show the version.

SUBCOMMANDS:
  import       Import a village's CSV export into the store.
  metrics      Compute one metric.
  villages     List or add villages.

  See 'noaber help <subcommand>' for detailed help.

""")
    }

    @Test func groupHelpWithDefaultSubcommand() {
        #expect(HelpFormatter.help(for: ["noaber", "villages"], root: SampleCommands.root, language: .en) == """
OVERVIEW: List or add villages.

USAGE: noaber villages [<subcommand>]

OPTIONS:
  -h, --help      Show help information.

SUBCOMMANDS:
  list (default)  List the villages in the store.
  add             Add a village.

  See 'noaber help villages <subcommand>' for detailed help.

""")
    }

    @Test func longTextWrapsAtOneHundredColumnsAndLongLabelsGetTheirOwnLine() {
        let report = CommandSpec(
            name: "report",
            abstract: "Render a report for one of the three audiences: the council letter, the learning network comparison of villages, or the complete research appendix.",
            options: [OptionSpec(name: "a-rather-long-option-name", valueName: "value", help: "Short help.")],
            flags: [FlagSpec(name: "fresh", help: "When given, every figure in the report is computed again from the raw registrations instead of being read from the cached summary tables, which is slower but shows exactly what the store holds today.")])
        let root = CommandSpec(name: "noaber", abstract: "", subcommands: [report])
        let text = HelpFormatter.help(for: ["noaber", "report"], root: root, language: .en)
        #expect(text == """
OVERVIEW: Render a report for one of the three audiences: the council letter, the learning network
comparison of villages, or the complete research appendix.

USAGE: noaber report [--a-rather-long-option-name <value>] [--fresh]

OPTIONS:
  --a-rather-long-option-name <value>
              Short help.
  --fresh     When given, every figure in the report is computed again from the raw registrations
              instead of being read from the cached summary tables, which is slower but shows
              exactly what the store holds today.
  -h, --help  Show help information.

""")
        for line in text.split(separator: "\n") {
            #expect(line.count <= 100, "\(line)")
        }
    }

    @Test func usageLines() {
        #expect(HelpFormatter.usageLine(for: ["noaber", "villages", "add"], root: SampleCommands.root, language: .en) == "noaber villages add <code> --name <name>")
        #expect(HelpFormatter.usageLine(for: ["noaber", "metrics"], root: SampleCommands.root, language: .en)
            == "noaber metrics <metric> [<out>] [--period <period>] [--draws <n>] [--level <level>]")
        #expect(HelpFormatter.usageLine(for: ["noaber"], root: SampleCommands.root, language: .en) == "noaber [--quiet] <subcommand>")
        // An unknown path falls back to the deepest command that exists.
        #expect(HelpFormatter.usageLine(for: ["noaber", "villages", "nope"], root: SampleCommands.root, language: .en) == "noaber villages [<subcommand>]")
        let optionalFiles = CommandSpec(name: "cat", abstract: "", positionals: [PositionalSpec(name: "file", help: "", repeatable: true, optional: true)])
        #expect(HelpFormatter.usageLine(for: ["cat"], root: optionalFiles, language: .en) == "cat [<file>...]")
    }

    @Test func errorReport() throws {
        let error = try #require(SampleCommands.usageError("metrics rate --prio 2024"))
        #expect(HelpFormatter.errorReport(for: error, root: SampleCommands.root, language: .en) == """
Error: Unknown option '--prio'. Did you mean '--period'?
Usage: noaber metrics <metric> [<out>] [--period <period>] [--draws <n>] [--level <level>]
  See 'noaber metrics --help' for more information.

""")
    }

    @Test func helpOfACommandThatOwnsShortH() {
        let tool = CommandSpec(name: "tool", abstract: "", flags: [FlagSpec(name: "human", short: "h", help: "Human sizes.")])
        #expect(HelpFormatter.help(for: ["tool"], root: tool, language: .en) == """
            USAGE: tool [--human]

            OPTIONS:
              -h, --human  Human sizes.
              --help       Show help information.
              --version    Show the version.

            """)
    }
}
