import NoaberModel
import NoaberStore

extension MetricsSource where Failure == StoreError {
    /// A store as a metrics source: villages are read one at a time while the run computes, so
    /// the run's memory does not grow with the cases stored (see `MetricsSource`).
    ///
    /// Making the source reads the metadata (villages, imports, rejection counts) and makes one
    /// light pass over every selected village's cases (`NoaberStore.caseOverview`) for the
    /// resident index and the as-of dates. With `readers` > 1 the villages are shared out over
    /// that many connections that see one snapshot (`NoaberStore.snapshotReaders`), each on its
    /// own core; otherwise everything is read on `store`'s own connection inside one read
    /// transaction. Either way the source sees one state of the store until it is let go, so
    /// an import committing during a run changes nothing the run reads.
    ///
    /// `villages` restricts the source to these codes (nil: all); as with `MetricsInput.load`,
    /// residents are then numbered over those villages only.
    /// - Complexity: O(cases) for the light pass; memory O(residents + villages).
    public static func reading(_ store: NoaberStore, villages codes: [String]? = nil,
                               readers: Int = 2) throws(StoreError) -> MetricsSource<StoreError> {
        let lease = try SnapshotLease(store, readers: readers)
        let meta = try StoreMetadata(lease.stores[0], villages: codes)
        let selected = meta.villages.map(\.code)
        let lanes = lease.stores.count
        let overviews = Parallel.map(lanes) { lane -> Result<Overview, StoreError> in
            Result { () throws(StoreError) in
                var mine = Overview()
                for (i, code) in selected.enumerated() where i % lanes == lane {
                    let o = try lease.stores[lane].caseOverview(village: code) { person, day, collective in
                        guard let person, !collective else { return }
                        mine.residents.add(token: person, day: day)
                    }
                    mine.residents.endVillage()
                    mine.villages[code] = o
                }
                return mine
            }
        }
        var residents = ResidentIndex.Builder()
        var asOf = meta.asOf
        var latestReceived: CivilDate?
        var caseCounts: [String: Int] = [:]
        for result in overviews {
            let part = try result.get()
            residents.merge(part.residents)
            for (code, o) in part.villages {
                caseCounts[code] = o.cases
                // Censoring: the newest as-of of the village's own exports or of its stored
                // cases (a multi-village file carries its as-of on each case).
                if let stored = o.latestAsOf { asOf[code] = max(asOf[code] ?? stored, stored) }
                if let r = o.latestReceived { latestReceived = max(latestReceived ?? r, r) }
            }
        }
        var source = MetricsSource(villages: meta.villages, asOf: asOf, qualityFacts: meta.facts,
                                   latestReceived: latestReceived, residents: residents.build(),
                                   lanes: lanes) { [caseCounts] (code, lane) throws(StoreError) in
            let store = lease.stores[lane % lanes]
            // The store gives cases in case-id order; periods are sliced by receipt.
            let cases = try store.caseFacts(village: code, expectedCount: caseCounts[code])
            return VillageRecords(cases: CaseTable.sortedByDate(consume cases),
                                  tasks: TaskTable.sortedByDate(try store.taskFacts(village: code)))
        }
        source.imports = meta.imports
        return source
    }
}

/// What one lane's light pass found.
private struct Overview: Sendable {
    var residents = ResidentIndex.Builder()
    var villages: [String: CaseOverview] = [:]
}
