import NoaberCSV
import NoaberImport
import NoaberModel

/// `noaber template`: writes a registration workbook a village can start registering in, which
/// imports without a profile (docs/profiles.md, "The registration workbook").
struct TemplateCommand {
    static let spec = CommandSpec(
        name: "template",
        abstract: "Write a registration workbook (.xlsx) a village can start registering in.",
        discussion: """
        One sheet with noaber's fields under readable headers (frozen header row, date formats, drop-down lists of \
        noaber's own labels for every coded field, an input message per column), a sheet 'Toelichting' on what to \
        fill in and what never to put in (names, addresses, phone numbers, notes about people), and a hidden sheet \
        of lists. A filled-in workbook imports without a profile: noaber import FILE.xlsx --as-of DATE.
        An existing file is never overwritten.
        Examples:
          noaber template
          noaber template --kind tasks --out vrijwilligers-2025.xlsx
          noaber template --lang en --out registration.xlsx
        """,
        options: [
            OptionSpec(name: "kind", valueName: "kind", help: "What is registered: requests for help, or volunteer tasks.",
                       allowed: ["cases", "tasks"], defaultDescription: "cases"),
            OptionSpec(name: "lang", valueName: "language", help: "Language of the headers, lists and explanation.",
                       allowed: ["nl", "en"], defaultDescription: "nl"),
            OptionSpec(name: "out", valueName: "file.xlsx", help: "Where to write the workbook (refused if it exists).",
                       defaultDescription: "registratie-hulpvragen.xlsx (or -vrijwilligerstaken, or registration-… with --lang en)"),
        ])

    let kind: RecordKind
    let language: Language
    let out: String

    init(_ args: ParsedArguments) {
        kind = args.string("kind").flatMap(RecordKind.init(rawValue:)) ?? .cases
        language = Language(rawValue: args.string("lang") ?? "nl") ?? .nl
        out = args.string("out") ?? RegistrationTemplate.defaultFileName(kind: kind, language: language)
    }

    func run(_ console: Console) throws(CLIFailure) {
        guard !FileSystem.exists(out) else {
            throw .cannotCreate(Localized(
                nl: "\(out) bestaat al; noaber overschrijft nooit een werkmap (er kunnen registraties in staan). Kies een andere naam met --out.",
                en: "\(out) already exists; noaber never overwrites a workbook (it may hold registrations). Choose another name with --out."))
        }
        let bytes: [UInt8]
        do { bytes = try RegistrationTemplate.workbook(kind: kind, language: language) } catch {
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
