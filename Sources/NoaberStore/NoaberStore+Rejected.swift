extension NoaberStore {
    /// The rejected rows a village has to correct: those of every import that was the village's
    /// own (`imports.village`) or listed it (`import_villages`), ordered by import and line.
    ///
    /// A file with several villages lists a village only when it had rows of that village
    /// accepted; its rejected rows are all returned, since a rejected row's village may be the
    /// very cell that was wrong.
    public func rejectedRows(village: String) throws(StoreError) -> [RejectedRow] {
        let s = try database.prepare("""
            SELECT r.import_id, r.line, r.field, r.reason, r.raw, r.source_field, r.blanked, r.reason_nl, r.reason_en
            FROM rejected_rows r JOIN imports i ON i.import_id = r.import_id
            WHERE i.village = ?1
               OR EXISTS (SELECT 1 FROM import_villages v WHERE v.import_id = r.import_id AND v.village = ?1)
            ORDER BY r.import_id, r.line
            """)
        try s.bind(text: village, at: 1)
        return try RejectedRow.all(from: s)
    }
}
