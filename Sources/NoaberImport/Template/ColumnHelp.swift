import NoaberModel

/// What the template says about each column: the input message a cell shows when selected (at
/// most 255 characters, Excel's limit), the message when a value is refused, and whether the
/// column must be filled.
enum ColumnHelp {
    struct Text {
        var prompt: String
        var error: String = ""
    }

    /// A multi-valued field's header without its number (`Thema 1` → `Thema`), for lists and the
    /// explanation.
    static func title(_ column: TemplateHeaders.Column, _ language: Language) -> String {
        let header = column.header(language)
        guard TemplateHeaders.columnCount(of: column.field) > 1, let space = header.lastIndex(of: " ") else { return header }
        return String(header[..<space])
    }

    static func isRequired(_ field: String, kind: RecordKind) -> Bool {
        kind.requiredColumns.contains(field)
    }

    static func text(_ field: String, kind: RecordKind, language: Language) -> Text {
        let nl = language == .nl
        func t(_ dutch: String, _ english: String) -> Text { Text(prompt: nl ? dutch : english) }
        var text: Text
        switch (kind, field) {
        case (.tasks, "case_id"):
            text = t("Het dossiernummer van de hulpvraag waarvoor de taak was; leeg als er geen is.",
                     "The case number of the request the task was for; empty if there is none.")
        case (_, "case_id"):
            text = t("Het nummer van de hulpvraag in uw eigen administratie (bijv. 2024-017). Verplicht; elke hulpvraag één rij. Nooit een naam of BSN.",
                     "The request's number in your own records (e.g. 2024-017). Required; one row per request. Never a name or BSN.")
        case (_, "village"):
            text = t("De naam of code van uw dorp (bijv. Saasveld of SAA).", "Your village's name or code (e.g. Saasveld or SAA).")
        case (_, "person_id"):
            text = t("Een eigen nummer per inwoner (bijv. K017), zodat herhaalde vragen van dezelfde inwoner te tellen zijn. Leeg = anoniem. Nooit een naam, BSN, adres of telefoonnummer.",
                     "Your own number per resident (e.g. K017), so that repeated requests of one resident can be counted. Empty = anonymous. Never a name, BSN, address or phone number.")
        case (_, "age_band"):
            text = t("De leeftijdsgroep van de inwoner; kies uit de lijst. Geen geboortedatum.",
                     "The resident's age group; choose from the list. No date of birth.")
        case (_, "received"):
            text = t("De datum waarop de hulpvraag binnenkwam, bijv. 5-3-2024. Verplicht.",
                     "The date the request came in, e.g. 5-3-2024. Required.")
        case (_, "first_contact"):
            text = t("De datum van het eerste contact met de inwoner; leeg als dat er nog niet was.",
                     "The date of the first contact with the resident; empty if there has been none yet.")
        case (_, "closed"):
            text = t("De datum waarop de hulpvraag is afgesloten; leeg zolang hij loopt.",
                     "The date the request was closed; empty while it is still open.")
        case (_, "source"):
            text = t("Wie de vraag of het signaal bracht; kies uit de lijst.", "Who brought the request or signal; choose from the list.")
        case (_, "channel"):
            text = t("Hoe de vraag binnenkwam; kies uit de lijst.", "How the request came in; choose from the list.")
        case (_, "themes"):
            text = t("Waar de vraag over gaat; kies uit de lijst. Meer dan één thema? Zet het tweede in Thema 2 en het derde in Thema 3: één per cel.",
                     "What the request is about; choose from the list. More than one theme? Put the second in Theme 2 and the third in Theme 3: one per cell.")
        case (_, "collective"):
            text = t("ja als de vraag een collectief signaal is (meer inwoners met dezelfde vraag); anders nee of leeg.",
                     "yes if the request is a collective signal (several residents with the same need); otherwise no or empty.")
        case (_, "resolution"):
            text = t("Hoe de hulpvraag is afgehandeld; kies uit de lijst. Leeg zolang hij loopt.",
                     "How the request was resolved; choose from the list. Empty while it is still open.")
        case (_, "referred_to"):
            text = t("Naar welke formele voorziening u doorverwees; kies uit de lijst, één per cel (een tweede in kolom 2).",
                     "Which formal provision you referred to; choose from the list, one per cell (a second in column 2).")
        case (_, "risks"):
            text = t("Risico op escalatie dat u bij de intake zag; kies uit de lijst, één per cel (Risico 1 tot 3).",
                     "Risk of escalation you saw at intake; choose from the list, one per cell (Risk 1 to 3).")
        case (_, "escalated_to"):
            text = t("Wat er toch gebeurde (de escalatie, bijv. een opname); kies uit de lijst, één per cel.",
                     "What happened after all (the escalation, e.g. an admission); choose from the list, one per cell.")
        case (_, "support_minutes"):
            text = t("De tijd die u aan deze hulpvraag besteedde, in minuten (90 voor anderhalf uur).",
                     "The time you spent on this request, in minutes (90 for an hour and a half).")
            text.error = nl ? "Typ een aantal minuten van 0 tot 30000." : "Type a number of minutes from 0 to 30000."
        case (_, "volunteer_id"):
            text = t("Een eigen nummer per vrijwilliger (bijv. V03). Verplicht. Nooit een naam of telefoonnummer.",
                     "Your own number per volunteer (e.g. V03). Required. Never a name or phone number.")
        case (_, "date"):
            text = t("De datum van de inzet, bijv. 7-3-2024. Verplicht.", "The date of the task, e.g. 7-3-2024. Required.")
        case (_, "hours"):
            text = t("Hoeveel uur, bijv. 1,5. Verplicht; meer dan 0, hoogstens 24.", "How many hours, e.g. 1.5. Required; more than 0, at most 24.")
            text.error = nl ? "Typ een aantal uren van 0 tot 24." : "Type a number of hours from 0 to 24."
        case (_, "task"):
            text = t("Wat de vrijwilliger deed; kies uit de lijst. Verplicht.", "What the volunteer did; choose from the list. Required.")
        default:
            text = Text(prompt: "")
        }
        if ["received", "first_contact", "closed", "date"].contains(field) {
            text.error = nl ? "Typ een datum als dag-maand-jaar, bijv. 5-3-2024." : "Type a date, e.g. 5-3-2024 (day-month-year)."
        }
        return text
    }
}
