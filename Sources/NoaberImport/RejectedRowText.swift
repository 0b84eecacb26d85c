import NoaberCSV
import NoaberModel

/// The raw text a rejected row is kept with, and which of its cells were blanked.
///
/// The quarantine must never become a back door for personal data, so the raw text keeps only
/// what is known to be safe: cells of dropped and ignored columns are always empty; a person or
/// volunteer id becomes its pseudonym (and a case id too under `case_id_is_personal`); every
/// other mapped cell is checked on its own, as the row's validation checks it
/// (`CaseRowValidator.rawCell` and its twins), and kept only when it passes: a known code, a
/// date, a number in range, a case id with the shape of a file number, a village name in which
/// `IdentifierDetector` finds nothing. A cell that failed — the one that rejected the row, and any
/// other — is blanked, and its column's own header is listed in `blanked`, so the village knows
/// which cells to look at. A ragged row's cells are not kept at all: its columns may have
/// shifted, and a name could sit anywhere.
///
/// The cells are written with the file's delimiter as one CSV record, without formula
/// neutralisation (the writers of `noaber rejected` neutralise on output).
struct RejectedRowText: Sendable, Equatable {
    let raw: String
    /// The file's own headers of the mapped cells that held something and were blanked,
    /// separated by ", "; nil when none were. Dropped and ignored columns are always blank and
    /// not listed.
    let blanked: String?

    static func make(_ row: some RowFields, delimiter: UInt8, plan: ColumnPlan, language: Language,
                     cell: (String, UnsafeBufferPointer<UInt8>) -> RawCell) -> RejectedRowText {
        guard row.fieldCount == plan.columnCount else {
            return RejectedRowText(raw: language == .nl
                ? "[\(row.fieldCount) velden; inhoud niet bewaard omdat kolommen verschoven kunnen zijn]"
                : "[\(row.fieldCount) fields; content not kept because columns may have shifted]", blanked: nil)
        }
        let fields = plan.fieldsByPosition
        var cells: [String] = []
        var blanked: [String] = []
        cells.reserveCapacity(row.fieldCount)
        for i in 0..<row.fieldCount {
            guard !plan.hiddenPositions.contains(i), let field = fields[i] else {
                cells.append("")
                continue
            }
            let verdict = row.withField(i) { cell(field, $0) }
            switch verdict {
            case .keep: cells.append(row.withField(i) { String(decoding: $0, as: UTF8.self) })
            case .replace(let text): cells.append(text)
            case .blank:
                cells.append("")
                if i < plan.sourceNames.count { blanked.append(plan.sourceNames[i]) }
            }
        }
        return RejectedRowText(raw: record(cells, delimiter: delimiter), blanked: blanked.isEmpty ? nil : blanked.joined(separator: ", "))
    }

    /// One CSV record of `cells`, with `delimiter`, no line ending.
    private static func record(_ cells: [String], delimiter: UInt8) -> String {
        let sink = MemorySink()
        var dialect = CSVDialect.standard
        dialect.delimiter = delimiter
        dialect.lineEnding = []
        do {
            var writer = try CSVWriter(sink: sink, dialect: dialect, neutraliseFormulas: false)
            try writer.writeRow(cells)
            try writer.flush()
        } catch {
            return cells.joined(separator: String(UnicodeScalar(delimiter)))
        }
        return String(decoding: sink.bytes, as: UTF8.self)
    }
}
