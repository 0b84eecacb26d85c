import NoaberMetrics
import NoaberModel

/// The page of one village (`Audience.dorp`), for its own ondersteuner and dorpsraad: what its
/// data cover, its figures against all villages and against its previous period in plain words,
/// two small charts, and its registration as a to-do list (`ReportComposer+VillageToDo`).
///
/// Every number comes from the report's disclosed rows (`ReportData`), so a small cell reads `<k`
/// here as in every published report. The page shows the village and the pooled group only, never
/// "the other villages" or a difference between a hidden and a shown figure, so no hidden village
/// figure can be recovered from the totals on the same page. The coverage rules are the other
/// reports': figures that grow with time only for a fully covered period, a comparison with the
/// previous period only when the village covers both, and a village without data gets a sentence
/// that says so instead of a table of dashes or zeros.
extension ReportComposer {
    mutating func villagePage(_ village: Village, feedback: VillageFeedback?) {
        heading(1, pick("\(village.name): dorpsondersteuning, \(periodName(data.current))",
                        "\(village.name): village support, \(periodName(data.current))"))
        paragraph(pick("Voor de dorpsondersteuner en de dorpsraad. Periode: \(dates.date(data.current.start)) t/m \(dates.date(data.current.end)).",
                       "For the village support worker and the village council. Period: \(dates.date(data.current.start)) to \(dates.date(data.current.end))."),
                  class: "meta")
        paragraph(villageCoverageSentences(village).joined(separator: " "), class: "meta coverage")
        if villageCoverage(village).level(data.current, .cases) != .none {
            heading(2, pick("Jullie cijfers", "Your figures"))
            if villageKeyFigures(village) {
                let notes = villageObservations(village)
                if !notes.isEmpty { paragraph(notes.joined(separator: " ")) }
            }
            // Side by side, each chart above its table: a village's page stays one A4 page.
            raw("<div class=\"figure-pair\">\n")
            villageTrendFigure(village)
            villageResponseFigure(village)
            raw("</div>\n")
        }
        villageToDoSection(village, feedback: feedback)
    }

    func villageCoverage(_ village: Village) -> VillageCoverage { data.coverage[village.code] ?? .empty }

    /// Whether the village's figures that grow with time are given for a period: a fully covered
    /// one (with `--include-partial`, any covered day).
    func villageIsCounted(_ village: Village, in period: Period) -> Bool {
        let level = villageCoverage(village).level(period, .cases)
        return data.request.includePartial ? level != .none : level == .full
    }

    /// What the village's data cover in the current period, in the words of the other reports'
    /// opening sentences (`coverageSentences`), for one village.
    func villageCoverageSentences(_ village: Village) -> [String] {
        let c = villageCoverage(village), period = data.current, name = village.name
        var out: [String] = []
        switch c.level(period, .cases) {
        case .full:
            if let end = c.casesEnd {
                out.append(pick("De cijfers van \(name) komen uit de export van \(dates.date(end)) en gaan over de hele periode.",
                                "The figures of \(name) come from the export of \(dates.date(end)) and cover the whole period."))
            }
        case .partial:
            let pct = format.decimal(c.percent(period, .cases), fractionDigits: 0)
            if let days = c.covered(period, .cases) {
                if days.lowerBound > period.start.dayNumber {
                    out.append(pick("\(name) registreert sinds \(dates.date(CivilDate(dayNumber: days.lowerBound))) (\(pct)% van de periode).",
                                    "\(name) has been registering since \(dates.date(CivilDate(dayNumber: days.lowerBound))) (\(pct)% of the period)."))
                }
                if days.upperBound < period.end.dayNumber {
                    out.append(pick("De gegevens van \(name) lopen tot \(dates.date(CivilDate(dayNumber: days.upperBound))), de dag van de laatste export (\(pct)% van de periode).",
                                    "The data of \(name) run until \(dates.date(CivilDate(dayNumber: days.upperBound))), the day of its latest export (\(pct)% of the period)."))
                }
            }
            out.append(data.request.includePartial
                ? pick("Op verzoek tellen de aantallen toch mee; ze beslaan dus minder dagen dan de periode.",
                       "On request the counts are given anyway, so they span fewer days than the period.")
                : pick("Aantallen, bereik en vrijwilligers over de hele periode zijn daarom niet te geven, ook niet als nul; de reactietijden wel, over de hulpvragen van de dagen waarvoor gegevens zijn.",
                       "Counts, reach and volunteers for the whole period can therefore not be given, not even as zero; response times can, over the requests of the days with data."))
        case .none:
            if c.span(.cases) == nil {
                out.append(pick("\(name) heeft nog geen gegevens aangeleverd: er is nog geen export van de registratie. Daarom staan hier geen cijfers van \(name), ook geen nullen. Zodra er een export is, staan hier de cijfers van \(name) naast die van alle dorpen.",
                                "\(name) has not sent any data yet: there is no export of its registration. So there are no figures for \(name) here, not even zeros. Once there is an export, this page shows the figures of \(name) beside those of all villages."))
            } else if let start = c.start, let end = c.casesEnd {
                out.append(pick("Over \(periodName(period)) zijn er van \(name) geen gegevens: ze lopen van \(dates.date(start)) tot \(dates.date(end)). Daarom staan hier geen cijfers van \(name) over deze periode, ook geen nullen.",
                                "There are no data from \(name) for \(periodName(period)): they run from \(dates.date(start)) to \(dates.date(end)). So there are no figures for \(name) for this period here, not even zeros."))
            }
        }
        if c.startSource == .earliestRecord, let start = c.start, start > period.start, c.level(period, .cases) != .none {
            out.append(pick("In het dorpenbestand staat niet wanneer \(name) begon met registreren; gerekend is vanaf de eerste hulpvraag.",
                            "The villages file does not say when \(name) began registering; the first request is taken as the start."))
        }
        return out
    }

