import CSQLite
import NoaberModel

extension NoaberStore.Writer {
    /// Stores `cases` exactly as calling `upsertCase` for each in order would, in far fewer
    /// statements when they are new.
    ///
    /// Cases of a village that had no stored case when this writer first met it are written with
    /// multi-row plain INSERTs (up to `BatchInsert.caseRows` cases per statement): SQLite's
    /// per-statement work (cursor open and close,
    /// VDBE start and halt) is then paid once per chunk instead of once per row. Such an INSERT
    /// stores its rows in order up to the first one a constraint refuses (a key already stored,
    /// e.g. the same `case_id` twice); that case and the rest of the chunk are then written with
    /// `upsertCase` one at a time, which reproduces the single-row outcome, including its errors.
    /// Cases of villages that had stored cases go through `upsertCase` directly: they usually
    /// exist and would only make the batch fail.
    ///
    /// - Complexity: one query per distinct village (is it empty?) plus, for new cases, about
    ///   1/32 statement per case instead of one.
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

    /// Inserts the cases at `indexes` in batched statements; from the first case the INSERT
    /// refuses on, upserts the rest one by one instead.
    private func insertOrFallBack(_ indexes: [Int], of cases: UnsafeBufferPointer<CaseRecord>, importID: Int64, asOf: CivilDate,
                                  counts: inout UpsertCounts) throws(StoreError) {
        let stored = try insertCaseRows(indexes, of: cases, importID: importID, asOf: asOf)
        for index in indexes.prefix(stored) { noteParents(village: cases[index].village, importID: importID) }
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
            let insert = try batchStatement(rows: rows)
            arena.rewind()
            for r in 0..<rows {
                try bindCase(cases[indexes[done + r]], importID: importID, asOf: asOf, to: insert,
                             base: Int32(r * BatchInsert.columns))
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

    /// The multi-row INSERT of `rows` cases, compiled once per writer.
    private func batchStatement(rows: Int) throws(StoreError) -> Statement {
        if let cached = batchStatements[rows] { return cached }
        let prepared = try database.prepare(BatchInsert.sql(rows: rows))
        batchStatements[rows] = prepared
        return prepared
    }
}

/// The multi-row INSERT statements of `NoaberStore.Writer.upsertCases`.
enum BatchInsert {
    /// Cases per statement: 32 × 19 parameters.
    static let caseRows = 32
    /// Parameters per case (`WriterSQL.caseColumns`).
    static let columns = 19

    /// The largest power of two that is at most `count` and `limit` (so that at most
    /// log2(limit) + 1 statement sizes exist); 1 for a count below 1.
    static func largestSize(atMost count: Int, limit: Int) -> Int {
        var size = 1
        while size * 2 <= min(count, limit) { size *= 2 }
        return size
    }

    /// `INSERT OR FAIL INTO cases(…) VALUES (?1, …, ?19), (?20, …), …` for `rows` rows.
    static func sql(rows: Int) -> String {
        let c = columns
        let tuples = (0..<rows).map { r in
            "(" + (1...c).map { "?\(r * c + $0)" }.joined(separator: ", ") + ")"
        }
        return WriterSQL.batchCasePrefix + tuples.joined(separator: ", ")
    }
}
