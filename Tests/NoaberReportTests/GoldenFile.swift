import Foundation
import Testing

/// Compares output with a file in `Golden/`, byte for byte.
///
/// With `NOABER_UPDATE_GOLDEN=1` the file is (re)written in the source tree instead, and the
/// test records an issue so that an update run is never mistaken for a passing run.
enum GoldenFile {
    static var sourceFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        if ProcessInfo.processInfo.environment["NOABER_UPDATE_GOLDEN"] == "1" {
            let url = sourceFolder.appendingPathComponent(name)
            try Data(actual.utf8).write(to: url)
            Issue.record("Golden file \(name) rewritten; rerun without NOABER_UPDATE_GOLDEN", sourceLocation: sourceLocation)
            return
        }
        let url = try #require(Bundle.module.url(forResource: parts[0], withExtension: parts.count > 1 ? parts[1] : nil,
                                                 subdirectory: "Golden"),
                               "Golden file \(name) missing: run with NOABER_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
        let expected = try String(decoding: Data(contentsOf: url), as: UTF8.self)
        guard expected != actual else { return }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var line = 0
        while line < min(expectedLines.count, actualLines.count), expectedLines[line] == actualLines[line] { line += 1 }
        let want = line < expectedLines.count ? String(expectedLines[line]) : "<end of file>"
        let got = line < actualLines.count ? String(actualLines[line]) : "<end of file>"
        Issue.record("""
            \(name) differs from the golden file at line \(line + 1):
              expected: \(want)
              actual:   \(got)
            If the change is intended, rerun with NOABER_UPDATE_GOLDEN=1, look at the SVG, and commit it.
            """, sourceLocation: sourceLocation)
    }
}
