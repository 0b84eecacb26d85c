#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming pull tokenizer for the subset of XML that workbook parts use: elements with
/// attributes, text, the five named entities and numeric character references, CDATA sections,
/// comments and processing instructions (skipped). Works on bytes; no DOM, no `String` per token.
///
/// A DOCTYPE is refused (OOXML has none, and internal entity definitions are the classic
/// "billion laughs" bomb). Names are compared by their local part, so `x:row` is `row`: some
/// generators write the spreadsheet namespace with a prefix.
///
///     let xml = XMLScanner(reader: entryReader, file: "w.xlsx", part: "xl/workbook.xml")
///     while true {
///         switch try xml.next() {
///         case .start where xml.nameIs(XMLName.sheet): let name = try xml.attribute(XMLName.name)
///         case .endOfDocument: return
///         default: continue
///         }
///     }
///
/// Everything the scanner hands out (names, attribute values, text) is valid only until the next
/// call to `next()`. A text or tag longer than `maxTokenBytes` is an error, so memory stays at
/// one chunk plus the longest token.
///
/// - Complexity: O(n) in the part's size; each byte is looked at a small constant number of times.
///
/// Its stored properties (and the sheet reader's) are `@exclusivity(unchecked)`, like
/// `CSVReader`'s parser: no access to them can overlap another (the scanner is one thread's, and
/// every closure that runs while one is accessed touches only others), and the dynamic checks
/// were 20 % of a workbook import's cycles (perf, 20,000-row sheet: `swift_beginAccess` and its
/// thread-local lookups in `readCell` and `parseTag`).
public final class XMLScanner {
    public enum Token: Equatable {
        /// A start tag; `isEmptyElement` says whether it was `<x/>` (no `.end` follows then).
        case start
        case end
        /// Character data between tags, entities decoded (CDATA too).
        case text
        case endOfDocument
    }

    /// The byte source: an entry of the zip, or bytes in memory (tests, small parts).
    enum Source {
        case entry(EntryReader)
        case memory([UInt8], offset: Int)
    }

    @exclusivity(unchecked) private var source: Source
    let file: String
    let part: String
    let maxTokenBytes: Int

    @exclusivity(unchecked) private var buffer: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    /// Bytes read per refill (the buffer grows past it only for a token that needs more).
    private let readSize: Int
    /// The unread bytes are `buffer[position..<filled]`.
    @exclusivity(unchecked) private var position = 0
    @exclusivity(unchecked) private var filled = 0
    @exclusivity(unchecked) private var atEnd = false

    /// The current tag's local name, as offsets into `buffer`.
    @exclusivity(unchecked) private var nameStart = 0
    @exclusivity(unchecked) private var nameEnd = 0
    @exclusivity(unchecked) public private(set) var isEmptyElement = false
    /// Up to `maxAttributes` attributes of the current start tag: local-name and value ranges.
    @exclusivity(unchecked) private var attributes: UnsafeMutablePointer<AttributeSpan>
    @exclusivity(unchecked) private var attributeCount = 0
    /// The current text: a range of `buffer`, or `decoded` when it had entities.
    @exclusivity(unchecked) private var textStart = 0
    @exclusivity(unchecked) private var textEnd = 0
    @exclusivity(unchecked) private var textIsDecoded = false
    @exclusivity(unchecked) private var decoded: [UInt8] = []
    @exclusivity(unchecked) private var attributeScratch: [UInt8] = []

    struct AttributeSpan {
        var nameStart = 0, nameEnd = 0, valueStart = 0, valueEnd = 0
        var hasEntity = false
    }

    static let chunkSize = 256 * 1024
    /// More attributes on one tag are read past and ignored; OOXML tags carry at most a dozen.
    static let maxAttributes = 32

    public convenience init(reader: EntryReader, file: String, maxTokenBytes: Int = 4 << 20) {
        self.init(source: .entry(reader), file: file, part: reader.entry.name, maxTokenBytes: maxTokenBytes)
    }

    public convenience init(bytes: [UInt8], file: String = "<memory>", part: String = "<xml>", maxTokenBytes: Int = 4 << 20) {
        self.init(source: .memory(bytes, offset: 0), file: file, part: part, maxTokenBytes: maxTokenBytes)
    }

