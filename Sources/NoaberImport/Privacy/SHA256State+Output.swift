/// Turning a final chaining value into bytes or hexadecimal text without intermediate arrays.
extension SHA256State {
    /// The words in digest order.
    @inline(__always)
    func word(_ index: Int) -> UInt32 {
        switch index {
        case 0: h0
        case 1: h1
        case 2: h2
        case 3: h3
        case 4: h4
        case 5: h5
        case 6: h6
        default: h7
        }
    }

    /// The 32-byte big-endian digest.
    func digestBytes() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: SHA256.digestSize) { buffer, initialized in
            writeDigest(into: UnsafeMutableRawBufferPointer(buffer))
            initialized = SHA256.digestSize
        }
    }

    /// Stores the 32-byte big-endian digest at the start of `buffer` (which must hold 32 bytes).
    @inline(__always)
    func writeDigest(into buffer: UnsafeMutableRawBufferPointer) {
        for index in 0..<8 {
            buffer.storeBytes(of: word(index).bigEndian, toByteOffset: index &* 4, as: UInt32.self)
        }
    }

    /// Lowercase hex of the first `wordCount` words (8 hex characters each, at most 8 words).
    ///
    /// Pseudonyms use 4 words (128 bits, 32 characters); the full digest uses 8.
    func hex(wordCount: Int) -> String {
        let count = Swift.min(Swift.max(wordCount, 0), 8)
        return String(unsafeUninitializedCapacity: count &* 8) { text in
            for index in 0..<count {
                let value = word(index)
                for nibble in 0..<8 {
                    let digit = UInt8(truncatingIfNeeded: value &>> UInt32(28 &- 4 &* nibble)) & 0x0F
                    text[index &* 8 &+ nibble] = digit < 10 ? 0x30 &+ digit : 0x57 &+ digit
                }
            }
            return count &* 8
        }
    }
}
