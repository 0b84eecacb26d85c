/// An option that takes a value: `--village <code>`, `--village=<code>` or `-v <code>`.
///
/// A value may start with `-` only when it is a number (`--offset -3`) or exactly `-` (standard
/// input by convention); otherwise `--db --strict` reports the missing value rather than
/// silently swallowing the next option. A value that truly starts with a dash is given
/// attached: `--pattern=-x`.
public struct OptionSpec: Sendable {
    /// The long name without `--`, e.g. `village`.
    public var name: String
    /// An optional one-letter alias, e.g. `v` for `-v`.
    public var short: Character?
    /// The placeholder shown in usage and help, e.g. `code` for `<code>`.
    public var valueName: String
    public var help: String
    /// Whether the option may be given more than once; values are kept in order.
    /// A non-repeatable option given twice is a usage error rather than "last one wins",
    /// because `--village a --village b` usually means the user expected both to apply.
    public var repeatable: Bool
    /// A closed set of accepted values: validated while parsing and listed in help.
    public var allowed: [String]?
    /// What applies when the option is absent, for help only (e.g. `text`, `today`);
    /// the command supplies the actual default.
    public var defaultDescription: String?
    /// Whether parsing fails when the option is absent ("Missing expected option …").
    public var required: Bool

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
        self.name = name
        self.short = short
        self.valueName = valueName
        self.help = help
        self.repeatable = repeatable
        self.allowed = allowed
        self.defaultDescription = defaultDescription
        self.required = required
    }

    /// `--village <code>`, the form used in usage lines and error messages.
    public var synopsis: String { "--\(name) <\(valueName)>" }
}
