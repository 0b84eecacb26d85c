import NoaberCSV
import NoaberImport
import NoaberModel

/// `noaber profile draft FILE`: drafts a mapping profile from an unknown export for a person to
/// check (docs/profiles.md, "Drafting a profile").
enum ProfileCommand {
    static let draftSpec = CommandSpec(
        name: "draft",
        abstract: Localized(nl: "Maak een concept-koppelprofiel uit de eigen export van een dorp (CSV of .xlsx), voor een mens om na te kijken.",
                            en: "Draft a mapping profile from a village's own export (CSV or .xlsx), for a person to check."),
        discussion: Localized(nl: """
        Leest de kopregel en de verschillende waarden van elke kolom en schrijft een koppelprofiel: kolommen gekoppeld aan \
        de velden van noaber op hun kopregel en hun waarden, kolommen die op een direct identificerend gegeven lijken \
        (namen, adressen, telefoonnummers, e-mail, BSN) of vrije tekst in "drop", labels gekoppeld aan de codes van \
        noaber — en "?" voor elk label of elke kolom die het niet kan plaatsen, met hoe vaak die voorkomt. Het zegt wat \
        het koppelde, wat een mens nog moet beslissen, en welke import u daarna uitvoert. noaber import weigert een \
        profiel waarin nog een "?" staat.
        Zonder --out gaat het profiel naar de standaarduitvoer en de samenvatting naar de standaardfout. Een bestaand \
        bestand wordt nooit overschreven.
        Voorbeelden:
          noaber profile draft registratie-2024.xlsx --village SAA --out saasveld.json
          noaber profile draft export.csv --kind tasks --out vrijwilligers.json
        """, en: """
        Reads the header and the distinct values of every column and writes a mapping profile: columns matched to \
        noaber's fields by their header and their values, columns that look like direct identifiers (names, addresses, \
        phone numbers, e-mail, BSN) or free text in "drop", value labels mapped to noaber's codes — and "?" for every \
        label or column it cannot place, with its count. It prints what it mapped, what is left for a person to decide, \
        and the import command to run next. noaber import refuses a profile that still holds a "?".
        Without --out the profile goes to standard output and the summary to standard error. An existing file is never \
        overwritten.
        Examples:
          noaber profile draft registratie-2024.xlsx --village SAA --out saasveld.json
          noaber profile draft export.csv --kind tasks --out vrijwilligers.json
        """),
        options: [
            OptionSpec(name: "sheet", valueName: Placeholder.sheet,
                       help: Localized(nl: "Het werkblad van een .xlsx-werkmap, op naam of nummer (vanaf 1).",
                                       en: "The worksheet of an .xlsx workbook to read, by name or 1-based number."),
                       defaultDescription: Localized(nl: "het eerste werkblad met een kopregel", en: "the first sheet with a header")),
            OptionSpec(name: "kind", valueName: Placeholder.kind, help: Localized(nl: "Wat het bestand bevat.", en: "What the file holds."),
                       allowed: ["cases", "tasks"], defaultDescription: Localized(nl: "uit de kolommen", en: "from the columns")),
            OptionSpec(name: "village", valueName: Placeholder.code,
                       help: Localized(nl: "Het dorp waar alle rijen bij horen (voor een export zonder kolom voor het dorp).",
                                       en: "The village every row belongs to (for an export without a village column).")),
            OptionSpec(name: "out", valueName: Placeholder.file,
                       help: Localized(nl: "Waar het profiel komt (geweigerd als het bestand al bestaat).",
                                       en: "Where to write the profile (refused if it exists)."),
                       defaultDescription: Localized(nl: "de standaarduitvoer", en: "standard output")),
            CommonOptions.langSpec,
        ],
        positionals: [PositionalSpec(name: "file", valueName: Placeholder.file,
                                     help: Localized(nl: "De export: CSV of een .xlsx-werkmap.", en: "The export: CSV or an .xlsx workbook."))])

    /// The group; its subcommands and what runs them are bound in `CommandTree.commands`.
    static let spec = CommandSpec(
        name: "profile", abstract: Localized(nl: "Koppelprofielen voor de eigen export van een dorp.",
                                             en: "Mapping profiles for a village's own export."),
        discussion: Localized(nl: "Zie docs/profiles.md.", en: "See docs/profiles.md."),
        options: [CommonOptions.langSpec])

    static func runDraft(_ args: ParsedArguments, _ console: Console) throws(CLIFailure) {
        let language = CommonOptions(args).language
        let file = args.positional("file") ?? ""
        let out = args.string("out")
        if let out, FileSystem.exists(out) {
            throw .cannotCreate(Localized(
                nl: "\(out) bestaat al; noaber overschrijft nooit een profiel (er kan werk van een mens in staan). Kies een andere naam met --out.",
                en: "\(out) already exists; noaber never overwrites a profile (it may hold a person's work). Choose another name with --out."))
        }
        let stem = ((out ?? file).split(separator: "/").last.map(String.init) ?? "profile")
            .split(separator: ".").dropLast().joined(separator: ".")
        let options = ProfileDraft.Options(kind: args.string("kind").flatMap(RecordKind.init(rawValue:)), sheet: args.string("sheet"),
                                           village: args.string("village"), name: stem.isEmpty ? "profile" : stem)
        let draft: ProfileDraft
        do { draft = try ProfileDraft.make(path: file, options: options) } catch { throw .importFailed(error) }
        let summary = draft.report(profilePath: out, language: language)
        guard let out else {
            console.out(draft.json)
            console.err(summary)
            return
        }
        do {
            let sink = try FileSink(path: out)
            try sink.write(Array(draft.json.utf8))
            try sink.commit()
        } catch {
            throw .cannotCreate(Localized(nl: "kan \(out) niet schrijven: \(error)", en: "cannot write \(out): \(error)"))
        }
        console.out(summary)
    }
}
