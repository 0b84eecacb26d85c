/// A streaming, strict RFC 4180 CSV reader that works on bytes and reports positions.
///
/// Reads a file in chunks (256 KiB by default), so memory stays bounded by the chunk size
/// plus the current record, whatever the file size. Detects the encoding (UTF-8 with or
/// without byte order mark, else Windows-1252, transcoded to UTF-8) and the delimiter
/// (`,` `;` or tab, from the header) unless told. Quoted fields may contain delimiters,
/// doubled quotes and line breaks. Line ends may be LF, CRLF or a lone CR, each one break.
///
///     let reader = try CSVReader(path: "export.csv")
///     while try reader.next() {
///         let caseID = reader.field(0)
///         reader.withField(3) { bytes in parseDate(bytes) }   // no String allocated
///     }
///
/// Malformed input is an error, never a guess: an unterminated quote, text after a closing
/// quote (`"a"junk`), a quote inside an unquoted field (`ab"c`), a NUL byte, or a field, record
/// or input beyond the limits each throw a `CSVError` with file, line and field. A path that is
/// not a regular file (a pipe, a device such as `/dev/zero`) is refused when it is opened. After an
/// error the reader stays failed and `next()` throws the same error again.
///
/// Whitespace is data (nothing is trimmed) and ragged records come back as they are: how
/// many fields a record should have is the caller's business.
///
/// - Complexity: O(n) in the input size; detecting the encoding reads the input once more
///   (unless it starts with a byte order mark), detecting the delimiter reads the header.
public final class CSVReader {
    /// How to read; `nil` means detect.
    public struct Options: Sendable {
        /// nil: the most frequent of `,` `;` tab outside quotes in the first record; ties
        /// prefer `,` then `;`; a header with none of them gives `,`.
        public var delimiter: UInt8?
        /// nil: a UTF-8 byte order mark means UTF-8 (the mark is skipped); otherwise the
        /// whole input is checked first and read as UTF-8 if valid, else as Windows-1252.
        /// Forcing `.utf8` on invalid input reads on: `field(_:)` shows U+FFFD for bad bytes.
        public var encoding: TextEncoding?
        /// The longest field allowed, in UTF-8 bytes as it stands in the file without the
        /// enclosing quotes (a doubled quote counts twice). Bounds the reader's memory.
        public var maxFieldBytes: Int
        /// The most fields one record may have.
        public var maxFields: Int
        /// The most input bytes read (as they stand in the file, before transcoding); checked at
        /// every refill, so input that never ends (a growing file) stops here.
        public var maxInputBytes: Int

        public init(delimiter: UInt8? = nil, encoding: TextEncoding? = nil,
                    maxFieldBytes: Int = 1 << 20, maxFields: Int = 4096, maxInputBytes: Int = CSVReader.defaultMaxInputBytes) {
            self.delimiter = delimiter
            self.encoding = encoding
            self.maxFieldBytes = maxFieldBytes
            self.maxFields = maxFields
            self.maxInputBytes = maxInputBytes
        }
    }

    /// The bytes read from the input per refill in production.
    static let defaultChunkSize = 256 * 1024
    /// The default `Options.maxInputBytes`: 4 GiB.
    public static let defaultMaxInputBytes = 4 << 30

    /// The path or label given at creation; used in every error.
    public let name: String
    public private(set) var delimiter: UInt8
    public private(set) var encoding: TextEncoding
    /// True when the input started with a UTF-8 byte order mark (which the reader skipped).
    public private(set) var hadByteOrderMark: Bool
    /// Input bytes consumed so far, counted a chunk at a time (for progress reporting);
    /// equals the input's size once `next()` has returned false.
    public var bytesRead: Int { parser.bytesRead }

    /// The parser and the current record.
    ///
    /// `@exclusivity(unchecked)`: every access to `parser` is over before any caller code runs
    /// (`withField` copies the record's array reference, a retain, before calling its body), so
    /// no two accesses can overlap and the dynamic check, which cost about 80 instructions on
    /// every field read, protects nothing. Not `Sendable`: one thread at a time, as before.
    @exclusivity(unchecked) @usableFromInline var parser: Parser
    @exclusivity(unchecked) var failure: CSVError?

    /// Opens the file at `path`; it is read in chunks, never whole.
    public convenience init(path: String, options: Options = .init()) throws(CSVError) {
        try self.init(source: ByteSource(path: path), name: path, options: options, chunkSize: Self.defaultChunkSize)
    }

