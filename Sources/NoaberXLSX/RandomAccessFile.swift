#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a zip: a file read with `pread(2)` at any offset, or an array in memory (tests,
/// fuzzing). A file is never loaded whole; callers read the pieces they need into their own
/// buffers.
final class RandomAccessFile {
    private enum Backing {
        case file(descriptor: Int32)
        case memory([UInt8])
    }

    private let backing: Backing
    let name: String
    let size: Int

    init(path: String) throws(XLSXError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw XLSXError(file: path, kind: .unreadable(reason: Self.systemError())) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = Self.systemError()
            close(descriptor)
            throw XLSXError(file: path, kind: .unreadable(reason: reason))
        }
        backing = .file(descriptor: descriptor)
        name = path
        size = Int(info.st_size)
    }

    init(bytes: [UInt8], name: String) {
        backing = .memory(bytes)
        self.name = name
        size = bytes.count
    }

    deinit {
        if case .file(let descriptor) = backing { close(descriptor) }
    }

    /// Reads up to `buffer.count` bytes at `offset`; fewer only at the end of the file.
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(XLSXError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0, offset >= 0, offset < size else { return 0 }
        switch backing {
        case .memory(let bytes):
            let count = min(buffer.count, bytes.count - offset)
            bytes.withUnsafeBytes { source in
                if let start = source.baseAddress { base.copyMemory(from: start + offset, byteCount: count) }
            }
            return count
        case .file(let descriptor):
            var done = 0
            while done < buffer.count {
                let n = pread(descriptor, base + done, buffer.count - done, off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw XLSXError(file: name, kind: .unreadable(reason: Self.systemError()))
                }
                if n == 0 { break }
                done += n
            }
            return done
        }
    }

    /// Exactly `count` bytes at `offset`, or nil when the file ends first.
    func bytes(at offset: Int, count: Int) throws(XLSXError) -> [UInt8]? {
        guard count >= 0 else { return nil }
        if count == 0 { return [] }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 8)
        defer { buffer.deallocate() }
        let n = try read(at: offset, into: buffer)
        return n == count ? Array(buffer.bindMemory(to: UInt8.self)) : nil
    }

    private static func systemError() -> String {
        String(cString: strerror(errno))
    }
}

/// Little-endian integers out of a byte array, as zip headers store them.
extension Array where Element == UInt8 {
    @inline(__always)
    func le16(_ at: Int) -> Int { Int(self[at]) | Int(self[at + 1]) << 8 }

    @inline(__always)
    func le32(_ at: Int) -> Int { le16(at) | le16(at + 2) << 16 }
}
