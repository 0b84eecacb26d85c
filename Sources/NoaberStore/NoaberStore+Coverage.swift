import NoaberModel

/// One village as one import of cases or tasks listed it (a row of `import_villages` with its
/// import's facts).
public struct ImportListing: Sendable, Hashable {
    public var importID: Int64
    public var village: String
    public var kind: RecordKind
    public var asOf: CivilDate
    public var exportKind: ExportKind
    public var idScope: IdentityScope
    public var fileName: String
    /// The file's accepted rows of this village.
    public var rows: Int
}

extension NoaberStore {
    /// Every (import, village) pair of case and task imports, by village, as-of date and import:
    /// what coverage, censoring and identity scope are worked out from.
    /// - Complexity: O(imports × villages per import); a few rows per imported file.
    public func importListings() throws(StoreError) -> [ImportListing] {
        let s = try database.prepare("""
            SELECT i.import_id, v.village, i.kind, i.as_of, i.export_kind, i.id_scope, i.file_name, v.rows
            FROM import_villages v JOIN imports i ON i.import_id = v.import_id
            WHERE i.kind IN ('cases', 'tasks')
            ORDER BY v.village, i.as_of, i.import_id
            """)
        var result: [ImportListing] = []
        while try s.step() {
            guard let village = s.text(at: 1), let kind = RecordKind(rawValue: s.text(at: 2) ?? ""),
                  let asOf = try s.date(at: 3, name: "imports.as_of"),
                  let exportKind = ExportKind(rawValue: s.text(at: 4) ?? ""),
                  let scope = IdentityScope(rawValue: s.text(at: 5) ?? "") else {
                throw s.invalidValue("imports", expected: "a village, a kind, an as_of date, export_kind and id_scope")
            }
            result.append(ImportListing(importID: s.int64(at: 0) ?? 0, village: village, kind: kind, asOf: asOf,
                                        exportKind: exportKind, idScope: scope, fileName: s.text(at: 6) ?? "",
                                        rows: Int(s.int64(at: 7) ?? 0)))
        }
        return result
    }

    /// The date of a village's earliest volunteer task, or nil without tasks: where its coverage
    /// starts when the villages file gives no registration start and it has no case.
    public func earliestTaskDate(village: String) throws(StoreError) -> CivilDate? {
        let s = try database.prepare("SELECT min(date) FROM volunteer_tasks WHERE village = ?1")
        try s.bind(text: village, at: 1)
        guard try s.step() else { return nil }
        return try s.date(at: 0, name: "volunteer_tasks.date")
    }
}
