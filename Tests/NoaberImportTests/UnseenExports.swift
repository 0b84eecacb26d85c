import Foundation
import NoaberModel
import NoaberXLSX
@testable import NoaberImport

/// Exports noaber's code has never seen, written here for `ProfileDraftTests`: other header
/// wordings, abbreviations, English, mixed case, other value labels, other separators and date
/// styles, identifiers by header and by content only, free text, title rows and totals rows.
///
/// Every export carries its truth — which field each column is (or that it must be dropped, or
/// means nothing to noaber) and which code each of its own labels means — so a test can score a
/// drafted profile and fill in its `"?"` as a person would.
struct UnseenExport {
    enum Truth: Equatable {
        case field(String)
        /// A direct identifier or free text: must be dropped.
        case drop
        /// No canonical meaning: anything but a mapping is right.
        case none
    }

    enum Format {
        case csv(delimiter: String, windows1252: Bool, byteOrderMark: Bool)
        /// Rows above the header (a title, an export date, an empty row).
        case xlsx(title: [String])
    }

    enum Cell {
        case text(String)
        case date(CivilDate)
        case number(Double)
        case empty
    }

    struct Column {
        let header: String
        let truth: Truth
        let value: (SyntheticCase) -> Cell
    }

    let name: String
    let kind: RecordKind
    let format: Format
    let columns: [Column]
    /// field → own label → code: how a person fills in a `"?"` label.
    let labelTruth: [String: [String: String]]
    var rows: [SyntheticCase]
    /// A totals row under the data (workbooks).
    var totalsRow = false

    var isWorkbook: Bool { if case .xlsx = format { true } else { false } }

    /// Writes the export and returns its path.
    func write(into folder: String) throws -> String {
        switch format {
        case .csv(let delimiter, let windows1252, let bom):
            var text = ""
            func line(_ cells: [String]) {
                text += cells.map { cell in
                    cell.contains(delimiter) || cell.contains("\"") || cell.contains("\n")
                        ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
                }.joined(separator: delimiter) + "\r\n"
            }
            line(columns.map(\.header))
            for row in rows {
                line(columns.map { column in
                    switch column.value(row) {
                    case .text(let t): return t
                    case .date(let d): return "\(d.day)-\(d.month)-\(d.year)"
                    case .number(let n): return n == n.rounded() ? String(Int(n)) : String(n).replacingOccurrences(of: ".", with: ",")
                    case .empty: return ""
                    }
                })
            }
            var bytes: [UInt8] = bom ? [0xEF, 0xBB, 0xBF] : []
            if windows1252 {
                for scalar in text.unicodeScalars { bytes.append(scalar.value < 256 ? UInt8(scalar.value) : 0x3F) }
            } else {
                bytes += Array(text.utf8)
            }
            let path = folder + "/" + name + ".csv"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return path
        case .xlsx(let title):
            var sheet = XLSXWriter.Sheet(name: "Registratie")
            sheet.rows = title.map { $0.isEmpty ? [] : [.text($0, .title)] }
            sheet.rows.append(columns.map { .text($0.header, .header) })
            for row in rows {
                sheet.rows.append(columns.map { column in
                    switch column.value(row) {
                    case .text(let t): return .text(t)
                    case .date(let d): return .number(XLSXWriter.serial(year: d.year, month: d.month, day: d.day), .date)
                    case .number(let n): return .number(n)
                    case .empty: return .empty
                    }
                })
            }
            if totalsRow {
                let first = title.count + 2, last = title.count + 1 + rows.count
                sheet.rows.append([.text("Totaal", .bold), .formula("COUNTA(A\(first):A\(last))", cached: Double(rows.count))])
            }
            let path = folder + "/" + name + ".xlsx"
            try Data(try XLSXWriter(sheets: [sheet]).bytes()).write(to: URL(fileURLWithPath: path))
            return path
        }
    }
}

