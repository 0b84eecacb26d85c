import NoaberModel

/// The words villages use for noaber's fields and codes, in Dutch and English, with their usual
/// abbreviations: what `ProfileDraft` matches a header or a label against (after `Folded`).
///
/// Written from the headers and labels of real registration sheets' vocabulary (dossier, kern,
/// aanmelder, contactwijze, levensgebied, afhandeling, signposted to, …), not from the bundled
/// exports: the draft is measured on exports it has never seen (ProfileDraftTests). A synonym's
/// weight below 1 marks a generic word (`datum`, `nr`, `tijd`) that a more specific one beats.
enum DraftLexicon {
    struct Synonym {
        let words: [String]
        let weight: Double
    }

    /// Header synonyms per canonical field.
    static let headers: [String: [Synonym]] = {
        var table: [String: [Synonym]] = [:]
        func add(_ field: String, _ phrases: [String], weight: Double = 1) {
            table[field, default: []] += phrases.map { Synonym(words: Folded.words($0), weight: weight) }
        }
        add("case_id", ["dossiernummer", "dossiernr", "dossier nr", "dossier", "dossier id", "doss nr", "dossnr", "zaaknummer",
                        "zaaknr", "zaak nr", "registratienummer", "registratienr", "registratie nr", "reg nr", "regnr",
                        "volgnummer", "volgnr", "meldingnummer", "meldingsnummer", "melding nr", "vraagnummer",
                        "hulpvraagnummer", "hulpvraag nr", "casusnummer", "casus nr", "kenmerk", "case id", "case ref",
                        "case number", "case no", "case nr", "case", "ref", "ref no", "reference", "record id", "request id",
                        "request no", "ticket", "ticket no", "log no"])
        add("case_id", ["id", "nr", "nummer", "no", "number", "zaak", "casus"], weight: 0.6)
        add("village", ["dorp", "kern", "woonkern", "dorpskern", "village", "hamlet", "buurtschap", "dorp kern"])
        add("village", ["locatie", "location", "plaats", "wijk", "area", "community"], weight: 0.7)
        add("person_id", ["clientnummer", "clientnr", "client nr", "client", "client id", "client ref", "client number",
                          "client no", "klantnummer", "klantnr", "klant nr", "klant", "inwonernummer", "inwonernr",
                          "inwoner nr", "inwoner", "inwoner id", "persoonsnummer", "persoon nr", "persoon id", "person id",
                          "resident id", "resident number", "resident no", "resident", "hulpvrager", "hulpvrager id",
                          "deelnemer", "deelnemernummer", "deelnemer nr", "customer id", "service user", "service user id",
                          "user id"])
        add("age_band", ["leeftijdsklasse", "leeftijdscategorie", "leeftijdsgroep", "leeftijdscat", "leeftijd klasse",
                         "leeftijd groep", "leeftijd categorie", "age group", "age band", "age category", "age range",
                         "lft klasse", "lft groep", "lft cat"])
        add("age_band", ["leeftijd", "age", "lft", "lftd"], weight: 0.75)
        add("age", ["leeftijd", "age", "lft", "lftd", "leeftijd in jaren", "age in years", "age years"])
        add("birth_year", ["geboortejaar", "geb jaar", "gebjaar", "jaar van geboorte", "year of birth", "birth year", "yob"])
        add("received", ["datum melding", "meldingsdatum", "melddatum", "datum ontvangst", "ontvangstdatum", "ontvangen",
                         "ontvangen op", "datum binnenkomst", "binnengekomen", "binnengekomen op", "binnenkomst",
                         "aanmelddatum", "aanmeldingsdatum", "datum aanmelding", "aanmelding", "aangemeld op",
                         "datum hulpvraag", "datum vraag", "datum intake", "intakedatum", "intake", "startdatum", "begindatum",
                         "gemeld op", "date received", "received", "date of request", "request date", "date requested",
                         "date reported", "reported on", "date opened", "opened", "open date", "start date", "intake date",
                         "date logged", "logged"])
        add("received", ["date", "datum", "start", "begin"], weight: 0.6)
        add("first_contact", ["eerste contact", "datum eerste contact", "1e contact", "eerste gesprek", "datum eerste gesprek",
                              "contactdatum", "datum contact", "eerste reactie", "reactie", "first contact",
                              "date first contacted", "first contacted", "first contact date", "first response",
                              "date of first contact", "date contacted", "contacted"])
        add("closed", ["afgesloten", "datum afgesloten", "afsluitdatum", "afgesloten op", "einddatum", "datum einde", "gesloten",
                       "afgerond", "datum afgerond", "afgerond op", "afrondingsdatum", "afronding", "datum afronding",
                       "beeindigd", "closed", "date closed", "closing date", "closed on", "end date", "date resolved",
                       "resolved on", "date completed", "completed", "einde", "date ended"])
        add("source", ["gemeld door", "melder", "bron", "aanmelder", "aangemeld door", "verwijzer", "verwezen door",
                       "doorverwezen door", "signaal van", "via wie", "referred by", "referrer", "referral source", "source",
                       "reported by", "who referred", "binnengekomen via"])
        add("source", ["via"], weight: 0.6)
        add("channel", ["kanaal", "contactvorm", "contactwijze", "wijze van contact", "contact wijze", "manier van contact",
                        "contactkanaal", "hoe binnengekomen", "medium", "channel", "contact channel", "how contacted",
                        "contact method", "contact type", "mode of contact", "how received"])
        add("channel", ["contact", "hoe", "mode"], weight: 0.6)
        add("themes", ["themas", "thema", "soort hulpvraag", "soort vraag", "aard van de vraag", "onderwerp", "onderwerpen",
                       "categorie", "categorieen", "levensgebied", "levensgebieden", "leefgebied", "leefgebieden", "domein",
                       "domeinen", "topics", "topic", "theme", "themes", "issues", "issue", "category", "categories",
                       "subject", "needs", "need", "type of need", "type vraag"])
        add("themes", ["hulpvraag", "vraag", "type"], weight: 0.6)
        add("collective", ["collectief", "collectieve vraag", "collectief signaal", "groepssignaal", "groepsvraag",
                           "gezamenlijk", "collective", "group signal", "community issue", "collective signal", "group issue"])
        add("collective", ["groep", "group"], weight: 0.7)
        add("resolution", ["afhandeling", "uitkomst", "resultaat", "oplossing", "afgehandeld", "wijze van afhandeling",
                           "opgelost", "afloop", "outcome", "resolution", "result", "how resolved", "resolved how"])
        add("resolution", ["vervolg"], weight: 0.7)
        add("referred_to", ["doorverwezen naar", "verwezen naar", "doorverwijzing", "doorverwijzingen", "verwijzing",
                            "verwijzingen", "doorverwezen", "referrals", "referral", "referred to", "signposted to",
                            "signposting", "signposted"])
        add("risks", ["risicos", "risico", "risicofactoren", "risicofactor", "risicosignalen", "risks", "risk", "risk flags",
                      "risk factors", "zorgsignalen", "zorgen"])
        add("risks", ["signalen"], weight: 0.6)
        add("escalated_to", ["geescaleerd", "geescaleerd naar", "escalatie", "escalaties", "opgeschaald", "opgeschaald naar",
                             "opschaling", "escalated", "escalated to", "escalations", "escalation"])
        add("support_minutes", ["tijd min", "tijd in minuten", "minuten", "tijdsbesteding", "bestede tijd", "tijd besteed",
                                "besteed", "besteed min", "duur min", "minutes", "mins", "min", "time spent", "time mins",
                                "duration mins", "support minutes", "minutes spent"])
        add("support_minutes", ["tijd", "duur", "time", "duration"], weight: 0.8)
        add("volunteer_id", ["vrijwilliger", "vrijwilligersnummer", "vrijwilligernummer", "vrijw nr", "vrijwnr", "vrijw",
                             "vrijwilliger nr", "vrijwilliger id", "volunteer", "volunteer id", "volunteer no",
                             "volunteer number", "helper", "helper id", "maatje"])
        add("date", ["datum", "datum inzet", "inzetdatum", "datum activiteit", "dag", "date", "date of task", "task date",
                     "activity date", "uitgevoerd op", "datum uitvoering", "date of activity"])
        add("hours", ["uren", "uur", "aantal uren", "aantal uur", "inzet uren", "tijd uren", "tijd uur", "hours", "hrs",
                      "hours spent", "no of hours"])
        add("hours", ["tijd", "duur", "time", "duration"], weight: 0.7)
        add("task", ["taak", "soort taak", "taaksoort", "activiteit", "soort activiteit", "soort hulp", "soort inzet",
                     "type hulp", "type taak", "klus", "werkzaamheden", "task", "task type", "activity", "type of help",
                     "activity type", "type of task"])
        add("task", ["wat", "type", "soort"], weight: 0.6)
        return table
    }()