    /// `chunkSize`: bytes read per refill (the fuzzer compares 1–16 with the default, so that
    /// every token straddles a refill somewhere).
    init(source: Source, file: String, part: String, maxTokenBytes: Int, chunkSize: Int = XMLScanner.chunkSize) {
        self.source = source
        self.file = file
        self.part = part
        self.maxTokenBytes = max(64, maxTokenBytes)
        self.readSize = max(1, chunkSize)
        capacity = max(1, chunkSize)
        buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        attributes = UnsafeMutablePointer<AttributeSpan>.allocate(capacity: Self.maxAttributes)
        attributes.initialize(repeating: AttributeSpan(), count: Self.maxAttributes)
    }

    deinit {
        buffer.deallocate()
        attributes.deallocate()
        endsName.deallocate()
    }

    /// Packed bytes of the entry read so far (for progress), or bytes consumed in memory.
    public var sourceBytesRead: Int {
        switch source {
        case .entry(let reader): return reader.compressedBytesRead
        case .memory(_, let offset): return offset
        }
    }

    func fail(_ detail: String) -> XLSXError {
        XLSXError(file: file, part: part, kind: .malformedXML(detail: detail))
    }

    // MARK: Reading

    /// Moves the unread bytes to the front, grows the buffer when a token needs more room, and
    /// reads more. Returns false at the end of the input.
    private func refill() throws(XLSXError) -> Bool {
        if atEnd { return false }
        let unread = filled - position
        if position > 0 {
            if unread > 0 { buffer.update(from: buffer + position, count: unread) }
            filled = unread
            position = 0
        }
        if filled == capacity {
            guard capacity < maxTokenBytes + readSize else {
                throw XLSXError(file: file, part: part, kind: .tokenTooLarge(limit: maxTokenBytes))
            }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.update(from: buffer, count: filled)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        let room = UnsafeMutableRawBufferPointer(start: buffer + filled, count: min(capacity - filled, readSize))
        let n: Int
        switch source {
        case .entry(let reader):
            n = try reader.read(into: room)
        case .memory(let bytes, let offset):
            n = min(room.count, bytes.count - offset)
            if n > 0 {
                bytes.withUnsafeBytes { src in
                    if let base = src.baseAddress { room.baseAddress?.copyMemory(from: base + offset, byteCount: n) }
                }
            }
            source = .memory(bytes, offset: offset + n)
        }
        if n == 0 { atEnd = true; return false }
        filled += n
        return true
    }

    /// The next token. Comments, processing instructions and the XML declaration are skipped.
    public func next() throws(XLSXError) -> Token {
        while true {
            if position == filled {
                guard try refill() else { return .endOfDocument }
            }
            if buffer[position] == UInt8(ascii: "<") {
                if let token = try tag() { return token }
                continue
            }
            return try textToken()
        }
    }

    /// Character data up to the next `<` (or the end). `memchr` finds the `<` and then any `&`:
    /// most text in a sheet is a short value, and the byte loop this replaced was 2 % of an import.
    private func textToken() throws(XLSXError) -> Token {
        var scan = position
        while true {
            if let lt = memchr(buffer + scan, Int32(UInt8(ascii: "<")), filled - scan) {
                scan = buffer.distance(to: lt.assumingMemoryBound(to: UInt8.self))
                break
            }
            scan = filled
            if scan - position > maxTokenBytes { throw XLSXError(file: file, part: part, kind: .tokenTooLarge(limit: maxTokenBytes)) }
            let offset = scan - position
            guard try refill() else { scan = filled; break }
            scan = position + offset
        }
        if scan - position > maxTokenBytes { throw XLSXError(file: file, part: part, kind: .tokenTooLarge(limit: maxTokenBytes)) }
        textStart = position
        textEnd = scan
        position = scan
        textIsDecoded = false
        if textEnd > textStart, memchr(buffer + textStart, Int32(UInt8(ascii: "&")), textEnd - textStart) != nil {
            decoded.removeAll(keepingCapacity: true)
            try decode(from: textStart, to: textEnd, into: &decoded)
            textIsDecoded = true
        }
        return .text
    }

    /// Makes sure `count` bytes from `position` are in the buffer; false if the input ends first.
    private func ensure(_ count: Int) throws(XLSXError) -> Bool {
        while filled - position < count {
            guard try refill() else { return false }
        }
        return true
    }

    /// Reads the tag at `position`; nil for something skipped (comment, PI).
    private func tag() throws(XLSXError) -> Token? {
        // Look ahead for the kind of markup.
        _ = try ensure(9)
        let available = filled - position
        if available >= 2, buffer[position + 1] == UInt8(ascii: "?") {
            try skip(past: [UInt8(ascii: "?"), UInt8(ascii: ">")], from: 2)
            return nil
        }
        if available >= 2, buffer[position + 1] == UInt8(ascii: "!") {
            if available >= 4, buffer[position + 2] == UInt8(ascii: "-"), buffer[position + 3] == UInt8(ascii: "-") {
                try skip(past: Array("-->".utf8), from: 4)
                return nil
            }
            if available >= 9, matches(Array("[CDATA[".utf8), at: position + 2) {
                return try cdata()
            }
            if available >= 9, matches(Array("DOCTYPE".utf8), at: position + 2) {
                throw XLSXError(file: file, part: part, kind: .doctype)
            }
            throw fail("unexpected <! markup")
        }
        // A start or end tag: parse it in one pass; if the buffer ends inside it, read more and
        // parse again from its '<'.
        while true {
            if let token = try parseTag() { return token }
            guard filled - position <= maxTokenBytes else {
                throw XLSXError(file: file, part: part, kind: .tokenTooLarge(limit: maxTokenBytes))
            }
            guard try refill() else { throw bad("the part ends inside a tag", filled) }
        }
    }

    private func matches(_ literal: [UInt8], at offset: Int) -> Bool {
        guard offset + literal.count <= filled else { return false }
        for (k, b) in literal.enumerated() where buffer[offset + k] != b { return false }
        return true
    }

    /// Skips to just after `terminator`, searching from `position + from`.
    private func skip(past terminator: [UInt8], from: Int) throws(XLSXError) {
        var scan = position + from
        while true {
            while scan + terminator.count <= filled {
                if buffer[scan] == terminator[0], matches(terminator, at: scan) {
                    try checkLength(scan + terminator.count)
                    position = scan + terminator.count
                    return
                }
                scan += 1
            }
            let offset = scan - position
            if offset > maxTokenBytes { throw XLSXError(file: file, part: part, kind: .tokenTooLarge(limit: maxTokenBytes)) }
            guard try refill() else { throw bad("the part ends inside a comment or declaration", filled) }
            scan = position + offset
        }
    }

    private func cdata() throws(XLSXError) -> Token {
        let terminator = Array("]]>".utf8)
        var scan = position + 9
        while true {
            while scan + 3 <= filled {
                if buffer[scan] == UInt8(ascii: "]"), matches(terminator, at: scan) {
                    try checkLength(scan + 3)
                    decoded.removeAll(keepingCapacity: true)
                    decoded.append(contentsOf: UnsafeBufferPointer(start: buffer + position + 9, count: scan - position - 9))
                    textIsDecoded = true
                    position = scan + 3
                    return .text
                }
                scan += 1
            }
            let offset = scan - position
            if offset > maxTokenBytes { throw XLSXError(file: file, part: part, kind: .tokenTooLarge(limit: maxTokenBytes)) }
            guard try refill() else { throw bad("the part ends inside CDATA", filled) }
            scan = position + offset
        }
    }

    @inline(__always)
    private static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09
    }

