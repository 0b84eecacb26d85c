import Foundation
import Testing

/// Names and client numbers from a village's export never reach the store or any output.
@Suite("End to end: privacy")
struct EndToEndPrivacyTests {
    /// The values of the named columns of a Windows-1252, `;`-separated export, decoded and split
    /// independently of noaber's CSV reader.
    static func values(of columns: [String], in file: String) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let text = try #require(String(data: data, encoding: .windowsCP1252), "\(file) is not Windows-1252")
        let records = parseCSV(text, delimiter: ";")
        let header = try #require(records.first)
        let indices = try columns.map { column in try #require(header.firstIndex(of: column), "\(file) has no \(column) column") }
        var found: [String] = []
        for record in records.dropFirst() {
            #expect(record.count == header.count, "ragged record in \(file)")
            for i in indices where i < record.count {
                let value = record[i].trimmingCharacters(in: .whitespaces)
                if !value.isEmpty { found.append(value) }
            }
        }
        return found
    }

    @Test func namesAndClientNumbersAppearInNoStoreFileAndNoOutput() throws {
        let box = try Sandbox()
        let entries = try EndToEnd.manifest().filter { $0.dialect == "dutch-excel" }
        #expect(entries.count == 4)

        var secrets: Set<String> = []
        for entry in entries where entry.kind == "cases" {
            let names = try Self.values(of: ["Naam"], in: EndToEnd.datasets + "/" + entry.file)
            let clients = try Self.values(of: ["Cliëntnummer"], in: EndToEnd.datasets + "/" + entry.file)
            #expect(names.count > 50 && clients.count > 50, "the export carries names and client numbers: \(entry.file)")
            secrets.formUnion(names)
            secrets.formUnion(clients)
        }
        for entry in entries where entry.kind == "tasks" {
            secrets.formUnion(try Self.values(of: ["Vrijwilliger"], in: EndToEnd.datasets + "/" + entry.file))
        }
        // Each secret in both encodings it could be written in.
        let needles: [(String, [UInt8])] = secrets.flatMap { secret -> [(String, [UInt8])] in
            let utf8 = Array(secret.utf8)
            let cp1252 = secret.data(using: .windowsCP1252).map(Array.init) ?? utf8
            return cp1252 == utf8 ? [(secret, utf8)] : [(secret, utf8), (secret, cp1252)]
        }
        #expect(secrets.count > 100)
        // The scanner itself finds every name and client number in the source files it came from.
        let sources = try entries.map { try Data(contentsOf: URL(fileURLWithPath: EndToEnd.datasets + "/" + $0.file)) }.map(Array.init)
        for secret in secrets {
            let cp1252 = try #require(secret.data(using: .windowsCP1252).map(Array.init))
            #expect(sources.contains { contains($0, cp1252) }, "scanner self-check: \(secret)")
        }

        let store = box.path("noaber.sqlite")
        #expect(try box.run("villages", "import", EndToEnd.datasets + "/villages.csv").status == 0)
        for entry in entries {
            let text = try box.run(entry.importArguments)
            #expect(text.status == 0, "\(text)")
            #expect(try box.run(entry.importArguments + ["--format", "json"]).status == 0)
            #expect(try box.run(entry.importArguments + ["--lang", "en", "--dry-run"]).status == 0)
        }
        for command in [["imports"], ["imports", "--format", "json"], ["rejected"], ["rejected", "--format", "json"],
                        ["rejected", "--format", "csv"], ["rejected", "--lang", "en"], ["villages", "list"]] {
            #expect(try box.run(command).status == 0)
        }
        // Failures print messages too: a strict run over rejected rows, and a run without the profile.
        let deuCases = try #require(entries.first { $0.file.contains("DEU-cases") })
        #expect(try box.run(deuCases.importArguments + ["--strict", "--db", box.path("strict.sqlite")]).status != 0)
        #expect(try box.run(["import", EndToEnd.datasets + "/" + deuCases.file, "--as-of", deuCases.asOf, "--lang", "en"]).status == 65)

        let rejected = try box.run("rejected", "--format", "json").json([RejectedRowJSON].self)
        #expect(rejected.count == 10, "the Dutch exports' deliberate errors are quarantined")

        var scanned: [(String, [UInt8])] = box.storeFiles(store) + box.storeFiles(box.path("strict.sqlite"))
        #expect(scanned.count >= 1 && scanned[0].1.count > 10_000, "the store exists and holds data")
        for (i, run) in box.runs.enumerated() {
            scanned.append(("stdout of run \(i): noaber \(run.arguments.joined(separator: " "))", run.stdoutBytes))
            scanned.append(("stderr of run \(i): noaber \(run.arguments.joined(separator: " "))", run.stderrBytes))
        }
        var leaks: [String] = []
        for (place, bytes) in scanned {
            for (secret, needle) in needles where contains(bytes, needle) {
                leaks.append("\(place) contains '\(secret)'")
            }
        }
        #expect(leaks.isEmpty, "\(leaks.count) leaks, e.g. \(leaks.prefix(5))")
    }
}
