/// A set of codes of one vocabulary as a bit mask: bit i stands for `C.allCases[i]`.
///
/// `Set<Theme>` costs a heap allocation, a reference count and hashing per case; a million
/// cases carry four such sets each. A mask is four bytes, compares and hashes as an integer,
/// and iterates in vocabulary order. Vocabularies have at most 32 codes (checked by a test).
public struct CodeSet<C: Code>: Hashable, Sendable, Sequence, ExpressibleByArrayLiteral {
    /// Bit i set ⇔ `C.allCases[i]` is a member.
    public private(set) var mask: UInt32

    public init() { mask = 0 }

    public init(mask: UInt32) { self.mask = mask }

    public init<S: Sequence>(_ codes: S) where S.Element == C {
        mask = 0
        for c in codes { insert(c) }
    }

    public init(arrayLiteral codes: C...) { self.init(codes) }

    /// The mask with every code of the vocabulary: a stored mask with any other bit is not readable.
    public static var allMask: UInt32 {
        let n = C.allCases.count
        return n >= 32 ? UInt32.max : (1 << UInt32(n)) - 1
    }

    public var isEmpty: Bool { mask == 0 }

    public var count: Int { mask.nonzeroBitCount }

    public func contains(_ code: C) -> Bool { mask & CodeSet.bit(code) != 0 }

    public mutating func insert(_ code: C) { mask |= CodeSet.bit(code) }

    public mutating func remove(_ code: C) { mask &= ~CodeSet.bit(code) }

    /// The members not in `other`.
    public func subtracting(_ other: CodeSet) -> CodeSet { CodeSet(mask: mask & ~other.mask) }

    /// The members as a `Set`, for code that wants one.
    public var asSet: Set<C> { Set(self) }

    /// The bit of `code`; 0 for a code past the 32nd, which no vocabulary has.
    @inline(__always)
    public static func bit(_ code: C) -> UInt32 {
        guard let i = C.allCases.firstIndex(of: code) else { return 0 }
        let offset = C.allCases.distance(from: C.allCases.startIndex, to: i)
        return offset < 32 ? 1 << UInt32(offset) : 0
    }

    public func makeIterator() -> Iterator { Iterator(remaining: mask, all: Array(C.allCases)) }

    /// Calls `body` with the vocabulary position of each member, ascending: what a hot loop uses
    /// to count members into an array, without materialising the codes.
    @inline(__always)
    public func forEachOffset(_ body: (Int) -> Void) {
        var remaining = mask
        while remaining != 0 {
            body(remaining.trailingZeroBitCount)
            remaining &= remaining - 1
        }
    }

    /// Members in vocabulary order.
    public struct Iterator: IteratorProtocol {
        var remaining: UInt32
        let all: [C]

        public mutating func next() -> C? {
            guard remaining != 0 else { return nil }
            let offset = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            return offset < all.count ? all[offset] : nil
        }
    }
}
