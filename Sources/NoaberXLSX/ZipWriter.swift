import CZlib

/// Writes a zip archive in memory: the container of an `.xlsx` workbook.
///
/// Entries are stored or deflated (zlib's raw deflate, `deflateInit2` with −15 window bits, as
/// zip entries hold no zlib header), each with its CRC-32 (zlib's `crc32`) in the local header and
/// the central directory, so the reader's checks (`ZipArchive`, `EntryReader`) pass and Excel and
/// LibreOffice open the result. Every entry carries the same fixed date (1 January 1980, the zip
/// epoch): the same entries give the same bytes, so generated files can be committed and compared.
///
///     var zip = ZipWriter()
///     zip.add("xl/workbook.xml", Array(xml.utf8))
///     let bytes = try zip.finish()
///
/// No zip64: an archive of more than 65,535 entries or 4 GiB is refused (`ZipWriter.Failure`).
/// A registration workbook is a few kilobytes.
///
/// - Complexity: O(total size); deflate runs once per entry over its whole content.
public struct ZipWriter: Sendable {
    public enum Method: Sendable {
        /// Copied as is (method 0).
        case stored
        /// Raw deflate at zlib's level 6 (method 8).
        case deflated
    }

    /// Why an archive could not be written.
    public enum Failure: Error, Sendable, Equatable {
        /// More than 65,535 entries or 4 GiB: would need zip64.
        case tooLarge
        /// zlib refused to start or to finish (out of memory).
        case zlib(Int32)
        /// Two entries with the same name.
        case duplicateName(String)
    }

    private struct Pending: Sendable {
        var name: [UInt8]
        var data: [UInt8]
        var method: Method
    }

    private var pending: [Pending] = []

    public init() {}

    /// Adds an entry; `name` is its path inside the zip (`/` separated, no leading `/`).
    public mutating func add(_ name: String, _ data: [UInt8], method: Method = .deflated) {
        pending.append(Pending(name: Array(name.utf8), data: data, method: method))
    }

    /// The archive's bytes: local headers and data in the order added, then the central
    /// directory and its end record.
    public func finish() throws(Failure) -> [UInt8] {
        guard pending.count <= 0xFFFF else { throw .tooLarge }
        var seen: Set<[UInt8]> = []
        for entry in pending where !seen.insert(entry.name).inserted {
            throw .duplicateName(String(decoding: entry.name, as: UTF8.self))
        }
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in pending {
            let crc = Self.crc32(entry.data)
            let packed: [UInt8]
            let method: Int
            switch entry.method {
            case .stored: packed = entry.data; method = 0
            case .deflated: packed = try Self.deflate(entry.data); method = 8
            }
            guard entry.data.count <= 0xFFFF_FFFF, packed.count <= 0xFFFF_FFFF, out.count <= 0xFFFF_FFFF else { throw .tooLarge }
            let offset = out.count
            // Local file header (APPNOTE 4.3.7): version 2.0, no flags, DOS time 0:00, date 1980-01-01.
            Self.le32(0x0403_4B50, &out); Self.le16(20, &out); Self.le16(0, &out); Self.le16(method, &out)
            Self.le16(0, &out); Self.le16(Self.dosDate, &out); Self.le32(Int(crc), &out)
            Self.le32(packed.count, &out); Self.le32(entry.data.count, &out)
            Self.le16(entry.name.count, &out); Self.le16(0, &out)
            out += entry.name
            out += packed
            // Central directory header (4.3.12), made by "MS-DOS" 2.0, no attributes.
            Self.le32(0x0201_4B50, &central); Self.le16(20, &central); Self.le16(20, &central); Self.le16(0, &central)
            Self.le16(method, &central); Self.le16(0, &central); Self.le16(Self.dosDate, &central); Self.le32(Int(crc), &central)
            Self.le32(packed.count, &central); Self.le32(entry.data.count, &central)
            Self.le16(entry.name.count, &central); Self.le16(0, &central); Self.le16(0, &central)
            Self.le16(0, &central); Self.le16(0, &central); Self.le32(0, &central); Self.le32(offset, &central)
            central += entry.name
        }
        let directoryOffset = out.count
        guard directoryOffset <= 0xFFFF_FFFF, central.count <= 0xFFFF_FFFF else { throw .tooLarge }
        out += central
        // End of central directory record (4.3.16).
        Self.le32(0x0605_4B50, &out); Self.le16(0, &out); Self.le16(0, &out)
        Self.le16(pending.count, &out); Self.le16(pending.count, &out)
        Self.le32(central.count, &out); Self.le32(directoryOffset, &out); Self.le16(0, &out)
        return out
    }

    /// 1980-01-01 in MS-DOS date format (year since 1980 << 9 | month << 5 | day).
    static let dosDate = 0x0021

    /// zlib's CRC-32 of `data`.
    public static func crc32(_ data: [UInt8]) -> UInt32 {
        data.withUnsafeBufferPointer { b in
            var crc = CZlib.crc32(0, nil, 0)
            var start = 0
            // zlib takes a 32-bit length; feed larger buffers in pieces.
            while start < b.count {
                let n = min(b.count - start, 1 << 30)
                crc = CZlib.crc32(crc, b.baseAddress.map { $0 + start }, UInt32(n))
                start += n
            }
            return UInt32(truncatingIfNeeded: crc)
        }
    }

    /// Raw deflate of `data` at zlib's default level.
    static func deflate(_ data: [UInt8]) throws(Failure) -> [UInt8] {
        guard data.count < 0xFFFF_FFFF else { throw .tooLarge }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deinitialize(count: 1); stream.deallocate() }
        let started = noaber_deflate_init_raw(stream, Z_DEFAULT_COMPRESSION)
        guard started == Z_OK else { throw .zlib(started) }
        defer { deflateEnd(stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(stream, UInt(data.count))) + 64)
        var input = data
        let status: Int32 = input.withUnsafeMutableBufferPointer { inb in
            out.withUnsafeMutableBufferPointer { outb in
                stream.pointee.next_in = inb.baseAddress
                stream.pointee.avail_in = UInt32(inb.count)
                stream.pointee.next_out = outb.baseAddress
                stream.pointee.avail_out = UInt32(outb.count)
                // The bound holds the whole output, so one call with Z_FINISH ends the stream.
                return CZlib.deflate(stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw .zlib(status) }
        out.removeSubrange(Int(stream.pointee.total_out)...)
        return out
    }

    static func le16(_ v: Int, _ b: inout [UInt8]) { b += [UInt8(truncatingIfNeeded: v), UInt8(truncatingIfNeeded: v >> 8)] }
    static func le32(_ v: Int, _ b: inout [UInt8]) { le16(v & 0xFFFF, &b); le16((v >> 16) & 0xFFFF, &b) }
}
