import NoaberMetrics
import NoaberModel

/// The effect on an outcome series (`ReportRequest.effect`): the onderzoek report's section —
/// the event study, the overall estimate, the pre-trend tests, the areas behind it, and what the
/// method assumes and cannot show — and the raadsbrief's one sentence, which claims an effect
/// only when the 95% interval excludes zero and no pre-trend test rejects (`EffectResult.verdict`).
extension ReportComposer {
    /// The raadsbrief's sentence; nothing when the store holds no outcome series or no measure
    /// was chosen among several.
    mutating func effectSentence() {
        guard let evidence = data.request.effect else { return }
        if case .chooseMeasure = evidence { return }
        paragraph(EffectWording.sentence(evidence, language), class: "effect")
    }

    mutating func effectSection() {
        guard let evidence = data.request.effect else { return }
        switch evidence {
        case .chooseMeasure(let measures):
            heading(2, pick("Effect op uitkomsten (gemeten)", "Effect on outcomes (measured)"), id: "effect")
            paragraph(pick("De store bevat uitkomstreeksen voor \(list(measures)); kies er één voor dit rapport met --effect-measure.",
                           "The store holds outcome series for \(list(measures)); choose one for this report with --effect-measure."))
        case .notPossible(let measure, let error):
            heading(2, pick("Effect op \(EffectWording.measureName(measure)) (gemeten)",
                            "Effect on \(EffectWording.measureName(measure)) (measured)"), id: "effect")
            paragraph(EffectWording.sentence(evidence, language))
            paragraph(pick("Waarom niet: ", "Why not: ") + error.localized.text(language))
            effectAssumptions(method: .did)
        case .estimated(let result):
            heading(2, pick("Effect op \(EffectWording.measureName(result.measure)) (gemeten)",
                            "Effect on \(EffectWording.measureName(result.measure)) (measured)"), id: "effect")
            effectData(result)
            raw(HTML.paragraph(raw: "<strong>" + HTML.text(EffectWording.sentence(evidence, language)) + "</strong>", class: "effect"))
            if result.method == .did, let did = result.did {
                effectEstimates(result, did)
                eventStudyFigure(result, did)
                cohortTable(result, did)
            } else {
                itsTable(result)
            }
            effectAssumptions(method: result.method)
        }
    }

