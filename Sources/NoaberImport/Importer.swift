import NoaberCSV
import NoaberModel
import NoaberStore

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
        let scan = try FileScan.scan(path: path)
        let encoding: TextEncoding
        switch options.profile?.encoding {
        case "utf-8"?: encoding = .utf8
        case "windows-1252"?: encoding = .windows1252
        default: encoding = scan.hasByteOrderMark || scan.isValidUTF8 ? .utf8 : .windows1252
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, options: .init(delimiter: options.profile?.delimiter, encoding: encoding))
        } catch {
            throw Self.importError(error)
        }
        guard try next(reader) else { throw .emptyFile(file: path) }
        let plan = try ColumnPlan.make(header: reader.fields(), file: path, profile: options.profile, kind: options.kind)
        let villages: [Village]
        do { villages = try store.villages() } catch { throw .store(file: path, message: error.description) }
        if plan.kind != .villages {
            guard !villages.isEmpty else { throw .noVillages(file: path) }
            if let v = options.village, !villages.contains(where: { $0.code == v }) { throw .unknownVillage(file: path, village: v) }
            if plan.position(of: "village") == nil, options.village == nil, plan.profile.village == nil {
                throw .missingColumns(file: path, columns: ["village (of --village)"])
            }
        }
        let provenanceVillage = options.village ?? plan.profile.village
        if let previous = try previousImport(sha256: scan.sha256, kind: plan.kind, village: provenanceVillage, file: path) {
            return ImportReport(file: path, importID: nil, status: .unchanged, kind: plan.kind, village: provenanceVillage,
                                profile: plan.profile.name, asOf: previous.asOf.iso, asOfSource: "previous_import",
                                encoding: encoding.rawValue, delimiter: Self.name(of: reader.delimiter), sha256: scan.sha256,
                                rowsRead: 0, accepted: 0, rejected: 0, inserted: 0, updated: 0, unchangedRows: 0, keptNewer: 0,
                                warnings: [], firstRejections: [], previousImportID: previous.id)
        }
        guard let asOf = AsOfDate.resolve(option: options.asOf, path: path) else { throw .missingAsOf(file: path) }
        if plan.kind != .villages, pseudonymizer == nil {
            pseudonymizer = try KeyCustody.pseudonymizer(store: store, keyPath: keyPath)
        }
        var report = ImportReport(
            file: path, importID: nil, status: .completed, kind: plan.kind, village: provenanceVillage, profile: plan.profile.name,
            asOf: asOf.date.iso, asOfSource: asOf.source, encoding: encoding.rawValue, delimiter: Self.name(of: reader.delimiter),
            sha256: scan.sha256, rowsRead: 0, accepted: 0, rejected: 0, inserted: 0, updated: 0, unchangedRows: 0, keptNewer: 0,
            warnings: [], firstRejections: [], previousImportID: nil)
        if !plan.ignoredColumns.isEmpty {
            let list = plan.ignoredColumns.map { "'\($0)'" }.joined(separator: ", ")
            report.warnings.append(options.language == .nl
                ? "kolommen genegeerd (inhoud niet opgeslagen): \(list)"
                : "columns ignored (contents not stored): \(list)")
        }
        let context = RowContext(plan: plan, villages: VillageResolver(villages: villages, profileLabels: plan.profile.values["village"]),
                                 fixedVillage: options.village)
        do {
            try store.write { writer in
                let id = try writer.insertImport(fileName: Self.baseName(path), sha256: scan.sha256, kind: plan.kind, village: provenanceVillage,
                                                 profile: plan.profile.name, asOf: asOf.date, encoding: encoding.rawValue,
                                                 delimiter: Self.name(of: reader.delimiter), importedAt: options.now)
                report.importID = id
                var rows = RowSink(writer: writer, importID: id, asOf: asOf.date, reader: reader, plan: plan,
                                   language: options.language, pseudonymizer: pseudonymizer)
                switch plan.kind {
                case .cases: try importCases(reader, context: context, sink: &rows, size: scan.size)
                case .tasks: try importTasks(reader, context: context, sink: &rows, size: scan.size)
                case .villages: try importVillages(reader, context: context, sink: &rows, size: scan.size)
                }
                rows.fill(&report)
                guard report.rowsRead == report.accepted + report.rejected else {
                    throw ImportAbort.accountingMismatch
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
            case .accountingMismatch:
                throw .store(file: path, message: "rows read \(report.rowsRead) ≠ accepted \(report.accepted) + rejected \(report.rejected)")
            }
        } catch let error as ImportError {
            throw error
        } catch let error as CSVError {
            throw Self.importError(error)
        } catch {
            throw .store(file: path, message: String(describing: error))
        }
        report.status = report.rejected > 0 ? .completedWithRejections : .completed
        return report
    }

    private func importCases(_ reader: CSVReader, context: RowContext, sink: inout RowSink, size: Int) throws {
        let p = pseudonymizer
        let validator = CaseRowValidator(context: context) { p?.pseudonym(forBytes: $0, in: .person) }
        var seen: [String: Int] = [:]
        while try next(reader) {
            switch validator.validate(reader) {
            case .success(let record):
                let key = record.village + "\u{1F}" + record.caseID
                if let earlier = seen[key] {
                    try sink.reject(RowRejection(field: "case_id", reason: Localized(
                        nl: "case_id komt al voor op regel \(earlier) van dit bestand",
                        en: "case_id already appears on line \(earlier) of this file")))
                } else {
                    seen[key] = reader.line
                    try sink.accept(case: record)
                }
            case .failure(let rejection):
                try sink.reject(rejection)
            }
            reportProgress(reader, size)
        }
    }

    private func importTasks(_ reader: CSVReader, context: RowContext, sink: inout RowSink, size: Int) throws {
        let p = pseudonymizer
        let validator = TaskRowValidator(context: context) { p?.pseudonym(forBytes: $0, in: .volunteer) }
        while try next(reader) {
            switch validator.validate(reader) {
            case .success(let task): try sink.accept(task: task)
            case .failure(let rejection): try sink.reject(rejection)
            }
            reportProgress(reader, size)
        }
    }

    private func importVillages(_ reader: CSVReader, context: RowContext, sink: inout RowSink, size: Int) throws {
        let validator = VillageRowValidator(context: context)
        var seen: Set<String> = []
        while try next(reader) {
            switch validator.validate(reader) {
            case .success(let village):
                if seen.insert(village.code).inserted {
                    try sink.accept(village: village)
                } else {
                    try sink.reject(RowRejection(field: "village", reason: Localized(
                        nl: "dorpscode \(village.code) komt twee keer voor", en: "village code \(village.code) appears twice")))
                }
            case .failure(let rejection):
                try sink.reject(rejection)
            }
        }
    }

    private func reportProgress(_ reader: CSVReader, _ size: Int) {
        guard let progress, reader.line & 0x3FFF == 0 else { return }
        progress(reader.bytesRead, size)
    }

    private func next(_ reader: CSVReader) throws(ImportError) -> Bool {
        do { return try reader.next() } catch { throw Self.importError(error) }
    }

    private func previousImport(sha256: String, kind: RecordKind, village: String?, file: String) throws(ImportError) -> ImportRecord? {
        do { return try store.completedImport(sha256: sha256, kind: kind, village: village) } catch {
            throw .store(file: file, message: error.description)
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
        }
        return .malformedCSV(file: error.file, line: error.line, field: error.field, problem: problem)
    }
}

/// Why a write transaction is rolled back on purpose.
enum ImportAbort: Error {
    case dryRun
    case strict(rejected: Int, line: Int, reason: Localized)
    case accountingMismatch
}
