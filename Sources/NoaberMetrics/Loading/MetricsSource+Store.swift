import NoaberModel
import NoaberStore

extension MetricsSource where Failure == StoreError {
    /// A store as a metrics source: villages are read one at a time while the run computes, so
    /// the run's memory does not grow with the cases stored (see `MetricsSource`).
    ///
    /// Making the source reads the metadata (villages, imports and the villages each listed,
    /// rejection counts) and makes one light pass over every selected village's cases
    /// (`NoaberStore.caseOverview`) for the resident index and the earliest and latest dates.
    /// With `readers` > 1 the villages are shared out over that many connections that see one
    /// snapshot (`NoaberStore.snapshotReaders`), each on its own core; otherwise everything is
    /// read on `store`'s own connection inside one read transaction. Either way the source sees
    /// one state of the store until it is let go, so an import committing during a run changes
    /// nothing the run reads.
    ///
    /// Person and volunteer tokens are moved into their village's identity scope as they are
    /// read (`PersonToken.scoped`): under village scope the same key in two villages is two
    /// people. Coverage runs from the village's registration start (else its earliest case or
    /// task) to the newest as-of date of the case and task exports that listed it.
    ///
    /// `villages` restricts the source to these codes (nil: all); as with `MetricsInput.load`,
    /// residents are then numbered over those villages only.
    /// - Complexity: O(cases) for the light pass; memory O(residents + villages).
    public static func reading(_ store: NoaberStore, villages codes: [String]? = nil,
                               readers: Int = 2) throws(StoreError) -> MetricsSource<StoreError> {
        let lease = try SnapshotLease(store, readers: readers)
        let meta = try StoreMetadata(lease.stores[0], villages: codes)
        let selected = meta.villages
        let lanes = lease.stores.count
        let overviews = Parallel.map(lanes) { lane -> Result<Overview, StoreError> in
            Result { () throws(StoreError) in
                var mine = Overview()
                for (i, village) in selected.enumerated() where i % lanes == lane {
                    let scope = meta.scopeHashes(village).persons
                    let store = lease.stores[lane]
                    let o = try store.caseOverview(village: village.code) { person, day, collective in
                        guard let person, !collective else { return }
                        mine.residents.add(token: PersonToken.scoped(person, to: scope), day: day)
                    }
                    mine.residents.endVillage()
                    mine.villages[village.code] = o
                    mine.earliest[village.code] = try meta.earliestRecord(village, earliestReceived: o.earliestReceived,
                                                                          store: store)
                }
                return mine
            }
        }
        var residents = ResidentIndex.Builder()
        var asOf = meta.asOf
        var latestReceived: CivilDate?
        var caseCounts: [String: Int] = [:]
        var earliest: [String: CivilDate] = [:]
        for result in overviews {
            let part = try result.get()
            residents.merge(part.residents)
            for (code, o) in part.villages {
                caseCounts[code] = o.cases
                if asOf[code] == nil, let stored = o.latestAsOf { asOf[code] = stored }
                if let r = o.latestReceived { latestReceived = max(latestReceived ?? r, r) }
            }
            earliest.merge(part.earliest) { a, _ in a }
        }
        var coverage: [String: VillageCoverage] = [:]
        var scopes: [String: (persons: UInt64, volunteers: UInt64)] = [:]
        for village in selected {
            coverage[village.code] = meta.coverage(village, earliest: earliest[village.code])
            scopes[village.code] = meta.scopeHashes(village)
        }
        let scopeOf = scopes
        var source = MetricsSource(villages: meta.villages, asOf: asOf, qualityFacts: meta.facts, coverage: coverage,
                                   timelines: meta.timelines, latestReceived: latestReceived, residents: residents.build(),
                                   lanes: lanes) { [caseCounts] (code, lane) throws(StoreError) in
            let store = lease.stores[lane % lanes]
            // The store gives cases in case-id order; periods are sliced by receipt.
            let cases = try store.caseFacts(village: code, expectedCount: caseCounts[code])
            var records = VillageRecords(cases: CaseTable.sortedByDate(consume cases),
                                         tasks: TaskTable.sortedByDate(try store.taskFacts(village: code)))
            let scope = scopeOf[code] ?? (0, 0)
            records.scope(persons: scope.persons, volunteers: scope.volunteers)
            return records
        }
        source.imports = meta.imports
        return source
    }
}

/// What one lane's light pass found.
private struct Overview: Sendable {
    var residents = ResidentIndex.Builder()
    var villages: [String: CaseOverview] = [:]
    /// Per village without a registration start, the earliest date it sent.
    var earliest: [String: CivilDate] = [:]
}
