/// What an upsert did to the stored row, so the importer can count inserted and updated rows.
public enum UpsertOutcome: Sendable, Hashable {
    /// The row was new.
    case inserted
    /// A stored row with the same key changed (for a case: any field or child value).
    case updated
    /// The stored row already held exactly these values.
    case unchanged
    /// The stored row came from an export with a later `as_of`; it was not overwritten.
    case keptNewer
}

/// How many rows of a batch each `UpsertOutcome` befell.
public struct UpsertCounts: Sendable, Hashable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var keptNewer = 0

    public init() {}

    public mutating func add(_ outcome: UpsertOutcome, count: Int = 1) {
        switch outcome {
        case .inserted: inserted += count
        case .updated: updated += count
        case .unchanged: unchanged += count
        case .keptNewer: keptNewer += count
        }
    }
}
