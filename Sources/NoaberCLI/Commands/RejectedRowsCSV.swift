import NoaberCSV
import NoaberModel
import NoaberStore

/// Rejected rows as CSV, for a spreadsheet or a village's own correction work.
enum RejectedRowsCSV {
    /// Every rejected row: `import_id, line, field, reason, raw, source_field, blanked`.
    static func render(_ rows: [RejectedRow], dialect: CSVDialect = .standard) -> String {
        let sink = MemorySink()
        do {
            var writer = try CSVWriter(sink: sink, dialect: dialect)
            try writer.writeRow(["import_id", "line", "field", "reason", "raw", "source_field", "blanked"])
            for r in rows {
                try writer.writeRow([.integer(Int(r.importID)), .integer(r.line), .text(r.field ?? ""), .text(r.reason), .text(r.raw),
                                     .text(r.sourceField ?? ""), .text(r.blanked ?? "")])
            }
            try writer.flush()
        } catch {
            return ""
        }
        return String(decoding: sink.bytes, as: UTF8.self)
    }
}

/// What `noaber rejected --for-village CODE` gives a village back: per rejected row the file, the
/// line, the column as the village's own sheet calls it, the reason in plain words, the row's
/// safe cells (identifiers blanked or pseudonymised at import, see docs/privacy.md) and which
/// cells were blanked — enough to find and fix the row in the sheet, without noaber ever holding
/// an identifier.
struct VillageRejection: Encodable, Equatable {
    let file: String
    let importID: Int64
    let line: Int
    /// The file's own header of the field that failed; else the canonical field; "" for a whole row.
    let column: String
    let reason: String
    let row: String
    let blanked: String

    enum CodingKeys: String, CodingKey {
        case file, importID = "import_id", line, column, reason, row, blanked
    }

    static func make(_ rows: [RejectedRow], imports: [ImportRecord]) -> [VillageRejection] {
        let files = Dictionary(imports.map { ($0.id, $0.fileName) }, uniquingKeysWith: { a, _ in a })
        return rows.map {
            VillageRejection(file: files[$0.importID] ?? "", importID: $0.importID, line: $0.line,
                             column: $0.sourceField ?? $0.field ?? "", reason: $0.reason, row: $0.raw, blanked: $0.blanked ?? "")
        }
    }

    static func header(_ language: Language) -> [String] {
        language == .nl ? ["bestand", "regel", "kolom", "reden", "rij (zonder persoonsgegevens)", "leeg gemaakt"]
                        : ["file", "line", "column", "reason", "row (personal data removed)", "blanked"]
    }

    var cells: [String] { [file, String(line), column, reason, row, blanked] }

    static func csv(_ rows: [VillageRejection], language: Language, dialect: CSVDialect) -> String {
        let sink = MemorySink()
        do {
            var writer = try CSVWriter(sink: sink, dialect: dialect)
            try writer.writeRow(header(language))
            for r in rows {
                try writer.writeRow([.text(r.file), .integer(r.line), .text(r.column), .text(r.reason), .text(r.row), .text(r.blanked)])
            }
            try writer.flush()
        } catch {
            return ""
        }
        return String(decoding: sink.bytes, as: UTF8.self)
    }
}
