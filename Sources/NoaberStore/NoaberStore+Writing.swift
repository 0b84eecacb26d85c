import NoaberModel

extension NoaberStore {
    /// Writes inside one `NoaberStore.write` transaction, reusing one prepared statement per kind
    /// of row: the importer streams a whole export through a single writer.
    ///
    /// Statements are prepared on first use, so a writer that only sets meta values compiles
    /// nothing else.
    public final class Writer {
        let database: Database
        /// False once the owning transaction has ended.
        var isOpen = true

        private var statements = [Statement?](repeating: nil, count: WriterSQL.allCases.count)
        /// Text of the current record, bound without SQLite copying it (see `BindArena`).
        let arena = BindArena()
        /// Codes bound from fixed bytes instead of a `rawValue` `String` each (see `CodeBytes`).
        let ageBandBytes = CodeBytes<AgeBand>()
        let sourceBytes = CodeBytes<Source>()
        let channelBytes = CodeBytes<Channel>()
        let resolutionBytes = CodeBytes<Resolution>()
        /// Parents the written rows refer to, for `checkWrittenParents` (see `bulkWrite`): at most
        /// one entry per village of the store and per import, so they stay tiny.
        private(set) var writtenVillages: Set<String> = []
        private(set) var writtenImportIDs: Set<Int64> = []
        /// The village of the previous row, so that a run of one village's rows hashes nothing.
        private var lastVillage = ""
        private var lastImportID: Int64 = -1
        /// Multi-row INSERTs of `upsertCases`, compiled on first use (see `BatchInsert`).
        var batchStatements: [Int: Statement] = [:]
        /// Per village: true when it had no stored case when this writer first met it, so its
        /// cases are tried with the batched plain INSERT first (see `upsertCases`).
        var villageWasEmpty: [String: Bool] = [:]
        /// The last answer of `villageWasEmpty`, for runs of one village's cases.
        var lastEmptyCheck: (village: String, empty: Bool)?

        init(database: Database) {
            self.database = database
        }

        /// The prepared statement for `key`, compiled once per writer; the cache is an array indexed
        /// by the key, so the hot path neither hashes nor compares SQL text.
        @inline(__always)
        func statement(_ key: WriterSQL) throws(StoreError) -> Statement {
            guard isOpen else {
                throw StoreError(code: StoreError.noaberMisuse,
                                 message: "a NoaberStore.Writer was used after its write transaction ended",
                                 path: database.path)
            }
            if let cached = statements[key.rawValue] { return cached }
            let prepared = try database.prepare(key.sql)
            statements[key.rawValue] = prepared
            return prepared
        }

        // MARK: Villages and meta

        /// Inserts the village or replaces every fact of the stored one (population figures are
        /// updated from the newest villages file).
        public func upsertVillage(_ v: Village) throws(StoreError) {
            let s = try statement(.upsertVillage)
            try s.bind(text: v.code, at: 1)
            try s.bind(text: v.name, at: 2)
            try s.bind(text: v.municipality, at: 3)
            try s.bind(int: Int64(v.inhabitants), at: 4)
            try s.bind(int: v.inhabitants75Plus.map(Int64.init), at: 5)
            try s.bind(double: v.paidHoursPerWeek, at: 6)
            try s.bind(double: v.costPerYearEUR, at: 7)
            try s.bind(moment: v.registrationStart.map { Moment(date: $0) }, at: 8)
            try s.bind(moment: v.ondersteunerStart.map { Moment(date: $0) }, at: 9)
            try s.bind(int: v.isComparisonArea ? 1 : 0, at: 10)
            try s.execute()
        }

        /// Sets (or replaces) one `meta` value.
        public func setMeta(_ key: String, _ value: String) throws(StoreError) {
            let s = try statement(.setMeta)
            try s.bind(text: key, at: 1)
            try s.bind(text: value, at: 2)
            try s.execute()
        }

        // MARK: Imports

