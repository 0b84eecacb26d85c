import NoaberModel
import NoaberStore

/// One file's import from its header on: what the steps after the header share (the file, its
/// column plan, the caller's options, how the file was read, what the import row records) and
/// the two reports they start from.
///
/// Settled once, before anything is written, so every step reads the same village, scope and
/// export kind, and a report of a re-import and of a new import are built in one place each.
struct FileImport {
    let path: String
    let plan: ColumnPlan
    let options: ImportOptions
    let format: Importer.SourceFormat
    /// The village recorded as the import's provenance: `--village`, else the profile's; nil for
    /// a file whose rows name their villages.
    let village: String?
    /// Cases and tasks: rows of villages with an ondersteuner, with identifiers to pseudonymise,
    /// read on their own thread. Villages and outcome files are small and read on one thread.
    let holdsRecords: Bool
    let idScope: IdentityScope
    let exportKind: ExportKind

    init(path: String, plan: ColumnPlan, options: ImportOptions, format: Importer.SourceFormat) {
        self.path = path
        self.plan = plan
        self.options = options
        self.format = format
        village = options.village ?? plan.profile.village
        holdsRecords = plan.kind == .cases || plan.kind == .tasks
        idScope = options.effectiveIDScope
        exportKind = options.effectiveExportKind
    }

    /// The report a new import starts from; the transaction fills in its id, hash and counts. The
    /// columns the plan ignores are named at once, so a person sees what was left out.
    func newReport(asOf: (date: CivilDate, source: String)) -> ImportReport {
        var report = ImportReport(
            file: path, importID: nil, status: .completed, kind: plan.kind, village: village, profile: plan.profile.name,
            asOf: asOf.date.iso, asOfSource: asOf.source, encoding: format.encoding, delimiter: format.delimiter,
            sha256: "", rowsRead: 0, accepted: 0, rejected: 0, inserted: 0, updated: 0, unchangedRows: 0, keptNewer: 0,
            warnings: [], firstRejections: [], previousImportID: nil, idScope: idScope, exportKind: exportKind)
        report.sheet = format.sheet
        report.headerRow = format.headerRow
        if !plan.ignoredColumns.isEmpty {
            let list = plan.ignoredColumns.map { "'\($0)'" }.joined(separator: ", ")
            report.warnings.append(options.language == .nl
                ? "kolommen genegeerd (inhoud niet opgeslagen): \(list)"
                : "columns ignored (contents not stored): \(list)")
        }
        return report
    }

    /// The report of a file whose content was imported before (`ReimportCheck`): nothing read or
    /// stored, and the as-of date, scope and export kind are the earlier import's, since that is
    /// the import whose data the store holds.
    func unchangedReport(since earlier: ReimportCheck.Earlier) -> ImportReport {
        let previous = earlier.record
        var report = ImportReport(file: path, importID: nil, status: .unchanged, kind: plan.kind, village: village,
                                  profile: plan.profile.name, asOf: previous.asOf.iso, asOfSource: "previous_import",
                                  encoding: format.encoding, delimiter: format.delimiter, sha256: earlier.sha256,
                                  rowsRead: 0, accepted: 0, rejected: 0, inserted: 0, updated: 0, unchangedRows: 0, keptNewer: 0,
                                  warnings: [], firstRejections: [], previousImportID: previous.id,
                                  idScope: previous.idScope, exportKind: previous.exportKind)
        report.sheet = format.sheet
        report.headerRow = format.headerRow
        return report
    }
}
