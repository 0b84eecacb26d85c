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
/// stored. (Synthetic stores can break that bound: `noaber synth` draws about 0.4 residents
/// per case, so 10 million cases name 4 million residents.)
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

    /// Collects tokens with their case days one village at a time and keeps, per token, the
    /// earliest day.
    ///
    /// Each village's residents become a sorted run (its cases sorted by token, duplicates
    /// folded); `build()` merges the runs. Memory is the runs, 12 bytes per resident and
    /// village, plus one village's cases while it is folded: no hash table over every resident
    /// (which costs several times that at its load factor).
    struct Builder: Sendable {
        private var runs: [Run] = []
        private var pending: [(token: UInt64, day: Int32)] = []

        init() {}

        /// Counts `c` when it names a resident (a person token on a non-collective case).
        @inline(__always)
        mutating func add(_ c: borrowing CaseFacts) {
            guard c.hasPerson, !c.collective else { return }
            add(token: c.person, day: c.receivedDayNumber)
        }

        @inline(__always)
        mutating func add(token: UInt64, day: Int) {
            pending.append((token, Int32(clamping: day)))
        }

        /// Folds what was added since the last call into a run: call it after each village.
        /// - Complexity: O(n log n) for the n cases added.
        mutating func endVillage() {
            guard !pending.isEmpty else { return }
            pending.sort { $0.token != $1.token ? $0.token < $1.token : $0.day < $1.day }
            var run = Run()
            for (token, day) in pending where run.tokens.last != token {
                run.tokens.append(token)
                run.days.append(day)
            }
            runs.append(run)
            pending = []
        }

        /// Adds everything another builder collected (for builders filled in parallel).
        mutating func merge(_ other: Builder) {
            var other = other
            other.endVillage()
            endVillage()
            runs += other.runs
        }

        /// The index: the runs merged, each token once with its earliest day.
        /// - Complexity: O(entries · log runs).
        func build() -> ResidentIndex {
            var all = self
            all.endVillage()
            let runs = all.runs
            var tokens: [UInt64] = [], days: [Int32] = []
            var heads = MergeHeads(runs: runs)
            while let (token, day) = heads.popMinimum() {
                if tokens.last == token {
                    days[days.count - 1] = min(days[days.count - 1], day)
                } else {
                    tokens.append(token)
                    days.append(day)
                }
            }
            return ResidentIndex(tokens: tokens, firstDays: days)
        }
    }

    private init(tokens: [UInt64], firstDays: [Int32]) {
        self.tokens = tokens
        self.firstDays = firstDays
    }
}

/// One village's residents: distinct tokens ascending, each with its earliest day there.
private struct Run: Sendable {
    var tokens: [UInt64] = []
    var days: [Int32] = []
}

/// A binary min-heap over the current entry of every run: the k-way merge behind
/// `ResidentIndex.Builder.build()`.
private struct MergeHeads {
    private let runs: [Run]
    private var positions: [Int]
    /// Run indices, ordered as a heap by their current token.
    private var heap: [Int] = []

    init(runs: [Run]) {
        self.runs = runs
        positions = Array(repeating: 0, count: runs.count)
        for r in runs.indices where !runs[r].tokens.isEmpty { push(r) }
    }

    /// The smallest current (token, day) over all runs, advancing its run; nil when all are done.
    mutating func popMinimum() -> (UInt64, Int32)? {
        guard let r = heap.first else { return nil }
        let entry = (runs[r].tokens[positions[r]], runs[r].days[positions[r]])
        positions[r] += 1
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
        }
        if positions[r] < runs[r].tokens.count { push(r) }
        return entry
    }

    private func key(_ r: Int) -> UInt64 { runs[r].tokens[positions[r]] }

    private mutating func push(_ r: Int) {
        heap.append(r)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard key(heap[i]) < key(heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        while true {
            let l = 2 * i + 1, r = l + 1
            var smallest = i
            if l < heap.count, key(heap[l]) < key(heap[smallest]) { smallest = l }
            if r < heap.count, key(heap[r]) < key(heap[smallest]) { smallest = r }
            guard smallest != i else { return }
            heap.swapAt(i, smallest)
            i = smallest
        }
    }
}
