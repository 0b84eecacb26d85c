extension CSVReader {
    /// Reads the first three bytes and tells whether they are the UTF-8 byte order mark. A UTF-16
    /// byte order mark (Excel's "Unicode text" export) is refused here, by name, before the first
    /// NUL byte could call the file binary.
    static func startsWithByteOrderMark(_ source: ByteSource, name: String) throws(CSVError) -> Bool {
        let head = UnsafeMutableRawBufferPointer.allocate(byteCount: 3, alignment: 1)
        defer { head.deallocate() }
        var filled = 0
        while filled < 3 {
            let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: head[filled...]), line: 0)
            if count == 0 { break }
            filled += count
        }
        if filled >= 2, (head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF) {
            throw CSVError(file: name, line: 1, field: nil, kind: .utf16)
        }
        return filled == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF
    }

    /// Reads the whole input once: valid UTF-8 means UTF-8, anything else Windows-1252
    /// (which accepts every byte). Stops at the first invalid byte, and with an error after
    /// `limit` bytes.
    static func detectEncoding(_ source: ByteSource, chunkSize: Int, limit: Int) throws(CSVError) -> TextEncoding {
        try source.seek(to: 0)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 8)
        defer { buffer.deallocate() }
        var validator = UTF8Validator()
        var total = 0
        while true {
            let count = try source.read(into: buffer, line: 0)
            if count == 0 { break }
            total += count
            if total > limit { throw CSVError(file: source.name, line: 0, field: nil, kind: .inputTooLarge(limit: limit)) }
            validator.consume(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            if !validator.isValidSoFar { return .windows1252 }
        }
        return validator.finish() ? .utf8 : .windows1252
    }

    /// Reads up to the end of the header (first record) and counts candidate delimiters.
    static func detectDelimiter(_ source: ByteSource, from start: Int, chunkSize: Int) throws(CSVError) -> UInt8 {
        try source.seek(to: start)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 8)
        defer { buffer.deallocate() }
        var detector = DelimiterDetector()
        while true {
            let count = try source.read(into: buffer, line: 0)
            if count == 0 { break }
            if detector.consume(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) { break }
        }
        return detector.delimiter
    }
}
