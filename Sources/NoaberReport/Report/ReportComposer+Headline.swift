import NoaberMetrics
import NoaberModel

/// The raadsbrief's headline figures, the comparison with the previous period and the note on
/// what the avoided-cost estimate claims. All sentences use the pooled (`all`) rows.
extension ReportComposer {
    mutating func headlineSection() {
        let all = ReportData.pooledKey
        let cur = data.current.label
        func r(_ m: Metric) -> MetricRow? { data.row(all, cur, m) }
        heading(2, pick("Kerncijfers \(periodName(data.current))", "Key figures \(periodName(data.current))"))
        var items: [String] = []
        let counted = countedVillages
        let over = counted.count == data.villages.count ? ""
            : pick(" (\(counted.count) van de \(data.villages.count) dorpen, zie boven)", " (\(counted.count) of the \(data.villages.count) villages, see above)")
        if counted.isEmpty {
            items.append(pick("Over \(periodName(data.current)) zijn geen aantallen te geven: geen enkel dorp heeft gegevens over de hele periode.",
                              "No counts can be given for \(periodName(data.current)): no village has data for the whole period."))
        } else {
        items.append(pick(
            "Er kwamen <strong>\(HTML.text(value(r(.cases), digits: 0)))</strong> hulpvragen en signalen binnen. De dorpsondersteuners bereikten <strong>\(HTML.text(value(r(.residentsReached), digits: 0)))</strong> inwoners: \(HTML.text(valueWithInterval(r(.reachPer1000), digits: 1))) per 1.000 inwoners.",
            "<strong>\(HTML.text(value(r(.cases), digits: 0)))</strong> requests and signals came in. The village support workers reached <strong>\(HTML.text(value(r(.residentsReached), digits: 0)))</strong> residents: \(HTML.text(valueWithInterval(r(.reachPer1000), digits: 1))) per 1,000 inhabitants.")
            + HTML.text(over))
        }
        let median = r(.firstContactMedianDays)
        let medianText: String
        if median == nil || (median?.n ?? 0) == 0 {
            medianText = pick("Over reactietijden is niets te zeggen: er zijn geen hulpvragen op de dagen waarvoor gegevens zijn.",
                              "Nothing can be said about response times: there are no requests on the days with data.")
        } else if let median, !median.suppressed, median.value == nil, (median.n ?? 0) > 0 {
            medianText = pick("De helft van de hulpvragen had aan het eind van de periode nog geen eerste contact (mediaan niet bereikt).",
                              "Half of the requests had no first contact by the end of the period (median not reached).")
        } else {
            medianText = pick("De helft van de hulpvragen had binnen <strong>\(HTML.text(valueWithInterval(median, digits: 1)))</strong> dagen een eerste contact.",
                              "Half of the requests had a first contact within <strong>\(HTML.text(valueWithInterval(median, digits: 1)))</strong> days.")
        }
        if (median?.n ?? 0) > 0 {
            items.append(medianText + " " + pick(
                "Binnen 7 dagen: \(HTML.text(percentWithInterval(r(.firstContactWithin7dPct), digits: 0))).",
                "Within 7 days: \(HTML.text(percentWithInterval(r(.firstContactWithin7dPct), digits: 0)))."))
        } else {
            items.append(medianText)
        }
        if !counted.isEmpty, let waiting = waitingSentence() { items.append(waiting) }
        if !counted.isEmpty {
            items.append("<span class=\"estimate-tag\">\(pick("schatting", "estimate"))</span>" + escalationSentence())
        }
        // No volunteer task at all (none registered, or no task export imported): say so plainly
        // rather than print a sentence of dashes.
        if r(.volunteersActive) == nil {
            items.append(pick("Over vrijwilligers zijn voor deze periode geen cijfers: geen dorp heeft over de hele periode een export van vrijwilligerstaken.",
                              "There are no volunteer figures for this period: no village has an export of volunteer tasks covering the whole period."))
        } else if let active = r(.volunteersActive), !active.suppressed, active.value == 0 {
            items.append(pick("Er zijn in deze periode geen vrijwilligerstaken geregistreerd.",
                              "No volunteer tasks were registered in this period."))
        } else {
            items.append(pick(
                "<strong>\(HTML.text(value(r(.volunteersActive), digits: 0)))</strong> vrijwilligers waren actief (\(HTML.text(valueWithInterval(r(.volunteersPer1000), digits: 1))) per 1.000 inwoners), gemiddeld \(HTML.text(value(r(.volunteerHoursPerWeek), digits: 1))) uur per week; de drukste 20% droeg \(HTML.text(percentValue(r(.volunteerHoursTop20Share)))) van de uren.",
                "<strong>\(HTML.text(value(r(.volunteersActive), digits: 0)))</strong> volunteers were active (\(HTML.text(valueWithInterval(r(.volunteersPer1000), digits: 1))) per 1,000 inhabitants), on average \(HTML.text(value(r(.volunteerHoursPerWeek), digits: 1))) hours a week; the busiest 20% carried \(HTML.text(percentValue(r(.volunteerHoursTop20Share)))) of the hours."))
        }
        raw("<ul class=\"headline\">\n" + items.map { "<li>\($0)</li>\n" }.joined() + "</ul>\n")
    }

