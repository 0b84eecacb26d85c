/// Formal provisions a case was referred to; a case may carry several.
public enum Referral: String, Code {
    case gp = "gp"
    case districtNurse = "district_nurse"
    case wmo = "wmo"
    case mentalHealth = "mental_health"
    case socialTeam = "social_team"
    case welfare = "welfare"
    case debtHelp = "debt_help"
    case housingCorp = "housing_corp"
    case other = "other"

    public static let fieldName = "referred_to"

    public var dutchLabel: String {
        switch self {
        case .gp: "huisarts"
        case .districtNurse: "wijkverpleging"
        case .wmo: "Wmo-loket"
        case .mentalHealth: "ggz"
        case .socialTeam: "sociaal team"
        case .welfare: "welzijnswerk"
        case .debtHelp: "schuldhulp"
        case .housingCorp: "woningcorporatie"
        case .other: "anders"
        }
    }

    public var englishLabel: String {
        switch self {
        case .gp: "GP"
        case .districtNurse: "district nurse"
        case .wmo: "Wmo desk"
        case .mentalHealth: "mental health care"
        case .socialTeam: "social team"
        case .welfare: "welfare work"
        case .debtHelp: "debt counselling"
        case .housingCorp: "housing corporation"
        case .other: "other"
        }
    }
}