/// One case (or task) in noaber's terms, drawn by a seeded generator; an export renders it in its
/// own words.
struct SyntheticCase {
    var number: Int
    var person: Int?
    var ageBand: AgeBand
    var age: Int
    var received: CivilDate
    var firstContact: CivilDate?
    var closed: CivilDate?
    var source: Source
    var channel: Channel
    var themes: [Theme]
    var collective: Bool
    var resolution: Resolution?
    var referredTo: [Referral]
    var risks: [Risk]
    var escalatedTo: [Risk]
    var minutes: Int
    // Tasks
    var volunteer: Int
    var hours: Double
    var task: TaskKind
    var linkedCase: Int?

    static func draw(count: Int, seed: UInt64) -> [SyntheticCase] {
        var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(max(n, 1)))
        }
        func pick<T>(_ values: [T]) -> T { values[next(values.count)] }
        func some<T: Equatable>(_ values: [T], max: Int) -> [T] {
            var out: [T] = []
            for _ in 0..<(1 + next(max)) { let v = pick(values); if !out.contains(v) { out.append(v) } }
            return out
        }
        let start = CivilDate(year: 2024, month: 1, day: 2) ?? CivilDate(dayNumber: 0)
        return (0..<count).map { i in
            let received = CivilDate(dayNumber: start.dayNumber + next(330))
            let contact = next(10) < 9 ? CivilDate(dayNumber: received.dayNumber + next(4)) : nil
            let closed = contact != nil && next(10) < 8 ? CivilDate(dayNumber: (contact?.dayNumber ?? 0) + 1 + next(40)) : nil
            let risks = next(10) < 3 ? some(Risk.allCases, max: 2) : []
            let band = pick([AgeBand.from65to74, .from75to84, .from75to84, .over85, .adult, .under18])
            let age: Int
            switch band {
            case .under18: age = 12 + next(6)
            case .adult: age = 30 + next(35)
            case .from65to74: age = 65 + next(10)
            case .from75to84: age = 75 + next(10)
            case .over85: age = 85 + next(12)
            }
            return SyntheticCase(
                number: i + 1, person: next(10) < 9 ? 1 + next(count / 2 + 1) : nil, ageBand: band, age: age,
                received: received, firstContact: contact, closed: closed, source: pick(Source.allCases),
                channel: pick(Channel.allCases), themes: some(Theme.allCases, max: 3), collective: next(20) == 0,
                resolution: closed != nil ? pick(Resolution.allCases) : nil,
                referredTo: next(5) == 0 ? some(Referral.allCases, max: 2) : [], risks: risks,
                escalatedTo: risks.isEmpty || next(3) != 0 ? [] : [risks[0]], minutes: [15, 30, 45, 60, 90, 120, 180][next(7)],
                volunteer: 1 + next(12), hours: [0.5, 1, 1.5, 2, 2.5, 3, 4][next(7)], task: pick(TaskKind.allCases),
                linkedCase: next(10) < 7 ? 1 + next(count) : nil)
        }
    }
}

extension UnseenExport {
    /// Own labels for a vocabulary, as a dictionary code → label, and the truth the other way.
    static func labels<C: Code>(_ map: [C: String]) -> (render: (C) -> String, truth: [String: String]) {
        ({ map[$0] ?? $0.rawValue }, Dictionary(uniqueKeysWithValues: map.map { ($0.value, $0.key.rawValue) }))
    }

    static func names(_ n: Int) -> String {
        let first = ["Gerrit", "Hennie", "Bertha", "Wim", "Riek", "Johan", "Dinie", "Harm"]
        let last = ["Oude Egbrink", "Veldhuis", "Ten Dam", "Kuipers", "Morsink", "Schuurman"]
        return first[n % first.count] + " " + last[(n / 3) % last.count]
    }

