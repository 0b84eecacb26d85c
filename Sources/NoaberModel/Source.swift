/// Who brought the request or signal to the ondersteuner.
public enum Source: String, Code {
    case resident = "self"
    case relative = "relative"
    case neighbour = "neighbour"
    case volunteer = "volunteer"
    case gp = "gp"
    case districtNurse = "district_nurse"
    case municipality = "municipality"
    case socialTeam = "social_team"
    case welfare = "welfare"
    case other = "other"

    public static let fieldName = "source"

    public var dutchLabel: String {
        switch self {
        case .resident: "inwoner zelf"
        case .relative: "familie"
        case .neighbour: "buren"
        case .volunteer: "vrijwilliger"
        case .gp: "huisarts"
        case .districtNurse: "wijkverpleging"
        case .municipality: "gemeente"
        case .socialTeam: "sociaal team"
        case .welfare: "welzijnswerk"
        case .other: "anders"
        }
    }

    public var englishLabel: String {
        switch self {
        case .resident: "resident"
        case .relative: "relative"
        case .neighbour: "neighbour"
        case .volunteer: "volunteer"
        case .gp: "GP"
        case .districtNurse: "district nurse"
        case .municipality: "municipality"
        case .socialTeam: "social team"
        case .welfare: "welfare work"
        case .other: "other"
        }
    }
}
