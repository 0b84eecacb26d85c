/// Which canonical codes each coded field accepts, in the vocabulary's order: a profile's value
/// mappings are checked against it when the profile is loaded (rather than when the first row
/// fails), and the synthetic village workbook lists its labels in this order.
public enum CodeVocabulary {
    public static func codes(for field: String) -> [String]? {
        switch field {
        case "age_band": AgeBand.allCodes
        case "source": Source.allCodes
        case "channel": Channel.allCodes
        case "themes": Theme.allCodes
        case "resolution": Resolution.allCodes
        case "referred_to": Referral.allCodes
        case "risks", "escalated_to": Risk.allCodes
        case "task": TaskKind.allCodes
        case "collective": ["true", "false"]
        default: nil
        }
    }

    /// Fields without a closed vocabulary (e.g. `village`) accept any code; it is checked later
    /// against the villages in the store.
    public static func accepts(code: String, field: String) -> Bool {
        guard let codes = codes(for: field) else { return true }
        return codes.contains(code)
    }
}
