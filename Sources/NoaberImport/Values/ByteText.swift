/// Helpers for looking at a field's UTF-8 bytes without making a String.
enum ByteText {
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")

    /// The field without leading and trailing spaces, tabs and no-break spaces (U+00A0, which
    /// Excel leaves in cells).
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end {
            if bytes[start] == space || bytes[start] == tab { start += 1; continue }
            if start + 1 < end, bytes[start] == 0xC2, bytes[start + 1] == 0xA0 { start += 2; continue }
            break
        }
        while end > start {
            if bytes[end - 1] == space || bytes[end - 1] == tab { end -= 1; continue }
            if end - 2 >= start, bytes[end - 2] == 0xC2, bytes[end - 1] == 0xA0 { end -= 2; continue }
            break
        }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Runs `body` over the UTF-8 bytes of `text`; for tests and for values that already are Strings.
    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var copy = text
        return try copy.withUTF8 { try body($0) }
    }

    /// A trailing word of ASCII letters (lowercased, at most `maxLength`) after a number, as in
    /// `45 min` or `82 jaar`: the word and where the number before it (and its spaces) ends; nil
    /// when there is no such word or nothing before it. Shared by `DurationParser` and `AgeParser`.
    static func trailingUnit(_ b: UnsafeBufferPointer<UInt8>, maxLength: Int) -> (word: String, numberEnd: Int)? {
        var start = b.count
        while start > 0, (b[start - 1] | 0x20) >= UInt8(ascii: "a"), (b[start - 1] | 0x20) <= UInt8(ascii: "z") { start -= 1 }
        guard start > 0, start < b.count, b.count - start <= maxLength else { return nil }
        var end = start
        while end > 0, b[end - 1] == space { end -= 1 }
        guard end > 0 else { return nil }
        return (String(decoding: b[start...].map { $0 | 0x20 }, as: UTF8.self), end)
    }

    /// A short, printable excerpt of a value for error messages: at most 40 characters.
    static func excerpt(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let s = string(bytes)
        return s.count <= 40 ? s : String(s.prefix(40)) + "…"
    }
}
