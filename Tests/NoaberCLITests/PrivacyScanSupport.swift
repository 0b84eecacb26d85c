import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds secrets in raw bytes, in every form a writer could plausibly have turned them into.
///
/// Forms per secret: as given, lowercased, uppercased; each as UTF-8 (NFC and NFD), Windows-1252
/// and JSON `\uXXXX` escapes (lower- and uppercase hex). The haystack and every needle are
/// ASCII-case-folded before comparing, so `JAN DE VRIES` and `jAn De VrIeS` are found too;
/// non-ASCII letters are covered by the lowercased and uppercased forms.
/// - Complexity: O(haystack × needles) in the worst case, `memchr` + `memcmp` per needle in practice.
struct LeakScanner {
    struct Needle {
        let secret: String
        let form: String
        let bytes: [UInt8]
    }

    let secrets: [String]
    let needles: [Needle]

    init(secrets: [String]) {
        self.secrets = secrets
        var needles: [Needle] = []
        for secret in secrets {
            var seen: Set<[UInt8]> = []
            for (form, bytes) in Self.forms(of: secret) where !bytes.isEmpty {
                let folded = Self.fold(bytes)
                if seen.insert(folded).inserted { needles.append(Needle(secret: secret, form: form, bytes: folded)) }
            }
        }
        self.needles = needles
    }

    static func forms(of secret: String) -> [(String, [UInt8])] {
        var result: [(String, [UInt8])] = []
        for (caseName, text) in [("as is", secret), ("lowercase", secret.lowercased()), ("uppercase", secret.uppercased())] {
            result.append(("\(caseName) UTF-8", Array(text.utf8)))
            result.append(("\(caseName) UTF-8 NFD", Array(text.decomposedStringWithCanonicalMapping.utf8)))
            if let cp1252 = text.data(using: .windowsCP1252) { result.append(("\(caseName) Windows-1252", Array(cp1252))) }
            if text.unicodeScalars.contains(where: { !$0.isASCII }) {
                result.append(("\(caseName) JSON escaped", Array(jsonEscaped(text, uppercaseHex: false).utf8)))
                result.append(("\(caseName) JSON escaped (HEX)", Array(jsonEscaped(text, uppercaseHex: true).utf8)))
            }
        }
        return result
    }

    private static func jsonEscaped(_ text: String, uppercaseHex: Bool) -> String {
        var out = ""
        for unit in text.utf16 {
            if unit < 0x80 { out.unicodeScalars.append(Unicode.Scalar(UInt8(unit))) } else {
                let hex = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + (uppercaseHex ? hex.uppercased() : hex)
            }
        }
        return out
    }

    /// ASCII A–Z → a–z; every other byte unchanged (so UTF-8 and Windows-1252 stay intact).
    static func fold(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }

    /// Every (secret, form) found in `bytes`.
    func leaks(in bytes: [UInt8]) -> [(secret: String, form: String)] {
        let folded = Self.fold(bytes)
        return needles.filter { Self.occurs($0.bytes, in: folded) }.map { ($0.secret, $0.form) }
    }

    static func occurs(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBytes { h in
            needle.withUnsafeBytes { n in
                // memmem is not exported by Glibc's Swift overlay: memchr for the first byte, memcmp for the rest.
                guard let hBase = h.baseAddress, let nBase = n.baseAddress else { return false }
                let first = Int32(needle[0])
                var offset = 0
                let lastStart = h.count - n.count
                while offset <= lastStart {
                    guard let hit = memchr(hBase + offset, first, lastStart - offset + 1) else { return false }
                    let position = hBase.distance(to: UnsafeRawPointer(hit))
                    if memcmp(hBase + position, nBase, n.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }
}

/// Every regular file under a folder (recursively), with its bytes; symbolic links are listed
/// but not followed.
func filesUnder(_ folder: URL) -> [(path: String, bytes: [UInt8])] {
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
    var result: [(String, [UInt8])] = []
    for case let url as URL in walker {
        guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
        if let data = FileManager.default.contents(atPath: url.path) { result.append((url.path, Array(data))) }
    }
    return result.sorted { $0.0 < $1.0 }
}

/// A Dutch BSN that passes the 11-proef: 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11).
func isValidBSN(_ text: String) -> Bool {
    let digits = text.compactMap(\.wholeNumberValue)
    guard digits.count == 9, text.count == 9 else { return false }
    let sum = (0..<8).reduce(0) { $0 + (9 - $1) * digits[$1] } - digits[8]
    return sum % 11 == 0 && digits[0] != 0
}

/// The first `count` valid BSNs found from `seed` upward in steps (prefix of eight digits, then
/// the check digit the 11-proef demands; prefixes whose check digit would be 10 are skipped).
func validBSNs(count: Int, seed: Int) -> [String] {
    var result: [String] = []
    var prefix = seed
    while result.count < count {
        let text = String(prefix)
        if text.count == 8 {
            let d = text.compactMap(\.wholeNumberValue)
            let check = (0..<8).reduce(0) { $0 + (9 - $1) * d[$1] } % 11
            if check < 10 { result.append(text + String(check)) }
        }
        prefix += 7_919
    }
    return result
}

/// One field of a `;`-separated Windows-1252 export, quoted when it must be.
func excelField(_ text: String) -> String {
    text.contains(";") || text.contains("\"") || text.contains("\n")
        ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
}

/// Writes text as Windows-1252 (fails the test if a character has no Windows-1252 byte).
func writeWindows1252(_ text: String, to url: URL) throws {
    let data = try #require(text.data(using: .windowsCP1252), "fixture text is not Windows-1252")
    try data.write(to: url)
}

/// The bundled Dutch-Excel profile as a mutable JSON object, for deriving test profiles.
func bundledProfile(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: EndToEnd.datasets + "/profiles/" + name))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

func writeJSON(_ object: Any, to url: URL) throws {
    try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: url)
}

/// A `sqlite3` shell that holds a read transaction open on a store, so that no writer can reset
/// or delete the WAL while it lives: everything written meanwhile stays in `<store>-wal` to be
/// scanned. `close()` ends the transaction.
final class WALPin {
    private let process = Process()
    private let input = Pipe()

    init?(store: String, scratch: URL) throws {
        guard let shell = EndToEnd.sqlite3Path else { return nil }
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = ["-batch", store]
        process.standardInput = input
        let out = scratch.appendingPathComponent("walpin-\(UUID().uuidString).out")
        try Data().write(to: out)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: out)
        try process.run()
        input.fileHandleForWriting.write(Data("BEGIN;\nSELECT count(*) FROM sqlite_master;\n".utf8))
        // Give the shell a moment to take its snapshot before the first writer starts.
        usleep(300_000)
    }

    func close() {
        input.fileHandleForWriting.write(Data("COMMIT;\n.quit\n".utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
