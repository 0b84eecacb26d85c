import NoaberModel

/// Turns the village a row names — its code, its name, or a label the profile maps — into a
/// village code known to the store.
public struct VillageResolver: Sendable {
    private var table: [String: String] = [:]
    public let codes: Set<String>

    public init(villages: [Village], profileLabels: [String: String]? = nil) {
        codes = Set(villages.map(\.code))
        for v in villages {
            table[v.code.lowercased()] = v.code
            table[v.name.lowercased()] = v.code
        }
        for (label, code) in profileLabels ?? [:] {
            if let known = table[code.lowercased()] { table[label.trimmingCharacters(in: .whitespaces).lowercased()] = known }
        }
    }

    public func code(for text: String) -> String? {
        table[text.trimmingCharacters(in: .whitespaces).lowercased()]
    }
}
