import NoaberModel
import NoaberStore

/// What a metrics run reads from a store besides cases and tasks: the villages, each village's
/// latest export as-of date, and its import facts for the data-quality figures.
struct StoreMetadata {
    let villages: [Village]
    /// Per village, the newest as-of date of its own exports (multi-village files carry theirs
    /// on each case instead: the caller merges those in).
    let asOf: [String: CivilDate]
    let facts: [String: QualityFacts]
    /// Every import record (all villages, all kinds), in the store's order.
    let imports: [ImportRecord]

    /// `codes` restricts the villages (nil: all). Rejection reasons are counted by the field that
    /// failed (`row` when the row as a whole was refused), a stable code that does not depend on
    /// the language the import ran in.
    init(_ store: NoaberStore, villages codes: [String]?) throws(StoreError) {
        let wanted = codes.map(Set.init)
        villages = try store.villages().filter { wanted?.contains($0.code) ?? true }
        var asOf: [String: CivilDate] = [:]
        var facts: [String: QualityFacts] = [:]
        var villageOfImport: [Int64: String] = [:]
        imports = try store.imports()
        for i in imports where i.kind == .cases {
            guard let v = i.village, wanted?.contains(v) ?? true else { continue }
            villageOfImport[i.id] = v
            asOf[v] = max(asOf[v] ?? i.asOf, i.asOf)
            var f = facts[v] ?? QualityFacts(rowsRead: 0, rowsRejected: 0)
            f.rowsRead += i.rowsRead
            f.rowsRejected += i.rejected
            f.latestExport = max(f.latestExport ?? i.asOf, i.asOf)
            facts[v] = f
        }
        for r in try store.rejectionCounts() {
            guard let v = villageOfImport[r.importID] else { continue }
            facts[v]?.rejectedReasons[r.field ?? "row", default: 0] += r.count
        }
        self.asOf = asOf
        self.facts = facts
    }
}

/// Connections handed to threads: connection r is used only by the thread working lane r, so
/// none is ever used by two threads at once, which is all SQLite asks of a connection opened
/// without its own mutex. Ends the read transactions it started when the last user lets go.
final class SnapshotLease: @unchecked Sendable {
    let stores: [NoaberStore]
    private let started: [NoaberStore]

    /// `readers` connections sharing one snapshot (`NoaberStore.snapshotReaders`), or, when
    /// that cannot be arranged (an import is running, the file is read-only), `store` itself
    /// inside a read transaction (its caller's, if it is already in one).
    init(_ store: NoaberStore, readers: Int) throws(StoreError) {
        if readers > 1, let snapshot = store.snapshotReaders(readers) {
            stores = snapshot
            started = snapshot
        } else {
            stores = [store]
            started = try store.beginSnapshot() ? [store] : []
        }
    }

    deinit {
        for store in started { store.endSnapshot() }
    }
}
