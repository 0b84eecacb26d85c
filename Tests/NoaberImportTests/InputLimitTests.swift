import Foundation
import Testing
import NoaberCSV
import NoaberModel
@testable import NoaberImport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Input that never ends is refused: devices, pipes and files over the size limit, each within a
/// second and before a row is stored (docs/reliability.md, "Limits").
@Suite struct InputLimitTests {
    let asOf = CivilDate(year: 2025, month: 1, day: 15)

    /// Runs `body` and returns its result with the seconds it took.
    private func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    @Test(.timeLimit(.minutes(1)), arguments: ["/dev/zero", "/dev/urandom", "/dev/null"])
    func devicesAreRefusedAtOnce(path: String) throws {
        let box = try Sandbox()
        try box.importVillages()
        let (error, seconds) = timed {
            #expect(throws: ImportError.self) { try box.importer.importFile(path, options: ImportOptions(asOf: asOf)) }
        }
        let failure = try #require(error)
        guard case .notARegularFile(let file, let what) = failure else { Issue.record("got \(failure)"); return }
        #expect(file == path)
        #expect(what.en.contains("device"))
        #expect(failure.message(.nl).contains("geen gewoon bestand"))
        #expect(seconds < 1, "\(path) refused after \(seconds) s")
        print("INPUT-LIMIT \(path): refused in \(String(format: "%.4f", seconds)) s")
    }

    @Test(.timeLimit(.minutes(1)))
    func aNamedPipeIsRefusedWithoutWaitingForAWriter() throws {
        let box = try Sandbox()
        try box.importVillages()
        let fifo = box.root + "/export.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        // No writer ever opens it: opening it for reading would block forever.
        let (error, seconds) = timed {
            #expect(throws: ImportError.self) { try box.importer.importFile(fifo, options: ImportOptions(asOf: asOf)) }
        }
        guard case .notARegularFile(_, let what)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(what.en.contains("pipe"))
        #expect(seconds < 1, "FIFO refused after \(seconds) s")
        print("INPUT-LIMIT fifo: refused in \(String(format: "%.4f", seconds)) s")
        // A profile that is a pipe is refused the same way.
        #expect(throws: ImportError.self) { try MappingProfile.load(from: fifo) }
    }

    @Test func aDirectoryIsRefused() throws {
        let box = try Sandbox()
        let error = try #require(throws: ImportError.self) { try box.importer.importFile(box.root, options: ImportOptions(asOf: asOf)) }
        guard case .notARegularFile(_, let what) = error else { Issue.record("got \(error)"); return }
        #expect(what.en.contains("directory"))
    }

    @Test func aFileOverTheLimitIsRefusedFromItsSize() throws {
        let box = try Sandbox()
        try box.importVillages()
        let path = try box.write("cases.csv", Sandbox.casesCSV((0..<50).map { Sandbox.caseRow("C\($0)") }))
        var options = ImportOptions(asOf: asOf)
        options.maxFileBytes = 1_000
        let error = try #require(throws: ImportError.self) { try box.importer.importFile(path, options: options) }
        guard case .fileTooLarge(let file, let limit) = error else { Issue.record("got \(error)"); return }
        #expect(file == path && limit == 1_000)
        #expect(error.message(.en).contains("larger than 1000 bytes"))
        #expect(try box.count("SELECT count(*) FROM cases") == 0)
        options.maxFileBytes = 1 << 20
        #expect(try box.importer.importFile(path, options: options).accepted == 50)
    }

    @Test func theReaderStopsAtItsInputLimitWhileStreaming() throws {
        // A file that grows after the size check: the reader's own limit stops it, at the first
        // 256 KiB chunk that crosses it.
        let text = Sandbox.casesCSV((0..<8_000).map { Sandbox.caseRow("C\($0)") })
        let box = try Sandbox()
        let path = try box.write("growing.csv", text)
        let limit = 300_000
        let reader = try CSVReader(path: path, options: .init(delimiter: UInt8(ascii: ","), encoding: .utf8, maxInputBytes: limit))
        var rows = 0
        let error = try #require(throws: CSVError.self) { while try reader.next() { rows += 1 } }
        #expect(error.kind == CSVError.Kind.inputTooLarge(limit: limit))
        #expect(rows > 1_000 && rows < 8_000, "\(rows) rows before the limit")
        #expect(Importer.importError(error).message(.en).contains("larger than \(limit) bytes"))
        // The scan and the hash stop at the same limit.
        #expect(throws: ImportError.self) { try FileScan.scan(path: path, limit: limit) }
        #expect(throws: ImportError.self) { try FileScan.sha256(path: path, limit: limit) }
    }

    @Test func aRedirectedStandardInputIsARegularFileAndReads() throws {
        // `/dev/stdin` of `noaber import /dev/stdin < export.csv` is the file itself: allowed.
        let box = try Sandbox()
        let path = try box.write("plain.csv", "a,b\n1,2\n")
        #expect(try InputFile.check(path, limit: 100) == 8)
        let link = box.root + "/link.csv"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        #expect(try InputFile.check(link, limit: 100) == 8)
        #expect(try InputFile.read(link, limit: 100) == Array("a,b\n1,2\n".utf8))
    }
}
