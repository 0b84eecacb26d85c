import NoaberModel

extension NoaberStore {
    /// One `meta` value, or nil when the key was never set.
    public func meta(_ key: String) throws(StoreError) -> String? {
        let s = try database.prepare("SELECT value FROM meta WHERE key = ?1")
        try s.bind(text: key, at: 1)
        return try s.step() ? s.text(at: 0) : nil
    }

    /// Every village, ordered by code.
    public func villages() throws(StoreError) -> [Village] {
        let s = try database.prepare("""
            SELECT village, name, municipality, inhabitants, inhabitants_75plus, paid_hours_per_week, cost_per_year_eur,
                   registration_start, ondersteuner_start, comparison_area
            FROM villages ORDER BY village
            """)
        var result: [Village] = []
        while try s.step() {
            result.append(Village(code: s.text(at: 0) ?? "", name: s.text(at: 1) ?? "", municipality: s.text(at: 2) ?? "",
                                  inhabitants: Int(s.int64(at: 3) ?? 0), inhabitants75Plus: s.int64(at: 4).map { Int($0) },
                                  paidHoursPerWeek: s.double(at: 5), costPerYearEUR: s.double(at: 6),
                                  registrationStart: try s.date(at: 7, name: "villages.registration_start"),
                                  ondersteunerStart: try s.date(at: 8, name: "villages.ondersteuner_start"),
                                  isComparisonArea: (s.int64(at: 9) ?? 0) != 0))
        }
        return result
    }

    /// Cases with their multi-valued sets, ordered by village and case id (byte order).
    ///
    /// - Parameter villages: village codes to load; nil loads all, an empty list loads none.
    /// - Throws: `noaberInvalidStoredValue` for a date or code that another tool wrote in a form
    ///   noaber cannot read.
    /// - Complexity: one ordered pass over `cases`, O(cases).
    public func cases(villages: [String]? = nil) throws(StoreError) -> [CaseRecord] {
        guard let filter = VillageFilter(villages) else { return [] }
        let s = try database.prepare("""
            SELECT village, case_id, person_key, age_band, birth_year, received, first_contact, closed,
                   source, channel, collective, resolution, support_minutes,
                   themes_mask, referred_to_mask, risks_mask, escalated_to_mask
            FROM cases\(filter.whereClause) ORDER BY village, case_id
            """)
        try filter.bind(to: s)
        let ageBands = CodeTable<AgeBand>(), sources = CodeTable<Source>(), channels = CodeTable<Channel>()
        let resolutions = CodeTable<Resolution>()
        let known = (themes: CodeSet<Theme>.allMask, referrals: CodeSet<Referral>.allMask, risks: CodeSet<Risk>.allMask)
        var records: [CaseRecord] = []
        while try s.step() {
            guard let received = try s.moment(at: 5, name: "cases.received") else {
                throw s.invalidValue("cases.received", expected: "a date")
            }
            records.append(CaseRecord(
                village: s.text(at: 0) ?? "", caseID: s.text(at: 1) ?? "", personKey: s.text(at: 2),
                ageBand: try s.code(at: 3, ageBands, name: "cases.age_band"),
                birthYear: s.int64(at: 4).map { Int($0) },
                received: received,
                firstContact: try s.moment(at: 6, name: "cases.first_contact"),
                closed: try s.moment(at: 7, name: "cases.closed"),
                source: try s.code(at: 8, sources, name: "cases.source"),
                channel: try s.code(at: 9, channels, name: "cases.channel"),
                themes: try s.codeSet(at: 13, within: known.themes, name: "cases.themes_mask"),
                collective: (s.int64(at: 10) ?? 0) != 0,
                resolution: try s.code(at: 11, resolutions, name: "cases.resolution"),
                referredTo: try s.codeSet(at: 14, within: known.referrals, name: "cases.referred_to_mask"),
                risks: try s.codeSet(at: 15, within: known.risks, name: "cases.risks_mask"),
                escalatedTo: try s.codeSet(at: 16, within: known.risks, name: "cases.escalated_to_mask"),
                supportMinutes: s.double(at: 12)))
        }
        return records
    }

    /// Volunteer tasks in the order they were stored.
    ///
    /// - Parameter villages: village codes to load; nil loads all, an empty list loads none.
    public func tasks(villages: [String]? = nil) throws(StoreError) -> [VolunteerTask] {
        guard let filter = VillageFilter(villages) else { return [] }
        let s = try database.prepare("""
            SELECT village, case_id, volunteer_key, date, hours, task FROM volunteer_tasks\(filter.whereClause)
            ORDER BY task_row
            """)
        try filter.bind(to: s)
        let kinds = CodeTable<TaskKind>()
        var result: [VolunteerTask] = []
        while try s.step() {
            guard let date = try s.date(at: 3, name: "volunteer_tasks.date"),
                  let task = try s.code(at: 5, kinds, name: "volunteer_tasks.task") else {
                throw s.invalidValue("volunteer_tasks", expected: "a date and a task")
            }
            result.append(VolunteerTask(village: s.text(at: 0) ?? "", caseID: s.text(at: 1), volunteerKey: s.text(at: 2) ?? "",
                                        date: date, hours: s.double(at: 4) ?? 0, task: task))
        }
        return result
    }

    /// Every import, oldest first.
    public func imports() throws(StoreError) -> [ImportRecord] {
        let s = try database.prepare("SELECT \(NoaberStore.importColumns) FROM imports ORDER BY import_id")
        var result: [ImportRecord] = []
        while try s.step() { result.append(try NoaberStore.importRecord(s)) }
        return result
    }