    /// A share 0…1 as a percentage, `<k` when suppressed.
    func percentValue(_ row: MetricRow?) -> String {
        guard let row, !row.suppressed, let v = row.value else { return value(row, digits: 0) }
        return format.percent(v, fractionDigits: 0)
    }

    /// The estimate as people read it: the median of the Monte Carlo draws with its 5–95%
    /// interval, rounded to what the interval supports (€ 1.000 in the raadsbrief), at the report
    /// year's prices; the return per euro the same way; and, when the follow-up of the period has
    /// not passed, that the amount is too low. The value at the most likely parameters is in the
    /// methods (`avoided_cost_eur_most_likely`).
    func escalationSentence() -> String {
        let row = data.row(ReportData.pooledKey, data.current.label, .avoidedCostEur)
        let ret = data.row(ReportData.pooledKey, data.current.label, .returnPerEuro)
        guard let row, !row.suppressed, let v = row.value else {
            return HTML.text(pick("Vermeden kosten: \(value(row, digits: 0)) (te weinig afgeronde hulpvragen met een risico om te schatten).",
                                  "Avoided cost: \(value(row, digits: 0)) (too few finished cases with a risk to estimate)."))
        }
        let step = euroStep(row)
        let interval = row.lower.flatMap { lo in row.upper.map { hi in "\(roundedEuros(lo, step: step)) \(pick("tot", "to")) \(roundedEuros(hi, step: step))" } } ?? format.notAvailable
        var s = pick("Voorkomen escalatie bespaarde naar schatting <strong>\(HTML.text(roundedEuros(v, step: step)))</strong> (5–95%-interval \(HTML.text(interval)); \(HTML.text(priceLevelText))).",
                     "Prevented escalation saved an estimated <strong>\(HTML.text(roundedEuros(v, step: step)))</strong> (5–95% interval \(HTML.text(interval)); \(HTML.text(priceLevelText))).")
        if let ret, !ret.suppressed, let rv = ret.value {
            let ri = ret.lower.flatMap { lo in ret.upper.map { hi in format.decimal(lo, fractionDigits: 2) + "–" + format.decimal(hi, fractionDigits: 2) } } ?? format.notAvailable
            s += " " + pick("Dat is ongeveer <strong>€\u{A0}\(HTML.text(format.decimal(rv, fractionDigits: 2)))</strong> per euro die de ondersteuning kostte (5–95%-interval \(HTML.text(ri))).",
                            "That is about <strong>€\(HTML.text(format.decimal(rv, fractionDigits: 2)))</strong> per euro the support cost (5–95% interval \(HTML.text(ri))).")
        }
        if let note = followUpSentence() { s += " " + HTML.text(note) }
        return s
    }

