import NoaberImport
import NoaberModel
import NoaberStore

/// `noaber outcomes import FILE` and `noaber outcomes list`: aggregated outcome series per area
/// and period, the input of `noaber effect`.
enum OutcomesCommand {
    static let importSpec = CommandSpec(
        name: "import", abstract: Localized(nl: "Importeer een geaggregeerde uitkomstreeks (aantallen per gebied en periode).",
                                            en: "Import an aggregated outcome series (counts per area and period)."),
        discussion: Localized(nl: """
        Kolommen: village,period,measure,value,population — één rij per gebied, periode en maat: het aantal \
        (value) in de bevolking waarop het slaat. Perioden zijn 2024, 2024Q3 of 2024-05; maten hebben een vrije \
        naam (huisartsconsulten, wmo_huishoudelijke_hulp, …). Elk gebied moet in het dorpenbestand staan; gebieden \
        zonder ondersteuner zijn daar gemarkeerd met comparison_area.
        Alleen aggregaten: een bestand met een kolom over personen (naam, BSN, cliënt, geboortedatum, …), een \
        herhaalde rij voor gebied-periode-maat of een bevolking onder 50 wordt helemaal geweigerd en er wordt niets \
        opgeslagen.
        Dezelfde lezer, telling van rijen en herkomst als bij exports van hulpvragen; een nieuwere levering vervangt \
        de cijfers van hetzelfde gebied, dezelfde maat en periode; hetzelfde bestand twee keer verandert niets.
        Voorbeelden:
          noaber villages import Datasets/comparison-areas.csv
          noaber outcomes import Datasets/outcomes/huisartsconsulten.csv --as-of 2025-02-01
        """, en: """
        Columns: village,period,measure,value,population — one row per area, period and measure: the count \
        (value) among the population it refers to. Periods are 2024, 2024Q3 or 2024-05; measures are named \
        freely (huisartsconsulten, wmo_huishoudelijke_hulp, …). Every area must be in the villages file; areas \
        without an ondersteuner are marked comparison_area there.
        Aggregates only: a file with a column about persons (name, BSN, client, birth date, …), a repeated \
        area-period-measure row or a population under 50 is refused whole and nothing is stored.
        Same reader, row accounting and provenance as case exports; a newer delivery replaces the figures \
        of the same area, measure and period; the same file twice changes nothing.
        Examples:
          noaber villages import Datasets/comparison-areas.csv
          noaber outcomes import Datasets/outcomes/huisartsconsulten.csv --as-of 2025-02-01
        """),
        options: CommonOptions.specs + [
            OptionSpec(name: "profile", valueName: Placeholder.file,
                       help: Localized(nl: "Mappingprofiel (JSON, kind outcomes) voor andere kolomnamen.",
                                       en: "Mapping profile (JSON, kind outcomes) for other column names.")),
            OptionSpec(name: "sheet", valueName: Placeholder.sheet,
                       help: Localized(nl: "Het werkblad van een .xlsx-werkmap, op naam of nummer (vanaf 1).",
                                       en: "The worksheet of an .xlsx workbook to read, by name or 1-based number."),
                       defaultDescription: Localized(nl: "het eerste werkblad met een kop voor uitkomsten",
                                                     en: "the first sheet with an outcomes header")),
            OptionSpec(name: "as-of", valueName: Placeholder.date,
                       help: Localized(nl: "Datum van levering van de reeks (JJJJ-MM-DD); een oudere levering overschrijft nooit een nieuwere.",
                                       en: "Date the series was delivered (YYYY-MM-DD); an older delivery never overwrites a newer one.")),
            CommonOptions.format(["text", "json"]),
        ],
        flags: [
            FlagSpec(name: "strict", help: Localized(nl: "Laat de hele import mislukken als er een rij wordt afgekeurd.",
                                                     en: "Fail the whole import when any row is rejected.")),
            FlagSpec(name: "dry-run", help: Localized(nl: "Controleer en tel alles, sla niets op.", en: "Check and count everything, store nothing.")),
            CommonOptions.quietFlag,
        ],
        positionals: [PositionalSpec(name: "file", valueName: Placeholder.file,
                                     help: Localized(nl: "De uitkomstreeks (CSV of .xlsx).", en: "The outcome series (CSV or .xlsx)."))])

