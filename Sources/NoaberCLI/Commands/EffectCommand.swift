import NoaberCSV
import NoaberMetrics
import NoaberModel
import NoaberReport
import NoaberStore

/// `noaber effect --measure NAME`: did the ondersteuner change an outcome? Staggered
/// difference-in-differences against comparison areas, or an interrupted time series per village
/// (docs/effect.md).
struct EffectCommand {
    static let spec = CommandSpec(
        name: "effect",
        abstract: Localized(nl: "Schat het effect van de ondersteuner op een uitkomstreeks (verschil-in-verschillen of tijdreeks).",
                            en: "Estimate the ondersteuner's effect on an outcome series (difference-in-differences or time series)."),
        discussion: Localized(nl: """
        Op het aantal per 1.000 inwoners (1000 × value / population) van een geïmporteerde uitkomstreeks. Een dorp \
        telt als behandeld vanaf de eerste periode die op of na zijn ondersteuner_start begint (dorpenbestand); \
        gebieden met comparison_area zijn de vergelijking. --method did (standaard met vergelijkingsgebieden en \
        twee of meer dorpen met ondersteuner): Callaway & Sant'Anna (2021), met de event study en een toets op \
        trends vooraf. --method its (anders standaard, en met --village): een gesegmenteerde regressie per dorp \
        met Newey-West-fouten, die de ondersteuner niet kan onderscheiden van iets anders dat bij de start veranderde.
        Rijen zijn tidy: village (all, of het dorp), period (het bereik), metric, value, lower, upper (95%), n \
        (gebieden of perioden), suppressed. Cijfers die op een aantal van 1 tot k-1 rusten staan als <k (k = 5).
        Onvolledige reeksen, starts buiten de reeks en te weinig gebieden worden geweigerd met wat te doen \
        (exitcode 65); --like-did-package doet in plaats daarvan wat het R-pakket did doet (laat onvolledige \
        gebieden en gebieden die vanaf de eerste periode behandeld zijn weg, telt gebieden die na de reeks starten \
        als vergelijking) en noemt elke stap.
        Voorbeelden:
          noaber effect --measure huisartsconsulten
          noaber effect --measure huisartsconsulten --method its --village SAA
          noaber effect --measure huisartsconsulten --every year --format csv > effect.csv
        """, en: """
        On the rate per 1,000 inhabitants (1000 × value / population) of an imported outcome series. A village \
        counts as treated from the first period that starts on or after its ondersteuner_start (villages file); \
        areas marked comparison_area are the comparison. --method did (the default with comparison areas and two \
        or more treated villages): Callaway & Sant'Anna (2021), with the event study and a pre-trend test. \
        --method its (the default otherwise, and with --village): a segmented regression per village with \
        Newey-West errors, which cannot tell the ondersteuner from anything else that changed at the start.
        Rows are tidy: village (all, or the village), period (the range), metric, value, lower, upper (95%), n \
        (areas, or periods), suppressed. Figures resting on a count of 1 to k-1 read <k (k = 5).
        Incomplete series, starts outside the series and too few areas are refused with what to do (exit 65); \
        --like-did-package instead does what R's did package does (drops incomplete areas and areas treated \
        from the first period, counts areas that start after the series as comparison) and lists each step.
        Examples:
          noaber effect --measure huisartsconsulten
          noaber effect --measure huisartsconsulten --method its --village SAA
          noaber effect --measure huisartsconsulten --every year --format csv > effect.csv
        """),
        options: CommonOptions.specs + [
            OptionSpec(name: "measure", valueName: Placeholder.name,
                       help: Localized(nl: "De uitkomstmaat (zie 'noaber outcomes list').", en: "The outcome measure (see 'noaber outcomes list')."),
                       required: true),
            OptionSpec(name: "every", valueName: Placeholder.unit,
                       help: Localized(nl: "Periode-eenheid; fijnere cijfers worden opgeteld.", en: "Period unit; finer figures are summed."),
                       allowed: ["month", "quarter", "year"],
                       defaultDescription: Localized(nl: "de eenheid van de cijfers", en: "the unit of the figures")),
            OptionSpec(name: "method", valueName: Placeholder.method,
                       help: Localized(nl: "did: tegen vergelijkingsgebieden; its: de tijdreeks van één dorp.",
                                       en: "did: against comparison areas; its: one village's time series."),
                       allowed: ["did", "its"],
                       defaultDescription: Localized(nl: "did met vergelijkingsgebieden, anders its", en: "did with comparison areas, else its")),
            OptionSpec(name: "village", valueName: Placeholder.code,
                       help: Localized(nl: "Alleen deze dorpen; betekent --method its tenzij did gevraagd wordt.",
                                       en: "Only these villages; implies --method its unless did is asked."),
                       repeatable: true),
            CommonOptions.format(["table", "csv", "json"]),
            CommonOptions.csvDialectSpec(default: Localized(verbatim: "standard")),
            OptionSpec(name: "min-cell", valueName: Placeholder.k,
                       help: Localized(nl: "Kleinste aantal waarop een cijfer mag rusten.", en: "Smallest count a figure may rest on."),
                       defaultDescription: Localized(verbatim: "5")),
        ],
        flags: [
            FlagSpec(name: "no-suppression", help: Localized(nl: "Toon cijfers die op kleine aantallen rusten (alleen voor intern onderzoek).",
                                                             en: "Show figures resting on small counts (internal research only).")),
            FlagSpec(name: "like-did-package",
                     help: Localized(nl: "Laat onvolledige gebieden en gebieden die vanaf de eerste periode behandeld zijn weg, tel latere starts als vergelijking (elk genoemd).",
                                     en: "Drop incomplete areas and areas treated from the first period, count later starts as comparison (each listed).")),
        ])

