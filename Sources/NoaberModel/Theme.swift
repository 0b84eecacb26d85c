/// What the request is about; a case carries one or more.
public enum Theme: String, Code {
    case loneliness = "loneliness"
    case housing = "housing"
    case transport = "transport"
    case household = "household"
    case healthCare = "health_care"
    case caregiverSupport = "caregiver_support"
    case financeAdmin = "finance_admin"
    case digital = "digital"
    case meaning = "meaning"
    case participation = "participation"
    case safety = "safety"
    case other = "other"

    public static let fieldName = "themes"

    public var dutchLabel: String {
        switch self {
        case .loneliness: "eenzaamheid"
        case .housing: "wonen"
        case .transport: "vervoer"
        case .household: "huishouden"
        case .healthCare: "gezondheid en zorg"
        case .caregiverSupport: "mantelzorgondersteuning"
        case .financeAdmin: "geldzaken en administratie"
        case .digital: "digitale vaardigheden"
        case .meaning: "zingeving"
        case .participation: "meedoen"
        case .safety: "veiligheid"
        case .other: "anders"
        }
    }

    public var englishLabel: String {
        switch self {
        case .loneliness: "loneliness"
        case .housing: "housing"
        case .transport: "transport"
        case .household: "household"
        case .healthCare: "health and care"
        case .caregiverSupport: "caregiver support"
        case .financeAdmin: "finances and paperwork"
        case .digital: "digital skills"
        case .meaning: "meaning in life"
        case .participation: "participation"
        case .safety: "safety"
        case .other: "other"
        }
    }
}
