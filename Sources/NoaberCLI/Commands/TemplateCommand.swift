import NoaberCSV
import NoaberImport
import NoaberModel

/// `noaber template`: writes a registration workbook a village can start registering in, which
/// imports without a profile (docs/profiles.md, "The registration workbook").
struct TemplateCommand {
    static let spec = CommandSpec(
        name: "template",
        abstract: Localized(nl: "Schrijf een registratiewerkmap (.xlsx) waarin een dorp kan beginnen met registreren.",
                            en: "Write a registration workbook (.xlsx) a village can start registering in."),
        discussion: Localized(nl: """
        Eén werkblad met de velden van noaber onder leesbare kolomkoppen (kopregel vastgezet, datumopmaak, keuzelijsten \
        met de eigen labels van noaber voor elk gecodeerd veld, een invoerbericht per kolom), een werkblad 'Toelichting' \
        over wat u invult en wat er nooit in hoort (namen, adressen, telefoonnummers, notities over mensen), en een \
        verborgen werkblad met de lijsten. Ingevuld leest noaber de werkmap zonder profiel: noaber import BESTAND.xlsx \
        --as-of DATUM.
        Een bestaand bestand wordt nooit overschreven.
        Voorbeelden:
          noaber template
          noaber template --kind tasks --out vrijwilligers-2025.xlsx
          noaber template --lang en --out registration.xlsx
          noaber template --village Saasveld --out saasveld-2025.xlsx
        """, en: """
        One sheet with noaber's fields under readable headers (frozen header row, date formats, drop-down lists of \
        noaber's own labels for every coded field, an input message per column), a sheet 'Toelichting' on what to \
        fill in and what never to put in (names, addresses, phone numbers, notes about people), and a hidden sheet \
        of lists. A filled-in workbook imports without a profile: noaber import FILE.xlsx --as-of DATE.
        An existing file is never overwritten.
        Examples:
          noaber template
          noaber template --kind tasks --out vrijwilligers-2025.xlsx
          noaber template --lang en --out registration.xlsx
          noaber template --village Saasveld --out saasveld-2025.xlsx
        """),
        options: [
            OptionSpec(name: "kind", valueName: Placeholder.kind,
                       help: Localized(nl: "Wat er wordt geregistreerd: hulpvragen, of taken van vrijwilligers.",
                                       en: "What is registered: requests for help, or volunteer tasks."),
                       allowed: ["cases", "tasks"], defaultDescription: Localized(verbatim: "cases")),
            OptionSpec(name: "village", valueName: Placeholder.nameOrCode,
                       help: Localized(nl: "Een dorp (naam of code) voor de keuzelijst van de kolom Dorp; herhaal voor meer dorpen.",
                                       en: "A village (name or code) for the drop-down list of the Village column; repeat for more."),
                       repeatable: true),
            CommonOptions.langSpec,
            OptionSpec(name: "out", valueName: Placeholder.file,
                       help: Localized(nl: "Waar de werkmap komt (geweigerd als het bestand al bestaat).",
                                       en: "Where to write the workbook (refused if it exists)."),
                       defaultDescription: Localized(nl: "registratie-hulpvragen.xlsx (of -vrijwilligerstaken, of registration-… met --lang en)",
                                                     en: "registratie-hulpvragen.xlsx (or -vrijwilligerstaken, or registration-… with --lang en)")),
        ])

    let kind: RecordKind
    let language: Language
    let out: String
    let villages: [String]

    init(_ args: ParsedArguments) {
        villages = args.strings("village")
        kind = args.string("kind").flatMap(RecordKind.init(rawValue:)) ?? .cases
        // The workbook's language: --lang, else $NOABER_LANG, else Dutch.
        language = CommonOptions(args).language
        out = args.string("out") ?? RegistrationTemplate.defaultFileName(kind: kind, language: language)
    }

    func run(_ console: Console) throws(CLIFailure) {
        guard !FileSystem.exists(out) else {
            throw .cannotCreate(Localized(
                nl: "\(out) bestaat al; noaber overschrijft nooit een werkmap (er kunnen registraties in staan). Kies een andere naam met --out.",
                en: "\(out) already exists; noaber never overwrites a workbook (it may hold registrations). Choose another name with --out."))
        }
        let bytes: [UInt8]
        do { bytes = try RegistrationTemplate.workbook(kind: kind, language: language, villages: villages) } catch {
            throw .internal("the template workbook could not be written: \(error)")
        }
        do {
            let sink = try FileSink(path: out)
            try sink.write(bytes)
            try sink.commit()
        } catch {
            throw .cannotCreate(Localized(nl: "kan \(out) niet schrijven: \(error)", en: "cannot write \(out): \(error)"))
        }
        let sheet = RegistrationTemplate.sheetNames(language)
        let columns = TemplateHeaders.columns(kind).count
        console.out(language == .nl
            ? "Werkmap geschreven: \(out) (blad '\(sheet.data)' met \(columns) kolommen en keuzelijsten, uitleg in '\(sheet.explanation)').\nIngevuld leest u hem in zonder profiel: noaber import \(out) --as-of JJJJ-MM-DD\n"
            : "Workbook written: \(out) (sheet '\(sheet.data)' with \(columns) columns and drop-down lists, explained in '\(sheet.explanation)').\nOnce filled in, read it in without a profile: noaber import \(out) --as-of YYYY-MM-DD\n")
    }
}