    static let listSpec = CommandSpec(
        name: "list", abstract: Localized(nl: "Toon de uitkomstmaten in de store, met hun gebieden en perioden.",
                                          en: "List the outcome measures held, with their areas and periods."),
        options: CommonOptions.specs + [CommonOptions.format(["text", "json"])])

    /// The group; its subcommands and what runs them are bound in `CommandTree.commands`.
    static let spec = CommandSpec(
        name: "outcomes", abstract: Localized(nl: "Beheer geaggregeerde uitkomstreeksen (voor 'noaber effect').",
                                              en: "Manage aggregated outcome series (for 'noaber effect')."),
        options: [CommonOptions.langSpec],
        defaultSubcommand: "list")

    static func runImport(_ args: ParsedArguments, _ console: Console) throws(CLIFailure) {
        let common = CommonOptions(args)
        let file = args.positional("file") ?? ""
        var options = ImportOptions(kind: .outcomes, language: common.language)
        options.strict = args.flag("strict")
        options.dryRun = args.flag("dry-run")
        options.sheet = args.string("sheet")
        try CommonOptions.readAsOfAndProfile(args, into: &options)
        if let profile = options.profile, profile.kind != .outcomes, let path = args.string("profile") {
            throw .importFailed(.badProfile(file: path, problem: Localized(
                nl: "kind is \(profile.kind.rawValue); voor een uitkomstreeks moet het outcomes zijn",
                en: "kind is \(profile.kind.rawValue); an outcome series needs outcomes")))
        }
        try common.importOneFile(file, options: options, json: args.string("format") == "json", console: console)
    }

    static func runList(_ args: ParsedArguments, _ console: Console) throws(CLIFailure) {
        let common = CommonOptions(args)
        let store = try common.openExistingStore()
        let measures: [OutcomeMeasureSummary]
        let villages: [Village]
        do {
            measures = try store.outcomeMeasures()
            villages = try store.villages()
        } catch { throw .store(error, path: common.databasePath) }
        if args.string("format") == "json" { console.out(try JSONOutput.render(measures)); return }
        let nl = common.language == .nl
        guard !measures.isEmpty else {
            console.out(nl ? "Geen uitkomstreeksen in de store; importeer er een met 'noaber outcomes import BESTAND'.\n"
                           : "No outcome series in the store; import one with 'noaber outcomes import FILE'.\n")
            return
        }
        let comparison = Set(villages.filter(\.isComparisonArea).map(\.code))
        let started = Set(villages.filter { $0.ondersteunerStart != nil }.map(\.code))
        var table = TextTable(header: nl ? ["maat", "gebieden", "met ondersteuner", "vergelijking", "perioden", "van", "tot", "eenheid", "cijfers"]
                                         : ["measure", "areas", "with ondersteuner", "comparison", "periods", "from", "to", "unit", "figures"],
                              rightAligned: [1, 2, 3, 4, 8])
        for m in measures {
            let units = m.units.map { u in nl ? (OutcomePeriod.Unit(rawValue: u)?.dutch ?? u) : u }.joined(separator: ", ")
            table.add([m.measure, String(m.areas.count), String(m.areas.filter(started.contains).count),
                       String(m.areas.filter(comparison.contains).count), String(m.periods), m.firstPeriod, m.lastPeriod, units,
                       String(m.rows)])
        }
        var out = table.render()
        for m in measures {
            out += "\n\(m.measure): " + m.areas.joined(separator: ", ") + "\n"
            let unknown = m.areas.filter { !started.contains($0) && !comparison.contains($0) }
            if !unknown.isEmpty {
                out += nl ? "  zonder ondersteuner_start en niet als vergelijkingsgebied gemarkeerd (telt niet mee in 'noaber effect'): \(unknown.joined(separator: ", "))\n"
                          : "  without ondersteuner_start and not marked as comparison area (left out of 'noaber effect'): \(unknown.joined(separator: ", "))\n"
            }
        }
        console.out(out)
    }
}
