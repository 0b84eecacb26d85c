import NoaberMetrics
import NoaberModel

/// A village page's data quality as a to-do list: each item says in words whether there is
/// something to do ("Te doen") or not ("In orde"), about everything the village sent so far, not
/// only the report's period: how old its latest export is, the rows its exports had rejected
/// (file, line, its own column header, the reason), the fields most often left empty, cases a
/// newer export no longer listed, and dates or duplicates to check.
///
/// The data-quality rows describe the registration, not residents, and are never suppressed
/// (docs/disclosure.md); the rejected rows are shown by file, line, column and reason only.
extension ReportComposer {
    /// Days after which an export is old: the age at which `noaber doctor` warns.
    static let staleExportDays = 90
    /// The most rejected rows listed on the page; all of them go to `tables/rejected-rows.csv`.
    static let rejectedRowsShown = 3
    /// A field is "often left empty" below this completeness (%).
    static let completenessWanted = 95.0

    /// Fields whose emptiness is a gap in the registration. Left out on purpose: `person_id`
    /// (anonymous requests are allowed), `closed`, `first_contact` and `resolution` (empty while
    /// a request is open).
    static let registrationFields: [(field: String, nl: String, en: String)] = [
        ("age_band", "leeftijd", "age"), ("source", "wie het signaleerde", "who signalled it"),
        ("channel", "hoe het binnenkwam", "how it came in"), ("themes", "thema", "theme"),
        ("support_minutes", "bestede minuten", "minutes spent"),
    ]

    private struct ToDo {
        let open: Bool
        /// Already escaped HTML.
        let html: String
    }

    mutating func villageToDoSection(_ village: Village, feedback: VillageFeedback?) {
        heading(2, pick("Registratie: wat er te doen is", "Registration: what to do"))
        let sent = villageCoverage(village).casesEnd != nil
        var items = [exportItem(village)]
        if let tasks = taskExportItem(village) { items.append(tasks) }
        if let rejected = rejectedItem(village, feedback: feedback) { items.append(rejected) }
        if sent {
            items.append(emptyFieldsItem(village))
            items.append(vanishedItem(village, feedback: feedback))
            if let checks = checksItem(village) { items.append(checks) }
        }
        paragraph(pick("Hoe vollediger de registratie, hoe beter de cijfers laten zien wat jullie doen. Dit gaat over alles wat \(village.name) tot nu toe aanleverde.",
                       "The more complete the registration, the better the figures show what you do. This is about everything \(village.name) has sent so far."))
        raw("<ul class=\"todo\">\n" + items.map { item in
            let status = item.open ? pick("Te doen:", "To do:") : pick("In orde:", "OK:")
            return "<li class=\"\(item.open ? "open" : "done")\"><strong>\(HTML.text(status))</strong> \(item.html)</li>\n"
        }.joined() + "</ul>\n")
        if let lines = feedback?.rejected, !lines.isEmpty { rejectedRowsFile(lines) }
    }

    private func status(_ open: Bool, _ text: String) -> ToDo { ToDo(open: open, html: HTML.text(text)) }

    /// The age of the latest case export, against the period and `staleExportDays`.
    private func exportItem(_ village: Village) -> ToDo {
        let c = villageCoverage(village), name = village.name
        guard let latest = c.casesEnd else {
            let since = village.registrationStart.map {
                pick(" Volgens het dorpenbestand registreert \(name) sinds \(dates.date($0)).", " According to the villages file \(name) has been registering since \(dates.date($0)).")
            } ?? ""
            return status(true, pick("stuur de eerste export van de registratie (de hulpvragen). Zonder export heeft \(name) nog geen cijfers.",
                                     "send the first export of the registration (the requests). Without an export \(name) has no figures yet.") + since)
        }
        let age = data.row(village.code, "all", .daysSinceLatestExport)?.value.map { Int($0) }
        let ago = age.map { pick(", \(format.integer($0)) dagen voor de datum van dit overzicht", ", \(format.integer($0)) days before the date of this overview") } ?? ""
        if latest < data.current.start {
            return status(true, pick("stuur een nieuwe export. De laatste is van \(dates.date(latest))\(ago); wat daarna is geregistreerd telt nog niet mee, dus over \(periodName(data.current)) zijn er nog geen cijfers.",
                                     "send a new export. The latest is from \(dates.date(latest))\(ago); what was registered after it is not counted yet, so there are no figures for \(periodName(data.current)) yet."))
        }
        if latest < data.current.end {
            return status(true, pick("stuur een nieuwe export. De laatste is van \(dates.date(latest))\(ago); wat daarna is geregistreerd telt nog niet mee, dus de cijfers over \(periodName(data.current)) lopen maar tot die dag.",
                                     "send a new export. The latest is from \(dates.date(latest))\(ago); what was registered after it is not counted yet, so the figures for \(periodName(data.current)) only run until that day."))
        }
        if let age, age > Self.staleExportDays {
            return status(true, pick("stuur een nieuwe export: de laatste is van \(dates.date(latest)), \(format.integer(age)) dagen geleden.",
                                     "send a new export: the latest is from \(dates.date(latest)), \(format.integer(age)) days ago."))
        }
        return status(false, pick("de laatste export is van \(dates.date(latest))\(ago), en dekt de hele periode.",
                                  "the latest export is from \(dates.date(latest))\(ago) and covers the whole period."))
    }