    /// Bytes that end a name: spaces, `>`, `/`, `=`, quotes, `<`; one table lookup per byte
    /// instead of nine comparisons (names are most of a sheet's tags).
    private static let nameEnders: [Bool] = (0..<256).map { c in
        [0x20, 0x0A, 0x0D, 0x09, 0x3E, 0x2F, 0x3D, 0x22, 0x27, 0x3C].contains(c)
    }
    private let endsName: UnsafeMutablePointer<Bool> = {
        let table = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
        for c in 0..<256 { table[c] = XMLScanner.nameEnders[c] }
        return table
    }()

    @inline(__always)
    private func isNameByte(_ c: UInt8) -> Bool {
        !endsName[Int(c)]
    }

    /// Parses `<name attr="v" …>`, `<name …/>` or `</name>` at `position`; nil when the buffer
    /// ends before the tag does.
    /// A problem at `i` inside the token that starts at `position`: when the token is already
    /// longer than the limit there, the limit is the error (the first problem in file order), so
    /// the error never depends on how much of the input was read at once.
    private func bad(_ detail: String, _ i: Int) -> XLSXError {
        i - position > maxTokenBytes ? XLSXError(file: file, part: part, kind: .tokenTooLarge(limit: maxTokenBytes)) : fail(detail)
    }

    @inline(__always)
    private func checkLength(_ end: Int) throws(XLSXError) {
        if end - position > maxTokenBytes { throw XLSXError(file: file, part: part, kind: .tokenTooLarge(limit: maxTokenBytes)) }
    }