    /// A Dutch municipality's own CSV: `;`, Windows-1252, d-m-yyyy, decimal comma, abbreviated
    /// headers, its own labels, several themes separated by `/`, a name and a phone column, notes.
    static func hofVanTwente() -> UnseenExport {
        let source = labels([Source.resident: "Inwoner", .relative: "Familie/mantelzorger", .neighbour: "Buurtbewoner",
                             .volunteer: "Vrijwilliger", .gp: "Huisarts/POH", .districtNurse: "Wijkverpleegkundige",
                             .municipality: "Gemeente (Wmo)", .socialTeam: "Sociaal wijkteam", .welfare: "Welzijn", .other: "Overig"])
        let channel = labels([Channel.phone: "Telefonisch", .message: "WhatsApp", .email: "Mail", .homeVisit: "Huisbezoek",
                              .officeHours: "Inloopspreekuur", .inPerson: "Persoonlijk", .socialMedia: "Facebook", .other: "Anders"])
        let themes = labels([Theme.loneliness: "Eenzaamheid", .housing: "Woning", .transport: "Vervoer", .household: "Boodschappen",
                             .healthCare: "Zorg", .caregiverSupport: "Mantelzorg", .financeAdmin: "Financiën", .digital: "Digitaal",
                             .meaning: "Zingeving", .participation: "Meedoen", .safety: "Veiligheid", .other: "Overig"])
        let resolution = labels([Resolution.informal: "Informele hulp geregeld", .collective: "Groepsaanbod",
                                 .referredFormal: "Doorverwezen", .advice: "Advies gegeven", .selfSolved: "Eigen kracht", .none: "Geen actie"])
        let referral = labels([Referral.gp: "Huisarts", .districtNurse: "Thuiszorg", .wmo: "Wmo-consulent", .mentalHealth: "GGZ",
                               .socialTeam: "Wijkteam", .welfare: "Welzijn", .debtHelp: "Schuldhulpverlening",
                               .housingCorp: "Woningcorporatie", .other: "Overig"])
        let risk = labels([Risk.psychiatricReadmission: "Heropname", .nursingHomeAdmission: "Verpleeghuis",
                           .caregiverOverload: "Overbelaste mantelzorger", .isolation: "Isolement", .fall: "Valrisico",
                           .debt: "Schulden", .wmoHouseholdHelp: "Huishoudelijke hulp", .frequentGPUse: "Vaak naar huisarts"])
        let age = labels([AgeBand.under18: "<18", .adult: "18-64", .from65to74: "65-74", .from75to84: "75-84", .over85: "85+"])
        func multi<C>(_ values: [C], _ render: (C) -> String) -> UnseenExport.Cell {
            values.isEmpty ? .empty : .text(values.map(render).joined(separator: "/"))
        }
        return UnseenExport(
            name: "hof-van-twente", kind: .cases, format: .csv(delimiter: ";", windows1252: true, byteOrderMark: false),
            columns: [
                Column(header: "Registratienr.", truth: .field("case_id")) { .text(String(format: "HvT-2024-%04d", $0.number)) },
                Column(header: "Kern", truth: .field("village")) { _ in .text("Saasveld") },
                Column(header: "Klantnr", truth: .field("person_id")) { c in c.person.map { .text(String(format: "K%04d", $0)) } ?? .empty },
                Column(header: "Naam cliënt", truth: .drop) { .text(names($0.number)) },
                Column(header: "Tel.", truth: .drop) { .text(String(format: "06-%08d", 20_000_000 + $0.number * 7919)) },
                Column(header: "Lft.", truth: .field("age_band")) { .text(age.render($0.ageBand)) },
                Column(header: "Aanmelddatum", truth: .field("received")) { .date($0.received) },
                Column(header: "1e contact", truth: .field("first_contact")) { c in c.firstContact.map { .date($0) } ?? .empty },
                Column(header: "Datum afgerond", truth: .field("closed")) { c in c.closed.map { .date($0) } ?? .empty },
                Column(header: "Aanmelder", truth: .field("source")) { .text(source.render($0.source)) },
                Column(header: "Contactwijze", truth: .field("channel")) { .text(channel.render($0.channel)) },
                Column(header: "Levensgebied", truth: .field("themes")) { multi($0.themes, themes.render) },
                Column(header: "Groepsvraag", truth: .field("collective")) { .text($0.collective ? "J" : "N") },
                Column(header: "Resultaat", truth: .field("resolution")) { c in c.resolution.map { .text(resolution.render($0)) } ?? .empty },
                Column(header: "Verwezen naar", truth: .field("referred_to")) { multi($0.referredTo, referral.render) },
                Column(header: "Risicofactoren", truth: .field("risks")) { multi($0.risks, risk.render) },
                Column(header: "Opgeschaald naar", truth: .field("escalated_to")) { multi($0.escalatedTo, risk.render) },
                Column(header: "Bestede tijd (min)", truth: .field("support_minutes")) { .number(Double($0.minutes)) },
                Column(header: "Opmerkingen", truth: .drop) { c in
                    .text(["Dochter belt namens moeder; graag terugbellen na vijf uur", "Heeft moeite met de trap naar boven, vraagt naar een traplift",
                           "Voelt zich sinds het overlijden van haar man erg alleen in huis", "Wil graag meedoen met de koffieochtend in het dorpshuis"][c.number % 4] + " (\(c.number))")
                },
            ],
            labelTruth: ["source": source.truth, "channel": channel.truth, "themes": themes.truth, "resolution": resolution.truth,
                         "referred_to": referral.truth, "risks": risk.truth, "escalated_to": risk.truth, "age_band": age.truth],
            rows: SyntheticCase.draw(count: 180, seed: 11))
    }