    /// Only when the volunteer tasks are missing or end before the period does.
    private func taskExportItem(_ village: Village) -> ToDo? {
        let c = villageCoverage(village)
        guard c.casesEnd != nil else { return nil }
        guard let tasks = c.tasksEnd else {
            return status(true, pick("stuur ook een export van de vrijwilligerstaken; zonder die export zijn er geen cijfers over vrijwilligers.",
                                     "send an export of the volunteer tasks too; without it there are no figures about volunteers."))
        }
        guard tasks < data.current.end else { return nil }
        if tasks < data.current.start {
            return status(true, pick("stuur een nieuwe export van de vrijwilligerstaken: de laatste is van \(dates.date(tasks)), dus over \(periodName(data.current)) zijn er nog geen cijfers over vrijwilligers.",
                                     "send a new export of the volunteer tasks: the latest is from \(dates.date(tasks)), so there are no figures about volunteers for \(periodName(data.current)) yet."))
        }
        return status(true, pick("stuur een nieuwe export van de vrijwilligerstaken: de laatste is van \(dates.date(tasks)), dus de vrijwilligers tellen over \(periodName(data.current)) nog niet helemaal mee.",
                                 "send a new export of the volunteer tasks: the latest is from \(dates.date(tasks)), so the volunteers do not yet count for the whole of \(periodName(data.current))."))
    }

    /// The rows the exports had rejected, as the store lists them (`feedback`), else the counts.
    private func rejectedItem(_ village: Village, feedback: VillageFeedback?) -> ToDo? {
        if let lines = feedback?.rejected {
            guard !lines.isEmpty else {
                guard villageCoverage(village).casesEnd != nil else { return nil }
                return status(false, pick("alle rijen uit jullie exports zijn ingelezen; er is niets afgekeurd.",
                                          "every row of your exports was read; nothing was rejected."))
            }
            let n = lines.count
            var html = HTML.text(pick("\(format.integer(n)) \(n == 1 ? "rij is" : "rijen zijn") afgekeurd en \(n == 1 ? "telt" : "tellen") niet mee. Verbeter ze in jullie eigen bestand en stuur het opnieuw:",
                                      "\(format.integer(n)) \(n == 1 ? "row was" : "rows were") rejected and \(n == 1 ? "does" : "do") not count. Correct them in your own file and send it again:"))
            html += "\n<ul>\n"
            // Rows rejected for the same reason in the same column are one thing to fix: one line.
            let groups = Self.rejectedGroups(lines)
            var lastFile = ""
            for group in groups.prefix(Self.rejectedRowsShown) {
                let file = group.file == lastFile ? "" : group.file + ", "
                lastFile = group.file
                let column = group.column.isEmpty ? pick("de hele rij", "the whole row") : pick("kolom ‘\(group.column)’", "column ‘\(group.column)’")
                html += "<li>" + HTML.text("\(file)\(lineList(group.lines)), \(column): \(group.reason)") + "</li>\n"
            }
            html += "</ul>\n"
            // Reasons of imports before schema version 6 exist only in the language those ran in.
            if lines.contains(where: \.reasonMayBeInAnotherLanguage) {
                html += HTML.text(pick("Redenen van oudere imports staan er in de taal waarin die import draaide. ",
                                       "Reasons of older imports are given in the language that import ran in. "))
            }
            let shown = groups.prefix(Self.rejectedRowsShown).map(\.lines.count).reduce(0, +)
            html += HTML.text(shown < n || groups.contains(where: { $0.lines.count > Self.lineNumbersShown })
                ? pick("Alle \(format.integer(n)) staan in \(tablePath("rejected-rows")).", "All \(format.integer(n)) are in \(tablePath("rejected-rows")).")
                : pick("Ook in \(tablePath("rejected-rows")).", "Also in \(tablePath("rejected-rows"))."))
            return ToDo(open: true, html: html)
        }
        guard let rejected = data.row(village.code, "all", .rowsRejected)?.value.map({ Int($0) }) else { return nil }
        guard rejected > 0 else {
            return status(false, pick("alle rijen uit jullie exports van hulpvragen zijn ingelezen; er is niets afgekeurd.",
                                      "every row of your exports of requests was read; nothing was rejected."))
        }
        return status(true, pick("\(format.integer(rejected)) \(rejected == 1 ? "rij" : "rijen") uit jullie exports van hulpvragen \(rejected == 1 ? "is" : "zijn") afgekeurd en \(rejected == 1 ? "telt" : "tellen") niet mee. Welke, met regel, kolom en reden: noaber rejected --for-village \(village.code).",
                                 "\(format.integer(rejected)) \(rejected == 1 ? "row" : "rows") of your exports of requests \(rejected == 1 ? "was" : "were") rejected and \(rejected == 1 ? "does" : "do") not count. Which, with line, column and reason: noaber rejected --for-village \(village.code)."))
    }

