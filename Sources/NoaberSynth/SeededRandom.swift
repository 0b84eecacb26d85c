#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Vigna's SplitMix64: turns one 64-bit seed into a well-mixed stream; used to seed
/// `SeededRandom` and to hash (seed, index) pairs into independent per-item values.
public struct SplitMix64: Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 output function: a bijective mix of 64 bits.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256** seeded through SplitMix64: noaber's own generator, so that the same seed gives
/// the same bytes on every platform and Swift version (the standard library's random helpers
/// are free to change their algorithms).
///
/// Only its own methods are used to draw values (`uniform()`, `below(_:)`, …), never
/// `Int.random(in:using:)`, for the same reason.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) <<< 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 <<< 45
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in 0..<n (Lemire's multiply-high; the bias is below 2^-40 for noaber's n).
    /// Returns 0 when n ≤ 0.
    public mutating func below(_ n: Int) -> Int {
        guard n > 1 else { return 0 }
        return Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// True with probability p.
    public mutating func chance(_ p: Double) -> Bool { uniform() < p }

    /// A standard normal draw (Box–Muller; one of the pair is discarded to keep the state simple).
    public mutating func normal() -> Double {
        let u1 = 1.0 - uniform()   // (0, 1]: log stays finite
        let u2 = uniform()
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }

    /// A log-normal draw with the given median and shape σ.
    public mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * exp(sigma * normal())
    }

    /// A geometric count of failures before the first success, with the given mean.
    public mutating func geometric(mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        let p = 1.0 / (1.0 + mean)
        let u = 1.0 - uniform()
        return Int(log(u) / log(1.0 - p))
    }
}

infix operator <<< : BitwiseShiftPrecedence

extension UInt64 {
    /// Rotate left.
    @inline(__always) static func <<< (value: UInt64, amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 - amount))
    }
}

/// A fixed table of weights to draw an index from; built once, drawn from per row.
struct WeightedTable: Sendable {
    private let cumulative: [Double]

    init(_ weights: [Double]) {
        var running = 0.0
        var table: [Double] = []
        for weight in weights {
            running += max(weight, 0)
            table.append(running)
        }
        let total = running > 0 ? running : 1
        cumulative = table.map { $0 / total }
    }

    var count: Int { cumulative.count }

    /// An index drawn with probability proportional to its weight.
    func draw(_ random: inout SeededRandom) -> Int {
        let u = random.uniform()
        for (index, bound) in cumulative.enumerated() where u < bound { return index }
        return cumulative.count - 1
    }
}

/// FNV-1a over bytes: a stable hash of a village code, to give each village its own stream
/// whatever its position in the list.
func stableHash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01B3
    }
    return hash
}