    /// An English village log kept in Excel: a title and an export date above the header, real
    /// date cells, age in years, `;` between several issues, a name, an e-mail and a status
    /// column, comments, and a totals row.
    static func englishLog() -> UnseenExport {
        let source = labels([Source.resident: "Self", .relative: "Family", .neighbour: "Neighbor", .volunteer: "Volunteer",
                             .gp: "GP", .districtNurse: "Community nurse", .municipality: "Council", .socialTeam: "Social team",
                             .welfare: "Welfare", .other: "Other"])
        let channel = labels([Channel.phone: "Phone call", .message: "Text message", .email: "Email", .homeVisit: "Home visit",
                              .officeHours: "Drop-in", .inPerson: "Face to face", .socialMedia: "Social media", .other: "Letter"])
        let themes = labels([Theme.loneliness: "Loneliness", .housing: "Housing", .transport: "Transport", .household: "Housework",
                             .healthCare: "Health", .caregiverSupport: "Carer support", .financeAdmin: "Money", .digital: "Digital",
                             .meaning: "Bereavement", .participation: "Activities", .safety: "Safety", .other: "Other"])
        let resolution = labels([Resolution.informal: "Informal support", .collective: "Group activity", .referredFormal: "Referred on",
                                 .advice: "Advice given", .selfSolved: "Resolved by resident", .none: "No action"])
        let referral = labels([Referral.gp: "GP", .districtNurse: "District nurse", .wmo: "Council", .mentalHealth: "Mental health",
                               .socialTeam: "Social team", .welfare: "Welfare", .debtHelp: "Debt advice",
                               .housingCorp: "Housing association", .other: "Other"])
        let risk = labels([Risk.psychiatricReadmission: "Readmission", .nursingHomeAdmission: "Care home", .caregiverOverload: "Carer strain",
                           .isolation: "Isolation", .fall: "Falls", .debt: "Debt", .wmoHouseholdHelp: "Home help",
                           .frequentGPUse: "Frequent GP visits"])
        func multi<C>(_ values: [C], _ render: (C) -> String) -> UnseenExport.Cell {
            values.isEmpty ? .empty : .text(values.map(render).joined(separator: "; "))
        }
        var export = UnseenExport(
            name: "english-log", kind: .cases, format: .xlsx(title: ["Village support log 2024", "Exported 15 January 2025", ""]),
            columns: [
                Column(header: "Ref No", truth: .field("case_id")) { .text(String(format: "VS-%04d", $0.number)) },
                Column(header: "Hamlet", truth: .field("village")) { _ in .text("Deurningen") },
                Column(header: "Client ID", truth: .field("person_id")) { c in c.person.map { .text("C\($0)") } ?? .empty },
                Column(header: "Client name", truth: .drop) { .text(names($0.number + 3)) },
                Column(header: "Email", truth: .drop) { .text("client\($0.number)@example.org") },
                Column(header: "Age", truth: .field("age")) { .number(Double($0.age)) },
                Column(header: "Date of request", truth: .field("received")) { .date($0.received) },
                Column(header: "Date first contacted", truth: .field("first_contact")) { c in c.firstContact.map { .date($0) } ?? .empty },
                Column(header: "Date resolved", truth: .field("closed")) { c in c.closed.map { .date($0) } ?? .empty },
                Column(header: "Referrer", truth: .field("source")) { .text(source.render($0.source)) },
                Column(header: "How contacted", truth: .field("channel")) { .text(channel.render($0.channel)) },
                Column(header: "Issues", truth: .field("themes")) { multi($0.themes, themes.render) },
                Column(header: "Community issue?", truth: .field("collective")) { .text($0.collective ? "Y" : "N") },
                Column(header: "Result", truth: .field("resolution")) { c in c.resolution.map { .text(resolution.render($0)) } ?? .empty },
                Column(header: "Signposted to", truth: .field("referred_to")) { multi($0.referredTo, referral.render) },
                Column(header: "Risk factors", truth: .field("risks")) { multi($0.risks, risk.render) },
                Column(header: "Escalated", truth: .field("escalated_to")) { multi($0.escalatedTo, risk.render) },
                Column(header: "Time spent (mins)", truth: .field("support_minutes")) { .number(Double($0.minutes)) },
                Column(header: "Status", truth: .none) { .text($0.closed == nil ? "Open" : "Closed") },
                Column(header: "Comments", truth: .drop) { c in
                    .text(["Lives alone since her husband died, would like company", "Needs a lift to the hospital every Tuesday morning",
                           "Struggles with the online forms for the council tax", "Garden is overgrown and the neighbours complain"][c.number % 4])
                },
            ],
            labelTruth: ["source": source.truth, "channel": channel.truth, "themes": themes.truth, "resolution": resolution.truth,
                         "referred_to": referral.truth, "risks": risk.truth, "escalated_to": risk.truth],
            rows: SyntheticCase.draw(count: 150, seed: 23))
        export.totalsRow = true
        return export
    }

