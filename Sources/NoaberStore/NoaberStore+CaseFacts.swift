import NoaberModel

extension NoaberStore {
    /// The cases of one village in the compact form the metrics read, ordered by case id.
    ///
    /// Reads the same rows as `cases(villages:)` without building a `String` or a `Set` per case:
    /// codes are matched as bytes, the pseudonym becomes a `PersonToken`, and each child table
    /// (themes, referrals, risks, escalations) is walked by its own cursor alongside the cases
    /// (all four are in the same primary-key order), so loading a village is one ordered pass
    /// over five B-tree ranges and memory holds only this village's cases.
    ///
    /// - Throws: `noaberInvalidStoredValue` for a date or code that another tool wrote in a form
    ///   noaber cannot read, as `cases(villages:)` does.
    /// - Complexity: O(cases of the village + their child rows).
    ///
    /// `expectedCount`, when the caller knows how many cases the village has (from
    /// `caseOverview`), sizes the array once: an array grown by appending holds up to twice
    /// its count, which for the largest village of a big store is tens of megabytes.
    public func caseFacts(village: String, expectedCount: Int? = nil) throws(StoreError) -> [CaseFacts] {
        try caseFactsAndAsOf(village: village, expectedCount: expectedCount).cases
    }

    /// `caseFacts(village:)` together with the latest `as_of` among the village's stored cases
    /// (nil without cases), read in the same pass: the metrics loader needs both, and a separate
    /// `GROUP BY` over the whole table would scan every case once more.
    public func caseFactsAndAsOf(village: String, expectedCount: Int? = nil)
        throws(StoreError) -> (cases: [CaseFacts], latestAsOf: CivilDate?) {
        let s = try database.prepare("""
            SELECT case_id, person_key, age_band, birth_year, received, first_contact, closed,
                   source, channel, collective, resolution, support_minutes, as_of
            FROM cases WHERE village = ?1 ORDER BY case_id
            """)
        try s.bind(text: village, at: 1)
        let themes = try ChildCursor<Theme>(database, "case_themes", "theme", village: village)
        let referrals = try ChildCursor<Referral>(database, "case_referrals", "referred_to", village: village)
        let risks = try ChildCursor<Risk>(database, "case_risks", "risk", village: village)
        let escalations = try ChildCursor<Risk>(database, "case_escalations", "risk", village: village)
        let ageBands = CodeTable<AgeBand>(), sources = CodeTable<Source>(), channels = CodeTable<Channel>()
        let resolutions = CodeTable<Resolution>()
        var result: [CaseFacts] = []
        if let expectedCount { result.reserveCapacity(expectedCount) }
        var latestAsOf: CivilDate?
        while try s.step() {
            if let asOf = try s.date(at: 12, name: "cases.as_of"), latestAsOf.map({ asOf > $0 }) ?? true {
                latestAsOf = asOf
            }
            guard let received = try s.moment(at: 4, name: "cases.received") else {
                throw s.invalidValue("cases.received", expected: "a date")
            }
            var band = try s.code(at: 2, ageBands, name: "cases.age_band")
            if band == nil, let birthYear = s.int64(at: 3) {
                band = AgeBand(age: received.date.year - Int(birthYear))
            }
            var facts = CaseFacts(
                person: s.withUTF8(at: 1) { PersonToken.of($0) }, ageBand: band, received: received,
                firstContact: try s.moment(at: 5, name: "cases.first_contact"),
                closed: try s.moment(at: 6, name: "cases.closed"),
                source: try s.code(at: 7, sources, name: "cases.source"),
                channel: try s.code(at: 8, channels, name: "cases.channel"),
                themes: CodeSet(), collective: (s.int64(at: 9) ?? 0) != 0,
                resolution: try s.code(at: 10, resolutions, name: "cases.resolution"),
                referredTo: CodeSet(), risks: CodeSet(), escalatedTo: CodeSet(), supportMinutes: s.double(at: 11))
            // The case id stays in SQLite's buffer until `s` steps again: read it once.
            if let key = s.unsafeUTF8(at: 0) {
                facts.themes = try themes.members(of: key)
                facts.referredTo = try referrals.members(of: key)
                facts.risks = try risks.members(of: key)
                facts.escalatedTo = try escalations.members(of: key)
            }
            result.append(facts)
        }
        return (result, latestAsOf)
    }
}

