/// The kinds of file noaber imports: villages' case and task exports, the villages file, and
/// aggregated outcome series (counts per area and period, for effect estimates).
public enum RecordKind: String, Sendable, CaseIterable, Codable {
    case cases, tasks, villages, outcomes

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
             "cost_per_year_eur", "registration_start", "ondersteuner_start", "comparison_area"]
        case .outcomes:
            ["village", "period", "measure", "value", "population"]
        }
    }

    /// Columns without which a row cannot be stored.
    public var requiredColumns: [String] {
        switch self {
        case .cases: ["case_id", "received"]
        case .tasks: ["volunteer_id", "date", "hours", "task"]
        case .villages: ["village", "name", "municipality", "inhabitants"]
        case .outcomes: ["village", "period", "measure", "value", "population"]
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
        case .outcomes: language == .nl ? "uitkomsten" : "outcomes"
        }
    }

    /// The kinds a header is matched against when the command does not say which kind it reads
    /// (`noaber import`, `noaber villages import`). Outcome series are read only by
    /// `noaber outcomes import`, which names the kind.
    public static let detectable: [RecordKind] = [.cases, .tasks, .villages]
}