    /// The most exports the vanished-cases item names (the latest); earlier ones are summed up.
    static let vanishedExportsShown = 2
    /// The most line numbers one group of rejected rows lists on the page.
    static let lineNumbersShown = 5

    /// Rejected rows grouped by file, column and reason, in the order their first row comes.
    static func rejectedGroups(_ lines: [VillageFeedback.RejectedLine]) -> [(file: String, column: String, reason: String, lines: [Int])] {
        var groups: [(file: String, column: String, reason: String, lines: [Int])] = []
        var position: [[String]: Int] = [:]
        for line in lines {
            let key = [line.file, line.column, line.reason]
            if let i = position[key] {
                groups[i].lines.append(line.line)
            } else {
                position[key] = groups.count
                groups.append((line.file, line.column, line.reason, [line.line]))
            }
        }
        return groups
    }

    /// "regel 72", "regels 2, 3 en 4", "regels 2, 3, 4, 5, 6 en nog 12".
    private func lineList(_ numbers: [Int]) -> String {
        let shown = numbers.prefix(Self.lineNumbersShown).map { format.integer($0) }
        guard numbers.count > 1 else { return pick("regel ", "line ") + (shown.first ?? "") }
        let more = numbers.count - shown.count
        let listed = more > 0 ? shown.joined(separator: ", ") + pick(" en nog \(format.integer(more))", " and \(format.integer(more)) more")
                              : list(shown)
        return pick("regels ", "lines ") + listed
    }

    /// `tables/rejected-rows.csv`: every rejected row by file, line, column and reason.
    private mutating func rejectedRowsFile(_ lines: [VillageFeedback.RejectedLine]) {
        let table = ReportTable(name: reserveName("rejected-rows"), caption: pick("Afgekeurde rijen", "Rejected rows"),
                                columns: [TableColumn(pick("Bestand", "File"), csv: "file"), TableColumn(pick("Regel", "Line"), csv: "line"),
                                          TableColumn(pick("Kolom", "Column"), csv: "column"), TableColumn(pick("Reden", "Reason"), csv: "reason")],
                                rows: lines.map { [.text($0.file), .number(Double($0.line), digits: 0), .text($0.column), .text($0.reason)] })
        tableFile(table)
    }

    /// The registration fields most often left empty, over every stored request.
    private func emptyFieldsItem(_ village: Village) -> ToDo {
        let empty: [(name: String, pct: Double)] = Self.registrationFields.compactMap { f in
            guard let filled = data.row(village.code, "all", MetricID(.completenessPct, f.field))?.value,
                  filled < Self.completenessWanted else { return nil }
            return (pick(f.nl, f.en), 100 - filled)
        }.sorted { $0.pct > $1.pct }
        let stored = data.row(village.code, "all", MetricID(.completenessPct, "age_band"))?.n ?? 0
        guard !empty.isEmpty else {
            let all = list(Self.registrationFields.map { pick($0.nl, $0.en) })
            return status(false, pick("\(all) zijn bijna altijd ingevuld (bij minstens \(format.decimal(Self.completenessWanted))% van de \(format.integer(stored)) hulpvragen).",
                                      "\(all) are almost always filled in (in at least \(format.decimal(Self.completenessWanted))% of the \(format.integer(stored)) requests)."))
        }
        let parts = empty.prefix(3).map { "\($0.name) (\(pick("leeg bij", "empty in")) \(format.decimal($0.pct))%)" }
        return status(true, pick("vul deze velden vaker in: \(list(parts)), van alle \(format.integer(stored)) hulpvragen. Een hulpvraag zonder zo’n veld telt bij dat onderdeel niet mee.",
                                 "fill in these fields more often: \(list(parts)), of all \(format.integer(stored)) requests. A request without such a field does not count for that part."))
    }

