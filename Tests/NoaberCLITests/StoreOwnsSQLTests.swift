import Foundation
import Testing

/// The store is the only owner of SQL (docs/architecture.md): no Swift file under `Sources/`
/// outside `Sources/NoaberStore/` holds a string literal that reads as the start of a SQL
/// statement. Code above the store asks it a typed question instead; researchers have the
/// documented schema (docs/schema.md) and the sqlite3 shell.
///
/// Literals are found by `PrivacyScanSQLAuditTests.literals(in:)` (plain, multi-line and raw
/// strings; comments skipped). Every statement start counts when written in capitals, anywhere in
/// a literal: that is how SQL is written here, and prose almost never is. The fixed phrases prose
/// hardly uses (`insert into`, `delete from`, `create table`, `pragma x`, …) count in any case at
/// the start of a literal too. `select … from`, `update … set` and the one-word statements do not,
/// because "Select the villages to report on, from …" is prose and "end" an SVG text anchor.
@Suite("The store owns SQL")
struct StoreOwnsSQLTests {
    /// A statement start: a regular expression that needs the words that make it SQL
    /// (`SELECT … FROM`, not `SELECT` alone), and whether it also counts in any case at the
    /// start of a literal.
    struct StatementStart {
        let pattern: String
        let anyCaseAtStart: Bool
    }

