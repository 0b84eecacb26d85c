import NoaberModel

/// The raw values of one code vocabulary as UTF-8 bytes that live as long as the table, so that a
/// writer binds a code without making a `String` (`rawValue` builds one per call) or copying it.
///
/// The lookup reads the enum's one-byte case tag, which for a payload-free enum numbers its cases
/// in declaration order, the order of `allCases`. That layout is checked for every case when the
/// table is built; if it does not hold (a vocabulary with a payload, or of more than 256 codes),
/// `bytes(of:)` returns nil and the caller binds `rawValue` as before.
///
/// - Complexity: O(1) per lookup, no allocation.
final class CodeBytes<C: Code> {
    private let storage: UnsafeMutablePointer<UInt8>
    /// Start offset and length in `storage` per position in `C.allCases`.
    private let spans: [(offset: Int, count: Int)]
    private let tagged: Bool

    init() {
        let raws = C.allCases.map { Array($0.rawValue.utf8) }
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, raws.reduce(0) { $0 + $1.count }))
        self.storage = storage
        var spans: [(offset: Int, count: Int)] = []
        var offset = 0
        for raw in raws {
            raw.withUnsafeBufferPointer { source in
                if let from = source.baseAddress { (storage + offset).initialize(from: from, count: raw.count) }
            }
            spans.append((offset, raw.count))
            offset += raw.count
        }
        self.spans = spans
        var tagged = MemoryLayout<C>.size == 1
        if tagged {
            for (position, code) in C.allCases.enumerated() where Self.tag(code) != position {
                tagged = false
            }
        }
        self.tagged = tagged
    }

    deinit {
        storage.deallocate()
    }

    /// The bytes of `code`'s raw value, or nil when the table cannot look codes up by tag.
    @inline(__always)
    func bytes(of code: C) -> (start: UnsafePointer<UInt8>, count: Int)? {
        guard tagged else { return nil }
        let position = Self.tag(code)
        guard position < spans.count else { return nil }
        let span = spans[position]
        return (UnsafePointer(storage + span.offset), span.count)
    }

    @inline(__always)
    private static func tag(_ code: C) -> Int {
        withUnsafeBytes(of: code) { Int($0[0]) }
    }
}
