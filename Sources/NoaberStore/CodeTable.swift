import NoaberModel

/// Decodes a stored code from its UTF-8 bytes without building a `String` per row.
///
/// Built once per query (vocabularies have at most a dozen codes), then a linear scan with a
/// length check first: cheaper than hashing for so few entries.
struct CodeTable<C: Code> {
    private let entries: [([UInt8], C)]

    init() {
        entries = C.allCases.map { (Array($0.rawValue.utf8), $0) }
    }

    /// The position in `C.allCases` of the code whose raw value is exactly `bytes` (its bit in a
    /// `CodeSet`), or nil for an unknown code.
    func offset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for (i, entry) in entries.enumerated() where entry.0.count == bytes.count {
            if entry.0.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return i }
        }
        return nil
    }

    /// The code whose raw value is exactly `bytes`, or nil for an unknown code.
    func code(_ bytes: UnsafeBufferPointer<UInt8>) -> C? {
        for (raw, code) in entries where raw.count == bytes.count {
            if raw.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return code }
        }
        return nil
    }
}
