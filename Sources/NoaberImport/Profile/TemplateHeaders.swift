import NoaberModel

/// noaber's own readable column headers, in Dutch and English: the headers of the registration
/// workbook `noaber template` writes, and a second spelling of the canonical names that the
/// importer recognises without a profile.
///
/// Why the importer learns these names rather than the template carrying the canonical names in a
/// hidden row: a village that saves its filled-in template as CSV, sorts it, or deletes "an empty
/// row" must still be able to import it without a profile and without a warning. With the
/// readable names recognised, the template's visible header *is* a canonical header, whatever is
/// done to the sheet around it. The names are chosen so that no bundled dialect's header is
/// recognised by accident (`Dossiernr` and `Datum melding` stay the Dutch Excel export's own), and
/// they are matched exactly (after trimming, ignoring case), never by similarity: guessing is
/// `noaber profile draft`'s job, for a person to check.
///
/// Multi-valued fields get numbered columns (`Thema 1`, `Thema 2`, `Thema 3`), each with its own
/// drop-down list: one value per cell is what a village worker can fill in without typing
/// separators. The importer reads every column of a field and joins their values (`ColumnPlan`'s
/// extra positions); a profile may map several columns to one multi-valued field the same way.
public enum TemplateHeaders {
    /// One column of the template.
    public struct Column: Sendable, Hashable {
        public let field: String
        public let nl: String
        public let en: String

        public func header(_ language: Language) -> String { language == .nl ? nl : en }
    }

    /// How many columns each multi-valued field gets in the template.
    public static func columnCount(of field: String) -> Int {
        switch field {
        case "themes", "risks": 3
        case "referred_to", "escalated_to": 2
        default: 1
        }
    }

    /// The template's columns of `kind`, in order. Cases leave out `birth_year` (an age group is
    /// enough and identifies less) and `age`.
    public static func columns(_ kind: RecordKind) -> [Column] {
        switch kind {
        case .cases:
            return [
                one("case_id", "Dossiernummer", "Case number"),
                one("village", "Dorp", "Village"),
                one("person_id", "Inwonernummer", "Resident number"),
                one("age_band", "Leeftijdsgroep", "Age group"),
                one("received", "Datum hulpvraag", "Date received"),
                one("first_contact", "Datum eerste contact", "Date of first contact"),
                one("closed", "Datum afgesloten", "Date closed"),
                one("source", "Gemeld door", "Reported by"),
                one("channel", "Contactvorm", "Channel"),
            ] + numbered("themes", "Thema", "Theme") + [
                one("collective", "Collectief (ja/nee)", "Collective (yes/no)"),
                one("resolution", "Afhandeling", "Resolution"),
            ] + numbered("referred_to", "Doorverwezen naar", "Referred to")
              + numbered("risks", "Risico", "Risk")
              + numbered("escalated_to", "Geëscaleerd naar", "Escalated to") + [
                one("support_minutes", "Tijd (minuten)", "Time (minutes)"),
            ]
        case .tasks:
            return [
                one("case_id", "Dossiernummer", "Case number"),
                one("village", "Dorp", "Village"),
                one("volunteer_id", "Vrijwilligersnummer", "Volunteer number"),
                one("date", "Datum inzet", "Date of the task"),
                one("hours", "Uren", "Hours"),
                one("task", "Taak", "Task"),
            ]
        case .villages, .outcomes:
            return []
        }
    }

    private static func one(_ field: String, _ nl: String, _ en: String) -> Column {
        Column(field: field, nl: nl, en: en)
    }

    private static func numbered(_ field: String, _ nl: String, _ en: String) -> [Column] {
        (1...columnCount(of: field)).map { Column(field: field, nl: "\(nl) \($0)", en: "\(en) \($0)") }
    }

    /// Readable header (normalised: `HeaderName.normalised`) → canonical field, per kind.
    private static let lookup: [RecordKind: [String: String]] = {
        var result: [RecordKind: [String: String]] = [:]
        for kind in [RecordKind.cases, .tasks] {
            var map: [String: String] = [:]
            for c in columns(kind) {
                map[HeaderName.normalised(c.nl)] = c.field
                map[HeaderName.normalised(c.en)] = c.field
            }
            result[kind] = map
        }
        return result
    }()

    /// The canonical field a readable header of `kind` names, if it is one of the template's.
    static func field(for normalisedHeader: String, kind: RecordKind) -> String? {
        lookup[kind]?[normalisedHeader]
    }
}
