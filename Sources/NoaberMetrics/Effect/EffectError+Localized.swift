import NoaberModel

/// Every `EffectError` in the words a municipality's analyst reads, Dutch and English, with what
/// to do about it. The CLI prints these (exit code 65) and the reports quote them when the data
/// cannot carry an estimate; `description` stays the developer's English.
extension EffectError {
    public var localized: Localized {
        func list(_ items: [String]) -> String {
            items.count <= 6 ? items.joined(separator: ", ") : items.prefix(6).joined(separator: ", ") + " …"
        }
        switch self {
        case let .tooFewPeriods(method, count, minimum):
            return Localized(
                nl: "\(method.rawValue) heeft minstens \(minimum) perioden nodig; de reeks heeft er \(count)",
                en: "\(method.rawValue) needs at least \(minimum) periods; the series has \(count)")
        case let .periodsNotConsecutive(earlier, later):
            return Localized(
                nl: "de perioden sluiten niet op elkaar aan: \(later) begint niet de dag na het einde van \(earlier)",
                en: "the periods do not follow each other: \(later) does not start the day after \(earlier) ends")
        case let .noAreas(dropped):
            return dropped == 0
                ? Localized(nl: "er zijn geen gebieden om mee te rekenen", en: "there are no areas to compute with")
                : Localized(nl: "alle \(dropped) gebieden vielen af (zie de meldingen hierboven); er blijft niets over om mee te rekenen",
                            en: "all \(dropped) areas were dropped (see the notes above); nothing is left to compute with")
        case let .duplicateArea(area):
            return Localized(nl: "gebied \(area) staat twee keer in de lijst", en: "area \(area) is listed twice")
        case let .duplicateObservation(area, period):
            return Localized(nl: "twee cijfers voor gebied \(area) in \(period)", en: "two figures for area \(area) in \(period)")
        case let .invalidObservation(area, period, problem):
            let what: (String, String) = switch problem {
            case .valueNotFinite: ("de waarde is geen getal", "the value is not a number")
            case .valueNegative: ("de waarde is negatief", "the value is negative")
            case .populationNotPositive: ("de populatie is niet groter dan 0", "the population is not above 0")
            }
            return Localized(nl: "gebied \(area), \(period): \(what.0)", en: "area \(area), \(period): \(what.1)")
        case let .measureMissing(measure, areas, periods):
            var nl: [String] = [], en: [String] = []
            if !areas.isEmpty {
                nl.append("voor \(areas.count == 1 ? "gebied" : "gebieden") \(list(areas)) in geen enkele periode")
                en.append("for \(areas.count == 1 ? "area" : "areas") \(list(areas)) in every period")
            }
            if !periods.isEmpty {
                nl.append("in \(periods.count == 1 ? "periode" : "perioden") \(list(periods)) voor geen enkel gebied")
                en.append("in \(periods.count == 1 ? "period" : "periods") \(list(periods)) for every area")
            }
            return Localized(
                nl: "maat \(measure) ontbreekt " + nl.joined(separator: " en ")
                    + ". Importeer de ontbrekende cijfers (noaber outcomes import), kies met --village de dorpen die er wel zijn, of laat gebieden zonder cijfers weg met --like-did-package.",
                en: "measure \(measure) is missing " + en.joined(separator: " and ")
                    + ". Import the missing figures (noaber outcomes import), choose the villages that have them with --village, or leave areas without figures out with --like-did-package.")
        case let .unbalancedPanel(measure, gaps):
            let shown = gaps.prefix(4).map { "\($0.area) (\(list($0.missingPeriods)))" }.joined(separator: "; ")
                + (gaps.count > 4 ? "; …" : "")
            return Localized(
                nl: "maat \(measure) ontbreekt voor \(gaps.count) \(gaps.count == 1 ? "gebied" : "gebieden") in sommige perioden: \(shown). De schatter heeft voor elk gebied elke periode nodig (een gebalanceerd panel) en vult niets aan. Vul de reeks aan, of laat deze gebieden weg met --like-did-package (zoals het R-pakket did doet; de uitvoer noemt ze).",
                en: "measure \(measure) is missing for \(gaps.count) \(gaps.count == 1 ? "area" : "areas") in some periods: \(shown). The estimator needs every period for every area (a balanced panel) and fills nothing in. Complete the series, or leave these areas out with --like-did-package (as R's did package does; the output names them).")
        case let .startBeforeFirstPeriod(areas, firstPeriod):
            return Localized(
                nl: "de ondersteuner van \(list(areas)) begon vóór of op de eerste dag van de reeks (\(firstPeriod)): er is geen periode ervóór om mee te vergelijken. Lever een reeks aan die eerder begint, controleer ondersteuner_start in het dorpenbestand, of laat deze dorpen weg met --like-did-package.",
                en: "the ondersteuner of \(list(areas)) started on or before the first day of the series (\(firstPeriod)): there is no period before it to compare with. Supply a series that starts earlier, check ondersteuner_start in the villages file, or leave these villages out with --like-did-package.")
        case let .startAfterLastPeriod(areas, lastPeriod):
            return Localized(
                nl: "de ondersteuner van \(list(areas)) begon na het begin van de laatste periode van de reeks (\(lastPeriod)): binnen de reeks is er nog geen periode mét ondersteuner. Wacht op nieuwere cijfers, controleer ondersteuner_start, of tel deze dorpen als vergelijking met --like-did-package.",
                en: "the ondersteuner of \(list(areas)) started after the last period of the series began (\(lastPeriod)): within the series there is no period with the ondersteuner yet. Wait for newer figures, check ondersteuner_start, or count these villages as comparison with --like-did-package.")
        case let .noTreatedAreas(areas):
            return Localized(
                nl: "geen van de \(areas) gebieden heeft een ondersteuner_start binnen de reeks: er is geen effect te schatten. Vul ondersteuner_start in het dorpenbestand in.",
                en: "none of the \(areas) areas has an ondersteuner_start within the series: there is no effect to estimate. Fill in ondersteuner_start in the villages file.")
        case let .noComparisonAreas(treatedAreas, cohorts):
            return Localized(
                nl: "alle \(treatedAreas) gebieden hebben een ondersteuner (gestart in \(list(cohorts))); de verschil-in-verschillenmethode vergelijkt met gebieden zonder ondersteuner en die zijn er niet. Voeg vergelijkingsgebieden toe (comparison_area in het dorpenbestand, met hun uitkomstreeks), of gebruik --method its per dorp.",
                en: "all \(treatedAreas) areas have an ondersteuner (starting \(list(cohorts))); difference-in-differences compares with areas without one and there are none. Add comparison areas (comparison_area in the villages file, with their outcome series), or use --method its per village.")
        case let .allAreasStartTogether(period, areas):
            return Localized(
                nl: "alle \(areas) gebieden kregen hun ondersteuner in dezelfde periode (\(period)) en er is geen gebied zonder: binnen de gegevens is er niets om mee te vergelijken. Voeg vergelijkingsgebieden toe (comparison_area in het dorpenbestand), of gebruik --method its per dorp.",
                en: "all \(areas) areas got their ondersteuner in the same period (\(period)) and none is without one: within the data there is nothing to compare with. Add comparison areas (comparison_area in the villages file), or use --method its per village.")
        case let .singleTreatedArea(area):
            return Localized(
                nl: "alleen \(area) heeft een ondersteuner: met één dorp kan de verschil-in-verschillenmethode niet zeggen hoe zeker de schatting is. Gebruik --method its --village \(area) (een onderbroken tijdreeks van dat dorp).",
                en: "only \(area) has an ondersteuner: with one village, difference-in-differences cannot say how certain the estimate is. Use --method its --village \(area) (an interrupted time series of that village).")
        case let .tooFewComparisonAreas(count, minimum):
            return Localized(
                nl: "\(count) \(count == 1 ? "vergelijkingsgebied" : "vergelijkingsgebieden"); de verschil-in-verschillenmethode heeft er minstens \(minimum) nodig (en bij minder dan 5 is de onzekerheid al onderschat). Voeg vergelijkingsgebieden toe.",
                en: "\(count) comparison \(count == 1 ? "area" : "areas"); difference-in-differences needs at least \(minimum) (and with fewer than 5 the uncertainty is already understated). Add comparison areas.")
        case let .areaNotFound(area):
            return Localized(nl: "gebied \(area) heeft geen cijfers voor deze maat", en: "area \(area) has no figures for this measure")
        case let .areaNotTreated(area):
            return Localized(
                nl: "\(area) heeft binnen de reeks geen ondersteuner_start: een onderbroken tijdreeks heeft een startmoment nodig",
                en: "\(area) has no ondersteuner_start within the series: an interrupted time series needs a start")
        case let .tooFewPeriodsAroundStart(area, before, after, minimum):
            return Localized(
                nl: "\(area) heeft \(before) \(before == 1 ? "periode" : "perioden") vóór en \(after) vanaf de start; een onderbroken tijdreeks heeft er aan elke kant minstens \(minimum) nodig. Kies met --every kortere perioden, of wacht op een langere reeks.",
                en: "\(area) has \(before) \(before == 1 ? "period" : "periods") before and \(after) from the start; an interrupted time series needs at least \(minimum) on each side. Choose shorter periods with --every, or wait for a longer series.")
        case let .invalidOption(name, reason):
            return Localized(nl: "ongeldige instelling \(name): \(reason)", en: "invalid setting \(name): \(reason)")
        }
    }
}
