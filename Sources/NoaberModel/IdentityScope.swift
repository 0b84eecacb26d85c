/// Whose keys a source's `person_id` and `volunteer_id` are.
///
/// A village's own sheet numbers its residents and volunteers itself (K001, V001, …), so the same
/// key in two villages is two people: keys are scoped to their village unless an import declares
/// them shared across the municipality (a regional client number). Pooled figures count distinct
/// (village, key) pairs under village scope, distinct keys under municipality scope.
public enum IdentityScope: String, Sendable, Hashable, Codable, CaseIterable {
    /// The default: a key names a person within one village only.
    case village
    /// Keys are shared by every village of the municipality (one key system).
    case municipality
}

/// Whether an export lists every case the village registered so far or only new and changed ones.
///
/// Under full exports an open case that a newer full export no longer lists was last seen open at
/// the older export's as-of date: it is censored there and counted as a data-quality finding,
/// never carried forward. Under incremental exports an unlisted case is unchanged, so an open
/// case stays open up to the newest as-of date.
public enum ExportKind: String, Sendable, Hashable, Codable, CaseIterable {
    case full
    case incremental
}
