/// RFC 2104 HMAC over SHA-256: `H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ message))`.
///
/// The two padded-key blocks are compressed once, in `init`, and kept as hasher states; each
/// `authenticationCode(for:)` copies them (a fixed-size struct, no allocation), so a message of up
/// to 55 bytes costs exactly two compressions. That is what makes pseudonymising a million ids a
/// sub-second job.
///
/// ```swift
/// let mac = HMACSHA256(key: Array("key".utf8))
/// let tag = mac.authenticationCode(for: Array("The quick brown fox jumps over the lazy dog".utf8))
/// // f7bc83f4…2d1a3cd8
/// ```
///
/// Keys longer than the 64-byte block are first hashed, as RFC 2104 requires; shorter keys are
/// zero-padded. Any key length, including zero, is accepted (HMAC defines them all), but only a
/// key of at least 32 random bytes gives the security noaber relies on.
/// - Complexity: O(message length) per code.
public struct HMACSHA256: Sendable {
    /// A hasher that has absorbed `K ⊕ ipad` (one block).
    let innerStart: SHA256
    /// A hasher that has absorbed `K ⊕ opad` (one block).
    let outerStart: SHA256

    /// Precomputes the inner and outer padded-key states for `key`.
    public init(key: [UInt8]) {
        var block = [UInt8](repeating: 0, count: SHA256.blockSize)
        if key.count > SHA256.blockSize {
            let digest = SHA256.hash(key)
            block.replaceSubrange(0..<digest.count, with: digest)
        } else {
            block.replaceSubrange(0..<key.count, with: key)
        }
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5c })
        // Overwrite the local copy of the key material; the states above cannot be inverted to it.
        for index in block.indices { block[index] = 0 }
        innerStart = inner
        outerStart = outer
    }

    /// The 32-byte HMAC-SHA-256 of `message`.
    public func authenticationCode(for message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { authenticationCode(for: $0) }
    }

    /// The 32-byte HMAC-SHA-256 of the bytes in `message`.
    public func authenticationCode(for message: UnsafeRawBufferPointer) -> [UInt8] {
        finish(inner: innerStart, appending: message).digestBytes()
    }

    /// Completes an HMAC whose inner hasher (started from `innerStart`) has absorbed the whole
    /// message, returning the final outer chaining value without allocating.
    ///
    /// The pseudonymiser starts from a copy of `innerStart` that has already absorbed a domain
    /// prefix, so it feeds the message itself and calls this.
    @inline(__always)
    func finish(inner: consuming SHA256) -> SHA256State {
        finish(innerDigest: inner.finalizeState())
    }

    /// Completes an HMAC whose inner hasher (started from `innerStart`) still has to absorb
    /// `tail`; one compression for the inner hash when everything fits in a block.
    @inline(__always)
    func finish(inner: consuming SHA256, appending tail: UnsafeRawBufferPointer) -> SHA256State {
        finish(innerDigest: inner.finalizeState(appending: tail))
    }

    /// The outer hash: one compression of the inner digest and its padding.
    @inline(__always)
    private func finish(innerDigest: SHA256State) -> SHA256State {
        var digestBlock: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digestBlock) { innerDigest.writeDigest(into: $0) }
        var outer = outerStart
        return withUnsafeBytes(of: &digestBlock) { outer.finalizeState(appending: $0) }
    }
}
