import NoaberModel
import NoaberStore

/// Where a metrics run reads its villages from, one village at a time: a `MetricsInput` held
/// in memory (`Failure == Never`), or a store read village by village
/// (`MetricsSource.reading(_:villages:readers:)`, `Failure == StoreError`).
///
/// Why one at a time: a run then holds the cases of a few villages at once, plus what pooled
/// groups keep (a bit per resident, a count per distinct response time, hours per volunteer),
/// so its memory does not grow with the years of cases in a store. What every village needs
/// from the others — each resident's first case day, for `new_residents` — is collected in one
/// light pass first (`ResidentIndex`).
///
/// The metadata (villages, as-of dates, import facts) is read when the source is made; the
/// records are read during the run. A store source sees one snapshot throughout.
public struct MetricsSource<Failure: Error>: Sendable {
    /// The villages of the run; cases and tasks of other villages are not read.
    public let villages: [Village]
    /// Per village code, the as-of date of its latest export: open cases are censored there.
    public let asOf: [String: CivilDate]
    /// Per village code, the facts about its imports.
    public let qualityFacts: [String: QualityFacts]
    /// The latest receipt date over all cases read (nil without cases).
    public let latestReceived: CivilDate?
    /// A store's import records as of the source's snapshot, for a report's provenance (so the
    /// list matches the figures even when an import commits during the run); empty for an
    /// input held in memory.
    public internal(set) var imports: [ImportRecord] = []
    let residents: ResidentIndex
    /// How many villages can be read at the same time (one per lane, each lane on its own
    /// thread and, for a store, its own connection).
    let lanes: Int
    /// The records of one village, read on `lane`: cases in order of receipt, tasks by date
    /// (ties in the order stored), as `VillageTable` keeps them.
    let read: @Sendable (_ village: String, _ lane: Int) throws(Failure) -> VillageRecords

    init(villages: [Village], asOf: [String: CivilDate], qualityFacts: [String: QualityFacts],
         latestReceived: CivilDate?, residents: ResidentIndex, lanes: Int,
         read: @escaping @Sendable (_ village: String, _ lane: Int) throws(Failure) -> VillageRecords) {
        self.villages = villages
        self.asOf = asOf
        self.qualityFacts = qualityFacts
        self.latestReceived = latestReceived
        self.residents = residents
        self.lanes = max(lanes, 1)
        self.read = read
    }

    /// The same source read over `lanes` lanes (the records it reads are the same).
    func with(lanes: Int) -> MetricsSource {
        var copy = MetricsSource(villages: villages, asOf: asOf, qualityFacts: qualityFacts,
                                 latestReceived: latestReceived, residents: residents, lanes: lanes, read: read)
        copy.imports = imports
        return copy
    }

    /// The same source with only these villages (residents stay numbered over the whole source).
    public func restricted(to codes: Set<String>) -> MetricsSource {
        var copy = MetricsSource(villages: villages.filter { codes.contains($0.code) }, asOf: asOf,
                                 qualityFacts: qualityFacts, latestReceived: latestReceived, residents: residents,
                                 lanes: lanes, read: read)
        copy.imports = imports
        return copy
    }
}

extension MetricsSource where Failure == Never {
    /// An input held in memory. Residents are numbered over all its cases, villages missing
    /// from `input.villages` included ("new" means new to every export).
    /// - Complexity: O(cases) expected, plus O(residents log residents).
    public init(_ input: MetricsInput) {
        var builder = ResidentIndex.Builder()
        var latest: CivilDate?
        for list in input.cases.byVillage.values {
            for i in list.indices { builder.add(list[i]) }
            builder.endVillage()
            if let last = list.last?.received.date { latest = max(latest ?? last, last) }
        }
        let cases = input.cases, tasks = input.tasks
        self.init(villages: input.villages, asOf: input.asOf, qualityFacts: input.qualityFacts,
                  latestReceived: latest, residents: builder.build(), lanes: 2) { code, _ in
            VillageRecords(cases: cases.cases(village: code), tasks: tasks.rows(village: code))
        }
    }
}

/// One village's records as a source hands them over.
struct VillageRecords: Sendable {
    /// In order of receipt.
    var cases: [CaseFacts]
    /// In date order.
    var tasks: [TaskFacts]
}
