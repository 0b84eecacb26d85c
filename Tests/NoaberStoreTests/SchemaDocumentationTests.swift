import Foundation
import Testing
@testable import NoaberStore

/// docs/schema.md is the researchers' reference: every table, view and column must appear in it.
@Suite struct SchemaDocumentationTests {
    @Test func everyTableAndColumnIsDocumented() throws {
        let docs = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/schema.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        try withStore { store, _ in
            let objects = try rows(store.database, """
                SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'
                """).map { $0[0] }
            #expect(objects.count == 15)
            for object in objects {
                #expect(text.contains("`\(object)`"), "\(object) is not documented")
                for column in try rows(store.database, "SELECT name FROM pragma_table_info('\(object)')").map({ $0[0] }) {
                    #expect(text.contains("`\(column)`") || text.contains(" \(column),") || text.contains(" \(column)`"),
                            "\(object).\(column) is not documented")
                }
            }
        }
    }
}
