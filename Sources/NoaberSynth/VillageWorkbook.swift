import NoaberCSV
import NoaberModel
import NoaberXLSX

/// Weerselo keeps its registrations in an Excel workbook of its own: a title and an "updated to"
/// line above the header, its own column headers (`Nr.`, `Via`, `Onderwerp(en)`, …), its own
/// labels (`telefonisch`, `keukentafel`, `via Kulturhus`, `x` for a collective signal), real
/// date cells, a name column and notes, and a totals row under the data — the way a village's
/// sheet looks, so the demo and the README's first session start from one.
///
/// The cases are exactly those of Weerselo's canonical export (the same generator and seed): the
/// canonical CSV is generated in memory and each row rendered into the sheet, so every figure is
/// what it was when Weerselo sent CSV. The names are made up from `SynthVocabulary` as in the Dutch
/// Excel dialect; the notes are its invented notes.
///
/// The workbook needs a profile: `Datasets/profiles/weerselo-werkmap.json`, which is what
/// `noaber profile draft` writes for it once a person has filled in its `"?"` (the labels
/// `tot 18`, `keukentafel`, `via Kulturhus` and `vaak huisarts`, which the draft does not place).
/// A test in NoaberCLITests checks exactly that.
enum VillageWorkbook {
    static let village = "WEE"
    static let path = "exports/WEE-cases-werkmap.xlsx"
    static let profilePath = "profiles/weerselo-werkmap.json"
    /// How the manifest names the format.
    static let dialect = "werkmap"
    static let sheet = "Registratie"

    /// Weerselo's columns: its header and the canonical column it holds (nil: the name and the
    /// notes, which the profile drops).
    static let columns: [(header: String, field: String?)] = [
        ("Nr.", "case_id"), ("Inwoner", "person_id"), ("Naam", nil), ("Leeftijd", "age_band"), ("Binnengekomen", "received"),
        ("Eerste contact", "first_contact"), ("Afgerond", "closed"), ("Via", "source"), ("Contact", "channel"),
        ("Onderwerp(en)", "themes"), ("Collectief", "collective"), ("Resultaat", "resolution"),
        ("Doorverwezen naar", "referred_to"), ("Risico's", "risks"), ("Escalatie", "escalated_to"), ("Minuten", "support_minutes"),
        ("Opmerkingen", nil),
    ]
    static let dropped = ["Naam", "Opmerkingen"]

    /// Weerselo's own labels, per canonical code.
    static let ageBands: [String: String] = ["0-17": "tot 18", "18-64": "18-64", "65-74": "65-74", "75-84": "75-84", "85+": "85+"]
    static let sources: [String: String] = [
        "self": "zelf", "relative": "familie", "neighbour": "buren", "volunteer": "vrijwilliger", "gp": "huisarts",
        "district_nurse": "wijkverpleging", "municipality": "gemeente", "social_team": "sociaal team", "welfare": "welzijn",
        "other": "anders"]
    static let channels: [String: String] = [
        "phone": "telefonisch", "message": "app", "email": "mail", "home_visit": "keukentafel", "office_hours": "spreekuur Kulturhus",
        "in_person": "op straat", "social_media": "facebook", "other": "anders"]
    static let themes: [String: String] = [
        "loneliness": "eenzaamheid", "housing": "wonen", "transport": "vervoer", "household": "huishouden", "health_care": "zorg",
        "caregiver_support": "mantelzorg", "finance_admin": "geldzaken", "digital": "digitaal", "meaning": "zingeving",
        "participation": "meedoen", "safety": "veiligheid", "other": "overig"]
    static let resolutions: [String: String] = [
        "informal": "informele hulp", "collective": "via Kulturhus", "referred_formal": "doorverwezen", "advice": "advies",
        "self_solved": "zelf opgelost", "none": "geen"]
    static let referrals: [String: String] = [
        "gp": "huisarts", "district_nurse": "wijkverpleging", "wmo": "Wmo-loket", "mental_health": "ggz", "social_team": "sociaal team",
        "welfare": "welzijn", "debt_help": "schuldhulp", "housing_corp": "woningcorporatie", "other": "anders"]
    static let risks: [String: String] = [
        "psychiatric_readmission": "heropname ggz", "nursing_home_admission": "verpleeghuis",
        "caregiver_overload": "overbelaste mantelzorger", "isolation": "isolement", "fall": "val", "debt": "schulden",
        "wmo_household_help": "huishoudelijke hulp", "frequent_gp_use": "vaak huisarts"]

    static func labels(for field: String) -> [String: String]? {
        switch field {
        case "age_band": ageBands
        case "source": sources
        case "channel": channels
        case "themes": themes
        case "resolution": resolutions
        case "referred_to": referrals
        case "risks", "escalated_to": risks
        default: nil
        }
    }

