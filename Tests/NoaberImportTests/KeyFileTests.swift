import Foundation
import Testing
@testable import NoaberImport
#if canImport(Glibc)
import Glibc
#endif

/// Key files on disk: creation mode, round trip, and every refusal.
@Suite struct KeyFileTests {
    /// A fresh private directory per test, removed afterwards.
    final class Scratch {
        let directory: String
        init() throws {
            let base = FileManager.default.temporaryDirectory.path
            directory = base + "/noaber-keyfile-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        }
        deinit { try? FileManager.default.removeItem(atPath: directory) }
        func path(_ name: String) -> String { directory + "/" + name }

        /// Writes `contents` to `name` with permission bits `mode` (set explicitly, independent of umask).
        func write(_ contents: String, to name: String, mode: mode_t = 0o600) throws -> String {
            let file = path(name)
            try Data(contents.utf8).write(to: URL(fileURLWithPath: file))
            try #require(chmod(file, mode) == 0)
            return file
        }
    }

    static func mode(of path: String) -> UInt32? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return UInt32(status.st_mode) & 0o7777
    }

    static func error(_ body: () throws(PrivacyError) -> KeyFile) -> PrivacyError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    static let sampleLine = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

    @Test func createMakesAnOwnerOnlyFileInTheDocumentedFormat() throws {
        let scratch = try Scratch()
        let file = scratch.path("store.key")
        let key = try KeyFile.create(at: file)
        #expect(key.path == file)
        #expect(key.key.count == 32)
        #expect(Self.mode(of: file) == 0o600)
        let contents = try String(contentsOfFile: file, encoding: .utf8)
        #expect(contents == SHA256Tests.hex(key.key) + "\n")
        #expect(contents.utf8.count == 65)
    }

    @Test func createUsesFreshRandomness() throws {
        let scratch = try Scratch()
        let first = try KeyFile.create(at: scratch.path("a.key"))
        let second = try KeyFile.create(at: scratch.path("b.key"))
        #expect(first.key != second.key)
        #expect(first.key != [UInt8](repeating: 0, count: 32))
    }

    @Test func loadRoundTrips() throws {
        let scratch = try Scratch()
        let created = try KeyFile.create(at: scratch.path("store.key"))
        let loaded = try KeyFile.load(at: scratch.path("store.key"))
        #expect(loaded.key == created.key)
        #expect(loaded.fingerprint == created.fingerprint)
    }

    @Test func loadAcceptsReadOnlyAndEditorEndings() throws {
        let scratch = try Scratch()
        let expected = Array(UInt8(0)..<32)
        #expect(try KeyFile.load(at: scratch.write(Self.sampleLine + "\n", to: "ro.key", mode: 0o400)).key == expected)
        #expect(try KeyFile.load(at: scratch.write(Self.sampleLine, to: "bare.key")).key == expected)
        #expect(try KeyFile.load(at: scratch.write(Self.sampleLine + "\r\n", to: "crlf.key")).key == expected)
        #expect(try KeyFile.load(at: scratch.write(Self.sampleLine.uppercased() + "\n", to: "upper.key")).key == expected)
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660, 0o666, 0o700])
    func loadRefusesPermissionsBeyondOwner(mode: Int) throws {
        let scratch = try Scratch()
        let file = try scratch.write(Self.sampleLine + "\n", to: "open.key", mode: mode_t(mode))
        let error = try #require(Self.error { () throws(PrivacyError) in try KeyFile.load(at: file) })
        #expect(error.kind == .keyFileInsecure(mode: UInt32(mode)))
        #expect(error.path == file)
        #expect(error.description.contains(file))
        #expect(error.description.contains("chmod 600 '\(file)'"))
        #expect(error.description.contains(PrivacyError.octal(UInt32(mode))))
    }

    @Test func loadRefusesAMissingFile() throws {
        let scratch = try Scratch()
        let file = scratch.path("absent.key")
        let error = try #require(Self.error { () throws(PrivacyError) in try KeyFile.load(at: file) })
        #expect(error.kind == .keyFileMissing)
        #expect(error.description.contains(file))
    }

    @Test func loadRefusesADirectory() throws {
        let scratch = try Scratch()
        let error = try #require(Self.error { () throws(PrivacyError) in try KeyFile.load(at: scratch.directory) })
        #expect(error.kind == .keyFileNotRegular)
    }

    /// Malformed contents and a fragment of the reason each must give.
    static let malformedCases: [(contents: String, reasonFragment: String)] = {
        let short = String(sampleLine.dropLast())
        return [
            ("", "empty"),
            ("\n", "empty"),
            (short + "\n", "63 characters"),
            (sampleLine + "0\n", "65 characters"),
            (short + "g\n", "not a hexadecimal digit"),
            (sampleLine + "\n" + sampleLine + "\n", "longer than one key line"),
            (" " + short + "\n", "not a hexadecimal digit"),
        ]
    }()

    @Test(arguments: malformedCases)
    func loadRefusesMalformedContents(contents: String, reasonFragment: String) throws {
        let scratch = try Scratch()
        let file = try scratch.write(contents, to: "bad.key")
        let error = try #require(Self.error { () throws(PrivacyError) in try KeyFile.load(at: file) })
        guard case .keyFileMalformed(let reason) = error.kind else {
            Issue.record("expected malformed, got \(error.kind)")
            return
        }
        #expect(reason.contains(reasonFragment))
        #expect(error.description.contains(file))
        // The secret never appears in the message, not even partly.
        #expect(!error.description.contains("0a0b0c0d"))
    }

    @Test func createRefusesAnExistingFileAndLeavesItAlone() throws {
        let scratch = try Scratch()
        let file = try scratch.write(Self.sampleLine + "\n", to: "store.key")
        let error = try #require(Self.error { () throws(PrivacyError) in try KeyFile.create(at: file) })
        #expect(error.kind == .keyFileExists)
        #expect(error.description.contains(file))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == Self.sampleLine + "\n")
    }

    @Test func createRefusesToFollowADanglingSymlink() throws {
        let scratch = try Scratch()
        let link = scratch.path("link.key")
        try #require(symlink(scratch.path("target.key"), link) == 0)
        let error = try #require(Self.error { () throws(PrivacyError) in try KeyFile.create(at: link) })
        #expect(error.kind == .keyFileExists)
        #expect(Self.mode(of: scratch.path("target.key")) == nil)
    }

    @Test func createInAMissingDirectoryReportsTheSystemError() throws {
        let scratch = try Scratch()
        let file = scratch.path("no/such/dir/store.key")
        let error = try #require(Self.error { () throws(PrivacyError) in try KeyFile.create(at: file) })
        #expect(error.kind == .system(operation: "create", code: ENOENT))
        #expect(error.description.contains(file))
    }

    @Test func fingerprintMatchesPythonAndIsSixteenHexCharacters() {
        // hmac.new(bytes(range(32)), b"noaber key fingerprint v1", hashlib.sha256).hexdigest()[:16]
        #expect(KeyFile(path: "x", key: Array(0..<32)).fingerprint == "38530d238cb0db36")
        #expect(KeyFile(path: "x", key: [UInt8](repeating: 0xff, count: 32)).fingerprint == "8ebf3d851f3b8931")
    }

    @Test func shellQuotingSurvivesQuotesInPaths() {
        #expect(PrivacyError.shellQuoted("/tmp/it's.key") == "'/tmp/it'\\''s.key'")
        #expect(PrivacyError.octal(0o644) == "0644")
        #expect(PrivacyError.octal(0o4755) == "4755")
    }
}
