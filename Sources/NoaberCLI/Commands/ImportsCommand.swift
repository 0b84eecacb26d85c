import NoaberCSV
import NoaberImport
import NoaberModel
import NoaberStore

/// `noaber imports`: the provenance of every import; `noaber rejected`: the quarantined rows.
enum ProvenanceCommands {
    static let importsSpec = CommandSpec(
        name: "imports", abstract: Localized(nl: "Toon elke import: bestand, SHA-256, profiel, exportdatum en telling van de rijen.",
                                             en: "List every import: file, SHA-256, profile, as-of date and row accounting."),
        options: CommonOptions.specs + [
            CommonOptions.format(["text", "json"]),
        ])

    static let rejectedSpec = CommandSpec(
        name: "rejected", abstract: Localized(nl: "Toon afgekeurde rijen met hun regel, veld en reden.",
                                              en: "Show rejected rows with their line, field and reason."),
        discussion: Localized(nl: """
        De ruwe tekst houdt alleen de cellen die hun eigen controle doorstonden (bekende codes, datums, getallen, \
        dossiernummers); persoons- en vrijwilligerssleutels zijn gepseudonimiseerd, elke andere cel is leeggemaakt, \
        en de rij noemt de leeggemaakte kolommen.
        --for-village CODE toont wat een dorp nodig heeft om zijn blad te verbeteren: bestand, regel, zijn eigen \
        kolomkop, de reden en de veilige cellen van de rij, met Nederlandse koppen tenzij --lang en; --csv-dialect \
        excel-nl opent in Nederlandse Excel.
        """, en: """
        The raw text keeps only the cells that passed their own check (known codes, dates, numbers, file numbers); \
        person and volunteer ids are pseudonymised, every other cell is blanked, and the row names the blanked columns.
        --for-village CODE lists what a village needs to fix its sheet: file, line, its own column header, the reason \
        and the row's safe cells, with Dutch headers unless --lang en; --csv-dialect excel-nl opens in Dutch Excel.
        """),
        options: CommonOptions.specs + [
            OptionSpec(name: "import", valueName: Placeholder.id, help: Localized(nl: "Alleen rijen van deze import.", en: "Only rows of this import.")),
            OptionSpec(name: "for-village", valueName: Placeholder.code,
                       help: Localized(nl: "De rijen van elke import van dit dorp, zoals het dorp ze leest.",
                                       en: "The rows of every import of this village, as the village reads them.")),
            CommonOptions.format(["text", "json", "csv"]),
            CommonOptions.csvDialectSpec(default: Localized(verbatim: "standard")),
        ])

    static func runImports(_ args: ParsedArguments, _ console: Console) throws(CLIFailure) {
        let common = CommonOptions(args)
        let store = try common.openExistingStore()
        let imports: [ImportRecord]
        do { imports = try store.imports() } catch { throw .store(error, path: common.databasePath) }
        if args.string("format") == "json" { console.out(try JSONOutput.render(imports)); return }
        let nl = common.language == .nl
        var table = TextTable(header: nl
            ? ["id", "soort", "dorp", "exportdatum", "export", "sleutels", "gelezen", "geaccepteerd", "afgekeurd", "profiel", "sha256", "bestand"]
            : ["id", "kind", "village", "as of", "export", "keys", "read", "accepted", "rejected", "profile", "sha256", "file"],
            rightAligned: [0, 6, 7, 8])
        for i in imports {
            let export = i.kind == .villages ? "" : (i.exportKind == .full ? (nl ? "volledig" : "full") : (nl ? "aanvullend" : "incremental"))
            let keys = i.kind == .villages ? "" : (i.idScope == .village ? (nl ? "per dorp" : "per village") : (nl ? "gemeente" : "municipality"))
            let file = i.sheet.map { "\(i.fileName) [\($0)]" } ?? i.fileName
            let n = common.language.count
            table.add([String(i.id), i.kind.label(common.language), i.village ?? "", i.asOf.iso, export, keys, n(i.rowsRead), n(i.accepted),
                       n(i.rejected), i.profile ?? "", String(i.sha256.prefix(12)), file])
        }
        console.out(table.render())
    }