    /// Volunteer tasks as a tab-separated UTF-8 file with a byte order mark: upper-case and
    /// abbreviated headers, hours with a decimal comma, the village's own task words.
    static func volunteerTasks() -> UnseenExport {
        let task = labels([TaskKind.transport: "VERVOER", .shopping: "Boodschappen", .visit: "Wandelen", .oddJobs: "Klussen",
                           .garden: "Tuinonderhoud", .paperwork: "Formulieren", .digitalHelp: "Computerhulp", .phoneRound: "Belcirkel",
                           .meals: "Maaltijd", .accompany: "Begeleiding", .personalCare: "Verzorging", .other: "Overig"])
        return UnseenExport(
            name: "vrijwilligers", kind: .tasks, format: .csv(delimiter: "\t", windows1252: false, byteOrderMark: true),
            columns: [
                Column(header: "VRIJW.NR", truth: .field("volunteer_id")) { .text(String(format: "VW-%02d", $0.volunteer)) },
                Column(header: "Naam vrijwilliger", truth: .drop) { .text(names($0.volunteer * 5)) },
                Column(header: "Dossier", truth: .field("case_id")) { c in c.linkedCase.map { .text(String(format: "D%04d", $0)) } ?? .empty },
                Column(header: "Datum inzet", truth: .field("date")) { .date($0.received) },
                Column(header: "Aantal uren", truth: .field("hours")) { .number($0.hours) },
                Column(header: "Soort hulp", truth: .field("task")) { .text(task.render($0.task)) },
                Column(header: "Telefoon vrijwilliger", truth: .drop) { .text(String(format: "0541-%06d", 100_000 + $0.volunteer * 37)) },
                Column(header: "KERN", truth: .field("village")) { _ in .text("Saasveld") },
            ],
            labelTruth: ["task": task.truth], rows: SyntheticCase.draw(count: 120, seed: 37))
    }