    /// The village's figures beside its previous period (when it covers both) and all villages;
    /// false when there is not a single figure to show (a sentence says so instead).
    @discardableResult
    mutating func villageKeyFigures(_ village: Village) -> Bool {
        let cur = data.current.label, prev = data.previous.label, all = ReportData.pooledKey
        let comparable = villageIsCounted(village, in: data.current) && villageIsCounted(village, in: data.previous)
        let catalogue: [(metric: Metric, nl: String, en: String, digits: Int, interval: Bool)] = [
            (.cases, "Hulpvragen en signalen", "Requests and signals", 0, false),
            (.residentsReached, "Inwoners met een hulpvraag", "Residents with a request", 0, false),
            (.reachPer1000, "Inwoners met een hulpvraag per 1.000 inwoners", "Residents with a request per 1,000 inhabitants", 1, true),
            (.reach75plusPct, "Van alle 75-plussers had een hulpvraag (%)", "Of all residents 75+, had a request (%)", 1, true),
            (.firstContactMedianDays, "De helft had eerste contact binnen (dagen)", "Half had a first contact within (days)", 1, true),
            (.firstContactWithin7dPct, "Eerste contact binnen 7 dagen (%)", "First contact within 7 days (%)", 0, true),
            (.volunteersActive, "Actieve vrijwilligers", "Active volunteers", 0, false),
            (.volunteersPer1000, "Actieve vrijwilligers per 1.000 inwoners", "Active volunteers per 1,000 inhabitants", 1, true),
        ]
        var columns = [TableColumn(pick("Wat", "What"), csv: "metric"),
                       TableColumn("\(village.name), \(periodName(data.current))", csv: "\(village.code)_\(cur)", estimate: true)]
        if comparable {
            columns.append(TableColumn("\(village.name), \(periodName(data.previous))", csv: "\(village.code)_\(prev)", estimate: true))
        }
        columns.append(TableColumn("\(data.name(of: all)), \(periodName(data.current))", csv: "\(all)_\(cur)", estimate: true))
        // A row of dashes says nothing: a figure that neither the village nor the pooled group has
        // (no volunteer tasks anywhere) is left out, and with no figure at all (a period past most
        // data) the coverage sentence above is the whole story.
        let keys = [village.code, all] + (comparable ? [village.code] : [])
        let periods = [cur, cur] + (comparable ? [prev] : [])
        let spec = catalogue.filter { m in
            zip(keys, periods).contains { key, p in data.row(key, p, m.metric).map { $0.suppressed || $0.value != nil } ?? false }
        }
        guard !spec.isEmpty else {
            paragraph(pick("Over \(periodName(data.current)) zijn voor \(village.name) nog geen cijfers te geven.",
                           "No figures can be given for \(village.name) for \(periodName(data.current)) yet."))
            return false
        }
        let rows: [[TableCell]] = spec.map { m in
            var row: [TableCell] = [.text(pick(m.nl, m.en)), TableCell.from(data.row(village.code, cur, m.metric), digits: m.digits, interval: m.interval)]
            if comparable { row.append(TableCell.from(data.row(village.code, prev, m.metric), digits: m.digits, interval: m.interval)) }
            row.append(TableCell.from(data.row(all, cur, m.metric), digits: m.digits, interval: m.interval))
            return row
        }
        table(ReportTable(name: "key-figures",
                          caption: pick("\(village.name) in cijfers; tussen haakjes de marge (95%), – : geen cijfer",
                                        "\(village.name) in figures; in brackets the margin (95%), – : no figure"),
                          columns: columns, rows: rows))
        // A count hidden by secondary suppression (docs/disclosure.md, rule 3) reads `<k` too,
        // though it is not small: say so, without saying which cell it is.
        let hidden = spec.contains { data.row(village.code, cur, $0.metric)?.suppressed == true }
        paragraph(pick("De marge: door toeval alleen kan een cijfer zo veel hoger of lager uitvallen. ", "The margin: by chance alone a figure can come out this much higher or lower. ")
                  + (hidden ? pick("<\(k): minder dan \(k), of verborgen zodat een klein aantal van een ander dorp niet uit het totaal terug te rekenen is. ",
                                   "<\(k): fewer than \(k), or hidden so that a small number of another village cannot be worked out from the total. ") : "")
                  + pooledMeaning(village), class: "meta")
        return true
    }

