import NoaberModel

/// Checks that a profile's JSON is strict before it is decoded: well-formed (RFC 8259), and no
/// object names a key twice.
///
/// `JSONDecoder` accepts a duplicated key and silently keeps one of the values, so a profile with
/// a second `"drop"` list or a column mapped twice would import with half of what its author
/// wrote. This walk refuses it instead, naming the key, where it occurs (a path such as
/// `values.themes`) and the line of its second occurrence. Keys are compared after decoding their
/// escapes, so `"kind"` and `"\u006bind"` are the same key.
///
///     try StrictJSON.check(Array(#"{"kind": "cases", "kind": "tasks"}"#.utf8))
///     // throws .duplicateKey(key: "kind", path: "", line: 1)
///
/// - Complexity: O(n) in the input, one pass; nesting is limited to `maximumDepth`, so a hostile
///   file cannot exhaust the stack.
enum StrictJSON {
    /// Deeper nesting than any profile needs (a profile nests three levels).
    static let maximumDepth = 64

    enum Problem: Error, Equatable {
        /// `path` is empty for the top-level object.
        case duplicateKey(key: String, path: String, line: Int)
        case syntax(expected: Localized, line: Int, column: Int)
        case tooDeep(line: Int)

        /// For the profile error: which key, where, on which line.
        var localized: Localized {
            switch self {
            case .duplicateKey(let key, let path, let line):
                let whereNL = path.isEmpty ? "op het bovenste niveau" : "in '\(path)'"
                let whereEN = path.isEmpty ? "at the top level" : "in '\(path)'"
                return Localized(
                    nl: "sleutel '\(key)' komt twee keer voor \(whereNL) (de tweede keer op regel \(line)); elke sleutel mag maar één keer in een object staan",
                    en: "key '\(key)' appears twice \(whereEN) (the second time on line \(line)); each key may appear only once in an object")
            case .syntax(let expected, let line, let column):
                return Localized(nl: "geen geldige JSON: verwacht \(expected.nl) op regel \(line), kolom \(column)",
                                 en: "not valid JSON: expected \(expected.en) at line \(line), column \(column)")
            case .tooDeep(let line):
                return Localized(nl: "geen geldige JSON: meer dan \(StrictJSON.maximumDepth) niveaus diep (regel \(line))",
                                 en: "not valid JSON: nested more than \(StrictJSON.maximumDepth) levels deep (line \(line))")
            }
        }
    }

    static func check(_ bytes: [UInt8]) throws(Problem) {
        var walker = Walker(bytes: bytes)
        try walker.document()
    }

    private struct Walker {
        let bytes: [UInt8]
        var i = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
            // A UTF-8 byte order mark, which editors on Windows write, is not JSON but harmless.
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        }

        mutating func document() throws(Problem) {
            skipSpace()
            try value(path: "", depth: 0)
            skipSpace()
            guard i == bytes.count else { throw syntax("het einde van het bestand", "the end of the file") }
        }

        private func position(_ offset: Int) -> (line: Int, column: Int) {
            var line = 1, column = 1
            for b in bytes[0..<min(offset, bytes.count)] {
                if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            }
            return (line, column)
        }

        private func syntax(_ nl: String, _ en: String) -> Problem {
            syntax(Localized(nl: nl, en: en))
        }

        private func syntax(_ expected: Localized) -> Problem {
            let p = position(i)
            return .syntax(expected: expected, line: p.line, column: p.column)
        }

