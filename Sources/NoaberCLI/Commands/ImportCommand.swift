import NoaberImport
import NoaberModel
import NoaberStore

/// `noaber import FILE...`: imports case or task exports, one transaction per file.
struct ImportCommand {
    static let spec = CommandSpec(
        name: "import",
        abstract: Localized(nl: "Importeer exports van dorpen (hulpvragen of vrijwilligerstaken) in de store.",
                            en: "Import village exports (cases or volunteer tasks) into the store."),
        discussion: Localized(nl: """
        Elk bestand wordt in één transactie geïmporteerd: helemaal of helemaal niet. Rijen met een ongeldige waarde \
        worden in hun geheel afgekeurd en bewaard met regel, veld en reden (zie 'noaber rejected'). Hetzelfde bestand \
        nog eens importeren verandert niets; een nieuwere export van een dorp werkt de hulpvragen bij op case_id.
        Een bestand in het standaardformaat van noaber heeft geen profiel nodig; andere exports wel: --profile \
        (docs/profiles.md).
        Een Excel-werkmap (.xlsx) wordt direct gelezen: het eerste werkblad waarvan noaber of het profiel de kopregel \
        herkent (of --sheet); een titel en lege rijen boven de kopregel worden overgeslagen, een totaalrij onder de \
        gegevens wordt gemeld en niet geteld.
        De exportdatum (wanneer de export is gemaakt) komt uit --as-of, anders uit een datum in de bestandsnaam, \
        anders uit de wijzigingsdatum van het bestand; het rapport zegt welke. Een exportdatum na vandaag wordt \
        geweigerd; hulpvragen die na de exportdatum zijn ontvangen worden gemeld. Een import die er niet had mogen \
        zijn draait u terug met 'noaber imports --undo ID' (waar dat exact kan); --dry-run controleert vooraf.
        Voorbeelden:
          noaber villages import Datasets/villages.csv
          noaber import Datasets/exports/SAA-cases-canonical.csv --as-of 2025-01-10
          noaber import Datasets/exports/DEU-cases-dutch-excel.csv --profile Datasets/profiles/dutch-excel-cases.json --as-of 2025-01-06
          noaber import registratie-2024.xlsx --sheet Hulpvragen --profile mijn-dorp.json --as-of 2025-01-06
        """, en: """
        Each file is imported in one transaction: completely or not at all. Rows with an invalid value are \
        rejected whole and kept with their line, field and reason (see 'noaber rejected'). Importing the same \
        file again changes nothing; a newer export of a village updates its cases by case_id.
        A file in noaber's canonical format needs no profile; other exports need --profile (docs/profiles.md).
        An Excel workbook (.xlsx) is read directly: the first sheet whose header noaber or the profile recognises \
        (or --sheet), with a title and empty rows above the header skipped and a totals row under the data \
        reported, not counted.
        The as-of date (when the export was made) comes from --as-of, else a date in the file name, else the \
        file's modification date; the report says which. An as-of date after today is refused; cases received \
        after the as-of date are reported. An import that should not have happened is taken back with 'noaber \
        imports --undo ID' (where that is exact); --dry-run checks first.
        Examples:
          noaber villages import Datasets/villages.csv
          noaber import Datasets/exports/SAA-cases-canonical.csv --as-of 2025-01-10
          noaber import Datasets/exports/DEU-cases-dutch-excel.csv --profile Datasets/profiles/dutch-excel-cases.json --as-of 2025-01-06
          noaber import registratie-2024.xlsx --sheet Hulpvragen --profile mijn-dorp.json --as-of 2025-01-06
        """),
        options: CommonOptions.specs + [
            CommonOptions.keyFileSpec,
            OptionSpec(name: "village", valueName: Placeholder.code,
                       help: Localized(nl: "Alle rijen horen bij dit dorp; rijen die een ander dorp noemen worden afgekeurd.",
                                       en: "All rows belong to this village; rows naming another are rejected.")),
            OptionSpec(name: "profile", valueName: Placeholder.file,
                       help: Localized(nl: "Koppelprofiel (JSON) voor een export die niet in het standaardformaat is.",
                                       en: "Mapping profile (JSON) for a non-canonical export.")),
            OptionSpec(name: "kind", valueName: Placeholder.kind, help: Localized(nl: "Wat het bestand bevat.", en: "What the file holds."),
                       allowed: ["cases", "tasks"],
                       defaultDescription: Localized(nl: "uit de kopregel of het profiel", en: "from the header or profile")),
            OptionSpec(name: "as-of", valueName: Placeholder.date,
                       help: Localized(nl: "Datum waarop de export is gemaakt (JJJJ-MM-DD); open hulpvragen lopen tot die datum.",
                                       en: "Date the export was made (YYYY-MM-DD); open cases are censored there.")),
            OptionSpec(name: "sheet", valueName: Placeholder.sheet,
                       help: Localized(nl: "Het werkblad van een .xlsx-werkmap, op naam of nummer (vanaf 1).",
                                       en: "The worksheet of an .xlsx workbook to read, by name or 1-based number."),
                       defaultDescription: Localized(nl: "het werkblad van het profiel, anders het eerste met een herkende kopregel",
                                                     en: "the profile's sheet, else the first sheet with a recognised header")),
            OptionSpec(name: "id-scope", valueName: Placeholder.scope,
                       help: Localized(nl: "Van wie de sleutels person_id en volunteer_id zijn: elk dorp nummert zijn eigen, of één sleutelsysteem voor de gemeente.",
                                       en: "Whose keys person_id and volunteer_id are: each village numbers its own, or one key system for the municipality."),
                       allowed: ["village", "municipality"],
                       defaultDescription: Localized(nl: "id_scope van het profiel, anders village", en: "the profile's id_scope, else village")),
            CommonOptions.format(["text", "json"]),
        ],
        flags: [
            FlagSpec(name: "strict", help: Localized(nl: "Laat de hele import mislukken zodra één rij wordt afgekeurd.",
                                                     en: "Fail the whole import when any row is rejected.")),
            FlagSpec(name: "dry-run", help: Localized(nl: "Controleer en tel alles, sla niets op.", en: "Check and count everything, store nothing.")),
            FlagSpec(name: "incremental",
                     help: Localized(nl: "Het bestand bevat alleen nieuwe en gewijzigde hulpvragen (standaard: een volledige export van alle hulpvragen tot nu toe; de sleutel export van het profiel kan anders zeggen).",
                                     en: "The file lists only new and changed cases (default: a full export of every case so far, the profile's export key may say otherwise).")),
            CommonOptions.quietFlag,
        ],
        positionals: [PositionalSpec(name: "file", valueName: Placeholder.file,
                                     help: Localized(nl: "CSV-exports of .xlsx-werkmappen om te importeren.", en: "CSV exports or .xlsx workbooks to import."),
                                     repeatable: true)])

