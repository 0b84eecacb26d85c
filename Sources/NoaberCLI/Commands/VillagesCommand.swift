import NoaberImport
import NoaberModel
import NoaberStore

/// `noaber villages import FILE` and `noaber villages list`.
enum VillagesCommand {
    static let importSpec = CommandSpec(
        name: "import", abstract: "Import the villages file (population and funding facts).",
        discussion: "Columns: village,name,municipality,inhabitants,inhabitants_75plus,paid_hours_per_week,cost_per_year_eur, "
            + "registration_start, ondersteuner_start, comparison_area (yes for an area without an ondersteuner, listed only to "
            + "compare outcome series with). Re-importing updates villages by code. The file may be CSV or an .xlsx workbook.",
        options: CommonOptions.specs + [
            OptionSpec(name: "sheet", valueName: "name|number", help: "The worksheet of an .xlsx workbook to read, by name or 1-based number.",
                       defaultDescription: "the first sheet with a villages header"),
            CommonOptions.format(["text", "json"]),
        ],
        positionals: [PositionalSpec(name: "file", help: "The villages file (CSV or .xlsx).")])

    static let listSpec = CommandSpec(
        name: "list", abstract: "List the villages in the store.",
        options: CommonOptions.specs + [
            CommonOptions.format(["text", "json"]),
        ])

    static let spec = CommandSpec(
        name: "villages", abstract: "Manage the villages and their population facts.",
        subcommands: [importSpec, listSpec], defaultSubcommand: "list")

    static func runImport(_ args: ParsedArguments, _ console: Console) throws(CLIFailure) {
        let common = CommonOptions(args)
        let file = args.positional("file") ?? ""
        let report = try common.withWritableStore { (store, committed) throws(CLIFailure) -> ImportReport in
            let importer = Importer(store: store, keyPath: common.keyPath)
            // Read as a villages file only: a case export given here is refused, never imported.
            var options = ImportOptions(kind: .villages, language: common.language)
            options.asOf = SystemClock.today()
            options.sheet = args.string("sheet")
            let report: ImportReport
            do throws(ImportError) { report = try importer.importFile(file, options: options) } catch { throw .importFailed(error) }
            committed = report.status == .completed || report.status == .completedWithRejections
            return report
        }
        if args.string("format") == "json" { console.out(try JSONOutput.render([report])) }
        else { console.out(ImportReportText.render(report, language: common.language)) }
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
            // A comparison area has no ondersteuner; a village without a start date says nothing.
            let start = v.isComparisonArea ? (nl ? "vergelijkingsgebied" : "comparison area") : v.ondersteunerStart?.iso ?? ""
            table.add([v.code, v.name, v.municipality, String(v.inhabitants), v.inhabitants75Plus.map(String.init) ?? "",
                       v.paidHoursPerWeek.map { Plain.number($0) } ?? "", v.costPerYearEUR.map { Plain.number($0) } ?? "", start])
        }
        console.out(table.render())
    }
}

/// Plain number text for terminal tables (no thousands separators, so values copy cleanly).
enum Plain {
    static func number(_ v: Double, digits: Int = 2) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        var s = String(v)
        if let dot = s.firstIndex(of: "."), s.distance(from: dot, to: s.endIndex) > digits + 1 {
            let factor = pow10(digits)
            s = String((v * factor).rounded() / factor)
        }
        return s
    }

    private static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * 10 } }
}
