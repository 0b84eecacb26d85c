import NoaberModel

/// Turns `CommandLine.arguments.dropFirst()` into a ``ParseOutcome`` for a ``CommandSpec`` tree.
///
/// Everything is parsed before anything runs, so a typo at the end of a long command line
/// never leaves half an import behind.
///
/// ```swift
/// switch try ArgumentParser.parse(Array(CommandLine.arguments.dropFirst()), root: noaber) {
/// case .run(let arguments): …      // dispatch on arguments.commandPath
/// case .help(let path): print(HelpFormatter.help(for: path, root: noaber, language: .nl))
/// case .version: print(version)
/// }
/// ```
///
/// Accepted forms: `--opt value`, `--opt=value`, `-o value`, `-ovalue`, combined short flags
/// `-nq` (the last letter may be an option taking a value), `--` ending options, repeatable
/// options, and options before, between or after positionals. A subcommand name is recognised
/// as the first non-option word at a command with subcommands.
///
/// Help wins over everything: `--help` or `-h` anywhere before `--`, or `help SUB …` in the
/// subcommand position, gives ``ParseOutcome/help(commandPath:)`` for the deepest command named,
/// even if other mistakes are on the line (unless they are in the `help` words themselves).
/// `--version` anywhere gives ``ParseOutcome/version``. A command that declares its own
/// `--help`, `-h` or `--version` keeps them.
///
/// Error messages are made in both languages (``UsageError/message``); which one is printed is
/// decided by the caller, before parsing, from `--lang` or `NOABER_LANG` (see
/// ``ArgumentParser/language(in:environment:)``), so a usage error on a line that says
/// `--lang en` is English.
public enum ArgumentParser {
    /// Parses `arguments` (without the program name) against `root`.
    /// - Throws: the first ``UsageError`` on the line, with the command path reached.
    /// - Complexity: O(n · s) for n arguments and s names declared by a command.
    public static func parse(_ arguments: [String], root: CommandSpec) throws(UsageError) -> ParseOutcome {
        var state = ParserState(root: root)
        state.consume(arguments)
        return try state.finish()
    }

    /// The language a command line asks for, found before parsing so that help and usage errors
    /// on the same line honour it: the value of the first `--lang X` or `--lang=X` before `--`,
    /// else `NOABER_LANG`, else Dutch (see `Language.chosen`). A misspelt value falls back the
    /// same way; the parser then reports it as a usage error in that language.
    /// - Complexity: O(n) in the number of arguments.
    public static func language(in arguments: [String], environment: [String: String]) -> Language {
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument == "--lang", index + 1 < arguments.endIndex {
                return Language.chosen(option: arguments[index + 1], environment: environment)
            }
            if argument.hasPrefix("--lang=") {
                return Language.chosen(option: String(argument.dropFirst("--lang=".count)), environment: environment)
            }
            index += 1
        }
        return Language.chosen(option: nil, environment: environment)
    }
}

/// The mutable walk over one command line; kept private to the parser.
private struct ParserState {
    var command: CommandSpec
    var path: [String]
    /// The commands walked through, root first: their flags get defaults filled in.
    var visited: [CommandSpec]
    var options: [String: [String]] = [:]
    var flags: [String: Bool] = [:]
    var positionalTokens: [String] = []
    var firstError: UsageError?
    /// An error within the words after `help`: reported even though help was asked for.
    var helpError: UsageError?
    var helpRequested = false
    var versionRequested = false
    /// After the word `help`: further words name subcommands.
    var inHelpWords = false
    var pending: ArraySlice<String> = []

    init(root: CommandSpec) {
        command = root
        path = [root.name]
        visited = [root]
    }

    mutating func consume(_ arguments: [String]) {
        pending = arguments[...]
        var afterTerminator = false
        while let argument = pending.popFirst() {
            if afterTerminator {
                positional(argument, afterTerminator: true)
            } else if argument == "--" {
                afterTerminator = true
            } else if argument.hasPrefix("--") {
                longOption(argument)
            } else if argument.hasPrefix("-"), argument.count > 1, !Self.isNumber(argument) {
                shortGroup(argument)
            } else {
                positional(argument, afterTerminator: false)
            }
        }
    }

    // MARK: - Outcome

