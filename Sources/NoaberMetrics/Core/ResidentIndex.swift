import NoaberModel

/// Every resident of a metrics run, numbered, with the day of their first case: built once,
/// before any village is read in full, so that each village can be computed on its own.
///
/// Residents are the distinct person tokens of non-collective cases over the whole input
/// (`new_residents` means new to every export read, not just to one village). They are numbered
/// by their position among the sorted tokens, so distinct residents are counted with a bit set
/// and a resident's first case day is an array lookup.
///
/// Memory grows with the number of residents (12 bytes each), never with the number of cases:
/// a municipality's residents are bounded by its population, however many years of cases are
/// stored.
struct ResidentIndex: Sendable {
    /// Distinct tokens, ascending; a resident's number is its position here.
    private let tokens: [UInt64]
    /// Per resident number, the day number of their first non-collective case.
    private let firstDays: [Int32]

    /// The number of residents: resident numbers lie in `0..<count`.
    var count: Int { tokens.count }

    /// The resident number of a token, or -1 for a token that is not in the index.
    /// - Complexity: O(log residents).
    func number(of token: UInt64) -> Int32 {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid] < token { lo = mid + 1 } else { hi = mid }
        }
        return lo < tokens.count && tokens[lo] == token ? Int32(lo) : -1
    }

    /// The day number of the first case of resident `number`.
    @inline(__always)
    func firstDay(of number: Int32) -> Int { Int(firstDays[Int(number)]) }

    /// Collects tokens with their case days, one case at a time, keeping the earliest day per
    /// token. - Complexity: O(1) expected per case; memory O(distinct tokens).
    struct Builder {
        private var first: [UInt64: Int32] = [:]

        init() {}

        /// Counts `c` when it names a resident (a person token on a non-collective case).
        @inline(__always)
        mutating func add(_ c: borrowing CaseFacts) {
            guard c.hasPerson, !c.collective else { return }
            add(token: c.person, day: c.receivedDayNumber)
        }

        @inline(__always)
        mutating func add(token: UInt64, day: Int) {
            let d = Int32(clamping: day)
            if let known = first[token], known <= d { return }
            first[token] = d
        }

        /// Adds everything another builder collected (for builders filled in parallel).
        mutating func merge(_ other: Builder) {
            for (token, day) in other.first { add(token: token, day: Int(day)) }
        }

        /// The index. - Complexity: O(residents log residents).
        func build() -> ResidentIndex {
            let tokens = first.keys.sorted()
            return ResidentIndex(tokens: tokens, firstDays: tokens.map { first[$0] ?? Int32.max })
        }
    }

    private init(tokens: [UInt64], firstDays: [Int32]) {
        self.tokens = tokens
        self.firstDays = firstDays
    }
}
