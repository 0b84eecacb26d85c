import NoaberCSV
import NoaberStore

/// Rejected rows as standard CSV, for a spreadsheet or a village's own correction work.
enum RejectedRowsCSV {
    static func render(_ rows: [RejectedRow]) -> String {
        let sink = MemorySink()
        do {
            var writer = try CSVWriter(sink: sink, dialect: .standard)
            try writer.writeRow(["import_id", "line", "field", "reason", "raw"])
            for r in rows {
                try writer.writeRow([.integer(Int(r.importID)), .integer(r.line), .text(r.field ?? ""), .text(r.reason), .text(r.raw)])
            }
            try writer.flush()
        } catch {
            return ""
        }
        return String(decoding: sink.bytes, as: UTF8.self)
    }
}
