import NoaberModel

/// The provenance of one imported file: a row of `imports`.
///
/// `rowsRead == accepted + rejected` always holds (the schema enforces it). `inserted` and
/// `updated` count accepted rows that changed the store; the rest were identical to what was
/// stored, or older than it. Encodes with the column names of `imports` as keys and `asOf` as
/// `yyyy-mm-dd`, so JSON output reads like the table.
public struct ImportRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var fileName: String
    public var sha256: String
    public var kind: RecordKind
    public var village: String?
    public var profile: String?
    public var asOf: CivilDate
    public var encoding: String?
    public var delimiter: String?
    public var rowsRead: Int
    public var accepted: Int
    public var rejected: Int
    public var inserted: Int
    public var updated: Int
    /// `completed` or `completed_with_rejections`.
    public var status: String
    /// UTC, ISO 8601, as the importer wrote it.
    public var importedAt: String
    /// The worksheet a workbook import read; nil for CSV.
    public var sheet: String?
    /// Whose keys the file's person and volunteer ids are.
    public var idScope: IdentityScope
    /// Whether the file lists every case so far or only new and changed ones.
    public var exportKind: ExportKind

    public init(id: Int64, fileName: String, sha256: String, kind: RecordKind, village: String?, profile: String?,
                asOf: CivilDate, encoding: String?, delimiter: String?, rowsRead: Int, accepted: Int, rejected: Int,
                inserted: Int, updated: Int, status: String, importedAt: String, sheet: String? = nil,
                idScope: IdentityScope = .village, exportKind: ExportKind = .full) {
        self.id = id
        self.fileName = fileName
        self.sha256 = sha256
        self.kind = kind
        self.village = village
        self.profile = profile
        self.asOf = asOf
        self.encoding = encoding
        self.delimiter = delimiter
        self.rowsRead = rowsRead
        self.accepted = accepted
        self.rejected = rejected
        self.inserted = inserted
        self.updated = updated
        self.status = status
        self.importedAt = importedAt
        self.sheet = sheet
        self.idScope = idScope
        self.exportKind = exportKind
    }

    enum CodingKeys: String, CodingKey {
        case id = "import_id", fileName = "file_name", sha256, kind, village, profile, asOf = "as_of", encoding,
             delimiter, rowsRead = "rows_read", accepted, rejected, inserted, updated, status,
             importedAt = "imported_at", sheet, idScope = "id_scope", exportKind = "export_kind"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let asOfText = try c.decode(String.self, forKey: .asOf)
        guard let asOf = CivilDate(iso: asOfText) else {
            throw DecodingError.dataCorruptedError(forKey: .asOf, in: c, debugDescription: "as_of is not yyyy-mm-dd")
        }
        self.init(id: try c.decode(Int64.self, forKey: .id),
                  fileName: try c.decode(String.self, forKey: .fileName),
                  sha256: try c.decode(String.self, forKey: .sha256),
                  kind: try c.decode(RecordKind.self, forKey: .kind),
                  village: try c.decodeIfPresent(String.self, forKey: .village),
                  profile: try c.decodeIfPresent(String.self, forKey: .profile),
                  asOf: asOf,
                  encoding: try c.decodeIfPresent(String.self, forKey: .encoding),
                  delimiter: try c.decodeIfPresent(String.self, forKey: .delimiter),
                  rowsRead: try c.decode(Int.self, forKey: .rowsRead),
                  accepted: try c.decode(Int.self, forKey: .accepted),
                  rejected: try c.decode(Int.self, forKey: .rejected),
                  inserted: try c.decode(Int.self, forKey: .inserted),
                  updated: try c.decode(Int.self, forKey: .updated),
                  status: try c.decode(String.self, forKey: .status),
                  importedAt: try c.decode(String.self, forKey: .importedAt),
                  sheet: try c.decodeIfPresent(String.self, forKey: .sheet),
                  idScope: try c.decodeIfPresent(IdentityScope.self, forKey: .idScope) ?? .village,
                  exportKind: try c.decodeIfPresent(ExportKind.self, forKey: .exportKind) ?? .full)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(fileName, forKey: .fileName)
        try c.encode(sha256, forKey: .sha256)
        try c.encode(kind, forKey: .kind)
        try c.encode(village, forKey: .village)
        try c.encode(profile, forKey: .profile)
        try c.encode(asOf.iso, forKey: .asOf)
        try c.encode(encoding, forKey: .encoding)
        try c.encode(delimiter, forKey: .delimiter)
        try c.encode(rowsRead, forKey: .rowsRead)
        try c.encode(accepted, forKey: .accepted)
        try c.encode(rejected, forKey: .rejected)
        try c.encode(inserted, forKey: .inserted)
        try c.encode(updated, forKey: .updated)
        try c.encode(status, forKey: .status)
        try c.encode(importedAt, forKey: .importedAt)
        try c.encode(sheet, forKey: .sheet)
        try c.encode(idScope, forKey: .idScope)
        try c.encode(exportKind, forKey: .exportKind)
    }
}
