import CSQLite
import NoaberModel

/// The one error type of the store layer: what SQLite (or noaber's own store logic) refused,
/// with enough context to act on it.
///
/// `sql` is the statement *text* and never the bound values, because values may be private
/// (a pseudonym, a case's dates); `description` is therefore safe to print and log.
///
///     do { try db.execute("INSERT INTO villages VALUES ('X', 'x', 'm', 0)") }
///     catch { print(error) }   // SQLite error 275 (constraint failed): CHECK constraint failed: … in `INSERT …`
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// The SQLite extended result code, or one of the `StoreError.noaber…` codes (all negative)
    /// for failures that are noaber's own.
    public let code: Int32
    /// `sqlite3_errmsg` at the time of failure, or noaber's own message.
    public let message: String
    /// The statement text that failed, if any. Never contains bound values.
    public let sql: String?
    /// The database file, if known.
    public let path: String?

    public init(code: Int32, message: String, sql: String? = nil, path: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
        self.path = path
    }

    /// The store's `user_version` is newer than this build of noaber knows.
    public static let noaberSchemaTooNew: Int32 = -1
    /// The file is a SQLite database, but not a noaber store.
    public static let noaberNotAStore: Int32 = -2
    /// A stored value cannot be decoded (e.g. an unknown code or a malformed date written by
    /// another tool).
    public static let noaberInvalidStoredValue: Int32 = -3
    /// The API was used in a way it does not allow (e.g. a `Writer` used after its transaction).
    public static let noaberMisuse: Int32 = -4
    /// A read-only store needs a migration that only a read-write open can apply.
    public static let noaberNeedsMigration: Int32 = -5
    /// A row the call expected does not exist (e.g. `finishImport` for an unknown id).
    public static let noaberNotFound: Int32 = -6
    /// `SQLITE_CONSTRAINT_FOREIGNKEY` (787): the C macro is not imported into Swift.
    static let foreignKeyViolation: Int32 = 787

    /// The primary result code (the low byte of an extended code); negative for noaber codes.
    public var primaryCode: Int32 { code < 0 ? code : code & 0xFF }

    /// Another connection holds a lock that did not clear within the busy timeout.
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }
    /// The database cannot be written (opened read-only, or the file or directory is read-only).
    public var isReadOnly: Bool { primaryCode == SQLITE_READONLY }
    /// The file is damaged or is not a SQLite database at all (`SQLITE_NOTADB`).
    public var isCorrupt: Bool { primaryCode == SQLITE_CORRUPT || primaryCode == SQLITE_NOTADB }
    /// The disk (or the configured maximum size) is full.
    public var isFull: Bool { primaryCode == SQLITE_FULL }
    /// The operating system refused a read or write (`SQLITE_IOERR`): e.g. a file-size limit
    /// (`EFBIG`, which SQLite reports as an I/O error, not as full), a failing disk, a vanished mount.
    public var isIOError: Bool { primaryCode == SQLITE_IOERR }
    /// The file or a file beside it (`-wal`, `-shm`) could not be opened (`SQLITE_CANTOPEN`).
    public var isCannotOpen: Bool { primaryCode == SQLITE_CANTOPEN }
    /// A constraint (CHECK, UNIQUE, NOT NULL, FOREIGN KEY) refused the change.
    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }

    /// What a person can do about this failure, in plain words; nil when the message alone says it
    /// (constraint violations, noaber's own codes, which carry their own advice).
    ///
    /// Every case ends with the reassurance that matters most: a failed write leaves the store as
    /// it was, because every write is one transaction.
    public var advice: Localized? {
        let store = path ?? "de store"
        let storeEN = path ?? "the store"
        if isBusy {
            return Localized(
                nl: "de store \(store) is bezet: een ander noaber-proces (of een R/Python-sessie) schrijft erin. Wacht tot dat klaar is en probeer het opnieuw; er is niets veranderd.",
                en: "the store \(storeEN) is busy: another noaber process (or an R/Python session) is writing to it. Wait until it has finished and try again; nothing was changed.")
        }
        if isReadOnly {
            return Localized(
                nl: "de store \(store) kan niet worden beschreven (alleen-lezen bestand, map of schijf). Geef schrijfrechten op het bestand én de map (SQLite maakt er -wal en -shm naast), bijvoorbeeld chmod u+w, of werk op een kopie; de store is niet veranderd.",
                en: "the store \(storeEN) cannot be written (read-only file, folder or disk). Make the file and its folder writable (SQLite creates -wal and -shm beside it), e.g. chmod u+w, or work on a copy; the store was not changed.")
        }
        if isFull || isIOError {
            return Localized(
                nl: "schrijven naar de store \(store) mislukte (schijf vol, bestandsgroottelimiet of schijffout). Maak ruimte vrij of zet de store op een andere schijf en probeer het opnieuw; de store is niet veranderd.",
                en: "writing to the store \(storeEN) failed (disk full, file-size limit or disk error). Free space or move the store to another disk and try again; the store was not changed.")
        }
        if isCorrupt {
            return Localized(
                nl: "\(store) is beschadigd of geen SQLite-bestand. noaber schrijft er niet in; zet een back-up terug (noaber doctor --db \(store) laat zien wat er mis is).",
                en: "\(storeEN) is damaged or not a SQLite file. noaber does not write to it; restore a backup (noaber doctor --db \(storeEN) shows what is wrong).")
        }
        if isCannotOpen {
            return Localized(
                nl: "de store \(store) of een bestand ernaast (-wal, -shm) kan niet worden geopend. Controleer dat de map bestaat en schrijfbaar is.",
                en: "the store \(storeEN) or a file beside it (-wal, -shm) cannot be opened. Check that the folder exists and is writable.")
        }
        return nil
    }

    /// What went wrong, for people, in both languages: the plain advice where there is one, else
    /// a short "fout in de store" / "store error", each followed by SQLite's own code and message
    /// (never the bound values). The CLI shows the one of the run's language, so a Dutch sentence
    /// never ends in English advice.
    public var explanation: Localized {
        let technical = code < 0 ? message : "SQLite \(code): \(message)"
        if let advice { return Localized(nl: advice.nl + " (" + technical + ")", en: advice.en + " (" + technical + ")") }
        let prefix = path.map { "\($0): " } ?? ""
        if code < 0 { return Localized(nl: prefix + message, en: prefix + message) }
        let statement = sql.map { " in `\(Self.oneLine($0))`" } ?? ""
        return Localized(nl: prefix + "fout in de store: " + technical + statement,
                         en: prefix + "store error: " + technical + statement)
    }

    public var description: String {
        var text: String
        if code < 0 {
            text = "noaber store error \(code): \(message)"
        } else {
            text = "SQLite error \(code) (\(String(cString: sqlite3_errstr(code)))): \(message)"
        }
        if let sql { text += " in `\(Self.oneLine(sql))`" }
        if let path { text += " (database \(path))" }
        if let advice { text += ". " + advice.en }
        return text
    }

    /// The statement on one line and at most 100 characters: enough to recognise it in a message
    /// without a screenful of column lists.
    static func oneLine(_ sql: String) -> String {
        let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        let joined = words.joined(separator: " ")
        return joined.count <= 100 ? joined : String(joined.prefix(99)) + "…"
    }
}
