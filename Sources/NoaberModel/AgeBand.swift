/// Age band of the resident at intake.
public enum AgeBand: String, Code {
    case under18 = "0-17"
    case adult = "18-64"
    case from65to74 = "65-74"
    case from75to84 = "75-84"
    case over85 = "85+"

    public static let fieldName = "age_band"

    public var dutchLabel: String {
        switch self {
        case .under18: "0-17 jaar"
        case .adult: "18-64 jaar"
        case .from65to74: "65-74 jaar"
        case .from75to84: "75-84 jaar"
        case .over85: "85 jaar en ouder"
        }
    }

    public var englishLabel: String {
        switch self {
        case .under18: "0-17 years"
        case .adult: "18-64 years"
        case .from65to74: "65-74 years"
        case .from75to84: "75-84 years"
        case .over85: "85 years and over"
        }
    }
}
