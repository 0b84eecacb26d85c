import NoaberCSV
import NoaberModel
import NoaberStore

/// Counts and stores what the validators decide, inside the import's transaction.
///
/// Rejected rows are kept with their line and reason. Their raw text is the record as read with
/// every column that is dropped or ignored blanked and the source identifiers replaced by their
/// pseudonyms, so that quarantine never becomes a back door for personal data. A ragged row's
/// raw text is not kept at all: its columns may have shifted, and a name could sit anywhere.
struct RowSink {
    let writer: NoaberStore.Writer
    let importID: Int64
    let asOf: CivilDate
    let reader: CSVReader
    let plan: ColumnPlan
    let language: Language
    let pseudonymizer: Pseudonymizer?

    var rowsRead = 0
    var accepted = 0
    var rejected = 0
    var inserted = 0
    var updated = 0
    var unchanged = 0
    var keptNewer = 0
    var firstRejections: [ImportReport.Rejection] = []
    var firstRejection: (line: Int, reason: Localized)?
    /// Identical task rows within one export are numbered, so re-imports never double-count.
    var taskOrdinals: [TaskIdentity: Int] = [:]

    init(writer: NoaberStore.Writer, importID: Int64, asOf: CivilDate, reader: CSVReader, plan: ColumnPlan,
         language: Language, pseudonymizer: Pseudonymizer?) {
        self.writer = writer
        self.importID = importID
        self.asOf = asOf
        self.reader = reader
        self.plan = plan
        self.language = language
        self.pseudonymizer = pseudonymizer
    }

    mutating func accept(case record: CaseRecord) throws {
        rowsRead += 1
        accepted += 1
        count(try writer.upsertCase(record, importID: importID, asOf: asOf))
    }

    mutating func accept(task: VolunteerTask) throws {
        rowsRead += 1
        accepted += 1
        let identity = TaskIdentity(task)
        let ordinal = taskOrdinals[identity, default: 0]
        taskOrdinals[identity] = ordinal + 1
        count(try writer.upsertTask(task, ordinal: ordinal, importID: importID))
    }

    mutating func accept(village: Village) throws {
        rowsRead += 1
        accepted += 1
        try writer.upsertVillage(village)
        inserted += 1
    }

    mutating func reject(_ rejection: RowRejection) throws {
        rowsRead += 1
        rejected += 1
        let reason = rejection.reason.text(language)
        if firstRejection == nil { firstRejection = (reader.line, rejection.reason) }
        if firstRejections.count < Importer.reportedRejections {
            firstRejections.append(.init(line: reader.line, field: rejection.field, reason: reason))
        }
        try writer.insertRejectedRow(importID: importID, line: reader.line, field: rejection.field, reason: reason, raw: sanitisedRaw())
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

    private func sanitisedRaw() -> String {
        guard reader.fieldCount == plan.columnCount else {
            return language == .nl
                ? "[\(reader.fieldCount) velden; inhoud niet bewaard omdat kolommen verschoven kunnen zijn]"
                : "[\(reader.fieldCount) fields; content not kept because columns may have shifted]"
        }
        let personPosition = plan.position(of: "person_id")
        let volunteerPosition = plan.position(of: "volunteer_id")
        var cells: [String] = []
        cells.reserveCapacity(reader.fieldCount)
        for i in 0..<reader.fieldCount {
            if plan.hiddenPositions.contains(i) {
                cells.append("")
            } else if i == personPosition || i == volunteerPosition {
                let domain: Pseudonymizer.Domain = i == personPosition ? .person : .volunteer
                cells.append(reader.withField(i) { pseudonymizer?.pseudonym(forBytes: ByteText.trimmed($0), in: domain) } ?? "")
            } else {
                cells.append(reader.field(i))
            }
        }
        let sink = MemorySink()
        var dialect = CSVDialect.standard
        dialect.delimiter = reader.delimiter
        dialect.lineEnding = []
        do {
            var writer = try CSVWriter(sink: sink, dialect: dialect, neutraliseFormulas: false)
            try writer.writeRow(cells)
            try writer.flush()
        } catch {
            return cells.joined(separator: String(UnicodeScalar(reader.delimiter)))
        }
        return String(decoding: sink.bytes, as: UTF8.self)
    }
}

/// The natural key of a volunteer task within one export (see `volunteer_tasks.ordinal`).
struct TaskIdentity: Hashable {
    let village: String
    let caseID: String?
    let volunteer: String
    let date: Int
    let task: TaskKind
    let hours: Double

    init(_ t: VolunteerTask) {
        village = t.village
        caseID = t.caseID
        volunteer = t.volunteerKey
        date = t.date.dayNumber
        task = t.task
        hours = t.hours
    }
}
