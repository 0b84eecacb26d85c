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
    /// The exact codes of up to 8 bytes (every real one: `SAA`, `D001`) by their bytes packed
    /// into an integer: one integer hash instead of a byte comparison per village, which with
    /// 100 villages cost more per row than parsing the row's dates.
    private var shortCodes: [ShortKey: String] = [:]

    /// Up to 8 bytes as one integer, with the length (so `A` and `A\0` differ).
    private struct ShortKey: Hashable {
        let bytes: UInt64
        let count: Int

        init?(_ b: UnsafeBufferPointer<UInt8>) {
            guard b.count <= 8 else { return nil }
            var packed: UInt64 = 0
            for (i, byte) in b.enumerated() { packed |= UInt64(byte) << UInt64(8 * i) }
            bytes = packed
            count = b.count
        }
    }

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
        for entry in exactCodes {
            if let key = entry.bytes.withUnsafeBufferPointer(ShortKey.init) { shortCodes[key] = entry.code }
        }
        exactCodes.removeAll { $0.bytes.count <= 8 }
    }

    /// `code(for:)` of UTF-8 bytes; a row naming the exact code costs one integer hash.
    /// - Complexity: O(1) for a code of up to 8 bytes, O(longer codes) byte comparisons for a
    ///   longer one, one `String` hash lookup otherwise.
    public func code(forBytes bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if let key = ShortKey(bytes), let code = shortCodes[key] { return code }
        for entry in exactCodes where entry.bytes.count == bytes.count {
            if entry.bytes.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return entry.code }
        }
        return code(for: String(decoding: bytes, as: UTF8.self))
    }

    public func code(for text: String) -> String? {
        table[text.trimmingCharacters(in: .whitespaces).lowercased()]
    }
}
