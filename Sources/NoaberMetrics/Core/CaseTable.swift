import NoaberModel

/// The cases of a metrics input in compact form, kept per village and sorted by receipt.
///
/// This is what the store loader fills (one village at a time, straight from SQLite into
/// `CaseFacts`) and what a researcher's `[CaseRecord]` is converted into. Keeping each village
/// sorted here lets `PreparedInput` share the arrays instead of sorting a copy.
public struct CaseTable: Sendable {
    /// Per village code, its cases in order of receipt; ties keep the order they were given in.
    public private(set) var byVillage: [String: [CaseFacts]] = [:]

    public init() {}

    /// Converts and groups full records; ties in receipt keep the records' order.
    public init(_ records: [CaseRecord]) {
        var grouped: [String: [CaseFacts]] = [:]
        for r in records { grouped[r.village, default: []].append(CaseFacts(r)) }
        for (code, list) in grouped { set(list, village: code) }
    }

    /// Replaces the cases of `village`, sorting them by receipt (stable).
    /// - Complexity: O(n log n) for n cases.
    public mutating func set(_ cases: [CaseFacts], village: String) {
        byVillage[village] = CaseTable.sortedByReceipt(cases)
    }

    /// Adds one record, keeping its village in order of receipt (after any tie).
    public mutating func append(_ record: CaseRecord) {
        let facts = CaseFacts(record)
        var list = byVillage.removeValue(forKey: record.village) ?? []
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid].receivedOrder <= facts.receivedOrder { lo = mid + 1 } else { hi = mid }
        }
        list.insert(facts, at: lo)
        byVillage[record.village] = list
    }

    /// The cases of one village, in order of receipt.
    public func cases(village: String) -> [CaseFacts] { byVillage[village] ?? [] }

    public var count: Int { byVillage.values.reduce(0) { $0 + $1.count } }

    /// The same table with only these villages.
    public func restricted(to codes: Set<String>) -> CaseTable {
        var t = CaseTable()
        t.byVillage = byVillage.filter { codes.contains($0.key) }
        return t
    }

    /// The latest receipt date over all villages, or nil without cases.
    public var latestReceived: CivilDate? {
        byVillage.values.compactMap { $0.last?.received.date }.max()
    }

    /// Sorted by receipt; equal receipts keep their relative order.
    static func sortedByReceipt(_ cases: [CaseFacts]) -> [CaseFacts] {
        var ordered = true
        for i in cases.indices.dropFirst() where cases[i - 1].receivedOrder > cases[i].receivedOrder {
            ordered = false
            break
        }
        if ordered { return cases }
        let key = cases.map(\.receivedOrder)
        let order = key.indices.sorted { key[$0] != key[$1] ? key[$0] < key[$1] : $0 < $1 }
        return order.map { cases[$0] }
    }
}