    /// The workbook, from Weerselo's canonical case export.
    static func render(canonical: [UInt8], village: Village, asOf: CivilDate) throws -> [UInt8] {
        let reader = try CSVReader(bytes: canonical, name: "WEE-cases-canonical.csv")
        guard try reader.next() else { throw SynthError("the canonical Weerselo export is empty") }
        let header = reader.fields()
        let index = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($0.element, $0.offset) })
        var rows: [[XLSXWriter.Cell]] = [
            [.text("Dorpsondersteuning \(village.name): registratie hulpvragen", .title)],
            [.text("Bijgewerkt tot \(asOf.day)-\(asOf.month)-\(asOf.year)")],
            [],
            columns.map { .text($0.header, .header) },
        ]
        var count = 0
        while try reader.next() {
            count += 1
            func value(_ field: String) -> String { index[field].map { reader.field($0) } ?? "" }
            var row: [XLSXWriter.Cell] = []
            for column in columns {
                switch column.field {
                case nil where column.header == "Naam":
                    row.append(name(personID: value("person_id")).map { .text($0) } ?? .empty)
                case nil:
                    row.append(note(case: count).map { .text($0, .wrapped) } ?? .empty)
                case "received"?, "first_contact"?, "closed"?:
                    row.append(date(value(column.field ?? "")))
                case "support_minutes"?:
                    row.append(Double(value("support_minutes")).map { .number($0) } ?? .empty)
                case "collective"?:
                    row.append(value("collective") == "true" ? .text("x") : .empty)
                case let field?:
                    let raw = value(field)
                    if let labels = labels(for: field) {
                        let parts = raw.split(separator: "|").map { labels[String($0)] ?? String($0) }
                        row.append(parts.isEmpty ? .empty : .text(parts.joined(separator: ", ")))
                    } else {
                        row.append(raw.isEmpty ? .empty : .text(raw, .text))
                    }
                }
            }
            rows.append(row)
        }
        rows.append([])
        rows.append([.text("Totaal", .bold), .formula("COUNTA(A5:A\(4 + count))", cached: Double(count))])
        var sheet = XLSXWriter.Sheet(name: sheet, rows: rows)
        sheet.columnWidths = columns.map { column in
            switch column.field {
            case nil: column.header == "Naam" ? 22 : 48
            case "received"?, "first_contact"?, "closed"?: 16
            case "themes"?, "risks"?, "escalated_to"?, "referred_to"?: 26
            default: Double(max(column.header.count + 2, 12))
            }
        }
        sheet.frozenRows = 4
        return try XLSXWriter(sheets: [sheet]).bytes()
    }

    /// A date cell from an ISO date or date-time.
    private static func date(_ iso: String) -> XLSXWriter.Cell {
        let parts = iso.split(separator: "T")
        let ymd = parts.first?.split(separator: "-").compactMap { Int($0) } ?? []
        guard ymd.count == 3 else { return .empty }
        if parts.count == 2 {
            let hm = parts[1].split(separator: ":").compactMap { Int($0) }
            let minute = hm.count >= 2 ? hm[0] * 60 + hm[1] : 0
            return .number(XLSXWriter.serial(year: ymd[0], month: ymd[1], day: ymd[2], minuteOfDay: minute), .dateTime)
        }
        return .number(XLSXWriter.serial(year: ymd[0], month: ymd[1], day: ymd[2]), .date)
    }

    /// A made-up name for a resident number (`WEE-K00012`), as the Dutch Excel dialect makes them.
    private static func name(personID: String) -> String? {
        guard let digits = personID.split(separator: "K").last, let number = Int(digits), number > 0 else { return nil }
        let person = number - 1
        let first = SynthVocabulary.firstNames[(person &* 7 &+ 3) % SynthVocabulary.firstNames.count]
        let last = SynthVocabulary.lastNames[(person &* 13 &+ person / 5) % SynthVocabulary.lastNames.count]
        return first + " " + last
    }

    /// An invented note on about a third of the cases.
    private static func note(case number: Int) -> String? {
        number % 3 == 0 ? SynthVocabulary.notes[(number / 3) % SynthVocabulary.notes.count] : nil
    }

    /// `Datasets/profiles/weerselo-werkmap.json`: what `noaber profile draft --village WEE` writes
    /// for the workbook, with its `"?"` filled in by a person.
    static func profile() -> String {
        var values: [(String, JSON)] = []
        for field in ["age_band", "source", "channel", "themes", "resolution", "referred_to", "risks", "escalated_to"] {
            guard let labels = labels(for: field) else { continue }
            let order = order(of: field)
            values.append((field, .object(order.compactMap { code in labels[code].map { ($0, .string(code)) } })))
        }
        let profile: JSON = .object([
            ("name", .string("weerselo-werkmap")),
            ("description", .string("Weerselo's own registration workbook (sheet 'Registratie', a title above the header, a totals row under it): drafted by noaber profile draft --village WEE, its \"?\" (tot 18, keukentafel, via Kulturhus, vaak huisarts) filled in by a person. Naam and Opmerkingen are dropped unread.")),
            ("kind", .string("cases")),
            ("date_order", .string("dmy")),
            ("excel_serial_dates", .bool(false)),
            ("decimal_separator", .string(".")),
            ("multi_value_separator", .string(",")),
            ("village", .string(village)),
            ("columns", .object(columns.compactMap { column in column.field.map { (column.header, .string($0)) } })),
            ("values", .object(values)),
            ("drop", .array(dropped.map(JSON.string))),
        ])
        return profile.rendered() + "\n"
    }

    private static func order(of field: String) -> [String] {
        CodeVocabulary.codes(for: field) ?? Risk.allCodes
    }
}
