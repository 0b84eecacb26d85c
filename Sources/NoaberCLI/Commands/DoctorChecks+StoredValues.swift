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
                return .ok("waarden", nl: "elke datum in cases heeft de vorm jjjj-mm-dd(Tuu:mm) en elke codemasker bestaat uit bekende codes.",
                           en: "every date in cases has the form yyyy-mm-dd(Thh:mm) and every code mask holds known codes only.")
            }
            return .error("waarden", .data,
                          nl: "\(dates) cases met een datum die niet de vorm jjjj-mm-dd(Tuu:mm) heeft en \(masks) met een onbekende code in een masker; de store is buiten noaber om gewijzigd. Zet een back-up terug of importeer de exports opnieuw in een nieuwe store.",
                          en: "\(dates) cases with a date not of the form yyyy-mm-dd(Thh:mm) and \(masks) with an unknown code in a mask; the store was changed outside noaber. Restore a backup or import the exports again into a new store.")
        } catch {
            return storeFailure("waarden", error)
        }
    }

    /// Counts cases with a malformed date and cases with a mask bit that is not in `codes`.
    static let malformedValuesSQL: String = {
        let digit = "[0-9]"
        let date = String(repeating: digit, count: 4) + "-" + digit + digit + "-" + digit + digit
        let moment = date + "T" + digit + digit + ":" + digit + digit
        func isMoment(_ c: String) -> String {
            "((length(\(c)) = 10 AND \(c) GLOB '\(date)') OR (length(\(c)) = 16 AND \(c) GLOB '\(moment)'))"
        }
        func known(_ column: String, _ vocabulary: String) -> String {
            "\(column) & ~(SELECT coalesce(sum(mask), 0) FROM codes WHERE vocabulary = '\(vocabulary)') <> 0"
        }
        return """
            SELECT coalesce(sum(NOT (\(isMoment("received"))
                                 AND (first_contact IS NULL OR \(isMoment("first_contact")))
                                 AND (closed IS NULL OR \(isMoment("closed")))
                                 AND length(as_of) = 10 AND as_of GLOB '\(date)')), 0),
                   coalesce(sum(typeof(themes_mask) <> 'integer' OR typeof(referred_to_mask) <> 'integer'
                                OR typeof(risks_mask) <> 'integer' OR typeof(escalated_to_mask) <> 'integer'
                                OR themes_mask < 0 OR referred_to_mask < 0 OR risks_mask < 0 OR escalated_to_mask < 0
                                OR \(known("themes_mask", "theme")) OR \(known("referred_to_mask", "referral"))
                                OR \(known("risks_mask", "risk")) OR \(known("escalated_to_mask", "risk"))), 0)
            FROM cases
            """
    }()
}
