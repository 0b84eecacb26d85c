#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NoaberCSV

/// One streaming pass over a file before it is parsed: whether it is valid UTF-8 (else it is read
/// as Windows-1252), whether it starts with a byte order mark, its size and — when asked — its
/// SHA-256 (the provenance and re-import check).
///
/// The importer asks for the hash separately, on a `FileHasher` thread, so that hashing overlaps
/// with the import instead of delaying it: the UTF-8 check alone is several times faster than
/// SHA-256.
///
/// - Complexity: O(file size) time, O(1) memory (a 256 KiB buffer).
struct FileScan {
    /// Lowercase hex; nil unless the scan was asked to hash (`hashing: true`; the importer does
    /// not, see above).
    let sha256: String?
    let isValidUTF8: Bool
    let hasByteOrderMark: Bool
    let size: Int

    static func scan(path: String, hashing: Bool = false, limit: Int = InputFile.maximumBytes) throws(ImportError) -> FileScan {
        var hasher = SHA256()
        var validator = UTF8Validator()
        var first3: [UInt8] = []
        let size = try forEachChunk(of: path, limit: limit) { chunk in
            if first3.count < 3 { first3.append(contentsOf: chunk.prefix(3 - first3.count)) }
            if hashing { hasher.update(chunk) }
            validator.consume(chunk)
        }
        return FileScan(sha256: hashing ? hex(hasher.finalize()) : nil, isValidUTF8: validator.finish(),
                        hasByteOrderMark: first3 == [0xEF, 0xBB, 0xBF], size: size)
    }

    /// The SHA-256 of the file's bytes as lowercase hex.
    static func sha256(path: String, limit: Int = InputFile.maximumBytes) throws(ImportError) -> String {
        var hasher = SHA256()
        _ = try forEachChunk(of: path, limit: limit) { hasher.update($0) }
        return hex(hasher.finalize())
    }

    static func hex(_ digest: [UInt8]) -> String {
        digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// Reads the file in 256 KiB chunks and returns its size; refuses anything but a regular file
    /// (`InputFile.open`) and stops once more than `limit` bytes were read.
    private static func forEachChunk(of path: String, limit: Int, _ body: (UnsafeRawBufferPointer) -> Void) throws(ImportError) -> Int {
        let fd = try InputFile.open(path)
        defer { close(fd) }
        var size = 0
        let capacity = 1 << 18
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, capacity)
            if n < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(file: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            size += n
            if size > limit { throw .fileTooLarge(file: path, limit: limit) }
            body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        return size
    }
}
