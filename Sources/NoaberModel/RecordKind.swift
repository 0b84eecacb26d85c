/// The three kinds of file noaber imports.
public enum RecordKind: String, Sendable, CaseIterable, Codable {
    case cases, tasks, villages

    /// Canonical column names, in canonical order. A header holding all required columns of a
    /// kind is recognised as canonical and needs no profile.
    public var canonicalColumns: [String] {
        switch self {
        case .cases:
            ["case_id", "village", "person_id", "age_band", "birth_year", "received", "first_contact", "closed",
             "source", "channel", "themes", "collective", "resolution", "referred_to", "risks",
             "escalated_to", "support_minutes"]
        case .tasks:
            ["case_id", "village", "volunteer_id", "date", "hours", "task"]
        case .villages:
            ["village", "name", "municipality", "inhabitants", "inhabitants_75plus", "paid_hours_per_week",
             "cost_per_year_eur", "registration_start", "ondersteuner_start"]
        }
    }

    /// Columns without which a row cannot be stored.
    public var requiredColumns: [String] {
        switch self {
        case .cases: ["case_id", "received"]
        case .tasks: ["volunteer_id", "date", "hours", "task"]
        case .villages: ["village", "name", "municipality", "inhabitants"]
        }
    }
}

extension RecordKind {
    /// What people read for the kind: "hulpvragen" / "cases", "vrijwilligerstaken" /
    /// "volunteer tasks", "dorpen" / "villages". Files and the store keep the raw value.
    public func label(_ language: Language) -> String {
        switch self {
        case .cases: language == .nl ? "hulpvragen" : "cases"
        case .tasks: language == .nl ? "vrijwilligerstaken" : "volunteer tasks"
        case .villages: language == .nl ? "dorpen" : "villages"
        }
    }
}