    /// What the pooled column counts: every village, or the fully covered ones, this one or not.
    func pooledMeaning(_ village: Village) -> String {
        let counted = countedVillages
        let all = data.name(of: ReportData.pooledKey)
        let own = counted.contains(village) ? pick("\(village.name) meegeteld", "\(village.name) included")
                                            : pick("\(village.name) niet", "\(village.name) not included")
        guard !counted.isEmpty else {
            return pick("Geen enkel dorp heeft gegevens over de hele periode; de reactietijden gaan over alle dagen met gegevens.",
                        "No village has data for the whole period; response times use every day with data.")
        }
        guard counted.count != data.villages.count else {
            return pick("\(all): de \(counted.count) dorpen samen, \(own).", "\(all): the \(counted.count) villages together, \(own).")
        }
        let which = counted.count <= Self.namedVillagesLimit ? ": " + list(counted.map(\.name)) : ""
        return pick("\(all): \(counted.count) van de \(data.villages.count) dorpen\(which) (\(own)); bij de reactietijden alle dagen met gegevens.",
                    "\(all): \(counted.count) of the \(data.villages.count) villages\(which) (\(own)); response times use every day with data.")
    }

    /// A few plain sentences: the village against all villages (reach by its funnel position,
    /// first contact within 7 days by the overlap of the margins) and against its previous period.
    func villageObservations(_ village: Village) -> [String] {
        let cur = data.current.label, all = ReportData.pooledKey
        var out: [String] = []
        func shown(_ row: MetricRow?) -> (value: Double, lower: Double?, upper: Double?)? {
            guard let row, !row.suppressed, let v = row.value else { return nil }
            return (v, row.lower, row.upper)
        }
        // Reach against all villages as the funnel plots judge it: inside the limits at the
        // village's size, or beyond the 95% or the 99.8% limits (widened when villages differ
        // more than chance explains).
        if let own = shown(data.row(village.code, cur, .reachPer1000)), let pooled = shown(data.row(all, cur, .reachPer1000)),
           let point = disclosedFunnel(.reachPer1000).first(where: { $0.village == village.code }) {
            let widened = funnelDispersion(.reachPer1000)?.limitKind == .widened
            let together = data.currentCoverage.isComplete || data.request.includePartial
                ? pick("bij alle dorpen samen", "in all villages together")
                : pick("bij de dorpen met volledige gegevens samen", "in the villages with complete data together")
            var s = pick("Per 1.000 inwoners hadden \(format.decimal(own.value, fractionDigits: 1)) inwoners van \(village.name) een hulpvraag, \(together) \(format.decimal(pooled.value, fractionDigits: 1)).",
                         "Per 1,000 inhabitants \(format.decimal(own.value, fractionDigits: 1)) residents of \(village.name) had a request, \(together) \(format.decimal(pooled.value, fractionDigits: 1)).")
            let direction = point.value > point.target ? pick("hoger", "higher") : pick("lager", "lower")
            if point.outside998 {
                s += " " + (widened ? pick("Dat ligt veel \(direction) dan dorpen onderling gewoonlijk verschillen.", "That is far \(direction) than villages usually differ.")
                                    : pick("Dat ligt veel \(direction) dan toeval kan verklaren.", "That is far \(direction) than chance can explain."))
            } else if point.outside95 {
                s += " " + (widened ? pick("Dat ligt \(direction) dan dorpen onderling gewoonlijk verschillen.", "That is \(direction) than villages usually differ.")
                                    : pick("Dat ligt \(direction) dan je door toeval zou verwachten.", "That is \(direction) than chance would lead you to expect."))
            } else {
                s += " " + pick("Dat verschil is niet groter dan toeval bij een dorp van deze grootte kan geven.",
                                "That difference is no larger than chance can give in a village of this size.")
            }
            out.append(s)
        }
        if let own = shown(data.row(village.code, cur, .firstContactWithin7dPct)), let pooled = shown(data.row(all, cur, .firstContactWithin7dPct)) {
            var s = pick("Binnen 7 dagen had \(format.decimal(own.value, fractionDigits: 0))% van de hulpvragen een eerste contact, bij alle dorpen samen \(format.decimal(pooled.value, fractionDigits: 0))%.",
                         "Within 7 days \(format.decimal(own.value, fractionDigits: 0))% of the requests had a first contact, in all villages together \(format.decimal(pooled.value, fractionDigits: 0))%.")
            // A band of zero width (everyone contacted in time: the estimate's band collapses at
            // 0% waiting) says nothing about chance, so no claim is made on it.
            if let ol = own.lower, let ou = own.upper, let pl = pooled.lower, let pu = pooled.upper, ol < ou, pl < pu,
               !(ol <= pu && pl <= ou) {
                s += " " + pick("Dat verschil is groter dan toeval.", "That difference is larger than chance.")
            }
            out.append(s)
        }
        out += previousPeriodSentences(village)
        return out
    }

