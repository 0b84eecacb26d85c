/// What a volunteer did. `personal_care` belongs to professionals: it is counted, never hidden.
public enum TaskKind: String, Code {
    case transport = "transport"
    case shopping = "shopping"
    case visit = "visit"
    case oddJobs = "odd_jobs"
    case garden = "garden"
    case paperwork = "paperwork"
    case digitalHelp = "digital_help"
    case phoneRound = "phone_round"
    case meals = "meals"
    case accompany = "accompany"
    case personalCare = "personal_care"
    case other = "other"

    public static let fieldName = "task"

    public var dutchLabel: String {
        switch self {
        case .transport: "vervoer"
        case .shopping: "boodschappen"
        case .visit: "bezoek"
        case .oddJobs: "klusjes"
        case .garden: "tuin"
        case .paperwork: "administratie"
        case .digitalHelp: "digitale hulp"
        case .phoneRound: "belronde"
        case .meals: "maaltijden"
        case .accompany: "begeleiding"
        case .personalCare: "persoonlijke verzorging"
        case .other: "anders"
        }
    }

    public var englishLabel: String {
        switch self {
        case .transport: "transport"
        case .shopping: "shopping"
        case .visit: "visit"
        case .oddJobs: "odd jobs"
        case .garden: "garden"
        case .paperwork: "paperwork"
        case .digitalHelp: "digital help"
        case .phoneRound: "phone round"
        case .meals: "meals"
        case .accompany: "accompanying"
        case .personalCare: "personal care"
        case .other: "other"
        }
    }

    /// Tasks that belong to professionals; the volunteer-load metrics count them apart.
    public var crossesProfessionalBoundary: Bool { self == .personalCare }
}
