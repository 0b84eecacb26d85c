/// Guesses a file's delimiter from its first record (the header), streaming.
///
/// Exports from Dutch Excel use `;`, most tools `,`, some `\t`. The header is the best
/// evidence: column names rarely contain delimiters, and when they do they are quoted, so
/// only bytes outside quotes are counted. Leading empty lines are skipped, as the reader
/// skips them. The winner is the candidate seen most often; ties go to `,` then `;` then
/// tab, and a header with none of them (a single column) gives `,`.
///
///     var detector = DelimiterDetector()
///     _ = detector.consume(bytes)   // true once the header's line end has been seen
///     detector.delimiter            // UInt8(ascii: ";")
///
/// Works on raw bytes in either supported encoding: the candidates, the quote and CR/LF are
/// ASCII, and neither UTF-8 nor Windows-1252 uses those byte values inside other characters.
struct DelimiterDetector {
    private var commas = 0
    private var semicolons = 0
    private var tabs = 0
    private var inQuotes = false
    private var started = false
    private(set) var isComplete = false

    /// Scans the next chunk; returns true once the header has ended (later bytes are ignored).
    mutating func consume(_ chunk: UnsafeRawBufferPointer) -> Bool {
        guard !isComplete else { return true }
        for byte in chunk {
            switch byte {
            case UInt8(ascii: "\""):
                inQuotes.toggle()
                started = true
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                if started && !inQuotes {
                    isComplete = true
                    return true
                }
            case UInt8(ascii: ","):
                if !inQuotes { commas += 1 }
                started = true
            case UInt8(ascii: ";"):
                if !inQuotes { semicolons += 1 }
                started = true
            case UInt8(ascii: "\t"):
                if !inQuotes { tabs += 1 }
                started = true
            default:
                started = true
            }
        }
        return false
    }

    /// The best candidate for what has been consumed so far.
    var delimiter: UInt8 {
        if commas >= semicolons && commas >= tabs { return UInt8(ascii: ",") }
        if semicolons >= tabs { return UInt8(ascii: ";") }
        return UInt8(ascii: "\t")
    }
}
