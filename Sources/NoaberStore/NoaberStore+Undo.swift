import NoaberModel

/// Taking back an import that should not have happened (the wrong file, a wrong export date),
/// where that can be done exactly.
///
/// The store keeps one version of every case: an import that updated a case overwrote the
/// version before it, and one that saw an unchanged case moved its as-of date on. Undoing such
/// an import cannot bring the earlier state back, so it is refused. An import can be undone
/// exactly when
///
/// - it is of cases or of volunteer tasks (a villages file or an outcome series overwrites
///   rows just the same);
/// - it is the latest import of its kind for every village it listed (a later export may rely on
///   rows this one stored: a task a later full export listed again was not stored twice);
/// - every row it wrote is one it inserted, and they are still there as it left them: no case
///   updated or moved on (`updated` = 0, and the rows that still name it as their last writer
///   are exactly the `inserted` ones).
///
/// Undone, its cases or tasks, its rejected rows, the villages it listed and its provenance row
/// are deleted in one transaction, so coverage and every figure are as before the import.
public enum UndoRefusal: Error, Sendable, Equatable {
    case notFound
    /// A villages file or an outcome series.
    case notCasesOrTasks(RecordKind)
    /// A later import of the same kind lists one of its villages.
    case notLatest(laterImport: Int64, village: String)
    /// It updated cases of earlier imports (their earlier versions are not kept), or rows it
    /// wrote were changed since.
    case overwroteEarlierRows(updated: Int, inserted: Int, stillItsOwn: Int)
}

/// What an undone import took away.
public struct UndoneImport: Sendable, Equatable {
    public var record: ImportRecord
    /// Cases or tasks deleted (the rows the import had inserted).
    public var rows: Int
    public var rejectedRows: Int
}

extension NoaberStore {
    /// Deletes import `id` and everything it stored, when that restores the store exactly (see
    /// `UndoRefusal`); otherwise changes nothing and says why.
    public func undoImport(id: Int64) throws(StoreError) -> Result<UndoneImport, UndoRefusal> {
        try database.storeTransaction { () throws(StoreError) -> Result<UndoneImport, UndoRefusal> in
            guard let record = try imports().first(where: { $0.id == id }) else { return .failure(.notFound) }
            // Fixed SQL per table: no table name is ever interpolated (the SQL audit test).
            let countRows: String, deleteRows: String
            switch record.kind {
            case .cases:
                (countRows, deleteRows) = ("SELECT count(*) FROM cases WHERE import_id = ?1", "DELETE FROM cases WHERE import_id = ?1")
            case .tasks:
                (countRows, deleteRows) = ("SELECT count(*) FROM volunteer_tasks WHERE import_id = ?1",
                                           "DELETE FROM volunteer_tasks WHERE import_id = ?1")
            case .villages, .outcomes:
                return .failure(.notCasesOrTasks(record.kind))
            }
            let later = try database.prepare("""
                SELECT i.import_id, v.village FROM import_villages v JOIN imports i ON i.import_id = v.import_id
                WHERE i.kind = ?1 AND i.import_id > ?2
                  AND v.village IN (SELECT village FROM import_villages WHERE import_id = ?2)
                ORDER BY i.import_id LIMIT 1
                """)
            try later.bind(text: record.kind.rawValue, at: 1)
            try later.bind(int: id, at: 2)
            if try later.step() {
                return .failure(.notLatest(laterImport: later.int64(at: 0) ?? 0, village: later.text(at: 1) ?? ""))
            }
            let own = try database.prepare(countRows)
            try own.bind(int: id, at: 1)
            let stillItsOwn = try own.step() ? Int(own.int64(at: 0) ?? 0) : 0
            guard record.updated == 0, stillItsOwn == record.inserted else {
                return .failure(.overwroteEarlierRows(updated: record.updated, inserted: record.inserted, stillItsOwn: stillItsOwn))
            }
            let rejected = try database.prepare("SELECT count(*) FROM rejected_rows WHERE import_id = ?1")
            try rejected.bind(int: id, at: 1)
            let rejectedRows = try rejected.step() ? Int(rejected.int64(at: 0) ?? 0) : 0
            for sql in [deleteRows, "DELETE FROM rejected_rows WHERE import_id = ?1",
                        "DELETE FROM import_villages WHERE import_id = ?1", "DELETE FROM imports WHERE import_id = ?1"] {
                let delete = try database.prepare(sql)
                try delete.bind(int: id, at: 1)
                try delete.execute()
            }
            return .success(UndoneImport(record: record, rows: stillItsOwn, rejectedRows: rejectedRows))
        }
    }
}
