import CSQLite
import NoaberModel

/// A read-only look at a store file for `noaber doctor`: it opens without migrating (a doctor
/// run must never change, repair or "fix" a file) and answers typed questions, so every SQL the
/// checks need lives here, in the layer that owns the schema.
///
///     let d = try StoreDiagnostics(path: "noaber.sqlite")
///     if try d.identity().applicationID != StoreDiagnostics.applicationID { … }
///     let problems = try d.integrityProblems()          // [] when PRAGMA integrity_check says ok
///
/// Questions that need a table of a later schema version (`import_villages` since version 4)
/// return nil on an older store rather than throwing.
public final class StoreDiagnostics {
    /// `PRAGMA application_id` of a noaber store ("NOAB").
    public static let applicationID = Int64(Schema.applicationID)

    private let database: Database

    /// Opens the file read-only; does not migrate and does not check that it is a noaber store
    /// (ask `identity()`).
    public init(path: String) throws(StoreError) {
        database = try Database(path: path, mode: .readOnly)
    }

    /// The file's application id and schema version.
    public func identity() throws(StoreError) -> (applicationID: Int64, schemaVersion: Int) {
        (try database.scalarInt("PRAGMA application_id"), try database.userVersion())
    }

    /// `PRAGMA integrity_check`'s lines when it finds problems; empty when it says `ok`.
    /// - Complexity: reads the whole file.
    public func integrityProblems() throws(StoreError) -> [String] {
        let lines = try database.integrityCheck()
        return lines == ["ok"] ? [] : lines
    }

    /// Rows that refer to a parent that does not exist (`PRAGMA foreign_key_check`), per table.
    public func danglingReferences() throws(StoreError) -> [String: Int] {
        var result: [String: Int] = [:]
        for row in try texts("PRAGMA foreign_key_check", columns: 1) { result[row[0], default: 0] += 1 }
        return result
    }

    /// Cases with a date not of the exact form `yyyy-mm-dd(Thh:mm)`, and cases with a mask bit
    /// that no code has (values schema version 3's cheap range checks let through when another
    /// tool writes them). nil before schema version 3 (no mask columns yet).
    /// - Complexity: one pass over `cases`.
    public func malformedStoredValues() throws(StoreError) -> (dates: Int, masks: Int)? {
        guard try identity().schemaVersion >= 3 else { return nil }
        let s = try database.prepare(Self.malformedValuesSQL)
        guard try s.step() else { return (0, 0) }
        return (Int(s.int64(at: 0) ?? 0), Int(s.int64(at: 1) ?? 0))
    }

    /// Calls `body` with the table, village and case id of every stored case id (cases, then
    /// tasks that name a case).
    /// - Complexity: one pass over `cases` and one over `volunteer_tasks`.
    public func forEachCaseID(_ body: (_ table: String, _ village: String, _ caseID: String) throws -> Void) throws {
        let cases = try database.prepare("SELECT village, case_id FROM cases")
        while try cases.step() { try body("cases", cases.text(at: 0) ?? "", cases.text(at: 1) ?? "") }
        let tasks = try database.prepare("SELECT village, case_id FROM volunteer_tasks WHERE case_id IS NOT NULL")
        while try tasks.step() { try body("volunteer_tasks", tasks.text(at: 0) ?? "", tasks.text(at: 1) ?? "") }
    }

    /// The fingerprint of the pseudonymisation key the store was made with (nil before the first
    /// import that needed one).
    public func keyFingerprint() throws(StoreError) -> String? {
        try texts("SELECT value FROM meta WHERE key = 'key_fingerprint'").first?.first
    }

    /// Imports whose counts do not add up (`rows_read ≠ accepted + rejected`).
    public func unbalancedImports() throws(StoreError) -> Int {
        Int(try database.scalarInt("SELECT count(*) FROM imports WHERE rows_read <> accepted + rejected"))
    }

    /// Rejected rows waiting for a correction, and the number of imports they belong to.
    public func rejectedRows() throws(StoreError) -> (rows: Int, imports: Int) {
        (Int(try database.scalarInt("SELECT count(*) FROM rejected_rows")),
         Int(try database.scalarInt("SELECT count(DISTINCT import_id) FROM rejected_rows")))
    }

    /// Villages without inhabitants 75+, paid hours or cost, by code.
    public func villagesWithoutFacts() throws(StoreError) -> [String] {
        let comparison = try comparisonAreas()
        return try texts("""
            SELECT village FROM villages
            WHERE inhabitants_75plus IS NULL OR paid_hours_per_week IS NULL OR cost_per_year_eur IS NULL ORDER BY village
            """).map { $0[0] }.filter { !comparison.contains($0) }
    }

    /// The comparison areas (schema version 5, `villages.comparison_area`): areas without an
    /// ondersteuner, of which no funding facts and no exports are expected. Empty before version 5.
    public func comparisonAreas() throws(StoreError) -> Set<String> {
        guard try identity().schemaVersion >= 5 else { return [] }
        return Set(try texts("SELECT village FROM villages WHERE comparison_area = 1").map { $0[0] })
    }

