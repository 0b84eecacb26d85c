import NoaberModel

/// A declarative description of one command: its name, a one-line abstract, a discussion,
/// and the options, flags, positionals and subcommands it accepts.
///
/// Specs are plain values so a whole command tree can be a `static let`, inspected by tests
/// (see ``configurationProblems()``) and rendered by ``HelpFormatter`` without running anything.
///
/// ```swift
/// let importCommand = CommandSpec(
///     name: "import", abstract: Localized(nl: "Importeer de export van een dorp.", en: "Import a village's export."),
///     options: [OptionSpec(name: "village", short: "v", valueName: Localized(nl: "code", en: "code"),
///                          help: Localized(nl: "Dorpscode.", en: "Village code."))],
///     positionals: [PositionalSpec(name: "file", valueName: Localized(nl: "bestand", en: "file"),
///                                  help: Localized(nl: "Exports.", en: "Exports."), repeatable: true)])
/// ```
///
/// Texts people read are ``Localized``; the `String` initialiser uses one text for both
/// languages (for tests, and for specs not yet translated).
///
/// A command with subcommands may also have a ``defaultSubcommand``: tokens the parent does not
/// recognise are then handed to that subcommand, and giving no subcommand at all selects it.
/// A command with subcommands, no default and nothing chosen parses as a help request.
public struct CommandSpec: Sendable {
    /// The word typed on the command line, e.g. `import`.
    public var name: String
    /// One line shown after `OVERVIEW:` and in the parent's `SUBCOMMANDS:` list.
    public var abstract: Localized
    /// Longer text shown after the overview; each line is wrapped on its own, and lines that
    /// start with a space are kept verbatim (for examples).
    public var discussion: Localized
    public var options: [OptionSpec]
    public var flags: [FlagSpec]
    public var positionals: [PositionalSpec]
    public var subcommands: [CommandSpec]
    /// The name of the subcommand used when none is given; must name one of ``subcommands``.
    public var defaultSubcommand: String?

    public init(
        name: String,
        abstract: Localized,
        discussion: Localized = Localized(verbatim: ""),
        options: [OptionSpec] = [],
        flags: [FlagSpec] = [],
        positionals: [PositionalSpec] = [],
        subcommands: [CommandSpec] = [],
        defaultSubcommand: String? = nil
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.options = options
        self.flags = flags
        self.positionals = positionals
        self.subcommands = subcommands
        self.defaultSubcommand = defaultSubcommand
    }

    /// The same abstract and discussion in both languages.
    public init(
        name: String,
        abstract: String,
        discussion: String = "",
        options: [OptionSpec] = [],
        flags: [FlagSpec] = [],
        positionals: [PositionalSpec] = [],
        subcommands: [CommandSpec] = [],
        defaultSubcommand: String? = nil
    ) {
        self.init(name: name, abstract: Localized(verbatim: abstract), discussion: Localized(verbatim: discussion),
                  options: options, flags: flags, positionals: positionals, subcommands: subcommands,
                  defaultSubcommand: defaultSubcommand)
    }

    /// The direct subcommand called `name`, if any.
    public func subcommand(named name: String) -> CommandSpec? {
        subcommands.first { $0.name == name }
    }

    /// The option whose long name is `name` (without `--`).
    public func option(named name: String) -> OptionSpec? {
        options.first { $0.name == name }
    }

    /// The option whose short name is `short`.
    public func option(short: Character) -> OptionSpec? {
        options.first { $0.short == short }
    }

    /// The flag whose long name or inverse name is `name`; `value` is what giving it means.
    public func flag(named name: String) -> (spec: FlagSpec, value: Bool)? {
        for flag in flags {
            if flag.name == name { return (flag, true) }
            if flag.inverse == name { return (flag, false) }
        }
        return nil
    }

    /// The flag whose short name is `short`.
    public func flag(short: Character) -> FlagSpec? {
        flags.first { $0.short == short }
    }

