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
    /// Per village code, which days its case and task data cover (`VillageCoverage.none` for a
    /// village without any data).
    public let coverage: [String: VillageCoverage]
    /// Per village code, its case exports (full or incremental), for per-case censoring.
    public let timelines: [String: ExportTimeline]
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
         coverage: [String: VillageCoverage], timelines: [String: ExportTimeline],
         latestReceived: CivilDate?, residents: ResidentIndex, lanes: Int,
         read: @escaping @Sendable (_ village: String, _ lane: Int) throws(Failure) -> VillageRecords) {
        self.villages = villages
        self.asOf = asOf
        self.qualityFacts = qualityFacts
        self.coverage = coverage
        self.timelines = timelines
        self.latestReceived = latestReceived
        self.residents = residents
        self.lanes = max(lanes, 1)
        self.read = read
    }

    /// The same source read over `lanes` lanes (the records it reads are the same).
    func with(lanes: Int) -> MetricsSource {
        var copy = MetricsSource(villages: villages, asOf: asOf, qualityFacts: qualityFacts, coverage: coverage,
                                 timelines: timelines, latestReceived: latestReceived, residents: residents,
                                 lanes: lanes, read: read)
        copy.imports = imports
        return copy
    }

    /// The same source with only these villages (residents stay numbered over the whole source).
    public func restricted(to codes: Set<String>) -> MetricsSource {
        var copy = MetricsSource(villages: villages.filter { codes.contains($0.code) }, asOf: asOf,
                                 qualityFacts: qualityFacts, coverage: coverage, timelines: timelines,
                                 latestReceived: latestReceived, residents: residents, lanes: lanes, read: read)
        copy.imports = imports
        return copy
    }
}

extension MetricsSource where Failure == Never {
    /// An input held in memory. Residents are numbered over all its cases, villages missing
    /// from `input.villages` included ("new" means new to every export), each in its village's
    /// identity scope (`input.idScope`, village by default).
    ///
    /// Coverage: from the village's `registrationStart`, else its earliest case or task, to
    /// `input.asOf` (else the latest date in its cases) for cases and `input.taskAsOf` (else the
    /// case end, else the latest task date) for tasks.
    /// - Complexity: O(cases) expected, plus O(residents log residents).
    public init(_ input: MetricsInput) {
        var builder = ResidentIndex.Builder()
        var latest: CivilDate?
        let municipalityOf = Dictionary(input.villages.map { ($0.code, $0.municipality) }, uniquingKeysWith: { a, _ in a })
        var scopes: [String: UInt64] = [:], volunteerScopes: [String: UInt64] = [:]
        for code in Set(input.cases.byVillage.keys).union(input.tasks.byVillage.keys) {
            scopes[code] = Self.scopeHash(input.idScope[code] ?? .village, village: code, municipality: municipalityOf[code])
            volunteerScopes[code] = Self.scopeHash(input.volunteerIDScope[code] ?? .village, village: code,
                                                   municipality: municipalityOf[code])
        }
        for code in input.cases.byVillage.keys.sorted() {
            let list = input.cases.cases(village: code)
            let scope = scopes[code] ?? 0
            for i in list.indices where list[i].hasPerson && !list[i].collective {
                builder.add(token: PersonToken.scoped(list[i].person, to: scope), day: list[i].receivedDayNumber)
            }
            builder.endVillage()
            if let last = list.last?.received.date { latest = max(latest ?? last, last) }
        }
        var coverage: [String: VillageCoverage] = input.coverage ?? [:]
        for v in input.villages where input.coverage == nil {
            coverage[v.code] = Self.coverage(of: v, cases: input.cases.cases(village: v.code),
                                             tasks: input.tasks.rows(village: v.code),
                                             asOf: input.timelines[v.code]?.latest ?? input.asOf[v.code],
                                             taskAsOf: input.taskAsOf[v.code])
        }
        let cases = input.cases, tasks = input.tasks, scopeOf = scopes, volunteerScopeOf = volunteerScopes
        self.init(villages: input.villages, asOf: input.asOf, qualityFacts: input.qualityFacts, coverage: coverage,
                  timelines: input.timelines, latestReceived: latest, residents: builder.build(), lanes: 2) { code, _ in
            var records = VillageRecords(cases: cases.cases(village: code), tasks: tasks.rows(village: code))
            records.scope(persons: scopeOf[code] ?? 0, volunteers: volunteerScopeOf[code] ?? 0)
            return records
        }
    }

    /// The hash a village's tokens are scoped with: its own code under village scope, its
    /// municipality's name under municipality scope.
    static func scopeHash(_ scope: IdentityScope, village: String, municipality: String?) -> UInt64 {
        PersonToken.scopeHash(scope, name: scope == .village ? village : municipality ?? village)
    }

    /// The coverage of a village held in memory (see `init(_:)`).
    static func coverage(of village: Village, cases: [CaseFacts], tasks: [TaskFacts], asOf: CivilDate?,
                         taskAsOf: CivilDate?) -> VillageCoverage {
        var latestCase: Int?
        for c in cases {
            let last = max(c.receivedDayNumber, c.firstContact?.date.dayNumber ?? Int.min, c.closedDayNumber ?? Int.min)
            latestCase = max(latestCase ?? last, last)
        }
        let casesEnd = asOf ?? latestCase.map { CivilDate(dayNumber: $0) }
        let earliest = [cases.first?.receivedDayNumber, tasks.first?.day].compactMap { $0 }.min()
        let tasksEnd = taskAsOf ?? casesEnd ?? tasks.last?.date
        if let start = village.registrationStart {
            return VillageCoverage(start: start, startSource: .registrationStart, casesEnd: casesEnd, tasksEnd: tasksEnd)
        }
        return VillageCoverage(start: earliest.map { CivilDate(dayNumber: $0) }, startSource: .earliestRecord,
                               casesEnd: casesEnd, tasksEnd: tasksEnd)
    }
}

/// One village's records as a source hands them over.
struct VillageRecords: Sendable {
    /// In order of receipt.
    var cases: [CaseFacts]
    /// In date order.
    var tasks: [TaskFacts]

    /// Moves every person and volunteer token into its identity scope (`PersonToken.scoped`).
    mutating func scope(persons: UInt64, volunteers: UInt64) {
        for i in cases.indices { cases[i].scopePerson(persons) }
        for i in tasks.indices { tasks[i].scopeVolunteer(volunteers) }
    }
}
