/// A row the importer could not accept, kept so that a village can fix its export: a row of
/// `rejected_rows`. Encodes with the table's column names as keys.
public struct RejectedRow: Sendable, Hashable, Codable {
    public var importID: Int64
    /// 1-based physical line in the file (a quoted field may span lines; this is where the row starts).
    public var line: Int
    /// The canonical field that failed, or nil when the whole row did (wrong column count).
    public var field: String?
    public var reason: String
    /// The row as read; the importer masks identifier columns before it gets here.
    public var raw: String
    /// The file's own column header of `field` (and its letter in a workbook), when known.
    public var sourceField: String?
    /// The file's own headers of the cells blanked in `raw`, when any were.
    public var blanked: String?

    public init(importID: Int64, line: Int, field: String?, reason: String, raw: String,
                sourceField: String? = nil, blanked: String? = nil) {
        self.importID = importID
        self.line = line
        self.field = field
        self.reason = reason
        self.raw = raw
        self.sourceField = sourceField
        self.blanked = blanked
    }

    enum CodingKeys: String, CodingKey {
        case importID = "import_id", line, field, reason, raw, sourceField = "source_field", blanked
    }
}

extension RejectedRow {
    /// Every row of a statement that selects `import_id, line, field, reason, raw, source_field,
    /// blanked` in this order (the two queries of `NoaberStore` that list rejected rows).
    static func all(from s: Statement) throws(StoreError) -> [RejectedRow] {
        var result: [RejectedRow] = []
        while try s.step() {
            result.append(RejectedRow(importID: s.int64(at: 0) ?? 0, line: Int(s.int64(at: 1) ?? 0), field: s.text(at: 2),
                                      reason: s.text(at: 3) ?? "", raw: s.text(at: 4) ?? "",
                                      sourceField: s.text(at: 5), blanked: s.text(at: 6)))
        }
        return result
    }
}