    /// Every village (comparison areas left out) with the as-of date of its newest case export
    /// (nil: none yet), by code. An
    /// export imported without `--village` records no village on the import, so the cases' own
    /// as-of dates count too.
    public func latestCaseExports() throws(StoreError) -> [(village: String, asOf: CivilDate?)] {
        let comparison = try comparisonAreas()
        return try texts("""
            SELECT v.village,
                   max(coalesce((SELECT max(as_of) FROM imports i WHERE i.village = v.village AND i.kind = 'cases'), ''),
                       coalesce((SELECT max(as_of) FROM cases c WHERE c.village = v.village), ''))
            FROM villages v ORDER BY v.village
            """, columns: 2).filter { !comparison.contains($0[0]) }.map { ($0[0], CivilDate(iso: $0[1])) }
    }

    /// Cases that a newer full export of their village no longer listed, grouped by the import
    /// that left them out (the first full export after the date the case was last listed); nil
    /// before schema version 4 (no `import_villages`, no export kinds).
    public func vanishedCases() throws(StoreError) -> [VanishedCases]? {
        guard try identity().schemaVersion >= 4 else { return nil }
        let fulls = try texts("""
            SELECT v.village, i.import_id, i.file_name, i.as_of FROM import_villages v JOIN imports i ON i.import_id = v.import_id
            WHERE i.kind = 'cases' AND i.export_kind = 'full' ORDER BY v.village, i.as_of, i.import_id
            """, columns: 4)
        let groups = try texts("SELECT village, as_of, count(*), sum(closed IS NULL) FROM cases GROUP BY village, as_of",
                               columns: 4)
        let fullsByVillage = Dictionary(grouping: fulls, by: { $0[0] })
        var byImport: [Int64: VanishedCases] = [:]
        for g in groups {
            guard let next = fullsByVillage[g[0]]?.first(where: { $0[3] > g[1] }), let id = Int64(next[1]),
                  let asOf = CivilDate(iso: next[3]) else { continue }
            var entry = byImport[id] ?? VanishedCases(village: g[0], importID: id, fileName: next[2], asOf: asOf, cases: 0, open: 0)
            entry.cases += Int(g[2]) ?? 0
            entry.open += Int(g[3]) ?? 0
            byImport[id] = entry
        }
        return byImport.values.sorted { ($0.village, $0.importID) < ($1.village, $1.importID) }
    }

    private func texts(_ sql: String, columns: Int32 = 1) throws(StoreError) -> [[String]] {
        let statement = try database.prepare(sql)
        var rows: [[String]] = []
        while try statement.step() {
            rows.append((0..<columns).map { statement.text(at: $0) ?? "" })
        }
        return rows
    }

    /// Counts cases with a malformed date and cases with a mask bit that is not in `codes`
    /// (`[0-9]` is one digit; written out, as SQL text here is never assembled from values).
    static let malformedValuesSQL = """
        SELECT coalesce(sum(NOT (((length(received) = 10 AND received GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]') OR (length(received) = 16 AND received GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]'))
                             AND (first_contact IS NULL OR ((length(first_contact) = 10 AND first_contact GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]') OR (length(first_contact) = 16 AND first_contact GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]')))
                             AND (closed IS NULL OR ((length(closed) = 10 AND closed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]') OR (length(closed) = 16 AND closed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]')))
                             AND length(as_of) = 10 AND as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')), 0),
               coalesce(sum(typeof(themes_mask) <> 'integer' OR typeof(referred_to_mask) <> 'integer'
                            OR typeof(risks_mask) <> 'integer' OR typeof(escalated_to_mask) <> 'integer'
                            OR themes_mask < 0 OR referred_to_mask < 0 OR risks_mask < 0 OR escalated_to_mask < 0
                            OR themes_mask & ~(SELECT coalesce(sum(mask), 0) FROM codes WHERE vocabulary = 'theme') <> 0
                            OR referred_to_mask & ~(SELECT coalesce(sum(mask), 0) FROM codes WHERE vocabulary = 'referral') <> 0
                            OR risks_mask & ~(SELECT coalesce(sum(mask), 0) FROM codes WHERE vocabulary = 'risk') <> 0
                            OR escalated_to_mask & ~(SELECT coalesce(sum(mask), 0) FROM codes WHERE vocabulary = 'risk') <> 0), 0)
        FROM cases
        """
}

/// Cases of one village that one full export no longer listed.
public struct VanishedCases: Sendable, Hashable {
    public var village: String
    /// The import that left them out, its file and as-of date.
    public var importID: Int64
    public var fileName: String
    public var asOf: CivilDate
    public var cases: Int
    /// Of which still open when last listed.
    public var open: Int
}

extension NoaberStore {
    /// `PRAGMA quick_check`: empty when the file is sound, else its first problems. SQLite only
    /// notices a damaged page when it reads it, so writers check before they write.
    /// - Complexity: reads the whole file (about a second per few hundred MB).
    public func quickCheckProblems() throws(StoreError) -> [String] {
        let statement = try database.prepare("PRAGMA quick_check")
        var lines: [String] = []
        while try statement.step() { lines.append(statement.text(at: 0) ?? "") }
        return lines == ["ok"] ? [] : lines
    }
}

extension StoreError {
    /// A store that failed a structural check (`PRAGMA quick_check`): reported as SQLite's
    /// "corrupt" (`isCorrupt` is true), with the check's own lines as the message.
    public static func corrupt(_ problems: [String], path: String?) -> StoreError {
        StoreError(code: SQLITE_CORRUPT, message: "PRAGMA quick_check: " + problems.prefix(3).joined(separator: "; "), path: path)
    }
}