    /// Headers that name free text: never read (they go to `drop`).
    static let freeTextHeaders: [[String]] = [
        "notitie", "notities", "notes", "note", "opmerking", "opmerkingen", "toelichting", "omschrijving", "beschrijving",
        "verslag", "bijzonderheden", "memo", "comments", "comment", "remarks", "description", "details", "verloop",
        "aantekeningen", "vrije tekst", "free text", "situatie", "situatieschets", "actie", "acties", "afspraken",
    ].map(Folded.words)

    /// Label synonyms per code, per vocabulary (the codes' own Dutch and English labels and raw
    /// values are matched anyway).
    static func labels<C: Code>(_ type: C.Type) -> [C: [String]] {
        let raw: [String: [String]]
        switch C.fieldName {
        case Source.fieldName:
            raw = ["self": ["zelf", "inwoner", "eigen initiatief", "zelfmelder", "zelfmelding", "client zelf", "client", "self",
                            "self referral", "own initiative", "resident himself", "resident herself"],
                   "relative": ["familie", "familielid", "kind", "kinderen", "dochter", "zoon", "partner", "mantelzorger",
                                "family", "family member", "daughter", "son", "relatives"],
                   "neighbour": ["buren", "buurman", "buurvrouw", "buur", "buurtbewoner", "neighbor", "neighbours", "neighbors"],
                   "volunteer": ["vrijwilligers", "vrijwilligster", "volunteers"],
                   "gp": ["ha", "poh", "praktijkondersteuner", "huisartsenpraktijk", "doctor", "general practitioner", "dokter"],
                   "district_nurse": ["wijkverpleegkundige", "wijkzuster", "thuiszorg", "community nurse", "nurse"],
                   "municipality": ["wmo", "wmo loket", "loket", "council", "local authority"],
                   "social_team": ["sociaal wijkteam", "wijkteam", "social worker team"],
                   "welfare": ["welzijn", "welzijnsorganisatie", "welfare organisation", "social work"],
                   "other": ["overig", "overige", "misc", "iets anders"]]
        case Channel.fieldName:
            raw = ["phone": ["telefonisch", "tel", "gebeld", "bellen", "phone call", "telephone", "call", "by phone"],
                   "message": ["app", "whatsapp", "sms", "appje", "text", "text message", "sms app"],
                   "email": ["mail", "e mail", "per mail", "by email"],
                   "home_visit": ["thuis", "bezoek thuis", "op huisbezoek", "visit at home"],
                   "office_hours": ["inloop", "inloopspreekuur", "spreekuur dorpshuis", "drop in", "surgery"],
                   "in_person": ["persoonlijk", "face to face", "op straat", "aangesproken", "ontmoeting"],
                   "social_media": ["facebook", "instagram"],
                   "other": ["overig", "overige", "misc"]]
        case Theme.fieldName:
            raw = ["loneliness": ["eenzaam", "alleen", "lonely", "sociale contacten", "social contact", "isolation"],
                   "housing": ["woning", "huisvesting", "woonsituatie", "home", "accommodation"],
                   "transport": ["rijden", "vervoer ziekenhuis", "lift", "lifts", "travel", "transportation"],
                   "household": ["huishoudelijk", "huishoudelijke hulp", "huish hulp", "schoonmaak", "housework", "cleaning",
                                 "household tasks"],
                   "health_care": ["gezondheid", "zorg", "zorg en gezondheid", "medisch", "health", "care", "medical",
                                   "health care"],
                   "caregiver_support": ["mantelzorg", "mantelzorger", "ondersteuning mantelzorg", "carer support", "carers",
                                         "informal care", "caregiving"],
                   "finance_admin": ["geldzaken", "financien", "financieel", "administratie", "geld", "formulieren", "post",
                                     "finances", "finance", "money", "paperwork", "admin", "administration", "benefits"],
                   "digital": ["digitaal", "computer", "digid", "internet", "digital help", "online", "it"],
                   "meaning": ["zin", "levensvragen", "rouw", "bereavement", "spiritual", "purpose"],
                   "participation": ["participatie", "activiteiten", "vrije tijd", "vrijetijd", "ontmoeting", "activities",
                                     "social activities", "taking part"],
                   "safety": ["onveilig", "veilig", "security", "unsafe"],
                   "other": ["overig", "overige", "misc", "miscellaneous", "diversen"]]
        case Resolution.fieldName:
            raw = ["informal": ["informeel", "vrijwilliger", "vrijwilligers", "volunteer help", "informal support"],
                   "collective": ["collectief", "groepsactiviteit", "groepsaanbod", "group activity", "community provision"],
                   "referred_formal": ["doorverwezen", "doorverwijzing", "formele zorg", "verwezen", "referred", "referral",
                                       "signposted", "referred on"],
                   "advice": ["advies", "informatie", "info", "information", "advice and information", "advice given"],
                   "self_solved": ["zelf", "eigen kracht", "opgelost door inwoner", "self solved", "resolved by resident",
                                   "solved by resident", "self"],
                   "none": ["niets", "geen hulp", "nvt", "n v t", "no action", "nothing"]]
        case Referral.fieldName:
            raw = ["gp": ["ha", "doctor", "general practitioner", "poh", "huisartsenpraktijk"],
                   "district_nurse": ["wijkverpleegkundige", "thuiszorg", "community nurse"],
                   "wmo": ["wmo loket", "gemeente", "wmo consulent", "council", "local authority"],
                   "mental_health": ["geestelijke gezondheidszorg", "psycholoog", "mental health", "mental health services"],
                   "social_team": ["wijkteam", "sociaal wijkteam"],
                   "welfare": ["welzijn", "welfare organisation"],
                   "debt_help": ["schuldhulpverlening", "schuldhulpmaatje", "debt advice", "debt help"],
                   "housing_corp": ["woningbouw", "woningbouwvereniging", "corporatie", "housing association"],
                   "other": ["overig", "overige", "misc"]]
        case Risk.fieldName:
            raw = ["psychiatric_readmission": ["heropname", "ggz opname", "psychiatrische opname", "readmission"],
                   "nursing_home_admission": ["verpleeghuis", "verpleeghuisopname", "opname", "nursing home", "care home"],
                   "caregiver_overload": ["overbelasting mantelzorger", "mantelzorger overbelast", "overbelasting",
                                          "caregiver overload", "carer strain", "carer breakdown"],
                   "isolation": ["isolement", "vereenzaming", "eenzaamheid", "isolation", "lonely"],
                   "fall": ["vallen", "valrisico", "valgevaar", "falls", "fall risk"],
                   "debt": ["schuld", "betalingsachterstand", "debts", "arrears"],
                   "wmo_household_help": ["huishoudelijke hulp", "hh", "wmo hh", "home help"],
                   "frequent_gp_use": ["veel huisartsbezoek", "vaak naar huisarts", "frequent gp visits", "gp visits"]]
        case TaskKind.fieldName:
            raw = ["transport": ["rijden", "autorit", "rit", "lift", "driving"],
                   "shopping": ["boodschap", "winkelen", "groceries"],
                   "visit": ["bezoekje", "huisbezoek", "gezelschap", "visiting", "befriending", "company"],
                   "odd_jobs": ["klus", "klussen", "kleine klussen", "jobs", "diy", "handyman"],
                   "garden": ["tuinieren", "tuinonderhoud", "tuinwerk", "gardening"],
                   "paperwork": ["formulieren", "post", "papierwerk", "forms", "admin"],
                   "digital_help": ["computerhulp", "computer", "tablet", "digid", "it help", "computer help"],
                   "phone_round": ["bellen", "telefooncirkel", "belcirkel", "phone call", "calls", "telephone round"],
                   "meals": ["maaltijd", "koken", "eten", "meal", "cooking"],
                   "accompany": ["begeleiden", "meegaan", "mee naar", "accompany", "escort"],
                   "personal_care": ["verzorging", "wassen", "aankleden", "washing"],
                   "other": ["overig", "overige", "misc"]]
        default:
            raw = [:]
        }
        var result: [C: [String]] = [:]
        for (code, words) in raw { if let c = C(rawValue: code) { result[c] = words.map(Folded.key) } }
        return result
    }

    /// Labels that mean yes or no in a collective column, beyond what `BooleanParser` reads.
    static let yes: Set<String> = ["ja", "j", "x", "1", "true", "yes", "y", "waar", "wel", "collectief", "ja collectief",
                                   "groep", "gezamenlijk", "collective"]
    static let no: Set<String> = ["nee", "n", "0", "false", "no", "onwaar", "niet", "individueel", "individual", "nee individueel"]
}
