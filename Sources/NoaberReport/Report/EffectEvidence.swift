import NoaberMetrics
import NoaberModel

/// What a report knows about the effect on an outcome series: an estimate, why there is none, or
/// that the store holds several measures and none was chosen. Computed by the caller (the CLI
/// reads the store) and carried in `ReportRequest.effect`; nil when the store holds no outcome
/// series, and then no report mentions effects at all.
public enum EffectEvidence: Sendable {
    case estimated(EffectResult)
    /// The analysis of `measure` could not be made; the error says why.
    case notPossible(measure: String, error: EffectAnalysisError)
    /// Several measures are held and `--effect-measure` chose none.
    case chooseMeasure([String])
}

/// The words for effect figures, shared by `noaber effect` and the reports, so that the terminal
/// and the raadsbrief never say different things about the same estimate.
public enum EffectWording {
    /// `huisartsconsulten`, `wmo huishoudelijke hulp`: a measure's code as words.
    public static func measureName(_ measure: String) -> String {
        String(measure.map { $0 == "_" ? " " : $0 })
    }

    /// "kwartaal" / "quarter": the unit a rate per 1,000 is per.
    public static func unitName(_ unit: OutcomePeriod.Unit, _ language: Language) -> String {
        language == .nl ? unit.dutch : unit.rawValue
    }

    /// The label of a tidy row's metric, for tables.
    public static func label(_ metric: MetricID, unit: OutcomePeriod.Unit, _ language: Language) -> String {
        let nl = language == .nl
        let u = unitName(unit, language)
        if metric == .attOverall { return nl ? "gemiddeld effect na de start" : "average effect after the start" }
        if metric == .pretrendP { return nl ? "pre-trendtoets, alle effecten vóór de start (p)" : "pre-trend test, every effect before the start (p)" }
        if metric == .pretrendEventP {
            let leads = CallawaySantAnna.eventPretestLeads
            return nl ? "pre-trendtoets, laatste \(leads) \(unit.dutchPluralName) vóór de start (p)"
                      : "pre-trend test, last \(leads) \(unit.rawValue)s before the start (p)"
        }
        if metric == .itsLevelChange { return nl ? "sprong bij de start" : "level change at the start" }
        if metric == .itsSlopeChange { return nl ? "verandering van de trend per \(u)" : "change in trend per \(u)" }
        if metric.metric == .attGroup, let cohort = metric.category {
            return nl ? "dorpen gestart in \(cohort)" : "villages started in \(cohort)"
        }
        if metric.metric == .attEvent, let k = metric.category.flatMap({ Int($0) }) {
            return relativePeriod(k, unit: unit, language)
        }
        return metric.name
    }

    /// "3 kwartalen na de start", "het kwartaal van de start", "2 kwartalen ervóór".
    public static func relativePeriod(_ k: Int, unit: OutcomePeriod.Unit, _ language: Language) -> String {
        let nl = language == .nl
        let one = unitName(unit, language)
        let many = nl ? unit.dutchPluralName : unit.rawValue + "s"
        if k == 0 { return nl ? "eerste \(one) met ondersteuner" : "first \(one) with the support worker" }
        let n = abs(k)
        let word = n == 1 ? one : many
        if k > 0 { return nl ? "\(n) \(word) later" : "\(n) \(word) later" }
        return nl ? "\(n) \(word) ervóór" : "\(n) \(word) before"
    }