    private func parseTag() throws(XLSXError) -> Token? {
        var i = position + 1
        let end = filled
        guard i < end else { return nil }
        let closing = buffer[i] == UInt8(ascii: "/")
        if closing { i += 1 }
        let qualifiedStart = i
        var localStart = i
        while i < end, isNameByte(buffer[i]) {
            if buffer[i] == UInt8(ascii: ":") { localStart = i + 1 }
            i += 1
        }
        guard i < end else { return nil }
        guard i > qualifiedStart, localStart < i else { throw bad("a tag without a name", i) }
        nameStart = localStart
        nameEnd = i
        if closing {
            while i < end, Self.isSpace(buffer[i]) { i += 1 }
            guard i < end else { return nil }
            guard buffer[i] == UInt8(ascii: ">") else { throw bad("junk in an end tag", i) }
            try checkLength(i + 1)
            position = i + 1
            isEmptyElement = false
            attributeCount = 0
            return .end
        }
        attributeCount = 0
        while true {
            while i < end, Self.isSpace(buffer[i]) { i += 1 }
            guard i < end else { return nil }
            let c = buffer[i]
            if c == UInt8(ascii: ">") {
                try checkLength(i + 1)
                position = i + 1
                isEmptyElement = false
                return .start
            }
            if c == UInt8(ascii: "/") {
                guard i + 1 < end else { return nil }
                guard buffer[i + 1] == UInt8(ascii: ">") else { throw bad("'/' not followed by '>' in a tag", i) }
                try checkLength(i + 2)
                position = i + 2
                isEmptyElement = true
                return .start
            }
            // An attribute: name = "value" or 'value'.
            let attrQualified = i
            var attrLocal = i
            while i < end, isNameByte(buffer[i]) {
                if buffer[i] == UInt8(ascii: ":") { attrLocal = i + 1 }
                i += 1
            }
            guard i < end else { return nil }
            guard i > attrQualified else { throw bad("unexpected character in a tag", i) }
            let attrNameEnd = i
            while i < end, Self.isSpace(buffer[i]) { i += 1 }
            guard i < end else { return nil }
            guard buffer[i] == UInt8(ascii: "=") else { throw bad("attribute without a value", i) }
            i += 1
            while i < end, Self.isSpace(buffer[i]) { i += 1 }
            guard i < end else { return nil }
            let quote = buffer[i]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { throw bad("attribute value without quotes", i) }
            i += 1
            let valueStart = i
            var hasEntity = false
            while i < end, buffer[i] != quote {
                if buffer[i] == UInt8(ascii: "&") { hasEntity = true }
                if buffer[i] == UInt8(ascii: "<") { throw bad("'<' in an attribute value", i) }
                i += 1
            }
            guard i < end else { return nil }
            if attributeCount < Self.maxAttributes {
                attributes[attributeCount] = AttributeSpan(nameStart: attrLocal, nameEnd: attrNameEnd,
                                                           valueStart: valueStart, valueEnd: i, hasEntity: hasEntity)
                attributeCount += 1
            }
            i += 1
        }
    }

    // MARK: Access to the current token