    mutating func finish() throws(UsageError) -> ParseOutcome {
        if let helpError { throw helpError }
        if helpRequested { return .help(commandPath: path) }
        if versionRequested { return .version }
        if let firstError { throw firstError }
        while !command.subcommands.isEmpty {
            guard let defaultName = command.defaultSubcommand, let next = command.subcommand(named: defaultName) else {
                // A command that only groups others was named without one: show what it offers.
                return .help(commandPath: path)
            }
            enter(next)
        }
        let positionalValues = try assignPositionals()
        for option in command.options where option.required && options[option.name] == nil {
            throw error(nl: "De optie '\(option.synopsis(.nl))' is verplicht", en: "Missing expected option '\(option.synopsis(.en))'")
        }
        var resolvedFlags = flags
        for spec in visited {
            for flag in spec.flags where resolvedFlags[flag.name] == nil {
                resolvedFlags[flag.name] = flag.defaultValue
            }
        }
        return .run(ParsedArguments(commandPath: path, options: options, flags: resolvedFlags, positionalValues: positionalValues))
    }

    /// Fills positionals left to right; a repeatable one takes the rest.
    func assignPositionals() throws(UsageError) -> [String: [String]] {
        var values: [String: [String]] = [:]
        var remaining = positionalTokens[...]
        for spec in command.positionals {
            if spec.repeatable {
                if remaining.isEmpty && !spec.optional {
                    throw missingArgument(spec)
                }
                values[spec.name] = Array(remaining)
                remaining = []
            } else if let value = remaining.popFirst() {
                values[spec.name] = [value]
            } else if !spec.optional {
                throw missingArgument(spec)
            }
        }
        if let extra = remaining.first {
            throw error(nl: "Onverwacht argument '\(extra)'", en: "Unexpected argument '\(extra)'")
        }
        return values
    }

    // MARK: - Tokens

    mutating func positional(_ argument: String, afterTerminator: Bool) {
        if inHelpWords {
            if let next = command.subcommand(named: argument) {
                enter(next)
            } else if helpError == nil {
                helpError = unknownCommand(argument)
            }
            return
        }
        if afterTerminator || !positionalTokens.isEmpty || command.subcommands.isEmpty {
            positionalTokens.append(argument)
            return
        }
        if let next = command.subcommand(named: argument) {
            enter(next)
        } else if argument == "help" {
            inHelpWords = true
            helpRequested = true
        } else if let defaultName = command.defaultSubcommand, let next = command.subcommand(named: defaultName),
                  !next.positionals.isEmpty || !next.subcommands.isEmpty {
            // The default subcommand takes words, so this one is probably meant for it.
            enter(next)
            positional(argument, afterTerminator: false)
        } else if command.positionals.isEmpty {
            record(unknownCommand(argument))
        } else {
            positionalTokens.append(argument)
        }
    }

    mutating func longOption(_ argument: String) {
        let body = argument.dropFirst(2)
        let name: String
        let inlineValue: String?
        if let equals = body.firstIndex(of: "=") {
            name = String(body[..<equals])
            inlineValue = String(body[body.index(after: equals)...])
        } else {
            name = String(body)
            inlineValue = nil
        }
        if name == "help" && !command.declaresLongName("help") {
            helpRequested = true
            return
        }
        if name == "version" && !command.declaresLongName("version") {
            versionRequested = true
            return
        }
        enterDefaultSubcommandIfNeeded { $0.declaresLongName(name) }
        if let option = command.option(named: name) {
            if let inlineValue {
                if inlineValue.isEmpty {
                    record(missingValue(option))
                } else {
                    store(inlineValue, for: option)
                }
            } else {
                takeValue(for: option)
            }
        } else if let (flag, value) = command.flag(named: name) {
            if let inlineValue {
                record(error(nl: "De schakeloptie '--\(name)' neemt geen waarde aan (gegeven: '\(inlineValue)')",
                             en: "The flag '--\(name)' does not take a value (got '\(inlineValue)')"))
            } else {
                flags[flag.name] = value
            }
        } else {
            var message = Localized(nl: "Onbekende optie '--\(name)'.", en: "Unknown option '--\(name)'.")
            if let suggestion = Suggestion.closest(to: name, among: longNames()) {
                message = message + Suggestion.didYouMean("--" + suggestion)
            }
            record(error(message))
        }
    }