        /// Records the start of an import with all counts 0 and returns its `import_id`; rows are
        /// then written against this id and `finishImport` stores the final counts.
        ///
        /// `idScope` and `exportKind` say whose keys the file's person and volunteer ids are and
        /// whether it lists every case so far (see `IdentityScope`, `ExportKind`); `sheet` names
        /// the worksheet of a workbook (nil for CSV).
        public func insertImport(fileName: String, sha256: String, kind: RecordKind, village: String?,
                                 profile: String?, asOf: CivilDate, encoding: String?, delimiter: String?,
                                 importedAt: String, sheet: String? = nil, idScope: IdentityScope = .village,
                                 exportKind: ExportKind = .full) throws(StoreError) -> Int64 {
            let s = try statement(.insertImport)
            try s.bind(text: fileName, at: 1)
            try s.bind(text: sha256, at: 2)
            try s.bind(text: kind.rawValue, at: 3)
            try s.bind(text: village, at: 4)
            try s.bind(text: profile, at: 5)
            try s.bind(date: asOf, at: 6)
            try s.bind(text: encoding, at: 7)
            try s.bind(text: delimiter, at: 8)
            try s.bind(text: importedAt, at: 9)
            try s.bind(text: sheet, at: 10)
            try s.bind(text: idScope.rawValue, at: 11)
            try s.bind(text: exportKind.rawValue, at: 12)
            try s.execute()
            return database.lastInsertRowID
        }

        /// The identity scopes of the other imports of `kind` that listed `village` (at most both
        /// cases of `IdentityScope`): the importer refuses to mix them.
        public func identityScopes(village: String, kind: RecordKind, excludingImport importID: Int64) throws(StoreError) -> [IdentityScope] {
            let s = try statement(.villageScopes)
            try s.bind(text: village, at: 1)
            try s.bind(text: kind.rawValue, at: 2)
            try s.bind(int: importID, at: 3)
            defer { s.reset() }
            var scopes: [IdentityScope] = []
            while try s.step() {
                guard let scope = IdentityScope(rawValue: s.text(at: 0) ?? "") else {
                    throw s.invalidValue("imports", expected: "id_scope village or municipality")
                }
                scopes.append(scope)
            }
            return scopes
        }

        /// Records that an import listed `village` with `rows` accepted rows (a file's as-of date
        /// covers exactly the villages it listed). Called again for the same pair, it replaces
        /// the count.
        public func recordImportVillage(importID: Int64, village: String, rows: Int) throws(StoreError) {
            let s = try statement(.insertImportVillage)
            try s.bind(int: importID, at: 1)
            try s.bind(text: village, at: 2)
            try s.bind(int: Int64(rows), at: 3)
            try s.execute()
        }

        /// Stores an import's final counts; `status` becomes `completed_with_rejections` when any
        /// row was rejected. Counts that do not add up (`rowsRead != accepted + rejected`) are
        /// refused by the schema's CHECK constraint.
        public func finishImport(id: Int64, rowsRead: Int, accepted: Int, rejected: Int,
                                 inserted: Int, updated: Int) throws(StoreError) {
            let s = try statement(.finishImport)
            try s.bind(int: Int64(rowsRead), at: 1)
            try s.bind(int: Int64(accepted), at: 2)
            try s.bind(int: Int64(rejected), at: 3)
            try s.bind(int: Int64(inserted), at: 4)
            try s.bind(int: Int64(updated), at: 5)
            try s.bind(int: id, at: 6)
            try s.execute()
            guard database.changes == 1 else {
                throw StoreError(code: StoreError.noaberNotFound, message: "no import with id \(id)",
                                 sql: s.sql, path: database.path)
            }
        }

        /// Sets the content hash of an import started without it: the importer hashes the file
        /// while it imports and fills it in before committing.
        public func setImportSHA256(id: Int64, sha256: String) throws(StoreError) {
            let s = try statement(.setImportSHA256)
            try s.bind(text: sha256, at: 1)
            try s.bind(int: id, at: 2)
            try s.execute()
            guard database.changes == 1 else {
                throw StoreError(code: StoreError.noaberNotFound, message: "no import with id \(id)",
                                 sql: s.sql, path: database.path)
            }
        }

