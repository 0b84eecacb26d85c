import NoaberModel

/// Which canonical codes each coded field accepts, so that a profile's value mappings are checked
/// when it is loaded rather than when the first row fails.
enum CodeVocabulary {
    static func codes(for field: String) -> [String]? {
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
    static func accepts(code: String, field: String) -> Bool {
        guard let codes = codes(for: field) else { return true }
        return codes.contains(code)
    }
}