    /// A Dutch workbook whose identifiers show only in their values (BSNs under `Kenmerk`, names
    /// under `Contactpersoon`), with a postcode, numbered theme columns, age groups in words,
    /// mixed-case labels and free text under `Situatie`.
    static func dutchWorkbook() -> UnseenExport {
        let source = labels([Source.resident: "INWONER", .relative: "Kinderen", .neighbour: "buurman", .volunteer: "vrijwilligster",
                             .gp: "Huisartsenpraktijk", .districtNurse: "Thuiszorg", .municipality: "WMO-loket", .socialTeam: "Wijkteam",
                             .welfare: "Welzijnsorganisatie", .other: "overige"])
        let themes = labels([Theme.loneliness: "EENZAAMHEID", .housing: "Wonen", .transport: "vervoer", .household: "Huishoudelijke hulp",
                             .healthCare: "Gezondheid", .caregiverSupport: "Mantelzorg", .financeAdmin: "Geldzaken", .digital: "Computer",
                             .meaning: "Rouwverwerking", .participation: "Activiteiten", .safety: "Veiligheid", .other: "Overig"])
        let resolution = labels([Resolution.informal: "Informele Hulp", .collective: "Collectieve Voorziening",
                                 .referredFormal: "Doorverwezen naar formele zorg", .advice: "Advies en informatie",
                                 .selfSolved: "Zelf opgelost", .none: "Geen"])
        let age = labels([AgeBand.under18: "jonger dan 18", .adult: "18 tot 65", .from65to74: "65 t/m 74", .from75to84: "75 t/m 84",
                          .over85: "85 jaar of ouder"])
        let bsns = ["111222333", "123456782", "232262536", "301234564", "555667772"]
        return UnseenExport(
            name: "dorp-werkmap", kind: .cases, format: .xlsx(title: ["Hulpvragen dorpsondersteuning 2024"]),
            columns: [
                Column(header: "Volgnr", truth: .field("case_id")) { .text("\($0.number)") },
                Column(header: "Dorp", truth: .field("village")) { _ in .text("Saasveld") },
                Column(header: "Kenmerk", truth: .drop) { .text(bsns[$0.number % bsns.count]) },
                Column(header: "Contactpersoon", truth: .drop) { .text(names($0.number + 11)) },
                Column(header: "Postcode", truth: .drop) { _ in .text("7576 AB") },
                Column(header: "Leeftijdsgroep", truth: .field("age_band")) { .text(age.render($0.ageBand)) },
                Column(header: "Binnengekomen", truth: .field("received")) { .date($0.received) },
                Column(header: "Afgesloten op", truth: .field("closed")) { c in c.closed.map { .date($0) } ?? .empty },
                Column(header: "Melder", truth: .field("source")) { .text(source.render($0.source)) },
                Column(header: "Thema 1", truth: .field("themes")) { .text(themes.render($0.themes[0])) },
                Column(header: "Thema 2", truth: .field("themes")) { c in c.themes.count > 1 ? .text(themes.render(c.themes[1])) : .empty },
                Column(header: "Afhandeling", truth: .field("resolution")) { c in c.resolution.map { .text(resolution.render($0)) } ?? .empty },
                Column(header: "Tijdsbesteding", truth: .field("support_minutes")) { .number(Double($0.minutes)) },
                Column(header: "Situatie", truth: .drop) { c in
                    .text(["Mevrouw woont alleen en komt sinds de winter de deur niet meer uit", "Meneer zoekt iemand die hem naar de fysiotherapeut kan brengen",
                           "Zoon woont ver weg en maakt zich zorgen over de administratie", "Heeft hulp nodig bij het aanvragen van huishoudelijke hulp"][c.number % 4]
                          + ", gesprek \(c.number)")
                },
            ],
            labelTruth: ["source": source.truth, "themes": themes.truth, "resolution": resolution.truth, "age_band": age.truth],
            rows: SyntheticCase.draw(count: 140, seed: 41))
    }

