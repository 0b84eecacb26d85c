import NoaberModel

/// A switch without a value: `--strict`, `-n`, or its inverse such as `--no-suppression`.
///
/// Giving the flag sets it to `true`, giving the inverse sets it to `false`; the last one given
/// wins, so a script can append an override. `--strict=yes` is a usage error.
public struct FlagSpec: Sendable {
    /// The long name without `--`, e.g. `strict`.
    public var name: String
    public var short: Character?
    public var help: Localized
    /// An optional long name that turns the flag off, e.g. `no-suppression`.
    public var inverse: String?
    /// The value when neither form is given; `true` makes sense only with an ``inverse``.
    public var defaultValue: Bool

    public init(name: String, short: Character? = nil, help: Localized, inverse: String? = nil, defaultValue: Bool = false) {
        self.name = name
        self.short = short
        self.help = help
        self.inverse = inverse
        self.defaultValue = defaultValue
    }

    /// The same help text in both languages.
    public init(name: String, short: Character? = nil, help: String, inverse: String? = nil, defaultValue: Bool = false) {
        self.init(name: name, short: short, help: Localized(verbatim: help), inverse: inverse, defaultValue: defaultValue)
    }
}
