import NoaberImport
import NoaberModel
import NoaberStore

/// `noaber villages import FILE` and `noaber villages list`.
enum VillagesCommand {
    static let importSpec = CommandSpec(
        name: "import", abstract: Localized(nl: "Importeer het dorpenbestand (inwoners en financiering).",
                                            en: "Import the villages file (population and funding facts)."),
        discussion: Localized(
            nl: "Kolommen: village,name,municipality,inhabitants,inhabitants_75plus,paid_hours_per_week,cost_per_year_eur, "
                + "registration_start, ondersteuner_start, comparison_area (yes voor een gebied zonder ondersteuner, alleen om "
                + "uitkomstreeksen mee te vergelijken). Opnieuw importeren werkt de dorpen bij op code. Het bestand mag CSV of een .xlsx-werkmap zijn.",
            en: "Columns: village,name,municipality,inhabitants,inhabitants_75plus,paid_hours_per_week,cost_per_year_eur, "
                + "registration_start, ondersteuner_start, comparison_area (yes for an area without an ondersteuner, listed only to "
                + "compare outcome series with). Re-importing updates villages by code. The file may be CSV or an .xlsx workbook."),
        options: CommonOptions.specs + [
            OptionSpec(name: "sheet", valueName: Placeholder.sheet,
                       help: Localized(nl: "Het werkblad van een .xlsx-werkmap, op naam of nummer (vanaf 1).",
                                       en: "The worksheet of an .xlsx workbook to read, by name or 1-based number."),
                       defaultDescription: Localized(nl: "het eerste werkblad met een kopregel van dorpen",
                                                     en: "the first sheet with a villages header")),
            CommonOptions.format(["text", "json"]),
        ],
        positionals: [PositionalSpec(name: "file", valueName: Placeholder.file,
                                     help: Localized(nl: "Het dorpenbestand (CSV of .xlsx).", en: "The villages file (CSV or .xlsx)."))])

    static let listSpec = CommandSpec(
        name: "list", abstract: Localized(nl: "Toon de dorpen in de store.", en: "List the villages in the store."),
        options: CommonOptions.specs + [
            CommonOptions.format(["text", "json"]),
        ])

    /// The group; its subcommands and what runs them are bound in `CommandTree.commands`.
    static let spec = CommandSpec(
        name: "villages", abstract: Localized(nl: "Beheer de dorpen en hun inwonersaantallen.", en: "Manage the villages and their population facts."),
        options: [CommonOptions.langSpec],
        defaultSubcommand: "list")

    static func runImport(_ args: ParsedArguments, _ console: Console) throws(CLIFailure) {
        let common = CommonOptions(args)
        let file = args.positional("file") ?? ""
        // Read as a villages file only: a case export given here is refused, never imported.
        var options = ImportOptions(kind: .villages, language: common.language)
        options.asOf = SystemClock.today()
        options.sheet = args.string("sheet")
        try common.importOneFile(file, options: options, json: args.string("format") == "json", console: console)
    }

    static func runList(_ args: ParsedArguments, _ console: Console) throws(CLIFailure) {
        let common = CommonOptions(args)
        let store = try common.openExistingStore()
        let villages: [Village]
        do { villages = try store.villages() } catch { throw .store(error, path: common.databasePath) }
        if args.string("format") == "json" { console.out(try JSONOutput.render(villages)); return }
        let nl = common.language == .nl
        var table = TextTable(header: nl
            ? ["code", "naam", "gemeente", "inwoners", "75+", "uren/week", "kosten/jaar", "ondersteuner sinds"]
            : ["code", "name", "municipality", "inhabitants", "75+", "hours/week", "cost/year", "ondersteuner since"], rightAligned: [3, 4, 5, 6])
        for v in villages {
            let language = common.language
            // A comparison area has no ondersteuner; a village without a start date says nothing.
            let start = v.isComparisonArea ? (nl ? "vergelijkingsgebied" : "comparison area") : v.ondersteunerStart?.iso ?? ""
            table.add([v.code, v.name, v.municipality, language.count(v.inhabitants), v.inhabitants75Plus.map(language.count) ?? "",
                       v.paidHoursPerWeek.map { language.quantity($0) } ?? "", v.costPerYearEUR.map { language.quantity($0) } ?? "", start])
        }
        console.out(table.render())
    }
}
