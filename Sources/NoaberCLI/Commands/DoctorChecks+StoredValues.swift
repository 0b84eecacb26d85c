import NoaberStore

extension DoctorChecks {
    /// The exact form of every stored date and the bits of every code mask of `cases`.
    ///
    /// Since schema version 3 the table's own checks on dates are cheap comparisons (length and
    /// range) that let a malformed value such as `2024-01-0x` through when another tool writes
    /// it, and the mask columns accept any integer; noaber refuses such a value only when it
    /// reads it. This check finds them all at once, with the exact patterns.
    ///
    /// - Complexity: one pass over `cases`.
    func checkStoredValues(_ db: Database) -> DoctorFinding {
        do {
            let statement = try db.prepare(Self.malformedValuesSQL)
            guard try statement.step() else { return .ok("waarden", nl: "geen cases.", en: "no cases.") }
            let dates = statement.int64(at: 0) ?? 0
            let masks = statement.int64(at: 1) ?? 0
            if dates == 0 && masks == 0 {
                return .ok("waarden", nl: "elke datum in cases heeft de vorm jjjj-mm-dd(Tuu:mm) en elk codemasker bestaat uit bekende codes.",
                           en: "every date in cases has the form yyyy-mm-dd(Thh:mm) and every code mask holds known codes only.")
            }
            return .error("waarden", .data,
                          nl: "\(dates) cases met een datum die niet de vorm jjjj-mm-dd(Tuu:mm) heeft en \(masks) met een onbekende code in een masker; de store is buiten noaber om gewijzigd. Zet een back-up terug of importeer de exports opnieuw in een nieuwe store.",
                          en: "\(dates) cases with a date not of the form yyyy-mm-dd(Thh:mm) and \(masks) with an unknown code in a mask; the store was changed outside noaber. Restore a backup or import the exports again into a new store.")
        } catch {
            return storeFailure("waarden", error)
        }
    }

    /// Counts cases with a malformed date and cases with a mask bit that is not in `codes`
    /// (`[0-9]` is one digit; written out, as SQL text here is never assembled from values).
    static let malformedValuesSQL = """
        SELECT coalesce(sum(NOT (((length(received) = 10 AND received GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]') OR (length(received) = 16 AND received GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]'))
                             AND (first_contact IS NULL OR ((length(first_contact) = 10 AND first_contact GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]') OR (length(first_contact) = 16 AND first_contact GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]')))
                             AND (closed IS NULL OR ((length(closed) = 10 AND closed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]') OR (length(closed) = 16 AND closed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]')))
                             AND length(as_of) = 10 AND as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')), 0),
               coalesce(sum(typeof(themes_mask) <> 'integer' OR typeof(referred_to_mask) <> 'integer'
                            OR typeof(risks_mask) <> 'integer' OR typeof(escalated_to_mask) <> 'integer'
                            OR themes_mask < 0 OR referred_to_mask < 0 OR risks_mask < 0 OR escalated_to_mask < 0
                            OR themes_mask & ~(SELECT coalesce(sum(mask), 0) FROM codes WHERE vocabulary = 'theme') <> 0
                            OR referred_to_mask & ~(SELECT coalesce(sum(mask), 0) FROM codes WHERE vocabulary = 'referral') <> 0
                            OR risks_mask & ~(SELECT coalesce(sum(mask), 0) FROM codes WHERE vocabulary = 'risk') <> 0
                            OR escalated_to_mask & ~(SELECT coalesce(sum(mask), 0) FROM codes WHERE vocabulary = 'risk') <> 0), 0)
        FROM cases
        """
}
