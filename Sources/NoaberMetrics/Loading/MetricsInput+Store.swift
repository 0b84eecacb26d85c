import NoaberModel
import NoaberStore

extension MetricsInput {
    /// Reads everything the metrics need from a store: villages, cases, tasks, each village's
    /// latest as-of date (where its open cases are censored) and its import facts for the
    /// data-quality figures.
    ///
    /// Cases are read per village into `CaseFacts` (64 bytes each, no references): about 64 MB
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
        let lease = try SnapshotLease(store, readers: readers)
        let meta = try StoreMetadata(lease.stores[0], villages: codes)
        let lanes = lease.stores.count
        let selected = meta.villages.map(\.code)
        let loaded = Parallel.map(lanes) { r -> Result<[LoadedVillage], StoreError> in
            Result { () throws(StoreError) in
                var mine: [LoadedVillage] = []
                for (i, code) in selected.enumerated() where i % lanes == r {
                    let store = lease.stores[r]
                    let (cases, latest) = try store.caseFactsAndAsOf(village: code)
                    mine.append(LoadedVillage(code: code, cases: cases, latestAsOf: latest,
                                              tasks: try store.taskFacts(village: code)))
                }
                return mine
            }
        }
        var cases = CaseTable()
        var tasks = TaskTable()
        var asOf = meta.asOf
        var coverage: [String: VillageCoverage] = [:]
        let store = lease.stores[0]
        for part in loaded {
            for village in try part.get() {
                cases.set(village.cases, village: village.code)
                if !village.tasks.isEmpty { tasks.set(village.tasks, village: village.code) }
                if asOf[village.code] == nil, let latest = village.latestAsOf { asOf[village.code] = latest }
            }
        }
        for village in meta.villages {
            let first = cases.cases(village: village.code).first?.received.date
            coverage[village.code] = meta.coverage(village, earliest: try meta.earliestRecord(village, earliestReceived: first,
                                                                                              store: store))
        }
        var input = MetricsInput(villages: meta.villages, caseTable: cases, taskTable: tasks, asOf: asOf,
                                 qualityFacts: meta.facts)
        input.taskAsOf = meta.taskAsOf
        input.idScope = meta.personScope
        input.volunteerIDScope = meta.volunteerScope
        input.timelines = meta.timelines
        input.coverage = coverage
        return input
    }
}

/// One village as a loading thread read it.
private struct LoadedVillage: Sendable {
    let code: String
    let cases: [CaseFacts]
    let latestAsOf: CivilDate?
    let tasks: [TaskFacts]
}
