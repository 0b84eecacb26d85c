#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NoaberCSV

/// One streaming pass over a file before it is parsed: its SHA-256 (the provenance and
/// re-import check), whether it is valid UTF-8 (else it is read as Windows-1252), and its size.
///
/// - Complexity: O(file size) time, O(1) memory (a 256 KiB buffer).
struct FileScan {
    let sha256: String
    let isValidUTF8: Bool
    let hasByteOrderMark: Bool
    let size: Int

    static func scan(path: String) throws(ImportError) -> FileScan {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .cannotRead(file: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var hasher = SHA256()
        var validator = UTF8Validator()
        var size = 0
        var first3: [UInt8] = []
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
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            if first3.count < 3 { first3.append(contentsOf: chunk.prefix(3 - first3.count)) }
            hasher.update(chunk)
            validator.consume(chunk)
            size += n
        }
        let digest = hasher.finalize()
        return FileScan(sha256: digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(),
                        isValidUTF8: validator.finish(), hasByteOrderMark: first3 == [0xEF, 0xBB, 0xBF], size: size)
    }
}
