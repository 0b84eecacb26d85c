import NoaberModel
import NoaberStore

/// The no-op rule, in one place: a file whose content was imported before (the same SHA-256,
/// kind and village, and for a workbook the same sheet) changes nothing; its import stores
/// nothing and reports `unchanged` with the earlier import (`FileImport.unchangedReport`).
///
/// The hash is computed beside the import (`FileHasher`, docs/design/import-pipeline.md), so the
/// answer is not there when the import starts. The importer asks at three moments:
///
/// - `beforeStarting(canStart:)`, before the transaction, waiting for the hash: for a villages
///   or outcome file (small, so the wait costs nothing, and a no-op takes no write lock), and for
///   a case or task file that cannot start (no as-of date, no key). An identical earlier import
///   then wins over that error, as when the hash was checked before anything else.
/// - `afterBatch()`, inside the transaction, after each batch a case or task file writes, once
///   the hash is there: a large re-import stops early and leaves nothing.
/// - `beforeCommit()`, at the latest, waiting for the hash, which the import also stores as its
///   provenance.
///
/// Inside the transaction the store is asked once: the transaction holds the write lock, so no
/// other import of the same content can commit between the answer and the commit. The answer
/// before the transaction is not kept, because one could.
struct ReimportCheck {
    /// The earlier import of the same content, and the hash that found it.
    struct Earlier: Sendable {
        let record: ImportRecord
        let sha256: String
    }

    private let store: NoaberStore
    private let hasher: FileHasher
    private let file: String
    private let kind: RecordKind
    private let village: String?
    private let sheet: String?
    /// Whether the store was asked inside the transaction (see the type's discussion).
    private var askedInTransaction = false

    init(store: NoaberStore, hasher: FileHasher, file: FileImport) {
        self.store = store
        self.hasher = hasher
        self.file = file.path
        kind = file.plan.kind
        village = file.village
        sheet = file.format.sheet
    }

    /// Before the transaction: the earlier import, asked only for a small file or for an import
    /// that cannot start (`canStart` false); nil otherwise.
    func beforeStarting(canStart: Bool) throws(ImportError) -> Earlier? {
        let isSmall = kind == .villages || kind == .outcomes
        guard isSmall || !canStart else { return nil }
        return try earlierImport(sha256: hasher.sha256())
    }

    /// After a batch inside the transaction: the earlier import, if the hash is known and the
    /// store was not asked yet; never waits.
    mutating func afterBatch() throws(ImportError) -> Earlier? {
        guard !askedInTransaction, let sha256 = hasher.finishedSHA256() else { return nil }
        askedInTransaction = true
        return try earlierImport(sha256: sha256)
    }

    /// Before the commit: waits for the hash and returns it, with the earlier import if the store
    /// was not asked yet and knows one.
    mutating func beforeCommit() throws(ImportError) -> (sha256: String, earlier: Earlier?) {
        let sha256 = try hasher.sha256()
        guard !askedInTransaction else { return (sha256, nil) }
        askedInTransaction = true
        return (sha256, try earlierImport(sha256: sha256))
    }

    /// The latest completed import of this content, kind and village, when it read the same sheet.
    private func earlierImport(sha256: String) throws(ImportError) -> Earlier? {
        let record: ImportRecord?
        do { record = try store.completedImport(sha256: sha256, kind: kind, village: village) } catch { throw .store(file: file, error) }
        guard let record, record.sheet == sheet else { return nil }
        return Earlier(record: record, sha256: sha256)
    }
}
