import NoaberModel

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
    /// `reason` in Dutch and in English; nil for rows imported before schema version 6, which
    /// kept only the language the import ran in.
    public var reasonNL: String? = nil
    public var reasonEN: String? = nil

    public init(importID: Int64, line: Int, field: String?, reason: String, raw: String,
                sourceField: String? = nil, blanked: String? = nil, reasonNL: String? = nil, reasonEN: String? = nil) {
        self.reasonNL = reasonNL
        self.reasonEN = reasonEN
        self.importID = importID
        self.line = line
        self.field = field
        self.reason = reason
        self.raw = raw
        self.sourceField = sourceField
        self.blanked = blanked
    }

    /// The reason in `language` when it was stored in both, else as it was stored.
    public func reason(in language: Language) -> String {
        (language == .nl ? reasonNL : reasonEN) ?? reason
    }

    /// Whether `reason(in:)` gives `language` for sure (false for a row of an import before schema
    /// version 6, whose reason is in the language that import ran in).
    public func hasReason(in language: Language) -> Bool {
        (language == .nl ? reasonNL : reasonEN) != nil
    }

    /// This row with `reason` in `language` (what `noaber rejected` and the village pages show).
    public func inLanguage(_ language: Language) -> RejectedRow {
        var row = self
        row.reason = reason(in: language)
        return row
    }

    enum CodingKeys: String, CodingKey {
        case importID = "import_id", line, field, reason, raw, sourceField = "source_field", blanked
    }
}

extension RejectedRow {
    /// Every row of a statement that selects `import_id, line, field, reason, raw, source_field,
    /// blanked, reason_nl, reason_en` in this order (the two queries of `NoaberStore` that list
    /// rejected rows).
    static func all(from s: Statement) throws(StoreError) -> [RejectedRow] {
        var result: [RejectedRow] = []
        while try s.step() {
            result.append(RejectedRow(importID: s.int64(at: 0) ?? 0, line: Int(s.int64(at: 1) ?? 0), field: s.text(at: 2),
                                      reason: s.text(at: 3) ?? "", raw: s.text(at: 4) ?? "",
                                      sourceField: s.text(at: 5), blanked: s.text(at: 6),
                                      reasonNL: s.text(at: 7), reasonEN: s.text(at: 8)))
        }
        return result
    }
}
