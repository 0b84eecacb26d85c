import CSQLite
import NoaberModel

extension NoaberStore.Writer {
    /// Stores `cases` exactly as calling `upsertCase` for each in order would, in far fewer
    /// statements when they are new.
    ///
    /// Cases of a village that had no stored case when this writer first met it are written with
    /// multi-row plain INSERTs (up to `BatchInsert.caseRows` cases, then their child rows up to
    /// `BatchInsert.childRows` per statement): SQLite's per-statement work (cursor open and close,
    /// VDBE start and halt) is then paid once per chunk instead of once per row. Such an INSERT
    /// stores its rows in order up to the first one a constraint refuses (a key already stored,
    /// e.g. the same `case_id` twice); that case and the rest of the chunk are then written with
    /// `upsertCase` one at a time, which reproduces the single-row outcome, including its errors.
    /// Cases of villages that had stored cases go through `upsertCase` directly: they usually
    /// exist and would only make the batch fail.
    ///
    /// - Complexity: one query per distinct village (is it empty?) plus, for new cases, about
    ///   1/32 statement per case and 1/64 per child row instead of one each.
    public func upsertCases(_ cases: [CaseRecord], importID: Int64, asOf: CivilDate) throws(StoreError) -> UpsertCounts {
        // Through a buffer pointer, `cases[i]` is read in place: `Array`'s subscript would copy
        // the record (retaining and later releasing each of its strings and sets) at every use.
        try cases.withUnsafeBufferPointer { (cases) throws(StoreError) -> UpsertCounts in
            var counts = UpsertCounts()
            var pending: [Int] = []   // indexes of cases that may be new, in order
            pending.reserveCapacity(min(cases.count, BatchInsert.caseRows))
            for index in cases.indices {
                if try villageWasEmpty(cases[index].village) {
                    pending.append(index)
                    if pending.count == BatchInsert.caseRows {
                        try insertOrFallBack(pending, of: cases, importID: importID, asOf: asOf, counts: &counts)
                        pending.removeAll(keepingCapacity: true)
                    }
                } else {
                    counts.add(try upsertCase(cases[index], importID: importID, asOf: asOf))
                }
            }
            if !pending.isEmpty {
                try insertOrFallBack(pending, of: cases, importID: importID, asOf: asOf, counts: &counts)
            }
            return counts
        }
    }

    /// Whether `village` had no stored case when first asked in this writer (cached; a run of one
    /// village's cases compares with the previous village instead of hashing).
    private func villageWasEmpty(_ village: String) throws(StoreError) -> Bool {
        if let last = lastEmptyCheck, last.village == village { return last.empty }
        let empty = try villageWasEmptyLookup(village)
        lastEmptyCheck = (village, empty)
        return empty
    }

    private func villageWasEmptyLookup(_ village: String) throws(StoreError) -> Bool {
        if let known = villageWasEmpty[village] { return known }
        let query = try statement(.villageHasCases)
        try query.bind(text: village, at: 1)
        defer { query.reset() }
        let empty = try !query.step()
        villageWasEmpty[village] = empty
        return empty
    }

    /// Inserts the cases at `indexes` and their child rows in batched statements; from the first
    /// case the INSERT refuses on, upserts the rest one by one instead.
    private func insertOrFallBack(_ indexes: [Int], of cases: UnsafeBufferPointer<CaseRecord>, importID: Int64, asOf: CivilDate,
                                  counts: inout UpsertCounts) throws(StoreError) {
        let stored = try insertCaseRows(indexes, of: cases, importID: importID, asOf: asOf)
        let inserted = stored == indexes.count ? indexes : Array(indexes.prefix(stored))
        for index in inserted { noteParents(village: cases[index].village, importID: importID) }
        // Child rows of the stored cases first: a later repeat of one of them compares them.
        try insertChildRows(inserted, of: cases, .themes)
        try insertChildRows(inserted, of: cases, .referrals)
        try insertChildRows(inserted, of: cases, .risks)
        try insertChildRows(inserted, of: cases, .escalations)
        counts.add(.inserted, count: stored)
        for index in indexes.dropFirst(stored) {
            // This village had a key stored after all; batching it would only fail again.
            villageWasEmpty[cases[index].village] = false
            lastEmptyCheck = nil
            counts.add(try upsertCase(cases[index], importID: importID, asOf: asOf))
        }
    }

    /// Inserts the `cases` rows in statements of 32, 16, …, 1 rows and returns how many of
    /// `indexes` were stored, in order: all of them, or those before the first row a constraint
    /// refused.
    ///
    /// `INSERT OR FAIL` keeps the rows before a refused one (and `changes()` counts them) instead
    /// of backing out the statement: without `ABORT` a multi-row INSERT needs no statement
    /// journal, whose upkeep costs at every statement. Only constraint errors are expected here;
    /// any other error is thrown.
    private func insertCaseRows(_ indexes: [Int], of cases: UnsafeBufferPointer<CaseRecord>, importID: Int64, asOf: CivilDate) throws(StoreError) -> Int {
        var done = 0
        while done < indexes.count {
            let rows = BatchInsert.largestSize(atMost: indexes.count - done, limit: BatchInsert.caseRows)
            let insert = try batchStatement(.cases, rows: rows)
            arena.rewind()
            for r in 0..<rows {
                try bindCase(cases[indexes[done + r]], importID: importID, asOf: asOf, to: insert,
                             base: Int32(r * BatchInsert.Table.cases.columns))
            }
            do {
                try insert.execute()
            } catch where error.primaryCode == SQLITE_CONSTRAINT {
                return done + database.changes
            }
            done += rows
        }
        return done
    }

