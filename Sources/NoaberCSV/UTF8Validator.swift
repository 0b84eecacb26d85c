/// An incremental UTF-8 validity check that works across chunk boundaries.
///
/// The importer streams a file once to compute its SHA-256 and, at the same time, to learn
/// whether it is valid UTF-8 (if not, noaber reads it as Windows-1252). Feeding the chunks
/// in order gives the same answer as validating the whole file at once, wherever the
/// chunks are split, even in the middle of a multi-byte sequence.
///
///     var validator = UTF8Validator()
///     bytes.withUnsafeBytes { validator.consume($0) }
///     validator.finish()   // true for valid UTF-8
///
/// Validity follows the Unicode standard (table 3-7): no overlong forms, no surrogates
/// (U+D800–U+DFFF), nothing above U+10FFFF. A sequence cut off by the end of the input
/// makes `finish()` false but keeps `isValidSoFar` true, since more bytes could complete it.
///
/// - Complexity: O(n) over the bytes consumed; runs of ASCII are checked eight bytes at a time.
public struct UTF8Validator: Sendable {
    /// Continuation bytes still expected for the sequence in progress.
    private var pending: UInt8 = 0
    /// Allowed range for the next continuation byte; narrower than 0x80...0xBF only for the
    /// second byte after E0, ED, F0 and F4 (what rules out overlongs and surrogates).
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    private var failed = false

    public init() {}

    /// Checks the next chunk of the input. Does nothing once the input has proved invalid.
    public mutating func consume(_ chunk: UnsafeRawBufferPointer) {
        guard !failed, let base = chunk.baseAddress else { return }
        let count = chunk.count
        var index = 0
        while index < count {
            if pending == 0 {
                while index + 8 <= count,
                      base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                }
                guard index < count else { return }
                let byte = base.load(fromByteOffset: index, as: UInt8.self)
                index += 1
                switch byte {
                case 0x00...0x7F: continue
                case 0xC2...0xDF: expect(1, 0x80, 0xBF)
                case 0xE0: expect(2, 0xA0, 0xBF)
                case 0xE1...0xEC, 0xEE...0xEF: expect(2, 0x80, 0xBF)
                case 0xED: expect(2, 0x80, 0x9F)
                case 0xF0: expect(3, 0x90, 0xBF)
                case 0xF1...0xF3: expect(3, 0x80, 0xBF)
                case 0xF4: expect(3, 0x80, 0x8F)
                default:
                    failed = true
                    return
                }
            } else {
                let byte = base.load(fromByteOffset: index, as: UInt8.self)
                index += 1
                guard byte >= lower, byte <= upper else {
                    failed = true
                    return
                }
                pending -= 1
                lower = 0x80
                upper = 0xBF
            }
        }
    }

    /// True when everything consumed so far is valid UTF-8 and no sequence is left incomplete.
    public func finish() -> Bool {
        !failed && pending == 0
    }

    /// False as soon as a byte has been seen that no continuation could make valid.
    public var isValidSoFar: Bool { !failed }

    private mutating func expect(_ continuationBytes: UInt8, _ low: UInt8, _ high: UInt8) {
        pending = continuationBytes
        lower = low
        upper = high
    }
}
