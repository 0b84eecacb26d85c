extension CSVReader {
    /// Where a field's bytes are: in `raw`, or (after unescaping) in `unescaped`.
    @usableFromInline
    struct FieldSpan {
        @usableFromInline var start: Int
        @usableFromInline var end: Int
        @usableFromInline var isUnescaped: Bool

        @inline(__always)
        init(start: Int, end: Int, isUnescaped: Bool) {
            self.start = start
            self.end = end
            self.isUnescaped = isUnescaped
        }
    }

    /// Advances to the next record; false at end of input.
    ///
    /// Completely empty physical lines are skipped (they still count for line numbers).
    /// A missing final newline is fine. After an error, every later call throws it again.
    public func next() throws(CSVError) -> Bool {
        if let failure { throw failure }
        do throws(CSVError) {
            return try parser.parseRecord()
        } catch {
            failure = error
            parser.releaseRecord()
            throw error
        }
    }

    /// The record state machine: the hot loop of every import.
    ///
    /// It walks the UTF-8 chunk with a raw pointer and copies bytes into the record only in
    /// runs: from `rawMark` up to the end of the chunk or the end of the record. Fields are
    /// ranges of those record bytes, so an unquoted field costs two comparisons per byte and
    /// no copy of its own. Only quoted fields with doubled quotes are copied once more, to
    /// drop the second quote of each pair.
    ///
    /// A struct, not state on the reader class, so that the hot loop touches its state
    /// without a dynamic exclusivity check per access.
    @usableFromInline
    struct Parser {
        let source: ByteSource
        let name: String
        let delimiter: UInt8
        /// The delimiter in each byte of a word, for `skipOrdinary`.
        let delimiterWord: UInt64
        let maxFieldBytes: Int
        let maxFields: Int
        let maxInputBytes: Int
        let chunkSize: Int
        /// The current chunk as UTF-8 (Windows-1252 input is transcoded into it).
        let chunk: UnsafeMutablePointer<UInt8>
        /// Where Windows-1252 bytes land before transcoding; nil for UTF-8 input.
        let staging: UnsafeMutableRawBufferPointer?

        // Position in the stream.
        var position = 0
        var end = 0
        /// The last byte of the previous chunk, so that an LF at the start of a chunk can
        /// tell whether it completes a CRLF (one line break, not two).
        var previousChunkLastByte: UInt8 = 0
        var reachedEnd = false
        var currentLine = 1
        var bytesRead: Int

        // The current record.
        /// The record's bytes as they stand in the file (UTF-8), without the line end.
        @usableFromInline var raw: [UInt8] = []
        @usableFromInline var spans: [FieldSpan] = []
        /// Contents of quoted fields that contained doubled quotes, with one quote each.
        @usableFromInline var unescaped: [UInt8] = []
        @usableFromInline var recordLine = 0

        init(source: ByteSource, name: String, delimiter: UInt8, encoding: TextEncoding,
             options: Options, chunkSize: Int, bytesRead: Int) {
            self.source = source
            self.name = name
            self.delimiter = delimiter
            delimiterWord = UInt64(delimiter) &* Self.ones
            maxFieldBytes = options.maxFieldBytes
            maxFields = options.maxFields
            maxInputBytes = options.maxInputBytes
            self.chunkSize = chunkSize
            self.bytesRead = bytesRead
            if encoding == .windows1252 {
                staging = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 8)
                chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize * Windows1252.maxExpansion)
            } else {
                staging = nil
                chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
            }
        }

        /// Frees the chunk buffers; called once, from the reader's deinit.
        func deallocate() {
            chunk.deallocate()
            staging?.deallocate()
        }

        /// Drops the current record and its memory (after an error).
        mutating func releaseRecord() {
            raw = []
            spans = []
            unescaped = []
        }

        /// Where the parser is inside the current field.
        private enum FieldState {
            /// Before the first byte of a field: a quote here opens a quoted field.
            case start
            case unquoted
            case quoted
            /// Inside a quoted field, just after a quote: either the first of `""` or the close.
            case quoteSeen
        }

        /// Reads the next record into `raw` and `spans`; false at end of input.
        mutating func parseRecord() throws(CSVError) -> Bool {
            raw.removeAll(keepingCapacity: true)
            spans.removeAll(keepingCapacity: true)
            if !unescaped.isEmpty { unescaped.removeAll(keepingCapacity: true) }
            let bytes = chunk
            var position = self.position
            var end = self.end

            // Skip empty lines; an LF right after a CR is the second half of a CRLF that has
            // already been counted (possibly as the end of the previous record).
            while true {
                if position == end {
                    end = try refill(after: end)
                    position = 0
                    if end == 0 {
                        self.position = 0
                        self.end = 0
                        recordLine = 0
                        return false
                    }
                }
                let byte = bytes[position]
                if byte == Self.lf {
                    if previousByte(position) != Self.cr { currentLine += 1 }
                } else if byte == Self.cr {
                    currentLine += 1
                } else {
                    break
                }
                position += 1
            }

            recordLine = currentLine
            let limit = maxFieldBytes
            var rawMark = position
            var state = FieldState.start
            var fieldStart = 0
            var fieldLine = currentLine
            var hasEscapes = false

            parsing: while true {
                if position == end {
                    raw.append(contentsOf: UnsafeBufferPointer(start: bytes + rawMark, count: end - rawMark))
                    if state != .start, raw.count - fieldStart - (state == .quoteSeen ? 1 : 0) > limit {
                        throw error(.fieldTooLarge(limit: limit), line: fieldLine)
                    }
                    end = try refill(after: end)
                    position = 0
                    rawMark = 0
                    if end == 0 {
                        switch state {
                        case .start:
                            try appendField(raw.count, raw.count)
                        case .unquoted:
                            try appendField(fieldStart, raw.count)
                        case .quoted:
                            throw error(.unterminatedQuote, line: fieldLine)
                        case .quoteSeen:
                            try appendQuotedField(fieldStart, raw.count - 1, hasEscapes: hasEscapes, line: fieldLine)
                        }
                        self.position = 0
                        self.end = 0
                        return true
                    }
                }

                switch state {
                case .start:
                    fieldLine = currentLine
                    if bytes[position] == Self.quote {
                        position += 1
                        fieldStart = raw.count + position - rawMark
                        hasEscapes = false
                        state = .quoted
                        continue parsing
                    }
                    fieldStart = raw.count + position - rawMark
                    state = .unquoted
                    fallthrough

                case .unquoted:
                    while position < end {
                        position = Self.skipOrdinary(bytes, from: position, to: end, alsoStopAt: delimiterWord)
                        guard position < end else { break }
                        let byte = bytes[position]
                        if byte > Self.quote && byte != delimiter {
                            position += 1
                            continue
                        }
                        if byte == delimiter {
                            try appendField(fieldStart, raw.count + position - rawMark)
                            position += 1
                            state = .start
                            continue parsing
                        }
                        if byte == Self.lf || byte == Self.cr {
                            try appendField(fieldStart, raw.count + position - rawMark)
                            raw.append(contentsOf: UnsafeBufferPointer(start: bytes + rawMark, count: position - rawMark))
                            return endRecord(at: position, end: end)
                        }
                        if byte == Self.quote || byte == 0 {
                            try requireWithinLimit(raw.count + position - rawMark - fieldStart, line: fieldLine)
                            throw error(byte == 0 ? .nulByte : .quoteInUnquotedField, line: currentLine)
                        }
                        position += 1
                    }

                case .quoted:
                    while position < end {
                        position = Self.skipOrdinary(bytes, from: position, to: end, alsoStopAt: nil)
                        guard position < end else { break }
                        let byte = bytes[position]
                        if byte > Self.quote || (byte != Self.quote && byte != Self.cr && byte != Self.lf && byte != 0) {
                            position += 1
                            continue
                        }
                        if byte == Self.quote {
                            position += 1
                            state = .quoteSeen
                            continue parsing
                        }
                        if byte == Self.cr {
                            currentLine += 1
                        } else if byte == Self.lf {
                            if previousByte(position) != Self.cr { currentLine += 1 }
                        } else {
                            try requireWithinLimit(raw.count + position - rawMark - fieldStart, line: fieldLine)
                            throw error(.nulByte, line: currentLine)
                        }
                        position += 1
                    }

                case .quoteSeen:
                    let byte = bytes[position]
                    if byte == Self.quote {
                        hasEscapes = true
                        position += 1
                        state = .quoted
                        continue parsing
                    }
                    let contentEnd = raw.count + position - rawMark - 1
                    if byte == delimiter {
                        if hasEscapes {
                            raw.append(contentsOf: UnsafeBufferPointer(start: bytes + rawMark, count: position - rawMark))
                            rawMark = position
                        }
                        try appendQuotedField(fieldStart, contentEnd, hasEscapes: hasEscapes, line: fieldLine)
                        position += 1
                        state = .start
                        continue parsing
                    }
                    if byte == Self.lf || byte == Self.cr {
                        raw.append(contentsOf: UnsafeBufferPointer(start: bytes + rawMark, count: position - rawMark))
                        try appendQuotedField(fieldStart, contentEnd, hasEscapes: hasEscapes, line: fieldLine)
                        return endRecord(at: position, end: end)
                    }
                    try requireWithinLimit(contentEnd - fieldStart, line: fieldLine)
                    throw error(byte == 0 ? .nulByte : .textAfterClosingQuote, line: currentLine)
                }
            }
        }

        /// Throws `fieldTooLarge` when the field being read already holds more than the limit.
        ///
        /// The hot loop checks the limit only at chunk boundaries; before it reports any other
        /// error inside a field it calls this, so that the first problem in file order wins and
        /// the error never depends on where a chunk happened to end (found by fuzzing).
        @inline(__always)
        private func requireWithinLimit(_ length: Int, line: Int) throws(CSVError) {
            if length > maxFieldBytes { throw error(.fieldTooLarge(limit: maxFieldBytes), line: line) }
        }

        /// Consumes the CR or LF at `position` that ends the record (its LF, if it is a CRLF,
        /// is skipped as an empty line by the next call) and saves the stream position.
        private mutating func endRecord(at position: Int, end: Int) -> Bool {
            currentLine += 1
            self.position = position + 1
            self.end = end
            return true
        }

        /// The byte before chunk position `position`, looking into the previous chunk if needed.
        @inline(__always)
        private func previousByte(_ position: Int) -> UInt8 {
            position > 0 ? chunk[position - 1] : previousChunkLastByte
        }

        @inline(__always)
        private mutating func appendField(_ start: Int, _ end: Int) throws(CSVError) {
            if end - start > maxFieldBytes {
                throw error(.fieldTooLarge(limit: maxFieldBytes), line: currentLine)
            }
            guard spans.count < maxFields else {
                throw error(.tooManyFields(limit: maxFields), line: currentLine)
            }
            spans.append(FieldSpan(start: start, end: end, isUnescaped: false))
        }

        /// Adds a quoted field whose content is `raw[start..<end]` (all of it already copied
        /// into `raw` when it has escapes), keeping one quote of each `""`.
        private mutating func appendQuotedField(_ start: Int, _ end: Int, hasEscapes: Bool, line: Int) throws(CSVError) {
            if end - start > maxFieldBytes {
                throw error(.fieldTooLarge(limit: maxFieldBytes), line: line)
            }
            guard hasEscapes else {
                try appendField(start, end)
                return
            }
            guard spans.count < maxFields else {
                throw error(.tooManyFields(limit: maxFields), line: currentLine)
            }
            // Work on a local array (swapped out, not copied) so that `raw` can be read
            // through a pointer while the output grows.
            var output: [UInt8] = []
            swap(&output, &unescaped)
            let unescapedStart = output.count
            raw.withUnsafeBufferPointer { source in
                var index = start
                while index < end {
                    var run = index
                    while run < end && source[run] != Self.quote { run += 1 }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: source[index..<run]))
                    if run < end { output.append(Self.quote) }
                    index = run + 2
                }
            }
            swap(&output, &unescaped)
            spans.append(FieldSpan(start: unescapedStart, end: unescaped.count, isUnescaped: true))
        }

        /// Reads and (for Windows-1252) transcodes the next chunk; returns its UTF-8 length,
        /// 0 at end of input. `end` is the length of the chunk being replaced.
        private mutating func refill(after end: Int) throws(CSVError) -> Int {
            if end > 0 { previousChunkLastByte = chunk[end - 1] }
            guard !reachedEnd else { return 0 }
            let count: Int
            if let staging {
                count = try source.read(into: staging, line: currentLine)
                bytesRead += count
                try requireWithinInputLimit()
                if count == 0 {
                    reachedEnd = true
                    return 0
                }
                return Windows1252.transcode(UnsafeRawBufferPointer(rebasing: staging[0..<count]), into: chunk)
            }
            count = try source.read(into: UnsafeMutableRawBufferPointer(start: chunk, count: chunkSize), line: currentLine)
            bytesRead += count
            try requireWithinInputLimit()
            if count == 0 { reachedEnd = true }
            return count
        }

        /// Throws `inputTooLarge` once more than `maxInputBytes` were read: once per chunk.
        @inline(__always)
        private func requireWithinInputLimit() throws(CSVError) {
            if bytesRead > maxInputBytes {
                throw CSVError(file: name, line: currentLine, field: nil, kind: .inputTooLarge(limit: maxInputBytes))
            }
        }

        /// An error at `line` in the field being read (the next one to be appended).
        private func error(_ kind: CSVError.Kind, line: Int) -> CSVError {
            CSVError(file: name, line: line, field: spans.count + 1, kind: kind)
        }

        /// The first position at or after `position` that may hold a byte the state machine must
        /// look at: one below `"` + 1 (quote, CR, LF, NUL, and the rarer tab, space and `!`) or,
        /// when `delimiterWord` is given, the delimiter. Reads eight bytes at a time and stops at
        /// the last whole word, so the caller's byte loop sees the first such byte and the tail.
        ///
        /// Per word: "some byte < 0x23" is `(w - 0x23…) & ~w & 0x80…` and "some byte equals d" is
        /// the same test with 0x01 on `w ^ d…`. Both can flag bytes above a true hit (a borrow
        /// runs upward) but never below it, so on little-endian memory the lowest flag is exact.
        @inline(__always)
        private static func skipOrdinary(_ bytes: UnsafeMutablePointer<UInt8>, from position: Int, to end: Int,
                                         alsoStopAt delimiterWord: UInt64?) -> Int {
            var position = position
            while end - position >= 8 {
                let word = UInt64(littleEndian: UnsafeRawPointer(bytes + position).loadUnaligned(as: UInt64.self))
                var flags = (word &- Self.ones &* 0x23) & ~word & Self.highBits
                if let delimiterWord {
                    let x = word ^ delimiterWord
                    flags |= (x &- Self.ones) & ~x & Self.highBits
                }
                if flags != 0 { return position + flags.trailingZeroBitCount >> 3 }
                position += 8
            }
            return position
        }

        private static let ones: UInt64 = 0x0101_0101_0101_0101
        private static let highBits: UInt64 = 0x8080_8080_8080_8080
        private static let quote = UInt8(ascii: "\"")
        private static let cr = UInt8(ascii: "\r")
        private static let lf = UInt8(ascii: "\n")
    }
}
