/// The workbook's shared string table (`xl/sharedStrings.xml`): every text a `t="s"` cell points
/// to by index.
///
/// Held compactly, because a sheet of a million distinct case ids has a million entries: one
/// contiguous byte buffer and one 32-bit end offset per string (about 4 bytes plus the text per
/// string, against some 40 for an array of `String`s). Rich-text runs (`<si><r><t>…</t></r>…`)
/// are concatenated; phonetic hints (`<rPh>`) are left out, as Excel shows them only on request;
/// `_xHHHH_` escapes (how OOXML writes control characters) are decoded. Whitespace is kept as
/// written whether or not `xml:space="preserve"` is set: the importer trims every value anyway.
///
/// - Complexity: O(part size) to read; O(1) to look a string up.
public struct SharedStrings: Sendable {
    private(set) var bytes: [UInt8] = []
    /// `ends[i]` is where string `i` ends in `bytes`; it starts where string `i - 1` ends.
    private(set) var ends: [UInt32] = []

    public var count: Int { ends.count }

    /// The most bytes of text held: 256 MiB. The count is bounded by it too (16.7M strings
    /// would need 64 MiB of offsets on their own).
    public static let maxBytes = 256 << 20
    public static let maxCount = 16 << 20

    public init() {}

    /// Runs `body` over string `index`; nil when there is no such string.
    @inline(__always)
    public func withString<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        guard index >= 0, index < ends.count else { return nil }
        let start = index == 0 ? 0 : Int(ends[index - 1])
        let end = Int(ends[index])
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    public func string(_ index: Int) -> String? {
        withString(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Reads the table from its part.
    static func read(_ xml: XMLScanner) throws(XLSXError) -> SharedStrings {
        var table = SharedStrings()
        var inItem = false
        var inText = false
        var phoneticDepth = 0
        var itemStart = 0
        func tooLarge() -> XLSXError {
            XLSXError(file: xml.file, part: xml.part, kind: .sharedStringsTooLarge(limit: maxBytes))
        }
        while true {
            switch try xml.next() {
            case .start:
                if xml.nameIs(XMLName.si) {
                    inItem = true
                    itemStart = table.bytes.count
                    if xml.isEmptyElement {
                        inItem = false
                        guard table.ends.count < maxCount else { throw tooLarge() }
                        table.ends.append(UInt32(table.bytes.count))
                    }
                } else if xml.nameIs(XMLName.rPh) {
                    if !xml.isEmptyElement { phoneticDepth += 1 }
                } else if xml.nameIs(XMLName.t), inItem, !xml.isEmptyElement {
                    inText = true
                } else if xml.nameIs("sst"), let count = try? xml.attribute("uniqueCount").flatMap({ Int($0) }) {
                    table.ends.reserveCapacity(min(max(count, 0), 1 << 20))
                }
            case .end:
                if xml.nameIs(XMLName.si) {
                    guard inItem else { throw xml.fail("</si> without <si>") }
                    inItem = false
                    OOXMLEscapes.decode(&table.bytes, from: itemStart)
                    guard table.ends.count < maxCount else { throw tooLarge() }
                    table.ends.append(UInt32(table.bytes.count))
                } else if xml.nameIs(XMLName.rPh) {
                    phoneticDepth = max(0, phoneticDepth - 1)
                } else if xml.nameIs(XMLName.t) {
                    inText = false
                }
            case .text:
                if inText, inItem, phoneticDepth == 0 {
                    guard table.bytes.count + xml.textCount <= maxBytes else { throw tooLarge() }
                    xml.withText { table.bytes.append(contentsOf: $0) }
                }
            case .endOfDocument:
                return table
            }
        }
    }
}

/// OOXML's escape for characters XML cannot hold (ST_Xstring): `_x000D_` is a carriage return,
/// `_x005F_` an underscore (so `_x005F_x000D_` is the literal text `_x000D_`).
enum OOXMLEscapes {
    /// Decodes the escapes in `bytes[from...]` in place; a no-op (one scan) without `_x`.
    static func decode(_ bytes: inout [UInt8], from start: Int) {
        guard bytes.count - start >= 7 else { return }
        var found = false
        for i in start..<(bytes.count - 6) where bytes[i] == UInt8(ascii: "_") && bytes[i + 1] == UInt8(ascii: "x") {
            found = true
            break
        }
        guard found else { return }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count - start)
        var i = start
        while i < bytes.count {
            if i + 6 < bytes.count, bytes[i] == UInt8(ascii: "_"), bytes[i + 1] == UInt8(ascii: "x"), bytes[i + 6] == UInt8(ascii: "_"),
               let value = hex4(bytes, i + 2), let scalar = Unicode.Scalar(value) {
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                i += 7
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        bytes.replaceSubrange(start..., with: out)
    }

    private static func hex4(_ b: [UInt8], _ at: Int) -> UInt32? {
        var v: UInt32 = 0
        for k in at..<(at + 4) {
            let c = b[k]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - 55)
            default: return nil
            }
            v = v * 16 + d
        }
        return v
    }
}
