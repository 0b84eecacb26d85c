import NoaberModel
import NoaberStore

/// Imports village exports into a store: one file is one transaction, so an import either
/// happens completely or not at all (also when the process is killed halfway).
///
/// A file goes through a few named steps. `importFile` refuses what cannot be read and opens the
/// file as a CSV file (`importCSV`) or a workbook (`importWorkbook`), whose header decides the
/// column plan (and stops at a column that looks like a direct identifier). `importRows` then
/// does the same for both: where the rows may go (`rowContext`), what the import needs before it
/// starts (`prerequisites`), whether the same content was imported before (`ReimportCheck`,
/// then nothing changes), and the rows in one transaction (`writeRows`): every row validated as
/// a whole and either stored (cases upserted by `case_id`, identifiers pseudonymised) or kept as
/// a rejected row with its line, field and reason, and the import accounted for before it commits.
public final class Importer {
    let store: NoaberStore
    /// Made on first need, so that importing villages needs no key.
    private let keyPath: String
    /// Read by the reading thread's validators (`makeProducer`); set once, by `prerequisites`.
    private(set) var pseudonymizer: Pseudonymizer?
    /// Called with (bytes read, file size) while a file is read; the CLI shows progress with it.
    public var progress: ((Int, Int) -> Void)?

    /// How many rejections the report lists in full; all of them are stored.
    static let reportedRejections = 10

    public init(store: NoaberStore, keyPath: String) {
        self.store = store
        self.keyPath = keyPath
    }

    public func importFile(_ path: String, options: ImportOptions) throws(ImportError) -> ImportReport {
        // A drafted profile whose "?" a person has not filled in yet reads nothing (docs/profiles.md).
        if let profile = options.profile, !profile.unresolved.isEmpty {
            throw .unresolvedProfile(file: path, profile: profile.file ?? profile.name, entries: profile.unresolved)
        }
        // Only a regular file of bounded size is read (a pipe or /dev/zero never ends): refused
        // here from stat(2), before anything opens it (`InputFile`).
        try InputFile.check(path, limit: options.maxFileBytes)
        if try WorkbookImport.isWorkbook(path) { return try importWorkbook(path, options: options) }
        return try importCSV(path, options: options)
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

    /// Everything after the header, the same for a CSV file and a workbook's sheet: where the rows
    /// may go, what the import needs before it starts, the no-op check, and the rows in one
    /// transaction. A file that was imported before returns its `unchanged` report from the first
    /// of the `ReimportCheck` moments that finds the earlier import.
    func importRows<Source: RowSource>(_ reader: Source, path: String, plan: ColumnPlan, options: ImportOptions,
                                       format: SourceFormat, size: Int, hasher: FileHasher) throws(ImportError) -> ImportReport {
        let file = FileImport(path: path, plan: plan, options: options, format: format)
        let context = try rowContext(for: file)
        // The as-of date (and the key), or why the import cannot start: thrown only after the
        // no-op check, which may find an identical earlier import first.
        let ready = Result { () throws(ImportError) in try prerequisites(for: file) }
        let reimport = ReimportCheck(store: store, hasher: hasher, file: file)
        if let earlier = try reimport.beforeStarting(canStart: (try? ready.get()) != nil) {
            return file.unchangedReport(since: earlier)
        }
        switch try writeRows(reader, of: file, asOf: ready.get(), context: context, size: size, reimport: reimport) {
        case .finished(let report): return report
        case .importedBefore(let earlier): return file.unchangedReport(since: earlier)
        }
    }

    /// Where the rows may go: the store's villages, and refusals for a file that has nowhere to go
    /// (no villages yet, `--village` unknown or a comparison area, no village column and none
    /// given). They are checked before the no-op check, so they refuse an identical file too.
    ///
    /// Cases and tasks belong to villages with an ondersteuner; comparison areas hold only outcome
    /// series (`Village.isComparisonArea`), so a case row naming one is refused, and they are kept
    /// aside only to say why.
    private func rowContext(for file: FileImport) throws(ImportError) -> RowContext {
        let (path, plan, options) = (file.path, file.plan, file.options)
        let stored: [Village]
        do { stored = try store.villages() } catch { throw .store(file: path, error) }
        let villages = file.holdsRecords ? stored.filter { !$0.isComparisonArea } : stored
        let comparisonAreas = file.holdsRecords ? stored.filter(\.isComparisonArea) : []
        if plan.kind != .villages {
            guard !stored.isEmpty else { throw .noVillages(file: path) }
            if let v = options.village, comparisonAreas.contains(where: { $0.code == v }) { throw .comparisonArea(file: path, village: v) }
            if let v = options.village, !villages.contains(where: { $0.code == v }) { throw .unknownVillage(file: path, village: v) }
            if plan.position(of: "village") == nil, options.village == nil, plan.profile.village == nil {
                throw .missingColumns(file: path, columns: ["village (of --village)"])
            }
        }
        var context = RowContext(plan: plan, villages: VillageResolver(villages: villages, profileLabels: plan.profile.values["village"]),
                                 fixedVillage: options.village)
        if !comparisonAreas.isEmpty {
            context.comparisonAreas = VillageResolver(villages: comparisonAreas, profileLabels: plan.profile.values["village"])
        }
        return context
    }

    /// What the transaction needs before it can start: the export's as-of date and, for cases and
    /// tasks, the pseudonymisation key (found or made once per importer).
    private func prerequisites(for file: FileImport) throws(ImportError) -> (date: CivilDate, source: String) {
        guard let asOf = AsOfDate.resolve(option: file.options.asOf, path: file.path) else { throw .missingAsOf(file: file.path) }
        // One day of slack for time zones: `now` is UTC, an export date is the village's own.
        if let today = CivilDate(iso: String(file.options.now.prefix(10))), asOf.date.dayNumber > today.dayNumber + 1 {
            throw .asOfInFuture(file: file.path, asOf: asOf.date, source: asOf.source, today: today)
        }
        if file.holdsRecords, pseudonymizer == nil {
            pseudonymizer = try KeyCustody.pseudonymizer(store: store, keyPath: keyPath)
        }
        return asOf
    }

    /// Provenance keeps the file's name, never its folder: a folder can name a person
    /// (`/home/j.jansen/…`), and the record should not change with where a file happened to sit.
    static func baseName(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    }
}