    static func runRejected(_ args: ParsedArguments, _ console: Console) throws(CLIFailure) {
        let common = CommonOptions(args)
        let importID: Int64?
        do { importID = try args.int("import").map(Int64.init) } catch { throw .usage(error) }
        let store = try common.openExistingStore()
        let dialect: CSVDialect = args.string("csv-dialect") == "excel-nl" ? .excelDutch : .standard
        if let village = args.string("for-village") {
            try runRejected(forVillage: village, importID: importID, dialect: dialect, store: store, args, console)
            return
        }
        let rows: [RejectedRow]
        do { rows = try store.rejectedRows(importID: importID).map { $0.inLanguage(common.language) } } catch { throw .store(error, path: common.databasePath) }
        switch args.string("format") {
        case "json": console.out(try JSONOutput.render(rows))
        case "csv": console.out(RejectedRowsCSV.render(rows, dialect: dialect))
        default:
            var table = TextTable(header: common.language == .nl ? ["import", "regel", "veld", "reden", "ruwe regel"]
                                                                  : ["import", "line", "field", "reason", "raw row"], rightAligned: [0, 1])
            for r in rows { table.add([String(r.importID), String(r.line), r.field ?? "", r.reason, r.raw]) }
            console.out(table.render())
            let count = common.language.count(rows.count)
            console.err(common.text("\(count) afgekeurde \(rows.count == 1 ? "rij" : "rijen")\n", "\(count) rejected \(rows.count == 1 ? "row" : "rows")\n"))
        }
    }

    /// `noaber rejected --for-village CODE`: see `VillageRejection`.
    private static func runRejected(forVillage village: String, importID: Int64?, dialect: CSVDialect, store: NoaberStore,
                                    _ args: ParsedArguments, _ console: Console) throws(CLIFailure) {
        let common = CommonOptions(args)
        let rows: [VillageRejection]
        let imports: [ImportRecord]
        do {
            guard try store.villages().contains(where: { $0.code == village }) else {
                throw CLIFailure.data(Localized(nl: "dorp '\(village)' staat niet in de store", en: "village '\(village)' is not in the store"))
            }
            imports = try store.imports()
            rows = VillageRejection.make(try store.rejectedRows(village: village)
                                            .filter { importID == nil || $0.importID == importID }.map { $0.inLanguage(common.language) },
                                         imports: imports)
        } catch let failure as CLIFailure {
            throw failure
        } catch let error as StoreError {
            throw .store(error, path: common.databasePath)
        } catch {
            throw .internal(String(describing: error))
        }
        switch args.string("format") {
        case "json": console.out(try JSONOutput.render(rows))
        case "csv": console.out(VillageRejection.csv(rows, language: common.language, dialect: dialect))
        default:
            var table = TextTable(header: VillageRejection.header(common.language), rightAligned: [1])
            for r in rows { table.add(r.cells) }
            console.out(table.render())
            let count = common.language.count(rows.count)
            console.err(common.text("\(count) afgekeurde \(rows.count == 1 ? "rij" : "rijen") van dorp \(village)\n", "\(count) rejected \(rows.count == 1 ? "row" : "rows") of village \(village)\n"))
        }
        let shared = Set(rows.map(\.importID)).compactMap { id in imports.first { $0.id == id && $0.village == nil } }
        for i in shared.sorted(by: { $0.id < $1.id }) {
            console.err(common.text("let op: \(i.fileName) (import \(i.id)) bevat meerdere dorpen; al zijn afgekeurde rijen staan erbij\n",
                                    "note: \(i.fileName) (import \(i.id)) holds several villages; all its rejected rows are listed\n"))
        }
    }
}
