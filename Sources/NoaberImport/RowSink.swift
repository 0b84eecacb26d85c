import NoaberModel
import NoaberStore

/// Counts and stores what the validators decided, inside the import's transaction, on the thread
/// that owns the store.
///
/// Items arrive in file order (see `ImportItem`): accepted records are upserted, rejected rows are
/// kept with their line, field (and its header in the file), reason and sanitised raw text
/// (`RejectedRowText`). A batch's
/// accepted cases are upserted together by `write(cases:)` (`Writer.upsertCases`, which writes new
/// cases in multi-row statements) after its items are counted; the reader rejects a `case_id` that
/// appears twice in a file, so no two cases share a key and the order between them and the
/// rejected rows written meanwhile does not matter (`upsertCases` keeps the order of equal keys
/// anyway).
struct RowSink {
    let writer: NoaberStore.Writer
    let importID: Int64
    let asOf: CivilDate
    let language: Language

    var rowsRead = 0
    var accepted = 0
    var rejected = 0
    var inserted = 0
    var updated = 0
    var unchanged = 0
    var keptNewer = 0
    var firstRejections: [ImportReport.Rejection] = []
    var firstRejection: (line: Int, reason: Localized)?
    /// Accepted cases received after the as-of date, and the latest such day: a few are typing
    /// errors (counted again as `dates_in_future`), many mean the export date itself is wrong.
    private(set) var receivedAfterAsOf = 0
    private(set) var latestReceived: CivilDate?
    /// Accepted rows per village: which villages the file listed (its as-of date covers them).
    private(set) var villageRows: [String: Int] = [:]
    /// The village of the latest accepted rows and how many there were since the last change:
    /// exports list a village's rows together, so the dictionary is touched once per run of rows
    /// instead of once per row on the writing thread.
    private var runVillage = ""
    private var runLength = 0

    init(writer: NoaberStore.Writer, importID: Int64, asOf: CivilDate, language: Language) {
        self.writer = writer
        self.importID = importID
        self.asOf = asOf
        self.language = language
    }

    mutating func consume(_ item: ImportItem) throws {
        switch item {
        case .acceptedCase:
            rowsRead += 1
            accepted += 1
        case .acceptedTask(let task, let ordinal):
            rowsRead += 1
            accepted += 1
            listed(task.village)
            count(try writer.upsertTask(task, ordinal: ordinal, importID: importID))
        case .rejected(let line, let field, let reason, let raw, let sourceField, let blanked):
            try reject(line: line, field: field, reason: reason, raw: raw, sourceField: sourceField, blanked: blanked)
        }
    }

    /// Writes a batch's accepted cases (counted by `consume`).
    mutating func write(cases: [CaseRecord]) throws {
        guard !cases.isEmpty else { return }
        for c in cases {
            listed(c.village)
            if c.received.date.dayNumber > asOf.dayNumber {
                receivedAfterAsOf += 1
                if latestReceived.map({ c.received.date.dayNumber > $0.dayNumber }) ?? true { latestReceived = c.received.date }
            }
        }
        let counts = try writer.upsertCases(cases, importID: importID, asOf: asOf)
        inserted += counts.inserted
        updated += counts.updated
        unchanged += counts.unchanged
        keptNewer += counts.keptNewer
    }

    mutating func accept(village: Village) throws {
        rowsRead += 1
        accepted += 1
        try writer.upsertVillage(village)
        inserted += 1
    }

    mutating func accept(outcome: OutcomeRecord) throws {
        rowsRead += 1
        accepted += 1
        count(try writer.upsertOutcome(outcome, importID: importID, asOf: asOf))
    }

    mutating func reject(line: Int, field: String?, reason: Localized, raw: String, sourceField: String?, blanked: String?) throws {
        rowsRead += 1
        rejected += 1
        let text = reason.text(language)
        if firstRejection == nil { firstRejection = (line, reason) }
        if firstRejections.count < Importer.reportedRejections {
            firstRejections.append(.init(line: line, field: field, reason: text, sourceField: sourceField))
        }
        try writer.insertRejectedRow(importID: importID, line: line, field: field, reason: text, raw: raw,
                                     sourceField: sourceField, blanked: blanked, reasonNL: reason.nl, reasonEN: reason.en)
    }

    @inline(__always)
    private mutating func listed(_ village: String) {
        if village == runVillage {
            runLength += 1
            return
        }
        if runLength > 0 { villageRows[runVillage, default: 0] += runLength }
        runVillage = village
        runLength = 1
    }

    /// Every village the file listed with its accepted rows; `fixed` (a single-village file's
    /// village) is listed even when no row was accepted.
    mutating func listedVillages(including fixed: String?) -> [String: Int] {
        if runLength > 0 { villageRows[runVillage, default: 0] += runLength }
        runLength = 0
        runVillage = ""
        if let fixed, villageRows[fixed] == nil { villageRows[fixed] = 0 }
        return villageRows
    }

    private mutating func count(_ outcome: UpsertOutcome) {
        switch outcome {
        case .inserted: inserted += 1
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        case .keptNewer: keptNewer += 1
        }
    }

    func fill(_ report: inout ImportReport) {
        report.rowsRead = rowsRead
        report.accepted = accepted
        report.rejected = rejected
        report.inserted = inserted
        report.updated = updated
        report.unchangedRows = unchanged
        report.keptNewer = keptNewer
        report.firstRejections = firstRejections
    }
}
