import NoaberModel

/// The values parsed for one command line, keyed by the names used in the specs.
///
/// Lookups are by long option name (without `--`), flag name and positional name. Options and
/// flags given before a subcommand's name (i.e. declared by a parent command) are included.
/// The typed accessors throw a ``UsageError`` that names the option and quotes the bad value,
/// so a command can write `let draws = try arguments.int("draws") ?? 2000`.
public struct ParsedArguments: Sendable, Equatable {
    /// The command that runs, e.g. `["noaber", "villages", "import"]`.
    public let commandPath: [String]
    /// Every option value given, in command-line order.
    public let options: [String: [String]]
    /// Every flag of the commands on the path, with its default filled in.
    public let flags: [String: Bool]
    /// Every positional value, by positional name.
    public let positionalValues: [String: [String]]

    public init(commandPath: [String], options: [String: [String]] = [:], flags: [String: Bool] = [:], positionalValues: [String: [String]] = [:]) {
        self.commandPath = commandPath
        self.options = options
        self.flags = flags
        self.positionalValues = positionalValues
    }

    /// The value of `--option`, or `nil` when it was not given. For a repeatable option, the last.
    public func string(_ option: String) -> String? {
        options[option]?.last
    }

    /// Every value of a repeatable option, in order; empty when not given.
    public func strings(_ option: String) -> [String] {
        options[option] ?? []
    }

    /// Whether `--option` was given at all.
    public func contains(_ option: String) -> Bool {
        options[option] != nil
    }

    /// The value of `--option` as a whole number, or `nil` when it was not given.
    ///
    /// Accepts an optional sign and decimal digits only: `12`, `-3`, `+4`; rejects `1.0`, `1e3`,
    /// `1_000` and values out of `Int`'s range.
    public func int(_ option: String) throws(UsageError) -> Int? {
        guard let text = string(option) else { return nil }
        guard let value = Int(text) else {
            throw UsageError(nl: "--\(option) moet een geheel getal zijn, gegeven: '\(text)'",
                             en: "--\(option) must be a whole number, got '\(text)'", commandPath: commandPath)
        }
        return value
    }

    /// The value of `--option` as a finite decimal number, or `nil` when it was not given.
    ///
    /// Accepts `0.95`, `-1`, `2e-3`; rejects `nan`, `inf`, hexadecimal, out-of-range values, and a
    /// decimal comma (`0,95`) with a hint, since Dutch users will type one.
    public func double(_ option: String) throws(UsageError) -> Double? {
        guard let text = string(option) else { return nil }
        // Double(_:) also reads "nan", "inf" and hexadecimal floats; a user typing those made a mistake.
        let isDecimal = text.allSatisfy { "0123456789+-.eE".contains($0) }
        guard isDecimal, let value = Double(text), value.isFinite else {
            let comma = text.contains(",")
            throw UsageError(nl: "--\(option) moet een getal zijn, gegeven: '\(text)'" + (comma ? " (schrijf een decimale punt, geen komma)" : ""),
                             en: "--\(option) must be a number, got '\(text)'" + (comma ? " (use a decimal point, not a comma)" : ""),
                             commandPath: commandPath)
        }
        return value
    }

    /// Whether the flag is on: the last of `--name`/`--inverse` given, else the flag's default.
    /// `false` for a name no command on the path declares.
    public func flag(_ name: String) -> Bool {
        flags[name] ?? false
    }

    /// The value of a single positional, or `nil` when an optional one was not given.
    /// For a repeatable positional, the first value.
    public func positional(_ name: String) -> String? {
        positionalValues[name]?.first
    }

    /// Every value of a repeatable positional, in order.
    public func positionals(_ name: String) -> [String] {
        positionalValues[name] ?? []
    }
}
