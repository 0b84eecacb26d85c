import Foundation
import Testing

/// SQL is built with bound parameters only: no string literal in Sources/ that reads as SQL may
/// interpolate a value. Interpolations of identifiers and constants the code itself chooses are
/// whitelisted one by one below, each with the reason it cannot carry data.
@Suite("Privacy: SQL audit")
struct PrivacyScanSQLAuditTests {
    /// (file name, interpolated expression) → why it is safe.
    static let whitelist: [String: String] = [
        "Migrator.swift|applicationID": "an Int constant of the schema (PRAGMA application_id cannot be bound)",
        "Migrator.swift|migration.version": "an Int from the compiled-in migration list (PRAGMA user_version cannot be bound)",
        "Schema+Version3.swift|child.table": "a table name from the static list Schema.version2ChildTables",
        "Schema+Version3.swift|child.column": "a column name from the static list Schema.version2ChildTables",
        "Schema+Version3.swift|child.vocabulary": "a vocabulary name from the static list Schema.version2ChildTables",
        "NoaberStore+Reading.swift|filter.whereClause": "VillageFilter.whereClause: only \"?1, ?2, …\" placeholders; the codes are bound",
        "NoaberStore+Reading.swift|NoaberStore.importColumns": "a static column list",
        "WriterSQL.swift|WriterSQL.caseColumns": "a static column list",
        "ImportScratch.swift|Self.cacheKiB": "an Int constant: the scratch database's page cache (PRAGMA cache_size cannot be bound)",
    ]

    static let keywords = ["SELECT", "INSERT", "UPDATE", "DELETE", "WHERE", "PRAGMA", "CREATE", "DROP", "ALTER", "VALUES", "FROM", "JOIN", "ORDER BY"]

    /// Every string literal of a Swift source with the expressions interpolated into it.
    /// Handles `"…"`, `"""…"""`, raw strings `#"…"#` (interpolation `\#(…)`), nested literals
    /// inside interpolations, and skips `//` and `/* */` comments.
    static func literals(in source: String) -> [(text: String, interpolations: [String], line: Int)] {
        let c = Array(source.unicodeScalars)
        var result: [(String, [String], Int)] = []
        var i = 0
        var line = 1
        func at(_ k: Int) -> Unicode.Scalar? { k < c.count ? c[k] : nil }
        while i < c.count {
            if c[i] == "\n" { line += 1; i += 1; continue }
            if c[i] == "/", at(i + 1) == "/" { while i < c.count, c[i] != "\n" { i += 1 }; continue }
            if c[i] == "/", at(i + 1) == "*" {
                i += 2
                while i < c.count, !(c[i] == "*" && at(i + 1) == "/") { if c[i] == "\n" { line += 1 }; i += 1 }
                i += 2
                continue
            }
            var hashes = 0
            var j = i
            while at(j) == "#" { hashes += 1; j += 1 }
            guard at(j) == "\"" else { i += 1; continue }
            let multi = at(j + 1) == "\"" && at(j + 2) == "\""
            let startLine = line
            i = j + (multi ? 3 : 1)
            var text = ""
            var interpolations: [String] = []
            let close = String(repeating: "\"", count: multi ? 3 : 1) + String(repeating: "#", count: hashes)
            let closeScalars = Array(close.unicodeScalars)
            while i < c.count {
                if Array(c[i..<min(c.count, i + closeScalars.count)]) == closeScalars { i += closeScalars.count; break }
                if c[i] == "\\" {
                    var k = i + 1
                    var h = 0
                    while at(k) == "#", h < hashes { h += 1; k += 1 }
                    if h == hashes, at(k) == "(" {
                        // An interpolation: read to the matching parenthesis, skipping nested literals.
                        var depth = 1
                        var m = k + 1
                        var expression = ""
                        var inString = false
                        while m < c.count, depth > 0 {
                            let ch = c[m]
                            if inString {
                                if ch == "\\" { expression.unicodeScalars.append(ch); m += 1 } else if ch == "\"" { inString = false }
                            } else if ch == "\"" { inString = true } else if ch == "(" { depth += 1 } else if ch == ")" { depth -= 1 }
                            if depth > 0, m < c.count { expression.unicodeScalars.append(c[m]) }
                            m += 1
                        }
                        interpolations.append(expression.trimmingCharacters(in: .whitespaces))
                        text += "\u{FFFC}"
                        i = m
                        continue
                    }
                    text.unicodeScalars.append(c[i])
                    if i + 1 < c.count { text.unicodeScalars.append(c[i + 1]) }
                    i += 2
                    continue
                }
                if c[i] == "\n" { line += 1; if !multi { break } }
                text.unicodeScalars.append(c[i])
                i += 1
            }
            result.append((text, interpolations, startLine))
        }
        return result
    }

