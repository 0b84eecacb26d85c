import Foundation
import Testing
@testable import NoaberCLI

/// docs/metrics.md is where a reader learns what a figure means: every metric name that
/// `noaber metrics all` prints, in every grouping, must be defined there (a category metric such
/// as `theme:loneliness` by its prefix, `theme:<code>`).
@Suite(.serialized) struct MetricsDocumentationTests {
    @Test func everyPrintedMetricIsDefinedInDocsMetrics() throws {
        let docs = try String(contentsOf: EndToEnd.packageRoot.appendingPathComponent("docs/metrics.md"), encoding: .utf8)
        let store = MetricsCommandTests.demo
        var names = Set<String>()
        for arguments in [["--period", "2024", "--every", "quarter"], ["--period", "2024", "--by", "municipality"],
                          ["--period", "2023-01-01..2025-03-31", "--by", "all", "--no-suppression"]] {
            let (code, out, err) = MetricsCommandTests.run(["metrics", "all", "--db", store, "--format", "json"] + arguments)
            #expect(code == .success, "\(err)")
            let rows = try JSONDecoder().decode([MetricsCommandTests.Row].self, from: Data(out.utf8))
            names.formUnion(rows.map(\.metric))
        }
        #expect(names.count > 60)
        for name in names.sorted() {
            if let colon = name.firstIndex(of: ":") {
                let prefix = String(name[...colon])
                #expect(docs.contains("`" + prefix), "docs/metrics.md does not define \(prefix)<…> (printed: \(name))")
            } else {
                #expect(docs.contains("`" + name + "`"), "docs/metrics.md does not define \(name)")
            }
        }
    }
}
