import NoaberImport
import NoaberModel
import NoaberStore

/// `noaber imports`: the provenance of every import; `noaber rejected`: the quarantined rows.
enum ProvenanceCommands {
    static let importsSpec = CommandSpec(
        name: "imports", abstract: "List every import: file, SHA-256, profile, as-of date and row accounting.",
        options: CommonOptions.specs + [
            CommonOptions.format(["text", "json"]),
        ])

    static let rejectedSpec = CommandSpec(
        name: "rejected", abstract: "Show rejected rows with their line, field and reason.",
        discussion: "The raw text is the row as read, with dropped and ignored columns blanked and identifiers pseudonymised.",
        options: CommonOptions.specs + [
            OptionSpec(name: "import", valueName: "id", help: "Only rows of this import."),
            CommonOptions.format(["text", "json", "csv"]),
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
            table.add([String(i.id), i.kind.rawValue, i.village ?? "", i.asOf.iso, export, keys, String(i.rowsRead), String(i.accepted),
                       String(i.rejected), i.profile ?? "", String(i.sha256.prefix(12)), file])
        }
        console.out(table.render())
    }

    static func runRejected(_ args: ParsedArguments, _ console: Console) throws(CLIFailure) {
        let common = CommonOptions(args)
        let importID: Int64?
        do { importID = try args.int("import").map(Int64.init) } catch { throw .usage(error) }
        let store = try common.openExistingStore()
        let rows: [RejectedRow]
        do { rows = try store.rejectedRows(importID: importID) } catch { throw .store(error, path: common.databasePath) }
        switch args.string("format") {
        case "json": console.out(try JSONOutput.render(rows))
        case "csv": console.out(RejectedRowsCSV.render(rows))
        default:
            var table = TextTable(header: common.language == .nl ? ["import", "regel", "veld", "reden", "ruwe regel"]
                                                                  : ["import", "line", "field", "reason", "raw row"], rightAligned: [0, 1])
            for r in rows { table.add([String(r.importID), String(r.line), r.field ?? "", r.reason, r.raw]) }
            console.out(table.render())
            console.err(common.text("\(rows.count) afgekeurde rij(en)\n", "\(rows.count) rejected row(s)\n"))
        }
    }
}
