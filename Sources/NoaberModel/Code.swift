/// A closed vocabulary with a stable English code (what the store and CSV carry) and a
/// Dutch and an English label (what people read).
public protocol Code: RawRepresentable, CaseIterable, Hashable, Sendable, Codable where RawValue == String {
    /// The field name in the canonical format, used in error messages.
    static var fieldName: String { get }
    var dutchLabel: String { get }
    var englishLabel: String { get }
}

public enum Language: String, Sendable, CaseIterable, Codable {
    case nl, en
}

extension Code {
    public init?(code: some StringProtocol) { self.init(rawValue: String(code)) }

    public func label(_ language: Language) -> String {
        language == .nl ? dutchLabel : englishLabel
    }

    /// The codes a field accepts, for "expected one of …" messages.
    public static var allCodes: [String] { allCases.map(\.rawValue) }
}
