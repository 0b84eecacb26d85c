import NoaberImport
import NoaberModel

/// `noaber doctor`: checks a store and its key, and says in plain words what to do.
///
/// Exit codes (docs/exit-codes.md): 0 when everything is ok or there are only warnings (pending
/// rejected rows, an old export: things to act on, not failures); 74 when the store itself is
/// missing, damaged or unreadable; 78 when the store is sound but its key is missing, readable by
/// others or not the store's key. A store problem wins over a key problem.
struct DoctorCommand {
    static let spec = CommandSpec(
        name: "doctor",
        abstract: Localized(nl: "Controleer een store en zijn sleutel, en zeg wat er te doen is.",
                            en: "Check a store and its key, and say what to do."),
        discussion: Localized(nl: """
        Controleert dat het bestand een noaber-store van een bekende schemaversie is, de integriteits- en \
        verwijzingscontrole van SQLite, dat de pseudonimiseringssleutel er is, alleen door de eigenaar te lezen is en bij de store \
        hoort, de grootte van de WAL, de telling van de rijen van elke import, afgekeurde rijen die nog openstaan, \
        dorpen zonder inwonersaantallen en de leeftijd van de nieuwste export van elk dorp (waarschuwing na 90 dagen).
        Leest alleen: de store wordt alleen-lezen geopend en nooit gerepareerd of gemigreerd.
        Exit: 0 gezond (waarschuwingen mogen), 74 probleem met de store, 78 probleem met de sleutel.
        """, en: """
        Checks that the file is a noaber store of a known schema version, SQLite's integrity and \
        foreign key checks, that the pseudonymisation key is present, readable by its owner only and belongs to \
        the store, the size of the WAL, the row accounting of every import, rejected rows still pending, villages \
        without population facts and the age of each village's latest export (warning after 90 days).
        Only reads: the store is opened read-only and never repaired or migrated.
        Exit: 0 healthy (warnings allowed), 74 store problem, 78 key problem.
        """),
        options: CommonOptions.specs + [
            CommonOptions.keyFileSpec,
            OptionSpec(name: "today", valueName: Placeholder.date,
                       help: Localized(nl: "De datum waartegen de leeftijd van exports wordt gemeten (JJJJ-MM-DD).",
                                       en: "The date to measure export ages against (YYYY-MM-DD)."),
                       defaultDescription: Localized(nl: "vandaag", en: "today")),
        ])

    let common: CommonOptions
    let today: CivilDate

    init(_ args: ParsedArguments) throws(CLIFailure) {
        common = CommonOptions(args)
        today = try CommonOptions.today(args) ?? SystemClock.today()
    }

    func run(_ console: Console) throws(CLIFailure) {
        let findings = DoctorChecks(storePath: common.databasePath, keyPath: common.keyPath, today: today).run()
        console.out(Self.render(findings, store: common.databasePath, language: common.language))
        if let code = Self.exitCode(findings) { throw .reported(code) }
    }

    /// nil for healthy (warnings allowed); otherwise the code of the most serious area.
    static func exitCode(_ findings: [DoctorFinding]) -> ExitCode? {
        let errors = findings.filter { $0.severity == .error }
        if errors.isEmpty { return nil }
        return errors.contains { $0.area == .store || $0.area == .data } ? .storeError : .configError
    }

    /// One line per check: the verdict, the check's name and the sentence; then a summary line.
    static func render(_ findings: [DoctorFinding], store: String, language: Language) -> String {
        let width = findings.map { $0.severity.label(language).count }.max() ?? 0
        // Dutch and English check names differ; the verdict column is as wide as its longest word.
        var out = language == .nl ? "noaber doctor: \(store)\n" : "noaber doctor: \(store)\n"
        for f in findings {
            let label = f.severity.label(language)
            out += label + String(repeating: " ", count: width - label.count) + "  " + f.checkName(language) + ": " + f.advice.text(language) + "\n"
        }
        let worst = findings.map(\.severity).max() ?? .ok
        switch worst {
        case .ok: out += language == .nl ? "De store is gezond.\n" : "The store is healthy.\n"
        case .warning: out += language == .nl ? "De store is bruikbaar; zie de waarschuwingen hierboven.\n"
                                             : "The store is usable; see the warnings above.\n"
        case .error: out += language == .nl ? "Er is een probleem dat eerst opgelost moet worden; zie 'fout' hierboven.\n"
                                           : "There is a problem to fix first; see 'error' above.\n"
        }
        return out
    }
}
