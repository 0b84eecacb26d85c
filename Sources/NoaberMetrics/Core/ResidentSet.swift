/// A set of resident numbers (or any small non-negative integers below `universe`) that is
/// filled one village after another and counted at the end.
///
/// Starts as a plain list, which costs nothing for the few residents of a small village in one
/// quarter; once the list would outgrow a bit set over the universe it becomes one, so a pooled
/// group's set stays at `universe / 8` bytes however many cases are added.
struct ResidentSet: Sendable {
    let universe: Int
    private var list: [Int32] = []
    private var bits: [UInt64] = []

    init(universe: Int) { self.universe = max(universe, 0) }

    /// Adds a number; numbers outside `0..<universe` are ignored.
    @inline(__always)
    mutating func insert(_ id: Int32) {
        guard id >= 0, Int(id) < universe else { return }
        if bits.isEmpty {
            list.append(id)
            if list.count > universe / 16 + 64 { convertToBits() }
        } else {
            bits[Int(id) >> 6] |= UInt64(1) << UInt64(id & 63)
        }
    }

    /// Adds every number of another set.
    mutating func formUnion(_ other: ResidentSet) {
        other.forEachDistinct { insert($0) }
    }

    /// Calls `body` once per distinct number, in no particular order.
    func forEachDistinct(_ body: (Int32) -> Void) {
        if bits.isEmpty {
            for id in ReachMetrics.distinct(list, residents: universe) { body(id) }
            return
        }
        for (w, word) in bits.enumerated() where word != 0 {
            var rest = word
            while rest != 0 {
                body(Int32(w << 6 + rest.trailingZeroBitCount))
                rest &= rest - 1
            }
        }
    }

    /// The number of distinct numbers.
    var count: Int {
        if bits.isEmpty { return ReachMetrics.distinct(list, residents: universe).count }
        return bits.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    private mutating func convertToBits() {
        bits = [UInt64](repeating: 0, count: (universe + 63) / 64)
        for id in list { bits[Int(id) >> 6] |= UInt64(1) << UInt64(id & 63) }
        list = []
    }
}
