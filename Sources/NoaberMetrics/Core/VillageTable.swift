import NoaberModel

/// Rows that a `VillageTable` keeps in date order.
public protocol DatedFacts: Hashable, Sendable {
    /// Sorts the rows of a village: for cases day and minute of receipt, for tasks the day.
    var sortKey: Int { get }
}

extension CaseFacts: DatedFacts {
    public var sortKey: Int { receivedOrder }
}

extension TaskFacts: DatedFacts {
    public var sortKey: Int { day }
}

/// The cases of a metrics input (`CaseTable`) or its volunteer tasks (`TaskTable`) in compact
/// form, kept per village and sorted by date.
///
/// This is what the store loader fills, one village at a time straight from SQLite, and what a
/// researcher's `[CaseRecord]` / `[VolunteerTask]` is converted into. Keeping each village sorted
/// here lets a run slice them by period without sorting a copy.
public struct VillageTable<Row: DatedFacts>: Sendable {
    /// Per village code, its rows in date order; ties keep the order they were given in.
    public private(set) var byVillage: [String: [Row]] = [:]

    public init() {}

    /// Replaces the rows of `village`, sorting them by date (stable).
    /// - Complexity: O(n) when already sorted, else O(n log n).
    public mutating func set(_ rows: [Row], village: String) {
        byVillage[village] = VillageTable.sortedByDate(rows)
    }

    /// Adds one row to its village, after any row of the same date.
    public mutating func append(_ row: Row, village: String) {
        var list = byVillage.removeValue(forKey: village) ?? []
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid].sortKey <= row.sortKey { lo = mid + 1 } else { hi = mid }
        }
        list.insert(row, at: lo)
        byVillage[village] = list
    }

    /// The rows of one village, in date order.
    public func rows(village: String) -> [Row] { byVillage[village] ?? [] }

    public var count: Int { byVillage.values.reduce(0) { $0 + $1.count } }

    /// The same table with only these villages.
    public func restricted(to codes: Set<String>) -> VillageTable {
        var t = VillageTable()
        t.byVillage = byVillage.filter { codes.contains($0.key) }
        return t
    }

    /// Sorted by date; equal dates keep their relative order.
    ///
    /// Sorted in place: one 8-byte key per row (date and original position, radix-sorted),
    /// then the rows are moved along the permutation's cycles. A village of a quarter of a
    /// million cases thus needs 2 MB beside its rows instead of a second copy of them.
    /// - Complexity: O(n) when already sorted, else O(n) (radix sort and one move per row).
    static func sortedByDate(_ input: consuming [Row]) -> [Row] {
        var rows = input
        guard let first = rows.first else { return rows }
        var ordered = true
        var low = first.sortKey, high = first.sortKey
        for i in rows.indices.dropFirst() {
            let k = rows[i].sortKey
            if rows[i - 1].sortKey > k { ordered = false }
            low = min(low, k)
            high = max(high, k)
        }
        if ordered { return rows }
        // Keys: date above, position below; bit 63 stays free to mark rows already moved.
        guard high - low < 1 << 31, rows.count < 1 << 32 else { return sortedByComparison(rows) }
        var keys = rows.indices.map { UInt64(rows[$0].sortKey - low) << 32 | UInt64($0) }
        RadixSort.sort(&keys)
        let moved: UInt64 = 1 << 63, position: UInt64 = 0xFFFF_FFFF
        for start in keys.indices where keys[start] & moved == 0 {
            // Follow the cycle through `start`: slot k takes the row from its key's position.
            let held = rows[start]
            var k = start
            while true {
                let source = Int(keys[k] & position)
                keys[k] |= moved
                if source == start {
                    rows[k] = held
                    break
                }
                rows[k] = rows[source]
                k = source
            }
        }
        return rows
    }

    /// The same order by a stable comparison sort, for dates too far apart for one key.
    private static func sortedByComparison(_ rows: [Row]) -> [Row] {
        let key = rows.map(\.sortKey)
        let order = key.indices.sorted { key[$0] != key[$1] ? key[$0] < key[$1] : $0 < $1 }
        return order.map { rows[$0] }
    }
}

/// The cases of a metrics input, per village in order of receipt.
public typealias CaseTable = VillageTable<CaseFacts>
/// The volunteer tasks of a metrics input, per village in date order.
public typealias TaskTable = VillageTable<TaskFacts>

extension VillageTable where Row == CaseFacts {
    /// Converts and groups full records; ties in receipt keep the records' order.
    public init(_ records: [CaseRecord]) {
        var grouped: [String: [CaseFacts]] = [:]
        for r in records { grouped[r.village, default: []].append(CaseFacts(r)) }
        for (code, list) in grouped { set(list, village: code) }
    }

    /// Adds one record, keeping its village in order of receipt (after any tie).
    public mutating func append(_ record: CaseRecord) { append(CaseFacts(record), village: record.village) }

    /// The cases of one village, in order of receipt.
    public func cases(village: String) -> [CaseFacts] { rows(village: village) }

    /// The latest receipt date over all villages, or nil without cases.
    public var latestReceived: CivilDate? { byVillage.values.compactMap { $0.last?.received.date }.max() }
}

extension VillageTable where Row == TaskFacts {
    /// Converts and groups full tasks; tasks of one date keep their order.
    public init(_ tasks: [VolunteerTask]) {
        var grouped: [String: [TaskFacts]] = [:]
        for t in tasks { grouped[t.village, default: []].append(TaskFacts(t)) }
        for (code, list) in grouped { set(list, village: code) }
    }

    /// Adds one task after any task of the same date.
    public mutating func append(_ task: VolunteerTask) { append(TaskFacts(task), village: task.village) }
}
