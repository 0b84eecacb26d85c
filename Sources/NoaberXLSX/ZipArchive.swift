/// The directory of a zip file, read from its end, and a way to stream each entry.
///
/// An `.xlsx` workbook is a zip of XML parts. The reader trusts the central directory (as every
/// zip tool does), so entries written with a data descriptor (flag bit 3, sizes after the data)
/// read like any other. What it refuses, each with its own `XLSXError.Kind`: encrypted entries
/// (flag bit 0, or method 99 for AES), zip64 (an entry or archive over 4 GiB or more than 65,535
/// entries — far beyond any village's workbook), compression other than stored (0) and deflate
/// (8), and a directory that points past the end of the file (a truncated download).
///
///     let zip = try ZipArchive(path: "registratie.xlsx")
///     if let entry = zip.entry(named: "xl/workbook.xml") {
///         let reader = try zip.open(entry)   // streams and inflates in chunks
///     }
///
/// - Complexity: opening reads the last 64 KiB and the central directory (at most
///   `maximumDirectoryBytes`); entries are then read on demand.
public final class ZipArchive {
    /// One file inside the zip, as the central directory describes it.
    public struct Entry: Sendable, Hashable {
        public let name: String
        public let method: Int
        public let flags: Int
        public let crc32: UInt32
        public let compressedSize: Int
        public let uncompressedSize: Int
        let localHeaderOffset: Int
    }

    /// How much an archive may unpack to. Every entry is inflated in a stream of 64 KiB chunks,
    /// so these limits bound time and the damage of a lying header, not memory.
    public struct Limits: Sendable {
        /// Bytes one entry may unpack to: 3 GiB. A 1,048,576-row sheet (Excel's maximum) of 20
        /// columns is about 1 GB of XML.
        public var maxEntryBytes: Int
        /// Bytes all entries opened from one archive may unpack to together: 4 GiB.
        public var maxTotalBytes: Int
        /// Unpacked bytes per packed byte, checked for entries that unpack to more than
        /// `ratioFloor`: 100, the threshold Apache POI uses (`ZipSecureFile`, minimum inflate
        /// ratio 0.01). Real sheets pack 5–20 to 1 (the 1,000,000-row benchmark sheet: see
        /// docs/benchmarks.md); deflate tops out near 1,032 to 1 on a run of one byte, and a sheet of
        /// one repeated row reaches about 340 to 1.
        public var maxRatio: Int
        /// Below this many unpacked bytes the ratio is not checked: 1 MiB (a small part of
        /// repeated tags can compress extremely without being dangerous).
        public var ratioFloor: Int

        public init(maxEntryBytes: Int = 3 << 30, maxTotalBytes: Int = 4 << 30, maxRatio: Int = 100, ratioFloor: Int = 1 << 20) {
            self.maxEntryBytes = maxEntryBytes
            self.maxTotalBytes = maxTotalBytes
            self.maxRatio = maxRatio
            self.ratioFloor = ratioFloor
        }
    }

    public let name: String
    public let entries: [Entry]
    public let limits: Limits
    /// The file's size in bytes.
    public var size: Int { file.size }
    let file: RandomAccessFile
    /// Bytes unpacked so far from all entries of this archive (see `Limits.maxTotalBytes`).
    var inflatedTotal = 0
    private let index: [String: Int]

    /// The most bytes of central directory read: 16 MiB (65,535 entries of 256-byte names).
    static let maximumDirectoryBytes = 16 << 20

    public convenience init(path: String, limits: Limits = .init()) throws(XLSXError) {
        try self.init(file: RandomAccessFile(path: path), limits: limits)
    }

    public convenience init(bytes: [UInt8], name: String = "<memory>", limits: Limits = .init()) throws(XLSXError) {
        try self.init(file: RandomAccessFile(bytes: bytes, name: name), limits: limits)
    }

    init(file: RandomAccessFile, limits: Limits) throws(XLSXError) {
        self.file = file
        self.name = file.name
        self.limits = limits
        let entries = try Self.readDirectory(file)
        self.entries = entries
        var index: [String: Int] = [:]
        for (i, e) in entries.enumerated() where index[e.name] == nil { index[e.name] = i }
        self.index = index
    }

    public func entry(named name: String) -> Entry? {
        index[name].map { entries[$0] }
    }

