import NoaberMetrics
import NoaberModel
import NoaberReport

/// What the CLI says about the data behind the figures it prints: which villages have no data or
/// only part of a period, and whose coverage start is estimated. Written to standard error, so
/// the figures on standard output stay machine-readable.
enum CoverageNotice {
    /// The warning for `metrics` over `periods`, or nil when every village covers every period
    /// fully and every registration start is known.
    static func warning(villages: [Village], coverage: [String: VillageCoverage], periods: [Period],
                        includePartial: Bool, language: Language) -> String? {
        let nl = language == .nl
        let dates = DateFormatting(language: language)
        let summaries = periods.map { CoverageSummary(period: $0, villages: villages, coverage: coverage) }
        var lines: [String] = []
        for v in villages.sorted(by: { ($0.name, $0.code) < ($1.name, $1.code) }) {
            let c = coverage[v.code] ?? .empty
            // Names come from the villages file: no control or bidi character reaches the terminal.
            let name = TerminalText.sanitised("\(v.name) (\(v.code))")
            guard c.span(.cases) != nil else {
                lines.append(nl ? "  \(name): geen gegevens (nog geen export van hulpvragen)"
                                : "  \(name): no data (no case export yet)")
                continue
            }
            var gaps: [String] = []
            for s in summaries {
                let label = dates.periodLabel(s.period.label)
                if s.none.contains(v) {
                    gaps.append(nl ? "\(label): geen gegevens" : "\(label): no data")
                } else if let p = s.partial.first(where: { $0.village == v }) {
                    let pct = NumberFormatting(language: language).decimal(p.percent, fractionDigits: 1)
                    gaps.append(nl ? "\(label): deels (\(pct)% van de dagen)" : "\(label): partly (\(pct)% of the days)")
                }
            }
            if !gaps.isEmpty {
                let shown = gaps.prefix(6).joined(separator: "; ") + (gaps.count > 6 ? "; …" : "")
                let range = (c.start.map(dates.date) ?? "?") + (nl ? " t/m " : " to ") + (c.casesEnd.map(dates.date) ?? "?")
                lines.append("  \(name), " + (nl ? "gegevens \(range)" : "data \(range)") + ": " + shown)
            }
            if c.startSource == .earliestRecord, let start = c.start {
                lines.append(nl
                    ? "  \(name): begin van de registratie niet in het dorpenbestand; gerekend vanaf de eerste hulpvraag (\(dates.date(start)))"
                    : "  \(name): registration start not in the villages file; counted from the first case (\(dates.date(start)))")
            }
        }
        guard !lines.isEmpty else { return nil }
        var head = nl
            ? "Let op: niet elk dorp heeft gegevens over elke gevraagde periode. Aantallen, bereik, vrijwilligers, uren en kosten tellen alleen de dorpen met gegevens over de hele periode (ook in de totalen en noemers); reactietijden gebruiken de hulpvragen van de gedekte dagen."
            : "Note: not every village has data for every period asked. Counts, reach, volunteers, hours and costs count only the villages with data for the whole period (totals and denominators too); response times use the cases of the covered days."
        if includePartial {
            head += nl ? " --include-partial: deels gedekte dorpen tellen hier tóch mee; hun aantallen beslaan minder dagen dan de periode."
                       : " --include-partial: partly covered villages are counted anyway; their counts span fewer days than the period."
        }
        return head + "\n" + lines.joined(separator: "\n") + "\n"
    }

    /// The refusal of a report period that no village's data cover, naming how far the data reach.
    static func emptyPeriod(_ period: Period, coverage: [String: VillageCoverage], language: Language) -> CLIFailure {
        let nl = DateFormatting(language: .nl), en = DateFormatting(language: .en)
        let start = CoverageSummary.dataStart(coverage), end = CoverageSummary.dataEnd(coverage)
        let label = (nl.periodLabel(period.label), en.periodLabel(period.label))
        guard let start, let end else {
            return .noData(Localized(nl: "geen enkel dorp heeft gegevens over \(label.0): er is nog geen export van hulpvragen",
                                     en: "no village has data for \(label.1): no case export yet"))
        }
        let suggestion = end.year - (end.month == 12 && end.day == 31 ? 0 : 1)
        let hint = suggestion >= start.year ? (" --period \(suggestion)") : ""
        return .noData(Localized(
            nl: "geen enkel dorp heeft gegevens over \(label.0). De gegevens lopen van \(nl.date(start)) tot \(nl.date(end)) (de nieuwste export); kies een periode daarbinnen\(hint.isEmpty ? "" : ", bijvoorbeeld" + hint).",
            en: "no village has data for \(label.1). The data run from \(en.date(start)) to \(en.date(end)) (the newest export); choose a period within them\(hint.isEmpty ? "" : ", for example" + hint)."))
    }
}
