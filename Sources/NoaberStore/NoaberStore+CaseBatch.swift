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
    /// either stores every row of its chunk or, on any constraint error (a key already stored,
    /// e.g. the same `case_id` twice), stores none of them (SQLite backs out the statement; the
    /// transaction stays open); the chunk is then written with `upsertCase` one case at a time,
    /// which reproduces the single-row outcome, including its errors. Cases of villages that had
    /// stored cases go through `upsertCase` directly: they usually exist and would only make the
    /// batch fail.
    ///
    /// - Complexity: one query per distinct village (is it empty?) plus, for new cases, about
    ///   1/32 statement per case and 1/64 per child row instead of one each.
    public func upsertCases(_ cases: [CaseRecord], importID: Int64, asOf: CivilDate) throws(StoreError) -> UpsertCounts {
        var counts = UpsertCounts()
        var pending: [Int] = []   // indexes of cases that may be new, in order
        pending.reserveCapacity(min(cases.count, BatchInsert.caseRows))
        for index in cases.indices {
            let c = cases[index]
            if try villageWasEmpty(c.village) {
                pending.append(index)
                if pending.count == BatchInsert.caseRows {
                    try insertOrFallBack(pending, of: cases, importID: importID, asOf: asOf, counts: &counts)
                    pending.removeAll(keepingCapacity: true)
                }
            } else {
                counts.add(try upsertCase(c, importID: importID, asOf: asOf))
            }
        }
        if !pending.isEmpty {
            try insertOrFallBack(pending, of: cases, importID: importID, asOf: asOf, counts: &counts)
        }
        return counts
    }

    /// Whether `village` had no stored case when first asked in this writer (cached).
    private func villageWasEmpty(_ village: String) throws(StoreError) -> Bool {
        if let known = villageWasEmpty[village] { return known }
        let query = try statement(.villageHasCases)
        try query.bind(text: village, at: 1)
        defer { query.reset() }
        let empty = try !query.step()
        villageWasEmpty[village] = empty
        return empty
    }

    /// Tries one batched INSERT of the cases at `indexes` and their child rows; on a constraint
    /// error upserts them one by one instead.
    private func insertOrFallBack(_ indexes: [Int], of cases: [CaseRecord], importID: Int64, asOf: CivilDate,
                                  counts: inout UpsertCounts) throws(StoreError) {
        do {
            try insertCaseRows(indexes, of: cases, importID: importID, asOf: asOf)
        } catch where error.primaryCode == SQLITE_CONSTRAINT {
            // Nothing of the failed statement was kept; these villages are not worth batching.
            for index in indexes {
                villageWasEmpty[cases[index].village] = false
                counts.add(try upsertCase(cases[index], importID: importID, asOf: asOf))
            }
            return
        }
        for index in indexes { noteParents(village: cases[index].village, importID: importID) }
        try insertChildRows(indexes, of: cases, .themes)
        try insertChildRows(indexes, of: cases, .referrals)
        try insertChildRows(indexes, of: cases, .risks)
        try insertChildRows(indexes, of: cases, .escalations)
        counts.add(.inserted, count: indexes.count)
    }

    /// Inserts the `cases` rows in statements of 32, 16, …, 1 rows; all or nothing per call, as
    /// a failed statement is backed out and a chunk is at most one full statement.
    private func insertCaseRows(_ indexes: [Int], of cases: [CaseRecord], importID: Int64, asOf: CivilDate) throws(StoreError) {
        var done = 0
        while done < indexes.count {
            let rows = BatchInsert.largestSize(atMost: indexes.count - done, limit: BatchInsert.caseRows)
            let insert = try batchStatement(.cases, rows: rows)
            arena.rewind()
            for r in 0..<rows {
                try bindCase(cases[indexes[done + r]], importID: importID, asOf: asOf, to: insert,
                             base: Int32(r * BatchInsert.Table.cases.columns))
            }
            // A chunk that failed in a later statement would leave the earlier ones stored:
            // `upsertCases` hands at most `caseRows` cases, so a chunk is one statement unless
            // it is the short last one, whose statements are backed out together below.
            do {
                try insert.execute()
            } catch {
                if done > 0 { try deleteCaseRows(indexes.prefix(done), of: cases) }
                throw error
            }
            done += rows
        }
    }

    /// Removes case rows this writer just inserted (the short last chunk, when a later statement
    /// of it failed), so that the fallback starts from the state before the chunk.
    private func deleteCaseRows(_ indexes: ArraySlice<Int>, of cases: [CaseRecord]) throws(StoreError) {
        let delete = try statement(.deleteCase)
        for index in indexes {
            arena.rewind()
            try arena.bind(text: cases[index].village, at: 1, of: delete)
            try arena.bind(text: cases[index].caseID, at: 2, of: delete)
            try delete.execute()
        }
    }

    /// Inserts one child table's rows for the cases at `indexes`, up to 64 rows per statement.
    /// The parent rows were inserted just before, so every child row is new: a conflict here is
    /// a broken invariant and fails the import.
    private func insertChildRows(_ indexes: [Int], of cases: [CaseRecord], _ table: BatchInsert.Table) throws(StoreError) {
        var total = 0
        for index in indexes { total += Self.childCount(cases[index], table) }
        guard total > 0 else { return }
        var rows = ChildRows(remaining: total)
        rows.insert = try batchStatement(table, rows: rows.statementRows)
        arena.rewind()
        for index in indexes {
            // Reads the one set in place: copying the whole record would retain all its fields.
            switch table {
            case .themes: try bindChildren(cases[index].themes, cases[index], table, &rows)
            case .referrals: try bindChildren(cases[index].referredTo, cases[index], table, &rows)
            case .risks: try bindChildren(cases[index].risks, cases[index], table, &rows)
            case .escalations: try bindChildren(cases[index].escalatedTo, cases[index], table, &rows)
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

    @inline(__always)
    private static func childCount(_ c: CaseRecord, _ table: BatchInsert.Table) -> Int {
        switch table {
        case .themes: c.themes.count
        case .referrals: c.referredTo.count
        case .risks: c.risks.count
        case .escalations: c.escalatedTo.count
        case .cases: 0
        }
    }

    /// Binds one case's values of one child table, executing each statement once it is full.
    @inline(__always)
    private func bindChildren<C: Code>(_ values: Set<C>, _ c: borrowing CaseRecord, _ table: BatchInsert.Table,
                                       _ rows: inout ChildRows) throws(StoreError) {
        for value in values {
            guard let insert = rows.insert else { return }
            let base = Int32(rows.bound * 3)
            try arena.bind(text: c.village, at: base + 1, of: insert)
            try arena.bind(text: c.caseID, at: base + 2, of: insert)
            try arena.bind(text: value.rawValue, at: base + 3, of: insert)
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
            case .cases: "INSERT INTO cases(\(WriterSQL.caseColumns)) VALUES "
            case .themes: "INSERT INTO case_themes(village, case_id, theme) VALUES "
            case .referrals: "INSERT INTO case_referrals(village, case_id, referred_to) VALUES "
            case .risks: "INSERT INTO case_risks(village, case_id, risk) VALUES "
            case .escalations: "INSERT INTO case_escalations(village, case_id, risk) VALUES "
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
