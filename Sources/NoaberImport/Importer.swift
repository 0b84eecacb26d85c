import NoaberCSV
import NoaberModel
import NoaberStore
import NoaberXLSX

/// Imports village exports into a store: one file is one transaction, so an import either
/// happens completely or not at all (also when the process is killed halfway).
///
/// For each file: one streaming pass computes its SHA-256 and detects its encoding; a file whose
/// content was imported before is a no-op; the header decides the column plan (and stops at a
/// column that looks like a direct identifier); then every row is validated as a whole and either
/// stored (cases upserted by `case_id`, identifiers pseudonymised) or kept as a rejected row with
/// its line, field and reason.
public final class Importer {
    let store: NoaberStore
    /// Made on first need, so that importing villages needs no key.
    private let keyPath: String
    private var pseudonymizer: Pseudonymizer?
    /// Called with (bytes read, file size) while a file is read; the CLI shows progress with it.
    public var progress: ((Int, Int) -> Void)?

    /// How many rejections the report lists in full; all of them are stored.
    static let reportedRejections = 10

    public init(store: NoaberStore, keyPath: String) {
        self.store = store
        self.keyPath = keyPath
    }

    public func importFile(_ path: String, options: ImportOptions) throws(ImportError) -> ImportReport {
        // Only a regular file of bounded size is read (a pipe or /dev/zero never ends): refused
        // here from stat(2), before anything opens it (`InputFile`).
        try InputFile.check(path, limit: options.maxFileBytes)
        if try WorkbookImport.isWorkbook(path) { return try importWorkbook(path, options: options) }
        let scan = try FileScan.scan(path: path, limit: options.maxFileBytes)
        // The hash runs beside the import (see `FileHasher`); every path waits for it, so no
        // thread reads the file after this returns.
        let hasher = FileHasher(path: path, limit: options.maxFileBytes)
        defer { _ = try? hasher.sha256() }
        let encoding: TextEncoding
        switch options.profile?.encoding {
        case "utf-8"?: encoding = .utf8
        case "windows-1252"?: encoding = .windows1252
        default: encoding = scan.hasByteOrderMark || scan.isValidUTF8 ? .utf8 : .windows1252
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, options: .init(delimiter: options.profile?.delimiter, encoding: encoding,
                                                              maxInputBytes: options.maxFileBytes))
        } catch {
            throw Self.importError(error)
        }
        guard try Self.next(reader) else { throw .emptyFile(file: path) }
        let plan = try ColumnPlan.make(header: reader.fields(), file: path, profile: options.profile, kind: options.kind)
        let format = SourceFormat(encoding: encoding.rawValue, delimiter: Self.name(of: reader.delimiter), rawDelimiter: reader.delimiter)
        return try importRows(reader, path: path, plan: plan, options: options, format: format, size: scan.size, hasher: hasher)
    }

    /// How a file was read, for the report and the provenance: a CSV's encoding and delimiter, or
    /// a workbook's sheet and header row.
    struct SourceFormat {
        var encoding: String
        var delimiter: String
        /// What separates cells in a rejected row's raw text.
        var rawDelimiter: UInt8
        var sheet: String? = nil
        var headerRow: Int? = nil
        /// The source's own name of a canonical field's column (a workbook's header and letter),
        /// stored with a rejected row as `source_field`.
        var sourceField: @Sendable (String?) -> String? = { _ in nil }
        var isWorkbook: Bool { sheet != nil }
    }

    /// Everything after the header: the same for a CSV file and a workbook's sheet.
    func importRows<Source: RowSource>(_ reader: Source, path: String, plan: ColumnPlan, options: ImportOptions,
                                       format: SourceFormat, size: Int, hasher: FileHasher) throws(ImportError) -> ImportReport {
        let stored: [Village]
        do { stored = try store.villages() } catch { throw .store(file: path, error) }
        // Cases and tasks belong to villages with an ondersteuner; comparison areas hold only
        // outcome series (`Village.isComparisonArea`), so a case row naming one is refused.
        let holdsRecords = plan.kind == .cases || plan.kind == .tasks
        let villages = holdsRecords ? stored.filter { !$0.isComparisonArea } : stored
        let comparisonAreas = holdsRecords ? stored.filter(\.isComparisonArea) : []
        if plan.kind != .villages {
            guard !stored.isEmpty else { throw .noVillages(file: path) }
            if let v = options.village, comparisonAreas.contains(where: { $0.code == v }) { throw .comparisonArea(file: path, village: v) }
            if let v = options.village, !villages.contains(where: { $0.code == v }) { throw .unknownVillage(file: path, village: v) }
            if plan.position(of: "village") == nil, options.village == nil, plan.profile.village == nil {
                throw .missingColumns(file: path, columns: ["village (of --village)"])
            }
        }
        let provenanceVillage = options.village ?? plan.profile.village
        let scope = options.effectiveIDScope
        let exportKind = options.effectiveExportKind
        func unchanged(_ previous: ImportRecord, sha256: String) -> ImportReport {
            var report = ImportReport(file: path, importID: nil, status: .unchanged, kind: plan.kind, village: provenanceVillage,
                                      profile: plan.profile.name, asOf: previous.asOf.iso, asOfSource: "previous_import",
                                      encoding: format.encoding, delimiter: format.delimiter, sha256: sha256,
                                      rowsRead: 0, accepted: 0, rejected: 0, inserted: 0, updated: 0, unchangedRows: 0, keptNewer: 0,
                                      warnings: [], firstRejections: [], previousImportID: previous.id,
                                      idScope: previous.idScope, exportKind: previous.exportKind)
            report.sheet = format.sheet
            report.headerRow = format.headerRow
            return report
        }
        /// The earlier import of the same content (and, for a workbook, the same sheet), waiting
        /// for the hash: the no-op check.
        func previous() throws(ImportError) -> (ImportRecord?, String) {
            let sha256 = try hasher.sha256()
            let earlier = try previousImport(sha256: sha256, kind: plan.kind, village: provenanceVillage, file: path)
            return (earlier?.sheet == format.sheet ? earlier : nil, sha256)
        }
        // Villages and outcome files are small: check before anything else, as always. Case and
        // task files start at once and check inside the transaction when the hash is ready
        // (below); an error that would stop the import first still yields to an identical
        // earlier import.
        if !holdsRecords, case let (earlier?, sha256) = try previous() { return unchanged(earlier, sha256: sha256) }
        guard let asOf = AsOfDate.resolve(option: options.asOf, path: path) else {
            if case let (earlier?, sha256) = try previous() { return unchanged(earlier, sha256: sha256) }
            throw .missingAsOf(file: path)
        }
        if holdsRecords, pseudonymizer == nil {
            do {
                pseudonymizer = try KeyCustody.pseudonymizer(store: store, keyPath: keyPath)
            } catch {
                if case let (earlier?, sha256) = try previous() { return unchanged(earlier, sha256: sha256) }
                throw error
            }
        }
        var report = ImportReport(
            file: path, importID: nil, status: .completed, kind: plan.kind, village: provenanceVillage, profile: plan.profile.name,
            asOf: asOf.date.iso, asOfSource: asOf.source, encoding: format.encoding, delimiter: format.delimiter,
            sha256: "", rowsRead: 0, accepted: 0, rejected: 0, inserted: 0, updated: 0, unchangedRows: 0, keptNewer: 0,
            warnings: [], firstRejections: [], previousImportID: nil, idScope: scope, exportKind: exportKind)
        report.sheet = format.sheet
        report.headerRow = format.headerRow
        if !plan.ignoredColumns.isEmpty {
            let list = plan.ignoredColumns.map { "'\($0)'" }.joined(separator: ", ")
            report.warnings.append(options.language == .nl
                ? "kolommen genegeerd (inhoud niet opgeslagen): \(list)"
                : "columns ignored (contents not stored): \(list)")
        }
        var context = RowContext(plan: plan, villages: VillageResolver(villages: villages, profileLabels: plan.profile.values["village"]),
                                 fixedVillage: options.village)
        if !comparisonAreas.isEmpty {
            context.comparisonAreas = VillageResolver(villages: comparisonAreas, profileLabels: plan.profile.values["village"])
        }
        do {
            try store.bulkWrite { writer in
                // The hash is filled in before the commit (`setImportSHA256`), when it is known.
                let id = try writer.insertImport(fileName: Self.baseName(path), sha256: "", kind: plan.kind, village: provenanceVillage,
                                                 profile: plan.profile.name, asOf: asOf.date,
                                                 encoding: format.isWorkbook ? nil : format.encoding,
                                                 delimiter: format.isWorkbook ? nil : format.delimiter, importedAt: options.now,
                                                 sheet: format.sheet, idScope: scope, exportKind: exportKind)
                report.importID = id
                var rows = RowSink(writer: writer, importID: id, asOf: asOf.date, language: options.language)
                var hashChecked = false
                /// Stops (rolling everything back) when the file was imported before: first as soon
                /// as the hash is there, finally before the commit.
                func checkPrevious(_ sha256: String) throws {
                    guard !hashChecked else { return }
                    hashChecked = true
                    if let earlier = try store.completedImport(sha256: sha256, kind: plan.kind, village: provenanceVillage),
                       earlier.sheet == format.sheet {
                        throw ImportAbort.unchanged(earlier, sha256: sha256)
                    }
                }
                switch plan.kind {
                case .cases, .tasks:
                    let produce = makeProducer(reader, kind: plan.kind, context: context, format: format, language: options.language)
                    try runPipeline(capacity: Self.queuedBatches, produce: produce) { batch in
                        for item in batch.items { try rows.consume(item) }
                        try rows.write(cases: batch.cases)
                        if let sha256 = hasher.finishedSHA256() { try checkPrevious(sha256) }
                        reportProgress(batch.bytesRead, size)
                    }
                case .villages:
                    try importVillages(reader, context: context, format: format, language: options.language, sink: &rows)
                case .outcomes:
                    try importOutcomes(reader, path: path, context: context, format: format, language: options.language, sink: &rows)
                }
                // The reading thread has exited (`runPipeline` waits for it): what the source
                // skipped (a workbook's empty and totals rows) can be read now.
                report.warnings += reader.warnings(options.language)
                report.skippedRows = reader.skippedRows
                let sha256 = try hasher.sha256()
                try checkPrevious(sha256)
                try writer.setImportSHA256(id: id, sha256: sha256)
                report.sha256 = sha256
                rows.fill(&report)
                guard report.rowsRead == report.accepted + report.rejected else {
                    throw ImportAbort.accountingMismatch
                }
                if holdsRecords {
                    // Which villages the file listed (its as-of date covers exactly these), each
                    // refused when its earlier imports of this kind declared the other scope.
                    for (village, count) in rows.listedVillages(including: provenanceVillage).sorted(by: { $0.key < $1.key }) {
                        if let other = try writer.identityScopes(village: village, kind: plan.kind, excludingImport: id)
                            .first(where: { $0 != scope }) {
                            throw ImportAbort.scopeConflict(village: village, stored: other)
                        }
                        try writer.recordImportVillage(importID: id, village: village, rows: count)
                    }
                }
                if options.strict, report.rejected > 0, let first = rows.firstRejection {
                    throw ImportAbort.strict(rejected: report.rejected, line: first.line, reason: first.reason)
                }
                try writer.finishImport(id: id, rowsRead: report.rowsRead, accepted: report.accepted, rejected: report.rejected,
                                        inserted: report.inserted, updated: report.updated)
                if options.dryRun { throw ImportAbort.dryRun }
            }
        } catch let abort as ImportAbort {
            switch abort {
            case .dryRun:
                report.status = .dryRun
                report.importID = nil
                return report
            case .strict(let rejected, let line, let reason):
                throw .rejectedInStrictMode(file: path, rejected: rejected, firstLine: line, firstReason: reason)
            case .unchanged(let earlier, let sha256):
                return unchanged(earlier, sha256: sha256)
            case .scopeConflict(let village, let stored):
                throw .identityScopeConflict(file: path, village: village, kind: plan.kind, stored: stored, requested: scope)
            case .accountingMismatch:
                throw .internalInconsistency(file: path, problem: "rows read \(report.rowsRead) ≠ accepted \(report.accepted) + rejected \(report.rejected)")
            }
        } catch let error as ImportError {
            throw error
        } catch let error as CSVError {
            throw Self.importError(error)
        } catch let error as XLSXError {
            throw Self.importError(error)
        } catch let error as StoreError {
            throw .store(file: path, error)
        } catch {
            throw .internalInconsistency(file: path, problem: String(describing: error))
        }
        report.status = report.rejected > 0 ? .completedWithRejections : .completed
        return report
    }

    /// Rows per batch handed from the reading thread to the writing thread: large enough that the
    /// hand-off costs nothing per row, small enough that the queue holds a few MB at most.
    static let batchSize = 2_048
    /// Batches that may wait between the threads (see `BatchQueue`).
    static let queuedBatches = 3

    /// The reading half of a case or task import, run on its own thread by `runPipeline`: reads
    /// each record, validates and pseudonymises it, detects in-file duplicates and task ordinals
    /// (in an `ImportScratch`, so memory stays flat) and hands batches of verdicts to the writer.
    ///
    /// The closure takes over `reader`; it captures no part of `self` (only `Sendable` values).
    private func makeProducer<Source: RowSource>(_ reader: Source, kind: RecordKind, context: RowContext, format: SourceFormat,
                                                 language: Language) -> (_ put: (ImportBatch) -> Bool) throws -> Void {
        let p = pseudonymizer
        let plan = context.plan
        // Repeated ids are looked up instead of hashed again (see `PseudonymCache`).
        let people = p.map { PseudonymCache($0, domain: .person) }
        let volunteers = p.map { PseudonymCache($0, domain: .volunteer) }
        // Only under `case_id_is_personal`: case ids become pseudonyms (see `CaseIDRule`).
        let caseIDs = p.flatMap { plan.profile.caseIDIsPersonal ? PseudonymCache($0, domain: .caseID) : nil }
        var caseIDPseudonym: (@Sendable (UnsafeBufferPointer<UInt8>) -> String?)?
        if let caseIDs { caseIDPseudonym = { caseIDs.pseudonym(forBytes: $0) } }
        let caseValidator = CaseRowValidator(context: context, caseIDs: caseIDPseudonym) { people?.pseudonym(forBytes: $0) }
        let taskValidator = TaskRowValidator(context: context, caseIDs: caseIDPseudonym) { volunteers?.pseudonym(forBytes: $0) }
        return { put in
            let scratch = try ImportScratch()
            var batch = ImportBatch()
            batch.items.reserveCapacity(Self.batchSize)
            batch.cases.reserveCapacity(Self.batchSize)
            let delimiter = format.rawDelimiter
            let sourceField = format.sourceField
            func reject(_ line: Int, _ field: String?, _ reason: Localized) {
                let text = RejectedRowText.make(reader, delimiter: delimiter, plan: plan, language: language) { field, bytes in
                    kind == .cases ? caseValidator.rawCell(field, bytes) : taskValidator.rawCell(field, bytes)
                }
                batch.items.append(.rejected(line: line, field: field, reason: reason, raw: text.raw,
                                             sourceField: sourceField(field) ?? plan.sourceName(of: field), blanked: text.blanked))
            }
            while try reader.nextRow() {
                let line = reader.line
                if kind == .cases {
                    switch caseValidator.validate(reader) {
                    case .success(let record):
                        if let earlier = try scratch.earlierLine(village: record.village, caseID: record.caseID, line: line) {
                            reject(line, "case_id", Localized(
                                nl: "case_id komt al voor op regel \(earlier) van dit bestand",
                                en: "case_id already appears on line \(earlier) of this file"))
                        } else {
                            batch.items.append(.acceptedCase)
                            batch.cases.append(record)
                        }
                    case .failure(let rejection):
                        reject(line, rejection.field, rejection.reason)
                    }
                } else {
                    switch taskValidator.validate(reader) {
                    case .success(let task):
                        let ordinal = try scratch.ordinal(village: task.village, caseID: task.caseID, volunteer: task.volunteerKey,
                                                          day: task.date.dayNumber, task: task.task.rawValue, hours: task.hours)
                        batch.items.append(.acceptedTask(task, ordinal: ordinal))
                    case .failure(let rejection):
                        reject(line, rejection.field, rejection.reason)
                    }
                }
                if batch.items.count >= Self.batchSize {
                    batch.bytesRead = reader.bytesRead
                    guard put(batch) else { return }
                    batch = ImportBatch()
                    batch.items.reserveCapacity(Self.batchSize)
                    batch.cases.reserveCapacity(Self.batchSize)
                }
            }
            if !batch.items.isEmpty {
                batch.bytesRead = reader.bytesRead
                _ = put(batch)
            }
        }
    }

    /// Villages files are small (one row per village), so they are read and written on one thread.
    private func importVillages<Source: RowSource>(_ reader: Source, context: RowContext, format: SourceFormat, language: Language,
                                                   sink: inout RowSink) throws {
        let validator = VillageRowValidator(context: context)
        var seen: Set<String> = []
        func reject(_ rejection: RowRejection) throws {
            let text = RejectedRowText.make(reader, delimiter: format.rawDelimiter, plan: context.plan, language: language,
                                            cell: validator.rawCell)
            try sink.reject(line: reader.line, field: rejection.field, reason: rejection.reason, raw: text.raw,
                            sourceField: format.sourceField(rejection.field) ?? context.plan.sourceName(of: rejection.field),
                            blanked: text.blanked)
        }
        while try reader.nextRow() {
            switch validator.validate(reader) {
            case .success(let village):
                if village.isComparisonArea, try sink.writer.villageHasRecords(village.code) {
                    try reject(RowRejection(field: "comparison_area", reason: Localized(
                        nl: "dorp \(village.code) heeft al hulpvragen of vrijwilligerstaken in de store en kan geen vergelijkingsgebied zijn",
                        en: "village \(village.code) already has cases or volunteer tasks in the store and cannot be a comparison area")))
                } else if seen.insert(village.code).inserted {
                    try sink.accept(village: village)
                } else {
                    try reject(RowRejection(field: "village", reason: Localized(
                        nl: "dorpscode \(village.code) komt twee keer voor", en: "village code \(village.code) appears twice")))
                }
            case .failure(let rejection):
                try reject(rejection)
            }
        }
    }

    /// Outcome files are small (one row per area, measure and period), so they are read and
    /// written on one thread. Rows that fail their own checks are rejected as in any file; a file
    /// that breaks `OutcomeRules` (a repeated area-measure-period, a population under 50) is
    /// refused whole: the thrown error rolls the transaction back.
    private func importOutcomes<Source: RowSource>(_ reader: Source, path: String, context: RowContext, format: SourceFormat,
                                                   language: Language, sink: inout RowSink) throws {
        let validator = OutcomeRowValidator(context: context)
        /// The line of each (area, measure, period) accepted so far.
        var seen: [String: Int] = [:]
        while try reader.nextRow() {
            switch validator.validate(reader) {
            case .success(let outcome):
                let line = reader.line
                if outcome.population < OutcomeRules.minimumPopulation {
                    throw ImportError.notAggregated(file: path, problem: Localized(
                        nl: "regel \(line): populatie \(outcome.population) is kleiner dan \(OutcomeRules.minimumPopulation); een aantal onder zo weinig mensen zegt iets over personen",
                        en: "line \(line): population \(outcome.population) is below \(OutcomeRules.minimumPopulation); a count among so few people says something about individuals"))
                }
                let key = outcome.village + "\u{1F}" + outcome.measure + "\u{1F}" + outcome.period.label
                if let earlier = seen[key] {
                    throw ImportError.notAggregated(file: path, problem: Localized(
                        nl: "regel \(line) herhaalt gebied \(outcome.village), maat \(outcome.measure) en periode \(outcome.period.label) van regel \(earlier); een uitkomstreeks heeft één rij per gebied, maat en periode (rijen per persoon of per gebeurtenis worden niet opgeteld)",
                        en: "line \(line) repeats area \(outcome.village), measure \(outcome.measure) and period \(outcome.period.label) of line \(earlier); an outcome series has one row per area, measure and period (rows per person or per event are not summed)"))
                }
                seen[key] = line
                try sink.accept(outcome: outcome)
            case .failure(let rejection):
                let text = RejectedRowText.make(reader, delimiter: format.rawDelimiter, plan: context.plan, language: language,
                                                cell: validator.rawCell)
                try sink.reject(line: reader.line, field: rejection.field, reason: rejection.reason, raw: text.raw,
                                sourceField: format.sourceField(rejection.field) ?? context.plan.sourceName(of: rejection.field),
                                blanked: text.blanked)
            }
        }
    }

    /// Called on the importing thread once per batch, never from the reading thread.
    private func reportProgress(_ bytesRead: Int, _ size: Int) {
        progress?(bytesRead, size)
    }

    private static func next(_ reader: CSVReader) throws(ImportError) -> Bool {
        do { return try reader.next() } catch { throw Self.importError(error) }
    }

    private func previousImport(sha256: String, kind: RecordKind, village: String?, file: String) throws(ImportError) -> ImportRecord? {
        do { return try store.completedImport(sha256: sha256, kind: kind, village: village) } catch {
            throw .store(file: file, error)
        }
    }

    /// Provenance keeps the file's name, never its folder: a folder can name a person
    /// (`/home/j.jansen/…`), and the record should not change with where a file happened to sit.
    static func baseName(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    }

    static func name(of delimiter: UInt8) -> String {
        delimiter == UInt8(ascii: "\t") ? "tab" : String(UnicodeScalar(delimiter))
    }

    public static func importError(_ error: CSVError) -> ImportError {
        let problem: Localized
        switch error.kind {
        case .unreadable(let reason):
            return .cannotRead(file: error.file, reason: reason)
        case .unterminatedQuote:
            problem = Localized(nl: "aanhalingsteken wordt nooit gesloten (vanaf deze regel tot het einde van het bestand)",
                                en: "quote is never closed (from this line to the end of the file)")
        case .textAfterClosingQuote:
            problem = Localized(nl: "tekst na een sluitend aanhalingsteken", en: "text after a closing quote")
        case .quoteInUnquotedField:
            problem = Localized(nl: "aanhalingsteken midden in een veld zonder aanhalingstekens", en: "quote inside an unquoted field")
        case .fieldTooLarge(let limit):
            problem = Localized(nl: "veld groter dan \(limit) bytes", en: "field larger than \(limit) bytes")
        case .tooManyFields(let limit):
            problem = Localized(nl: "meer dan \(limit) velden in één regel", en: "more than \(limit) fields in one record")
        case .nulByte:
            problem = Localized(nl: "NUL-byte: dit is geen tekstbestand (CSV)", en: "NUL byte: this is not a text (CSV) file")
        case .inputTooLarge(let limit):
            return .fileTooLarge(file: error.file, limit: limit)
        }
        return .malformedCSV(file: error.file, line: error.line, field: error.field, problem: problem)
    }
}

/// Why a write transaction is rolled back on purpose.
enum ImportAbort: Error {
    case dryRun
    case strict(rejected: Int, line: Int, reason: Localized)
    case accountingMismatch
    /// The same content was imported before (known once the hash is): nothing is stored.
    case unchanged(ImportRecord, sha256: String)
    /// A village's earlier imports of the same kind declared the other identity scope.
    case scopeConflict(village: String, stored: IdentityScope)
}