    /// The village against its previous period: only when it covers both (the same rule as the
    /// pooled comparison, `ReportData.comparability`, for one village); otherwise why not.
    func previousPeriodSentences(_ village: Village) -> [String] {
        let previous = periodName(data.previous), name = village.name
        guard villageIsCounted(village, in: data.current) else {
            return [pick("Geen vergelijking met \(previous): de gegevens van \(name) dekken \(periodName(data.current)) niet helemaal.",
                         "No comparison with \(previous): the data of \(name) do not cover \(periodName(data.current)) completely.")]
        }
        guard villageIsCounted(village, in: data.previous) else {
            if villageCoverage(village).level(data.previous, .cases) == .none {
                return [pick("Over \(previous) zijn er van \(name) geen gegevens, dus een vergelijking met toen is niet te maken.",
                             "There are no data from \(name) for \(previous), so no comparison with then can be made.")]
            }
            return [pick("Geen vergelijking met \(previous): de gegevens van \(name) dekken die periode niet helemaal.",
                         "No comparison with \(previous): the data of \(name) do not cover that period completely.")]
        }
        var out: [String] = []
        let a = data.row(village.code, data.previous.label, .cases), b = data.row(village.code, data.current.label, .cases)
        if let a, let b, !a.suppressed, !b.suppressed, let av = a.value, let bv = b.value {
            out.append(av == bv
                ? pick("Er kwamen evenveel hulpvragen en signalen binnen als in \(previous): \(format.decimal(bv, fractionDigits: 0)).",
                       "As many requests and signals came in as in \(previous): \(format.decimal(bv, fractionDigits: 0)).")
                : pick("In \(previous) kwamen er \(format.decimal(av, fractionDigits: 0)) hulpvragen en signalen binnen, nu \(format.decimal(bv, fractionDigits: 0)).",
                       "In \(previous) \(format.decimal(av, fractionDigits: 0)) requests and signals came in, now \(format.decimal(bv, fractionDigits: 0))."))
        }
        let p = data.row(village.code, data.previous.label, .reachPer1000), c = data.row(village.code, data.current.label, .reachPer1000)
        if let p, let c, !p.suppressed, !c.suppressed, let pv = p.value, let cv = c.value,
           let pl = p.lower, let pu = p.upper, let cl = c.lower, let cu = c.upper {
            // Equal as printed is equal: "30,6 against 30,6" is never called higher.
            let (shownPrevious, shownCurrent) = (format.decimal(pv, fractionDigits: 1), format.decimal(cv, fractionDigits: 1))
            let direction = cv > pv ? pick("hoger", "higher") : pick("lager", "lower")
            out.append(shownPrevious == shownCurrent
                ? pick("Het aantal inwoners met een hulpvraag per 1.000 was even hoog als in \(previous).",
                       "Residents with a request per 1,000 were as many as in \(previous).")
                : pl <= cu && cl <= pu
                ? pick("Het aantal inwoners met een hulpvraag per 1.000 lag \(direction) dan in \(previous), maar het verschil kan toeval zijn.",
                       "Residents with a request per 1,000 were \(direction) than in \(previous), but the difference may be chance.")
                : pick("Het aantal inwoners met een hulpvraag per 1.000 lag duidelijk \(direction) dan in \(previous).",
                       "Residents with a request per 1,000 were clearly \(direction) than in \(previous)."))
        }
        return out
    }
}