    let args: ParsedArguments
    let common: CommonOptions

    init(_ args: ParsedArguments) {
        self.args = args
        common = CommonOptions(args)
    }

    func run(_ console: Console) throws(CLIFailure) {
        let request = try Self.request(args)
        let store = try common.openExistingStore()
        let input: EffectInput
        do { input = try EffectInput.load(from: store, measure: request.measure) } catch { throw .store(error, path: common.databasePath) }
        let result: EffectResult
        do { result = try EffectAnalysis.run(input, request: request) } catch { throw Self.failure(error) }
        let language = common.language
        if let notes = EffectText.notes(result, language: language) { console.err(notes) }
        switch args.string("format") {
        case "json": console.out(try JSONOutput.render(result.rows))
        case "csv":
            let dialect: CSVDialect = args.string("csv-dialect") == "excel-nl" ? .excelDutch : .standard
            console.out(TidyCSV.render(result.rows, dialect: dialect))
        default:
            console.out(EffectText.table(result, language: language))
        }
    }

    /// The request from the command line; usage errors name the option.
    static func request(_ args: ParsedArguments) throws(CLIFailure) -> EffectRequest {
        let measure = args.string("measure") ?? ""
        var request = EffectRequest(measure: measure)
        request.method = args.string("method").flatMap(EffectMethod.init(rawValue:))
        request.every = args.string("every").flatMap(OutcomePeriod.Unit.init(rawValue:))
        request.villages = args.strings("village").nilIfEmpty
        if args.flag("like-did-package") { request.policy = .likeDidPackage }
        if let k = try CommonOptions.minCell(args) { request.minCell = k }
        if args.flag("no-suppression") { request.minCell = nil }
        return request
    }

    /// Exit code 69 when the store has nothing for the request, 65 when the data cannot carry
    /// the estimate (docs/exit-codes.md).
    static func failure(_ error: EffectAnalysisError) -> CLIFailure {
        error.isMissingData ? .noData(error.localized) : .data(error.localized)
    }
}

