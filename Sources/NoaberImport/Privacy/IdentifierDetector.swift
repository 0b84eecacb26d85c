/// Finds content that looks like a direct identifier of a person: a name, a Dutch phone number,
/// an e-mail address, a BSN, an IBAN or a postcode with a house number.
///
/// noaber never stores such content. The importer asks the detector about the values that are not
/// checked against a closed list — cells that failed validation, case ids, free text of a
/// villages file — before a value is quoted in a rejection reason or kept in a rejected row's raw
/// text, and `noaber doctor` asks it about the case ids already in a store. Valid rows never reach
/// it, so it stays off the import's fast path.
///
///     let detector = IdentifierDetector()
///     detector.firstMatch(in: "Jan de Vries")            // .name
///     detector.firstMatch(in: "bel 06-12345678")         // .phone
///     detector.firstMatch(in: "111222333")               // .bsn (passes the 11-proef)
///     detector.firstMatch(in: "K-2024-017")              // nil
///     detector.firstMatch(in: "loneliness")              // nil
///
/// What counts (docs/privacy.md lists the same):
/// - **e-mail**: `local@domain.tld`, a top-level domain of at least two letters.
/// - **IBAN**: two letters, two check digits and 11–30 letters or digits (groups of four separated
///   by single spaces allowed) whose ISO 13616 mod-97 check gives 1.
/// - **phone**: a Dutch number — `0` and nine more digits (`06-12345678`, `053 123 4567`,
///   `0541-123456`), or `+31` / `0031` and nine digits (`+31 6 12345678`, `+31 (0)541 654321`);
///   spaces, `-`, `.`, `/` and brackets may separate the digits. A run followed by `:` is a time
///   (`01-02-2024 12:30`), not a number.
/// - **BSN**: nine digits (or `123.456.782` / `1234.56.782` / `123 456 782`) that pass the
///   11-proef. One in eleven nine-digit numbers does, so a nine-digit file number can be flagged;
///   eight-digit numbers (a BSN whose leading zero Excel dropped) are not checked.
/// - **postcode with house number**: `7576 AB 12`, `7576AB, 12`, `7576 AB-12a`, or a postcode
///   followed by a place name (`7576 AB Saasveld`). A bare postcode, and `7576AB12` written
///   without any separator, are not flagged; in `.token` postcodes are not looked for at all
///   (`2024JV-003` is the shape of a file number: year, initials, number).
/// - **name**: two or more words that start with a capital next to each other, with Dutch
///   particles and initials between or before them: `Jan de Vries`, `Hendrika Oude Luttikhuis`,
///   `J. van der Berg`, `Zoë Ëlzinga`, `Jansen, Piet`, `JAN DE VRIES`. A single word, and names
///   written all in lower case, are not recognised; neither is a name inside a token without
///   spaces. Two capitalised words that are not a name (`Sociaal Team`) are flagged too: the
///   detector errs towards privacy.
///
/// Boundaries: in `.text` (the default) a number only counts when no letter or digit touches it,
/// so the hexadecimal pseudonyms in a rejected row's raw text do not set it off; in `.token` (a
/// short value without spaces, such as a case id) any non-digit is a boundary, so `K111222333`
/// holds a BSN, while a phone number may be split at most once (`06-12345678`, not
/// `W01-2024-0017`) and a BSN only as `123456782` or `123.456.782`.
///
/// - Complexity: O(n) in the length of the value for every kind, with a constant of a few passes;
///   no allocation for ASCII input without a capital letter.
public struct IdentifierDetector: Sendable, Hashable {
    /// What an identifier looked like.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case email, iban, phone, bsn, postcode, name

        /// "een naam", "een telefoonnummer", …: for messages that say what a value looked like
        /// without showing it.
        public var dutch: String {
            switch self {
            case .email: "een e-mailadres"
            case .iban: "een IBAN (bankrekeningnummer)"
            case .phone: "een telefoonnummer"
            case .bsn: "een BSN"
            case .postcode: "een postcode met huisnummer"
            case .name: "een naam"
            }
        }

