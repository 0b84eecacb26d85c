import NoaberModel
import NoaberStore

/// What a metrics run reads from a store besides cases and tasks: the villages, each village's
/// exports (for coverage, censoring and identity scope) and its import facts for the
/// data-quality figures.
struct StoreMetadata {
    let villages: [Village]
    /// Per village, the newest as-of date of its case exports.
    let asOf: [String: CivilDate]
    let facts: [String: QualityFacts]
    /// Every import record (all villages, all kinds), in the store's order.
    let imports: [ImportRecord]
    /// Per village, its case exports, full and incremental.
    let timelines: [String: ExportTimeline]
    /// Per village, the as-of date of its newest task export.
    let taskAsOf: [String: CivilDate]
    /// Per village, the identity scope of its case imports and of its task imports (the importer
    /// refuses to mix scopes within a village and kind; village when it has none).
    let personScope: [String: IdentityScope]
    let volunteerScope: [String: IdentityScope]

    /// `codes` restricts the villages (nil: all). Rejection reasons are counted by the field that
    /// failed (`row` when the row as a whole was refused), a stable code that does not depend on
    /// the language the import ran in.
    init(_ store: NoaberStore, villages codes: [String]?) throws(StoreError) {
        let wanted = codes.map(Set.init)
        // Comparison areas hold no cases: they are in no case figure, coverage warning, funnel
        // plot or report village list, only in effect estimates (docs/effect.md).
        villages = try store.villages().filter { !$0.isComparisonArea && (wanted?.contains($0.code) ?? true) }
        var facts: [String: QualityFacts] = [:]
        imports = try store.imports()
        var caseExports: [String: [(asOf: CivilDate, kind: ExportKind)]] = [:]
        var taskAsOf: [String: CivilDate] = [:]
        var personScope: [String: IdentityScope] = [:], volunteerScope: [String: IdentityScope] = [:]
        for listing in try store.importListings() {
            let v = listing.village
            guard wanted?.contains(v) ?? true else { continue }
            switch listing.kind {
            case .cases:
                caseExports[v, default: []].append((listing.asOf, listing.exportKind))
                personScope[v] = listing.idScope
            case .tasks:
                taskAsOf[v] = max(taskAsOf[v] ?? listing.asOf, listing.asOf)
                volunteerScope[v] = listing.idScope
            case .villages, .outcomes:
                break
            }
        }
        // Row accounting per village, from the files of one village (a multi-village file's rows
        // cannot be split by village); the latest export from every file that listed it.
        for i in imports where i.kind == .cases {
            guard let v = i.village, wanted?.contains(v) ?? true else { continue }
            var f = facts[v] ?? QualityFacts(rowsRead: 0, rowsRejected: 0)
            f.rowsRead += i.rowsRead
            f.rowsRejected += i.rejected
            facts[v] = f
        }
        let importByID = Dictionary(imports.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for r in try store.rejectionCounts() {
            guard let i = importByID[r.importID], let v = i.village, i.kind == .cases,
                  wanted?.contains(v) ?? true else { continue }
            facts[v]?.rejectedReasons[r.field ?? "row", default: 0] += r.count
        }
        var timelines: [String: ExportTimeline] = [:]
        var asOf: [String: CivilDate] = [:]
        for (v, exports) in caseExports {
            let timeline = ExportTimeline(exports)
            timelines[v] = timeline
            if let latest = timeline.latest {
                asOf[v] = latest
                facts[v, default: QualityFacts(rowsRead: 0, rowsRejected: 0)].latestExport = latest
            }
        }
        self.asOf = asOf
        self.facts = facts
        self.timelines = timelines
        self.taskAsOf = taskAsOf
        self.personScope = personScope
        self.volunteerScope = volunteerScope
    }

    /// The hashes the village's person and volunteer tokens are scoped with.
    func scopeHashes(_ village: Village) -> (persons: UInt64, volunteers: UInt64) {
        (MetricsSource<Never>.scopeHash(personScope[village.code] ?? .village, village: village.code, municipality: village.municipality),
         MetricsSource<Never>.scopeHash(volunteerScope[village.code] ?? .village, village: village.code,
                                        municipality: village.municipality))
    }

    /// A village's coverage, given the earliest date it sent (nil without any record).
    func coverage(_ village: Village, earliest: CivilDate?) -> VillageCoverage {
        let casesEnd = timelines[village.code]?.latest, tasksEnd = taskAsOf[village.code]
        if let start = village.registrationStart {
            return VillageCoverage(start: start, startSource: .registrationStart, casesEnd: casesEnd, tasksEnd: tasksEnd)
        }
        return VillageCoverage(start: earliest, startSource: .earliestRecord, casesEnd: casesEnd, tasksEnd: tasksEnd)
    }

    /// The earliest date a village without a registration start sent: its first case received,
    /// or its first task when that is earlier (nil when it sent neither, or has a registration
    /// start, which makes the question moot).
    func earliestRecord(_ village: Village, earliestReceived: CivilDate?, store: NoaberStore) throws(StoreError) -> CivilDate? {
        guard village.registrationStart == nil else { return nil }
        let task = taskAsOf[village.code] == nil ? nil : try store.earliestTaskDate(village: village.code)
        return [earliestReceived, task].compactMap { $0 }.min()
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
