/// How the ondersteuner resolved the case.
public enum Resolution: String, Code {
    case informal = "informal"
    case collective = "collective"
    case referredFormal = "referred_formal"
    case advice = "advice"
    case selfSolved = "self_solved"
    case none = "none"

    public static let fieldName = "resolution"

    public var dutchLabel: String {
        switch self {
        case .informal: "informele hulp"
        case .collective: "collectieve voorziening"
        case .referredFormal: "doorverwezen naar formele zorg"
        case .advice: "advies en informatie"
        case .selfSolved: "zelf opgelost"
        case .none: "geen"
        }
    }

    public var englishLabel: String {
        switch self {
        case .informal: "informal help"
        case .collective: "collective provision"
        case .referredFormal: "referred to formal care"
        case .advice: "advice"
        case .selfSolved: "solved by the resident"
        case .none: "none"
        }
    }
}