    /// An export in terse English abbreviations with US dates (month first): headers the lexicon
    /// does not know, so the values have to speak.
    static func terseUS() -> UnseenExport {
        let source = labels([Source.resident: "self", .relative: "family", .neighbour: "neighbour", .volunteer: "volunteer", .gp: "GP",
                             .districtNurse: "district nurse", .municipality: "municipality", .socialTeam: "social team",
                             .welfare: "welfare work", .other: "other"])
        let channel = labels([Channel.phone: "phone", .message: "text", .email: "e-mail", .homeVisit: "home visit",
                              .officeHours: "office hours", .inPerson: "in person", .socialMedia: "social media", .other: "other"])
        let themes = labels([Theme.loneliness: "Loneliness", .housing: "Housing", .transport: "Transport", .household: "Household",
                             .healthCare: "Health and care", .caregiverSupport: "Caregiver support", .financeAdmin: "Finances",
                             .digital: "Digital skills", .meaning: "Meaning in life", .participation: "Participation",
                             .safety: "Safety", .other: "Other"])
        func us(_ d: CivilDate) -> UnseenExport.Cell { .text("\(d.month)/\(d.day)/\(d.year)") }
        return UnseenExport(
            name: "terse-us", kind: .cases, format: .csv(delimiter: ",", windows1252: false, byteOrderMark: false),
            columns: [
                Column(header: "Case #", truth: .field("case_id")) { .text("T-\($0.number)") },
                Column(header: "Recv'd", truth: .field("received")) { us($0.received) },
                Column(header: "1st Contact", truth: .field("first_contact")) { c in c.firstContact.map(us) ?? .empty },
                Column(header: "Done", truth: .field("closed")) { c in c.closed.map(us) ?? .empty },
                Column(header: "Src", truth: .field("source")) { .text(source.render($0.source)) },
                Column(header: "Chan.", truth: .field("channel")) { .text(channel.render($0.channel)) },
                Column(header: "Themes", truth: .field("themes")) { .text($0.themes.map(themes.render).joined(separator: "|")) },
                Column(header: "Mins", truth: .field("support_minutes")) { .number(Double($0.minutes)) },
            ],
            labelTruth: ["source": source.truth, "channel": channel.truth, "themes": themes.truth],
            rows: SyntheticCase.draw(count: 100, seed: 53))
    }

    /// Written after the lexicon, to be hard for it: question-like headers (`Wanneer gemeld`,
    /// `Wie meldde`, `Waarover`), a closing date whose header ends in `datum`, time in hours in a
    /// case export (noaber wants minutes: not to be mapped), `+` between themes, a place of
    /// residence and a mobile number. Its first-run score is what docs/profiles.md reports.
    static func questionHeaders() -> UnseenExport {
        func multi(_ values: [Theme]) -> UnseenExport.Cell { .text(values.map(\.dutchLabel).joined(separator: " + ")) }
        return UnseenExport(
            name: "vraagkoppen", kind: .cases, format: .csv(delimiter: ";", windows1252: false, byteOrderMark: false),
            columns: [
                Column(header: "Nummer melding", truth: .field("case_id")) { .text("M\($0.number)") },
                Column(header: "Kern", truth: .field("village")) { _ in .text("Deurningen") },
                Column(header: "Woonplaats", truth: .drop) { _ in .text("Deurningen") },
                Column(header: "Mobiel", truth: .drop) { .text(String(format: "06 %08d", 31_000_000 + $0.number * 131)) },
                Column(header: "Leeftijd", truth: .field("age")) { .number(Double($0.age)) },
                Column(header: "Wanneer gemeld", truth: .field("received")) { .date($0.received) },
                Column(header: "Eerste gesprek op", truth: .field("first_contact")) { c in c.firstContact.map { .date($0) } ?? .empty },
                Column(header: "Sluitdatum", truth: .field("closed")) { c in c.closed.map { .date($0) } ?? .empty },
                Column(header: "Wie meldde", truth: .field("source")) { .text($0.source.dutchLabel) },
                Column(header: "Hoe binnen", truth: .field("channel")) { .text($0.channel.dutchLabel) },
                Column(header: "Waarover", truth: .field("themes")) { multi($0.themes) },
                Column(header: "Uren besteed", truth: .none) { .number(Double($0.minutes) / 60) },
                Column(header: "Bijzonderheden", truth: .drop) { c in
                    .text(["Woont alleen, dochter in Enschede belt dagelijks", "Rijbewijs kwijt na val, zoekt vervoer naar de markt",
                           "Vraagt hulp bij formulieren van de gemeente", "Tuin groeit dicht, buren klagen"][c.number % 4])
                },
            ],
            labelTruth: [:], rows: SyntheticCase.draw(count: 120, seed: 67))
    }

