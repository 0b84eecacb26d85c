import NoaberCSV
import NoaberImport
import NoaberModel
import NoaberStore

/// `noaber imports`: the provenance of every import; `noaber rejected`: the quarantined rows.
enum ProvenanceCommands {
    static let importsSpec = CommandSpec(
        name: "imports", abstract: Localized(nl: "Toon elke import: bestand, SHA-256, profiel, exportdatum en telling van de rijen.",
                                             en: "List every import: file, SHA-256, profile, as-of date and row accounting."),
        discussion: Localized(nl: """
        --undo ID draait een import terug die er niet had mogen zijn (het verkeerde bestand, een verkeerde \
        exportdatum): zijn hulpvragen of taken, afgekeurde rijen en herkomst worden verwijderd, zodat elk cijfer is \
        als vóór de import. Dat kan alleen exact: voor de laatste import van hulpvragen of taken van zijn dorpen, die \
        geen eerdere hulpvragen bijwerkte. Anders verandert er niets en zegt noaber waarom.
        """, en: """
        --undo ID takes back an import that should not have happened (the wrong file, a wrong as-of date): its cases \
        or tasks, rejected rows and provenance are deleted, so every figure is as before the import. Only where that \
        is exact: for the latest import of cases or tasks of its villages, which updated no earlier cases. Otherwise \
        nothing changes and noaber says why.
        """),
        options: CommonOptions.specs + [
            CommonOptions.format(["text", "json"]),
            OptionSpec(name: "undo", valueName: Placeholder.id,
                       help: Localized(nl: "Draai deze import terug (alleen waar dat exact kan).",
                                       en: "Take this import back (only where that is exact).")),
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
        let undo: Int64?
        do { undo = try args.int("undo").map(Int64.init) } catch { throw .usage(error) }
        if let undo {
            try Self.undoImport(undo, store: store, common: common, console: console)
            return
        }
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

    /// `noaber imports --undo ID` (see `NoaberStore.undoImport`): a refusal changes nothing and
    /// exits 65 with the reason and what to do instead.
    private static func undoImport(_ id: Int64, store: NoaberStore, common: CommonOptions, console: Console) throws(CLIFailure) {
        let outcome: Result<UndoneImport, UndoRefusal>
        do { outcome = try store.undoImport(id: id) } catch { throw .store(error, path: common.databasePath) }
        switch outcome {
        case .success(let undone):
            let r = undone.record
            let what = r.kind == .cases ? common.text("hulpvragen", "cases") : common.text("taken", "tasks")
            let n = common.language.count
            console.out(common.text(
                "Import \(r.id) teruggedraaid: \(r.fileName) (exportdatum \(r.asOf.iso)); \(n(undone.rows)) \(what) en \(n(undone.rejectedRows)) afgekeurde rijen verwijderd.\n",
                "Import \(r.id) taken back: \(r.fileName) (as of \(r.asOf.iso)); \(n(undone.rows)) \(what) and \(n(undone.rejectedRows)) rejected rows deleted.\n"))
        case .failure(let refusal):
            let why: Localized
            switch refusal {
            case .notFound:
                why = Localized(nl: "import \(id) bestaat niet (zie 'noaber imports')", en: "import \(id) does not exist (see 'noaber imports')")
            case .notCasesOrTasks(let kind):
                why = Localized(nl: "import \(id) is een \(kind == .villages ? "dorpenbestand" : "uitkomstreeks"); die overschrijven eerdere rijen en zijn niet exact terug te draaien. Importeer het juiste bestand opnieuw.",
                                en: "import \(id) is a \(kind == .villages ? "villages file" : "outcome series"); those overwrite earlier rows and cannot be taken back exactly. Import the right file again.")
            case .notLatest(let later, let village):
                why = Localized(nl: "import \(id) is niet de laatste van dorp \(village): import \(later) kwam erna en kan op zijn rijen steunen. Draai eerst import \(later) terug, of begin een nieuwe store.",
                                en: "import \(id) is not the latest of village \(village): import \(later) came after it and may rely on its rows. Take back import \(later) first, or start a new store.")
            case .overwroteEarlierRows(let updated, let inserted, let own):
                why = Localized(nl: "import \(id) werkte \(updated) eerdere hulpvragen bij of liet ze staan met een nieuwere exportdatum (\(own) rijen dragen zijn nummer, \(inserted) heeft hij toegevoegd); de eerdere versies zijn niet bewaard. Begin een nieuwe store en importeer de exports opnieuw.",
                                en: "import \(id) updated \(updated) earlier cases or moved them to a newer as-of date (\(own) rows carry its number, it inserted \(inserted)); the earlier versions are not kept. Start a new store and import the exports again.")
            }
            func closing(_ text: String, _ tail: String) -> String { text.hasSuffix(".") ? text + " " + tail : text + ". " + tail }
            throw .data(Localized(nl: "niet teruggedraaid: " + closing(why.nl, "Er is niets veranderd."),
                                  en: "not taken back: " + closing(why.en, "Nothing was changed.")))
        }
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
