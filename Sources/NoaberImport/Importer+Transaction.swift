import NoaberCSV
import NoaberModel
import NoaberStore
import NoaberXLSX

extension Importer {
    /// How a file's transaction ended.
    enum TransactionOutcome {
        /// Committed, or under `--dry-run` checked, counted and rolled back: the report says which.
        case finished(ImportReport)
        /// Rolled back, nothing stored: the same content was imported before (`ReimportCheck`).
        case importedBefore(ReimportCheck.Earlier)
    }

    /// The rows of one file in one transaction, so an import happens completely or not at all
    /// (also when the process is killed): the import row is inserted (its hash filled in when
    /// known), the rows are read and stored, the no-op check is made as soon as the hash is there,
    /// the import is accounted for (`account`), and the transaction commits.
    ///
    /// `bulkWrite` commits when its body returns and rolls back when it throws, so the two
    /// endings that store nothing on purpose (a dry run, an earlier import of the same content)
    /// are thrown as `Rollback` and turned into an outcome here, and nowhere else. Everything else
    /// thrown is an error, and leaves as an `ImportError`.
    func writeRows<Source: RowSource>(_ reader: Source, of file: FileImport, asOf: (date: CivilDate, source: String),
                                      context: RowContext, size: Int, reimport: ReimportCheck) throws(ImportError) -> TransactionOutcome {
        var report = file.newReport(asOf: asOf)
        var reimport = reimport
        let (path, plan, language) = (file.path, file.plan, file.options.language)
        do {
            try store.bulkWrite { writer in
                // The hash is filled in before the commit (`setImportSHA256`), when it is known.
                let id = try writer.insertImport(fileName: Self.baseName(path), sha256: "", kind: plan.kind, village: file.village,
                                                 profile: plan.profile.name, asOf: asOf.date,
                                                 encoding: file.format.isWorkbook ? nil : file.format.encoding,
                                                 delimiter: file.format.isWorkbook ? nil : file.format.delimiter,
                                                 importedAt: file.options.now, sheet: file.format.sheet, idScope: file.idScope,
                                                 exportKind: file.exportKind)
                report.importID = id
                var rows = RowSink(writer: writer, importID: id, asOf: asOf.date, language: language)
                try readRows(reader, of: file, context: context, size: size, into: &rows) {
                    if let earlier = try reimport.afterBatch() { throw Rollback.importedBefore(earlier) }
                }
                // The reading thread has exited (`runPipeline` waits for it): what the source
                // skipped (a workbook's empty and totals rows) can be read now.
                report.warnings += reader.warnings(language)
                report.skippedRows = reader.skippedRows
                if rows.receivedAfterAsOf > 0, let latest = rows.latestReceived {
                    let n = rows.receivedAfterAsOf
                    let undo = file.options.dryRun ? "" : " noaber imports --undo \(id);"
                    report.warnings.append(Localized(
                        nl: "\(n) \(n == 1 ? "hulpvraag is" : "hulpvragen zijn") ontvangen na de exportdatum \(asOf.date.iso) (de laatste op \(latest.iso)); klopt de exportdatum? Zo niet:\(undo) importeer opnieuw met de juiste --as-of.",
                        en: "\(n) \(n == 1 ? "case was" : "cases were") received after the export date \(asOf.date.iso) (the latest on \(latest.iso)); is the export date right? If not:\(undo) import again with the right --as-of.").text(language))
                }
                let (sha256, earlier) = try reimport.beforeCommit()
                if let earlier { throw Rollback.importedBefore(earlier) }
                try writer.setImportSHA256(id: id, sha256: sha256)
                report.sha256 = sha256
                try account(for: file, rows: &rows, report: &report, importID: id, writer: writer)
                if file.options.dryRun { throw Rollback.dryRun }
            }
        } catch let rollback as Rollback {
            switch rollback {
            case .dryRun:
                report.status = .dryRun
                report.importID = nil
                return .finished(report)
            case .importedBefore(let earlier):
                return .importedBefore(earlier)
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
        return .finished(report)
    }

    /// The last step before the commit. The counts must add up (rows read = accepted + rejected;
    /// anything else is a bug, and stores nothing); a case or task file records which villages it
    /// listed, since its as-of date covers exactly those, and is refused for a village whose
    /// earlier imports of this kind declared the other identity scope; `--strict` refuses any
    /// rejected row; and the import row gets its counts.
    private func account(for file: FileImport, rows: inout RowSink, report: inout ImportReport, importID id: Int64,
                         writer: NoaberStore.Writer) throws {
        rows.fill(&report)
        guard report.rowsRead == report.accepted + report.rejected else {
            throw ImportError.internalInconsistency(
                file: file.path, problem: "rows read \(report.rowsRead) ≠ accepted \(report.accepted) + rejected \(report.rejected)")
        }
        if file.holdsRecords {
            for (village, count) in rows.listedVillages(including: file.village).sorted(by: { $0.key < $1.key }) {
                if let other = try writer.identityScopes(village: village, kind: file.plan.kind, excludingImport: id)
                    .first(where: { $0 != file.idScope }) {
                    throw ImportError.identityScopeConflict(file: file.path, village: village, kind: file.plan.kind, stored: other,
                                                            requested: file.idScope)
                }
                try writer.recordImportVillage(importID: id, village: village, rows: count)
            }
        }
        if file.options.strict, report.rejected > 0, let first = rows.firstRejection {
            throw ImportError.rejectedInStrictMode(file: file.path, rejected: report.rejected, firstLine: first.line,
                                                   firstReason: first.reason)
        }
        try writer.finishImport(id: id, rowsRead: report.rowsRead, accepted: report.accepted, rejected: report.rejected,
                                inserted: report.inserted, updated: report.updated)
    }
}

/// The two endings of an import's transaction that store nothing on purpose; thrown only to make
/// `bulkWrite` roll back, and caught by `Importer.writeRows`.
private enum Rollback: Error {
    /// `--dry-run`: everything was checked and counted.
    case dryRun
    /// The same content was imported before.
    case importedBefore(ReimportCheck.Earlier)
}