    /// A stream over the entry's unpacked bytes, checked against its CRC-32 and size at the end.
    public func open(_ entry: Entry) throws(XLSXError) -> EntryReader {
        func fail(_ kind: XLSXError.Kind) -> XLSXError { XLSXError(file: name, part: entry.name, kind: kind) }
        if entry.flags & 1 != 0 || entry.method == 99 { throw fail(.encryptedEntry) }
        guard entry.method == 0 || entry.method == 8 else { throw fail(.unsupportedCompression(method: entry.method)) }
        guard entry.uncompressedSize <= limits.maxEntryBytes else { throw fail(.inflatedTooLarge(limit: limits.maxEntryBytes)) }
        if entry.uncompressedSize > limits.ratioFloor,
           entry.uncompressedSize / max(entry.compressedSize, 1) >= limits.maxRatio {
            throw fail(.compressionRatio(limit: limits.maxRatio))
        }
        guard let header = try file.bytes(at: entry.localHeaderOffset, count: 30), header.le32(0) == 0x0403_4B50 else {
            throw fail(.truncated(detail: "no local header where the directory says"))
        }
        let dataStart = entry.localHeaderOffset + 30 + header.le16(26) + header.le16(28)
        guard dataStart + entry.compressedSize <= file.size else {
            throw fail(.truncated(detail: "the data of \(entry.name) runs past the end of the file"))
        }
        if entry.method == 0, entry.compressedSize != entry.uncompressedSize {
            throw fail(.corruptEntry(detail: "stored entry with different packed and unpacked sizes"))
        }
        return try EntryReader(archive: self, entry: entry, dataStart: dataStart)
    }

    /// Finds the end-of-central-directory record in the last 64 KiB + 22 bytes and reads the
    /// directory it points to.
    private static func readDirectory(_ file: RandomAccessFile) throws(XLSXError) -> [Entry] {
        func fail(_ kind: XLSXError.Kind) -> XLSXError { XLSXError(file: file.name, kind: kind) }
        let tailLength = min(file.size, 65_535 + 22)
        guard tailLength >= 22, let tail = try file.bytes(at: file.size - tailLength, count: tailLength) else {
            throw fail(.truncated(detail: "no end of central directory: the file ends early"))
        }
        var eocd = -1
        var i = tail.count - 22
        while i >= 0 {
            if tail[i] == 0x50, tail[i + 1] == 0x4B, tail[i + 2] == 5, tail[i + 3] == 6,
               i + 22 + tail.le16(i + 20) == tail.count {
                eocd = i
                break
            }
            i -= 1
        }
        guard eocd >= 0 else { throw fail(.truncated(detail: "no end of central directory: the file ends early")) }
        if eocd >= 20, tail.le32(eocd - 20) == 0x0706_4B50 { throw fail(.zip64) }
        let count = tail.le16(eocd + 10)
        let directorySize = tail.le32(eocd + 12)
        let directoryOffset = tail.le32(eocd + 16)
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF { throw fail(.zip64) }
        guard tail.le16(eocd + 4) == 0, tail.le16(eocd + 6) == 0 else {
            throw fail(.truncated(detail: "a split (multi-disk) zip"))
        }
        let eocdOffset = file.size - tailLength + eocd
        guard directoryOffset + directorySize <= eocdOffset else {
            throw fail(.truncated(detail: "the central directory lies outside the file"))
        }
        guard directorySize <= maximumDirectoryBytes else { throw fail(.truncated(detail: "central directory too large")) }
        guard let directory = try file.bytes(at: directoryOffset, count: directorySize) else {
            throw fail(.truncated(detail: "the central directory is cut short"))
        }
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        var p = 0
        for _ in 0..<count {
            guard p + 46 <= directory.count, directory.le32(p) == 0x0201_4B50 else {
                throw fail(.truncated(detail: "central directory entry \(entries.count + 1) is damaged"))
            }
            let nameLength = directory.le16(p + 28), extraLength = directory.le16(p + 30), commentLength = directory.le16(p + 32)
            guard p + 46 + nameLength + extraLength + commentLength <= directory.count else {
                throw fail(.truncated(detail: "central directory entry \(entries.count + 1) is cut short"))
            }
            let compressed = directory.le32(p + 20), uncompressed = directory.le32(p + 24), offset = directory.le32(p + 42)
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || offset == 0xFFFF_FFFF { throw fail(.zip64) }
            let name = String(decoding: directory[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            guard offset < eocdOffset else { throw fail(.truncated(detail: "entry \(name) lies outside the file")) }
            entries.append(Entry(name: name, method: directory.le16(p + 10), flags: directory.le16(p + 8),
                                 crc32: UInt32(truncatingIfNeeded: directory.le32(p + 16)),
                                 compressedSize: compressed, uncompressedSize: uncompressed, localHeaderOffset: offset))
            p += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }
}
