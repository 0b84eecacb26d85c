import NoaberModel

/// Renders help pages, usage lines and usage-error reports from a ``CommandSpec`` tree, in Dutch
/// or English.
///
/// The layout follows swift-argument-parser: `OVERVIEW:` (`OVERZICHT:`), the discussion,
/// `USAGE:` (`GEBRUIK:`), then `ARGUMENTS:`, `OPTIONS:` and `SUBCOMMANDS:` (`ARGUMENTEN:`,
/// `OPTIES:`, `SUBCOMMANDO'S:`) with one aligned help column per page, and a closing pointer to
/// `help <subcommand>`. Everything wraps at ``width`` columns. Option names, allowed values and
/// examples are the same in both languages; placeholders such as `<pad>` / `<path>` follow the
/// specs' ``Localized`` value names.
public enum HelpFormatter {
    /// The column at which every help line wraps.
    public static let width = 100
    /// Labels longer than this put their help text on the next line instead of widening the
    /// column for everyone.
    static let maximumLabelWidth = 30

    /// The help page for the command at `path` (`path[0]` is the root's name), ending in a
    /// newline. An unknown path shows the deepest command that exists.
    public static func help(for path: [String], root: CommandSpec, language: Language) -> String {
        let (command, resolvedPath) = resolve(path, root: root)
        let words = Words(language)
        var sections: [String] = []
        let abstract = command.abstract.text(language)
        if !abstract.isEmpty {
            sections.append(TextWrapping.wrapIndented(words.overview + abstract, width: width, indent: 0, firstLineUsed: 0))
        }
        let discussionText = command.discussion.text(language)
        if !discussionText.isEmpty {
            sections.append(discussion(discussionText))
        }
        sections.append(wrappedUsage(prefix: words.usageHeading, command: command, path: resolvedPath, language: language))

        let arguments = command.positionals.map { Row(label: $0.label(language), help: $0.help.text(language)) }
        var options = command.options.map { row(for: $0, language: language) } + command.flags.map { row(for: $0, language: language) }
        if !command.declaresLongName("help") {
            options.append(Row(label: command.declaresShortName("h") ? "--help" : "-h, --help", help: words.showHelp))
        }
        if resolvedPath.count == 1 && !command.declaresLongName("version") {
            options.append(Row(label: "--version", help: words.showVersion))
        }
        let subcommands = command.subcommands.map { sub in
            Row(label: sub.name + (sub.name == command.defaultSubcommand ? words.defaultMark : ""), help: sub.abstract.text(language))
        }
        let column = helpColumn(for: arguments + options + subcommands)
        if !arguments.isEmpty {
            sections.append(words.argumentsHeading + "\n" + arguments.map { render($0, column: column) }.joined(separator: "\n"))
        }
        sections.append(words.optionsHeading + "\n" + options.map { render($0, column: column) }.joined(separator: "\n"))
        if !subcommands.isEmpty {
            sections.append(words.subcommandsHeading + "\n" + subcommands.map { render($0, column: column) }.joined(separator: "\n"))
            let helpPath = ([resolvedPath[0], "help"] + resolvedPath.dropFirst()).joined(separator: " ")
            sections.append("  " + words.detailedHelp(helpPath))
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// The one-line synopsis of the command at `path`, without a `USAGE:` prefix and unwrapped:
    /// `noaber import <file>... [--village <code>] [--strict]`.
    ///
    /// Order: command path, positionals, options, flags, then `<subcommand>` when the command
    /// has subcommands. Optional parts are in brackets; repeatable options end in ` ...`.
    public static func usageLine(for path: [String], root: CommandSpec, language: Language) -> String {
        let (command, resolvedPath) = resolve(path, root: root)
        return (resolvedPath + usageUnits(for: command, language: language)).joined(separator: " ")
    }

    /// What the CLI prints to standard error for a usage error, ending in a newline:
    ///
    ///     Fout: Onbekende optie '--prio'. Bedoelde u '--period'?
    ///     Gebruik: noaber metrics [--period <periode>]
    ///       Zie 'noaber metrics --help' voor meer informatie.
    ///
    ///     Error: Unknown option '--prio'. Did you mean '--period'?
    ///     Usage: noaber metrics [--period <period>]
    ///       See 'noaber metrics --help' for more information.
    public static func errorReport(for error: UsageError, root: CommandSpec, language: Language) -> String {
        let (command, resolvedPath) = resolve(error.commandPath, root: root)
        let words = Words(language)
        let message = TextWrapping.wrapIndented(errorPrefix(language) + error.message.text(language), width: width, indent: 0, firstLineUsed: 0)
        let usage = wrappedUsage(prefix: words.usageLinePrefix, command: command, path: resolvedPath, language: language)
        let hint = "  " + words.moreInformation(resolvedPath.joined(separator: " ") + " --help")
        return [message, usage, hint].joined(separator: "\n") + "\n"
    }

    /// "Fout: " / "Error: ", the start of every error line on standard error (usage or not).
    public static func errorPrefix(_ language: Language) -> String { language == .nl ? "Fout: " : "Error: " }

    /// The fixed words of a help page and a usage-error report.
    struct Words {
        let overview, usageHeading, usageLinePrefix, argumentsHeading, optionsHeading, subcommandsHeading: String
        let showHelp, showVersion, defaultMark, values, defaultValue, repeatable, subcommand: String
        let language: Language

        init(_ language: Language) {
            self.language = language
            switch language {
            case .nl:
                (overview, usageHeading, usageLinePrefix) = ("OVERZICHT: ", "GEBRUIK: ", "Gebruik: ")
                (argumentsHeading, optionsHeading, subcommandsHeading) = ("ARGUMENTEN:", "OPTIES:", "SUBCOMMANDO'S:")
                (showHelp, showVersion, defaultMark) = ("Toon deze hulp.", "Toon de versie.", " (standaard)")
                (values, defaultValue, repeatable, subcommand) = ("waarden: ", "standaard: ", "herhaalbaar", "<subcommando>")
            case .en:
                (overview, usageHeading, usageLinePrefix) = ("OVERVIEW: ", "USAGE: ", "Usage: ")
                (argumentsHeading, optionsHeading, subcommandsHeading) = ("ARGUMENTS:", "OPTIONS:", "SUBCOMMANDS:")
                (showHelp, showVersion, defaultMark) = ("Show help information.", "Show the version.", " (default)")
                (values, defaultValue, repeatable, subcommand) = ("values: ", "default: ", "can be repeated", "<subcommand>")
            }
        }

        func detailedHelp(_ helpPath: String) -> String {
            language == .nl ? "Zie '\(helpPath) \(subcommand)' voor uitgebreide hulp." : "See '\(helpPath) \(subcommand)' for detailed help."
        }

        func moreInformation(_ command: String) -> String {
            language == .nl ? "Zie '\(command)' voor meer informatie." : "See '\(command)' for more information."
        }
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

    static func usageUnits(for command: CommandSpec, language: Language) -> [String] {
        var units: [String] = []
        for positional in command.positionals {
            let label = positional.label(language)
            units.append(positional.optional ? "[\(label)]" : label)
        }
        for option in command.options {
            let synopsis = option.synopsis(language) + (option.repeatable ? " ..." : "")
            units.append(option.required ? synopsis : "[\(synopsis)]")
        }
        for flag in command.flags {
            units.append("[\(flagNames(flag))]")
        }
        if !command.subcommands.isEmpty {
            let subcommand = Words(language).subcommand
            units.append(command.defaultSubcommand == nil ? subcommand : "[\(subcommand)]")
        }
        return units
    }

    /// `USAGE: noaber import <file>...` wrapped so continuation lines align after the command.
    static func wrappedUsage(prefix: String, command: CommandSpec, path: [String], language: Language) -> String {
        let head = prefix + path.joined(separator: " ")
        let units = usageUnits(for: command, language: language)
        guard !units.isEmpty else { return head }
        let indent = min(head.count + 1, width / 2)
        let lines = TextWrapping.wrap(units: units, width: width, indent: indent, firstLineUsed: head.count + 1)
        return head + " " + TextWrapping.indented(lines, indent: indent)
    }

    static func flagNames(_ flag: FlagSpec) -> String {
        flag.inverse.map { "--\(flag.name)/--\($0)" } ?? "--\(flag.name)"
    }

    static func row(for option: OptionSpec, language: Language) -> Row {
        let words = Words(language)
        var details: [String] = []
        if let allowed = option.allowed { details.append(words.values + allowed.joined(separator: ", ")) }
        if let defaultDescription = option.defaultDescription { details.append(words.defaultValue + defaultDescription.text(language)) }
        if option.repeatable { details.append(words.repeatable) }
        let label = (option.short.map { "-\($0), " } ?? "") + option.synopsis(language)
        return Row(label: label, help: joined(option.help.text(language), details))
    }

    static func row(for flag: FlagSpec, language: Language) -> Row {
        var details: [String] = []
        if let inverse = flag.inverse {
            details.append(Words(language).defaultValue + "--" + (flag.defaultValue ? flag.name : inverse))
        }
        let label = (flag.short.map { "-\($0), " } ?? "") + flagNames(flag)
        return Row(label: label, help: joined(flag.help.text(language), details))
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
