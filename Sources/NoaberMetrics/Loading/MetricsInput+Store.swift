import NoaberModel
import NoaberStore

extension MetricsInput {
    /// Reads everything the metrics need from a store: villages, cases, tasks, each village's
    /// latest as-of date (where its open cases are censored) and its import facts for the
    /// data-quality figures.
    ///
    /// Cases are read per village into `CaseFacts` (56 bytes each, no references): about 60 MB
    /// per million cases instead of the kilobyte per case that full records would take. With
    /// `readers` > 1 the villages are shared out over that many connections that see one
    /// snapshot (`NoaberStore.snapshotReaders`), each on its own core; when no such snapshot can
    /// be arranged (an import is running, the file is read-only) everything is read on `store`'s
    /// own connection. Both ways give the same input.
    ///
    /// `villages` restricts the input to these codes (nil: all). Rejection reasons are counted by
    /// the field that failed (`row` when the row as a whole was refused), a stable code that does
    /// not depend on the language the import ran in.
    public static func load(from store: NoaberStore, villages codes: [String]? = nil,
                            readers: Int = 2) throws(StoreError) -> MetricsInput {
        guard readers > 1, let snapshot = store.snapshotReaders(readers) else {
            return try load(readers: [store], villages: codes)
        }
        defer { for reader in snapshot { reader.endSnapshot() } }
        return try load(readers: snapshot, villages: codes)
    }

    /// Reads metadata on the first connection and the villages' cases round-robin over all of
    /// them, in parallel when there are several (each connection used by one thread only).
    private static func load(readers: [NoaberStore], villages codes: [String]?) throws(StoreError) -> MetricsInput {
        let store = readers[0]
        let wanted = codes.map(Set.init)
        let villages = try store.villages().filter { wanted?.contains($0.code) ?? true }
        let selected = villages.map(\.code)
        let connections = Connections(readers)
        let loaded = Parallel.map(readers.count) { r -> Result<[LoadedVillage], StoreError> in
            Result { () throws(StoreError) in
                var mine: [LoadedVillage] = []
                for (i, code) in selected.enumerated() where i % connections.stores.count == r {
                    let store = connections.stores[r]
                    let (cases, latest) = try store.caseFactsAndAsOf(village: code)
                    mine.append(LoadedVillage(code: code, cases: cases, latestAsOf: latest,
                                              tasks: try store.taskFacts(village: code)))
                }
                return mine
            }
        }
        var cases = CaseTable()
        var tasks = TaskTable()
        var asOf: [String: CivilDate] = [:]
        for part in loaded {
            for village in try part.get() {
                cases.set(village.cases, village: village.code)
                if !village.tasks.isEmpty { tasks.set(village.tasks, village: village.code) }
                if let latest = village.latestAsOf { asOf[village.code] = latest }
            }
        }
        var facts: [String: QualityFacts] = [:]
        var villageOfImport: [Int64: String] = [:]
        for i in try store.imports() where i.kind == .cases {
            guard let v = i.village, wanted?.contains(v) ?? true else { continue }
            villageOfImport[i.id] = v
            // Censoring: the newest as-of of the village's own exports or of its stored cases
            // (a multi-village file carries its as-of on each case), as `latestAsOf()` gives it.
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
        return MetricsInput(villages: villages, caseTable: cases, taskTable: tasks, asOf: asOf, qualityFacts: facts)
    }
}

/// One village as a loading thread read it.
private struct LoadedVillage: Sendable {
    let code: String
    let cases: [CaseFacts]
    let latestAsOf: CivilDate?
    let tasks: [TaskFacts]
}

/// Connections handed to the loading threads: connection r is used only by iteration r of
/// `Parallel.map`, so none is ever used by two threads, which is all SQLite asks of a
/// connection opened without its own mutex.
private struct Connections: @unchecked Sendable {
    let stores: [NoaberStore]
    init(_ stores: [NoaberStore]) { self.stores = stores }
}
