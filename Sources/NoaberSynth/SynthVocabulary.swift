import NoaberModel

/// The words each dialect uses: headers, value labels, fake names and free-text notes.
///
/// The mapping profiles in Datasets/profiles/ are generated from these same tables
/// (`MappingProfiles`), so an export and its profile cannot drift apart.
enum SynthVocabulary {
    /// Case columns per dialect, in file order: (header, canonical field). A nil field is a
    /// column with no canonical meaning (`Naam`, `Notities`, `Export batch`).
    static func caseColumns(_ dialect: ExportDialect) -> [(header: String, field: CaseField)] {
        switch dialect {
        case .canonical:
            return RecordKind.cases.canonicalColumns.compactMap { name in
                CaseField(rawValue: name).map { (name, $0) }
            }
        case .dutchExcel:
            return [("Dossiernr", .caseID), ("Dorp", .village), ("Cliëntnummer", .person), ("Naam", .name),
                    ("Leeftijdsklasse", .ageBand), ("Datum melding", .received), ("Eerste contact", .firstContact),
                    ("Afgesloten", .closed), ("Gemeld door", .source), ("Kanaal", .channel), ("Thema's", .themes),
                    ("Collectief", .collective), ("Afhandeling", .resolution), ("Doorverwezen naar", .referredTo),
                    ("Risico's", .risks), ("Geëscaleerd naar", .escalatedTo), ("Tijd (min)", .supportMinutes),
                    ("Notities", .notes)]
        case .bomSerial:
            return [("Case Ref", .caseID), ("Village", .village), ("Client", .person), ("Age group", .ageBand),
                    ("Year of birth", .birthYear), ("Date received", .received), ("First contact", .firstContact),
                    ("Date closed", .closed), ("Referred by", .source), ("Contact channel", .channel),
                    ("Topics", .themes), ("Group signal", .collective), ("Outcome", .resolution),
                    ("Referrals", .referredTo), ("Risk flags", .risks), ("Escalations", .escalatedTo),
                    ("Minutes", .supportMinutes), ("Export batch", .exportBatch)]
        }
    }

    /// Task columns per dialect. The BOM dialect keeps the canonical columns (with a BOM).
    static func taskColumns(_ dialect: ExportDialect) -> [String] {
        switch dialect {
        case .canonical, .bomSerial: RecordKind.tasks.canonicalColumns
        case .dutchExcel: ["Dossiernr", "Dorp", "Vrijwilliger", "Datum", "Uren", "Taak"]
        }
    }

    /// The label a dialect writes for a code.
    static func label<C: Code>(_ code: C, _ dialect: ExportDialect) -> String {
        switch dialect {
        case .canonical: code.rawValue
        case .dutchExcel: code.dutchLabel
        case .bomSerial: code.englishLabel
        }
    }

    static func booleans(_ dialect: ExportDialect) -> (yes: String, no: String) {
        switch dialect {
        case .canonical: ("true", "false")
        case .dutchExcel: ("ja", "nee")
        case .bomSerial: ("yes", "no")
        }
    }

    /// What goes between the values of a multi-valued cell.
    static func multiValueSeparator(_ dialect: ExportDialect) -> String {
        switch dialect {
        case .canonical: "|"
        case .dutchExcel: ", "
        case .bomSerial: ";"
        }
    }

    /// A theme label no profile knows: one of the deliberate errors.
    static let unknownThemeLabel = "mobiliteit"

    /// Fake first and last names for the `Naam` column (which the profile drops).
    static let firstNames = ["Jan", "Gerrit", "Hendrik", "Johanna", "Maria", "Bernard", "Riek", "Truus", "Anneke",
                             "Zoë", "René", "Hélène", "Geert", "Diny", "Wim", "Ans", "Bennie", "Marietje", "Theo",
                             "Gerda", "Annie", "Herman", "Mientje", "Joop"]
    static let lastNames = ["Oude Vrielink", "Nijhuis", "Leferink", "Kamphuis", "Pünter", "Lammerink", "Busscher",
                            "ter Haar", "Brüggemann", "Wessels", "Olde Hengel", "Scholten", "Mensink", "Bekhuis",
                            "Snijders", "Geerdink", "Spijkers", "Averdijk", "Rikhof", "Velthuis"]

    /// Free-text notes as coordinators type them: `;`, quotes, €, ’ and a line break included,
    /// so that readers meet what real exports hold. Never stored by the importer.
    static let notes = [
        "Dochter belt namens moeder; graag terugbellen na 17:00",
        "Vraagt naar vervoer naar het ziekenhuis in Hengelo",
        "Eigen bijdrage Wmo ± €21 per maand, uitgelegd",
        "Voelt zich alleen sinds overlijden partner",
        "Buurvrouw maakt zich zorgen: \"hij komt de deur niet meer uit\"",
        "Hulp bij DigiD-aanvraag; afspraak gemaakt",
        "Koffie-ochtend in het dorpshuis voorgesteld, café ’t Hoekje",
        "Mantelzorger is overbelast, rijdt dagelijks heen en weer",
        "Met toestemming van cliënt doorgegeven aan Schakel",
        "Tuin loopt uit de hand – vrijwilliger gezocht",
        "Geen vervolg nodig",
        "Valt vaker, rollator aangevraagd\nHuisarts geïnformeerd",
        "Zoë (kleindochter) helpt met boodschappen",
        "Rekeningen stapelen zich op; samen overzicht gemaakt",
        "Wil graag meedoen met de wandelgroep",
        "Eenzaam na verhuizing naar de aanleunwoning",
    ]
}

/// The fields a case export can carry.
enum CaseField: String {
    case caseID = "case_id", village, person = "person_id", ageBand = "age_band", birthYear = "birth_year"
    case received, firstContact = "first_contact", closed, source, channel, themes, collective, resolution
    case referredTo = "referred_to", risks, escalatedTo = "escalated_to", supportMinutes = "support_minutes"
    case name, notes, exportBatch
}
