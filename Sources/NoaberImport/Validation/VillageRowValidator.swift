import NoaberModel

/// Turns one row of a villages file into a `Village`, or says why not. Population facts become
/// denominators of every rate, so they are checked strictly: a population of 0 is refused.
public struct VillageRowValidator: Sendable {
    let context: RowContext

    init(context: RowContext) { self.context = context }

    public func validate(_ row: some RowFields) -> Result<Village, RowRejection> {
        if let problem = context.shapeProblem(row) { return .failure(problem) }
        do {
            return .success(try record(row))
        } catch {
            return .failure(error)
        }
    }

    private func record(_ row: some RowFields) throws(RowRejection) -> Village {
        let c = context
        let code = c.text("village", in: row)
        guard Self.isCode(code) else {
            throw RowRejection(field: "village", reason: Localized(
                nl: "dorpscode moet 1–32 letters, cijfers, - of _ zijn", en: "village code must be 1–32 letters, digits, - or _"))
        }
        let name = c.text("name", in: row)
        let municipality = c.text("municipality", in: row)
        guard !name.isEmpty else { throw RowRejection(field: "name", reason: Localized(nl: "naam ontbreekt", en: "name missing")) }
        guard !municipality.isEmpty else {
            throw RowRejection(field: "municipality", reason: Localized(nl: "gemeente ontbreekt", en: "municipality missing"))
        }
        guard let inhabitants = try c.integer("inhabitants", in: row).get(), inhabitants > 0 else {
            throw RowRejection(field: "inhabitants", reason: Localized(
                nl: "inwonertal moet een geheel getal groter dan 0 zijn", en: "inhabitants must be a whole number above 0"))
        }
        let over75 = try c.integer("inhabitants_75plus", in: row).get()
        if let over75, over75 < 0 || over75 > inhabitants {
            throw RowRejection(field: "inhabitants_75plus", reason: Localized(
                nl: "aantal 75+ moet tussen 0 en het inwonertal liggen", en: "inhabitants_75plus must lie between 0 and inhabitants"))
        }
        let hours = try c.decimal("paid_hours_per_week", in: row).get()
        if let hours, hours < 0 || hours > 80 {
            throw RowRejection(field: "paid_hours_per_week", reason: Localized(
                nl: "betaalde uren per week moeten tussen 0 en 80 liggen", en: "paid_hours_per_week must lie between 0 and 80"))
        }
        let cost = try c.decimal("cost_per_year_eur", in: row).get()
        if let cost, cost < 0 {
            throw RowRejection(field: "cost_per_year_eur", reason: Localized(nl: "kosten mogen niet negatief zijn", en: "cost must not be negative"))
        }
        let registrationStart = try day("registration_start", row)
        let ondersteunerStart = try day("ondersteuner_start", row)
        let comparison = try c.with("comparison_area", in: row) { BooleanParser.parse($0) }
            .mapError { RowRejection.value("comparison_area", $0) }.get()
        if comparison {
            // A comparison area has no ondersteuner: a start date or paid hours contradict the mark,
            // and either way one of the two is wrong, so neither is guessed.
            if ondersteunerStart != nil {
                throw RowRejection(field: "comparison_area", reason: Localized(
                    nl: "een vergelijkingsgebied heeft geen ondersteuner: laat ondersteuner_start leeg, of comparison_area",
                    en: "a comparison area has no ondersteuner: leave ondersteuner_start empty, or comparison_area"))
            }
            if (hours ?? 0) > 0 || (cost ?? 0) > 0 {
                throw RowRejection(field: "comparison_area", reason: Localized(
                    nl: "een vergelijkingsgebied heeft geen ondersteuner: betaalde uren en kosten moeten 0 of leeg zijn",
                    en: "a comparison area has no ondersteuner: paid hours and cost must be 0 or empty"))
            }
        }
        return Village(code: code, name: name, municipality: municipality, inhabitants: inhabitants,
                       inhabitants75Plus: over75, paidHoursPerWeek: hours, costPerYearEUR: cost,
                       registrationStart: registrationStart, ondersteunerStart: ondersteunerStart,
                       isComparisonArea: comparison)
    }

    /// What a rejected row's raw text keeps of the cell of `field` (see `CaseRowValidator.rawCell`):
    /// names and municipalities are free text, kept unless they look like an identifier.
    func rawCell(_ field: String, _ raw: UnsafeBufferPointer<UInt8>) -> RawCell {
        let b = ByteText.trimmed(raw)
        guard !b.isEmpty else { return .keep }
        let c = context
        switch field {
        case "village": return Self.isCode(ByteText.string(b)) ? .keep : .blank
        case "name", "municipality": return c.freeTextCell(b)
        case "inhabitants": return c.isInteger(b, in: 1...Int.max) ? .keep : .blank
        case "inhabitants_75plus": return c.isInteger(b, in: 0...Int.max) ? .keep : .blank
        case "paid_hours_per_week": return c.isDecimal(b, in: 0...80) ? .keep : .blank
        case "cost_per_year_eur": return c.isDecimal(b, in: 0...Double.greatestFiniteMagnitude) ? .keep : .blank
        case "registration_start", "ondersteuner_start": return c.isDate(b) ? .keep : .blank
        case "comparison_area": return RowContext.verdict(BooleanParser.parse(b))
        default: return .blank
        }
    }

    /// A village code: 1–32 ASCII letters, digits, `-` or `_`.
    static func isCode(_ code: String) -> Bool {
        !code.isEmpty && code.count <= 32
            && code.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic && $0.isASCII || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" })
    }

    /// An optional date column; a time of day is not expected and refused.
    private func day(_ field: String, _ row: some RowFields) throws(RowRejection) -> CivilDate? {
        guard let m = try context.moment(field, in: row).get() else { return nil }
        guard m.minuteOfDay == nil else {
            throw RowRejection(field: field, reason: Localized(nl: "verwacht een datum zonder tijd", en: "expected a date without a time"))
        }
        return m.date
    }
}
