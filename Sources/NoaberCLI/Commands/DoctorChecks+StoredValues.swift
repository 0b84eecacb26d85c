import NoaberStore

extension DoctorChecks {
    /// The exact form of every stored date and the bits of every code mask of `cases`.
    ///
    /// Since schema version 3 the table's own checks on dates are cheap comparisons (length and
    /// range) that let a malformed value such as `2024-01-0x` through when another tool writes
    /// it, and the mask columns accept any integer; noaber refuses such a value only when it
    /// reads it. This check finds them all at once, with the exact patterns. An older schema has
    /// no mask columns; the next import migrates it (`checkSchema` warns), so there is nothing to
    /// check yet.
    ///
    /// - Complexity: one pass over `cases`.
    func checkStoredValues(_ db: StoreDiagnostics) -> [DoctorFinding] {
        do {
            guard let (dates, masks) = try db.malformedStoredValues() else { return [] }
            if dates == 0 && masks == 0 {
                return [.ok("waarden", nl: "elke datum in cases heeft de vorm jjjj-mm-dd(Tuu:mm) en elk codemasker bestaat uit bekende codes.",
                            en: "every date in cases has the form yyyy-mm-dd(Thh:mm) and every code mask holds known codes only.")]
            }
            return [.error("waarden", .data,
                           nl: "\(dates) cases met een datum die niet de vorm jjjj-mm-dd(Tuu:mm) heeft en \(masks) met een onbekende code in een masker; de store is buiten noaber om gewijzigd. Zet een back-up terug of importeer de exports opnieuw in een nieuwe store.",
                           en: "\(dates) cases with a date not of the form yyyy-mm-dd(Thh:mm) and \(masks) with an unknown code in a mask; the store was changed outside noaber. Restore a backup or import the exports again into a new store.")]
        } catch {
            return [storeFailure("waarden", error)]
        }
    }
}
