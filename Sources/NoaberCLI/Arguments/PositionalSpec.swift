/// A positional argument such as `<file>` (required), `[<out>]` (optional) or `<file>...`
/// (repeatable, one or more) / `[<file>...]` (optional and repeatable, zero or more).
///
/// Positionals are filled left to right; a repeatable one must come last and takes the rest.
public struct PositionalSpec: Sendable {
    /// The placeholder name, e.g. `file` for `<file>`; also the key for
    /// ``ParsedArguments/positional(_:)``.
    public var name: String
    public var help: String
    public var repeatable: Bool
    public var optional: Bool

    public init(name: String, help: String, repeatable: Bool = false, optional: Bool = false) {
        self.name = name
        self.help = help
        self.repeatable = repeatable
        self.optional = optional
    }

    /// `<file>`, `<file>...`: the label used in help and error messages.
    public var label: String { repeatable ? "<\(name)>..." : "<\(name)>" }
}
