import NoaberModel

/// One line of `noaber doctor`: which check, how it went, and what to do, in plain words.
struct DoctorFinding: Equatable {
    /// How serious a finding is; the order is the order of severity.
    enum Severity: String, Comparable {
        case ok, warning, error

        static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
        private var rank: Int { self == .ok ? 0 : self == .warning ? 1 : 2 }

        func label(_ language: Language) -> String {
            switch self {
            case .ok: "ok"
            case .warning: language == .nl ? "waarschuwing" : "warning"
            case .error: language == .nl ? "fout" : "error"
            }
        }
    }

    /// Which part of the installation a problem belongs to; decides the exit code
    /// (store problems 74, key problems 78).
    enum Area: String {
        case store, key, data
    }

    /// The check's name as written in Dutch (`integriteit`); see ``checkName(_:)``.
    let check: String
    let severity: Severity
    let area: Area
    let advice: Localized

    /// The check's name in `language`: the Dutch name, or its English one.
    func checkName(_ language: Language) -> String {
        language == .nl ? check : Self.englishCheckNames[check] ?? check
    }

    private static let englishCheckNames = [
        "integriteit": "integrity", "verwijzingen": "references", "waarden": "values", "dossiernummers": "case ids",
        "sleutel": "key", "boekhouding": "accounting", "afgekeurd": "rejected", "dorpen": "villages", "verdwenen": "vanished",
    ]

    static func ok(_ check: String, _ area: Area = .store, nl: String, en: String) -> DoctorFinding {
        DoctorFinding(check: check, severity: .ok, area: area, advice: Localized(nl: nl, en: en))
    }

    static func warning(_ check: String, _ area: Area = .data, nl: String, en: String) -> DoctorFinding {
        DoctorFinding(check: check, severity: .warning, area: area, advice: Localized(nl: nl, en: en))
    }

    static func error(_ check: String, _ area: Area = .store, nl: String, en: String) -> DoctorFinding {
        DoctorFinding(check: check, severity: .error, area: area, advice: Localized(nl: nl, en: en))
    }
}