    /// Reads `bytes` in memory; `name` stands for the file in errors.
    public convenience init(bytes: [UInt8], name: String = "<memory>", options: Options = .init()) throws(CSVError) {
        try self.init(bytes: bytes, name: name, options: options, chunkSize: Self.defaultChunkSize)
    }

    /// For tests: a tiny `chunkSize` makes quotes, CRLF and multi-byte characters straddle
    /// chunk boundaries.
    convenience init(bytes: [UInt8], name: String = "<memory>", options: Options = .init(), chunkSize: Int) throws(CSVError) {
        try self.init(source: ByteSource(bytes: bytes, name: name), name: name, options: options, chunkSize: chunkSize)
    }

    /// For tests: the file variant of `init(bytes:name:options:chunkSize:)`.
    convenience init(path: String, options: Options = .init(), chunkSize: Int) throws(CSVError) {
        try self.init(source: ByteSource(path: path), name: path, options: options, chunkSize: chunkSize)
    }

    init(source: ByteSource, name: String, options: Options, chunkSize requestedChunkSize: Int) throws(CSVError) {
        if let delimiter = options.delimiter, Self.forbiddenDelimiters.contains(delimiter) {
            let reason = "the delimiter cannot be a quote, CR, LF or NUL byte"
            throw CSVError(file: name, line: 0, field: nil, kind: .unreadable(reason: reason))
        }
        let chunkSize = max(1, requestedChunkSize)
        let startsWithMark = try Self.startsWithByteOrderMark(source, name: name)
        let encoding: TextEncoding
        switch options.encoding {
        case .windows1252?:
            encoding = .windows1252
            hadByteOrderMark = false
        case .utf8?:
            encoding = .utf8
            hadByteOrderMark = startsWithMark
        case nil:
            encoding = startsWithMark ? .utf8 : try Self.detectEncoding(source, chunkSize: chunkSize, limit: options.maxInputBytes)
            hadByteOrderMark = startsWithMark
        }
        let dataStart = hadByteOrderMark ? 3 : 0
        if let delimiter = options.delimiter {
            self.delimiter = delimiter
        } else {
            delimiter = try Self.detectDelimiter(source, from: dataStart, chunkSize: chunkSize)
        }
        try source.seek(to: dataStart)

        self.name = name
        self.encoding = encoding
        parser = Parser(source: source, name: name, delimiter: delimiter, encoding: encoding,
                        options: options, chunkSize: chunkSize, bytesRead: dataStart)
    }

    deinit {
        parser.deallocate()
    }

    /// Number of fields in the current record (0 before the first and after the last).
    @inlinable
    public var fieldCount: Int { parser.spans.count }

    /// 1-based physical line on which the current record starts (a quoted field may span lines).
    @inlinable
    public var line: Int { parser.recordLine }

    /// Field `index` (0-based) of the current record: unquoted, `""` unescaped, in UTF-8.
    ///
    /// The buffer is valid only inside `body` and only until the next call to `next()`.
    /// An index out of range gives an empty buffer, like an empty field.
    ///
    /// `@inlinable`, so that callers in other modules get it specialised and `body` inlined:
    /// it runs a dozen times per row of every import. Calling `next()` inside `body` is safe
    /// (the buffer is a retained copy of the record) though pointless.
    @inlinable
    public func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard index >= 0, index < parser.spans.count else {
            return try body(UnsafeBufferPointer(start: nil, count: 0))
        }
        let span = parser.spans[index]
        let storage = span.isUnescaped ? parser.unescaped : parser.raw
        return try storage.withUnsafeBufferPointer { buffer in
            try body(UnsafeBufferPointer(rebasing: buffer[span.start..<span.end]))
        }
    }

    /// Field `index` (0-based) as a String; "" when out of range.
    public func field(_ index: Int) -> String {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// All fields of the current record.
    public func fields() -> [String] {
        (0..<parser.spans.count).map(field)
    }

    /// The record as it stood in the file (transcoded to UTF-8), without its line ending;
    /// for error messages and a data-quality report that shows the offending line.
    public var rawRecord: String {
        String(decoding: parser.raw, as: UTF8.self)
    }

    /// Bytes the reader holds for the current record; lets tests check memory stays bounded.
    var retainedByteCapacity: Int { parser.raw.capacity + parser.unescaped.capacity }

    private static let forbiddenDelimiters: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "\r"), UInt8(ascii: "\n"), 0]
}
