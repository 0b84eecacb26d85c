import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shared pieces of the fault tests: stores to break, ways to run the binary
/// under a file-size limit or without root's permission override, and file checks.
enum Faults {
    /// How many kill -9 rounds the kill tests run: `NOABER_KILL_ROUNDS` (documented run: 25), else 5.
    static var killRounds: Int {
        ProcessInfo.processInfo.environment["NOABER_KILL_ROUNDS"].flatMap(Int.init).map { max(1, $0) } ?? 5
    }

    static var isRoot: Bool { getuid() == 0 }

    /// `setpriv`, used to take root's permission override (CAP_DAC_OVERRIDE) away so that a
    /// chmod'ed file really is read-only to the child; nil when not installed.
    static let setprivPath: String? = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Whether a read-only file can be made read-only to noaber: always as a normal user, as root
    /// only with `setpriv`.
    static var canDenyWrites: Bool { !isRoot || setprivPath != nil }

    /// The prefix that runs a command without permission override (empty for a normal user).
    static var unprivileged: [String] {
        guard isRoot, let setpriv = setprivPath else { return [] }
        return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search", "--"]
    }

    /// The prefix that runs a command with a file-size limit of `kib` KiB and SIGXFSZ ignored, so
    /// a write past the limit fails with EFBIG instead of killing the process.
    static func fileSizeLimit(kib: Int) -> [String] {
        ["/bin/bash", "-c", "trap '' XFSZ; ulimit -f \(kib); exec \"$0\" \"$@\""]
    }

    /// Mounts a tmpfs of `size` on `dir` (root only); false when mounting is not permitted.
    static func mountTmpfs(_ dir: String, size: String) -> Bool {
        guard isRoot, FileManager.default.isExecutableFile(atPath: "/bin/mount") || FileManager.default.isExecutableFile(atPath: "/usr/bin/mount")
        else { return false }
        return (try? runTool(["mount", "-t", "tmpfs", "-o", "size=\(size)", "tmpfs", dir])) == 0
    }

    static func unmount(_ dir: String) { _ = try? runTool(["umount", dir]) }

    /// Runs a system tool found on the PATH and returns its exit status (output discarded).
    @discardableResult
    static func runTool(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A small healthy store: the bundled villages and one bundled export (202 cases), with its key.
    static func smallStore(_ box: Sandbox, name: String = "noaber.sqlite") throws -> String {
        let store = box.path(name)
        let villages = try box.run(["villages", "import", EndToEnd.datasets + "/villages.csv", "--db", store])
        try #require(villages.status == 0, "\(villages)")
        let cases = try box.run(["import", EndToEnd.datasets + "/exports/SAA-cases-canonical.csv", "--db", store, "--as-of", "2025-01-10", "--quiet"])
        try #require(cases.status == 0, "\(cases)")
        return store
    }

    /// A synthetic canonical case export of `rows` rows over 20 villages, and its villages file.
    static func synth(_ box: Sandbox, rows: Int, seed: Int = 7) throws -> (cases: String, villages: String) {
        let dir = box.path("synth-\(rows)-\(seed)")
        let run = try box.run(["synth", "--villages", "20", "--rows", String(rows), "--no-tasks", "--out", dir, "--seed", String(seed), "--quiet"])
        try #require(run.status == 0, "\(run)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir)
        let cases = try #require(files.first { $0.hasPrefix("cases-") }, "\(files)")
        return (dir + "/" + cases, dir + "/villages.csv")
    }

    /// The bytes of a file (empty when it does not exist).
    static func bytes(_ path: String) -> [UInt8] {
        FileManager.default.contents(atPath: path).map(Array.init) ?? []
    }

    /// Every regular file under `dir`, relative paths, sorted.
    static func files(under dir: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
        var result: [String] = []
        while let name = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + "/" + name, isDirectory: &isDir), !isDir.boolValue { result.append(name) }
        }
        return result.sorted()
    }

    /// Why a report file under its final name is not complete, or nil when it is: HTML ends with
    /// `</html>`, SVG starts as SVG and ends with `</svg>`, CSV has a header line and ends with a
    /// newline. Temporary names (`.tmp-<pid>`) are not judged: they are allowed to be partial.
    static func incompleteness(of path: String) -> String? {
        let text = String(decoding: bytes(path), as: UTF8.self)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if path.contains(".tmp-") { return nil }
        if path.hasSuffix(".html") { return trimmed.hasSuffix("</html>") ? nil : "HTML does not end with </html>" }
        if path.hasSuffix(".svg") {
            return trimmed.hasSuffix("</svg>") && (trimmed.hasPrefix("<svg") || trimmed.hasPrefix("<?xml")) ? nil : "SVG is not complete"
        }
        if path.hasSuffix(".csv") {
            // A Dutch report writes its readable tables with CRLF, which Swift reads as one Character.
            let header = text.split(maxSplits: 1, whereSeparator: \.isNewline).first.map(String.init) ?? ""
            return text.last?.isNewline == true && header.contains(where: { $0.isLetter }) ? nil : "CSV lacks its header or final newline"
        }
        return nil
    }
}

extension Sandbox {
    /// Runs noaber behind a wrapper command (`setpriv …`, `bash -c 'ulimit …'`).
    @discardableResult
    func run(wrappedBy wrapper: [String], _ arguments: [String]) throws -> CLIRun {
        let binary = try #require(EndToEnd.binaryPath)
        let out = root.appendingPathComponent("wrapped-\(UUID().uuidString).out")
        let err = root.appendingPathComponent("wrapped-\(UUID().uuidString).err")
        try Data().write(to: out)
        try Data().write(to: err)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrapper[0])
        process.arguments = Array(wrapper.dropFirst()) + [binary] + arguments
        process.currentDirectoryURL = work
        var environment = ProcessInfo.processInfo.environment
        environment["NOABER_DB"] = nil
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return CLIRun(arguments: arguments, status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal,
                      stdoutBytes: Array(try Data(contentsOf: out)), stderrBytes: Array(try Data(contentsOf: err)))
    }
}
