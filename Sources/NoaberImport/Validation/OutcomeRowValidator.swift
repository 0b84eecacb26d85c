import NoaberModel

/// What makes an outcome file an aggregate and not a list of people (docs/effect.md,
/// "Aggregates only"). A file that breaks one of these is refused whole — nothing is stored, not
/// even its rejected rows, since those would keep cells of a person-level file:
///
/// 1. **Columns.** No column may name a person or a direct identifier: besides the importer's
///    usual list (`IdentifierColumns`: name, address, phone, e-mail, BSN, date of birth, …),
///    headers that contain *person, persoon, client, klant, patient, patiënt, burger, geboorte,
///    birth, dossier, leeftijd, age, geslacht, gender* or are exactly *id, nr, sex*. A dropped
///    column counts too: a file that carries one is person-level, whatever is read from it.
/// 2. **One row per cell.** An area, measure and period may appear once. Repeats are what a list
///    of people or events looks like (one row per consultation), and summing them silently would
///    hide that.
/// 3. **Populations of at least `minimumPopulation` (50).** A count among fewer people says
///    something about individuals (a population of 1 is one person). Dutch kernen with an
///    ondersteuner have hundreds to thousands of inhabitants; 50 leaves room for the smallest
///    hamlets while refusing person-level rows (population 1) and household-level ones.
public enum OutcomeRules {
    /// The smallest population an outcome figure may refer to.
    public static let minimumPopulation = 50

    /// Fragments that, in a header (lowercased, letters only), mark a person-level column.
    private static let fragments = ["person", "persoon", "client", "clint", "klant", "patient", "patint", "burger",
                                    "geboorte", "birth", "dossier", "leeftijd", "geslacht", "gender"]
    /// Whole headers that mark one but are too short to look for inside other words.
    private static let exact: Set<String> = ["id", "nr", "sex", "age", "ages"]

    /// Whether a header names a person-level column or a direct identifier.
    public static func looksPersonLevel(_ header: String) -> Bool {
        if IdentifierColumns.looksLikeIdentifier(header) { return true }
        let letters = String(header.lowercased().unicodeScalars.filter { $0.value >= 97 && $0.value <= 122 })
        if exact.contains(letters) { return true }
        return fragments.contains { letters.contains($0) }
    }

    /// A measure's name: 1–64 ASCII letters, digits, `_`, `-` or `.` (`huisartsconsulten`,
    /// `wmo_huishoudelijke_hulp`): a code, typed as `--measure NAME`, never free text.
    public static func isMeasureName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 64 else { return false }
        return bytes.allSatisfy { b in
            (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == 95 || b == 45 || b == 46
        }
    }
}

/// Turns one row of an outcome file into an `OutcomeRecord`, or says why not.
struct OutcomeRowValidator: Sendable {
    let context: RowContext
    private let period, measure, value, population: RowContext.Field

    init(context: RowContext) {
        self.context = context
        period = context.field("period")
        measure = context.field("measure")
        value = context.field("value")
        population = context.field("population")
    }

    func validate(_ row: some RowFields) -> Result<OutcomeRecord, RowRejection> {
        if let problem = context.shapeProblem(row) { return .failure(problem) }
        do {
            return .success(try record(row))
        } catch {
            return .failure(error)
        }
    }

    private func record(_ row: some RowFields) throws(RowRejection) -> OutcomeRecord {
        let c = context
        let village = try c.village(in: row).get()
        let periodText = c.text(period, in: row)
        guard !periodText.isEmpty else {
            throw RowRejection(field: "period", reason: Localized(nl: "periode ontbreekt", en: "period missing"))
        }
        guard let parsed = OutcomePeriod(parsing: periodText) else {
            let shown = ShownValue.fragment(periodText)
            throw RowRejection(field: "period", reason: Localized(
                nl: "periode\(shown.nl) is geen jaar (2024), kwartaal (2024Q3) of maand (2024-05)",
                en: "period\(shown.en) is not a year (2024), quarter (2024Q3) or month (2024-05)"))
        }
        let name = c.text(measure, in: row)
        guard c.with(measure, in: row, { OutcomeRules.isMeasureName(ByteText.trimmed($0)) }) else {
            throw RowRejection(field: "measure", reason: name.isEmpty
                ? Localized(nl: "maat ontbreekt", en: "measure missing")
                : Localized(nl: "maat moet 1–64 letters, cijfers, _, - of . zijn (bijvoorbeeld huisartsconsulten)",
                            en: "measure must be 1–64 letters, digits, _, - or . (for example huisartsconsulten)"))
        }
        guard let count = try c.decimal(value, in: row).get() else {
            throw RowRejection(field: "value", reason: Localized(nl: "waarde ontbreekt", en: "value missing"))
        }
        guard count >= 0, count.isFinite else {
            throw RowRejection(field: "value", reason: Localized(nl: "waarde mag niet negatief zijn", en: "value must not be negative"))
        }
        guard let people = try c.integer(population, in: row).get() else {
            throw RowRejection(field: "population", reason: Localized(nl: "populatie ontbreekt", en: "population missing"))
        }
        guard people > 0 else {
            throw RowRejection(field: "population", reason: Localized(
                nl: "populatie moet een geheel getal groter dan 0 zijn", en: "population must be a whole number above 0"))
        }
        return OutcomeRecord(village: village, measure: name, period: parsed, value: count, population: people)
    }

    /// What a rejected row's raw text keeps of the cell of `field` (see `CaseRowValidator.rawCell`):
    /// cells that passed their own check; aggregates hold nothing personal, but an unreadable
    /// cell is still not repeated.
    func rawCell(_ field: String, _ raw: UnsafeBufferPointer<UInt8>) -> RawCell {
        let b = ByteText.trimmed(raw)
        guard !b.isEmpty else { return .keep }
        let c = context
        switch field {
        case "village": return c.villages.code(forBytes: b) != nil ? .keep : .blank
        case "period": return OutcomePeriod(parsing: ByteText.string(b)) != nil ? .keep : .blank
        case "measure": return OutcomeRules.isMeasureName(b) ? .keep : .blank
        case "value": return c.isDecimal(b, in: 0...Double.greatestFiniteMagnitude) ? .keep : .blank
        case "population": return c.isInteger(b, in: 1...Int.max) ? .keep : .blank
        default: return .blank
        }
    }
}
