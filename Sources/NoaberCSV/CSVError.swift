/// Everything that can go wrong while reading a CSV file, with the position where it did.
///
/// The reader is strict on purpose: a malformed file stops the import with a message that
/// names the file, the physical line and (when known) the field, instead of silently
/// mangling a value. The description never quotes field contents, because a field may hold
/// a direct identifier.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// Opening, reading or rewinding the input failed; `reason` is the system's text.
        case unreadable(reason: String)
        /// The input ended inside a quoted field; the error's line is where the field started.
        case unterminatedQuote
        /// Something other than a delimiter or line end follows a closing quote (`"a"junk`).
        case textAfterClosingQuote
        /// A quote inside a field that did not start with one (`ab"c`), which RFC 4180 forbids.
        case quoteInUnquotedField
        /// A field's text is longer than the configured limit (in UTF-8 bytes).
        case fieldTooLarge(limit: Int)
        /// A record has more fields than the configured limit.
        case tooManyFields(limit: Int)
        /// A 0x00 byte: the input is binary data (or UTF-16), not a CSV text file.
        case nulByte
        /// The input is longer than the configured limit (`Options.maxInputBytes`).
        case inputTooLarge(limit: Int)
        /// The input starts with a UTF-16 byte order mark (Excel's "Unicode text"): not read, since
        /// noaber reads UTF-8 and Windows-1252 text, or the workbook itself.
        case utf16
    }

    /// The name the reader was given: a path or a label such as `<memory>`.
    public let file: String
    /// The 1-based physical line; 0 when no position applies (the file could not be opened).
    public let line: Int
    /// The 1-based field within the record, when known.
    public let field: Int?
    public let kind: Kind

    public init(file: String, line: Int, field: Int?, kind: Kind) {
        self.file = file
        self.line = line
        self.field = field
        self.kind = kind
    }

    /// An English one-line message: `data.csv, line 12, field 3: unterminated quote …`.
    public var description: String {
        var position = file
        if line > 0 { position += ", line \(line)" }
        if let field { position += ", field \(field)" }
        return position + ": " + kind.explanation
    }
}

extension CSVError.Kind {
    /// The English explanation used in `CSVError.description`, written for the person who
    /// has to fix the export, not for the programmer.
    var explanation: String {
        switch self {
        case .unreadable(let reason):
            return "cannot read the file (\(reason))"
        case .unterminatedQuote:
            return "unterminated quote: the quoted field that starts here is never closed before the end of the file"
        case .textAfterClosingQuote:
            return "text after a closing quote: a quoted field must end at a delimiter or line end (write a quote inside a quoted field as \"\")"
        case .quoteInUnquotedField:
            return "quote inside an unquoted field: put the whole field in quotes and double the inner quote (\"\")"
        case .fieldTooLarge(let limit):
            return "field too large: longer than \(limit) bytes"
        case .tooManyFields(let limit):
            return "too many fields: a record may have at most \(limit)"
        case .nulByte:
            return "NUL byte (0x00): this looks like binary data or UTF-16, not a CSV text file"
        case .inputTooLarge(let limit):
            return "input too large: longer than \(limit) bytes"
        case .utf16:
            return "UTF-16 text (Excel's \"Unicode text\"): save it as CSV UTF-8, or read the workbook itself"
        }
    }
}