        private mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        }

        private mutating func value(path: String, depth: Int) throws(Problem) {
            guard depth < StrictJSON.maximumDepth else { throw .tooDeep(line: position(i).line) }
            guard i < bytes.count else { throw syntax("een waarde", "a value") }
            switch bytes[i] {
            case UInt8(ascii: "{"): try object(path: path, depth: depth)
            case UInt8(ascii: "["): try array(path: path, depth: depth)
            case UInt8(ascii: "\""): _ = try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw syntax("een waarde", "a value")
            }
        }

        private mutating func object(path: String, depth: Int) throws(Problem) {
            i += 1
            var keys: Set<String> = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw syntax("een sleutel tussen aanhalingstekens", "a key in quotes") }
                let keyLine = position(i).line
                let key = try string()
                guard keys.insert(key).inserted else { throw .duplicateKey(key: key, path: path, line: keyLine) }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw syntax("':'", "':'") }
                i += 1
                skipSpace()
                try value(path: path.isEmpty ? key : path + "." + key, depth: depth + 1)
                skipSpace()
                guard i < bytes.count else { throw syntax("',' of '}'", "',' or '}'") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return }
                throw syntax("',' of '}'", "',' or '}'")
            }
        }

        private mutating func array(path: String, depth: Int) throws(Problem) {
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return }
            var index = 0
            while true {
                skipSpace()
                try value(path: "\(path)[\(index)]", depth: depth + 1)
                index += 1
                skipSpace()
                guard i < bytes.count else { throw syntax("',' of ']'", "',' or ']'") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return }
                throw syntax("',' of ']'", "',' or ']'")
            }
        }

        private mutating func literal(_ word: String) throws(Problem) {
            for expected in word.utf8 {
                guard i < bytes.count, bytes[i] == expected else { throw syntax("'\(word)'", "'\(word)'") }
                i += 1
            }
        }

        private mutating func number() throws(Problem) {
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw syntax("een cijfer", "a digit") }
            if bytes[i] == UInt8(ascii: "0") { i += 1 } else { while i < bytes.count, isDigit(bytes[i]) { i += 1 } }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard i < bytes.count, isDigit(bytes[i]) else { throw syntax("een cijfer", "a digit") }
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard i < bytes.count, isDigit(bytes[i]) else { throw syntax("een cijfer", "a digit") }
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
        }

        private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

        /// Reads a string at `i` (its opening quote) and returns it with escapes decoded.
        private mutating func string() throws(Problem) -> String {
            i += 1
            var scalars = String.UnicodeScalarView()
            var run = i
            func flush(_ end: Int) { scalars.append(contentsOf: String(decoding: bytes[run..<end], as: UTF8.self).unicodeScalars) }
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    flush(i)
                    i += 1
                    return String(scalars)
                }
                if b < 0x20 { throw syntax("een sluitend aanhalingsteken (stuurtekens moeten ge-escapet zijn)", "a closing quote (control characters must be escaped)") }
                if b == UInt8(ascii: "\\") {
                    flush(i)
                    i += 1
                    guard i < bytes.count else { break }
                    switch bytes[i] {
                    case UInt8(ascii: "\""): scalars.append("\""); i += 1
                    case UInt8(ascii: "\\"): scalars.append("\\"); i += 1
                    case UInt8(ascii: "/"): scalars.append("/"); i += 1
                    case UInt8(ascii: "b"): scalars.append("\u{08}"); i += 1
                    case UInt8(ascii: "f"): scalars.append("\u{0C}"); i += 1
                    case UInt8(ascii: "n"): scalars.append("\n"); i += 1
                    case UInt8(ascii: "r"): scalars.append("\r"); i += 1
                    case UInt8(ascii: "t"): scalars.append("\t"); i += 1
                    case UInt8(ascii: "u"):
                        i += 1
                        var unit = try hex4()
                        if (0xD800..<0xDC00).contains(unit), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                            i += 2
                            let low = try hex4()
                            if (0xDC00..<0xE000).contains(low) { unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00) }
                        }
                        scalars.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
                    default:
                        throw syntax("een geldige escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", "a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
                    }
                    run = i
                    continue
                }
                i += 1
            }
            throw syntax("een sluitend aanhalingsteken", "a closing quote")
        }

        private mutating func hex4() throws(Problem) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard i < bytes.count else { throw syntax("vier hexadecimale cijfers", "four hexadecimal digits") }
                let b = bytes[i]
                let digit: UInt32
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
                default: throw syntax("vier hexadecimale cijfers", "four hexadecimal digits")
                }
                value = value << 4 | digit
                i += 1
            }
            return value
        }
    }
}