    /// Which areas and periods the estimate rests on, and what was left out.
    private mutating func effectData(_ r: EffectResult) {
        let unit = EffectWording.unitName(r.unit, language)
        /// Names in a sentence; a long list (a research panel of hundreds of areas) by its first
        /// twelve and a count.
        func named(_ codes: [String]) -> String {
            let names = codes.map { r.names[$0] ?? $0 }
            guard names.count > 12 else { return list(names) }
            return names.prefix(12).joined(separator: ", ") + pick(" en \(names.count - 12) andere", " and \(names.count - 12) others")
        }
        var text = pick(
            "Uitkomst: \(EffectWording.measureName(r.measure)) per 1.000 inwoners per \(unit) (1.000 × aantal / inwoners), \(dates.periodLabel(r.rangeLabel)), \(r.periods.count) perioden. ",
            "Outcome: \(EffectWording.measureName(r.measure)) per 1,000 inhabitants per \(unit) (1,000 × count / inhabitants), \(dates.periodLabel(r.rangeLabel)), \(r.periods.count) periods. ")
        if let did = r.did {
            let cohorts = did.cohorts.map { c in
                dates.periodLabel(c.label) + ": " + named(r.cohortMembers[c.label] ?? [])
            }
            text += pick(
                "Dorpen met een ondersteuner (\(r.treated.count)): \(named(r.treated)); zij tellen mee vanaf het eerste \(unit) dat op of na de startdatum begint (startgroepen: \(cohorts.joined(separator: "; "))). Vergelijkingsgebieden zonder ondersteuner (\(r.comparison.count)): \(named(r.comparison)).",
                "Villages with a support worker (\(r.treated.count)): \(named(r.treated)); each counts from the first \(unit) that starts on or after its start date (start groups: \(cohorts.joined(separator: "; "))). Comparison areas without a support worker (\(r.comparison.count)): \(named(r.comparison)).")
        } else {
            text += pick("Dorpen (\(r.treated.count)): \(named(r.treated)); geen vergelijkingsgebieden.",
                         "Villages (\(r.treated.count)): \(named(r.treated)); no comparison areas.")
        }
        paragraph(text)
        var notes: [String] = []
        let unknown = r.leftOut.filter { $0.reason == .startUnknown }.map(\.name)
        if !unknown.isEmpty {
            notes.append(pick("Niet meegeteld: \(list(unknown)) (geen startdatum van een ondersteuner en niet als vergelijkingsgebied aangemerkt).",
                              "Left out: \(list(unknown)) (no start date of a support worker and not marked as a comparison area)."))
        }
        for a in r.adjustments {
            switch a {
            case let .droppedIncomplete(area, _):
                notes.append(pick("\(r.names[area] ?? area) weggelaten: de reeks is niet compleet.", "\(r.names[area] ?? area) left out: its series is incomplete."))
            case let .droppedStartBeforeSeries(area, _):
                notes.append(pick("\(r.names[area] ?? area) weggelaten: de ondersteuner begon vóór de reeks.",
                                  "\(r.names[area] ?? area) left out: the support worker started before the series."))
            case let .usedAsComparison(area, _):
                notes.append(pick("\(r.names[area] ?? area) telt als vergelijking: de ondersteuner begon na de reeks.",
                                  "\(r.names[area] ?? area) counts as comparison: the support worker started after the series."))
            }
        }
        if r.suppressedRows > 0, let k = r.minCell {
            notes.append(pick("\(r.suppressedRows) schattingen staan als <\(k): ze berusten op een aantal van 1 tot \(k - 1) in een gebied en periode.",
                              "\(r.suppressedRows) estimates read <\(k): they rest on a count of 1 to \(k - 1) in an area and period."))
        }
        if !notes.isEmpty { paragraph(notes.joined(separator: " ")) }
    }

    /// The overall estimate, the pre-trend tests and the cautions.
    private mutating func effectEstimates(_ r: EffectResult, _ did: DiDResult) {
        var items: [String] = []
        if let overall = r.row(.attOverall) {
            items.append(pick("Gemiddeld effect na de start: ", "Average effect after the start: ") + estimateText(overall, r))
        }
        for (check, all) in [(did.pretrend, true), (did.eventPretrend, false)] {
            let leads = CallawaySantAnna.eventPretestLeads
            let unitPlural = language == .nl ? r.unit.dutchPluralName : r.unit.rawValue + "s"
            let which = all
                ? pick("Pre-trendtoets over alle effecten vóór de start (Wald, zoals het R-pakket did)",
                       "Pre-trend test over every effect before the start (Wald, as in R's did package)")
                : pick("Pre-trendtoets over de event study in de laatste \(leads) \(unitPlural) vóór de start (Wald)",
                       "Pre-trend test over the event study in the last \(leads) \(unitPlural) before the start (Wald)")
            let hidden = r.row(all ? Metric.pretrendP : .pretrendEventP)?.suppressed == true
            switch check {
            case _ where hidden:
                items.append(which + ": " + format.suppressed(minimumCell: k) + ".")
            case let .tested(w, df, p):
                let verdict = p < 0.05
                    ? pick("verwerpt: de dorpen liepen vóór de start al anders dan de vergelijkingsgebieden", "rejects: the villages already moved differently before the start")
                    : pick("verwerpt niet", "does not reject")
                items.append(which + ": W = \(format.decimal(w, fractionDigits: 2)), \(df) " + pick("vrijheidsgraden", "degrees of freedom")
                             + ", p = \(EffectWording.pValue(p, format)); " + verdict + ".")
            case .noPreTreatmentPeriods:
                items.append(which + pick(": niet te maken, er is geen periode vóór de start behalve de basisperiode.",
                                          ": cannot be made, there is no period before the start but the base period."))
            case .singularCovariance(let cells):
                items.append(which + pick(": niet te maken; \(cells) effecten vóór de start en te weinig gebieden om ze uit elkaar te houden.",
                                          ": cannot be made; \(cells) effects before the start and too few areas to tell them apart."))
            }
        }
        var small: [(String, Int)] = []
        for caution in r.cautions {
            switch caution {
            case let .smallCohort(period, areas): small.append((dates.periodLabel(period), areas))
            case let .fewComparisonAreas(count):
                items.append(pick("Maar \(count) vergelijkingsgebieden: de onzekerheid is onderschat.",
                                  "Only \(count) comparison areas: the uncertainty is understated."))
            }
        }
        if !small.isEmpty {
            let groups = list(small.map { "\($0.0) (\($0.1))" })
            items.append(pick("Kleine startgroepen (minder dan 5 dorpen): \(groups). Hun effecten rusten op heel weinig dorpen en de onzekerheid ervan is onderschat; het gemiddelde over alle startgroepen is steviger dan elk apart.",
                              "Small start groups (fewer than 5 villages): \(groups). Their effects rest on very few villages and their uncertainty is understated; the average over all start groups is firmer than each on its own."))
        }
        raw("<ul>\n" + items.map { "<li>\(HTML.text($0))</li>\n" }.joined() + "</ul>\n")
    }

