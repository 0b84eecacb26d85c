import NoaberModel

/// Turns the village a row names — its code, its name, or a label the profile maps — into a
/// village code known to the store.
public struct VillageResolver: Sendable {
    private var table: [String: String] = [:]
    /// Codes and names folded (case, accents, spaces, hyphens and punctuation left out), for the
    /// ways people write a village's name: `Lattrop Breklenkamp`, `noord-deurningen`. A folded
    /// form two villages share resolves to neither.
    private var folded: [String: String?] = [:]
    public let codes: Set<String>
    /// "DEU (Deurningen), LAT (Lattrop-Breklenkamp), …": what a rejection lists as known.
    public let knownList: String
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
        knownList = villages.sorted { $0.code < $1.code }
            .map { $0.name.isEmpty || $0.name == $0.code ? $0.code : "\($0.code) (\($0.name))" }.joined(separator: ", ")
        for v in villages {
            table[v.code.lowercased()] = v.code
            table[v.name.lowercased()] = v.code
            for key in [Self.fold(v.code), Self.fold(v.name)] where !key.isEmpty {
                if let existing = folded[key], existing != v.code { folded[key] = .some(nil) } else { folded[key] = v.code }
            }
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
        if let code = table[text.trimmingCharacters(in: .whitespaces).lowercased()] { return code }
        let key = Self.fold(text)
        return key.isEmpty ? nil : folded[key] ?? nil
    }

    /// Lowercase letters and digits only, accents removed; "" for text with a control character,
    /// which no way of writing a name explains.
    /// Plain ASCII (nearly every village name) is folded byte by byte: this runs for every row of
    /// an export that writes its village in another form than the villages file, and Foundation's
    /// diacritic folding per row cost more than reading the row.
    static func fold(_ text: String) -> String {
        var ascii: [UInt8] = []
        ascii.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if byte >= 0x80 { ascii.removeAll(); break }            // accents: Foundation below
            if byte < 0x20 || byte == 0x7F { return "" }             // a control character
            let lower = byte | 0x20
            if (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) { ascii.append(lower) }
            else if byte &- 48 < 10 { ascii.append(byte) }
        }
        if !ascii.isEmpty || text.utf8.allSatisfy({ $0 < 0x80 }) { return String(decoding: ascii, as: UTF8.self) }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return "" }
        return Folded.words(text).joined()
    }
}
