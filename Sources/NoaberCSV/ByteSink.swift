#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where written bytes go: a file, memory, or anything else that accepts bytes in order.
///
/// A class-bound protocol because a sink owns state (a file descriptor, a buffer) that all
/// writers holding it must share.
public protocol ByteSink: AnyObject {
    /// Appends `bytes`; the buffer is only valid during the call.
    func write(_ bytes: UnsafeRawBufferPointer) throws
}

extension ByteSink {
    /// Appends the bytes of an array.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}

/// A failed file operation, with the path and the operating system's reason.
public struct ByteSinkError: Error, CustomStringConvertible, Sendable, Hashable {
    public var operation: String
    public var path: String
    public var reason: String

    public init(operation: String, path: String, reason: String) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot \(operation) \(path): \(reason)" }

    static func fromErrno(_ operation: String, _ path: String) -> ByteSinkError {
        let code = errno
        let reason: String
        if let message = strerror(code) { reason = String(cString: message) } else { reason = "error \(code)" }
        return ByteSinkError(operation: operation, path: path, reason: reason)
    }
}

/// `write(2)`, named apart because `FileSink.write(_:)` shadows it.
private func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, pointer, count)
    #else
    return Darwin.write(descriptor, pointer, count)
    #endif
}

/// Collects everything in memory; for tests and small outputs.
public final class MemorySink: ByteSink {
    public var bytes: [UInt8]

    public init() { bytes = [] }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        self.bytes.append(contentsOf: bytes)
    }
}

/// Writes a file atomically: buffered (64 KiB) into `<path>.tmp-<pid>`, renamed onto `<path>`
/// in `commit()`.
///
/// A writer that is killed or throws half-way never leaves a half file under the final name: the
/// final name appears only by `rename(2)`, which replaces it in one step. `discard()` (and
/// deinit without a commit) removes the temporary file. A `kill -9` can leave the temporary
/// file behind, never a truncated final one.
public final class FileSink: ByteSink {
    /// The final path, created by `commit()`.
    public let path: String
    /// Where the bytes go until `commit()`.
    public let temporaryPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var finished = false
    private static let capacity = 64 * 1024

    /// Creates (or truncates) the temporary file.
    public init(path: String) throws {
        self.path = path
        temporaryPath = path + ".tmp-" + String(getpid())
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ByteSinkError.fromErrno("create", temporaryPath) }
        buffer.reserveCapacity(FileSink.capacity)
    }

    deinit {
        if !finished { discard() }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !finished else {
            throw ByteSinkError(operation: "write", path: path, reason: "the sink is already committed or discarded")
        }
        if buffer.count + bytes.count > FileSink.capacity {
            try drain()
            if bytes.count >= FileSink.capacity {
                try writeAll(bytes)
                return
            }
        }
        buffer.append(contentsOf: bytes)
    }

    /// Writes what is buffered, syncs, closes and renames the temporary file onto `path`.
    public func commit() throws {
        guard !finished else {
            throw ByteSinkError(operation: "commit", path: path, reason: "the sink is already committed or discarded")
        }
        do {
            try drain()
            guard fsync(descriptor) == 0 else { throw ByteSinkError.fromErrno("sync", temporaryPath) }
        } catch {
            discard()
            throw error
        }
        finished = true
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0 else {
            let failure = ByteSinkError.fromErrno("close", temporaryPath)
            unlink(temporaryPath)
            throw failure
        }
        guard rename(temporaryPath, path) == 0 else {
            let failure = ByteSinkError.fromErrno("rename onto", path)
            unlink(temporaryPath)
            throw failure
        }
    }

    /// Abandons the file: closes and removes the temporary file; the final path is untouched.
    public func discard() {
        guard !finished else { return }
        finished = true
        buffer.removeAll()
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporaryPath)
    }

    private func drain() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw ByteSinkError.fromErrno("write", temporaryPath)
            }
            offset += written
        }
    }
}