    static let statementStarts = [
        StatementStart(pattern: #"SELECT\b[^;]*?\bFROM\b"#, anyCaseAtStart: false),
        StatementStart(pattern: #"INSERT\s+(OR\s+[A-Z]+\s+)?INTO\b"#, anyCaseAtStart: true),
        StatementStart(pattern: #"REPLACE\s+INTO\b"#, anyCaseAtStart: true),
        StatementStart(pattern: #"UPDATE\s+(OR\s+[A-Z]+\s+)?[A-Za-z_"][^;]*?\bSET\b"#, anyCaseAtStart: false),
        StatementStart(pattern: #"DELETE\s+FROM\b"#, anyCaseAtStart: true),
        StatementStart(pattern: #"CREATE\s+(UNIQUE\s+|TEMP\s+|TEMPORARY\s+|VIRTUAL\s+)?(TABLE|INDEX|VIEW|TRIGGER)\b"#,
                       anyCaseAtStart: true),
        StatementStart(pattern: #"DROP\s+(TABLE|INDEX|VIEW|TRIGGER)\b"#, anyCaseAtStart: true),
        StatementStart(pattern: #"ALTER\s+TABLE\b"#, anyCaseAtStart: true),
        StatementStart(pattern: #"PRAGMA\s+[A-Za-z_]\w*"#, anyCaseAtStart: true),
        StatementStart(pattern: #"BEGIN(\s+(DEFERRED|IMMEDIATE|EXCLUSIVE))?(\s+TRANSACTION)?\s*(;|$)"#, anyCaseAtStart: false),
        StatementStart(pattern: #"(COMMIT|END)(\s+TRANSACTION)?\s*(;|$)"#, anyCaseAtStart: false),
        StatementStart(pattern: #"ROLLBACK(\s+TRANSACTION)?(\s+TO\b|\s*(;|$))"#, anyCaseAtStart: false),
        StatementStart(pattern: #"(SAVEPOINT|RELEASE)\s+[A-Za-z_]\w*"#, anyCaseAtStart: false),
        StatementStart(pattern: #"ATTACH\s+(DATABASE\s+)?\S"#, anyCaseAtStart: true),
        StatementStart(pattern: #"DETACH\s+(DATABASE\s+)?[A-Za-z_]\w*"#, anyCaseAtStart: false),
        StatementStart(pattern: #"VACUUM\b"#, anyCaseAtStart: false),
        StatementStart(pattern: #"WITH\s+(RECURSIVE\s+)?[A-Za-z_]\w*(\s*\([^)]*\))?\s+AS\s*(NOT\s+)?(MATERIALIZED\s+)?\("#,
                       anyCaseAtStart: false),
    ]

    /// (file, first words of the literal) → why it may stay. Each entry must still be needed.
    static let allowed: [String: String] = [:]

    /// The statement starts in `text`: the words that matched, and which patterns matched.
    static func statementStarts(in text: String) -> (words: [String], patterns: [String]) {
        var words: [String] = []
        var patterns: [String] = []
        for start in statementStarts {
            if let range = text.range(of: #"\b"# + start.pattern, options: .regularExpression) {
                words.append(String(text[range]))
            } else if start.anyCaseAtStart, let range = text.range(of: #"(?i)^\s*"# + start.pattern, options: .regularExpression) {
                words.append(String(text[range]).trimmingCharacters(in: .whitespacesAndNewlines))
            } else {
                continue
            }
            patterns.append(start.pattern)
        }
        return (words, patterns)
    }

    /// "file:line: words" for every literal of `source` that holds a statement start, unless allowed.
    static func findings(file: String, source: String) -> (findings: [String], allowed: Set<String>) {
        var findings: [String] = []
        var used: Set<String> = []
        for literal in PrivacyScanSQLAuditTests.literals(in: source) {
            guard let first = statementStarts(in: literal.text).words.first else { continue }
            let opening = literal.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if let key = allowed.keys.first(where: { $0.hasPrefix(file + "|") && opening.hasPrefix($0.dropFirst(file.count + 1)) }) {
                used.insert(key)
                continue
            }
            let shown = first.count > 60 ? first.prefix(60) + "…" : first
            findings.append("\(file):\(literal.line): \(shown.replacingOccurrences(of: "\n", with: " "))")
        }
        return (findings, used)
    }

    @Test func theScannerFindsEveryKindOfStatementAndLeavesProseAlone() {
        let planted = [
            #"let a = try db.prepare("SELECT village FROM cases WHERE case_id = ?1")"#,
            ##"let b = """\##n    insert into meta (key, value) VALUES (?1, ?2)\##n    """"##,
            #"let c = "REPLACE INTO meta VALUES ('a', 'b')""#,
            #"let d = "UPDATE cases SET closed = NULL""#,
            #"let e = "delete from rejected_rows""#,
            ##"let f = #"CREATE INDEX IF NOT EXISTS x ON cases (village)"#"##,
            #"let g = "DROP TABLE cases""#,
            #"let h = "alter table cases add column x""#,
            #"let i = "PRAGMA quick_check""#,
            #"let j = "BEGIN IMMEDIATE""#,
            #"let k = "COMMIT""#,
            #"let l = "ROLLBACK TO noaber""#,
            #"let m = "SAVEPOINT noaber""#,
            #"let n = "ATTACH DATABASE '\(path)' AS other""#,
            #"let o = "DETACH other""#,
            #"let p = "VACUUM INTO ?1""#,
            #"let q = "WITH recent AS (SELECT 1) SELECT * FROM recent""#,
            #"let r = "SELECT count(*) FROM cases WHERE village = \(code)""#,
        ]
        var patterns: Set<String> = []
        for line in planted {
            #expect(Self.findings(file: "Planted.swift", source: line).findings.count == 1, "\(line)")
            for literal in PrivacyScanSQLAuditTests.literals(in: line) {
                patterns.formUnion(Self.statementStarts(in: literal.text).patterns)
            }
        }
        // Every pattern is a valid expression that finds its statement.
        let all = Set(Self.statementStarts.map(\.pattern))
        #expect(patterns == all, "never matched: \(all.subtracting(patterns))")
        let lines = Self.findings(file: "Planted.swift", source: planted.joined(separator: "\n")).findings
        #expect(lines.count == planted.count, "\(lines)")
        #expect(lines.first == "Planted.swift:1: SELECT village FROM", "\(lines)")
        #expect(lines.contains("Planted.swift:2: insert into"), "\(lines)")

        let prose = ##"""
        let a = "Begin met 'noaber demo': dat importeert de meegeleverde datasets"
        let b = "Select the villages to report on, from the villages file."
        let c = "Commit to a period with --period; update the store with noaber import."
        let d = "Drop the column in the profile (\"drop\"), then delete the old file from disk."
        let e = "begin date of the period"
        let f = "with the help of (see docs)"
        let g = ["begin", "commit", "end", "select"]
        let h = "Alter the table below and insert it into the report."
        // "SELECT * FROM cases" in a comment is no literal
        """##
        #expect(Self.findings(file: "Prose.swift", source: prose).findings == [])
    }

    @Test func noSQLOutsideTheStore() throws {
        let sources = EndToEnd.packageRoot.appendingPathComponent("Sources")
        let walker = try #require(FileManager.default.enumerator(atPath: sources.path))
        var findings: [String] = []
        var used: Set<String> = []
        var files = 0, storeFiles = 0, storeStatements = 0
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let file = "Sources/" + relative
            let source = try String(contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)
            if relative.hasPrefix("NoaberStore/") {
                // The scanner must recognise the store's own SQL, or it could pass by seeing nothing.
                storeFiles += 1
                storeStatements += PrivacyScanSQLAuditTests.literals(in: source)
                    .filter { !Self.statementStarts(in: $0.text).words.isEmpty }.count
                continue
            }
            files += 1
            let result = Self.findings(file: file, source: source)
            findings += result.findings
            used.formUnion(result.allowed)
        }
        #expect(files > 100 && storeFiles > 20, "the scan saw the sources: \(files) outside the store, \(storeFiles) in it")
        #expect(storeStatements > 50, "the scanner recognises the store's own SQL: \(storeStatements) literals")
        #expect(findings.isEmpty,
                "SQL outside Sources/NoaberStore (ask the store a typed question instead):\n\(findings.joined(separator: "\n"))")
        #expect(used == Set(Self.allowed.keys), "allowed entries no longer needed: \(Set(Self.allowed.keys).subtracting(used).sorted())")
    }
}