    private func estimateText(_ row: MetricRow, _ r: EffectResult) -> String {
        if row.suppressed { return format.suppressed(minimumCell: k) }
        guard let v = row.value else { return format.notAvailable }
        let unit = EffectWording.unitName(r.unit, language)
        let per = pick(" per 1.000 inwoners per \(unit)", " per 1,000 inhabitants per \(unit)")
        guard let lo = row.lower, let hi = row.upper else { return format.decimal(v, fractionDigits: 1) + per }
        return format.interval(v, lower: lo, upper: hi, fractionDigits: 1) + per
    }

    private mutating func eventStudyFigure(_ r: EffectResult, _ did: DiDResult) {
        let events = r.rows.filter { $0.metric.metric == .attEvent }
        guard !events.isEmpty else { return }
        let unit = EffectWording.unitName(r.unit, language)
        let unitPlural = language == .nl ? r.unit.dutchPluralName : r.unit.rawValue + "s"
        var points: [EventStudyChart.Point] = []
        var rows: [[TableCell]] = []
        for row in events {
            guard let k = row.metric.category.flatMap({ Int($0) }) else { continue }
            points.append(.init(relativePeriod: k, value: row.suppressed ? nil : row.value, lower: row.lower, upper: row.upper,
                                suppressed: row.suppressed))
            let cohorts = did.events.first { $0.relativePeriod == k }?.cohorts
            rows.append([.text((k > 0 ? "+" : "") + String(k)), .text(EffectWording.relativePeriod(k, unit: r.unit, language)),
                         TableCell.from(row, digits: 1, interval: true), .number(cohorts.map(Double.init), digits: 0),
                         .number(row.n.map(Double.init), digits: 0)])
        }
        let title = pick("Effect per \(unit) vóór en na de start", "Effect per \(unit) before and after the start")
        let name = reserveName("effect-event-study")
        let chart = EventStudyChart(
            title: title,
            subtitle: pick("\(EffectWording.measureName(r.measure)) per 1.000 inwoners, dorpen met ondersteuner min vergelijking",
                           "\(EffectWording.measureName(r.measure)) per 1,000 inhabitants, villages with a support worker minus comparison"),
            points: points, valueTitle: pick("verschil per 1.000 inwoners", "difference per 1,000 inhabitants"),
            periodTitle: pick("\(unitPlural) vanaf de start (0 = eerste \(unit) met ondersteuner)",
                              "\(unitPlural) from the start (0 = first \(unit) with the support worker)"),
            width: 620, identifier: name)
        figure(chart, caption: pick(
            "Event study (Callaway & Sant'Anna 2021): per \(unit) ten opzichte van de start het verschil in verandering tussen de dorpen met ondersteuner en de vergelijkingsgebieden, met 95%-BI. Links van de stippellijn (grijs) de \(unitPlural) vóór de start: die horen rond nul te liggen als de dorpen en de vergelijkingsgebieden gelijk opliepen. Verder van de start rusten de schattingen op minder startgroepen.",
            "Event study (Callaway & Sant'Anna 2021): per \(unit) relative to the start, the difference in change between the villages with a support worker and the comparison areas, with 95% CI. Left of the dashed line (grey) the \(unitPlural) before the start: they should lie around zero if the villages and the comparison areas moved alike. Further from the start the estimates rest on fewer start groups."),
               table: ReportTable(name: "", caption: title, columns: [
                   TableColumn(pick("t.o.v. start", "from start"), csv: "relative_period"),
                   TableColumn(pick("Periode", "Period"), csv: "label"),
                   TableColumn(pick("Effect (95%-BI)", "Effect (95% CI)"), csv: "effect", estimate: true),
                   TableColumn(pick("Startgroepen", "Start groups"), csv: "cohorts"),
                   TableColumn(pick("Gebieden", "Areas"), csv: "areas"),
               ], rows: rows))
    }

