import NoaberModel

extension NoaberStore {
    /// The cases of one village in the compact form the metrics read, ordered by case id.
    ///
    /// Reads the same rows as `cases(villages:)` without building a `String` per case: codes are
    /// matched as bytes, the pseudonym becomes a `PersonToken`, and the multi-valued sets are the
    /// stored masks, so loading a village is one ordered pass over one B-tree range and memory
    /// holds only this village's cases.
    ///
    /// - Throws: `noaberInvalidStoredValue` for a date or code that another tool wrote in a form
    ///   noaber cannot read, as `cases(villages:)` does.
    /// - Complexity: O(cases of the village).
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
                   source, channel, collective, resolution, support_minutes, as_of,
                   themes_mask, referred_to_mask, risks_mask, escalated_to_mask
            FROM cases WHERE village = ?1 ORDER BY case_id
            """)
        try s.bind(text: village, at: 1)
        let ageBands = CodeTable<AgeBand>(), sources = CodeTable<Source>(), channels = CodeTable<Channel>()
        let resolutions = CodeTable<Resolution>()
        let known = (themes: CodeSet<Theme>.allMask, referrals: CodeSet<Referral>.allMask, risks: CodeSet<Risk>.allMask)
        var result: [CaseFacts] = []
        if let expectedCount { result.reserveCapacity(expectedCount) }
        var latestAsOf: CivilDate?
        while try s.step() {
            let asOf = try s.date(at: 12, name: "cases.as_of")
            if let asOf, latestAsOf.map({ asOf > $0 }) ?? true {
                latestAsOf = asOf
            }
            guard let received = try s.moment(at: 4, name: "cases.received") else {
                throw s.invalidValue("cases.received", expected: "a date")
            }
            var band = try s.code(at: 2, ageBands, name: "cases.age_band")
            if band == nil, let birthYear = s.int64(at: 3) {
                band = AgeBand(age: received.date.year - Int(birthYear))
            }
            let facts = CaseFacts(
                person: s.withUTF8(at: 1) { PersonToken.of($0) }, ageBand: band, received: received,
                firstContact: try s.moment(at: 5, name: "cases.first_contact"),
                closed: try s.moment(at: 6, name: "cases.closed"),
                source: try s.code(at: 7, sources, name: "cases.source"),
                channel: try s.code(at: 8, channels, name: "cases.channel"),
                themes: try s.codeSet(at: 13, within: known.themes, name: "cases.themes_mask"), collective: (s.int64(at: 9) ?? 0) != 0,
                resolution: try s.code(at: 10, resolutions, name: "cases.resolution"),
                referredTo: try s.codeSet(at: 14, within: known.referrals, name: "cases.referred_to_mask"),
                risks: try s.codeSet(at: 15, within: known.risks, name: "cases.risks_mask"),
                escalatedTo: try s.codeSet(at: 16, within: known.risks, name: "cases.escalated_to_mask"),
                supportMinutes: s.double(at: 11), lastSeen: asOf)
            result.append(facts)
        }
        return (result, latestAsOf)
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
