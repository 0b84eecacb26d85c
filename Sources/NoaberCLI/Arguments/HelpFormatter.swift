/// Renders help pages, usage lines and usage-error reports from a ``CommandSpec`` tree.
///
/// The layout follows swift-argument-parser: `OVERVIEW:`, the discussion, `USAGE:`, then
/// `ARGUMENTS:`, `OPTIONS:` and `SUBCOMMANDS:` with one aligned help column per page, and a
/// closing pointer to `help <subcommand>`. Everything wraps at ``width`` columns.
public enum HelpFormatter {
    /// The column at which every help line wraps.
    public static let width = 100
    /// Labels longer than this put their help text on the next line instead of widening the
    /// column for everyone.
    static let maximumLabelWidth = 30

    /// The help page for the command at `path` (`path[0]` is the root's name), ending in a
    /// newline. An unknown path shows the deepest command that exists.
    public static func help(for path: [String], root: CommandSpec) -> String {
        let (command, resolvedPath) = resolve(path, root: root)
        var sections: [String] = []
        if !command.abstract.isEmpty {
            sections.append(TextWrapping.wrapIndented("OVERVIEW: " + command.abstract, width: width, indent: 0, firstLineUsed: 0))
        }
        if !command.discussion.isEmpty {
            sections.append(discussion(command.discussion))
        }
        sections.append(wrappedUsage(prefix: "USAGE: ", command: command, path: resolvedPath))

        let arguments = command.positionals.map { Row(label: $0.label, help: $0.help) }
        var options = command.options.map(row(for:)) + command.flags.map(row(for:))
        if !command.declaresLongName("help") {
            options.append(Row(label: command.declaresShortName("h") ? "--help" : "-h, --help", help: "Show help information."))
        }
        if resolvedPath.count == 1 && !command.declaresLongName("version") {
            options.append(Row(label: "--version", help: "Show the version."))
        }
        let subcommands = command.subcommands.map { sub in
            Row(label: sub.name + (sub.name == command.defaultSubcommand ? " (default)" : ""), help: sub.abstract)
        }
        let column = helpColumn(for: arguments + options + subcommands)
        if !arguments.isEmpty {
            sections.append("ARGUMENTS:\n" + arguments.map { render($0, column: column) }.joined(separator: "\n"))
        }
        sections.append("OPTIONS:\n" + options.map { render($0, column: column) }.joined(separator: "\n"))
        if !subcommands.isEmpty {
            sections.append("SUBCOMMANDS:\n" + subcommands.map { render($0, column: column) }.joined(separator: "\n"))
            let helpPath = ([resolvedPath[0], "help"] + resolvedPath.dropFirst()).joined(separator: " ")
            sections.append("  See '\(helpPath) <subcommand>' for detailed help.")
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// The one-line synopsis of the command at `path`, without a `USAGE:` prefix and unwrapped:
    /// `noaber import <file>... [--village <code>] [--strict]`.
    ///
    /// Order: command path, positionals, options, flags, then `<subcommand>` when the command
    /// has subcommands. Optional parts are in brackets; repeatable options end in ` ...`.
    public static func usageLine(for path: [String], root: CommandSpec) -> String {
        let (command, resolvedPath) = resolve(path, root: root)
        return (resolvedPath + usageUnits(for: command)).joined(separator: " ")
    }

    /// What the CLI prints to standard error for a usage error, ending in a newline:
    ///
    ///     Error: Unknown option '--prio'. Did you mean '--period'?
    ///     Usage: noaber metrics [--period <period>]
    ///       See 'noaber metrics --help' for more information.
    public static func errorReport(for error: UsageError, root: CommandSpec) -> String {
        let (command, resolvedPath) = resolve(error.commandPath, root: root)
        let message = TextWrapping.wrapIndented("Error: " + error.message, width: width, indent: 0, firstLineUsed: 0)
        let usage = wrappedUsage(prefix: "Usage: ", command: command, path: resolvedPath)
        let hint = "  See '\(resolvedPath.joined(separator: " ")) --help' for more information."
        return [message, usage, hint].joined(separator: "\n") + "\n"
    }

    // MARK: - Pieces

    /// One line of an `ARGUMENTS:`, `OPTIONS:` or `SUBCOMMANDS:` section.
    struct Row {
        var label: String
        var help: String
    }

    static func resolve(_ path: [String], root: CommandSpec) -> (CommandSpec, [String]) {
        var command = root
        var resolved = [root.name]
        for name in path.dropFirst() {
            guard let next = command.subcommand(named: name) else { break }
            command = next
            resolved.append(name)
        }
        return (command, resolved)
    }

    static func usageUnits(for command: CommandSpec) -> [String] {
        var units: [String] = []
        for positional in command.positionals {
            units.append(positional.optional ? "[\(positional.label)]" : positional.label)
        }
        for option in command.options {
            let synopsis = option.synopsis + (option.repeatable ? " ..." : "")
            units.append(option.required ? synopsis : "[\(synopsis)]")
        }
        for flag in command.flags {
            units.append("[\(flagNames(flag))]")
        }
        if !command.subcommands.isEmpty {
            units.append(command.defaultSubcommand == nil ? "<subcommand>" : "[<subcommand>]")
        }
        return units
    }

    /// `USAGE: noaber import <file>...` wrapped so continuation lines align after the command.
    static func wrappedUsage(prefix: String, command: CommandSpec, path: [String]) -> String {
        let head = prefix + path.joined(separator: " ")
        let units = usageUnits(for: command)
        guard !units.isEmpty else { return head }
        let indent = min(head.count + 1, width / 2)
        let lines = TextWrapping.wrap(units: units, width: width, indent: indent, firstLineUsed: head.count + 1)
        return head + " " + TextWrapping.indented(lines, indent: indent)
    }

    static func flagNames(_ flag: FlagSpec) -> String {
        flag.inverse.map { "--\(flag.name)/--\($0)" } ?? "--\(flag.name)"
    }

    static func row(for option: OptionSpec) -> Row {
        var details: [String] = []
        if let allowed = option.allowed { details.append("values: " + allowed.joined(separator: ", ")) }
        if let defaultDescription = option.defaultDescription { details.append("default: " + defaultDescription) }
        if option.repeatable { details.append("can be repeated") }
        let label = (option.short.map { "-\($0), " } ?? "") + option.synopsis
        return Row(label: label, help: joined(option.help, details))
    }

    static func row(for flag: FlagSpec) -> Row {
        var details: [String] = []
        if let inverse = flag.inverse {
            details.append("default: --" + (flag.defaultValue ? flag.name : inverse))
        }
        let label = (flag.short.map { "-\($0), " } ?? "") + flagNames(flag)
        return Row(label: label, help: joined(flag.help, details))
    }

    static func joined(_ help: String, _ details: [String]) -> String {
        guard !details.isEmpty else { return help }
        let parenthesis = "(" + details.joined(separator: "; ") + ")"
        return help.isEmpty ? parenthesis : help + " " + parenthesis
    }

    /// Two spaces, the widest label that is not overlong, two spaces.
    static func helpColumn(for rows: [Row]) -> Int {
        let widest = rows.map(\.label.count).filter { $0 <= maximumLabelWidth }.max() ?? 0
        return 2 + widest + 2
    }

    static func render(_ row: Row, column: Int) -> String {
        let label = "  " + row.label
        guard !row.help.isEmpty else { return label }
        if label.count + 2 > column {
            let padding = String(repeating: " ", count: column)
            return label + "\n" + padding + TextWrapping.wrapIndented(row.help, width: width, indent: column, firstLineUsed: column)
        }
        let padded = label + String(repeating: " ", count: column - label.count)
        return padded + TextWrapping.wrapIndented(row.help, width: width, indent: column, firstLineUsed: column)
    }

    /// Each line wrapped on its own; indented lines (examples) and blank lines kept as they are.
    static func discussion(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            if line.isEmpty || line.hasPrefix(" ") { return String(line) }
            return TextWrapping.wrapIndented(String(line), width: width, indent: 0, firstLineUsed: 0)
        }.joined(separator: "\n")
    }
}