    /// The current tag's local name.
    public var localName: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: buffer + nameStart, count: nameEnd - nameStart)
    }

    /// Whether the current tag's local name is `name`. A `StaticString`: comparing with an array
    /// cost a retain and a release per call, several per cell.
    @inline(__always)
    public func nameIs(_ name: StaticString) -> Bool {
        nameEnd - nameStart == name.utf8CodeUnitCount && memcmp(buffer + nameStart, name.utf8Start, nameEnd - nameStart) == 0
    }

    /// The raw (undecoded) value of attribute `name` (local name) of the current start tag.
    @inline(__always)
    public func rawAttribute(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let k = attributeIndex(name) else { return nil }
        let a = attributes[k]
        return UnsafeBufferPointer(start: buffer + a.valueStart, count: a.valueEnd - a.valueStart)
    }

    private func attributeIndex(_ name: StaticString) -> Int? {
        let count = name.utf8CodeUnitCount
        for k in 0..<attributeCount {
            let a = attributes[k]
            if a.nameEnd - a.nameStart == count, memcmp(buffer + a.nameStart, name.utf8Start, count) == 0 { return k }
        }
        return nil
    }

    /// The value of attribute `name` with entities decoded, as bytes; nil when absent.
    public func attributeBytes(_ name: StaticString) throws(XLSXError) -> [UInt8]? {
        guard let k = attributeIndex(name) else { return nil }
        let a = attributes[k]
        if !a.hasEntity { return Array(UnsafeBufferPointer(start: buffer + a.valueStart, count: a.valueEnd - a.valueStart)) }
        attributeScratch.removeAll(keepingCapacity: true)
        try decode(from: a.valueStart, to: a.valueEnd, into: &attributeScratch)
        return attributeScratch
    }

    /// The value of attribute `name` as a String (entities decoded); for the small parts only.
    public func attribute(_ name: StaticString) throws(XLSXError) -> String? {
        try attributeBytes(name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The length of the current text token in bytes (entities decoded).
    public var textCount: Int { textIsDecoded ? decoded.count : textEnd - textStart }

    /// Runs `body` over the current text token's bytes (entities decoded).
    @inline(__always)
    public func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if textIsDecoded { return try decoded.withUnsafeBufferPointer(body) }
        return try body(UnsafeBufferPointer(start: buffer + textStart, count: textEnd - textStart))
    }

    // MARK: Entities

    /// Decodes `&amp; &lt; &gt; &quot; &apos; &#N; &#xH;` in `buffer[from..<to]` into `out`.
    private func decode(from: Int, to: Int, into out: inout [UInt8]) throws(XLSXError) {
        var i = from
        while i < to {
            let c = buffer[i]
            guard c == UInt8(ascii: "&") else { out.append(c); i += 1; continue }
            var semicolon = i + 1
            while semicolon < to, semicolon - i < 12, buffer[semicolon] != UInt8(ascii: ";") { semicolon += 1 }
            guard semicolon < to, buffer[semicolon] == UInt8(ascii: ";") else { throw fail("'&' without an entity") }
            let name = UnsafeBufferPointer(start: buffer + i + 1, count: semicolon - i - 1)
            if let byte = Self.namedEntity(name) {
                out.append(byte)
            } else if name.count >= 2, name[0] == UInt8(ascii: "#") {
                var value: UInt32 = 0
                let hex = name[1] == UInt8(ascii: "x") || name[1] == UInt8(ascii: "X")
                let digits = hex ? name.dropFirst(2) : name.dropFirst(1)
                guard !digits.isEmpty else { throw fail("empty character reference") }
                for d in digits {
                    let v: UInt32
                    switch d {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(d - 48)
                    case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: v = UInt32(d - 87)
                    case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: v = UInt32(d - 55)
                    default: throw fail("bad character reference")
                    }
                    value = value * (hex ? 16 : 10) + v
                    guard value <= 0x10FFFF else { throw fail("character reference out of range") }
                }
                guard let scalar = Unicode.Scalar(value), value != 0 else { throw fail("character reference to no character") }
                out.append(contentsOf: UTF8.encode(scalar).map { Array($0) } ?? [])
            } else {
                throw fail("unknown entity")
            }
            i = semicolon + 1
        }
    }

    private static func namedEntity(_ name: UnsafeBufferPointer<UInt8>) -> UInt8? {
        switch name.count {
        case 2:
            if name[1] == UInt8(ascii: "t") {
                if name[0] == UInt8(ascii: "l") { return UInt8(ascii: "<") }
                if name[0] == UInt8(ascii: "g") { return UInt8(ascii: ">") }
            }
        case 3:
            if name[0] == UInt8(ascii: "a"), name[1] == UInt8(ascii: "m"), name[2] == UInt8(ascii: "p") { return UInt8(ascii: "&") }
        case 4:
            if name.elementsEqual("quot".utf8) { return UInt8(ascii: "\"") }
            if name.elementsEqual("apos".utf8) { return UInt8(ascii: "'") }
        default: break
        }
        return nil
    }
}

/// The element and attribute names the workbook readers look for, as bytes.
public enum XMLName {
    public static let row: StaticString = "row"
    public static let c: StaticString = "c"
    public static let v: StaticString = "v"
    public static let f: StaticString = "f"
    public static let t: StaticString = "t"
    public static let r: StaticString = "r"
    public static let s: StaticString = "s"
    public static let `is`: StaticString = "is"
    public static let si: StaticString = "si"
    public static let rPh: StaticString = "rPh"
    public static let sheetData: StaticString = "sheetData"
    public static let sheet: StaticString = "sheet"
    public static let name: StaticString = "name"
    public static let id: StaticString = "id"
    public static let state: StaticString = "state"
    public static let workbookPr: StaticString = "workbookPr"
    public static let date1904: StaticString = "date1904"
    public static let relationship: StaticString = "Relationship"
    public static let target: StaticString = "Target"
    public static let type: StaticString = "Type"
    public static let idAttribute: StaticString = "Id"
    public static let numFmt: StaticString = "numFmt"
    public static let numFmtId: StaticString = "numFmtId"
    public static let formatCode: StaticString = "formatCode"
    public static let cellXfs: StaticString = "cellXfs"
    public static let xf: StaticString = "xf"
    public static let override: StaticString = "Override"
}
