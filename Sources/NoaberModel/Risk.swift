/// Escalation risks noted at intake, and (as `escalated_to`) the formal events that did happen.
///
/// Each risk leads to one formal event (readmission, admission, Wmo indication, …) whose cost the
/// escalation parameter file prices.
public enum Risk: String, Code {
    case psychiatricReadmission = "psychiatric_readmission"
    case nursingHomeAdmission = "nursing_home_admission"
    case caregiverOverload = "caregiver_overload"
    case isolation = "isolation"
    case fall = "fall"
    case debt = "debt"
    case wmoHouseholdHelp = "wmo_household_help"
    case frequentGPUse = "frequent_gp_use"

    public static let fieldName = "risks"

    public var dutchLabel: String {
        switch self {
        case .psychiatricReadmission: "heropname ggz"
        case .nursingHomeAdmission: "opname verpleeghuis"
        case .caregiverOverload: "overbelaste mantelzorger"
        case .isolation: "sociaal isolement"
        case .fall: "val"
        case .debt: "schulden"
        case .wmoHouseholdHelp: "Wmo-huishoudelijke hulp"
        case .frequentGPUse: "frequent huisartsbezoek"
        }
    }

    public var englishLabel: String {
        switch self {
        case .psychiatricReadmission: "psychiatric readmission"
        case .nursingHomeAdmission: "nursing-home admission"
        case .caregiverOverload: "overloaded informal caregiver"
        case .isolation: "social isolation"
        case .fall: "fall"
        case .debt: "debt"
        case .wmoHouseholdHelp: "Wmo household help"
        case .frequentGPUse: "frequent GP use"
        }
    }
}
