import NoaberModel

/// A positional argument such as `<file>` (required), `[<out>]` (optional) or `<file>...`
/// (repeatable, one or more) / `[<file>...]` (optional and repeatable, zero or more).
///
/// Positionals are filled left to right; a repeatable one must come last and takes the rest.
public struct PositionalSpec: Sendable {
    /// The key for ``ParsedArguments/positional(_:)``, e.g. `file`; also the placeholder unless
    /// ``valueName`` gives one per language.
    public var name: String
    /// The placeholder people read, e.g. `bestand` / `file` for `<bestand>` / `<file>`.
    public var valueName: Localized
    public var help: Localized
    public var repeatable: Bool
    public var optional: Bool

    public init(name: String, valueName: Localized? = nil, help: Localized, repeatable: Bool = false, optional: Bool = false) {
        self.name = name
        self.valueName = valueName ?? Localized(verbatim: name)
        self.help = help
        self.repeatable = repeatable
        self.optional = optional
    }

    /// The same help text in both languages; the placeholder is `name`.
    public init(name: String, help: String, repeatable: Bool = false, optional: Bool = false) {
        self.init(name: name, help: Localized(verbatim: help), repeatable: repeatable, optional: optional)
    }

    /// `<file>`, `<file>...`: the label used in help and error messages.
    public func label(_ language: Language) -> String {
        let placeholder = "<\(valueName.text(language))>"
        return repeatable ? placeholder + "..." : placeholder
    }

    /// ``label(_:)`` in both languages, for messages.
    public var label: Localized { Localized(nl: label(.nl), en: label(.en)) }
}