    /// Cases that a newer full export no longer listed.
    private func vanishedItem(_ village: Village, feedback: VillageFeedback?) -> ToDo {
        // The store's list when there is one (it names the exports), else the quality row.
        let groups = feedback?.vanished ?? []
        let count = groups.isEmpty ? Int(data.row(village.code, "all", .casesVanished)?.value ?? 0) : groups.map(\.cases).reduce(0, +)
        guard count > 0 else {
            return status(false, pick("er zijn geen hulpvragen verdwenen: elke nieuwere export bevatte de hulpvragen van de vorige.",
                                      "no requests vanished: every newer export listed the requests of the one before."))
        }
        let advice = pick(" Zijn ze per ongeluk weggehaald? Zet ze dan terug; tot die tijd telt een open hulpvraag alleen mee tot de laatste export waarin hij stond.",
                          " Were they removed by mistake? Then put them back; until then an open request only counts until the last export that listed it.")
        guard !groups.isEmpty else {
            return status(true, pick("\(format.integer(count)) hulpvragen stonden in een eerdere export, maar niet meer in een nieuwere.",
                                     "\(format.integer(count)) requests were in an earlier export but no longer in a newer one.") + advice)
        }
        // The latest exports that left cases out; an older one is usually fixed already.
        let listed = groups.suffix(Self.vanishedExportsShown)
        var parts = listed.map { g in
            let open = g.open == 0 ? pick("geen nog open", "none still open")
                                   : pick("waarvan \(format.integer(g.open)) nog open", "\(format.integer(g.open)) of them still open")
            return pick("\(format.integer(g.cases)) niet meer in \(g.file) van \(dates.date(g.asOf)) (\(open))",
                        "\(format.integer(g.cases)) no longer in \(g.file) of \(dates.date(g.asOf)) (\(open))")
        }
        if groups.count > listed.count {
            let earlier = groups.dropLast(listed.count).map(\.cases).reduce(0, +)
            parts.insert(pick("\(format.integer(earlier)) bij \(format.integer(groups.count - listed.count)) eerdere exports",
                              "\(format.integer(earlier)) at \(format.integer(groups.count - listed.count)) earlier exports"), at: 0)
        }
        return status(true, pick("hulpvragen uit een eerdere export ontbreken in een nieuwere: \(list(parts)).",
                                 "requests from an earlier export are missing from a newer one: \(list(parts)).") + advice)
    }

    /// Dates after the export and apparent duplicates: only when there are any.
    private func checksItem(_ village: Village) -> ToDo? {
        func count(_ metric: Metric) -> Int { Int(data.row(village.code, "all", metric)?.value ?? 0) }
        var parts: [String] = []
        let future = count(.datesInFuture), duplicates = count(.duplicateCases), order = count(.datesOutOfOrder)
        if future > 0 {
            parts.append(pick("\(format.integer(future)) met een datum na de dag van de export", "\(format.integer(future)) with a date after the day of the export"))
        }
        if order > 0 {
            parts.append(pick("\(format.integer(order)) waarin contact of afsluiting vóór de binnenkomst ligt", "\(format.integer(order)) where contact or closure lies before the request came in"))
        }
        if duplicates > 0 {
            parts.append(pick("\(format.integer(duplicates)) die dubbel \(duplicates == 1 ? "lijkt" : "lijken") (zelfde inwoner, dag en thema’s)",
                              "\(format.integer(duplicates)) that \(duplicates == 1 ? "looks like a duplicate" : "look like duplicates") (same resident, day and themes)"))
        }
        guard !parts.isEmpty else { return nil }
        return status(true, pick("kijk deze hulpvragen na: \(list(parts)).", "check these requests: \(list(parts))."))
    }
}
