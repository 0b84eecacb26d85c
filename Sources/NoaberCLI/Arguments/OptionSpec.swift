import NoaberModel

/// An option that takes a value: `--village <code>`, `--village=<code>` or `-v <code>`.
///
/// A value may start with `-` only when it is a number (`--offset -3`) or exactly `-` (standard
/// input by convention); otherwise `--db --strict` reports the missing value rather than
/// silently swallowing the next option. A value that truly starts with a dash is given
/// attached: `--pattern=-x`.
///
/// Help text, the value's placeholder and the description of the default are ``Localized``:
/// help pages and usage errors are written in the language the user asked for. The `String`
/// initialiser uses one text for both languages (tests, and specs not yet translated; the test
/// over noaber's command tree refuses those).
public struct OptionSpec: Sendable {
    /// The long name without `--`, e.g. `village`.
    public var name: String
    /// An optional one-letter alias, e.g. `v` for `-v`.
    public var short: Character?
    /// The placeholder shown in usage and help, e.g. `code` for `<code>` (`pad` for `<pad>` in Dutch).
    public var valueName: Localized
    public var help: Localized
    /// Whether the option may be given more than once; values are kept in order.
    /// A non-repeatable option given twice is a usage error rather than "last one wins",
    /// because `--village a --village b` usually means the user expected both to apply.
    public var repeatable: Bool
    /// A closed set of accepted values: validated while parsing and listed in help.
    public var allowed: [String]?
    /// What applies when the option is absent, for help only (e.g. `text`, `today`);
    /// the command supplies the actual default.
    public var defaultDescription: Localized?
    /// Whether parsing fails when the option is absent ("Missing expected option …").
    public var required: Bool

    public init(
        name: String,
        short: Character? = nil,
        valueName: Localized,
        help: Localized,
        repeatable: Bool = false,
        allowed: [String]? = nil,
        defaultDescription: Localized? = nil,
        required: Bool = false
    ) {
        self.name = name
        self.short = short
        self.valueName = valueName
        self.help = help
        self.repeatable = repeatable
        self.allowed = allowed
        self.defaultDescription = defaultDescription
        self.required = required
    }

    /// The same texts in both languages.
    public init(
        name: String,
        short: Character? = nil,
        valueName: String,
        help: String,
        repeatable: Bool = false,
        allowed: [String]? = nil,
        defaultDescription: String? = nil,
        required: Bool = false
    ) {
        self.init(name: name, short: short, valueName: Localized(verbatim: valueName), help: Localized(verbatim: help),
                  repeatable: repeatable, allowed: allowed, defaultDescription: defaultDescription.map(Localized.init(verbatim:)),
                  required: required)
    }

    /// `--village <code>`, the form used in usage lines and error messages.
    public func synopsis(_ language: Language) -> String { "--\(name) <\(valueName.text(language))>" }

    /// ``synopsis(_:)`` in both languages, for messages.
    public var synopsis: Localized { Localized(nl: synopsis(.nl), en: synopsis(.en)) }
}