    /// Previous period against the current one, with a sentence on whether reach differs beyond
    /// noise — only when the two periods have the same length and the same villages have data for
    /// the whole of both; otherwise the section says why there is no comparison.
    mutating func comparisonSection() {
        heading(2, pick("Vergeleken met \(periodName(data.previous))", "Compared with \(periodName(data.previous))"))
        if let reason = noComparisonReason() {
            paragraph(reason)
            return
        }
        let all = ReportData.pooledKey
        let metrics: [(Metric, String, String, Int, Bool)] = [
            (.cases, "Hulpvragen", "Requests", 0, false),
            (.residentsReached, "Inwoners bereikt", "Residents reached", 0, false),
            (.reachPer1000, "Bereik per 1.000 inwoners", "Reach per 1,000 inhabitants", 1, true),
            (.firstContactMedianDays, "Mediaan dagen tot eerste contact", "Median days to first contact", 1, true),
            (.firstContactWithin7dPct, "Eerste contact binnen 7 dagen (%)", "First contact within 7 days (%)", 0, true),
            (.avoidedCostEur, "Vermeden kosten (€, schatting: mediaan, 5–95%-interval)", "Avoided cost (€, estimate: median, 5–95% interval)", 0, true),
            (.volunteersActive, "Actieve vrijwilligers", "Active volunteers", 0, false),
            (.volunteerHoursPerWeek, "Uur per vrijwilliger per week", "Hours per volunteer a week", 1, false),
        ]
        func cell(_ period: Period, _ m: (Metric, String, String, Int, Bool)) -> TableCell {
            let row = data.row(all, period.label, m.0)
            return m.0 == .avoidedCostEur ? roundedEuroCell(row) : TableCell.from(row, digits: m.3, interval: m.4)
        }
        let rows: [[TableCell]] = metrics.map { m in [.text(pick(m.1, m.2)), cell(data.previous, m), cell(data.current, m)] }
        table(ReportTable(name: "comparison", caption: pick("Alle dorpen samen, vorige en huidige periode (95%-BI tussen haakjes; bij de vermeden kosten het 5–95%-interval, \(priceLevelText))",
                                                             "All villages together, previous and current period (95% CI in brackets; for the avoided cost the 5–95% interval, \(priceLevelText))"),
                          columns: [TableColumn(pick("Kengetal", "Figure"), csv: "metric"),
                                    TableColumn(periodName(data.previous), csv: data.previous.label, estimate: true),
                                    TableColumn(periodName(data.current), csv: data.current.label, estimate: true)],
                          rows: rows))
        let a = data.row(all, data.previous.label, .reachPer1000), b = data.row(all, data.current.label, .reachPer1000)
        if let a, let b, !a.suppressed, !b.suppressed, let av = a.value, let bv = b.value,
           let al = a.lower, let au = a.upper, let bl = b.lower, let bu = b.upper {
            let overlap = al <= bu && bl <= au
            let direction = bv > av ? pick("hoger", "higher") : bv < av ? pick("lager", "lower") : pick("gelijk", "the same")
            paragraph(overlap
                ? pick("Het bereik lag \(direction) dan in \(periodName(data.previous)), maar de intervallen overlappen: het verschil kan toeval zijn.",
                       "Reach was \(direction) than in \(periodName(data.previous)), but the intervals overlap: the difference may be chance.")
                : pick("Het bereik lag duidelijk \(direction) dan in \(periodName(data.previous)) (de intervallen overlappen niet).",
                       "Reach was clearly \(direction) than in \(periodName(data.previous)) (the intervals do not overlap)."))
        }
    }

    /// What the avoided-cost estimate does and does not claim, in plain language.
    mutating func estimateNote() {
        // Explains the avoided-cost figure; a report that could give none has nothing to explain.
        guard let row = data.row(ReportData.pooledKey, data.current.label, .avoidedCostEur), !row.suppressed, row.value != nil else { return }
        raw("<div class=\"note keep\">\n")
        heading(3, pick("Wat de schatting wel en niet zegt", "What the estimate does and does not claim"))
        paragraph(pick(
            "De vermeden kosten zijn een schatting, geen meting. Voor elke afgeronde hulpvraag met een risico bij de start (zoals overbelaste mantelzorg of een val) waarna geen formele zorg volgde, rekenen we met de kans dat die zorg zonder ondersteuning nodig was geweest, min het deel dat ook zonder ondersteuning was voorkomen, maal het deel dat aan de ondersteuner is toe te schrijven, maal de kostprijs (Kostenhandleiding, \(priceLevelText) via de consumentenprijsindex van het CBS). Die kansen zijn deels aannames; het bedrag is de mediaan van \(format.integer(data.request.draws)) doorrekeningen. "
                + "Het is geen bezuiniging op de begroting van de gemeente en bewijst geen oorzakelijk effect, want het rekent met aannames en niet met een vergelijkingsgroep; het laat de orde van grootte zien als de aannames kloppen.",
            "The avoided cost is an estimate, not a measurement. For each finished case with a risk noted at intake (such as an overloaded caregiver or a fall) after which formal care did not follow, we use the probability that the care would have been needed without support, minus the share that would have been averted anyway, times the share attributable to the support worker, times the unit cost (Dutch costing manual, at \(data.priceYear) prices via the CBS consumer price index). Those probabilities are partly assumptions; the amount is the median of \(format.integer(data.request.draws)) runs. "
                + "It is not a saving in the municipal budget and does not prove a causal effect, because it rests on assumptions, not on a comparison group; it shows the order of magnitude of the return if the assumptions hold."))
        raw("</div>\n")
    }
}
