import Foundation
import Testing

/// `--out DIR` writes only inside DIR, whatever the villages are called: file names under DIR come
/// from fixed names or sanitised identifiers, never from data.
@Suite("Privacy: --out containment")
struct PrivacyScanContainmentTests {
    /// Every path under a folder, relative to it.
    static func tree(_ folder: URL) -> Set<String> {
        let base = folder.resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var paths: Set<String> = []
        while let next = walker.nextObject() as? String { paths.insert(next) }
        return paths
    }

    static let allowedName = #"^(report-(raadsbrief|lerend-netwerk|onderzoek)\.html|figures|tables|figures/[A-Za-z][A-Za-z0-9_-]*\.svg|tables/[A-Za-z][A-Za-z0-9_-]*\.csv)$"#

    /// The village pages: a folder per village named after its code with anything but letters,
    /// digits, '-' and '_' replaced (and a letter in front), holding its page, figures and tables.
    static let allowedPageName = #"^[A-Za-z][A-Za-z0-9_-]*(/(report-dorp-[A-Za-z][A-Za-z0-9_-]*\.html|figures|tables|figures/[A-Za-z][A-Za-z0-9_-]*\.svg|tables/[A-Za-z][A-Za-z0-9_-]*\.csv))?$"#

    static func badNames(in folder: URL, prefix: String = "", pages: Bool = false) -> [String] {
        tree(folder).filter { path in
            let rel = prefix.isEmpty ? path : (path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path)
            return rel.range(of: pages ? allowedPageName : allowedName, options: .regularExpression) == nil
        }.sorted()
    }

    @Test func reportDemoAndSynthWriteOnlyInsideOut() throws {
        let box = try Sandbox()
        let datasets = box.root.appendingPathComponent("input/datasets")
        try FileManager.default.createDirectory(at: datasets.appendingPathComponent("exports"), withIntermediateDirectories: true)
        // Codes that are paths are refused at import (the code must be letters, digits, - or _);
        // names that are paths are accepted, as names.
        let villages = MemoryCSV()
        villages.row(["village", "name", "municipality", "inhabitants", "inhabitants_75plus", "paid_hours_per_week", "cost_per_year_eur"])
        villages.row(["SAA", "../../etc/x", "/tmp/abs", "1500", "150", "8", "20000"])
        villages.row(["DOT-_", "..", "a/b\\c", "900", "90", "8", "20000"])
        villages.row(["--", "/tmp/abs", "\u{2400}nul%00", "800", "80", "8", "20000"])
        for code in ["../../etc/x", "/tmp/abs", "..", "a/b", "x\u{2400}y", "%00", "."] {
            villages.row([code, "n", "m", "100", "", "", ""])
        }
        try Data(villages.text.utf8).write(to: datasets.appendingPathComponent("villages.csv"))
        // One export per village: demo passes the manifest's village on as --village.
        var manifest = "file,kind,village,dialect,profile,as_of,rows,deliberate_errors\n"
        var caseFiles: [String] = []
        for (v, code) in ["SAA", "DOT-_", "--"].enumerated() {
            let cases = MemoryCSV()
            cases.row(["case_id", "village", "person_id", "received", "first_contact", "themes"])
            for i in 0..<15 {
                cases.row(["../c\(v)-\(i)", code, "p\(i % 7)", "2024-\(i % 12 + 1)-0\(i % 9 + 1)", "2024-\(i % 12 + 1)-1\(i % 9)", "loneliness"])
            }
            let name = "exports/cases-\(v)-2025-01-10.csv"
            try Data(cases.text.utf8).write(to: datasets.appendingPathComponent(name))
            manifest += "\(name),cases,\(code),canonical,,2025-01-10,15,0\n"
            caseFiles.append(name)
        }
        try Data(manifest.utf8).write(to: datasets.appendingPathComponent("exports/manifest.csv"))

        #expect(try box.run("villages", "import", datasets.appendingPathComponent("villages.csv").path).status == 0)
        let rejected = try box.run("rejected", "--format", "json").json([RejectedRowJSON].self)
        #expect(rejected.count == 7, "every path-like code is refused: \(rejected.map(\.raw))")
        for name in caseFiles {
            let run = try box.run("import", datasets.appendingPathComponent(name).path, "--as-of", "2025-01-10")
            #expect(run.status == 0, "\(run)")
        }

        let parent = box.work.appendingPathComponent("parent")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let before = Self.tree(box.root)
        let absBefore = FileManager.default.fileExists(atPath: "/tmp/abs")
        var outs: [String] = []
        for audience in ["raadsbrief", "lerend-netwerk", "onderzoek", "dorp"] {
            let out = "parent/out-\(audience)"
            outs.append("work/" + out)
            let run = try box.run("report", "--audience", audience, "--period", "2024", "--out", out, "--no-suppression", "--draws", "100")
            #expect(run.status == 0, "\(run)")
            let bad = Self.badNames(in: box.work.appendingPathComponent(out), pages: audience == "dorp")
            #expect(bad.isEmpty, "file names under --out come from fixed names: \(bad)")
        }
        let demo = try box.run("demo", "--datasets", datasets.path, "--out", "parent/demo", "--quiet")
        #expect(demo.status == 0, "\(demo)")
        outs.append("work/parent/demo")
        for audience in ["raadsbrief", "lerend-netwerk", "onderzoek", "dorp"] {
            let folder = box.work.appendingPathComponent("parent/demo/\(audience)")
            #expect(FileManager.default.fileExists(atPath: folder.path))
            #expect(Self.badNames(in: folder, pages: audience == "dorp").isEmpty, "\(Self.badNames(in: folder, pages: audience == "dorp"))")
        }
        let synth = try box.run("synth", "--villages", "3", "--rows", "300", "--out", "parent/synth", "--quiet")
        #expect(synth.status == 0, "\(synth)")
        outs.append("work/parent/synth")

        let after = Self.tree(box.root)
        let created = after.subtracting(before).filter { !$0.hasPrefix("io/") }
        let outside = created.filter { path in !outs.contains { path == $0 || path.hasPrefix($0 + "/") } && path != "work/parent" }
        #expect(!created.isEmpty)
        #expect(outside.isEmpty, "written outside --out: \(outside.sorted())")
        #expect(FileManager.default.fileExists(atPath: "/tmp/abs") == absBefore, "nothing appeared at /tmp/abs")
        let demoRoot = Self.tree(box.work.appendingPathComponent("parent/demo"))
        #expect(demoRoot.allSatisfy { p in
            p.hasPrefix("noaber-demo.sqlite") || ["raadsbrief", "lerend-netwerk", "onderzoek", "dorp"].contains { p == $0 || p.hasPrefix($0 + "/") }
        }, "demo writes its store, three report folders and the village pages only: \(demoRoot.sorted())")
        #expect(Self.tree(box.work.appendingPathComponent("parent/synth")).allSatisfy { $0.range(of: #"^(villages|cases-[a-z-]+-\d{4}-\d{2}-\d{2}|tasks-\d{4}-\d{2}-\d{2})\.csv$"#, options: .regularExpression) != nil })
    }
}
