import CZlib

/// The unpacked bytes of one zip entry, as a stream: zlib's raw inflate (`inflateInit2` with
/// −15 window bits: zip entries carry no zlib header) over 64 KiB reads of the packed data.
///
/// Every read checks the limits of its archive (`ZipArchive.Limits`) as bytes come out, so a zip
/// bomb stops at the limit whatever its headers claim. At the end the unpacked size and CRC-32
/// must equal the directory's, so a damaged or truncated entry is an error, never short data.
///
///     let reader = try zip.open(entry)
///     while case let n = try reader.read(into: buffer), n > 0 { … }
///
/// - Complexity: O(entry size); memory is the 64 KiB input chunk plus zlib's 32 KiB window.
public final class EntryReader {
    public let entry: ZipArchive.Entry
    private let archive: ZipArchive
    private let dataStart: Int
    /// Packed bytes read from the file so far.
    @exclusivity(unchecked) public private(set) var compressedBytesRead = 0
    /// Unpacked bytes handed out so far.
    @exclusivity(unchecked) public private(set) var bytesOut = 0
    @exclusivity(unchecked) private var crc: UInt = 0
    @exclusivity(unchecked) private var finished = false
    private let stream: UnsafeMutablePointer<z_stream>?
    private let input: UnsafeMutableRawBufferPointer

    static let chunkSize = 64 * 1024

    init(archive: ZipArchive, entry: ZipArchive.Entry, dataStart: Int) throws(XLSXError) {
        self.archive = archive
        self.entry = entry
        self.dataStart = dataStart
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        crc = CZlib.crc32(0, nil, 0)
        if entry.method == 8 {
            let s = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            s.initialize(to: z_stream())
            guard noaber_inflate_init_raw(s) == Z_OK else {
                s.deinitialize(count: 1)
                s.deallocate()
                input.deallocate()
                throw XLSXError(file: archive.name, part: entry.name, kind: .corruptEntry(detail: "zlib could not start"))
            }
            stream = s
        } else {
            stream = nil
        }
    }

    deinit {
        if let stream {
            inflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        input.deallocate()
    }

    private func fail(_ kind: XLSXError.Kind) -> XLSXError {
        XLSXError(file: archive.name, part: entry.name, kind: kind)
    }

    /// Fills `buffer` with the next unpacked bytes; returns how many (0 only at the end).
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(XLSXError) -> Int {
        guard !finished, let out = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var produced = 0
        if let stream {
            let capacity = UInt32(clamping: buffer.count)
            stream.pointee.next_out = out.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = capacity
            while stream.pointee.avail_out > 0 {
                if stream.pointee.avail_in == 0 {
                    let remaining = entry.compressedSize - compressedBytesRead
                    if remaining > 0 {
                        let want = min(remaining, Self.chunkSize)
                        let n = try archive.file.read(at: dataStart + compressedBytesRead,
                                                      into: UnsafeMutableRawBufferPointer(rebasing: input[0..<want]))
                        guard n == want else { throw fail(.truncated(detail: "the data of \(entry.name) ends early")) }
                        compressedBytesRead += n
                        stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
                        stream.pointee.avail_in = UInt32(n)
                    }
                }
                let before = stream.pointee.avail_out
                let status = inflate(stream, Z_NO_FLUSH)
                produced = Int(capacity - stream.pointee.avail_out)
                if status == Z_STREAM_END {
                    finished = true
                    break
                }
                switch status {
                case Z_OK: break
                case Z_BUF_ERROR:
                    // No progress possible: either the output is full (loop ends) or the input
                    // is used up before the deflate stream ended.
                    if stream.pointee.avail_out == before, stream.pointee.avail_in == 0,
                       compressedBytesRead >= entry.compressedSize {
                        throw fail(.truncated(detail: "the deflate data of \(entry.name) ends early"))
                    }
                case Z_DATA_ERROR:
                    throw fail(.corruptEntry(detail: "invalid deflate data"))
                case Z_MEM_ERROR:
                    throw fail(.corruptEntry(detail: "zlib out of memory"))
                default:
                    throw fail(.corruptEntry(detail: "zlib status \(status)"))
                }
                if stream.pointee.avail_in == 0, compressedBytesRead >= entry.compressedSize, stream.pointee.avail_out == before {
                    throw fail(.truncated(detail: "the deflate data of \(entry.name) ends early"))
                }
            }
        } else {
            let remaining = entry.compressedSize - compressedBytesRead
            let want = min(remaining, buffer.count)
            if want > 0 {
                let n = try archive.file.read(at: dataStart + compressedBytesRead,
                                              into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]))
                guard n == want else { throw fail(.truncated(detail: "the data of \(entry.name) ends early")) }
                compressedBytesRead += n
                produced = n
            }
            if compressedBytesRead >= entry.compressedSize { finished = true }
        }
        try account(UnsafeRawBufferPointer(start: out, count: produced))
        if finished { try finish() }
        return produced
    }

    /// Counts unpacked bytes against the limits and into the CRC.
    private func account(_ chunk: UnsafeRawBufferPointer) throws(XLSXError) {
        guard chunk.count > 0 else { return }
        bytesOut += chunk.count
        archive.inflatedTotal += chunk.count
        let limits = archive.limits
        if bytesOut > entry.uncompressedSize {
            throw fail(.corruptEntry(detail: "unpacks to more than the \(entry.uncompressedSize) bytes its directory entry says"))
        }
        if bytesOut > limits.maxEntryBytes { throw fail(.inflatedTooLarge(limit: limits.maxEntryBytes)) }
        if archive.inflatedTotal > limits.maxTotalBytes { throw fail(.inflatedTooLarge(limit: limits.maxTotalBytes)) }
        if bytesOut > limits.ratioFloor, bytesOut / max(compressedBytesRead, 1) >= limits.maxRatio {
            throw fail(.compressionRatio(limit: limits.maxRatio))
        }
        crc = CZlib.crc32(crc, chunk.baseAddress?.assumingMemoryBound(to: Bytef.self), UInt32(chunk.count))
    }

    private func finish() throws(XLSXError) {
        guard bytesOut == entry.uncompressedSize else {
            throw fail(.corruptEntry(detail: "unpacked \(bytesOut) bytes, the directory says \(entry.uncompressedSize)"))
        }
        guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else { throw fail(.corruptEntry(detail: "CRC-32 does not match")) }
    }

    /// Reads the whole entry into memory, refusing more than `limit` bytes; for the small parts
    /// (workbook, relationships, styles).
    func readAll(limit: Int) throws(XLSXError) -> [UInt8] {
        guard entry.uncompressedSize <= limit else { throw fail(.inflatedTooLarge(limit: limit)) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: entry.uncompressedSize + 1, alignment: 8)
        defer { buffer.deallocate() }
        var filled = 0
        // One byte more than the directory says: the stream sees its end (and checks CRC and size).
        while filled < buffer.count {
            let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if n == 0 { break }
            filled += n
        }
        let result = Array(UnsafeRawBufferPointer(rebasing: buffer[0..<min(filled, entry.uncompressedSize)]))
        guard filled == entry.uncompressedSize else {
            throw fail(.corruptEntry(detail: "unpacked size differs from the directory"))
        }
        return result
    }
}