/// What `noaber effect` prints for people: the table on standard output, the notes (areas left
/// out, adjustments, cautions) on standard error.
enum EffectText {
    static func table(_ r: EffectResult, language: Language) -> String {
        let nl = language == .nl
        let f = NumberFormatting(language: language)
        let dates = DateFormatting(language: language)
        let unit = EffectWording.unitName(r.unit, language)
        let measure = EffectWording.measureName(r.measure)
        let method = r.method == .did
            ? (nl ? "verschil-in-verschillen (Callaway & Sant'Anna 2021) tegen \(r.comparison.count) vergelijkingsgebieden"
                  : "difference-in-differences (Callaway & Sant'Anna 2021) against \(r.comparison.count) comparison areas")
            : (nl ? "onderbroken tijdreeks per dorp (Newey-West)" : "interrupted time series per village (Newey-West)")
        var out = nl
            ? "Effect op \(measure) per 1.000 inwoners per \(unit), \(dates.periodLabel(r.rangeLabel)): \(method).\n"
            : "Effect on \(measure) per 1,000 inhabitants per \(unit), \(dates.periodLabel(r.rangeLabel)): \(method).\n"
        /// Names, the first twelve of a long list and how many more.
        func names(_ codes: [String]) -> String {
            let shown = codes.prefix(12).map { r.names[$0] ?? $0 }.joined(separator: ", ")
            return codes.count <= 12 ? shown : shown + (nl ? " en \(codes.count - 12) meer" : " and \(codes.count - 12) more")
        }
        out += (nl ? "Dorpen met ondersteuner (\(r.treated.count)): " : "Villages with an ondersteuner (\(r.treated.count)): ") + names(r.treated) + "\n"
        if !r.comparison.isEmpty {
            out += (nl ? "Vergelijkingsgebieden (\(r.comparison.count)): " : "Comparison areas (\(r.comparison.count)): ") + names(r.comparison) + "\n"
        }
        out += "\n"
        var groups: [(String, [MetricRow])] = []
        for row in r.rows {
            if let i = groups.firstIndex(where: { $0.0 == row.village }) { groups[i].1.append(row) } else { groups.append((row.village, [row])) }
        }
        for (village, rows) in groups {
            if r.method == .its { out += (r.names[village] ?? village) + "\n" }
            var table = TextTable(header: nl ? ["", "waarde", "95%-BI", "n"] : ["", "value", "95% CI", "n"],
                                  rightAligned: [1, 2, 3])
            for row in rows {
                let isP = row.metric == .pretrendP || row.metric == .pretrendEventP
                let value: String
                var interval = ""
                if row.suppressed {
                    value = f.suppressed(minimumCell: r.minCell ?? 5)
                } else if let v = row.value {
                    value = isP ? EffectWording.pValue(v, f) : f.decimal(v, fractionDigits: 1)
                    if let lo = row.lower, let hi = row.upper {
                        interval = f.decimal(lo, fractionDigits: 1) + (nl ? " tot " : " to ") + f.decimal(hi, fractionDigits: 1)
                    }
                } else {
                    value = f.notAvailable
                }
                table.add([EffectWording.label(row.metric, unit: r.unit, language), value, interval, row.n.map(String.init) ?? ""])
            }
            out += table.render() + "\n"
        }
        if r.method == .did {
            out += EffectWording.sentence(.estimated(r), language) + "\n"
        } else {
            out += nl
                ? "Let op: een onderbroken tijdreeks schrijft elke verandering bij de start toe aan de ondersteuner; zonder vergelijkingsgebieden is niet uit te sluiten dat iets anders in dezelfde tijd veranderde.\n"
                : "Note: an interrupted time series attributes every change at the start to the ondersteuner; without comparison areas it cannot rule out that something else changed at the same time.\n"
        }
        return out
    }