    private mutating func cohortTable(_ r: EffectResult, _ did: DiDResult) {
        var rows: [[TableCell]] = []
        for c in did.cohorts {
            let row = r.row(MetricID(.attGroup, c.label))
            let codes = r.cohortMembers[c.label] ?? []
            let members = codes.count > 6 ? "" : codes.map { r.names[$0] ?? $0 }.joined(separator: ", ")
            rows.append([.text(dates.periodLabel(c.label) + (members.isEmpty ? "" : " (\(members))")), .number(Double(c.areas), digits: 0),
                         TableCell.from(row, digits: 1, interval: true)])
        }
        if let overall = r.row(.attOverall) {
            rows.append([.text(pick("Alle startgroepen (gewogen naar aantal dorpen)", "All start groups (weighted by villages)")),
                         .number(Double(r.treated.count), digits: 0), TableCell.from(overall, digits: 1, interval: true)])
        }
        table(ReportTable(name: "effect-start-groups",
                          caption: pick("Gemiddeld effect na de start per startgroep (per 1.000 inwoners per \(EffectWording.unitName(r.unit, language)))",
                                        "Average effect after the start per start group (per 1,000 inhabitants per \(EffectWording.unitName(r.unit, language)))"),
                          columns: [TableColumn(pick("Startgroep", "Start group"), csv: "start_group"),
                                    TableColumn(pick("Dorpen", "Villages"), csv: "villages"),
                                    TableColumn(pick("Effect (95%-BI)", "Effect (95% CI)"), csv: "effect", estimate: true)],
                          rows: rows))
    }

    private mutating func itsTable(_ r: EffectResult) {
        var rows: [[TableCell]] = []
        for its in r.its {
            let level = r.rows.first { $0.village == its.area && $0.metric == .itsLevelChange }
            let slope = r.rows.first { $0.village == its.area && $0.metric == .itsSlopeChange }
            rows.append([.text(r.names[its.area] ?? its.area), TableCell.from(level, digits: 1, interval: true),
                         TableCell.from(slope, digits: 1, interval: true)])
        }
        let unit = EffectWording.unitName(r.unit, language)
        table(ReportTable(name: "effect-time-series",
                          caption: pick("Onderbroken tijdreeks per dorp: sprong bij de start en verandering van de trend per \(unit) (per 1.000 inwoners, Newey-West 95%-BI)",
                                        "Interrupted time series per village: level change at the start and change in trend per \(unit) (per 1,000 inhabitants, Newey-West 95% CI)"),
                          columns: [TableColumn(pick("Dorp", "Village"), csv: "village"),
                                    TableColumn(pick("Sprong (95%-BI)", "Level change (95% CI)"), csv: "level_change", estimate: true),
                                    TableColumn(pick("Trendverandering (95%-BI)", "Slope change (95% CI)"), csv: "slope_change", estimate: true)],
                          rows: rows))
    }

