#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the pseudonymisation key could not be created or used, with the key file's path.
///
/// Descriptions are English developer text that name the path and, where there is one, the fix
/// (such as the exact `chmod` command). They never contain key material or any part of the file's
/// contents, because the file holds a secret.
public struct PrivacyError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// No file at the path.
        case keyFileMissing
        /// `create` found a file already there; noaber never overwrites a key.
        case keyFileExists
        /// The path names a directory, device, FIFO or socket rather than a regular file.
        case keyFileNotRegular
        /// The file's permission bits (`mode`, e.g. `0o644`) let group or others read or write it,
        /// or are otherwise not `0600`/`0400`.
        case keyFileInsecure(mode: UInt32)
        /// The contents are not one line of 64 hex characters; `reason` never quotes the contents.
        case keyFileMalformed(reason: String)
        /// A system call failed; `operation` is e.g. "open", `code` is the `errno` value.
        case system(operation: String, code: Int32)
    }

    /// What went wrong.
    public let kind: Kind
    /// The key file's path as given by the caller.
    public let path: String

    /// Makes an error about the key file at `path`.
    public init(_ kind: Kind, path: String) {
        self.kind = kind
        self.path = path
    }

    /// One or two English sentences naming the path and the fix.
    public var description: String {
        let quoted = Self.shellQuoted(path)
        switch kind {
        case .keyFileMissing:
            return "The pseudonymisation key file \(quoted) does not exist. Point noaber at the key "
                + "this store was made with; create a new key only for a new store, because pseudonyms "
                + "made with a different key do not link to the existing ones."
        case .keyFileExists:
            return "The key file \(quoted) already exists; noaber never overwrites a key, because every "
                + "pseudonym made with it would stop linking. Use the existing key, or move it away yourself."
        case .keyFileNotRegular:
            return "The key file \(quoted) is not a regular file."
        case .keyFileInsecure(let mode):
            return "The key file \(quoted) has permissions \(Self.octal(mode)), so others may read or change "
                + "the secret key; it must be readable by its owner only (0600 or 0400). "
                + "Fix it with: chmod 600 \(quoted)"
        case .keyFileMalformed(let reason):
            return "The key file \(quoted) is not a noaber key (\(reason)); expected one line of 64 "
                + "lowercase hexadecimal characters."
        case .system(let operation, let code):
            return "Could not \(operation) the key file \(quoted): \(Self.message(for: code)) (errno \(code))."
        }
    }

    /// `path` in single quotes, safe to paste into a POSIX shell.
    static func shellQuoted(_ path: String) -> String {
        "'" + path.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    /// Permission bits as four-digit octal, e.g. `0644`.
    static func octal(_ mode: UInt32) -> String {
        let digits = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: Swift.max(0, 4 - digits.count)) + digits
    }

    /// The C library's message for an `errno` value.
    private static func message(for code: Int32) -> String {
        guard let text = strerror(code) else { return "unknown error" }
        return String(cString: text)
    }
}
