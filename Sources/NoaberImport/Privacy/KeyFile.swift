#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The secret pseudonymisation key, kept in its own file beside (never inside) the store.
///
/// Format: exactly one line, 64 lowercase hexadecimal characters (32 bytes) and a newline.
/// `load` also accepts uppercase digits and a missing final newline or a CRLF ending (an editor's
/// doing), but nothing else. See docs/privacy.md for why the key lives outside the database and
/// what losing it means.
///
/// ```swift
/// let key = try KeyFile.create(at: "/srv/noaber/dinkelland.key")   // mode 0600
/// let again = try KeyFile.load(at: "/srv/noaber/dinkelland.key")
/// again.fingerprint                                                  // 16 hex characters
/// ```
public struct KeyFile: Sendable {
    /// Bytes in a key.
    public static let keyLength = 32
    /// The message whose HMAC identifies a key without revealing it.
    static let fingerprintLabel = "noaber key fingerprint v1"
    /// Longest file `load` reads: 64 digits plus CRLF, with room to tell "too long" apart.
    private static let readLimit = 128

    /// The path the key was loaded from or created at.
    public let path: String
    /// The 32 secret bytes.
    public let key: [UInt8]

    /// A key file value for bytes already in hand; used by `load`, `create` and tests.
    init(path: String, key: [UInt8]) {
        self.path = path
        self.key = key
    }

    /// Reads the key at `path`.
    ///
    /// Refuses a missing file, anything but a regular file, permission bits other than `0600` or
    /// `0400` (group or others could read or change the secret), and contents that are not one key
    /// line. Permissions are checked on the opened descriptor (`fstat`), so the checked file is
    /// the file read.
    /// - Throws: `PrivacyError` naming `path` and, for permissions, the `chmod` fix.
    public static func load(at path: String) throws(PrivacyError) -> KeyFile {
        // O_NONBLOCK: opening a FIFO for reading must not hang; it is rejected as not regular below.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard descriptor >= 0 else {
            let code = errno
            throw PrivacyError(code == ENOENT ? .keyFileMissing : .system(operation: "open", code: code), path: path)
        }
        defer { close(descriptor) }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw PrivacyError(.system(operation: "inspect", code: errno), path: path)
        }
        guard UInt32(status.st_mode) & 0o170000 == 0o100000 else {
            throw PrivacyError(.keyFileNotRegular, path: path)
        }
        let permissions = UInt32(status.st_mode) & 0o7777
        guard permissions == 0o600 || permissions == 0o400 else {
            throw PrivacyError(.keyFileInsecure(mode: permissions), path: path)
        }

        let contents = try readPrefix(of: descriptor, limit: readLimit + 1, path: path)
        return KeyFile(path: path, key: try parse(contents, path: path))
    }

    /// Creates a new random key at `path` with mode 0600 and returns it.
    ///
    /// The file is created by `open(O_CREAT | O_EXCL, 0600)`: it never exists with wider
    /// permissions, not even for an instant, and an existing file (or symbolic link) is never
    /// replaced. If the file system ignores permission bits and the new file is visible to others,
    /// it is removed before any key byte is written. On a failed write the partial file is removed.
    /// The bytes come from `SystemRandomNumberGenerator` (`getrandom(2)` on Linux).
    /// - Throws: `PrivacyError` (`.keyFileExists` when something is already at `path`).
    public static func create(at path: String) throws(PrivacyError) -> KeyFile {
        var generator = SystemRandomNumberGenerator()
        let key = (0..<keyLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }

        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            throw PrivacyError(code == EEXIST ? .keyFileExists : .system(operation: "create", code: code), path: path)
        }
        var closed = false
        func abandon(_ kind: PrivacyError.Kind) -> PrivacyError {
            if !closed { close(descriptor) }
            unlink(path)
            return PrivacyError(kind, path: path)
        }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw abandon(.system(operation: "inspect", code: errno)) }
        let permissions = UInt32(status.st_mode) & 0o7777
        guard permissions & 0o077 == 0 else { throw abandon(.keyFileInsecure(mode: permissions)) }

        let line = Array((hex(key) + "\n").utf8)
        var written = 0
        while written < line.count {
            let result = line.withUnsafeBytes { bytes in
                write(descriptor, bytes.baseAddress.map { $0 + written }, line.count - written)
            }
            if result < 0 {
                let code = errno
                if code == EINTR { continue }
                throw abandon(.system(operation: "write", code: code))
            }
            written += result
        }
        guard fsync(descriptor) == 0 else { throw abandon(.system(operation: "sync", code: errno)) }
        closed = true
        guard close(descriptor) == 0 else { throw abandon(.system(operation: "close", code: errno)) }
        return KeyFile(path: path, key: key)
    }

    /// A stable, non-reversible identifier of this key: the first 16 hex characters (64 bits) of
    /// `HMAC(key, "noaber key fingerprint v1")`.
    ///
    /// The store records it so that an import with a different key is refused instead of silently
    /// splitting every person into two. It reveals nothing usable about the key or any pseudonym.
    public var fingerprint: String {
        let mac = HMACSHA256(key: key)
        var inner = mac.innerStart
        inner.update(Self.fingerprintLabel)
        return mac.finish(inner: inner).hex(wordCount: 2)
    }

    /// Lowercase hex of `bytes`.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Parses one key line; never quotes the contents in an error.
    static func parse(_ contents: [UInt8], path: String) throws(PrivacyError) -> [UInt8] {
        var body = contents[...]
        if body.last == UInt8(ascii: "\n") { body = body.dropLast() }
        if body.last == UInt8(ascii: "\r") { body = body.dropLast() }
        guard !body.isEmpty else { throw PrivacyError(.keyFileMalformed(reason: "the file is empty"), path: path) }
        guard body.count == keyLength * 2 else {
            let reason = body.count > readLimit
                ? "it is longer than one key line"
                : "it holds \(body.count) characters instead of \(keyLength * 2)"
            throw PrivacyError(.keyFileMalformed(reason: reason), path: path)
        }
        var key = [UInt8]()
        key.reserveCapacity(keyLength)
        var index = body.startIndex
        while index < body.endIndex {
            guard let high = hexValue(body[index]), let low = hexValue(body[index + 1]) else {
                throw PrivacyError(.keyFileMalformed(reason: "it contains a character that is not a hexadecimal digit"), path: path)
            }
            key.append(high << 4 | low)
            index += 2
        }
        return key
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Reads at most `limit` bytes from `descriptor`, retrying on EINTR.
    private static func readPrefix(of descriptor: Int32, limit: Int, path: String) throws(PrivacyError) -> [UInt8] {
        var contents = [UInt8](repeating: 0, count: limit)
        var filled = 0
        while filled < limit {
            let result = contents.withUnsafeMutableBytes { bytes in
                read(descriptor, bytes.baseAddress.map { $0 + filled }, limit - filled)
            }
            if result < 0 {
                let code = errno
                if code == EINTR { continue }
                throw PrivacyError(.system(operation: "read", code: code), path: path)
            }
            if result == 0 { break }
            filled += result
        }
        return Array(contents[0..<filled])
    }
}
