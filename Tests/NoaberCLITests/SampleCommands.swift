import NoaberCLI

/// A small command tree shared by the parser and help tests, shaped like noaber's own.
enum SampleCommands {
    static let importCommand = CommandSpec(
        name: "import",
        abstract: "Import a village's CSV export into the store.",
        discussion: "Each file is validated completely before anything is written.\n\nExample:\n  noaber import --village wd wedde-2024.csv",
        options: [
            OptionSpec(name: "db", short: "d", valueName: "path", help: "The SQLite store.", defaultDescription: "noaber.sqlite"),
            OptionSpec(name: "village", short: "v", valueName: "code", help: "Village code.", repeatable: true),
            OptionSpec(name: "format", valueName: "format", help: "Summary format.", allowed: ["text", "json"], defaultDescription: "text"),
        ],
        flags: [
            FlagSpec(name: "strict", short: "s", help: "Reject the whole file on any invalid row."),
            FlagSpec(name: "dry-run", short: "n", help: "Validate without writing."),
            FlagSpec(name: "suppression", help: "Hide counts below five.", inverse: "no-suppression", defaultValue: true),
        ],
        positionals: [PositionalSpec(name: "file", help: "CSV exports to import.", repeatable: true)]
    )

    static let metricsCommand = CommandSpec(
        name: "metrics",
        abstract: "Compute one metric.",
        options: [
            OptionSpec(name: "period", short: "p", valueName: "period", help: "Reporting period."),
            OptionSpec(name: "draws", valueName: "n", help: "Bootstrap draws."),
            OptionSpec(name: "level", valueName: "level", help: "Confidence level."),
        ],
        positionals: [
            PositionalSpec(name: "metric", help: "The metric to compute."),
            PositionalSpec(name: "out", help: "Output file.", optional: true),
        ]
    )

    static let villagesCommand = CommandSpec(
        name: "villages",
        abstract: "List or add villages.",
        subcommands: [
            CommandSpec(
                name: "list", abstract: "List the villages in the store.",
                options: [OptionSpec(name: "format", valueName: "format", help: "Output format.", allowed: ["text", "json"])]),
            CommandSpec(
                name: "add", abstract: "Add a village.",
                options: [OptionSpec(name: "name", valueName: "name", help: "Display name.", required: true)],
                positionals: [PositionalSpec(name: "code", help: "Village code.")]),
        ],
        defaultSubcommand: "list"
    )

    static let root = CommandSpec(
        name: "noaber",
        abstract: "Import village support registrations and report honest metrics.",
        flags: [FlagSpec(name: "quiet", short: "q", help: "Print no progress.")],
        subcommands: [importCommand, metricsCommand, villagesCommand]
    )

    /// Parses `line` split on spaces (no quoting needed by these tests).
    static func parse(_ line: String) throws(UsageError) -> ParseOutcome {
        try ArgumentParser.parse(line.split(separator: " ").map(String.init), root: root)
    }

    /// The parsed arguments of a line that must run.
    static func run(_ line: String) throws -> ParsedArguments {
        guard case .run(let arguments) = try parse(line) else {
            throw SampleFailure(message: "'\(line)' did not parse to .run")
        }
        return arguments
    }

    /// The usage error a line must produce.
    static func usageError(_ line: String) -> UsageError? {
        do {
            _ = try parse(line)
            return nil
        } catch {
            return error
        }
    }
}

struct SampleFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