    /// What the method assumes and what it cannot show, in plain words.
    private mutating func effectAssumptions(method: EffectMethod) {
        raw("<div class=\"note keep\">\n")
        heading(3, pick("Wat de methode aanneemt en niet kan laten zien", "What the method assumes and cannot show"))
        var items: [String] = []
        if method == .did {
            items.append(pick(
                "Gelijke trends: zonder ondersteuner zouden de dorpen zich hetzelfde hebben ontwikkeld als de vergelijkingsgebieden. Dat is niet te bewijzen. De pre-trendtoetsen en de perioden vóór de start in de figuur laten alleen zien of ze vóór de start gelijk opliepen; een toets die niet verwerpt, bewijst niet dat ze dat waren gebleven.",
                "Parallel trends: without the support worker, the villages would have developed like the comparison areas. This cannot be proven. The pre-trend tests and the periods before the start in the figure only show whether they moved alike before the start; a test that does not reject does not prove they would have kept doing so."))
            items.append(pick(
                "Weinig gebieden: de intervallen en toetsen steunen op benaderingen voor veel gebieden. Met een handvol dorpen per startgroep zijn ze te optimistisch, en een startgroep van één dorp draagt niets bij aan zijn eigen onzekerheid.",
                "Few areas: the intervals and tests rest on approximations for many areas. With a handful of villages per start group they are too optimistic, and a start group of one village adds nothing to its own uncertainty."))
            items.append(pick(
                "Andere veranderingen in dezelfde tijd: wat alleen de dorpen met ondersteuner trof en tegelijk met de start kwam (een nieuwe huisartsenpraktijk, een wijkteam), zit in de schatting.",
                "Other changes at the same time: whatever struck only the villages with a support worker and came with the start (a new GP practice, a neighbourhood team) is in the estimate."))
        } else {
            items.append(pick(
                "Geen vergelijking: een onderbroken tijdreeks schrijft elke verandering bij de start toe aan de ondersteuner, ook een pandemie, een nieuwe huisarts of een landelijke maatregel. Seizoenen worden niet apart gemodelleerd.",
                "No comparison: an interrupted time series attributes every change at the start to the support worker, including a pandemic, a new GP or a national measure. Seasons are not modelled separately."))
        }
        items.append(pick(
            "Geen anticipatie: de uitkomst veranderde niet al vóór de start omdat de start eraan kwam. Gebeurde dat wel, dan is het effect verkeerd gedateerd.",
            "No anticipation: the outcome did not change before the start because the start was coming. If it did, the effect is misdated."))
        items.append(pick(
            "Methode: Callaway & Sant'Anna (2021, Journal of Econometrics 225(2)) met nooit-behandelde vergelijkingsgebieden, zoals het R-pakket did; onderbroken tijdreeks met Newey-West-fouten (1987). Details en validatie: docs/effect.md.",
            "Method: Callaway & Sant'Anna (2021, Journal of Econometrics 225(2)) against never-treated comparison areas, as R's did package; interrupted time series with Newey-West errors (1987). Details and validation: docs/effect.md."))
        raw("<ul>\n" + items.map { "<li>\(HTML.text($0))</li>\n" }.joined() + "</ul>\n")
        raw("</div>\n")
    }
}