    /// Time spent typed on a clock, as villages that register in Excel do: `Duur` as `1:30` (a
    /// support time: mapped, imported as 90 minutes) beside `Tijdstip` as `14:30` (a time of day:
    /// not a support time, left alone).
    static func clockTimes() -> UnseenExport {
        func clock(_ minutes: Int) -> UnseenExport.Cell { .text(String(format: "%d:%02d", minutes / 60, minutes % 60)) }
        return UnseenExport(
            name: "tijd-op-de-klok", kind: .cases, format: .csv(delimiter: ";", windows1252: false, byteOrderMark: false),
            columns: [
                Column(header: "Registratienr", truth: .field("case_id")) { .text("R-\($0.number)") },
                Column(header: "Datum melding", truth: .field("received")) { .date($0.received) },
                Column(header: "Tijdstip", truth: .none) { clock(8 * 60 + ($0.number * 35) % (9 * 60)) },
                Column(header: "Eerste contact", truth: .field("first_contact")) { c in c.firstContact.map { .date($0) } ?? .empty },
                Column(header: "Onderwerp", truth: .field("themes")) { .text($0.themes[0].dutchLabel) },
                Column(header: "Duur", truth: .field("support_minutes")) { clock($0.minutes) },
            ],
            labelTruth: [:], rows: SyntheticCase.draw(count: 90, seed: 71))
    }

    /// Volunteer hours on a clock (`1:30` for an hour and a half) under a bare `Tijd`.
    static func clockHours() -> UnseenExport {
        func clock(_ hours: Double) -> UnseenExport.Cell {
            let minutes = Int((hours * 60).rounded())
            return .text(String(format: "%d:%02d", minutes / 60, minutes % 60))
        }
        return UnseenExport(
            name: "uren-op-de-klok", kind: .tasks, format: .csv(delimiter: ",", windows1252: false, byteOrderMark: false),
            columns: [
                Column(header: "Vrijwilliger", truth: .field("volunteer_id")) { .text(String(format: "V%03d", $0.volunteer)) },
                Column(header: "Datum", truth: .field("date")) { .date($0.received) },
                Column(header: "Tijd", truth: .field("hours")) { clock($0.hours) },
                Column(header: "Taak", truth: .field("task")) { .text($0.task.dutchLabel) },
                Column(header: "Dorp", truth: .field("village")) { _ in .text("SAA") },
            ],
            labelTruth: [:], rows: SyntheticCase.draw(count: 80, seed: 73))
    }

    /// Time spent typed with its unit, half in minutes and half in hours (`45 min`, `1,5 uur`), ages
    /// with theirs (`82 jaar`), and dates with the month by name (`5 maart 2024`), as a long Excel
    /// date format writes them.
    static func unitsAndMonthNames() -> UnseenExport {
        let months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]
        func long(_ d: CivilDate) -> UnseenExport.Cell { .text("\(d.day) \(months[d.month - 1]) \(d.year)") }
        func spent(_ minutes: Int) -> UnseenExport.Cell {
            minutes % 60 == 0 || minutes % 90 == 0
                ? .text(String(format: "%g uur", Double(minutes) / 60).replacingOccurrences(of: ".", with: ","))
                : .text("\(minutes) min")
        }
        return UnseenExport(
            name: "eenheden-en-maanden", kind: .cases, format: .csv(delimiter: ";", windows1252: true, byteOrderMark: false),
            columns: [
                Column(header: "Registratienummer", truth: .field("case_id")) { .text("E\($0.number)") },
                Column(header: "Datum aanmelding", truth: .field("received")) { long($0.received) },
                Column(header: "Datum eerste contact", truth: .field("first_contact")) { c in c.firstContact.map(long) ?? .empty },
                Column(header: "Leeftijd", truth: .field("age")) { .text("\($0.age) jaar") },
                Column(header: "Onderwerp", truth: .field("themes")) { .text($0.themes[0].dutchLabel) },
                Column(header: "Tijdsduur", truth: .field("support_minutes")) { spent($0.minutes) },
            ],
            labelTruth: [:], rows: SyntheticCase.draw(count: 110, seed: 79))
    }

    static var all: [UnseenExport] {
        [hofVanTwente(), englishLog(), volunteerTasks(), dutchWorkbook(), terseUS(), questionHeaders(), clockTimes(), clockHours(),
         unitsAndMonthNames()]
    }
}