    /// Inserts one child table's rows for the cases at `indexes`, up to 64 rows per statement.
    /// The parent rows were inserted just before, so every child row is new: a conflict here is
    /// a broken invariant and fails the import.
    private func insertChildRows(_ indexes: [Int], of cases: UnsafeBufferPointer<CaseRecord>, _ table: BatchInsert.Table) throws(StoreError) {
        var total = 0
        for index in indexes {
            // Field by field: a `CaseRecord` argument would copy the record (retaining every field).
            switch table {
            case .themes: total += cases[index].themes.count
            case .referrals: total += cases[index].referredTo.count
            case .risks: total += cases[index].risks.count
            case .escalations: total += cases[index].escalatedTo.count
            case .cases: return
            }
        }
        guard total > 0 else { return }
        var rows = ChildRows(remaining: total)
        rows.insert = try batchStatement(table, rows: rows.statementRows)
        arena.rewind()
        for index in indexes {
            // Reads the one set in place: copying the whole record would retain all its fields.
            switch table {
            case .themes: try bindChildren(cases[index].themes, themeBytes, cases[index].village, cases[index].caseID, table, &rows)
            case .referrals: try bindChildren(cases[index].referredTo, referralBytes, cases[index].village, cases[index].caseID, table, &rows)
            case .risks: try bindChildren(cases[index].risks, riskBytes, cases[index].village, cases[index].caseID, table, &rows)
            case .escalations: try bindChildren(cases[index].escalatedTo, riskBytes, cases[index].village, cases[index].caseID, table, &rows)
            case .cases: return
            }
            if rows.remaining == 0 { return }
        }
    }

    /// Where `insertChildRows` stands: the statement being bound and how many rows it still takes.
    private struct ChildRows {
        var remaining: Int
        var statementRows: Int
        var bound = 0
        var insert: Statement?

        init(remaining: Int) {
            self.remaining = remaining
            statementRows = BatchInsert.largestSize(atMost: remaining, limit: BatchInsert.childRows)
        }
    }

    /// Binds one case's values of one child table, executing each statement once it is full.
    @inline(__always)
    private func bindChildren<C: Code>(_ values: Set<C>, _ codes: CodeBytes<C>, _ village: String, _ caseID: String,
                                       _ table: BatchInsert.Table, _ rows: inout ChildRows) throws(StoreError) {
        for value in values {
            guard let insert = rows.insert else { return }
            let base = Int32(rows.bound * 3)
            try arena.bind(text: village, at: base + 1, of: insert)
            try arena.bind(text: caseID, at: base + 2, of: insert)
            try arena.bind(code: value, codes, at: base + 3, of: insert)
            rows.bound += 1
            if rows.bound == rows.statementRows {
                try insert.execute()
                rows.remaining -= rows.bound
                rows.bound = 0
                guard rows.remaining > 0 else { rows.insert = nil; return }
                rows.statementRows = BatchInsert.largestSize(atMost: rows.remaining, limit: BatchInsert.childRows)
                rows.insert = try batchStatement(table, rows: rows.statementRows)
                arena.rewind()
            }
        }
    }

    /// The multi-row INSERT of `rows` rows into `table`, compiled once per writer.
    private func batchStatement(_ table: BatchInsert.Table, rows: Int) throws(StoreError) -> Statement {
        let key = table.rawValue * 1_000 + rows
        if let cached = batchStatements[key] { return cached }
        let prepared = try database.prepare(BatchInsert.sql(table, rows: rows))
        batchStatements[key] = prepared
        return prepared
    }
}

/// The multi-row INSERT statements of `NoaberStore.Writer.upsertCases`.
enum BatchInsert {
    /// Cases per statement: 32 × 15 parameters.
    static let caseRows = 32
    /// Child rows per statement: 64 × 3 parameters.
    static let childRows = 64

    enum Table: Int {
        case cases, themes, referrals, risks, escalations

        var prefix: String {
            switch self {
            case .cases: WriterSQL.batchCasePrefix
            case .themes: "INSERT OR FAIL INTO case_themes(village, case_id, theme) VALUES "
            case .referrals: "INSERT OR FAIL INTO case_referrals(village, case_id, referred_to) VALUES "
            case .risks: "INSERT OR FAIL INTO case_risks(village, case_id, risk) VALUES "
            case .escalations: "INSERT OR FAIL INTO case_escalations(village, case_id, risk) VALUES "
            }
        }

        var columns: Int { self == .cases ? 15 : 3 }
    }

    /// The largest power of two that is at most `count` and `limit` (so that at most
    /// log2(limit) + 1 statement sizes exist per table); 1 for a count below 1.
    static func largestSize(atMost count: Int, limit: Int) -> Int {
        var size = 1
        while size * 2 <= min(count, limit) { size *= 2 }
        return size
    }

    /// `prefix (?1, …, ?c), (?c+1, …), …` for `rows` rows.
    static func sql(_ table: Table, rows: Int) -> String {
        let c = table.columns
        let tuples = (0..<rows).map { r in
            "(" + (1...c).map { "?\(r * c + $0)" }.joined(separator: ", ") + ")"
        }
        return table.prefix + tuples.joined(separator: ", ")
    }
}