/// One child table of a village read in case-id order, stepped alongside the cases cursor: the
/// members of each case are the child rows whose case id equals the current case's.
///
/// A child row whose case id sorts before the current case has no case (possible only if another
/// tool wrote with foreign keys off) and is skipped, as `cases(villages:)` skips it.
private final class ChildCursor<C: Code> {
    private let statement: Statement
    private let codes = CodeTable<C>()
    private let name: String
    /// Whether `statement` is on a row not yet consumed.
    private var pending: Bool

    init(_ database: Database, _ table: String, _ column: String, village: String) throws(StoreError) {
        statement = try database.prepare("SELECT case_id, \(column) FROM \(table) WHERE village = ?1 ORDER BY case_id")
        try statement.bind(text: village, at: 1)
        name = table + "." + column
        pending = try statement.step()
    }

    /// The members of the case whose id is `key`; cases must be asked for in key order.
    func members(of key: UnsafeBufferPointer<UInt8>) throws(StoreError) -> CodeSet<C> {
        var mask: UInt32 = 0
        while pending {
            let order = statement.unsafeUTF8(at: 0).map { ChildCursor.compare($0, key) } ?? -1
            if order > 0 { break }          // the child row belongs to a later case
            if order == 0, let found = statement.withUTF8(at: 1, { codes.offset($0) }) {
                guard let offset = found, offset < 32 else {
                    throw statement.invalidValue(name, expected: "one of " + C.allCodes.joined(separator: ", "))
                }
                mask |= 1 << UInt32(offset)
            }
            pending = try statement.step()
        }
        return CodeSet(mask: mask)
    }

    /// Byte order, which is SQLite's BINARY collation: negative when `a` sorts first.
    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        for i in 0..<n where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}

extension NoaberStore {
    /// The volunteer tasks of one village in the compact form the metrics read, ordered by date
    /// and, within a date, in the order they were stored (`task_row`).
    ///
    /// The query reads the `(village, …)` unique index alone (it covers every column needed, and
    /// the row id) in index order, and the rows are put in order here: cheaper than letting
    /// SQLite sort them by `task_row` in a temporary B-tree per village.
    /// - Throws: `noaberInvalidStoredValue` for a date or task code noaber cannot read.
    /// - Complexity: O(t log t) for the village's t tasks.
    public func taskFacts(village: String) throws(StoreError) -> [TaskFacts] {
        let s = try database.prepare("""
            SELECT volunteer_key, date, hours, task, task_row FROM volunteer_tasks WHERE village = ?1
            """)
        try s.bind(text: village, at: 1)
        let kinds = CodeTable<TaskKind>()
        var rows: [(order: Int64, task: TaskFacts)] = []
        while try s.step() {
            guard let date = try s.date(at: 1, name: "volunteer_tasks.date"),
                  let task = try s.code(at: 3, kinds, name: "volunteer_tasks.task"),
                  let volunteer = s.withUTF8(at: 0, { PersonToken.of($0) }) else {
                throw s.invalidValue("volunteer_tasks", expected: "a volunteer, a date and a task")
            }
            rows.append((s.int64(at: 4) ?? 0,
                         TaskFacts(volunteer: volunteer, date: date, hours: s.double(at: 2) ?? 0, task: task)))
        }
        rows.sort { $0.task.day != $1.task.day ? $0.task.day < $1.task.day : $0.order < $1.order }
        return rows.map(\.task)
    }
}