    /// Whether the command itself declares `--name` (as an option, flag or inverse flag).
    /// Used so that a command may take over `--help` or `--version` if it truly wants to.
    public func declaresLongName(_ name: String) -> Bool {
        option(named: name) != nil || flag(named: name) != nil
    }

    /// Whether the command itself declares `-short`.
    public func declaresShortName(_ short: Character) -> Bool {
        option(short: short) != nil || flag(short: short) != nil
    }

    /// The spec at `path` below this command, where `path[0]` names this command.
    /// Returns `nil` when a name in the path does not exist.
    public func descendant(at path: [String]) -> CommandSpec? {
        guard let first = path.first, first == name else { return nil }
        var current = self
        for component in path.dropFirst() {
            guard let next = current.subcommand(named: component) else { return nil }
            current = next
        }
        return current
    }

    /// Mistakes in the spec tree itself (duplicate names, a repeatable positional that is not
    /// last, a default subcommand that does not exist, …), each as a sentence naming the command.
    ///
    /// Meant for a unit test over the real command tree: the parser stays well-defined with a
    /// faulty spec, but the command line it accepts would surprise users.
    /// - Complexity: O(n²) in the number of names per command; specs are tiny.
    public func configurationProblems() -> [String] {
        configurationProblems(path: [name])
    }

    private func configurationProblems(path: [String]) -> [String] {
        let where_ = "'\(path.joined(separator: " "))'"
        var problems: [String] = []
        var longNames: [String] = []
        var shortNames: [Character] = []
        for option in options {
            longNames.append(option.name)
            if let short = option.short { shortNames.append(short) }
            if option.name.isEmpty || option.name.hasPrefix("-") {
                problems.append("\(where_): option name '\(option.name)' must be non-empty and given without dashes")
            }
            if let allowed = option.allowed, allowed.isEmpty {
                problems.append("\(where_): option '--\(option.name)' has an empty set of allowed values")
            }
        }
        for flag in flags {
            longNames.append(flag.name)
            if let inverse = flag.inverse { longNames.append(inverse) }
            if let short = flag.short { shortNames.append(short) }
            if flag.name.isEmpty || flag.name.hasPrefix("-") {
                problems.append("\(where_): flag name '\(flag.name)' must be non-empty and given without dashes")
            }
        }
        for duplicate in Self.duplicates(longNames) {
            problems.append("\(where_): '--\(duplicate)' is declared more than once")
        }
        for duplicate in Self.duplicates(shortNames) {
            problems.append("\(where_): '-\(duplicate)' is declared more than once")
        }
        for duplicate in Self.duplicates(positionals.map(\.name)) {
            problems.append("\(where_): argument '<\(duplicate)>' is declared more than once")
        }
        for (index, positional) in positionals.enumerated() where index < positionals.count - 1 {
            if positional.repeatable {
                problems.append("\(where_): repeatable argument '<\(positional.name)>' must be the last argument")
            }
            if positional.optional && !positionals[index + 1].optional {
                problems.append("\(where_): optional argument '<\(positional.name)>' is followed by a required one")
            }
        }
        for duplicate in Self.duplicates(subcommands.map(\.name)) {
            problems.append("\(where_): subcommand '\(duplicate)' is declared more than once")
        }
        if let defaultName = defaultSubcommand, subcommand(named: defaultName) == nil {
            problems.append("\(where_): default subcommand '\(defaultName)' does not exist")
        }
        if !subcommands.isEmpty && !positionals.isEmpty && defaultSubcommand == nil {
            // Still parses (a known subcommand name wins), but every typo becomes an argument.
            problems.append("\(where_): has both subcommands and arguments, so a mistyped subcommand cannot be reported")
        }
        for subcommand in subcommands {
            problems += subcommand.configurationProblems(path: path + [subcommand.name])
        }
        return problems
    }

    private static func duplicates<T: Hashable>(_ values: [T]) -> [T] {
        var seen = Set<T>()
        var reported = Set<T>()
        var result: [T] = []
        for value in values where !seen.insert(value).inserted && reported.insert(value).inserted {
            result.append(value)
        }
        return result
    }
}
