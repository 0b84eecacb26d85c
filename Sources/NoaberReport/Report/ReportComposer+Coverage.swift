import NoaberMetrics
import NoaberModel

/// What the data behind the figures cover, said plainly: which villages have no data or only
/// part of the period, what is counted then, and why a comparison is or is not made.
extension ReportComposer {
    /// The villages counted in figures that grow with time (fully covered ones; with
    /// `--include-partial` the partly covered ones too).
    var countedVillages: [Village] {
        let s = data.currentCoverage
        let codes = Set((data.request.includePartial ? s.full + s.partial.map(\.village) : s.full).map(\.code))
        return villagesByName.filter { codes.contains($0.code) }
    }

    /// A list of names as Dutch or English writes it: "A", "A en B", "A, B en C".
    func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + pick(" en ", " and ") + (names.last ?? "")
    }

    /// The most villages a sentence names one by one; above it, it says how many and sends the
    /// reader to `tables/coverage-per-village.csv` (a raadsbrief over a hundred villages must not
    /// open with a page of names).
    static let namedVillagesLimit = 8

    /// "Saasveld en Weerselo", or "96 dorpen" above `namedVillagesLimit`.
    func names(_ villages: [Village]) -> String {
        villages.count <= Self.namedVillagesLimit ? list(villages.map(\.name).sorted())
            : pick("\(villages.count) dorpen", "\(villages.count) villages")
    }

    /// The sentences under the title about the data: how far they reach and, when not every
    /// village covers the whole period, who is left out of which figures and why. Villages in the
    /// same situation share a sentence.
    func coverageSentences() -> [String] {
        let s = data.currentCoverage
        var out: [String] = []
        let ends = villagesByName.compactMap { data.coverage[$0.code]?.casesEnd }
        if let lo = ends.min(), let hi = ends.max() {
            out.append(lo == hi
                ? pick("De gegevens komen uit exports van \(dates.date(lo)).", "The data come from exports made on \(dates.date(lo)).")
                : pick("De gegevens komen uit exports van \(dates.date(lo)) tot en met \(dates.date(hi)).",
                       "The data come from exports made between \(dates.date(lo)) and \(dates.date(hi))."))
        }
        guard !s.isComplete else {
            out.append(pick("Alle dorpen hebben gegevens over de hele periode.", "Every village has data for the whole period."))
            return out
        }
        let noExport = s.none.filter { data.coverage[$0.code]?.span(.cases) == nil }
        let outside = s.none.filter { data.coverage[$0.code]?.span(.cases) != nil }
        if !noExport.isEmpty {
            out.append(pick("\(names(noExport)) \(noExport.count == 1 ? "heeft" : "hebben") nog geen gegevens aangeleverd.",
                            "\(names(noExport)) \(noExport.count == 1 ? "has" : "have") not sent any data yet."))
        }
        if !outside.isEmpty {
            out.append(pick("Van \(names(outside)) zijn er geen gegevens over deze periode.",
                            "There are no data from \(names(outside)) for this period."))
        }
        // Partly covered villages, grouped by the day their data start (registering began during
        // the period) or end (their newest export is older than the period's end).
        let starting = Dictionary(grouping: s.partial.filter { $0.covered.lowerBound > data.current.start }, by: { $0.covered.lowerBound })
        for (from, group) in starting.sorted(by: { $0.key < $1.key }) {
            let pct = format.decimal(group.map(\.percent).reduce(0, +) / Double(group.count), fractionDigits: 0)
            let verb = group.count == 1 ? pick("registreert", "has been registering") : pick("registreren", "have been registering")
            out.append(pick("\(names(group.map(\.village))) \(verb) sinds \(dates.date(from)) (\(pct)% van de periode).",
                            "\(names(group.map(\.village))) \(verb) since \(dates.date(from)) (\(pct)% of the period)."))
        }
        let ending = Dictionary(grouping: s.partial.filter { $0.covered.lowerBound <= data.current.start }, by: { $0.covered.upperBound })
        for (to, group) in ending.sorted(by: { $0.key < $1.key }) {
            let pct = format.decimal(group.map(\.percent).reduce(0, +) / Double(group.count), fractionDigits: 0)
            out.append(pick("Van \(names(group.map(\.village))) lopen de gegevens tot \(dates.date(to)) (\(pct)% van de periode).",
                            "The data from \(names(group.map(\.village))) run until \(dates.date(to)) (\(pct)% of the period)."))
        }
        if data.villages.count > Self.namedVillagesLimit {
            out.append(pick("Per dorp staat dit in \(tablePath("coverage-per-village")).",
                            "Per village this is in \(tablePath("coverage-per-village"))."))
        }
        let counted = countedVillages
        if counted.isEmpty {
            out.append(pick("Geen enkel dorp heeft gegevens over de hele periode. Aantallen, bereik, vrijwilligers en kosten over de periode zijn daarom niet te geven; de reactietijden wel, over de hulpvragen van de dagen waarvoor gegevens zijn.",
                            "No village has data for the whole period. Counts, reach, volunteers and costs for the period can therefore not be given; response times can, over the requests of the days with data."))
        } else if data.request.includePartial {
            out.append(pick("Op verzoek tellen ook de dorpen mee waarvan de gegevens de periode maar deels dekken: hun aantallen beslaan minder dagen dan de periode, en de totalen dus ook.",
                            "On request, villages whose data cover only part of the period are counted too: their counts span fewer days than the period, and so do the totals."))
        } else {
            let which = counted.count <= Self.namedVillagesLimit ? " (\(list(counted.map(\.name))))" : ""
            out.append(pick("Aantallen, bereik, vrijwilligers en kosten gaan daarom over \(counted.count) van de \(data.villages.count) dorpen\(which), ook in de totalen en noemers; dorpen zonder volledige gegevens tellen daar niet mee, ook niet als nul. Reactietijden gaan over de hulpvragen van alle dagen waarvoor gegevens zijn.",
                            "Counts, reach, volunteers and costs therefore cover \(counted.count) of the \(data.villages.count) villages\(which), in totals and denominators too; villages without complete data are not counted there, not even as zero. Response times use the requests of every day with data."))
        }
        return out
    }

    /// `tables/coverage-per-village.csv`: per village, how its data cover the current period (the
    /// file the opening sentences point to when there are too many villages to name).
    mutating func coverageTableFile() {
        let rows: [[TableCell]] = villagesByName.map { v in
            let c = data.coverage[v.code] ?? .empty
            return [.text(v.name), .text(v.code), .text(c.start?.iso ?? ""), .text(c.startSource == .registrationStart ? "registration_start" : "earliest_record"),
                    .text(c.casesEnd?.iso ?? ""), .text(c.tasksEnd?.iso ?? ""),
                    .number(c.percent(data.current, .cases), digits: 1), .text(coverageCell(v))]
        }
        var t = ReportTable(name: reserveName("coverage-per-village"), caption: "",
                            columns: [TableColumn(pick("Dorp", "Village"), csv: "village"), TableColumn("Code", csv: "code"),
                                      TableColumn(pick("Begin", "Start"), csv: "coverage_start"),
                                      TableColumn(pick("Begin uit", "Start from"), csv: "start_from"),
                                      TableColumn(pick("Hulpvragen t/m", "Cases through"), csv: "cases_through"),
                                      TableColumn(pick("Taken t/m", "Tasks through"), csv: "tasks_through"),
                                      TableColumn(pick("Dekking (%)", "Coverage (%)"), csv: "coverage_pct"),
                                      TableColumn(pick("Gegevens over de periode", "Data for the period"), csv: "coverage")],
                            rows: rows)
        t.caption = pick("Dekking per dorp, \(periodName(data.current))", "Coverage per village, \(periodName(data.current))")
        tableFile(t)
    }

    /// Registration starts that the villages file does not give and that matter for this period
    /// (the estimated start falls after the period's first day).
    func estimatedStartSentence() -> String? {
        let affected = data.currentCoverage.startEstimated.filter { v in
            (data.coverage[v.code]?.start).map { $0 > data.current.start } ?? false
        }
        guard !affected.isEmpty else { return nil }
        let parts = affected.sorted { $0.name < $1.name }.compactMap { v in
            data.coverage[v.code]?.start.map { "\(v.name) (\(dates.date($0)))" }
        }
        return pick("Voor \(list(parts)) staat niet in het dorpenbestand wanneer de registratie begon; gerekend is vanaf de eerste hulpvraag.",
                    "For \(list(parts)) the villages file does not say when registration began; the first request is taken as the start.")
    }

    /// A short note for a chart or table of villages: who has no figure and why.
    func uncoveredNote() -> String {
        let s = data.currentCoverage
        var parts: [String] = []
        if !s.none.isEmpty {
            parts.append(pick("\(names(s.none)) (geen gegevens over de periode)", "\(names(s.none)) (no data for the period)"))
        }
        if !s.partial.isEmpty && !data.request.includePartial {
            parts.append(pick("\(names(s.partial.map(\.village))) (gegevens over een deel van de periode)",
                              "\(names(s.partial.map(\.village))) (data for part of the period)"))
        }
        guard !parts.isEmpty else { return "" }
        return " " + pick("Zonder cijfer: ", "No figure: ") + parts.joined(separator: "; ") + "."
    }

    /// How a village's data cover the current period, for a table cell.
    func coverageCell(_ village: Village) -> String {
        let c = data.coverage[village.code] ?? .empty
        switch c.level(data.current, .cases) {
        case .full: return pick("volledig", "complete")
        case .none: return c.span(.cases) == nil ? pick("nog geen gegevens", "no data yet") : pick("geen gegevens", "no data")
        case .partial:
            let pct = format.decimal(c.percent(data.current, .cases), fractionDigits: 0)
            let days = c.covered(data.current, .cases)
            if let days, days.upperBound < data.current.end.dayNumber {
                return pick("deels: t/m \(dates.date(CivilDate(dayNumber: days.upperBound))) (\(pct)%)",
                            "partly: to \(dates.date(CivilDate(dayNumber: days.upperBound))) (\(pct)%)")
            }
            return pick("deels (\(pct)%)", "partly (\(pct)%)")
        }
    }

    /// Why the previous period is not compared, or nil when it is.
    func noComparisonReason() -> String? {
        switch data.comparability {
        case .comparable: return nil
        case .noPreviousData:
            return pick("Over \(periodName(data.previous)) zijn er geen gegevens; een vergelijking is dus niet te maken.",
                        "There are no data for \(periodName(data.previous)), so no comparison can be made.")
        case .differentVillages(let missing):
            let names = self.names(missing)
            return pick("Geen vergelijking met \(periodName(data.previous)): niet dezelfde dorpen hebben over beide perioden volledige gegevens (het verschil zit bij \(names)). Een verschil in de cijfers zou dan ook kunnen komen doordat er andere dorpen meetellen.",
                        "No comparison with \(periodName(data.previous)): not the same villages have complete data for both periods (the difference is \(names)). A difference in the figures could then come from other villages being counted.")
        }
    }

    /// A note for a pooled trend whose periods do not all count the same villages.
    func trendCompositionNote() -> String {
        let counts = data.trend.compactMap { data.row(ReportData.pooledKey, $0.label, .villagesCovered)?.value }
        guard let lo = counts.min(), let hi = counts.max(), lo != hi else { return "" }
        return " " + pick("Niet elke periode telt dezelfde dorpen: het aantal dorpen met volledige gegevens loopt van \(format.decimal(lo, fractionDigits: 0)) tot \(format.decimal(hi, fractionDigits: 0)), dus een sprong kan ook komen doordat een dorp erbij komt of wegvalt.",
                          "Not every period counts the same villages: the number with complete data runs from \(format.decimal(lo, fractionDigits: 0)) to \(format.decimal(hi, fractionDigits: 0)), so a jump can also come from a village joining or dropping out.")
    }
}