    let common: CommonOptions
    let files: [String]
    let options: ImportOptions
    let json: Bool

    init(_ args: ParsedArguments) throws(CLIFailure) {
        common = CommonOptions(args)
        files = args.positionals("file")
        json = args.string("format") == "json"
        var options = ImportOptions(language: common.language)
        options.village = args.string("village")
        options.kind = args.string("kind").flatMap(RecordKind.init(rawValue:))
        options.strict = args.flag("strict")
        options.dryRun = args.flag("dry-run")
        options.idScope = args.string("id-scope").flatMap(IdentityScope.init(rawValue:))
        options.sheet = args.string("sheet")
        if args.flag("incremental") { options.exportKind = .incremental }
        try CommonOptions.readAsOfAndProfile(args, into: &options)
        self.options = options
    }

    func run(_ console: Console) throws(CLIFailure) {
        try common.withWritableStore { (store, committed) throws(CLIFailure) in
            try importAll(into: store, console, committed: &committed)
        }
    }

    /// Imports every file in turn (one transaction each); throws the first failure's exit code
    /// after all files were tried.
    private func importAll(into store: NoaberStore, _ console: Console, committed: inout Bool) throws(CLIFailure) {
        let importer = Importer(store: store, keyPath: common.keyPath)
        let terminal = Terminal(quiet: common.quiet)
        var reports: [ImportReport] = []
        var firstFailure: CLIFailure?
        for file in files {
            if terminal.showsProgress {
                importer.progress = { read, size in
                    terminal.progress("\(file): \(size > 0 ? read * 100 / size : 0)%")
                }
            }
            do {
                let report = try importer.importFile(file, options: options)
                terminal.clearProgress()
                reports.append(report)
                if report.status == .completed || report.status == .completedWithRejections { committed = true }
                if !json { console.out(ImportReportText.render(report, language: common.language)) }
            } catch {
                terminal.clearProgress()
                console.err(HelpFormatter.errorPrefix(common.language) + error.message(common.language) + "\n")
                if firstFailure == nil { firstFailure = .importFailed(error) }
            }
        }
        if json { console.out(try JSONOutput.render(reports)) }
        // Files imported before a failure stay imported (each is its own transaction); the exit
        // code reports the failure.
        if let firstFailure { throw .reported(firstFailure.exitCode) }
    }
}