    mutating func shortGroup(_ argument: String) {
        let letters = Array(argument.dropFirst())
        // `-village wd` would otherwise read as `-v illage`: refuse a long name given one dash.
        let word = String(letters.prefix { $0 != "=" })
        if word.count > 1, command.declaresLongName(word) {
            record(error(Localized(nl: "Onbekende optie '\(argument)'.", en: "Unknown option '\(argument)'.") + Suggestion.didYouMean("--" + word)))
            return
        }
        for (index, letter) in letters.enumerated() {
            if letter == "h" && !command.declaresShortName("h") {
                helpRequested = true
                continue
            }
            enterDefaultSubcommandIfNeeded { $0.declaresShortName(letter) }
            if let option = command.option(short: letter) {
                var attached = String(letters[(index + 1)...])
                if attached.hasPrefix("=") { attached.removeFirst() }
                if attached.isEmpty && index + 1 < letters.count {
                    record(missingValue(option))
                } else if attached.isEmpty {
                    takeValue(for: option)
                } else {
                    store(attached, for: option)
                }
                return
            } else if let flag = command.flag(short: letter) {
                flags[flag.name] = true
            } else {
                // `-village` is more likely a long option with one dash than seven short flags.
                var message = Localized(nl: "Onbekende optie '\(argument)'.", en: "Unknown option '\(argument)'.")
                if letters.count > 1, let suggestion = Suggestion.closest(to: String(letters), among: longNames()) {
                    message = message + Suggestion.didYouMean("--" + suggestion)
                }
                record(error(message))
                return
            }
        }
    }

    /// Takes the next argument as the value of `option`, unless it looks like another option.
    mutating func takeValue(for option: OptionSpec) {
        if let next = pending.first, !next.hasPrefix("-") || next == "-" || Self.isNumber(next) {
            pending.removeFirst()
            store(next, for: option)
        } else {
            record(missingValue(option))
        }
    }

    mutating func store(_ value: String, for option: OptionSpec) {
        if let allowed = option.allowed, !allowed.contains(value) {
            let list = allowed.joined(separator: ", ")
            record(error(nl: "Ongeldige waarde '\(value)' voor '--\(option.name)'; verwacht een van: \(list)",
                         en: "Invalid value '\(value)' for '--\(option.name)'; expected one of: \(list)"))
            return
        }
        if options[option.name] != nil && !option.repeatable {
            record(error(nl: "De optie '--\(option.name)' is meer dan eens gegeven", en: "The option '--\(option.name)' was given more than once"))
            return
        }
        options[option.name, default: []].append(value)
    }

    // MARK: - Helpers

    mutating func enter(_ next: CommandSpec) {
        command = next
        path.append(next.name)
        visited.append(next)
    }

    /// At a command with a default subcommand, an option only that subcommand knows
    /// selects it (`noaber villages --format json` means `noaber villages list --format json`).
    mutating func enterDefaultSubcommandIfNeeded(_ declares: (CommandSpec) -> Bool) {
        guard !declares(command), positionalTokens.isEmpty, !inHelpWords,
              let defaultName = command.defaultSubcommand,
              let next = command.subcommand(named: defaultName), declares(next) else { return }
        enter(next)
    }

    /// Long names the current command accepts, for suggestions: its own, those of a default
    /// subcommand it would hand options to, and `help`.
    func longNames() -> [String] {
        var commands = [command]
        if positionalTokens.isEmpty, let defaultName = command.defaultSubcommand, let next = command.subcommand(named: defaultName) {
            commands.append(next)
        }
        var names: [String] = []
        for spec in commands {
            names += spec.options.map(\.name)
            for flag in spec.flags {
                names.append(flag.name)
                if let inverse = flag.inverse { names.append(inverse) }
            }
        }
        names.append("help")
        return names
    }

    func unknownCommand(_ name: String) -> UsageError {
        var message = Localized(nl: "Onbekend commando '\(name)'.", en: "Unknown command '\(name)'.")
        if let suggestion = Suggestion.closest(to: name, among: command.subcommands.map(\.name) + ["help"]) {
            message = message + Suggestion.didYouMean(suggestion)
        }
        return error(message)
    }

    func missingValue(_ option: OptionSpec) -> UsageError {
        error(nl: "Geen waarde voor '\(option.synopsis(.nl))'", en: "Missing value for '\(option.synopsis(.en))'")
    }

    func missingArgument(_ spec: PositionalSpec) -> UsageError {
        error(nl: "Het argument '\(spec.label(.nl))' ontbreekt", en: "Missing expected argument '\(spec.label(.en))'")
    }

    func error(_ message: Localized) -> UsageError {
        UsageError(message: message, commandPath: path)
    }

    func error(nl: String, en: String) -> UsageError {
        error(Localized(nl: nl, en: en))
    }

    mutating func record(_ error: UsageError) {
        if firstError == nil { firstError = error }
    }

    /// `-3`, `-0.5`, `+2`, `1e-3`: a value, never an option.
    static func isNumber(_ text: String) -> Bool {
        guard text.contains(where: \.isNumber) else { return false }
        return text.allSatisfy { "0123456789+-.eE".contains($0) } && Double(text) != nil
    }
}
