import NoaberModel

/// Everything the metrics need, as value types: what the store loader produces and what a
/// researcher's own Swift code can build by hand.
///
/// Cases and tasks of a village missing from `villages` are ignored: without inhabitants they
/// cannot become rates, and a group is defined by its villages.
public struct MetricsInput: Sendable {
    public var villages: [Village]
    /// The cases, compact and per village (see `CaseTable`).
    public var cases: CaseTable
    /// The volunteer tasks, compact and per village (see `TaskTable`).
    public var tasks: TaskTable
    /// Per village code, the as-of date of its latest import: open cases are censored there.
    /// A village without one is censored at the latest date in its own cases.
    public var asOf: [String: CivilDate]
    /// Per village code, the facts about imports that only the store knows.
    public var qualityFacts: [String: QualityFacts]
    /// Per village code, the as-of date of its latest task export: where its volunteer data end.
    /// A village without one: its case as-of date, else the latest task date.
    public var taskAsOf: [String: CivilDate] = [:]
    /// Per village code, whose keys its person ids are; `village` when not given.
    public var idScope: [String: IdentityScope] = [:]
    /// Per village code, whose keys its volunteer ids are; `village` when not given.
    public var volunteerIDScope: [String: IdentityScope] = [:]
    /// Per village code, which days its data cover. nil (the default) works it out from the
    /// records and as-of dates (see `MetricsSource.init(_:)`); a store loader gives it exactly.
    public var coverage: [String: VillageCoverage]?
    /// Per village code, its case exports (full or incremental) for per-case censoring; a village
    /// without one censors every open case at its `asOf`.
    public var timelines: [String: ExportTimeline] = [:]

    public init(villages: [Village], cases: [CaseRecord], tasks: [VolunteerTask] = [],
                asOf: [String: CivilDate] = [:], qualityFacts: [String: QualityFacts] = [:]) {
        self.init(villages: villages, caseTable: CaseTable(cases), taskTable: TaskTable(tasks), asOf: asOf,
                  qualityFacts: qualityFacts)
    }

    public init(villages: [Village], caseTable: CaseTable, taskTable: TaskTable = TaskTable(),
                asOf: [String: CivilDate] = [:], qualityFacts: [String: QualityFacts] = [:]) {
        self.villages = villages
        self.cases = caseTable
        self.tasks = taskTable
        self.asOf = asOf
        self.qualityFacts = qualityFacts
    }
}

/// Import facts of one village that the case records themselves cannot tell: rows read and
/// rejected over its imports, the date of its latest export, and why rows were rejected.
public struct QualityFacts: Hashable, Sendable {
    public var rowsRead: Int
    public var rowsRejected: Int
    /// As-of date of the latest export imported for the village.
    public var latestExport: CivilDate?
    /// Rejection reason (a short stable code such as `invalid_date`) → number of rows.
    public var rejectedReasons: [String: Int]

    public init(rowsRead: Int, rowsRejected: Int, latestExport: CivilDate? = nil,
                rejectedReasons: [String: Int] = [:]) {
        self.rowsRead = rowsRead
        self.rowsRejected = rowsRejected
        self.latestExport = latestExport
        self.rejectedReasons = rejectedReasons
    }
}
