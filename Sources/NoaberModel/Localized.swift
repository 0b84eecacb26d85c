/// A message people read, in Dutch (the default) and English.
///
/// Kept as a pair rather than looked up in a catalogue so that every message is written next to
/// the code that raises it, in both languages at once.
public struct Localized: Sendable, Hashable, CustomStringConvertible {
    public let nl: String
    public let en: String

    public init(nl: String, en: String) {
        self.nl = nl
        self.en = en
    }

    /// Text that reads the same in both languages on purpose: a code, a value, a file name.
    ///
    ///     Localized(verbatim: "csv")   // nl and en are both "csv"
    public init(verbatim text: String) {
        self.nl = text
        self.en = text
    }

    public func text(_ language: Language) -> String { language == .nl ? nl : en }

    /// Whether there is no text in either language.
    public var isEmpty: Bool { nl.isEmpty && en.isEmpty }

    /// Both texts with `other` appended, language by language.
    public static func + (lhs: Localized, rhs: Localized) -> Localized {
        Localized(nl: lhs.nl + rhs.nl, en: lhs.en + rhs.en)
    }

    public var description: String { nl }
}

extension Language {
    /// The language asked for by `--lang` (`option`), else by the `NOABER_LANG` environment
    /// variable, else Dutch. A value other than `nl` or `en` (any case) counts as not given, so
    /// `NOABER_LANG=fr` means Dutch rather than an error in every command.
    ///
    ///     Language.chosen(option: nil, environment: ["NOABER_LANG": "en"])   // .en
    ///     Language.chosen(option: "nl", environment: ["NOABER_LANG": "en"])  // .nl
    public static func chosen(option: String?, environment: [String: String]) -> Language {
        if let option, let language = Language(rawValue: option.lowercased()) { return language }
        if let value = environment["NOABER_LANG"], let language = Language(rawValue: value.lowercased()) { return language }
        return .nl
    }
}
