import NoaberModel

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

    public func text(_ language: Language) -> String { language == .nl ? nl : en }

    public var description: String { nl }
}