    /// Areas left out, what `--like-did-package` changed, incomplete periods and cautions; nil
    /// when there is nothing to say.
    static func notes(_ r: EffectResult, language: Language) -> String? {
        let nl = language == .nl
        var lines: [String] = []
        let unknown = r.leftOut.filter { $0.reason == .startUnknown }.map { "\($0.name) (\($0.area))" }
        if !unknown.isEmpty {
            lines.append(nl
                ? "niet meegeteld, want zonder ondersteuner_start en niet gemarkeerd als comparison_area in het dorpenbestand: \(unknown.joined(separator: ", "))."
                : "left out, having no ondersteuner_start and not marked comparison_area in the villages file: \(unknown.joined(separator: ", ")).")
        }
        let strangers = r.leftOut.filter { $0.reason == .notInVillagesFile }.map(\.area)
        if !strangers.isEmpty {
            lines.append(nl ? "niet meegeteld, want niet in het dorpenbestand: \(strangers.joined(separator: ", "))."
                            : "left out, not being in the villages file: \(strangers.joined(separator: ", ")).")
        }
        if r.method == .its && r.comparison.isEmpty && r.treated.count > 0 {
            lines.append(nl
                ? "methode its: elke verandering bij de start telt als effect van de ondersteuner (geen vergelijkingsgebieden gebruikt)."
                : "method its: every change at the start counts as the ondersteuner's effect (no comparison areas used).")
        }
        for adjustment in r.adjustments {
            switch adjustment {
            case let .droppedIncomplete(area, missing):
                lines.append(nl ? "--like-did-package: \(area) weggelaten, cijfers ontbreken in \(missing.prefix(6).joined(separator: ", "))\(missing.count > 6 ? " …" : "")."
                                : "--like-did-package: \(area) dropped, figures missing in \(missing.prefix(6).joined(separator: ", "))\(missing.count > 6 ? " …" : "").")
            case let .droppedStartBeforeSeries(area, start):
                lines.append(nl ? "--like-did-package: \(area) weggelaten, de ondersteuner begon (\(start.iso)) niet na het begin van de reeks."
                                : "--like-did-package: \(area) dropped, its ondersteuner started (\(start.iso)) not after the series began.")
            case let .usedAsComparison(area, start):
                lines.append(nl ? "--like-did-package: \(area) telt als vergelijking, de ondersteuner begon (\(start.iso)) na de laatste periode."
                                : "--like-did-package: \(area) counts as comparison, its ondersteuner started (\(start.iso)) after the last period.")
            }
        }
        for cell in r.incompleteCells.prefix(10) {
            lines.append(nl ? "\(cell.area) \(cell.period): cijfers voor \(cell.months) van de \(cell.of) maanden; telt als ontbrekend."
                            : "\(cell.area) \(cell.period): figures for \(cell.months) of \(cell.of) months; counted as missing.")
        }
        if let did = r.did {
            for (check, all) in [(did.pretrend, true), (did.eventPretrend, false)] {
                let which = all ? (nl ? "de pre-trendtoets over alle effecten vóór de start" : "the pre-trend test over every effect before the start")
                                : (nl ? "de pre-trendtoets over de laatste perioden vóór de start" : "the pre-trend test over the last periods before the start")
                switch check {
                case .tested: break
                case .noPreTreatmentPeriods:
                    lines.append(nl ? "\(which) is niet te maken: er is geen periode vóór de start behalve de basisperiode."
                                    : "\(which) cannot be made: there is no period before the start but the base period.")
                case .singularCovariance(let cells):
                    lines.append(nl ? "\(which) is niet te maken: \(cells) effecten vóór de start en te weinig gebieden om ze uit elkaar te houden (singuliere covariantie)."
                                    : "\(which) cannot be made: \(cells) effects before the start and too few areas to tell them apart (singular covariance).")
                }
            }
        }
        for caution in r.cautions {
            switch caution {
            case let .smallCohort(period, areas):
                lines.append(nl ? "het effect van de dorpen gestart in \(period) rust op \(areas == 1 ? "één dorp" : "\(areas) dorpen"); de onzekerheid ervan is onderschat."
                                : "the effect of the villages started in \(period) rests on \(areas == 1 ? "one village" : "\(areas) villages"); its uncertainty is understated.")
            case let .fewComparisonAreas(count):
                lines.append(nl ? "maar \(count) vergelijkingsgebieden; de onzekerheid is onderschat (het R-pakket did weigert onder de 5)."
                                : "only \(count) comparison areas; the uncertainty is understated (R's did package refuses below 5).")
            }
        }
        if r.suppressedRows > 0, let k = r.minCell {
            lines.append(nl ? "\(r.suppressedRows) \(r.suppressedRows == 1 ? "cijfer" : "cijfers") verborgen (<\(k)): ze berusten op een aantal van 1 tot \(k - 1) in een gebied en periode."
                            : "\(r.suppressedRows) \(r.suppressedRows == 1 ? "figure" : "figures") hidden (<\(k)): they rest on a count of 1 to \(k - 1) in an area and period.")
        }
        guard !lines.isEmpty else { return nil }
        return lines.map { (nl ? "Let op: " : "Note: ") + $0 }.joined(separator: "\n") + "\n"
    }
}
