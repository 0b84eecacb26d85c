/// FIPS 180-4 SHA-256, streaming: feed bytes in any number of pieces, then `finalize()`.
///
/// noaber carries its own hash so that it needs no package and no CryptoKit on Linux; it exists to
/// build `HMACSHA256`, which turns source ids into pseudonyms (see docs/privacy.md).
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update("ab")
/// hasher.update("c")
/// let digest = hasher.finalize()   // ba7816bf…f20015ad
/// ```
///
/// The value is a plain struct of fixed size (state, a 64-byte block buffer and a length), so
/// copying a half-fed hasher is cheap and allocation-free; HMAC relies on that to reuse its
/// precomputed padded-key states.
/// - Complexity: O(n) in the bytes fed; no allocation except the returned digest.
public struct SHA256: Sendable {
    /// Bytes in a compression block.
    static let blockSize = 64
    /// Bytes in a digest.
    public static let digestSize = 32

    /// The chaining value after all complete blocks fed so far.
    var state = SHA256State()
    /// Bytes of the current, incomplete block (only the first `bufferCount` are meaningful).
    private var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var bufferCount = 0
    /// Total bytes fed; the message length modulo 2^64 bytes (FIPS 180-4 limits it to 2^64 bits).
    private var byteCount: UInt64 = 0

    /// A hasher at the FIPS 180-4 initial hash value.
    public init() {}

    /// Feeds the bytes in `bytes`.
    /// - Complexity: O(`bytes.count`); complete blocks are compressed straight from `bytes`, without copying.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var source = bytes.baseAddress, bytes.count > 0 else { return }
        var remaining = bytes.count
        byteCount &+= UInt64(remaining)

        if bufferCount > 0 {
            let taken = Swift.min(Self.blockSize - bufferCount, remaining)
            let offset = bufferCount
            withUnsafeMutableBytes(of: &buffer) { block in
                block.baseAddress.map { ($0 + offset).copyMemory(from: source, byteCount: taken) }
            }
            bufferCount += taken
            source += taken
            remaining -= taken
            guard bufferCount == Self.blockSize else { return }
            compressBuffer()
        }

        let wholeBlocks = remaining / Self.blockSize
        if wholeBlocks > 0 {
            state.compress(blocks: source, count: wholeBlocks)
            source += wholeBlocks * Self.blockSize
            remaining -= wholeBlocks * Self.blockSize
        }

        if remaining > 0 {
            let tail = remaining
            withUnsafeMutableBytes(of: &buffer) { block in
                block.baseAddress.map { $0.copyMemory(from: source, byteCount: tail) }
            }
            bufferCount = tail
        }
    }

    /// Feeds the bytes of `bytes`.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Feeds the UTF-8 encoding of `text` (no terminator, no normalisation).
    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Pads the message and returns its 32-byte digest.
    public consuming func finalize() -> [UInt8] {
        let final = finalizeState()
        return final.digestBytes()
    }

    /// The SHA-256 digest of `bytes` in one call.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The lowercase hexadecimal SHA-256 digest (64 characters) of `bytes`.
    ///
    /// Note that this hashes `bytes`; it does not merely hex-encode them.
    public static func hexDigest(_ bytes: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        let final = hasher.finalizeState()
        return final.hex(wordCount: 8)
    }

    /// Applies FIPS 180-4 padding (0x80, zeros, 64-bit big-endian bit length) and returns the final
    /// chaining value without allocating; HMAC and the pseudonymiser use this directly.
    mutating func finalizeState() -> SHA256State {
        let bitLength = byteCount &* 8
        // 0x80 then zeros up to 56 mod 64, then the length: at most 64 + 8 bytes.
        var padding: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0, 0)
        let zeroCount = bufferCount < 56 ? 55 - bufferCount : 119 - bufferCount
        let paddingCount = 1 + zeroCount + 8
        withUnsafeMutableBytes(of: &padding) { pad in
            pad[0] = 0x80
            pad.storeBytes(of: bitLength.bigEndian, toByteOffset: 1 + zeroCount, as: UInt64.self)
        }
        withUnsafeBytes(of: &padding) { pad in
            update(UnsafeRawBufferPointer(rebasing: pad[0..<paddingCount]))
        }
        return state
    }

    /// Feeds `tail`, pads and returns the final chaining value: the same result as `update(tail)`
    /// followed by `finalizeState()`.
    ///
    /// When the buffered bytes and `tail` fit in one padded block (at most 55 bytes), the block is
    /// assembled on the stack and compressed once. That is the case for every HMAC of a short id
    /// and for every outer HMAC hash, so it is the pseudonymiser's hot path.
    mutating func finalizeState(appending tail: UnsafeRawBufferPointer) -> SHA256State {
        let total = bufferCount + tail.count
        guard total <= 55 else {
            update(tail)
            return finalizeState()
        }
        let bitLength = (byteCount &+ UInt64(tail.count)) &* 8
        let start = bufferCount
        var block = buffer
        withUnsafeMutableBytes(of: &block) { bytes in
            guard let base = bytes.baseAddress else { return }
            if let source = tail.baseAddress, tail.count > 0 {
                (base + start).copyMemory(from: source, byteCount: tail.count)
            }
            bytes[total] = 0x80
            // Bytes past the buffered count may hold an earlier block's data.
            (base + total + 1).initializeMemory(as: UInt8.self, repeating: 0, count: 55 - total)
            bytes.storeBytes(of: bitLength.bigEndian, toByteOffset: 56, as: UInt64.self)
        }
        var current = state
        withUnsafeBytes(of: &block) { bytes in
            bytes.baseAddress.map { current.compress(blocks: $0, count: 1) }
        }
        state = current
        byteCount &+= UInt64(tail.count)
        bufferCount = 0
        return current
    }

    /// Compresses the full 64-byte buffer and empties it.
    private mutating func compressBuffer() {
        var current = state
        withUnsafeBytes(of: &buffer) { block in
            block.baseAddress.map { current.compress(blocks: $0, count: 1) }
        }
        state = current
        bufferCount = 0
    }
}