        /// "a name", "a phone number", …
        public var english: String {
            switch self {
            case .email: "an e-mail address"
            case .iban: "an IBAN (bank account number)"
            case .phone: "a phone number"
            case .bsn: "a BSN (citizen service number)"
            case .postcode: "a postcode with house number"
            case .name: "a name"
            }
        }
    }

    /// How numbers are delimited (see the type's discussion).
    public enum Context: Sendable, Hashable {
        /// Running text or a cell: a number must not touch a letter or digit.
        case text
        /// A short value without spaces, such as a file number: any non-digit delimits a number.
        case token
    }

    public var context: Context

    public init(context: Context = .text) {
        self.context = context
    }

    /// The detector for cells and running text.
    public static let text = IdentifierDetector(context: .text)
    /// The detector for short tokens such as case ids.
    public static let token = IdentifierDetector(context: .token)

    /// Whether `text` holds anything identifier-like.
    public func matches(_ text: String) -> Bool {
        firstMatch(in: text) != nil
    }

    /// The kind of identifier found in `text`, or nil. When several are present, the first of
    /// e-mail, IBAN, phone, BSN, postcode, name is reported.
    public func firstMatch(in text: String) -> Kind? {
        var copy = text
        return copy.withUTF8 { firstMatch(in: $0) }
    }

    /// `firstMatch(in:)` on UTF-8 bytes, without making a String.
    public func firstMatch(in bytes: UnsafeBufferPointer<UInt8>) -> Kind? {
        var digits = 0, at = false, space = false, capital = false, nonASCII = false, letters = 0
        for b in bytes {
            if b >= 0x30 && b <= 0x39 { digits += 1 }
            else if b == 0x40 { at = true }
            else if b == 0x20 || b == 0x09 { space = true }
            else if b >= 0x41 && b <= 0x5A { capital = true; letters += 1 }
            else if b >= 0x61 && b <= 0x7A { letters += 1 }
            else if b >= 0x80 { nonASCII = true }
        }
        if at, Self.hasEmail(bytes) { return .email }
        if digits >= 2, letters >= 2, hasIBAN(bytes) { return .iban }
        if digits >= 9 {
            if hasPhone(bytes) { return .phone }
            if hasBSN(bytes) { return .bsn }
        }
        if context == .text, digits >= 4, letters >= 2, hasPostcode(bytes) { return .postcode }
        if (capital || nonASCII) && (space || bytes.contains(0x2C)), Self.hasName(bytes) { return .name }
        return nil
    }

    // MARK: - Bytes

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    /// ASCII letters and digits, and every byte of a non-ASCII character (letters, mostly).
    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool { isDigit(b) || isASCIILetter(b) || b >= 0x80 }

    /// Whether a number may start after `previous` (nil: the start of the value).
    @inline(__always)
    private func opens(after previous: UInt8?) -> Bool {
        guard let p = previous else { return true }
        return context == .text ? !Self.isWordByte(p) : !Self.isDigit(p)
    }

    /// Whether a number may end before `next` (nil: the end of the value).
    @inline(__always)
    private func closes(before next: UInt8?) -> Bool {
        guard let n = next else { return true }
        return context == .text ? !Self.isWordByte(n) : !Self.isDigit(n)
    }

    // MARK: - E-mail

    static func hasEmail(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in b.indices where b[i] == 0x40 {
            // Local part: at least one of letters, digits and . _ % + - right before the @.
            guard i > 0, isLocalPart(b[i - 1]) else { continue }
            // Domain: labels of letters, digits and -, separated by dots; the last of 2+ letters.
            var j = i + 1
            var labels = 0
            var lastLabelLetters = 0
            var lastLabelAllLetters = true
            var labelLength = 0
            while j < b.count {
                let c = b[j]
                if isDigit(c) || isASCIILetter(c) || c == 0x2D {
                    labelLength += 1
                    if isASCIILetter(c) { lastLabelLetters += 1 } else { lastLabelAllLetters = false }
                } else if c == 0x2E, labelLength > 0, j + 1 < b.count, isDigit(b[j + 1]) || isASCIILetter(b[j + 1]) {
                    labels += 1
                    labelLength = 0
                    lastLabelLetters = 0
                    lastLabelAllLetters = true
                } else {
                    break
                }
                j += 1
            }
            if labelLength > 0 { labels += 1 }
            if labels >= 2 && lastLabelAllLetters && lastLabelLetters >= 2 { return true }
        }
        return false
    }

    private static func isLocalPart(_ c: UInt8) -> Bool {
        isDigit(c) || isASCIILetter(c) || c == 0x2E || c == 0x5F || c == 0x25 || c == 0x2B || c == 0x2D
    }

    // MARK: - Phone

    /// Characters that may separate the digits of a phone number.
    @inline(__always)
    private static func isPhoneSeparator(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x2D || c == 0x2E || c == 0x2F || c == 0x28 || c == 0x29
    }

    func hasPhone(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < b.count {
            let c = b[i]
            let previous: UInt8? = i > 0 ? b[i - 1] : nil
            if c == 0x2B, i + 2 < b.count, b[i + 1] == 0x33, b[i + 2] == 0x31, previous.map({ !Self.isWordByte($0) }) ?? true {
                if phoneDigits(b, from: i + 3, international: true) { return true }
            } else if c == 0x30, opens(after: previous) {
                if i + 3 < b.count, b[i + 1] == 0x30, b[i + 2] == 0x33, b[i + 3] == 0x31,
                   phoneDigits(b, from: i + 4, international: true) {
                    return true
                }
                // `0,5` and `0.123…` are numbers, not the trunk prefix of a phone number.
                let decimal = i + 1 < b.count && (b[i + 1] == 0x2C || b[i + 1] == 0x2E)
                if !decimal, phoneDigits(b, from: i, international: false) { return true }
            }
            i += 1
        }
        return false
    }

    /// Reads the digits of a phone number from `start`: ten for a national number (`0` then a
    /// digit 1–9), nine after `+31` (a trunk `0`, bracketed or not, is skipped first). True when
    /// exactly that many digits come before a boundary, and they are not a date followed by more
    /// numbers (`01-02-2024 05-03-2024`). In `.token` the digits may be split once (twice after
    /// `0031`): `06-12345678`, `053-1234567`, not `01-2024-0017`, which is how file numbers look.
    private func phoneDigits(_ b: UnsafeBufferPointer<UInt8>, from start: Int, international: Bool) -> Bool {
        let needed = international ? 9 : 10
        var count = 0
        var first: UInt8 = 0, second: UInt8 = 0
        var separators = 0
        var skippedTrunk = false
        // Lengths of the digit groups so far, and whether each started with 19 or 20 (a year).
        var groups: [(length: Int, year: Bool)] = []
        var j = start
        while j < b.count {
            let c = b[j]
            if Self.isDigit(c) {
                if international && count == 0 && c == 0x30 && !skippedTrunk {
                    skippedTrunk = true
                    separators = 0
                    j += 1
                    continue
                }
                if count == 0 { first = c } else if count == 1 { second = c }
                if groups.isEmpty || separators > 0 {
                    let year = j + 1 < b.count && ((c == 0x31 && b[j + 1] == 0x39) || (c == 0x32 && b[j + 1] == 0x30))
                    groups.append((0, year))
                }
                groups[groups.count - 1].length += 1
                count += 1
                separators = 0
                if count == needed {
                    let next: UInt8? = j + 1 < b.count ? b[j + 1] : nil
                    guard next != 0x3A, next.map({ !Self.isDigit($0) }) ?? true else { return false }
                    if context == .token && groups.count > (international ? 3 : 2) { return false }
                    for k in groups.indices.dropFirst(2) where groups[k].year && groups[k].length == 4
                        && groups[k - 1].length <= 2 && groups[k - 2].length <= 2 {
                        return false
                    }
                    if international { return first != 0x30 }
                    return first == 0x30 && second != 0x30
                }
            } else if Self.isPhoneSeparator(c) {
                separators += 1
                if separators > 2 { return false }
                // A national number starts at its 0: no separator before the first digit.
                if !international && count == 0 { return false }
            } else {
                return false
            }
            j += 1
        }
        return false
    }

    // MARK: - BSN

    func hasBSN(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < b.count {
            guard Self.isDigit(b[i]), opens(after: i > 0 ? b[i - 1] : nil) else { i += 1; continue }
            // The groups of digits from i, joined by single '.' or ' '.
            var groups: [Int] = []
            var digits: [Int] = []
            var j = i
            var run = 0
            while j < b.count {
                let c = b[j]
                if Self.isDigit(c) {
                    run += 1
                    if digits.count < 10 { digits.append(Int(c - 0x30)) }
                    j += 1
                } else if (c == 0x2E || c == 0x20), run > 0, j + 1 < b.count, Self.isDigit(b[j + 1]) {
                    groups.append(run)
                    run = 0
                    j += 1
                } else {
                    break
                }
            }
            groups.append(run)
            let next: UInt8? = j < b.count ? b[j] : nil
            if digits.count == 9, groups.reduce(0, +) == 9, closes(before: next),
               groups == [9] || groups == [3, 3, 3] || (groups == [4, 2, 3] && context == .text), Self.passesElevenTest(digits) {
                return true
            }
            i = j + 1
        }
        return false
    }

    /// The 11-proef of a BSN: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11 (and not zero).
    static func passesElevenTest(_ d: [Int]) -> Bool {
        guard d.count == 9 else { return false }
        var sum = 0
        for k in 0..<8 { sum += (9 - k) * d[k] }
        sum -= d[8]
        return sum > 0 && sum % 11 == 0
    }

    // MARK: - IBAN

    func hasIBAN(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i + 3 < b.count {
            guard Self.isASCIILetter(b[i]), Self.isASCIILetter(b[i + 1]), Self.isDigit(b[i + 2]), Self.isDigit(b[i + 3]),
                  i == 0 || !Self.isWordByte(b[i - 1]) else { i += 1; continue }
            // Letters and digits from i, single spaces between groups allowed; where each group ends.
            var chars: [UInt8] = []
            var ends: Set<Int> = []
            var j = i
            while j < b.count, chars.count < 34 {
                let c = b[j]
                if Self.isDigit(c) || Self.isASCIILetter(c) {
                    chars.append(c & (Self.isDigit(c) ? 0xFF : 0xDF))   // uppercase letters
                    j += 1
                } else if c == 0x20, j + 1 < b.count, Self.isDigit(b[j + 1]) || Self.isASCIILetter(b[j + 1]) {
                    ends.insert(chars.count)
                    j += 1
                } else {
                    break
                }
            }
            let next: UInt8? = j < b.count ? b[j] : nil
            if chars.count >= 15 {
                for length in 15...chars.count where (length == chars.count && !(next.map(Self.isWordByte) ?? false)) || ends.contains(length) {
                    if Self.mod97(chars, length: length) == 1 { return true }
                }
            }
            i += 1
        }
        return false
    }

    /// ISO 13616: the first four characters moved to the end, letters as 10…35, modulo 97.
    static func mod97(_ chars: [UInt8], length: Int) -> Int {
        var remainder = 0
        for k in 0..<length {
            let c = chars[(k + 4) % length]
            if isDigit(c) {
                remainder = (remainder * 10 + Int(c - 0x30)) % 97
            } else {
                remainder = (remainder * 100 + Int(c - 0x41 + 10)) % 97
            }
        }
        return remainder
    }

    // MARK: - Postcode

    func hasPostcode(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i + 5 < b.count {
            guard b[i] >= 0x31 && b[i] <= 0x39, Self.isDigit(b[i + 1]), Self.isDigit(b[i + 2]), Self.isDigit(b[i + 3]),
                  opens(after: i > 0 ? b[i - 1] : nil) else { i += 1; continue }
            var j = i + 4
            if j < b.count, b[j] == 0x20 { j += 1 }
            guard j + 1 < b.count, Self.isASCIILetter(b[j]), Self.isASCIILetter(b[j + 1]) else { i += 1; continue }
            let pair = (b[j] & 0xDF, b[j + 1] & 0xDF)
            // SA, SD and SS are never used in Dutch postcodes.
            let unused = pair.0 == 0x53 && (pair.1 == 0x41 || pair.1 == 0x44 || pair.1 == 0x53)
            j += 2
            guard !unused, j == b.count || !Self.isWordByte(b[j]) else { i += 1; continue }
            // Then a separator and a house number, or a space and a place name.
            var k = j
            var separators = 0
            while k < b.count, b[k] == 0x20 || b[k] == 0x2C || b[k] == 0x2D { k += 1; separators += 1 }
            if separators > 0, k < b.count {
                if Self.isDigit(b[k]) {
                    var n = k
                    while n < b.count, Self.isDigit(b[n]) { n += 1 }
                    if n - k <= 5, n == b.count || !Self.isDigit(b[n]) { return true }
                } else if b[k] >= 0x41 && b[k] <= 0x5A, k + 1 < b.count, b[k + 1] >= 0x61 && b[k + 1] <= 0x7A || b[k + 1] >= 0x80 {
                    return true
                }
            }
            i += 1
        }
        return false
    }

    // MARK: - Names

    /// Dutch (and a few neighbouring) name particles, compared in lower case.
    static let particles: Set<String> = [
        "van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "’t", "in", "op", "vd", "v.d.", "v/d", "la", "le", "du",
        "di", "da", "von", "zu", "dos", "das", "del", "bij", "onder", "uit", "voor", "aan", "over", "tot", "d'",
    ]

    /// One word of a value, for the name check.
    private enum Word {
        /// Starts with a capital and has at least two letters (`Jan`, `VRIES`, `Oude`, `Sjöberg-Nijhuis`).
        case capitalised
        /// One or more initials: `J.`, `J.H.`
        case initials
        case particle
        case other
    }

    static func hasName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        // Words and whether each is joined to the previous one by spaces (or ", ") only.
        var words: [(Word, joined: Bool)] = []
        var i = 0
        var gapIsSpaces = false
        var gapLength = 0
        while i < scalars.count {
            let s = scalars[i]
            if s.properties.isAlphabetic || s == "'" || s == "’" {
                var j = i
                while j < scalars.count {
                    let t = scalars[j]
                    if t.properties.isAlphabetic || t == "'" || t == "’" { j += 1; continue }
                    if t == "-" || t == ".", j + 1 < scalars.count, scalars[j + 1].properties.isAlphabetic { j += 1; continue }
                    break
                }
                // A trailing dot belongs to initials and to abbreviated particles (`v.d.`).
                if j < scalars.count, scalars[j] == "." { j += 1 }
                let text = String(String.UnicodeScalarView(scalars[i..<j]))
                words.append((classify(text), joined: gapLength > 0 && gapIsSpaces || (gapLength == 0 && !words.isEmpty)))
                i = j
                gapLength = 0
                gapIsSpaces = true
                continue
            }
            // Between words: spaces, or one comma followed by spaces (`Jansen, Piet`).
            if s == " " || s == "\u{A0}" || s == "\t" {
                gapLength += 1
            } else if s == ",", gapLength == 0, i + 1 < scalars.count, scalars[i + 1] == " " {
                gapLength += 1
            } else {
                gapIsSpaces = false
                gapLength += 1
            }
            i += 1
        }
        // A name: a capitalised word or initials, any particles, then a capitalised word, all joined.
        var k = 0
        while k < words.count {
            guard words[k].0 == .capitalised || words[k].0 == .initials else { k += 1; continue }
            var m = k + 1
            while m < words.count, words[m].joined, words[m].0 == .particle || words[m].0 == .initials { m += 1 }
            if m < words.count, words[m].joined, words[m].0 == .capitalised { return true }
            k += 1
        }
        return false
    }

    private static func classify(_ word: String) -> Word {
        let lower = word.lowercased()
        if particles.contains(lower) { return .particle }
        let scalars = Array(word.unicodeScalars)
        guard let first = scalars.first, first.properties.isUppercase else { return .other }
        // Initials: capital, dot, repeated (`J.`, `J.H.`, `A.B.C.`).
        if scalars.count >= 2, scalars.count % 2 == 0,
           stride(from: 0, to: scalars.count, by: 2).allSatisfy({ scalars[$0].properties.isUppercase && scalars[$0 + 1] == "." }) {
            return .initials
        }
        let letters = scalars.filter { $0.properties.isAlphabetic }.count
        return letters >= 2 ? .capitalised : .other
    }
}
