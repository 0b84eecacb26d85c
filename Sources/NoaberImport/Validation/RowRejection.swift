/// Why one row was refused: the canonical field (nil for the row as a whole) and the reason.
public struct RowRejection: Error, Sendable, Hashable {
    public let field: String?
    public let reason: Localized

    public init(field: String?, reason: Localized) {
        self.field = field
        self.reason = reason
    }

    static func value(_ field: String, _ problem: ValueProblem, showingValue: Bool = true) -> RowRejection {
        RowRejection(field: field, reason: problem.message(showingValue: showingValue))
    }
}
