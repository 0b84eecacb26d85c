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
    static func sortedByDate(_ rows: [Row]) -> [Row] {
        var ordered = true
        for i in rows.indices.dropFirst() where rows[i - 1].sortKey > rows[i].sortKey {
            ordered = false
            break
        }
        if ordered { return rows }
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
