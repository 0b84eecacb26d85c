/// A resident's pseudonym reduced to 64 bits, so that metrics count distinct residents by
/// sorting integers instead of hashing 64-character strings.
///
/// noaber's pseudonyms are HMAC-SHA-256 in hexadecimal: their first 16 hex digits are 64
/// uniformly distributed bits, which the token takes as they are. Two different residents share
/// a token with probability about n² / 2⁶⁵ for n residents: 3 in a million at 10 million
/// residents (a count off by one), which is far below every other source of error in these
/// figures. A key that does not start with 16 hex digits (hand-built input, another tool's
/// store) is hashed with 64-bit FNV-1a instead, whose collisions for short distinct keys are as
/// unlikely.
public enum PersonToken {
    /// The token of a pseudonym's UTF-8 bytes.
    @inline(__always)
    public static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        if bytes.count >= 16 {
            var value: UInt64 = 0
            var hex = true
            for i in 0..<16 {
                let c = bytes[i]
                let digit: UInt8
                switch c {
                case 48...57: digit = c - 48
                case 97...102: digit = c - 87
                case 65...70: digit = c - 55
                default: hex = false; digit = 0
                }
                guard hex else { break }
                value = value << 4 | UInt64(digit)
            }
            if hex { return value }
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in bytes {
            hash ^= UInt64(c)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The token of a pseudonym.
    public static func of(_ key: String) -> UInt64 {
        var key = key
        return key.withUTF8 { of($0) }
    }

    /// The token of a person within an identity scope: the village code under village scope,
    /// the municipality's name under municipality scope (see `IdentityScope`).
    ///
    /// Why: villages number their own residents and volunteers (K001, V001, …), so one key in two
    /// villages is two people. Mixing the scope into the token makes them two tokens, while within
    /// one scope the map is a bijection (the SplitMix64 finaliser, an xor with the scope's hash,
    /// the finaliser again: each step invertible), so no two people of one scope ever share a
    /// token that did not share one before. Both the token and the scope are mixed before they are
    /// combined: short keys and short codes hash (FNV-1a) to values with shared structure, and
    /// xor-ing two such hashes made "P12" in one village collide with "P13" in the next in tests.
    @inline(__always)
    public static func scoped(_ token: UInt64, to scope: UInt64) -> UInt64 {
        mix(mix(token) ^ scope)
    }

    /// The hash `scoped(_:to:)` takes for a scope's name (64-bit FNV-1a of its UTF-8 bytes, with
    /// the scope kind in front so a village and a municipality of the same name differ, then
    /// mixed).
    public static func scopeHash(_ scope: IdentityScope, name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in (scope.rawValue + ":" + name).utf8 {
            hash ^= UInt64(c)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return mix(hash)
    }

    /// The SplitMix64 finaliser: a bijection on 64-bit values that spreads every input bit.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