    static func looksLikeSQL(_ text: String) -> Bool {
        keywords.contains { k in text.range(of: "\\b\(k)\\b", options: .regularExpression) != nil }
    }

    /// Findings: "file:line: \(expr)" for every non-whitelisted interpolation into an SQL literal.
    static func findings(file: String, source: String) -> (findings: [String], whitelisted: Set<String>) {
        var findings: [String] = []
        var used: Set<String> = []
        for literal in literals(in: source) where !literal.interpolations.isEmpty && looksLikeSQL(literal.text) {
            for expression in literal.interpolations {
                let key = "\(file)|\(expression)"
                if whitelist[key] != nil { used.insert(key) } else { findings.append("\(file):\(literal.line): \\(\(expression)) in \"\(literal.text.prefix(80))\"") }
            }
        }
        return (findings, used)
    }

    @Test func theAuditorFindsInterpolatedValues() {
        let bad = ##"""
        let s = try db.prepare("SELECT * FROM cases WHERE village = '\(code)'")
        let t = """
            DELETE FROM imports WHERE import_id = \(id)
            """
        let ok = "Dorp \(name) heeft \(n) hulpvragen"   // not SQL
        // "SELECT \(commented)"
        let raw = #"UPDATE x SET y = \#(value)"#
        """##
        let found = Self.findings(file: "Fixture.swift", source: bad).findings
        #expect(found.count == 3, "\(found)")
        #expect(found.contains { $0.contains("\\(code)") } && found.contains { $0.contains("\\(id)") } && found.contains { $0.contains("\\(value)") })
        let nested = #"let s = "SELECT \(xs.map { "\($0)" }.joined()) FROM t""#
        #expect(Self.findings(file: "F.swift", source: nested).findings.count == 1)
    }

    @Test func sourcesBuildSQLWithBoundParametersOnly() throws {
        let sources = EndToEnd.packageRoot.appendingPathComponent("Sources")
        let walker = try #require(FileManager.default.enumerator(atPath: sources.path))
        var findings: [String] = []
        var used: Set<String> = []
        var files = 0, sqlLiterals = 0
        while let rel = walker.nextObject() as? String {
            guard rel.hasSuffix(".swift") else { continue }
            files += 1
            let source = try String(contentsOf: sources.appendingPathComponent(rel), encoding: .utf8)
            sqlLiterals += Self.literals(in: source).filter { Self.looksLikeSQL($0.text) }.count
            let result = Self.findings(file: URL(fileURLWithPath: rel).lastPathComponent, source: source)
            findings += result.findings.map { rel + " → " + $0 }
            used.formUnion(result.whitelisted)
        }
        print("SQL-AUDIT files=\(files) sql-literals=\(sqlLiterals) whitelisted-interpolations=\(used.count)")
        #expect(files > 100 && sqlLiterals > 20, "the audit saw the sources")
        #expect(findings.isEmpty, "SQL built from values:\n\(findings.joined(separator: "\n"))")
        #expect(used == Set(Self.whitelist.keys), "stale whitelist entries: \(Set(Self.whitelist.keys).subtracting(used))")
    }
}