        /// Keeps one rejected row. `raw` must already have identifier columns masked.
        ///
        /// `sourceField` is the file's own column header of `field` (and its letter in a
        /// workbook); `blanked` names, in the file's own headers, the cells blanked in `raw`.
        /// `reason` is in the import's language; `reasonNL` and `reasonEN` give it in both, so
        /// that it can be shown in either later.
        public func insertRejectedRow(importID: Int64, line: Int, field: String?, reason: String,
                                      raw: String, sourceField: String? = nil, blanked: String? = nil,
                                      reasonNL: String? = nil, reasonEN: String? = nil) throws(StoreError) {
            if importID != lastImportID { lastImportID = importID; writtenImportIDs.insert(importID) }
            let s = try statement(.insertRejectedRow)
            try s.bind(int: importID, at: 1)
            try s.bind(int: Int64(line), at: 2)
            try s.bind(text: field, at: 3)
            try s.bind(text: reason, at: 4)
            try s.bind(text: raw, at: 5)
            try s.bind(text: sourceField, at: 6)
            try s.bind(text: blanked, at: 7)
            try s.bind(text: reasonNL, at: 8)
            try s.bind(text: reasonEN, at: 9)
            try s.execute()
        }

        // MARK: Cases

        /// Stores a case from an export made on `asOf`.
        ///
        /// - New `(village, case_id)`: inserted → `.inserted`.
        /// - Stored row from a later export: left alone → `.keptNewer`.
        /// - Every field and every multi-valued set (mask) equal: `.unchanged`; when `asOf` is
        ///   later than the stored one, `as_of` and `import_id` still advance, because an open
        ///   case is censored at its `as_of` and the newer export shows it still open.
        /// - Otherwise (same or later `asOf`): the row is overwritten → `.updated`.
        ///
        /// - Complexity: a new case costs one INSERT; a known case adds one key lookup.
        public func upsertCase(_ c: CaseRecord, importID: Int64, asOf: CivilDate) throws(StoreError) -> UpsertOutcome {
            arena.rewind()
            noteParents(village: c.village, importID: importID)
            let insert = try statement(.insertCase)
            try bindCase(c, importID: importID, asOf: asOf, to: insert)
            try insert.execute()
            if database.changes == 1 { return .inserted }

            let compare = try statement(.compareCase)
            try bindCase(c, importID: nil, asOf: asOf, to: compare)
            guard try compare.step() else {
                // The INSERT conflicted, so the row exists; reaching here means it vanished.
                compare.reset()
                throw StoreError(code: StoreError.noaberNotFound, message: "case row disappeared during upsert",
                                 sql: compare.sql, path: database.path)
            }
            let storedIsNewer = compare.int64(at: 0) == 1
            let storedIsOlder = compare.int64(at: 1) == 1
            let fieldsEqual = compare.int64(at: 2) == 1
            compare.reset()
            if storedIsNewer { return .keptNewer }

            if fieldsEqual {
                if storedIsOlder {
                    let advance = try statement(.advanceCaseAsOf)
                    try arena.bind(text: c.village, at: 1, of: advance)
                    try arena.bind(text: c.caseID, at: 2, of: advance)
                    try arena.bind(date: asOf, at: 14, of: advance)
                    try advance.bind(int: importID, at: 15)
                    try advance.execute()
                }
                return .unchanged
            }

            let update = try statement(.updateCase)
            try bindCase(c, importID: importID, asOf: asOf, to: update)
            try update.execute()
            // The comparison above found the row and no other writer runs inside this
            // transaction, so anything but one changed row is a broken invariant, not a data problem.
            guard database.changes == 1 else {
                throw StoreError(code: StoreError.noaberNotFound, message: "case row not updated during upsert",
                                 sql: update.sql, path: database.path)
            }
            return .updated
        }

