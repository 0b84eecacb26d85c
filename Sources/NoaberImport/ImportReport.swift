import NoaberModel

/// What one file's import did, for people (text) and scripts (`--format json`).
///
/// `rowsRead == accepted + rejected` always holds; the importer checks it before committing.
public struct ImportReport: Sendable, Codable, Hashable {
    public enum Status: String, Sendable, Codable {
        /// Every row stored.
        case completed
        /// Stored, and some rows were rejected and kept with their reason.
        case completedWithRejections = "completed_with_rejections"
        /// The same file (same SHA-256) was imported before; nothing changed.
        case unchanged
        /// `--dry-run`: everything checked and counted, nothing stored.
        case dryRun = "dry_run"
    }

    public struct Rejection: Sendable, Codable, Hashable {
        /// The line of a CSV file, or the row number of a workbook's sheet.
        public var line: Int
        public var field: String?
        public var reason: String
        /// The file's own header of `field` (and its column letter in a workbook).
        public var sourceField: String?

        public init(line: Int, field: String?, reason: String, sourceField: String? = nil) {
            self.line = line
            self.field = field
            self.reason = reason
            self.sourceField = sourceField
        }

        enum CodingKeys: String, CodingKey {
            case line, field, reason, sourceField = "source_field"
        }
    }

    public var file: String
    public var importID: Int64?
    public var status: Status
    public var kind: RecordKind
    public var village: String?
    public var profile: String
    public var asOf: String?
    /// Where the as-of date came from: `option`, `file_name` or `file_modified`.
    public var asOfSource: String?
    public var encoding: String
    public var delimiter: String
    public var sha256: String
    public var rowsRead: Int
    public var accepted: Int
    public var rejected: Int
    public var inserted: Int
    public var updated: Int
    public var unchangedRows: Int
    /// Rows older than what the store holds (from an export with a later as-of date): not overwritten.
    public var keptNewer: Int
    public var warnings: [String]
    /// The first rejections (at most 10), so a person sees what went wrong without another command.
    public var firstRejections: [Rejection]
    /// When `status == .unchanged`: the earlier import of the same content.
    public var previousImportID: Int64?
    /// Whose keys the file's person and volunteer ids are (`village` unless declared otherwise).
    public var idScope: IdentityScope = .village
    /// `full` (every case so far) or `incremental` (new and changed cases only).
    public var exportKind: ExportKind = .full
    /// The worksheet a workbook import read (nil for CSV).
    public var sheet: String? = nil
    /// The sheet's row that held the header (nil for CSV).
    public var headerRow: Int? = nil
    /// Rows of a sheet under its header that were not data, so neither read nor counted: empty
    /// rows and totals rows (listed by number in `warnings`). Always 0 for CSV.
    public var skippedRows: Int = 0

    enum CodingKeys: String, CodingKey {
        case file, status, kind, village, profile, encoding, delimiter, sha256, accepted, rejected, inserted, updated, warnings
        case importID = "import_id", asOf = "as_of", asOfSource = "as_of_source", rowsRead = "rows_read"
        case unchangedRows = "unchanged_rows", keptNewer = "kept_newer", firstRejections = "first_rejections"
        case previousImportID = "previous_import_id", idScope = "id_scope", exportKind = "export_kind"
        case sheet, headerRow = "header_row", skippedRows = "skipped_rows"
    }
}
