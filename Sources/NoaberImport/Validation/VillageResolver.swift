import NoaberModel

/// Turns the village a row names — its code, its name, or a label the profile maps — into a
/// village code known to the store.
public struct VillageResolver: Sendable {
    private var table: [String: String] = [:]
    public let codes: Set<String>
    /// Codes as bytes for the common case of a row naming its village by its exact code, checked
    /// without trimming, lowercasing or hashing a `String`; only codes `code(for:)` maps to
    /// themselves, so both paths always agree.
    private var exactCodes: [(bytes: [UInt8], code: String)] = []

    public init(villages: [Village], profileLabels: [String: String]? = nil) {
        codes = Set(villages.map(\.code))
        for v in villages {
            table[v.code.lowercased()] = v.code
            table[v.name.lowercased()] = v.code
        }
        for (label, code) in profileLabels ?? [:] {
            if let known = table[code.lowercased()] { table[label.trimmingCharacters(in: .whitespaces).lowercased()] = known }
        }
        exactCodes = codes.sorted().compactMap { [table] code in
            table[code.trimmingCharacters(in: .whitespaces).lowercased()] == code ? (Array(code.utf8), code) : nil
        }
    }

    /// `code(for:)` of UTF-8 bytes; a row naming the exact code costs a few byte comparisons.
    /// - Complexity: O(villages) byte comparisons on the fast path, one hash lookup otherwise.
    public func code(forBytes bytes: UnsafeBufferPointer<UInt8>) -> String? {
        for entry in exactCodes where entry.bytes.count == bytes.count {
            if entry.bytes.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return entry.code }
        }
        return code(for: String(decoding: bytes, as: UTF8.self))
    }

    public func code(for text: String) -> String? {
        table[text.trimmingCharacters(in: .whitespaces).lowercased()]
    }
}