    /// The latest import of a file with these exact bytes, kind and village (nil matches a
    /// multi-village file): the importer's "this file was already imported" check.
    public func completedImport(sha256: String, kind: RecordKind, village: String?) throws(StoreError) -> ImportRecord? {
        let s = try database.prepare("""
            SELECT \(NoaberStore.importColumns) FROM imports
            WHERE sha256 = ?1 AND kind = ?2 AND village IS ?3 AND status IN ('completed', 'completed_with_rejections')
            ORDER BY import_id DESC LIMIT 1
            """)
        try s.bind(text: sha256, at: 1)
        try s.bind(text: kind.rawValue, at: 2)
        try s.bind(text: village, at: 3)
        return try s.step() ? NoaberStore.importRecord(s) : nil
    }

    /// Rejected rows of one import (or of all), ordered by import and line.
    public func rejectedRows(importID: Int64? = nil) throws(StoreError) -> [RejectedRow] {
        let s = try database.prepare("""
            SELECT import_id, line, field, reason, raw, source_field, blanked, reason_nl, reason_en FROM rejected_rows
            WHERE ?1 IS NULL OR import_id = ?1 ORDER BY import_id, line
            """)
        try s.bind(int: importID, at: 1)
        return try RejectedRow.all(from: s)
    }

    /// The as-of date of the newest case export per village: where open cases are censored.
    ///
    /// Covers imports of one village (`imports.village`) and multi-village files (through the
    /// `as_of` their cases carry).
    /// - Complexity: one pass over `cases`.
    public func latestAsOf() throws(StoreError) -> [String: CivilDate] {
        let s = try database.prepare("""
            SELECT village, max(as_of) FROM (
                SELECT village, as_of FROM imports WHERE kind = 'cases' AND village IS NOT NULL
                UNION ALL
                SELECT village, max(as_of) FROM cases GROUP BY village)
            GROUP BY village
            """)
        var result: [String: CivilDate] = [:]
        while try s.step() {
            guard let village = s.text(at: 0), let date = try s.date(at: 1, name: "as_of") else { continue }
            result[village] = date
        }
        return result
    }

    /// Row counts of the main tables, for a status line.
    public func counts() throws(StoreError) -> (villages: Int, cases: Int, tasks: Int, imports: Int, rejected: Int) {
        let s = try database.prepare("""
            SELECT (SELECT count(*) FROM villages), (SELECT count(*) FROM cases), (SELECT count(*) FROM volunteer_tasks),
                   (SELECT count(*) FROM imports), (SELECT count(*) FROM rejected_rows)
            """)
        guard try s.step() else { return (0, 0, 0, 0, 0) }
        func n(_ i: Int32) -> Int { Int(s.int64(at: i) ?? 0) }
        return (n(0), n(1), n(2), n(3), n(4))
    }

    static let importColumns = """
        import_id, file_name, sha256, kind, village, profile, as_of, encoding, delimiter, \
        rows_read, accepted, rejected, inserted, updated, status, imported_at, sheet, id_scope, export_kind
        """

    static func importRecord(_ s: Statement) throws(StoreError) -> ImportRecord {
        guard let kind = RecordKind(rawValue: s.text(at: 3) ?? ""),
              let asOf = try s.date(at: 6, name: "imports.as_of"),
              let scope = IdentityScope(rawValue: s.text(at: 17) ?? ""),
              let exportKind = ExportKind(rawValue: s.text(at: 18) ?? "") else {
            throw s.invalidValue("imports", expected: "a known kind, an as_of date, id_scope and export_kind")
        }
        func n(_ i: Int32) -> Int { Int(s.int64(at: i) ?? 0) }
        return ImportRecord(id: s.int64(at: 0) ?? 0, fileName: s.text(at: 1) ?? "", sha256: s.text(at: 2) ?? "", kind: kind,
                            village: s.text(at: 4), profile: s.text(at: 5), asOf: asOf, encoding: s.text(at: 7),
                            delimiter: s.text(at: 8), rowsRead: n(9), accepted: n(10), rejected: n(11), inserted: n(12),
                            updated: n(13), status: s.text(at: 14) ?? "", importedAt: s.text(at: 15) ?? "",
                            sheet: s.text(at: 16), idScope: scope, exportKind: exportKind)
    }
}

/// An optional `WHERE village IN (…)` with its bindings.
struct VillageFilter {
    let villages: [String]

    /// nil when the caller asked for no villages at all (an empty list), so the query is skipped.
    init?(_ villages: [String]?) {
        guard let villages else { self.villages = []; return }
        guard !villages.isEmpty else { return nil }
        var seen = Set<String>()
        self.villages = villages.filter { seen.insert($0).inserted }
    }

    var whereClause: String {
        villages.isEmpty ? "" : " WHERE village IN (" + villages.indices.map { "?\($0 + 1)" }.joined(separator: ", ") + ")"
    }

    func bind(to s: Statement) throws(StoreError) {
        for (i, village) in villages.enumerated() { try s.bind(text: village, at: Int32(i + 1)) }
    }
}

extension Statement {
    /// Whether columns 0 and 1 of the current row are the record's village and case id, compared
    /// as bytes (SQLite's BINARY order is byte order, which is what the merge relies on).
    @inline(__always)
    func keyEquals(_ record: CaseRecord) -> Bool {
        withUTF8(at: 0, { $0.elementsEqual(record.village.utf8) }) == true
            && withUTF8(at: 1, { $0.elementsEqual(record.caseID.utf8) }) == true
    }
}