        /// Binds the case's columns to parameters `base`+1…`base`+19 in the order of
        /// `WriterSQL.caseColumns`; without an import id `base`+15 stays unbound, for the
        /// comparison that ignores provenance. The multi-valued sets are bound as their masks:
        /// `CodeSet`'s bit i is `C.allCases[i]`, which is the `codes` table's bit (checked by
        /// `SchemaCodesTests`).
        @inline(__always)
        func bindCase(_ c: borrowing CaseRecord, importID: Int64?, asOf: CivilDate, to s: Statement, base: Int32 = 0) throws(StoreError) {
            try arena.bind(text: c.village, at: base + 1, of: s)
            try arena.bind(text: c.caseID, at: base + 2, of: s)
            try arena.bind(text: c.personKey, at: base + 3, of: s)
            try arena.bind(code: c.ageBand, ageBandBytes, at: base + 4, of: s)
            try s.bind(int: c.birthYear.map(Int64.init), at: base + 5)
            try arena.bind(moment: c.received, at: base + 6, of: s)
            try arena.bind(moment: c.firstContact, at: base + 7, of: s)
            try arena.bind(moment: c.closed, at: base + 8, of: s)
            try arena.bind(code: c.source, sourceBytes, at: base + 9, of: s)
            try arena.bind(code: c.channel, channelBytes, at: base + 10, of: s)
            try s.bind(int: c.collective ? 1 : 0, at: base + 11)
            try arena.bind(code: c.resolution, resolutionBytes, at: base + 12, of: s)
            try s.bind(double: c.supportMinutes, at: base + 13)
            try arena.bind(date: asOf, at: base + 14, of: s)
            if let importID { try s.bind(int: importID, at: base + 15) }
            try s.bind(int: Int64(c.themes.mask), at: base + 16)
            try s.bind(int: Int64(c.referredTo.mask), at: base + 17)
            try s.bind(int: Int64(c.risks.mask), at: base + 18)
            try s.bind(int: Int64(c.escalatedTo.mask), at: base + 19)
        }

        /// Remembers the parents of a written `cases` or `volunteer_tasks` row.
        @inline(__always)
        func noteParents(village: String, importID: Int64) {
            if village != lastVillage {
                lastVillage = village
                writtenVillages.insert(village)
            }
            if importID != lastImportID {
                lastImportID = importID
                writtenImportIDs.insert(importID)
            }
        }

        /// Throws `SQLITE_CONSTRAINT_FOREIGNKEY` unless every village and import that rows written
        /// through this writer refer to exists. With foreign keys off (`bulkWrite`) this is the
        /// check of those references.
        ///
        /// - Complexity: one primary-key lookup per distinct village and import written, whatever
        ///   the number of rows and the size of the store.
        func checkWrittenParents() throws(StoreError) {
            let village = try statement(.villageExists)
            for code in writtenVillages.sorted() {
                try village.bind(text: code, at: 1)
                defer { village.reset() }
                guard try village.step() else { throw missingParent("cases or volunteer_tasks", "villages", village.sql) }
            }
            let imports = try statement(.importExists)
            for id in writtenImportIDs.sorted() {
                try imports.bind(int: id, at: 1)
                defer { imports.reset() }
                guard try imports.step() else { throw missingParent("cases, volunteer_tasks or rejected_rows", "imports", imports.sql) }
            }
        }

        private func missingParent(_ table: String, _ parent: String, _ sql: String) -> StoreError {
            // SQLITE_CONSTRAINT_FOREIGNKEY (787); the C macro is not imported into Swift.
            StoreError(code: StoreError.foreignKeyViolation,
                       message: "foreign key violation: a row of \(table) refers to a \(parent) row that does not exist; nothing was stored",
                       sql: sql, path: database.path)
        }

        // MARK: Tasks

        /// Stores a volunteer task unless an identical one with the same `ordinal` is stored:
        /// `.inserted` or `.unchanged` (a task has no fields beyond its identity, so it is never
        /// `.updated`). `ordinal` numbers identical rows within one export (0, 1, 2 …), so
        /// re-importing the same or a newer export never counts a task twice, while two genuinely
        /// identical tasks on one day stay two. A task without a case is deduplicated the same way.
        public func upsertTask(_ t: VolunteerTask, ordinal: Int, importID: Int64) throws(StoreError) -> UpsertOutcome {
            arena.rewind()
            noteParents(village: t.village, importID: importID)
            let s = try statement(.insertTask)
            try arena.bind(text: t.village, at: 1, of: s)
            try arena.bind(text: t.caseID, at: 2, of: s)
            try arena.bind(text: t.volunteerKey, at: 3, of: s)
            try arena.bind(date: t.date, at: 4, of: s)
            try s.bind(double: t.hours, at: 5)
            try arena.bind(text: t.task.rawValue, at: 6, of: s)
            try s.bind(int: Int64(ordinal), at: 7)
            try s.bind(int: importID, at: 8)
            try s.execute()
            return database.changes == 1 ? .inserted : .unchanged
        }
    }
}