    /// The one sentence the raadsbrief says about the effect, by `EffectResult.verdict`: an
    /// effect only when the 95% interval excludes zero and the pre-trend test does not reject;
    /// otherwise that the data cannot show an effect yet, and why.
    public static func sentence(_ evidence: EffectEvidence, _ language: Language) -> String {
        let nl = language == .nl
        let f = NumberFormatting(language: language)
        switch evidence {
        case .chooseMeasure(let measures):
            return nl ? "Er zijn uitkomstreeksen (\(measures.joined(separator: ", "))), maar voor dit rapport is er geen gekozen."
                      : "Outcome series are held (\(measures.joined(separator: ", "))), but none was chosen for this report."
        case .notPossible(let measure, let error):
            let why = shortReason(error, language)
            return nl ? "Of de dorpsondersteuning het aantal \(measureName(measure)) verandert, kunnen de gegevens nog niet laten zien: \(why)."
                      : "The data cannot show yet whether village support changes the number of \(measureName(measure)): \(why)."
        case .estimated(let result):
            let m = measureName(result.measure)
            let u = unitName(result.unit, language)
            let cannot = nl ? "Of de dorpsondersteuning het aantal \(m) verandert, kunnen de gegevens nog niet laten zien: "
                            : "The data cannot show yet whether village support changes the number of \(m): "
            switch result.verdict {
            case let .effect(value, lower, upper):
                let lowerWord = value < 0
                let size = f.decimal(abs(value), fractionDigits: 1)
                let lo = f.decimal(min(abs(lower), abs(upper)), fractionDigits: 1)
                let hi = f.decimal(max(abs(lower), abs(upper)), fractionDigits: 1)
                let n = result.comparison.count
                if nl {
                    return "In de \(result.treated.count) dorpen met een dorpsondersteuner lag het aantal \(m) na de start gemiddeld \(size) per 1.000 inwoners per \(u) \(lowerWord ? "lager" : "hoger") dan te verwachten was uit \(n) vergelijkbare gebieden zonder ondersteuner (95%-BI \(lo) tot \(hi)); vóór de start week hun ontwikkeling niet aantoonbaar af van die gebieden."
                }
                return "In the \(result.treated.count) villages with a village support worker, \(m) were on average \(size) per 1,000 inhabitants per \(u) \(lowerWord ? "lower" : "higher") after the start than \(n) comparable areas without one would predict (95% CI \(lo) to \(hi)); before the start they did not move detectably differently from those areas."
            case let .intervalIncludesZero(value, lower, upper):
                let shown = f.decimal(value, fractionDigits: 1), lo = f.decimal(lower, fractionDigits: 1), hi = f.decimal(upper, fractionDigits: 1)
                return cannot + (nl
                    ? "de schatting (\(shown) per 1.000 inwoners per \(u)) valt binnen de marge van toeval (95%-BI \(lo) tot \(hi)), en dat is iets anders dan aantonen dat er geen effect is."
                    : "the estimate (\(shown) per 1,000 inhabitants per \(u)) lies within the margin of chance (95% CI \(lo) to \(hi)), which is not the same as showing there is no effect.")
            case let .pretrendRejected(p):
                return cannot + (nl
                    ? "de dorpen met en zonder ondersteuner ontwikkelden zich al vóór de start verschillend (pre-trendtoets p = \(pValue(p, f))), dus een verschil daarna is niet aan de ondersteuner toe te schrijven."
                    : "the villages with and without a support worker already moved differently before the start (pre-trend test p = \(pValue(p, f))), so a difference afterwards cannot be attributed to the support worker.")
            case .noPretrendTest:
                return cannot + (nl
                    ? "de reeks vóór de start is te kort (of er zijn te weinig gebieden) om te toetsen of de dorpen daarvoor gelijk opliepen met de vergelijkingsgebieden."
                    : "the series before the start is too short (or there are too few areas) to test whether the villages moved alike with the comparison areas beforehand.")
            case .suppressed:
                return cannot + (nl ? "de cijfers berusten op te kleine aantallen om te publiceren."
                                    : "the figures rest on counts too small to publish.")
            case .noInterval:
                return cannot + (nl ? "de onzekerheid van de schatting is niet te bepalen." : "the uncertainty of the estimate cannot be determined.")
            case .noComparison:
                return cannot + (nl
                    ? "er zijn geen vergelijkingsgebieden zonder ondersteuner, en een tijdreeks van één dorp kan de ondersteuner niet onderscheiden van andere veranderingen in dezelfde tijd."
                    : "there are no comparison areas without a support worker, and one village's time series cannot tell the support worker from other changes at the same time.")
            }
        }
    }

    /// A p-value for a sentence: three decimals, "< 0,001" below that.
    public static func pValue(_ p: Double, _ f: NumberFormatting) -> String {
        p < 0.001 ? "< " + f.decimal(0.001, fractionDigits: 3) : f.decimal(p, fractionDigits: 3)
    }

    /// Why no estimate could be made, in words for a council (no options, no codes).
    public static func shortReason(_ error: EffectAnalysisError, _ language: Language) -> String {
        let nl = language == .nl
        switch error {
        case .noOutcomes, .unknownMeasure:
            return nl ? "er zijn geen cijfers voor deze maat" : "there are no figures for this measure"
        case .unknownVillage, .villageIsComparisonArea:
            return nl ? "de gekozen dorpen passen niet bij de gegevens" : "the villages chosen do not fit the data"
        case .unitFinerThanData:
            return nl ? "de cijfers zijn er niet per gevraagde periode" : "the figures do not come per the period asked"
        case .overlappingPeriods:
            return nl ? "de reeks bevat dubbele cijfers" : "the series holds double figures"
        case .estimate(let e):
            switch e {
            case .measureMissing, .unbalancedPanel:
                return nl ? "de reeks is niet compleet (niet voor elk gebied elke periode)"
                          : "the series is incomplete (not every period for every area)"
            case .startBeforeFirstPeriod:
                return nl ? "de reeks begint niet vóór de start van elk dorp" : "the series does not begin before every village's start"
            case .startAfterLastPeriod:
                return nl ? "in een of meer dorpen begon de ondersteuner pas na het einde van de reeks"
                          : "in one or more villages the support worker started only after the series ends"
            case .noComparisonAreas, .allAreasStartTogether:
                return nl ? "er zijn geen vergelijkingsgebieden zonder ondersteuner" : "there are no comparison areas without a support worker"
            case .singleTreatedArea:
                return nl ? "er is maar één dorp met een ondersteuner in de reeks" : "only one village with a support worker is in the series"
            case .tooFewComparisonAreas:
                return nl ? "er zijn te weinig vergelijkingsgebieden" : "there are too few comparison areas"
            case .tooFewPeriods, .tooFewPeriodsAroundStart:
                return nl ? "de reeks is te kort" : "the series is too short"
            case .noTreatedAreas, .areaNotTreated:
                return nl ? "geen dorp in de reeks heeft een bekende startdatum van de ondersteuner"
                          : "no village in the series has a known start date of its support worker"
            default:
                return nl ? "de gegevens voldoen niet aan wat de methode nodig heeft (zie het onderzoeksrapport)"
                          : "the data do not meet what the method needs (see the research report)"
            }
        }
    }
}

extension OutcomePeriod.Unit {
    /// `jaren`, `kwartalen`, `maanden`.
    var dutchPluralName: String {
        switch self {
        case .year: "jaren"
        case .quarter: "kwartalen"
        case .month: "maanden"
        }
    }
}
